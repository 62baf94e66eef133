/* pw-panels.c: the panels around the canvas — palette, inspector,
 * findings and outline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-panels.h"
#include "pw-pinout.h"
#include "pw-suggest.h"

char *
pw_describe_port (PwDevice *device,
                  guint     port)
{
  return g_strdup_printf ("%s:%s", device->name, device->type->ports[port].label);
}

char *
pw_describe_finding_place (PwDocument      *doc,
                           const PwFinding *f)
{
  GString *s = g_string_new (NULL);

  if (f->cable >= 0)
    {
      PwCable *cable = pw_document_get_cable (doc, f->cable);
      gboolean first = TRUE;

      g_string_append_printf (s, "%s · ", cable->label);
      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          if (cable->ends[e].device == NULL)
            continue;
          if (!first)
            g_string_append (s, " → ");
          first = FALSE;
          g_string_append (s, cable->ends[e].device->name);
        }
    }
  if (f->device >= 0)
    {
      g_autofree char *port = pw_describe_port (pw_document_get_device (doc, f->device), f->port);

      g_string_append_printf (s, "%s%s", s->len ? _(", at ") : "", port);
    }
  return g_string_free (s, FALSE);
}

static const char *
severity_icon (PwSeverity severity)
{
  switch (severity)
    {
    case PW_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case PW_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case PW_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

/* What can be done with a finding that is expected in this plan: ignore
 * it for its cable or everywhere (the document's suppressions, one
 * undoable step each, see the window's actions), or stop ignoring it. */
static GtkWidget *
finding_menu_button (PwDocument      *doc,
                     const PwFinding *f)
{
  const char *code = pw_code_get_info (f->code)->code;
  const char *cable = f->cable >= 0 ? pw_document_get_cable (doc, (guint) f->cable)->id : "";
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenuItem) item = NULL;

  if (!f->suppressed)
    {
      if (*cable != '\0')
        {
          item = g_menu_item_new (_("Ignore for This Cable"), NULL);
          g_menu_item_set_action_and_target (item, "win.ignore-finding", "(ss)", code, cable);
          g_menu_append_item (menu, item);
          g_clear_object (&item);
        }
      item = g_menu_item_new (_("Ignore Everywhere"), NULL);
      g_menu_item_set_action_and_target (item, "win.ignore-finding", "(ss)", code, "");
    }
  else
    {
      item = g_menu_item_new (_("Stop Ignoring"), NULL);
      g_menu_item_set_action_and_target (item, "win.restore-finding", "(ss)", code, cable);
    }
  g_menu_append_item (menu, item);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, f->suppressed ? _("Stop ignoring this finding")
                                                     : _("Ignore this finding"));
  return button;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

/* ------------------------------------------------------------------ */
/* Palette: device types by category, searchable, dragged onto the canvas */

/* Rows built before the first frame: a screenful and some. The rest come
 * after it (DESIGN.md §7): a GtkListBox measures every row, and the 91 of
 * the built-in catalogue cost 20-40 ms of start-up. */
#define PALETTE_FIRST_ROWS 24

struct _PwPalettePanel
{
  GtkBox         parent_instance;
  GtkWidget     *search;
  GtkWidget     *list;

  GPtrArray     *pending;        /* device types still without a row, in order */
  GdkFrameClock *clock;          /* watched for the first frame while rows are pending */
  gulong         paint_handler;
};

G_DEFINE_FINAL_TYPE (PwPalettePanel, pw_palette_panel, GTK_TYPE_BOX)

enum {
  PALETTE_TYPE_ACTIVATED,
  N_PALETTE_SIGNALS
};

static guint palette_signals[N_PALETTE_SIGNALS];

static GdkContentProvider *
palette_drag_prepare_cb (GtkDragSource *source,
                         double         x,
                         double         y,
                         GtkWidget     *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "type-id");
  g_autofree char *text = g_strconcat (PW_DEVICE_TYPE_DRAG_PREFIX, id, NULL);

  return gdk_content_provider_new_typed (G_TYPE_STRING, text);
}

static const char *
search_text (PwPalettePanel *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->search));
}

/* How well a row answers the search: 0 its name starts with it, 1 a word
 * of its name does, 2 it matches elsewhere. */
static int
search_rank (GtkListBoxRow *row,
             const char    *folded)
{
  g_autofree char *name = g_utf8_casefold (g_object_get_data (G_OBJECT (row), "name"), -1);
  const char *hit = strstr (name, folded);

  if (hit == name)
    return 0;
  if (hit != NULL && (hit[-1] == ' ' || hit[-1] == '('))
    return 1;
  return 2;
}

static int
palette_sort_cb (GtkListBoxRow  *a,
                 GtkListBoxRow  *b,
                 PwPalettePanel *self)
{
  const char *needle = search_text (self);
  int order;

  if (needle != NULL && *needle != '\0')
    {
      g_autofree char *folded = g_utf8_casefold (needle, -1);
      int ra = search_rank (a, folded), rb = search_rank (b, folded);

      if (ra != rb)
        return ra - rb;
    }
  else if ((order = g_strcmp0 (g_object_get_data (G_OBJECT (a), "category"),
                               g_object_get_data (G_OBJECT (b), "category"))) != 0)
    return order;
  return g_utf8_collate (g_object_get_data (G_OBJECT (a), "name"),
                         g_object_get_data (G_OBJECT (b), "name"));
}

static void
palette_header_cb (GtkListBoxRow  *row,
                   GtkListBoxRow  *before,
                   PwPalettePanel *self)
{
  const char *category = g_object_get_data (G_OBJECT (row), "category");
  const char *needle = search_text (self);
  GtkWidget *label;

  /* While searching, rows are ranked, not grouped. */
  if (needle != NULL && *needle != '\0')
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  if (before != NULL && g_str_equal (category, g_object_get_data (G_OBJECT (before), "category")))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (category);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_list_box_row_set_header (row, label);
}

