/* pw-compare-panel.c: the open plan compared with another version of it
 *
 * The panel runs the comparison again after every edit of the open plan
 * and says exactly which rows changed; it owns what the comparison marks
 * on the drawing and tells the window when that changes. Activating a
 * row asks for its device or cable to be shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "pw-compare-panel.h"

/* One row: a change, or a finding that came or went. */
#define PW_TYPE_COMPARE_ENTRY (pw_compare_entry_get_type ())

G_DECLARE_FINAL_TYPE (PwCompareEntry, pw_compare_entry, PW, COMPARE_ENTRY, GObject)

struct _PwCompareEntry
{
  GObject     parent_instance;

  char       *title;
  char       *subtitle;
  const char *icon_name;
  gboolean    cable;       /* what id names */
  char       *id;          /* NULL: nothing in the open plan to show */
};

G_DEFINE_FINAL_TYPE (PwCompareEntry, pw_compare_entry, G_TYPE_OBJECT)

static void
pw_compare_entry_finalize (GObject *object)
{
  PwCompareEntry *self = PW_COMPARE_ENTRY (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->id);
  G_OBJECT_CLASS (pw_compare_entry_parent_class)->finalize (object);
}

static void
pw_compare_entry_class_init (PwCompareEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_compare_entry_finalize;
}

static void
pw_compare_entry_init (PwCompareEntry *self)
{
}

static PwCompareEntry *
entry_new (char       *title,
           char       *subtitle,
           const char *icon_name,
           gboolean    cable,
           const char *id)
{
  PwCompareEntry *self = g_object_new (PW_TYPE_COMPARE_ENTRY, NULL);

  self->title = title;
  self->subtitle = subtitle;
  self->icon_name = icon_name;
  self->cable = cable;
  self->id = g_strdup (id);
  return self;
}

static gboolean
entry_equal (PwCompareEntry *a,
             PwCompareEntry *b)
{
  return g_str_equal (a->title, b->title) && g_strcmp0 (a->subtitle, b->subtitle) == 0 &&
         a->cable == b->cable && g_strcmp0 (a->id, b->id) == 0;
}

const char *
pw_compare_entry_get_title (GObject *entry)
{
  g_return_val_if_fail (PW_IS_COMPARE_ENTRY (entry), NULL);
  return PW_COMPARE_ENTRY (entry)->title;
}

struct _PwComparePanel
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkLabel   *heading;
  GtkLabel   *summary;
  GtkListBox *list;
  GtkButton  *close_button;
  GtkButton  *record_button;

  PwDocument *document;
  PwDocument *old;
  char       *name;
  PwDiff     *diff;
  PwMarks    *marks;
  GListStore *entries;      /* PwCompareEntry */
};

G_DEFINE_FINAL_TYPE (PwComparePanel, pw_compare_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MARKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DEVICE_ACTIVATED,
  SIGNAL_CABLE_ACTIVATED,
  SIGNAL_CLOSE_REQUESTED,
  SIGNAL_RECORD_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_finding_entries (PwComparePanel *self,
                     GPtrArray      *entries,
                     gboolean        appeared)
{
  PwDocument *doc = appeared ? pw_diff_get_new_document (self->diff)
                             : pw_diff_get_old_document (self->diff);
  guint n = appeared ? pw_diff_get_n_appeared (self->diff) : pw_diff_get_n_gone (self->diff);

  for (guint i = 0; i < n; i++)
    {
      const PwFinding *f = appeared ? pw_diff_get_appeared (self->diff, i)
                                    : pw_diff_get_gone (self->diff, i);
      PwCable *cable = f->cable >= 0 ? pw_document_get_cable (doc, f->cable) : NULL;
      PwDevice *device = f->device >= 0 ? pw_document_get_device (doc, f->device) : NULL;
      g_autofree char *where = NULL;

      if (cable != NULL)
        where = g_strdup_printf (_("Cable %s"), cable->label ? cable->label : cable->id);
      else if (device != NULL)
        where = g_strdup_printf ("%s: %s", device->name, device->type->ports[f->port].label);
      g_ptr_array_add (entries,
                       entry_new (g_strdup_printf (appeared ? _("New finding: %s")
                                                            : _("Finding gone: %s"),
                                                   pw_code_get_message (f->code)),
                                  g_steal_pointer (&where),
                                  appeared ? "dialog-warning-symbolic" : "emblem-ok-symbolic",
                                  cable != NULL,
                                  /* Only what is in the open plan can be shown. */
                                  appeared ? (cable ? cable->id : device ? device->id : NULL)
                                           : NULL));
    }
}

static GPtrArray *
build_entries (PwComparePanel *self)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < pw_diff_get_n_changes (self->diff); i++)
    {
      const PwChange *c = pw_diff_get_change (self->diff, i);
      gboolean cable = c->what == PW_CHANGE_CABLE;
      char *title = NULL;
      const char *icon = NULL;

      switch (c->kind)
        {
        case PW_CHANGE_ADDED:
          title = g_strdup_printf (cable ? _("Cable %s added") : _("Device %s added"), c->id);
          icon = "list-add-symbolic";
          break;
        case PW_CHANGE_REMOVED:
          title = g_strdup_printf (cable ? _("Cable %s removed") : _("Device %s removed"), c->id);
          icon = "list-remove-symbolic";
          break;
        case PW_CHANGE_CHANGED:
        default:
          {
            g_autoptr(GString) fields = g_string_new (NULL);

            for (guint k = 0; k < PW_DIFF_N_FIELDS; k++)
              if (c->fields & (1u << k))
                g_string_append_printf (fields, "%s%s", fields->len ? ", " : "",
                                        pw_diff_field_to_string (1u << k));
            title = g_strdup_printf (cable ? _("Cable %s changed: %s") : _("Device %s changed: %s"),
                                     c->id, fields->str);
            icon = "document-edit-symbolic";
          }
          break;
        }
      g_ptr_array_add (entries, entry_new (title, g_strdup (c->detail), icon, cable,
                                           c->kind == PW_CHANGE_REMOVED ? NULL : c->id));
    }
  add_finding_entries (self, entries, TRUE);
  add_finding_entries (self, entries, FALSE);
  return entries;
}

