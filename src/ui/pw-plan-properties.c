/* pw-plan-properties.c: the plan's own texts — title, client, venue,
 * revision — and, in groups added by others, the plan's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-format.h"
#include "pw-plan-properties.h"

struct _PwPlanProperties
{
  AdwPreferencesWindow  parent_instance;

  PwHistory            *history;
  PwDocument           *document;

  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *plan_group;
  AdwEntryRow          *rows[PW_PLAN_N_FIELDS];
};

G_DEFINE_FINAL_TYPE (PwPlanProperties, pw_plan_properties, ADW_TYPE_PREFERENCES_WINDOW)

static PwPlanField
row_field (PwPlanProperties *self,
           AdwEntryRow      *row)
{
  for (PwPlanField f = 0; f < PW_PLAN_N_FIELDS; f++)
    if (self->rows[f] == row)
      return f;
  g_assert_not_reached ();
}

/* What the document holds for @field, into its row when they differ:
 * after an undo, or when the window opens. Other rows keep what is typed
 * in them. */
static void
update_row (PwPlanProperties *self,
            PwPlanField       field)
{
  const char *text = pw_document_get_field (self->document, field);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->rows[field])), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->rows[field]), text);
}

static void
document_notify_cb (PwPlanProperties *self,
                    GParamSpec       *pspec)
{
  for (PwPlanField f = 0; f < PW_PLAN_N_FIELDS; f++)
    if (g_str_equal (pspec->name, pw_plan_field_to_key (f)))
      update_row (self, f);
}

static void
apply_field (PwPlanProperties *self,
             PwPlanField       field)
{
  g_autofree char *text =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows[field]))));

  pw_edit_set_plan_field (self->history, field, text);
  /* Show what was kept: the text without its outer spaces. */
  update_row (self, field);
}

static void
row_apply_cb (PwPlanProperties *self,
              AdwEntryRow      *row)
{
  apply_field (self, row_field (self, row));
}

/* A text typed but not applied is applied when the window closes, as one
 * command per field: closing is not cancelling. */
static gboolean
close_request_cb (PwPlanProperties *self)
{
  for (PwPlanField f = 0; f < PW_PLAN_N_FIELDS; f++)
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->rows[f])),
                   pw_document_get_field (self->document, f)) != 0)
      apply_field (self, f);
  return FALSE;
}

static void
pw_plan_properties_dispose (GObject *object)
{
  PwPlanProperties *self = PW_PLAN_PROPERTIES (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (pw_plan_properties_parent_class)->dispose (object);
}

static void
pw_plan_properties_class_init (PwPlanPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_plan_properties_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PW_RESOURCE_PREFIX "/pw-plan-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPlanProperties, page);
  gtk_widget_class_bind_template_child (widget_class, PwPlanProperties, plan_group);
  for (PwPlanField f = 0; f < PW_PLAN_N_FIELDS; f++)
    {
      /* The rows are named after the fields: "title_row", … */
      g_autofree char *name = g_strconcat (pw_plan_field_to_key (f), "_row", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, name, FALSE,
                                                 G_STRUCT_OFFSET (PwPlanProperties, rows) +
                                                 f * sizeof (AdwEntryRow *));
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_plan_properties_init (PwPlanProperties *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (PwPlanField f = 0; f < PW_PLAN_N_FIELDS; f++)
    g_signal_connect_swapped (self->rows[f], "apply", G_CALLBACK (row_apply_cb), self);
  /* The file refuses a longer revision; the row takes no more. */
  gtk_text_set_max_length (GTK_TEXT (gtk_editable_get_delegate (
                             GTK_EDITABLE (self->rows[PW_PLAN_REVISION]))),
                           PW_FORMAT_MAX_REVISION_CHARS);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

PwPlanProperties *
pw_plan_properties_new (GtkWindow *parent,
                        PwHistory *history)
{
  PwPlanProperties *self;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PW_IS_HISTORY (history), NULL);

  self = g_object_new (PW_TYPE_PLAN_PROPERTIES, "transient-for", parent, NULL);
  self->history = g_object_ref (history);
  self->document = g_object_ref (pw_history_get_document (history));
  g_signal_connect_swapped (self->document, "notify", G_CALLBACK (document_notify_cb), self);
  for (PwPlanField f = 0; f < PW_PLAN_N_FIELDS; f++)
    update_row (self, f);

  /* Say what an empty title stands for. */
  title = pw_document_dup_display_title (self->document);
  if (*pw_document_get_title (self->document) == '\0' && title != NULL)
    {
      description = g_strdup_printf (_("Printed in the title block of every sheet and in the "
                                       "PDF's properties; without a title, the plan is called "
                                       "“%s” after its file. Press Enter to apply a change."),
                                     title);
      adw_preferences_group_set_description (self->plan_group, description);
    }
  return self;
}

PwHistory *
pw_plan_properties_get_history (PwPlanProperties *self)
{
  g_return_val_if_fail (PW_IS_PLAN_PROPERTIES (self), NULL);
  return self->history;
}

AdwEntryRow *
pw_plan_properties_get_row (PwPlanProperties *self,
                            PwPlanField       field)
{
  g_return_val_if_fail (PW_IS_PLAN_PROPERTIES (self), NULL);
  g_return_val_if_fail (field < PW_PLAN_N_FIELDS, NULL);
  return self->rows[field];
}

void
pw_plan_properties_add_group (PwPlanProperties    *self,
                              AdwPreferencesGroup *group)
{
  g_return_if_fail (PW_IS_PLAN_PROPERTIES (self));
  g_return_if_fail (ADW_IS_PREFERENCES_GROUP (group));
  adw_preferences_page_add (self->page, group);
}