static gboolean
palette_filter_cb (GtkListBoxRow  *row,
                   PwPalettePanel *self)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search));
  const char *haystack = g_object_get_data (G_OBJECT (row), "search");
  g_autofree char *folded = NULL;

  if (needle == NULL || *needle == '\0')
    return TRUE;
  folded = g_utf8_casefold (needle, -1);
  return strstr (haystack, folded) != NULL;
}

static void palette_add_pending (PwPalettePanel *self);

static void
palette_search_changed_cb (PwPalettePanel *self)
{
  palette_add_pending (self);
  gtk_list_box_invalidate_filter (GTK_LIST_BOX (self->list));
  gtk_list_box_invalidate_sort (GTK_LIST_BOX (self->list));
  gtk_list_box_invalidate_headers (GTK_LIST_BOX (self->list));
}

/* Enter in the search adds the best match, as activating its row would. */
static void
palette_search_activate_cb (PwPalettePanel *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), i)) != NULL; i++)
    {
      if (gtk_widget_get_child_visible (GTK_WIDGET (row)))
        {
          g_signal_emit (self, palette_signals[PALETTE_TYPE_ACTIVATED], 0,
                         g_object_get_data (G_OBJECT (row), "type-id"));
          return;
        }
    }
}

static void
palette_row_activated_cb (GtkListBox     *list,
                          GtkListBoxRow  *row,
                          PwPalettePanel *self)
{
  g_signal_emit (self, palette_signals[PALETTE_TYPE_ACTIVATED], 0,
                 g_object_get_data (G_OBJECT (row), "type-id"));
}

static int
compare_types (gconstpointer a,
               gconstpointer b)
{
  PwDeviceType *ta = *(PwDeviceType **) a, *tb = *(PwDeviceType **) b;
  int c = g_strcmp0 (ta->category, tb->category);

  return c != 0 ? c : g_utf8_collate (pw_catalogue_type_name (ta->name),
                                      pw_catalogue_type_name (tb->name));
}

static char *
category_title (const char *category)
{
  g_autofree char *spaced = g_strdelimit (g_strdup (category), "-_", ' ');

  /* Catalogue categories are lower-case ids: show them capitalised, in the
   * user's language (build-aux/catalogue-strings lists them for po/). */
  spaced[0] = g_ascii_toupper (spaced[0]);
  return g_strdup (pw_catalogue_type_name (spaced));
}

/* In the list's order when nothing is searched: by category title, then name. */
static int
compare_palette_order (gconstpointer a,
                       gconstpointer b)
{
  PwDeviceType *ta = *(PwDeviceType **) a, *tb = *(PwDeviceType **) b;
  g_autofree char *ca = category_title (ta->category);
  g_autofree char *cb = category_title (tb->category);
  int c = g_strcmp0 (ca, cb);

  return c != 0 ? c : g_utf8_collate (pw_catalogue_type_name (ta->name),
                                      pw_catalogue_type_name (tb->name));
}

/* Adds rows for types[from, to), sorted and given headers once, after the
 * last, rather than after each. */
static void
palette_add_types (PwPalettePanel *self,
                   GPtrArray      *types,
                   guint           from,
                   guint           to)
{
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->list), NULL, NULL, NULL);
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->list), NULL, NULL, NULL);
  for (guint i = from; i < to; i++)
    {
      PwDeviceType *type = g_ptr_array_index (types, i);
      GtkWidget *row, *box, *name, *detail;
      g_autofree char *ports = NULL;
      g_autofree char *search = NULL;
      GtkDragSource *source;
      GString *summary = g_string_new (NULL);

      for (guint p = 0; p < type->n_ports && p < 4; p++)
        g_string_append_printf (summary, "%s%s", p ? ", " : "", type->ports[p].family->name);
      if (type->n_ports > 4)
        g_string_append_printf (summary, _(" … %u ports"), type->n_ports);
      ports = g_string_free (summary, FALSE);

      row = gtk_list_box_row_new ();
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      name = gtk_label_new (pw_catalogue_type_name (type->name));
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      detail = gtk_label_new (ports);
      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_widget_add_css_class (detail, "caption");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), detail);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

      {
        g_autofree char *category = category_title (type->category);
        /* Found by its name in either language, its id, category and ports. */
        g_autofree char *words = g_strjoin (" ", pw_catalogue_type_name (type->name), type->name,
                                            type->id, type->category, category, ports, NULL);

        search = g_utf8_casefold (words, -1);
      }
      g_object_set_data_full (G_OBJECT (row), "type-id", g_strdup (type->id), g_free);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (pw_catalogue_type_name (type->name)),
                              g_free);
      g_object_set_data_full (G_OBJECT (row), "category", category_title (type->category), g_free);
      g_object_set_data_full (G_OBJECT (row), "search", g_steal_pointer (&search), g_free);

      source = gtk_drag_source_new ();
      gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
      g_signal_connect (source, "prepare", G_CALLBACK (palette_drag_prepare_cb), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
  gtk_list_box_set_header_func (GTK_LIST_BOX (self->list),
                                (GtkListBoxUpdateHeaderFunc) palette_header_cb, self, NULL);
  gtk_list_box_set_sort_func (GTK_LIST_BOX (self->list), (GtkListBoxSortFunc) palette_sort_cb,
                              self, NULL);
}

static void
palette_stop_watch (PwPalettePanel *self)
{
  if (self->clock != NULL)
    g_clear_signal_handler (&self->paint_handler, self->clock);
  g_clear_object (&self->clock);
}

/* The rows left for after the first frame, now. */
static void
palette_add_pending (PwPalettePanel *self)
{
  g_autoptr(GPtrArray) pending = g_steal_pointer (&self->pending);

  palette_stop_watch (self);
  if (pending != NULL)
    palette_add_types (self, pending, 0, pending->len);
}

static void
palette_after_paint_cb (GdkFrameClock  *clock,
                        PwPalettePanel *self)
{
  palette_add_pending (self);
}