/* Replaces the rows that differ, and only those: the rows before the
 * first difference and after the last stay as they are. */
static void
update_entries (PwComparePanel *self,
                GPtrArray      *entries)
{
  GListModel *model = G_LIST_MODEL (self->entries);
  guint n_old = g_list_model_get_n_items (model);
  guint n_new = entries->len;
  guint head = 0, tail = 0;

  while (head < n_old && head < n_new)
    {
      g_autoptr(PwCompareEntry) e = g_list_model_get_item (model, head);

      if (!entry_equal (e, g_ptr_array_index (entries, head)))
        break;
      head++;
    }
  while (tail < n_old - head && tail < n_new - head)
    {
      g_autoptr(PwCompareEntry) e = g_list_model_get_item (model, n_old - 1 - tail);

      if (!entry_equal (e, g_ptr_array_index (entries, n_new - 1 - tail)))
        break;
      tail++;
    }
  if (head == n_old && head == n_new)
    return;
  g_list_store_splice (self->entries, head, n_old - head - tail, entries->pdata + head,
                       n_new - head - tail);
}

static void
recompare (PwComparePanel *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *summary = NULL;
  PwMarks *marks;

  g_clear_pointer (&self->diff, pw_diff_free);
  self->diff = pw_diff_new (self->old, self->document, PW_DIFF_NONE);

  marks = pw_marks_new ();
  for (guint i = 0; i < pw_diff_get_n_changes (self->diff); i++)
    {
      const PwChange *c = pw_diff_get_change (self->diff, i);

      if (c->kind != PW_CHANGE_REMOVED)
        pw_marks_add (marks, c->what == PW_CHANGE_CABLE, c->id,
                      c->kind == PW_CHANGE_ADDED ? PW_MARK_ADDED : PW_MARK_CHANGED);
    }
  g_clear_pointer (&self->marks, pw_marks_unref);
  self->marks = marks;

  entries = build_entries (self);
  update_entries (self, entries);
  summary = pw_diff_dup_summary (self->diff);
  gtk_label_set_text (self->summary, summary);
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button), !pw_diff_is_empty (self->diff));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKS]);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  PwCompareEntry *entry = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (entry->icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->title);
  if (entry->subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), entry->id != NULL);
  return row;
}

static void
row_activated_cb (PwComparePanel *self,
                  GtkListBoxRow  *row)
{
  g_autoptr(PwCompareEntry) entry =
    g_list_model_get_item (G_LIST_MODEL (self->entries), gtk_list_box_row_get_index (row));

  if (entry == NULL || entry->id == NULL)
    return;
  if (entry->cable)
    {
      PwCable *cable = pw_document_lookup_cable (self->document, entry->id);

      if (cable != NULL)
        g_signal_emit (self, signals[SIGNAL_CABLE_ACTIVATED], 0, (int) cable->index);
    }
  else
    {
      PwDevice *device = pw_document_lookup_device (self->document, entry->id);

      if (device != NULL)
        g_signal_emit (self, signals[SIGNAL_DEVICE_ACTIVATED], 0, (int) device->index);
    }
}

static void
close_clicked_cb (PwComparePanel *self)
{
  g_signal_emit (self, signals[SIGNAL_CLOSE_REQUESTED], 0);
}

static void
record_clicked_cb (PwComparePanel *self)
{
  g_signal_emit (self, signals[SIGNAL_RECORD_REQUESTED], 0);
}