static void
palette_map_cb (PwPalettePanel *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->pending == NULL || self->clock != NULL)
    return;
  if (clock == NULL)
    {
      palette_add_pending (self);
      return;
    }
  self->clock = g_object_ref (clock);
  self->paint_handler = g_signal_connect (clock, "after-paint",
                                          G_CALLBACK (palette_after_paint_cb), self);
}

/* One tooltip for every row, asked for when shown: setting a tooltip on each
 * row at start-up costs GTK 4.8 a round trip to the X server per row. */
static gboolean
palette_query_tooltip_cb (GtkWidget      *list,
                          int             x,
                          int             y,
                          gboolean        keyboard_tooltip,
                          GtkTooltip     *tooltip,
                          PwPalettePanel *self)
{
  GtkListBoxRow *row;
  graphene_rect_t bounds;

  if (keyboard_tooltip)
    row = gtk_list_box_get_selected_row (GTK_LIST_BOX (list));
  else
    row = gtk_list_box_get_row_at_y (GTK_LIST_BOX (list), y);
  if (row == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (row), list, &bounds))
    return FALSE;
  gtk_tooltip_set_text (tooltip, _("Drag onto the plan, or press Enter to add"));
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                       bounds.size.width, bounds.size.height });
  return TRUE;
}

void
pw_palette_panel_reload (PwPalettePanel *self)
{
  g_autoptr(GPtrArray) user = pw_type_set_list_device_types (pw_catalogue_get_user ());
  g_autoptr(GPtrArray) builtin = pw_type_set_list_device_types (pw_catalogue_get_builtin ());
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  GtkWidget *child;
  guint first;

  palette_stop_watch (self);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  /* The user's own library comes first and hides built-ins of the same id. */
  g_ptr_array_sort (user, compare_types);
  g_ptr_array_sort (builtin, compare_types);
  for (guint i = 0; i < user->len; i++)
    if (g_hash_table_add (seen, ((PwDeviceType *) g_ptr_array_index (user, i))->id))
      g_ptr_array_add (types, g_ptr_array_index (user, i));
  for (guint i = 0; i < builtin->len; i++)
    if (g_hash_table_add (seen, ((PwDeviceType *) g_ptr_array_index (builtin, i))->id))
      g_ptr_array_add (types, g_ptr_array_index (builtin, i));

  /* Before the palette is first shown, the rows at its top first. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || types->len <= PALETTE_FIRST_ROWS)
    {
      palette_add_types (self, types, 0, types->len);
      return;
    }
  g_ptr_array_sort (types, compare_palette_order);
  first = PALETTE_FIRST_ROWS;
  palette_add_types (self, types, 0, first);
  self->pending = g_ptr_array_new ();
  for (guint i = first; i < types->len; i++)
    g_ptr_array_add (self->pending, g_ptr_array_index (types, i));
}

void
pw_palette_panel_focus_search (PwPalettePanel *self)
{
  palette_add_pending (self);
  gtk_widget_grab_focus (self->search);
}

GtkWidget *
pw_palette_panel_get_list (PwPalettePanel *self)
{
  palette_add_pending (self);
  return self->list;
}

const char *
pw_palette_panel_get_selected_type (PwPalettePanel *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (self->list));

  return row ? g_object_get_data (G_OBJECT (row), "type-id") : NULL;
}

static void
pw_palette_panel_dispose (GObject *object)
{
  PwPalettePanel *self = PW_PALETTE_PANEL (object);

  palette_stop_watch (self);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  /* The list outlives the search entry while the box tears down. */
  if (self->list != NULL)
    {
      gtk_list_box_set_sort_func (GTK_LIST_BOX (self->list), NULL, NULL, NULL);
      gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list), NULL, NULL, NULL);
      gtk_list_box_set_header_func (GTK_LIST_BOX (self->list), NULL, NULL, NULL);
      self->list = NULL;
    }
  self->search = NULL;
  G_OBJECT_CLASS (pw_palette_panel_parent_class)->dispose (object);
}

static void
pw_palette_panel_class_init (PwPalettePanelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pw_palette_panel_dispose;

  /**
   * PwPalettePanel::type-activated:
   * @id: the device type's id
   *
   * The user chose a device type with the keyboard (or a double click).
   */
  palette_signals[PALETTE_TYPE_ACTIVATED] =
    g_signal_new ("type-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pw_palette_panel_init (PwPalettePanel *self)
{
  GtkWidget *scrolled;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->search = gtk_search_entry_new ();
  g_object_set (self->search, "placeholder-text", _("Search devices"), NULL);
  gtk_widget_set_margin_start (self->search, 6);
  gtk_widget_set_margin_end (self->search, 6);
  gtk_widget_set_margin_top (self->search, 6);
  gtk_widget_set_margin_bottom (self->search, 6);
  g_signal_connect_swapped (self->search, "search-changed",
                            G_CALLBACK (palette_search_changed_cb), self);
  g_signal_connect_swapped (self->search, "activate",
                            G_CALLBACK (palette_search_activate_cb), self);
  gtk_box_append (GTK_BOX (self), self->search);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_BROWSE);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (self->list),
                                (GtkListBoxFilterFunc) palette_filter_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Device types"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (palette_row_activated_cb), self);
  gtk_widget_set_has_tooltip (self->list, TRUE);
  g_signal_connect (self->list, "query-tooltip", G_CALLBACK (palette_query_tooltip_cb), self);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_box_append (GTK_BOX (self), scrolled);

  g_signal_connect (self, "map", G_CALLBACK (palette_map_cb), NULL);
  pw_palette_panel_reload (self);
}

/* ------------------------------------------------------------------ */
/* Inspector: the selected device or cable, with the cable's pin diagram */

struct _PwInspector
{
  GtkBox       parent_instance;
  GtkWidget   *content;
  PwHistory   *history;
  PwRender    *render;
  PwDevice    *device;
  PwCable     *cable;
  GArray      *choices;       /* PwCableChoice offered for the selected cable */

  /* What is shown, so that an edit updates these widgets in place instead
   * of building new ones under the user's pointer and focus. */
  char        *shown_id;      /* device or cable id; NULL: nothing */
  gboolean     shown_cable;
  GtkWidget   *name_row;
  GtkWidget   *type_row;
  GtkWidget   *length_spin;
  GtkWidget   *link_label;
  GtkWidget   *findings_group;
  GtkWidget   *pinout;
  GPtrArray   *switches;      /* GtkSwitch: phantom per port ("port" data), lift (-1) */
};

G_DEFINE_FINAL_TYPE (PwInspector, pw_inspector, GTK_TYPE_BOX)

/* Sets an entry's text without putting the change on the entry's own undo
 * stack: Ctrl+Z there must never empty what the plan says. */
static void
set_entry_text (GtkWidget  *entry,
                const char *text)
{
  GtkRoot *root = gtk_widget_get_root (entry);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text ? text : "") == 0)
    return;
  /* Not while the user is typing in it. */
  if (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)))
    return;
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), TRUE);
}

static void
name_applied_cb (AdwEntryRow *row,
                 PwInspector *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (self->device != NULL && *text != '\0')
    pw_edit_set_device_name (self->history, self->device, text);
  else if (self->cable != NULL && *text != '\0')
    pw_edit_set_cable_label (self->history, self->cable, text);
}

static void
phantom_toggled_cb (GtkSwitch   *sw,
                    GParamSpec  *pspec,
                    PwInspector *self)
{
  int port = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sw), "port"));

  if (self->device == NULL)
    return;
  if (port < 0)
    {
      if (gtk_switch_get_active (sw) != self->device->ground_lift_on)
        pw_edit_set_ground_lift (self->history, self->device, gtk_switch_get_active (sw));
    }
  else if (gtk_switch_get_active (sw) != self->device->phantom_on[port])
    pw_edit_set_phantom (self->history, self->device, (guint) port, gtk_switch_get_active (sw));
}

static void
length_changed_cb (GtkSpinButton *spin,
                   PwInspector   *self)
{
  double value = gtk_spin_button_get_value (spin);

  if (self->cable != NULL && (!self->cable->has_length || self->cable->length_m != value))
    pw_edit_set_cable_length (self->history, self->cable, value, TRUE);
}

static void
type_selected_cb (AdwComboRow *row,
                  GParamSpec  *pspec,
                  PwInspector *self)
{
  guint i = adw_combo_row_get_selected (row);
  PwCableChoice *choice;

  if (self->cable == NULL || self->choices == NULL || i >= self->choices->len)
    return;
  choice = &g_array_index (self->choices, PwCableChoice, i);
  if (choice->type != self->cable->type)
    {
      PwCable *cable = self->cable;
      PwPlug plugs[2] = { { NULL, 0 }, { NULL, 0 } };
      guint n = 0;

      /* The alternative plugs in where the old cable was, end for port. */
      for (guint e = 0; e < cable->type->n_ends && n < 2; e++)
        if (cable->ends[e].device != NULL)
          plugs[n++] = cable->ends[e];
      pw_history_begin (self->history, _("Change Cable Type"));
      cable = pw_edit_set_cable_type (self->history, cable, choice->type);
      if (n == 2)
        {
          for (guint e = 0; e < cable->type->n_ends; e++)
            pw_edit_plug (self->history, cable, e, NULL, 0);
          pw_edit_plug (self->history, cable, choice->end_a, plugs[0].device, plugs[0].port);
          pw_edit_plug (self->history, cable, choice->end_b, plugs[1].device, plugs[1].port);
        }
      /* The new type is a new cable of the same id: the canvas finds it
       * again by its id, and it stays selected. */
      pw_history_end (self->history);
    }
}

/* Pin diagrams are laid out for at least this width: a narrower sidebar
 * shows the same drawing scaled down rather than one that crowds itself. */
#define PINOUT_MIN_WIDTH 560.0

static void
draw_pinout_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                PwInspector    *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  double layout_width = MAX (width, PINOUT_MIN_WIDTH);

  if (self->cable == NULL || self->render == NULL)
    return;
  cairo_scale (cr, width / layout_width, width / layout_width);
  pw_pinout_draw (cr, pw_history_get_document (self->history), pw_render_get_analysis (self->render),
                  self->cable->index, pw_palette_get (adw_style_manager_get_dark (style)),
                  layout_width);
}

static void
pinout_resize_cb (GtkDrawingArea *area,
                  int             width,
                  int             height,
                  PwInspector    *self)
{
  double layout_width = MAX (width, PINOUT_MIN_WIDTH);
  double h;

  if (self->cable == NULL || self->render == NULL || width <= 0)
    return;
  h = pw_pinout_get_height (pw_history_get_document (self->history),
                            pw_render_get_analysis (self->render), self->cable->index,
                            layout_width) * width / layout_width;
  if ((int) ceil (h) != height)
    gtk_drawing_area_set_content_height (area, (int) ceil (h));
}

static GtkWidget *
group_new (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  return group;
}

static GtkWidget *
info_row_full (const char  *title,
               const char  *value,
               GtkWidget  **label_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  if (label_out != NULL)
    *label_out = label;
  return row;
}

static GtkWidget *
info_row (const char *title,
          const char *value)
{
  return info_row_full (title, value, NULL);
}