static void
pw_compare_panel_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PwComparePanel *self = PW_COMPARE_PANEL (object);

  switch (prop_id)
    {
    case PROP_MARKS:
      g_value_set_pointer (value, self->marks);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_compare_panel_dispose (GObject *object)
{
  PwComparePanel *self = PW_COMPARE_PANEL (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->old);
  g_clear_pointer (&self->diff, pw_diff_free);
  g_clear_pointer (&self->marks, pw_marks_unref);
  g_clear_object (&self->entries);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_COMPARE_PANEL);
  G_OBJECT_CLASS (pw_compare_panel_parent_class)->dispose (object);
}

static void
pw_compare_panel_finalize (GObject *object)
{
  PwComparePanel *self = PW_COMPARE_PANEL (object);

  g_free (self->name);
  G_OBJECT_CLASS (pw_compare_panel_parent_class)->finalize (object);
}

static void
pw_compare_panel_class_init (PwComparePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pw_compare_panel_get_property;
  object_class->dispose = pw_compare_panel_dispose;
  object_class->finalize = pw_compare_panel_finalize;

  /**
   * PwComparePanel:marks:
   *
   * What the comparison marks on the drawing (a PwMarks), or NULL.
   */
  properties[PROP_MARKS] =
    g_param_spec_pointer ("marks", NULL, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwComparePanel::device-activated:
   * @index: the device's index in the open plan
   *
   * A row of a device that the open plan holds was activated.
   */
  signals[SIGNAL_DEVICE_ACTIVATED] =
    g_signal_new ("device-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * PwComparePanel::cable-activated:
   * @index: the cable's index in the open plan
   *
   * A row of a cable that the open plan holds was activated.
   */
  signals[SIGNAL_CABLE_ACTIVATED] =
    g_signal_new ("cable-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * PwComparePanel::close-requested:
   *
   * The user closed the comparison.
   */
  signals[SIGNAL_CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PwComparePanel::record-requested:
   *
   * The user asked to record these changes as a revision of the plan.
   */
  signals[SIGNAL_RECORD_REQUESTED] =
    g_signal_new ("record-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PW_RESOURCE_PREFIX "/pw-compare-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PwComparePanel, box);
  gtk_widget_class_bind_template_child (widget_class, PwComparePanel, heading);
  gtk_widget_class_bind_template_child (widget_class, PwComparePanel, summary);
  gtk_widget_class_bind_template_child (widget_class, PwComparePanel, list);
  gtk_widget_class_bind_template_child (widget_class, PwComparePanel, close_button);
  gtk_widget_class_bind_template_child (widget_class, PwComparePanel, record_button);
}

static void
pw_compare_panel_init (PwComparePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (PW_TYPE_COMPARE_ENTRY);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->entries), create_row_cb, NULL, NULL);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (close_clicked_cb), self);
  g_signal_connect_swapped (self->record_button, "clicked", G_CALLBACK (record_clicked_cb), self);
}

GtkWidget *
pw_compare_panel_new (void)
{
  return g_object_new (PW_TYPE_COMPARE_PANEL, NULL);
}

void
pw_compare_panel_compare (PwComparePanel *self,
                          PwDocument     *document,
                          PwDocument     *old,
                          const char     *name)
{
  g_autofree char *heading = NULL;

  g_return_if_fail (PW_IS_COMPARE_PANEL (self));
  g_return_if_fail (old == NULL || PW_IS_DOCUMENT (document));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->old);
  g_clear_pointer (&self->diff, pw_diff_free);
  g_free (self->name);
  self->name = g_strdup (name);

  if (old == NULL)
    {
      g_list_store_remove_all (self->entries);
      if (self->marks != NULL)
        {
          g_clear_pointer (&self->marks, pw_marks_unref);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKS]);
        }
      return;
    }

  self->document = g_object_ref (document);
  self->old = g_object_ref (old);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (recompare), self);
  heading = g_strdup_printf (_("Changes since %s"), name);
  gtk_label_set_text (self->heading, heading);
  recompare (self);
}

gboolean
pw_compare_panel_is_comparing (PwComparePanel *self)
{
  g_return_val_if_fail (PW_IS_COMPARE_PANEL (self), FALSE);
  return self->old != NULL;
}

PwDiff *
pw_compare_panel_get_diff (PwComparePanel *self)
{
  g_return_val_if_fail (PW_IS_COMPARE_PANEL (self), NULL);
  return self->diff;
}

PwMarks *
pw_compare_panel_get_marks (PwComparePanel *self)
{
  g_return_val_if_fail (PW_IS_COMPARE_PANEL (self), NULL);
  return self->marks;
}

char *
pw_compare_panel_dup_summary (PwComparePanel *self)
{
  g_return_val_if_fail (PW_IS_COMPARE_PANEL (self), NULL);
  return self->diff != NULL ? pw_diff_dup_summary (self->diff) : NULL;
}

GListModel *
pw_compare_panel_get_entries (PwComparePanel *self)
{
  g_return_val_if_fail (PW_IS_COMPARE_PANEL (self), NULL);
  return G_LIST_MODEL (self->entries);
}