static GtkWidget *
switch_row (PwInspector *self,
            const char  *title,
            const char  *subtitle,
            int          port,
            gboolean     active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (sw), "port", GINT_TO_POINTER (port));
  g_signal_connect (sw, "notify::active", G_CALLBACK (phantom_toggled_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_ptr_array_add (self->switches, sw);
  return row;
}

/* A port in people's words: "6.35 mm TRS socket · Input · Line (+4 dBu)". */
static char *
port_detail (const PwPortType *port)
{
  g_autofree char *connector = pw_connector_label (port->family, port->gender);

  return g_strdup_printf ("%s · %s · %s", connector, pw_direction_label (port->direction),
                          port->signal == PW_SIGNAL_ANALOG ? pw_level_label (port->level)
                                                           : pw_signal_label (port->signal));
}

static void
show_device (PwInspector *self)
{
  PwDevice *device = self->device;
  GtkWidget *group = group_new (_("Device"));
  GtkWidget *row;
  gboolean any_phantom = FALSE;

  row = self->name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name"));
  set_entry_text (row, device->name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (name_applied_cb), self);
  /* Enter applies too, as in every GNOME name field. */
  g_signal_connect (row, "entry-activated", G_CALLBACK (name_applied_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             info_row (_("Type"), pw_catalogue_type_name (device->type->name)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             info_row (_("Mains earth"), device->type->earthed ? _("Earthed (class I)")
                                                                              : _("Not earthed")));
  if (device->type->ground_lift)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               switch_row (self, _("Ground lift"),
                                           _("Lifts the signal ground, never the safety earth"), -1,
                                           device->ground_lift_on));
  gtk_box_append (GTK_BOX (self->content), group);

  group = group_new (_("Phantom Power (+48 V)"));
  for (guint p = 0; p < device->type->n_ports; p++)
    {
      if (device->type->ports[p].phantom != PW_PHANTOM_AVAILABLE)
        continue;
      any_phantom = TRUE;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 switch_row (self, device->type->ports[p].label, NULL, (int) p,
                                             device->phantom_on[p]));
    }
  if (any_phantom)
    gtk_box_append (GTK_BOX (self->content), group);
  else
    g_object_ref_sink (group), g_object_unref (group);

  group = group_new (_("Ports"));
  for (guint p = 0; p < device->type->n_ports; p++)
    {
      g_autofree char *detail = port_detail (&device->type->ports[p]);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), device->type->ports[p].label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (self->content), group);
}

static void
update_device (PwInspector *self)
{
  set_entry_text (self->name_row, self->device->name);
  for (guint i = 0; i < self->switches->len; i++)
    {
      GtkWidget *sw = g_ptr_array_index (self->switches, i);
      int port = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (sw), "port"));
      gboolean on = port < 0 ? self->device->ground_lift_on : self->device->phantom_on[port];

      if (gtk_switch_get_active (GTK_SWITCH (sw)) != on)
        {
          g_signal_handlers_block_by_func (sw, phantom_toggled_cb, self);
          gtk_switch_set_active (GTK_SWITCH (sw), on);
          g_signal_handlers_unblock_by_func (sw, phantom_toggled_cb, self);
        }
    }
}

static void
type_item_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  compact)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  if (compact)
    {
      gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
      gtk_widget_set_margin_top (box, 3);
      gtk_widget_set_margin_bottom (box, 3);
    }
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
type_item_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   PwInspector              *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  guint i = gtk_list_item_get_position (item);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (self->choices == NULL || i >= self->choices->len)
    return;
  title = pw_cable_type_title (g_array_index (self->choices, PwCableChoice, i).type, &subtitle);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), title);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), subtitle);
}

static GtkListItemFactory *
type_factory_new (PwInspector *self,
                  gboolean     compact)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (type_item_setup_cb), GINT_TO_POINTER (compact));
  g_signal_connect (factory, "bind", G_CALLBACK (type_item_bind_cb), self);
  return factory;
}

/* The alternatives: every cable that fits the two plugged ports, the
 * current type among them; each type once. Returns the current one's
 * position. */
static guint
compute_choices (PwInspector *self)
{
  PwCable *cable = self->cable;
  PwPlug *ends[2] = { NULL, NULL };
  guint n_ends = 0, selected = 0;

  for (guint e = 0; e < cable->type->n_ends && n_ends < 2; e++)
    if (cable->ends[e].device != NULL)
      ends[n_ends++] = &cable->ends[e];
  g_clear_pointer (&self->choices, g_array_unref);
  if (n_ends == 2)
    self->choices = pw_suggest_connections (&ends[0]->device->type->ports[ends[0]->port],
                                            &ends[1]->device->type->ports[ends[1]->port]);
  else
    self->choices = g_array_new (FALSE, FALSE, sizeof (PwCableChoice));
  /* A type of the same id twice (the plan's own copy and the catalogue's)
   * is one row. */
  for (guint i = 0; i < self->choices->len; i++)
    for (guint j = i + 1; j < self->choices->len; j++)
      if (g_str_equal (g_array_index (self->choices, PwCableChoice, i).type->id,
                       g_array_index (self->choices, PwCableChoice, j).type->id))
        g_array_remove_index (self->choices, j--);
  for (guint i = 0; i < self->choices->len && selected == 0; i++)
    if (g_str_equal (g_array_index (self->choices, PwCableChoice, i).type->id, cable->type->id))
      {
        g_array_index (self->choices, PwCableChoice, i).type = cable->type;
        selected = i + 1;
      }
  if (selected == 0)
    {
      PwCableChoice current = { cable->type, 0, 1, 0 };

      g_array_prepend_val (self->choices, current);
      selected = 1;
    }
  return selected - 1;
}

static void
update_type_row (PwInspector *self)
{
  GListModel *old = adw_combo_row_get_model (ADW_COMBO_ROW (self->type_row));
  g_autoptr(GtkStringList) ids = gtk_string_list_new (NULL);
  guint selected = compute_choices (self);
  gboolean same = old != NULL && g_list_model_get_n_items (old) == self->choices->len;

  for (guint i = 0; i < self->choices->len; i++)
    {
      const char *id = g_array_index (self->choices, PwCableChoice, i).type->id;

      gtk_string_list_append (ids, id);
      if (same)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (old, i);

          same = g_str_equal (gtk_string_object_get_string (item), id);
        }
    }
  g_signal_handlers_block_by_func (self->type_row, type_selected_cb, self);
  if (!same)
    adw_combo_row_set_model (ADW_COMBO_ROW (self->type_row), G_LIST_MODEL (ids));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->type_row), selected);
  g_signal_handlers_unblock_by_func (self->type_row, type_selected_cb, self);
}

static GtkWidget *
cable_findings_group (PwInspector *self)
{
  PwAnalysis *analysis = pw_render_get_analysis (self->render);
  GtkWidget *group = group_new (_("Findings"));

  /* Unsuppressed first, then the ignored ones, dimmed. */
  for (guint k = 0; k < 2 * pw_analysis_get_n_findings (analysis); k++)
    {
      guint i = k % pw_analysis_get_n_findings (analysis);
      const PwFinding *f = pw_analysis_get_finding (analysis, i);
      GtkWidget *row, *icon;

      if (f->cable != (int) self->cable->index ||
          f->suppressed != (k >= pw_analysis_get_n_findings (analysis)))
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pw_code_get_message (f->code));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pw_code_get_explanation (f->code));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      icon = gtk_image_new_from_icon_name (severity_icon (f->severity));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 finding_menu_button (pw_history_get_document (self->history), f));
      if (f->suppressed)
        {
          g_autofree char *title = g_strdup_printf (_("Ignored: %s"), pw_code_get_message (f->code));

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          gtk_widget_add_css_class (row, "dim-label");
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

static gboolean
focus_first_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_widget_grab_focus (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (focus_first_menu (child))
      return TRUE;
  return FALSE;
}

static void
update_cable (PwInspector *self)
{
  PwCable *cable = self->cable;
  PwAnalysis *analysis = pw_render_get_analysis (self->render);
  GtkWidget *findings;

  set_entry_text (self->name_row, cable->label);
  update_type_row (self);
  g_signal_handlers_block_by_func (self->length_spin, length_changed_cb, self);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->length_spin),
                             cable->has_length ? cable->length_m : 0);
  g_signal_handlers_unblock_by_func (self->length_spin, length_changed_cb, self);
  gtk_label_set_text (GTK_LABEL (self->link_label),
                      pw_link_class_label (pw_analysis_get_link_class (analysis, cable->index)));

  /* The findings group: a new one in its place. Where the focus was in
   * it (its menu, after ignoring a finding), it stays in it, never going
   * to the first field of the panel. */
  {
    GtkRoot *root = gtk_widget_get_root (self->content);
    GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
    gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, self->findings_group);

    findings = cable_findings_group (self);
    gtk_box_insert_child_after (GTK_BOX (self->content), findings, self->findings_group);
    if (had_focus && !focus_first_menu (findings))
      gtk_widget_grab_focus (self->type_row);
    gtk_box_remove (GTK_BOX (self->content), self->findings_group);
    self->findings_group = findings;
  }

  gtk_widget_queue_resize (self->pinout);
  gtk_widget_queue_draw (self->pinout);
}

static void
show_cable (PwInspector *self)
{
  PwCable *cable = self->cable;
  PwDocument *doc = pw_history_get_document (self->history);
  PwAnalysis *analysis = pw_render_get_analysis (self->render);
  GtkWidget *group = group_new (_("Cable"));
  GtkWidget *row, *area;
  g_autoptr(GtkListItemFactory) factory = type_factory_new (self, TRUE);
  g_autoptr(GtkListItemFactory) list_factory = type_factory_new (self, FALSE);

  row = self->name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Label"));
  set_entry_text (row, cable->label);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (name_applied_cb), self);
  /* Enter applies too, as in every GNOME name field. */
  g_signal_connect (row, "entry-activated", G_CALLBACK (name_applied_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = self->type_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Type"));
  gtk_widget_add_css_class (row, "cable-type-row");
  adw_combo_row_set_factory (ADW_COMBO_ROW (row), factory);
  adw_combo_row_set_list_factory (ADW_COMBO_ROW (row), list_factory);
  update_type_row (self);
  g_signal_connect (row, "notify::selected", G_CALLBACK (type_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Length (m)"));
  self->length_spin = gtk_spin_button_new_with_range (0, 1000, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->length_spin), 1);
  /* Ctrl+Z undoes the plan's edit, not the text of the field. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->length_spin), FALSE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->length_spin),
                             cable->has_length ? cable->length_m : 0);
  gtk_widget_set_valign (self->length_spin, GTK_ALIGN_CENTER);
  g_signal_connect (self->length_spin, "value-changed", G_CALLBACK (length_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->length_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             info_row_full (_("Link"),
                                            pw_link_class_label (pw_analysis_get_link_class (analysis,
                                                                                             cable->index)),
                                            &self->link_label));
  gtk_box_append (GTK_BOX (self->content), group);

  self->findings_group = cable_findings_group (self);
  gtk_box_append (GTK_BOX (self->content), self->findings_group);

  group = group_new (_("Pin Diagram"));
  area = self->pinout = gtk_drawing_area_new ();
  gtk_widget_add_css_class (area, "pin-diagram");
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                       (int) (pw_pinout_get_height (doc, analysis, cable->index,
                                                                    PINOUT_MIN_WIDTH) * 340 / PINOUT_MIN_WIDTH));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area),
                                  (GtkDrawingAreaDrawFunc) draw_pinout_cb, self, NULL);
  g_signal_connect (area, "resize", G_CALLBACK (pinout_resize_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pin diagram of the selected cable"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), area);
  gtk_box_append (GTK_BOX (self->content), group);
}

void
pw_inspector_show (PwInspector *self,
                   PwHistory   *history,
                   PwRender    *render,
                   PwDevice    *device,
                   PwCable     *cable)
{
  GtkWidget *status;
  const char *id = device ? device->id : cable ? cable->id : NULL;

  self->history = history;
  self->render = render;
  self->device = device;
  self->cable = cable;

  /* The same device or cable after an edit: update what changed, where
   * the user's pointer and focus are. */
  if (id != NULL && g_strcmp0 (id, self->shown_id) == 0 && self->shown_cable == (cable != NULL))
    {
      if (device != NULL)
        update_device (self);
      else
        update_cable (self);
      return;
    }

  g_free (self->shown_id);
  self->shown_id = g_strdup (id);
  self->shown_cable = cable != NULL;
  self->name_row = self->type_row = self->length_spin = self->link_label = NULL;
  self->findings_group = self->pinout = NULL;
  g_ptr_array_set_size (self->switches, 0);
  clear_box (self->content);

  if (device != NULL)
    show_device (self);
  else if (cable != NULL)
    show_cable (self);
  else
    {
      status = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "document-properties-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Nothing Selected"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                       _("Select a device or a cable to see its details and its pin diagram"));
      gtk_widget_add_css_class (status, "compact");
      gtk_box_append (GTK_BOX (self->content), status);
    }
}

void
pw_inspector_focus_name (PwInspector *self)
{
  g_return_if_fail (PW_IS_INSPECTOR (self));

  if (self->name_row != NULL)
    gtk_widget_grab_focus (self->name_row);
}

void
pw_inspector_popup_type (PwInspector *self)
{
  g_return_if_fail (PW_IS_INSPECTOR (self));

  if (self->type_row != NULL)
    gtk_widget_activate (self->type_row);
}

static void
pw_inspector_finalize (GObject *object)
{
  PwInspector *self = PW_INSPECTOR (object);

  g_clear_pointer (&self->choices, g_array_unref);
  g_clear_pointer (&self->switches, g_ptr_array_unref);
  g_free (self->shown_id);
  G_OBJECT_CLASS (pw_inspector_parent_class)->finalize (object);
}

static void
pw_inspector_class_init (PwInspectorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_inspector_finalize;
}

static void
pw_inspector_init (PwInspector *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->switches = g_ptr_array_new ();
  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  gtk_widget_set_margin_top (self->content, 12);
  gtk_widget_set_margin_bottom (self->content, 12);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->content);
  gtk_box_append (GTK_BOX (self), scrolled);
  pw_inspector_show (self, NULL, NULL, NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Findings: every finding of the plan; activating one shows its place */

struct _PwFindingsPanel
{
  GtkBox     parent_instance;
  GtkWidget *list;
  GtkWidget *stack;
};

G_DEFINE_FINAL_TYPE (PwFindingsPanel, pw_findings_panel, GTK_TYPE_BOX)

enum {
  FINDING_ACTIVATED,
  N_FINDINGS_SIGNALS
};

static guint findings_signals[N_FINDINGS_SIGNALS];

static void
finding_row_activated_cb (GtkListBox      *list,
                          GtkListBoxRow   *row,
                          PwFindingsPanel *self)
{
  g_signal_emit (self, findings_signals[FINDING_ACTIVATED], 0,
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cable")),
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "device")));
}

void
pw_findings_panel_update (PwFindingsPanel *self,
                          PwDocument      *doc,
                          PwAnalysis      *analysis)
{
  GtkWidget *child;
  guint shown = 0, n;
  gboolean header = FALSE;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);

  n = analysis != NULL ? pw_analysis_get_n_findings (analysis) : 0;
  /* The ignored findings apart, after the others, under a header. */
  for (guint k = 0; k < 2 * n; k++)
    {
      const PwFinding *f = pw_analysis_get_finding (analysis, k % n);
      g_autofree char *place = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *icon;

      if (f->suppressed != (k >= n))
        continue;
      if (f->suppressed && !header)
        {
          GtkWidget *label = gtk_label_new (_("Ignored in this plan"));

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "heading");
          gtk_widget_set_margin_top (label, 12);
          gtk_widget_set_margin_bottom (label, 6);
          gtk_widget_set_margin_start (label, 12);
          gtk_list_box_append (GTK_LIST_BOX (self->list), label);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
          gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
          header = TRUE;
        }
      place = pw_describe_finding_place (doc, f);
      row = adw_action_row_new ();
      icon = gtk_image_new_from_icon_name (severity_icon (f->severity));

      subtitle = f->suppressed ? g_strdup_printf (_("%s (suppressed)"), place) : g_strdup (place);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pw_code_get_message (f->code));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (icon, f->severity == PW_SEVERITY_ERROR ? "severity-error"
                                      : f->severity == PW_SEVERITY_WARNING ? "severity-warning"
                                      : "severity-info");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      pw_severity_to_string (f->severity), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (row, "finding-row");
      if (f->suppressed)
        gtk_widget_add_css_class (row, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), finding_menu_button (doc, f));
      g_object_set_data (G_OBJECT (row), "cable", GINT_TO_POINTER (f->cable));
      g_object_set_data (G_OBJECT (row), "device", GINT_TO_POINTER (f->device));
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
      shown++;
    }
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), shown ? "list" : "empty");
}

static void
pw_findings_panel_class_init (PwFindingsPanelClass *klass)
{
  /**
   * PwFindingsPanel::finding-activated:
   * @cable: the finding's cable index, or -1
   * @device: the finding's device index, or -1
   *
   * The user asked to see where a finding is.
   */
  findings_signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
}

static void
pw_findings_panel_init (PwFindingsPanel *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *empty = adw_status_page_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_margin_start (self->list, 12);
  gtk_widget_set_margin_end (self->list, 12);
  gtk_widget_set_margin_top (self->list, 12);
  gtk_widget_set_margin_bottom (self->list, 12);
  gtk_widget_set_valign (self->list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Findings"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (finding_row_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_stack_add_named (GTK_STACK (self->stack), scrolled, "list");

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Findings"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _("Every cable checks out, pin by pin"));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (GTK_STACK (self->stack), empty, "empty");
  gtk_box_append (GTK_BOX (self), self->stack);
}

/* ------------------------------------------------------------------ */
/* Outline: devices and cables as a list, and connecting by keyboard */

struct _PwOutline
{
  GtkBox      parent_instance;
  GtkWidget  *from;
  GtkWidget  *to;
  GtkWidget  *list;
  GArray     *ports;        /* pairs of (device index, port index) offered */
};

G_DEFINE_FINAL_TYPE (PwOutline, pw_outline, GTK_TYPE_BOX)

enum {
  OUTLINE_DEVICE_ACTIVATED,
  OUTLINE_CABLE_ACTIVATED,
  OUTLINE_CONNECT,
  OUTLINE_DELETE,
  N_OUTLINE_SIGNALS
};

static guint outline_signals[N_OUTLINE_SIGNALS];

static void
outline_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          PwOutline     *self)
{
  int device = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "device"));
  int cable = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cable"));

  if (device > 0)
    g_signal_emit (self, outline_signals[OUTLINE_DEVICE_ACTIVATED], 0, device - 1);
  else if (cable > 0)
    g_signal_emit (self, outline_signals[OUTLINE_CABLE_ACTIVATED], 0, cable - 1);
}

/* Delete on a row removes that device or cable, as on the canvas. */
static gboolean
outline_key_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PwOutline             *self)
{
  GtkWidget *focus;
  GtkListBoxRow *row = NULL;

  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete)
    return FALSE;
  focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  if (focus != NULL)
    row = GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW));
  if (row == NULL || gtk_widget_get_parent (GTK_WIDGET (row)) != self->list)
    return FALSE;
  g_signal_emit (self, outline_signals[OUTLINE_DELETE], 0,
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "device")) - 1,
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "cable")) - 1);
  return TRUE;
}

static void
connect_clicked_cb (PwOutline *self)
{
  guint a = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->from));
  guint b = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->to));

  if (a == GTK_INVALID_LIST_POSITION || b == GTK_INVALID_LIST_POSITION || a == b ||
      2 * MAX (a, b) + 1 >= self->ports->len)
    return;
  g_signal_emit (self, outline_signals[OUTLINE_CONNECT], 0,
                 g_array_index (self->ports, int, 2 * a), g_array_index (self->ports, int, 2 * a + 1),
                 g_array_index (self->ports, int, 2 * b), g_array_index (self->ports, int, 2 * b + 1));
}

void
pw_outline_update (PwOutline  *self,
                   PwDocument *doc)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *child;

  g_array_set_size (self->ports, 0);
  for (guint d = 0; d < pw_document_get_n_devices (doc); d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);

      for (guint p = 0; p < device->type->n_ports; p++)
        {
          g_autofree char *name = pw_describe_port (device, p);
          int pair[2] = { d, p };

          gtk_string_list_append (names, name);
          g_array_append_vals (self->ports, pair, 2);
        }
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->from), G_LIST_MODEL (names));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->to), G_LIST_MODEL (names));

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  for (guint d = 0; d < pw_document_get_n_devices (doc); d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), device->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pw_catalogue_type_name (device->type->name));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("audio-card-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "device", GINT_TO_POINTER (d + 1));
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
      GtkWidget *row = adw_action_row_new ();
      GString *ends = g_string_new (NULL);

      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          g_autofree char *port = cable->ends[e].device
                                  ? pw_describe_port (cable->ends[e].device, cable->ends[e].port)
                                  : g_strdup (_("(open)"));

          g_string_append_printf (ends, "%s%s", e ? " → " : "", port);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cable->label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ends->str);
      g_string_free (ends, TRUE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("network-wired-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "cable", GINT_TO_POINTER (c + 1));
      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
    }
}

static void
pw_outline_finalize (GObject *object)
{
  g_array_unref (PW_OUTLINE (object)->ports);
  G_OBJECT_CLASS (pw_outline_parent_class)->finalize (object);
}

static void
pw_outline_class_init (PwOutlineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_outline_finalize;

  /**
   * PwOutline::device-activated:
   * @index: the device's index in the plan
   */
  outline_signals[OUTLINE_DEVICE_ACTIVATED] =
    g_signal_new ("device-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * PwOutline::cable-activated:
   * @index: the cable's index in the plan
   */
  outline_signals[OUTLINE_CABLE_ACTIVATED] =
    g_signal_new ("cable-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * PwOutline::connect:
   *
   * The user asked, with the keyboard, to connect two ports.
   */
  outline_signals[OUTLINE_CONNECT] =
    g_signal_new ("connect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);
  /**
   * PwOutline::delete:
   * @device: the device's index, or -1
   * @cable: the cable's index, or -1
   *
   * The user pressed Delete on a row.
   */
  outline_signals[OUTLINE_DELETE] =
    g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);
}

static void
pw_outline_init (PwOutline *self)
{
  GtkWidget *group, *button, *scrolled, *box;

  self->ports = g_array_new (FALSE, FALSE, sizeof (int));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  group = gtk_label_new (_("Connect Ports"));
  gtk_widget_add_css_class (group, "heading");
  gtk_label_set_xalign (GTK_LABEL (group), 0);
  gtk_box_append (GTK_BOX (box), group);
  self->from = gtk_drop_down_new (NULL, NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->from), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->from), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("From port"), -1);
  self->to = gtk_drop_down_new (NULL, NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (self->to), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->to), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("To port"), -1);
  button = gtk_button_new_with_mnemonic (_("_Connect"));
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (connect_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->from);
  gtk_box_append (GTK_BOX (box), self->to);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (self), box);

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_widget_set_margin_start (self->list, 12);
  gtk_widget_set_margin_end (self->list, 12);
  gtk_widget_set_margin_top (self->list, 12);
  gtk_widget_set_margin_bottom (self->list, 12);
  gtk_widget_set_valign (self->list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Devices and cables"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (outline_row_activated_cb), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (outline_key_cb), self);
    gtk_widget_add_controller (self->list, keys);
  }
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_box_append (GTK_BOX (self), scrolled);
}
