/* pw-window.c: one plan in one window
 *
 * The window owns the document, its history and its renderer. Every edit
 * goes through the history; after each one the checks re-run (they are
 * fast enough to run in full), and the canvas, the findings and the
 * inspector follow. Unsaved work is written to an autosave file a few
 * seconds after each change, and removed once the plan is saved or closed
 * on purpose; after a crash, the application offers to recover it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pw-autosave.h"
#include "pw-compare-panel.h"
#include "pw-compat.h"
#include "pw-device-editor.h"
#include "pw-export.h"
#include "pw-format.h"
#include "pw-layout.h"
#include "pw-numbering-group.h"
#include "pw-panels.h"
#include "pw-paperwork.h"
#include "pw-plan-properties.h"
#include "pw-window.h"

#define AUTOSAVE_DELAY_SECONDS 3

struct _PwWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  AdwToastOverlay  *toasts;
  PwPalettePanel   *palette;
  PwCanvas         *canvas;
  PwInspector      *inspector;
  PwFindingsPanel  *findings;
  PwOutline        *outline;
  AdwViewStack     *side_stack;
  GMenuModel       *device_menu;      /* the canvas's context menu */
  GMenu            *recent_section;

  PwDocument       *document;
  PwHistory        *history;
  PwRender         *render;
  GFile            *file;
  char             *autosave_path;
  int               autosave_lock;    /* held while the autosave is ours (pw-autosave.h) */
  guint             autosave_source;
  GSettings        *settings;
  gboolean          findings_dirty;   /* the side pages rebuild when shown */
  gboolean          outline_dirty;
  gboolean          closing_confirmed;
  gboolean          export_dark;
  PwTableKind       export_table;    /* the table or label sheet chosen */
  double            export_label_w;  /* mm */
  double            export_label_h;

  /* The first frame: work that can wait for it waits (DESIGN.md §7). */
  GdkFrameClock    *first_frame_clock;
  gulong            first_frame_handler;
  gboolean          first_frame_canvas_drawn;
  gboolean          first_frame_done;
  GFile            *recent_pending;   /* to add to the recent files after it */

  /* Compare with… (see pw-compare-panel.c) */
  PwComparePanel   *compare;
  AdwViewStackPage *compare_page;
};

G_DEFINE_FINAL_TYPE (PwWindow, pw_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_title (PwWindow *self);

/* Settings may be missing (no schema found): then defaults apply. */
static int
setting_int (PwWindow   *self,
             const char *key,
             int         fallback)
{
  return self->settings ? g_settings_get_int (self->settings, key) : fallback;
}

static gboolean
setting_bool (PwWindow   *self,
              const char *key,
              gboolean    fallback)
{
  return self->settings ? g_settings_get_boolean (self->settings, key) : fallback;
}

static double
setting_double (PwWindow   *self,
                const char *key,
                double      fallback)
{
  return self->settings ? g_settings_get_double (self->settings, key) : fallback;
}

static char *
setting_string (PwWindow   *self,
                const char *key,
                const char *fallback)
{
  return self->settings ? g_settings_get_string (self->settings, key) : g_strdup (fallback);
}

static void
setting_set (PwWindow   *self,
             const char *key,
             GVariant   *value)
{
  if (self->settings != NULL)
    g_settings_set_value (self->settings, key, value);
  else
    g_variant_unref (g_variant_ref_sink (value));
}

char *
pw_autosave_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "patchwise", "autosave", NULL);
}

static void
toast (PwWindow   *self,
       const char *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 4);
  adw_toast_overlay_add_toast (self->toasts, t);
}

static void
remove_autosave (PwWindow *self)
{
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->autosave_path != NULL)
    pw_autosave_release (self->autosave_lock, self->autosave_path);
  self->autosave_lock = -1;
}

/* Writes the plan, as it is now, beside the other autosaves. The file
 * carries the path it belongs to, so that recovery reopens it there. */
void
pw_window_autosave (PwWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pw_autosave_dir ();
  JsonObject *extra;
  g_autoptr(JsonObject) copy = NULL;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (!pw_history_get_modified (self->history))
    {
      remove_autosave (self);
      return;
    }
  if (self->autosave_path == NULL)
    {
      g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT "-%u.patchwise",
                                               g_get_real_time (), g_random_int ());

      self->autosave_path = g_build_filename (dir, name, NULL);
    }
  g_mkdir_with_parents (dir, 0700);
  /* Ours while this window is open, so that no other Patchwise offers to recover it. */
  if (self->autosave_lock < 0)
    {
      self->autosave_lock = pw_autosave_claim (self->autosave_path, &error);
      if (self->autosave_lock < 0)
        {
          g_printerr ("%s\n", error->message);
          g_clear_error (&error);
        }
    }

  /* Say whose autosave this is, without touching the document for good. */
  extra = pw_document_get_extra (self->document);
  copy = extra ? json_object_ref (extra) : NULL;
  {
    g_autoptr(JsonObject) marked = json_object_new ();

    if (copy != NULL)
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *node;

        json_object_iter_init (&iter, copy);
        while (json_object_iter_next (&iter, &name, &node))
          json_object_set_member (marked, name, json_node_copy (node));
      }
    if (self->file != NULL)
      {
        g_autofree char *path = g_file_get_path (self->file);

        json_object_set_string_member (marked, "x-autosave-of", path ? path : "");
      }
    else
      json_object_set_string_member (marked, "x-autosave-of", "");
    pw_document_set_extra (self->document, marked);
    if (!pw_format_save_file (self->document, self->autosave_path, &error))
      g_printerr ("%s\n", error->message);
    pw_document_set_extra (self->document, copy);
  }
}

static gboolean
autosave_timeout_cb (gpointer data)
{
  PwWindow *self = data;

  self->autosave_source = 0;
  pw_window_autosave (self);
  return G_SOURCE_REMOVE;
}

static void
selection_changed_cb (PwWindow *self)
{
  g_autoptr(GPtrArray) devices = pw_canvas_get_selected_devices (self->canvas);
  PwCable *cable = pw_canvas_get_selected_cable (self->canvas);

  pw_inspector_show (self->inspector, self->history, self->render,
                     devices->len == 1 ? g_ptr_array_index (devices, 0) : NULL, cable);
  if (devices->len > 0 || cable != NULL)
    adw_view_stack_set_visible_child_name (self->side_stack, "inspector");
}

static void
add_point (JsonBuilder *b,
           const char  *name,
           double       x,
           double       y)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  json_builder_add_double_value (b, x);
  json_builder_add_double_value (b, y);
  json_builder_end_array (b);
}

/* For the end-to-end tests, which drive the real window with real pointer
 * events: where things are, relative to the window's X surface, and what
 * the checks say. Written only when PATCHWISE_TEST_GEOMETRY names a file. */
static void
write_test_geometry (PwWindow *self)
{
  const char *path = g_getenv ("PATCHWISE_TEST_GEOMETRY");
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;
  PwAnalysis *analysis;
  graphene_point_t origin;
  double sx = 0, sy = 0;
  GtkNative *native;

  if (path == NULL || self->render == NULL)
    return;
  native = gtk_widget_get_native (GTK_WIDGET (self));
  if (native != NULL)
    gtk_native_get_surface_transform (native, &sx, &sy);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->canvas), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (0, 0), &origin))
    return;

  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "canvas");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, origin.x + sx);
  json_builder_add_double_value (b, origin.y + sy);
  json_builder_add_double_value (b, gtk_widget_get_width (GTK_WIDGET (self->canvas)));
  json_builder_add_double_value (b, gtk_widget_get_height (GTK_WIDGET (self->canvas)));
  json_builder_end_array (b);
  {
    graphene_point_t p;

    if (gtk_widget_compute_point (GTK_WIDGET (self->palette), GTK_WIDGET (self),
                                  &GRAPHENE_POINT_INIT (0, 0), &p))
      {
        add_point (b, "palette", p.x + sx, p.y + sy);
      }
  }
  /* The palette rows the search leaves visible, with their centres. */
  json_builder_set_member_name (b, "palette_rows");
  json_builder_begin_object (b);
  for (GtkWidget *row = gtk_widget_get_first_child (pw_palette_panel_get_list (self->palette));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_point_t p;

      if (!GTK_IS_LIST_BOX_ROW (row) || !gtk_widget_get_child_visible (row) ||
          !gtk_widget_get_mapped (row) ||
          !gtk_widget_compute_point (row, GTK_WIDGET (self),
                                     &GRAPHENE_POINT_INIT (gtk_widget_get_width (row) / 2.0,
                                                           gtk_widget_get_height (row) / 2.0), &p))
        continue;
      add_point (b, g_object_get_data (G_OBJECT (row), "type-id"), p.x + sx, p.y + sy);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "ports");
  json_builder_begin_object (b);
  for (guint d = 0; d < pw_document_get_n_devices (self->document); d++)
    {
      PwDevice *device = pw_document_get_device (self->document, d);

      for (guint p = 0; p < device->type->n_ports; p++)
        {
          g_autofree char *key = g_strdup_printf ("%s.%s", device->id, device->type->ports[p].id);
          double x, y, wx, wy;

          pw_render_get_port_anchor (self->render, d, p, &x, &y);
          pw_view_to_widget (pw_canvas_get_view (self->canvas), x, y, &wx, &wy);
          add_point (b, key, origin.x + sx + wx, origin.y + sy + wy);
        }
    }
  json_builder_end_object (b);
  /* Free cable ends, by "cable.end", and every cable's type and ends. */
  json_builder_set_member_name (b, "free_ends");
  json_builder_begin_object (b);
  for (guint c = 0; c < pw_document_get_n_cables (self->document); c++)
    {
      PwCable *cable = pw_document_get_cable (self->document, c);

      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          g_autofree char *key = g_strdup_printf ("%s.%s", cable->id, cable->type->ends[e].id);
          double x, y, wx, wy;

          if (!pw_render_get_free_end (self->render, c, e, &x, &y))
            continue;
          pw_view_to_widget (pw_canvas_get_view (self->canvas), x, y, &wx, &wy);
          add_point (b, key, origin.x + sx + wx, origin.y + sy + wy);
        }
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "cable_list");
  json_builder_begin_object (b);
  for (guint c = 0; c < pw_document_get_n_cables (self->document); c++)
    {
      PwCable *cable = pw_document_get_cable (self->document, c);

      json_builder_set_member_name (b, cable->id);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, cable->type_id);
      json_builder_set_member_name (b, "length");
      json_builder_add_double_value (b, cable->has_length ? cable->length_m : -1);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, cable->label);
      json_builder_set_member_name (b, "ends");
      json_builder_begin_object (b);
      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          json_builder_set_member_name (b, cable->type->ends[e].id);
          if (cable->ends[e].cable != NULL)
            {
              /* In another cable's end: "cable C2.a". */
              g_autofree char *into = g_strdup_printf ("cable %s.%s", cable->ends[e].cable->id,
                                                       cable->ends[e].cable->type->ends[cable->ends[e].end].id);

              json_builder_add_string_value (b, into);
            }
          else if (cable->ends[e].device == NULL)
            json_builder_add_null_value (b);
          else
            {
              g_autofree char *at = g_strdup_printf ("%s.%s", cable->ends[e].device->id,
                                                     cable->ends[e].device->type->ports[cable->ends[e].port].id);

              json_builder_add_string_value (b, at);
            }
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "cable_labels");
  json_builder_begin_object (b);
  for (guint c = 0; c < pw_document_get_n_cables (self->document); c++)
    {
      double x, y, wx, wy;

      if (!pw_render_get_cable_anchor (self->render, c, &x, &y))
        continue;
      pw_view_to_widget (pw_canvas_get_view (self->canvas), x, y, &wx, &wy);
      add_point (b, pw_document_get_cable (self->document, c)->id, origin.x + sx + wx,
                 origin.y + sy + wy);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "selected_cable");
  if (pw_canvas_get_selected_cable (self->canvas) != NULL)
    json_builder_add_string_value (b, pw_canvas_get_selected_cable (self->canvas)->id);
  else
    json_builder_add_null_value (b);
  /* The inspector's controls a person would click, and where the focus is. */
  json_builder_set_member_name (b, "widgets");
  json_builder_begin_object (b);
  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();
    gboolean seen_menu = FALSE;

    g_ptr_array_add (stack, self->inspector);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
        const char *name = NULL;
        graphene_point_t p;

        if (!gtk_widget_get_mapped (w))
          continue;
        if (GTK_IS_SPIN_BUTTON (w))
          name = "length";
        else if (ADW_IS_ENTRY_ROW (w))
          name = "label";
        else if (ADW_IS_COMBO_ROW (w))
          name = "type";
        else if (GTK_IS_MENU_BUTTON (w) && !seen_menu)
          name = "finding_menu", seen_menu = TRUE;
        else if (GTK_IS_BUTTON (w) && GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (w)))
          name = gtk_widget_get_next_sibling (w) != NULL ? "length_minus" : "length_plus";
        if (name != NULL &&
            gtk_widget_compute_point (w, GTK_WIDGET (self),
                                      &GRAPHENE_POINT_INIT (gtk_widget_get_width (w) / 2.0,
                                                            gtk_widget_get_height (w) / 2.0), &p))
          {
            add_point (b, name, p.x + sx, p.y + sy);
          }
        for (GtkWidget *child = gtk_widget_get_last_child (w); child != NULL;
             child = gtk_widget_get_prev_sibling (child))
          g_ptr_array_add (stack, child);
      }
  }
  json_builder_end_object (b);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
    const char *where = "none";

    if (focus != NULL && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER) != NULL)
      where = "popover";
    else if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->inspector)))
      where = ADW_IS_ENTRY_ROW (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW)) ? "label"
              : gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) ? "length" : "inspector";
    else if (focus == GTK_WIDGET (self->canvas))
      where = "canvas";
    else if (focus != NULL)
      where = G_OBJECT_TYPE_NAME (focus);
    json_builder_set_member_name (b, "focus");
    json_builder_add_string_value (b, where);
  }
  analysis = pw_render_get_analysis (self->render);
  json_builder_set_member_name (b, "suppressed");
  json_builder_begin_array (b);
  for (guint i = 0; analysis != NULL && i < pw_analysis_get_n_findings (analysis); i++)
    if (pw_analysis_get_finding (analysis, i)->suppressed)
      json_builder_add_string_value (b, pw_code_get_info (pw_analysis_get_finding (analysis, i)->code)->code);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; analysis != NULL && i < pw_analysis_get_n_findings (analysis); i++)
    json_builder_add_string_value (b, pw_code_get_info (pw_analysis_get_finding (analysis, i)->code)->code);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "cables");
  json_builder_add_int_value (b, pw_document_get_n_cables (self->document));
  json_builder_set_member_name (b, "modified");
  json_builder_add_boolean_value (b, pw_history_get_modified (self->history));
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  json_generator_to_file (gen, path, NULL);
}

static gboolean
test_geometry_tick_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       data)
{
  write_test_geometry (PW_WINDOW (widget));
  return G_SOURCE_CONTINUE;
}

/* A plan of thousands of devices makes long lists: build only the page
 * that is on screen, when it comes on screen. */
static void
side_page_changed_cb (PwWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->side_stack);

  if (self->findings_dirty && g_strcmp0 (page, "findings") == 0)
    {
      pw_findings_panel_update (self->findings, self->document, pw_render_get_analysis (self->render));
      self->findings_dirty = FALSE;
    }
  else if (self->outline_dirty && g_strcmp0 (page, "outline") == 0)
    {
      pw_outline_update (self->outline, self->document);
      self->outline_dirty = FALSE;
    }
}

/* The count on the Findings tab: what is not ignored, in its title (the
 * view switcher shows a badge only when narrow) and as its badge. */
static void
update_findings_count (PwWindow *self)
{
  AdwViewStackPage *page = adw_view_stack_get_page (self->side_stack, GTK_WIDGET (self->findings));
  PwAnalysis *analysis = pw_render_get_analysis (self->render);
  g_autofree char *title = NULL;
  guint n = 0;

  for (int sev = PW_SEVERITY_INFO; sev <= PW_SEVERITY_ERROR; sev++)
    n += pw_analysis_count (analysis, (PwSeverity) sev, FALSE);
  /* Translators: the Findings tab with the number of findings not ignored. */
  title = n > 0 ? g_strdup_printf (_("_Findings (%u)"), n) : g_strdup (_("_Findings"));
  adw_view_stack_page_set_title (page, title);
  adw_view_stack_page_set_badge_number (page, n);
  adw_view_stack_page_set_needs_attention (page,
                                           pw_analysis_count (analysis, PW_SEVERITY_ERROR, FALSE) > 0);
}

static void
document_changed_cb (PwWindow *self)
{
  PwAnalysis *analysis;

  /* The checks re-run in full after every edit (DESIGN.md §7). */
  pw_render_update (self->render, NULL);
  analysis = pw_render_get_analysis (self->render);
  pw_canvas_refresh (self->canvas);
  update_findings_count (self);
  self->findings_dirty = self->outline_dirty = TRUE;
  side_page_changed_cb (self);
  selection_changed_cb (self);
  (void) analysis;
  update_title (self);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add_seconds (AUTOSAVE_DELAY_SECONDS, autosave_timeout_cb, self);
}

static void
history_notify_cb (PwWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", pw_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", pw_history_can_redo (self->history));
  update_title (self);
}

static void
update_title (PwWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *folder = NULL;
  const char *doc_title = pw_document_get_title (self->document);
  gboolean modified = pw_history_get_modified (self->history);

  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);
      g_autofree char *path = g_file_get_path (self->file);

      name = g_file_get_basename (self->file);
      folder = parent ? g_file_get_parse_name (parent) : NULL;
      /* An untitled plan is called by its file's name in its title blocks. */
      pw_document_set_file_name (self->document, path);
    }
  else
    name = g_strdup (doc_title && *doc_title ? doc_title : _("New Plan"));

  /* An unsaved plan shows a bullet before its name, as GNOME apps do. */
  title = g_strdup_printf ("%s%s", modified ? "• " : "", name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, folder ? folder : "");
  {
    g_autofree char *window_title = g_strdup_printf ("%s — Patchwise", title);

    gtk_window_set_title (GTK_WINDOW (self), window_title);
  }
}

static void
set_document (PwWindow   *self,
              PwDocument *document)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);

  pw_canvas_set_history (self->canvas, NULL, NULL);
  if (self->compare != NULL)
    pw_window_end_comparison (self);
  g_clear_pointer (&self->render, pw_render_free);
  g_clear_object (&self->history);
  g_set_object (&self->document, document);

  /* Plans written by hand or by scripts have no positions yet. */
  pw_layout_arrange (self->document, FALSE);

  self->history = pw_history_new (self->document);
  self->render = pw_render_new (self->document, NULL);
  g_signal_connect_swapped (self->document, "changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->history, "notify", G_CALLBACK (history_notify_cb), self);

  pw_canvas_set_history (self->canvas, self->history, self->render);
  self->findings_dirty = self->outline_dirty = TRUE;
  side_page_changed_cb (self);
  history_notify_cb (self);
  update_findings_count (self);
  selection_changed_cb (self);
}

/* The recent files wait for the first frame: GtkRecentManager reads the
 * whole of recently-used.xbel when it is first asked for, and a desktop's
 * can hold thousands of entries (17 ms for a thousand on the development
 * machine). */
static void
remember_recent (PwWindow *self,
                 GFile    *file)
{
  g_autofree char *uri = NULL;

  if (!self->first_frame_done)
    {
      g_set_object (&self->recent_pending, file);
      return;
    }
  uri = g_file_get_uri (file);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

gboolean
pw_window_load_file (PwWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(PwDocument) doc = NULL;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be opened"));
      return FALSE;
    }
  doc = pw_format_load_file (path, error);
  if (doc == NULL)
    return FALSE;
  pw_window_load_document (self, file, doc);
  return TRUE;
}

void
pw_window_load_document (PwWindow   *self,
                         GFile      *file,
                         PwDocument *document)
{
  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (PW_IS_DOCUMENT (document));

  remove_autosave (self);
  g_set_object (&self->file, file);
  set_document (self, document);
  remember_recent (self, file);
  update_title (self);
}

gboolean
pw_window_load_recovered (PwWindow   *self,
                          const char *autosave_path,
                          GError    **error)
{
  g_autoptr(PwDocument) doc = NULL;
  JsonObject *extra;
  const char *of = NULL;
  int lock;

  /* Another Patchwise may have recovered it since the question was asked. */
  lock = pw_autosave_claim (autosave_path, error);
  if (lock < 0)
    return FALSE;
  doc = pw_format_load_file (autosave_path, error);
  if (doc == NULL)
    {
      close (lock);
      return FALSE;
    }
  extra = pw_document_get_extra (doc);
  if (extra != NULL && json_object_has_member (extra, "x-autosave-of"))
    {
      of = json_object_get_string_member (extra, "x-autosave-of");
      if (of != NULL && *of != '\0')
        {
          g_clear_object (&self->file);
          self->file = g_file_new_for_path (of);
        }
      json_object_remove_member (extra, "x-autosave-of");
    }
  set_document (self, doc);

  /* The recovered plan is unsaved work: keep the autosave until it is saved. */
  if (self->autosave_lock >= 0)
    close (self->autosave_lock);
  self->autosave_lock = lock;
  g_free (self->autosave_path);
  self->autosave_path = g_strdup (autosave_path);
  pw_history_mark_unsaved (self->history);
  update_title (self);
  return TRUE;
}

gboolean
pw_window_save_to (PwWindow  *self,
                   GFile     *file,
                   GError   **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be saved"));
      return FALSE;
    }
  if (!pw_format_save_file (self->document, path, error))
    return FALSE;
  g_set_object (&self->file, file);
  pw_history_mark_saved (self->history);
  remove_autosave (self);
  remember_recent (self, file);
  update_title (self);
  return TRUE;
}

gboolean
pw_window_is_pristine (PwWindow *self)
{
  return self->file == NULL && !pw_history_get_modified (self->history) &&
         pw_document_get_n_devices (self->document) == 0;
}

GFile *
pw_window_get_file (PwWindow *self)
{
  return self->file;
}

PwHistory *
pw_window_get_history (PwWindow *self)
{
  return self->history;
}

PwCanvas *
pw_window_get_canvas (PwWindow *self)
{
  return self->canvas;
}

/* Actions */

static void
save_done (PwWindow *self,
           GFile    *file)
{
  g_autoptr(GError) error = NULL;

  if (file == NULL)
    return;
  if (!pw_window_save_to (self, file, &error))
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                             _("Could Not Save"),
                                                                             error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  toast (self, _("Saved"));
}

static void
save_as_chosen_cb (GFile    *file,
                   gpointer  data)
{
  g_autoptr(PwWindow) self = data;

  save_done (self, file);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autofree char *name = NULL;
  const char *title = pw_document_get_title (self->document);

  name = g_strdup_printf ("%s.patchwise", title && *title ? title : _("Plan"));
  pw_compat_choose_save_file (GTK_WINDOW (self), _("Save Plan"), name, self->file,
                              "application/x-patchwise", _("Patchwise plans"),
                              save_as_chosen_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->file == NULL)
    save_as_action (widget, action, param);
  else
    save_done (self, self->file);
}

static void
open_chosen_cb (GFile    *file,
                gpointer  data)
{
  g_autoptr(PwWindow) self = data;
  g_autoptr(GError) error = NULL;
  PwWindow *target = self;

  if (file == NULL)
    return;
  /* A window with work in it keeps it: the plan opens in a new window. */
  if (!pw_window_is_pristine (self))
    target = pw_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  if (!pw_window_load_file (target, file, &error))
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                             _("Could Not Open the Plan"),
                                                                             error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      if (target != self)
        gtk_window_destroy (GTK_WINDOW (target));
      return;
    }
  gtk_window_present (GTK_WINDOW (target));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  open_chosen_cb (file, g_object_ref (widget));
}

static int
compare_recent (gconstpointer pa,
                gconstpointer pb)
{
  GtkRecentInfo *a = *(GtkRecentInfo **) pa, *b = *(GtkRecentInfo **) pb;
  GDateTime *ta = gtk_recent_info_get_modified (a), *tb = gtk_recent_info_get_modified (b);

  return g_date_time_compare (tb, ta);
}

/* The plans opened or saved lately, newest first. */
static void
update_recent (PwWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) plans = g_ptr_array_new ();

  g_menu_remove_all (self->recent_section);
  for (GList *l = items; l != NULL; l = l->next)
    {
      const char *uri = gtk_recent_info_get_uri (l->data);

      if (g_str_has_suffix (uri, ".patchwise") && gtk_recent_info_exists (l->data))
        g_ptr_array_add (plans, l->data);
    }
  g_ptr_array_sort (plans, compare_recent);
  for (guint i = 0; i < plans->len && i < 8; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (plans, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_section, item);
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
open_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);

  pw_compat_choose_open_file (GTK_WINDOW (self), _("Open Plan"), "application/x-patchwise",
                              _("Patchwise plans"), open_chosen_cb, g_object_ref (self));
}

typedef struct
{
  PwWindow       *window;
  PwDocument     *snapshot;    /* exported from a copy, so editing can go on */
  char           *path;
  PwExportFormat  format;
  PwExportOptions options;
  char           *paper;
  AdwToast       *progress;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->window);
  g_clear_object (&job->snapshot);
  g_free (job->path);
  g_free (job->paper);
  g_clear_object (&job->progress);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwAnalysis) analysis = pw_analysis_new (job->snapshot);

  if (pw_export_to_file (job->snapshot, analysis, job->path, job->format, &job->options, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (job->progress != NULL)
    adw_toast_dismiss (job->progress);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    text = g_strdup_printf (_("Export failed: %s"), error->message);
  else
    {
      g_autofree char *base = g_path_get_basename (job->path);

      text = g_strdup_printf (_("Exported “%s”"), base);
    }
  toast (job->window, text);
}

static void
export_chosen_cb (GFile    *file,
                  gpointer  data)
{
  g_autoptr(PwWindow) self = data;
  g_autoptr(GTask) task = NULL;
  g_autofree char *text = NULL;
  ExportJob *job;
  PwExportFormat format;
  g_autofree char *path = NULL;

  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL || !pw_export_format_from_path (path, &format) ||
      (self->export_table != PW_TABLE_NONE && self->export_table != PW_TABLE_LABELS &&
       format != PW_EXPORT_CSV) ||
      (self->export_table == PW_TABLE_LABELS && format != PW_EXPORT_PDF && format != PW_EXPORT_CSV))
    {
      toast (self, self->export_table == PW_TABLE_NONE
                   ? _("Choose a name ending in .pdf, .png or .svg")
                   : self->export_table == PW_TABLE_LABELS
                   ? _("Choose a name ending in .pdf or .csv")
                   : _("Choose a name ending in .csv"));
      return;
    }

  text = pw_format_save_data (self->document, NULL);
  job = g_new0 (ExportJob, 1);
  job->window = g_object_ref (self);
  job->snapshot = pw_format_load_data (text, strlen (text), "export", NULL);
  pw_document_set_file_name (job->snapshot, pw_document_get_file_name (self->document));
  job->path = g_steal_pointer (&path);
  job->format = format;
  job->paper = setting_string (self, "export-paper", "a4");
  pw_paper_from_string (job->paper, &job->options.paper);
  job->options.scale = setting_double (self, "export-scale", 2.0);
  job->options.dark = self->export_dark;
  job->options.table = self->export_table;
  job->options.label_w_mm = self->export_label_w;
  job->options.label_h_mm = self->export_label_h;
  g_return_if_fail (job->snapshot != NULL);

  /* Progress: a toast that stays until the export is done. */
  job->progress = g_object_ref (adw_toast_new (_("Exporting…")));
  adw_toast_set_timeout (job->progress, 0);
  adw_toast_overlay_add_toast (self->toasts, g_object_ref (job->progress));

  task = g_task_new (NULL, NULL, export_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* What the Export dialog offers: the drawing set, the diagram, the label
 * sheet and each table of DESIGN.md §9 as CSV. */
static const struct
{
  const char  *key;          /* the export-format setting */
  const char  *title;
  const char  *extension;
  PwTableKind  table;
} export_formats[] = {
  { "pdf", N_("PDF drawing set"), "pdf", PW_TABLE_NONE },
  { "png", N_("PNG image"), "png", PW_TABLE_NONE },
  { "svg", N_("SVG drawing"), "svg", PW_TABLE_NONE },
  { "labels-pdf", N_("Cable labels, label sheet (PDF)"), "pdf", PW_TABLE_LABELS },
  { "schedule-csv", N_("Cable schedule (CSV)"), "csv", PW_TABLE_SCHEDULE },
  { "bom-csv", N_("Bill of materials (CSV)"), "csv", PW_TABLE_BOM },
  { "inputs-csv", N_("Input list (CSV)"), "csv", PW_TABLE_INPUTS },
  { "labels-csv", N_("Cable labels (CSV)"), "csv", PW_TABLE_LABELS },
};
static const char * const export_papers[] = { "a4", "a3", "letter" };
static const char * const export_label_sizes[] = { "38.1x21.2", "63.5x38.1", "99.1x38.1",
                                                    "99.1x67.7" };

static guint
export_format_index (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_strcmp0 (export_formats[i].key, key) == 0)
      return i;
  return 0;
}

static void
parse_label_size (const char *text,
                  double     *w,
                  double     *h)
{
  char *end;

  *w = g_ascii_strtod (text, &end);
  *h = *end == 'x' ? g_ascii_strtod (end + 1, NULL) : 0;
  if (!(*w > 0 && *h > 0))
    *w = PW_LABEL_DEFAULT_W_MM, *h = PW_LABEL_DEFAULT_H_MM;
}

static guint
index_of (const char * const *list,
          guint               n,
          const char         *value)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (list[i], value) == 0)
      return i;
  return 0;
}

static void
export_options_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            PwWindow         *self)
{
  AdwComboRow *format_row = g_object_get_data (G_OBJECT (dialog), "format");
  AdwComboRow *paper_row = g_object_get_data (G_OBJECT (dialog), "paper");
  GtkSpinButton *scale = g_object_get_data (G_OBJECT (dialog), "scale");
  GtkSwitch *dark = g_object_get_data (G_OBJECT (dialog), "dark");
  AdwComboRow *label_row = g_object_get_data (G_OBJECT (dialog), "label-size");
  guint format;
  const char *label_size;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "export"))
    return;

  format = MIN (adw_combo_row_get_selected (format_row), G_N_ELEMENTS (export_formats) - 1);
  setting_set (self, "export-format", g_variant_new_string (export_formats[format].key));
  label_size = export_label_sizes[MIN (adw_combo_row_get_selected (label_row),
                                       G_N_ELEMENTS (export_label_sizes) - 1)];
  setting_set (self, "export-label-size", g_variant_new_string (label_size));
  self->export_table = export_formats[format].table;
  parse_label_size (label_size, &self->export_label_w, &self->export_label_h);
  setting_set (self, "export-paper",
               g_variant_new_string (export_papers[MIN (adw_combo_row_get_selected (paper_row), 2)]));
  setting_set (self, "export-scale", g_variant_new_double (gtk_spin_button_get_value (scale)));
  self->export_dark = gtk_switch_get_active (dark);

  if (self->file != NULL)
    {
      g_autofree char *base = g_file_get_basename (self->file);

      stem = g_strndup (base, g_str_has_suffix (base, ".patchwise") ? strlen (base) - 10 : strlen (base));
    }
  else
    stem = g_strdup (_("Plan"));
  if (export_formats[format].table != PW_TABLE_NONE)
    name = g_strdup_printf ("%s-%s.%s", stem,
                            pw_table_kind_to_string (export_formats[format].table),
                            export_formats[format].extension);
  else
    name = g_strdup_printf ("%s.%s", stem, export_formats[format].extension);
  pw_compat_choose_save_file (GTK_WINDOW (self), _("Export Plan"), name, NULL,
                              NULL, NULL, export_chosen_cb, g_object_ref (self));
}

/* The label sheet drawn small, for the preview. */
static GdkTexture *
label_sheet_preview (PwWindow              *self,
                     const PwExportOptions *options,
                     int                    height)
{
  g_autoptr(PwAnalysis) analysis = pw_analysis_new (self->document);
  cairo_surface_t *surface;
  cairo_t *cr;
  double w_mm, h_mm, scale;
  int width;
  guint columns, rows;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  /* Upright sheets: A4 and A3 are 1 : √2, letter 8.5 : 11. */
  scale = height / (options->paper == PW_PAPER_LETTER ? 792.0
                    : options->paper == PW_PAPER_A3 ? 1190.55 : 841.89);
  width = (int) ceil ((options->paper == PW_PAPER_LETTER ? 612.0
                       : options->paper == PW_PAPER_A3 ? 841.89 : 595.28) * scale);
  w_mm = options->label_w_mm;
  h_mm = options->label_h_mm;
  if (!pw_export_label_grid (options->paper, w_mm, h_mm, &columns, &rows))
    return NULL;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  pw_export_draw_label_sheet (cr, self->document, analysis, options, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

/* Shows the rows that matter for the chosen format, and the label sheet's
 * preview when it is chosen. */
static void
export_dialog_update (AdwMessageDialog *dialog)
{
  PwWindow *self = g_object_get_data (G_OBJECT (dialog), "window");
  AdwComboRow *format_row = g_object_get_data (G_OBJECT (dialog), "format");
  AdwComboRow *paper_row = g_object_get_data (G_OBJECT (dialog), "paper");
  AdwComboRow *label_row = g_object_get_data (G_OBJECT (dialog), "label-size");
  GtkWidget *scale = g_object_get_data (G_OBJECT (dialog), "scale");
  GtkWidget *dark = g_object_get_data (G_OBJECT (dialog), "dark");
  GtkPicture *preview = g_object_get_data (G_OBJECT (dialog), "preview");
  guint format;
  gboolean labels, image, pdf;

  if (self == NULL || preview == NULL)
    return;
  format = MIN (adw_combo_row_get_selected (format_row), G_N_ELEMENTS (export_formats) - 1);
  labels = g_str_equal (export_formats[format].key, "labels-pdf");
  image = export_formats[format].table == PW_TABLE_NONE &&
          !g_str_equal (export_formats[format].extension, "pdf");
  pdf = g_str_equal (export_formats[format].extension, "pdf");
  gtk_widget_set_visible (GTK_WIDGET (paper_row), pdf);
  gtk_widget_set_visible (gtk_widget_get_ancestor (scale, ADW_TYPE_ACTION_ROW), image);
  gtk_widget_set_visible (gtk_widget_get_ancestor (dark, ADW_TYPE_ACTION_ROW),
                          export_formats[format].table == PW_TABLE_NONE);
  gtk_widget_set_visible (GTK_WIDGET (label_row), labels);
  gtk_widget_set_visible (GTK_WIDGET (preview), labels);
  if (labels)
    {
      PwExportOptions options = { 0 };
      g_autoptr(GdkTexture) texture = NULL;

      options.paper = (PwPaper) MIN (adw_combo_row_get_selected (paper_row), 2);
      options.table = PW_TABLE_LABELS;
      parse_label_size (export_label_sizes[MIN (adw_combo_row_get_selected (label_row),
                                                G_N_ELEMENTS (export_label_sizes) - 1)],
                        &options.label_w_mm, &options.label_h_mm);
      texture = label_sheet_preview (self, &options, 440);
      gtk_picture_set_paintable (preview, GDK_PAINTABLE (texture));
    }
}

/* The export options first (format, paper, scale, palette), then where. */
static void
export_action (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autofree char *format = setting_string (self, "export-format", "pdf");
  g_autofree char *paper = setting_string (self, "export-paper", "a4");
  AdwMessageDialog *dialog;
  GtkWidget *group, *row, *spin, *sw;
  g_autofree char *label_size = setting_string (self, "export-label-size", "38.1x21.2");
  g_autoptr(GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) papers = gtk_string_list_new ((const char *[]) {
    "A4", "A3", "Letter", NULL });
  g_autoptr(GtkStringList) label_sizes = gtk_string_list_new ((const char *[]) {
    _("38.1 × 21.2 mm (65 per A4)"), _("63.5 × 38.1 mm (21 per A4)"),
    _("99.1 × 38.1 mm (14 per A4)"), _("99.1 × 67.7 mm (8 per A4)"), NULL });
  GtkWidget *preview;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Export Plan"), NULL));
  group = adw_preferences_group_new ();

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Format"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (formats));
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    gtk_string_list_append (formats, _(export_formats[i].title));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (formats));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), export_format_index (format));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (dialog), "format", row);

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Paper"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("The drawing set in landscape, the label sheet upright"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (papers));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), index_of (export_papers, 3, paper));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (dialog), "paper", row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Scale (PNG, SVG)"));
  spin = gtk_spin_button_new_with_range (0.25, 8, 0.25);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), setting_double (self, "export-scale", 2.0));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (dialog), "scale", spin);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Dark palette"));
  sw = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (sw), self->export_dark);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (dialog), "dark", sw);

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Label size"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (label_sizes));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              index_of (export_label_sizes, G_N_ELEMENTS (export_label_sizes),
                                        label_size));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (dialog), "label-size", row);

  /* The first label sheet, as it will print. */
  preview = gtk_picture_new ();
  gtk_widget_set_size_request (preview, -1, 220);
  gtk_widget_set_margin_top (preview, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (preview), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preview of the first label sheet"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), preview);
  g_object_set_data (G_OBJECT (dialog), "preview", preview);
  g_signal_connect_swapped (g_object_get_data (G_OBJECT (dialog), "format"), "notify::selected",
                            G_CALLBACK (export_dialog_update), dialog);
  g_signal_connect_swapped (g_object_get_data (G_OBJECT (dialog), "paper"), "notify::selected",
                            G_CALLBACK (export_dialog_update), dialog);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (export_dialog_update), dialog);
  g_object_set_data (G_OBJECT (dialog), "window", self);

  adw_message_dialog_set_body (dialog, _("The PDF drawing set holds the diagram, the cable "
                                         "schedule, the bill of materials, the input list and a "
                                         "pinout sheet for every cable with findings and every "
                                         "cable type."));
  export_dialog_update (dialog);
  adw_message_dialog_set_extra_child (dialog, group);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "export");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (export_options_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  pw_history_undo (PW_WINDOW (widget)->history);
}

static void
redo_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  pw_history_redo (PW_WINDOW (widget)->history);
}

static void
arrange_action (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) after = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = pw_document_get_n_devices (self->document);

  /* The layout moves devices directly; record the moves as one step. */
  for (guint i = 0; i < n; i++)
    {
      PwDevice *d = pw_document_get_device (self->document, i);

      g_array_append_val (before, d->x);
      g_array_append_val (before, d->y);
    }
  pw_layout_arrange (self->document, TRUE);
  for (guint i = 0; i < n; i++)
    {
      PwDevice *d = pw_document_get_device (self->document, i);

      g_array_append_val (after, d->x);
      g_array_append_val (after, d->y);
      d->x = g_array_index (before, double, 2 * i);
      d->y = g_array_index (before, double, 2 * i + 1);
    }
  pw_history_begin (self->history, _("Arrange"));
  for (guint i = 0; i < n; i++)
    pw_edit_move_device (self->history, pw_document_get_device (self->document, i),
                         g_array_index (after, double, 2 * i), g_array_index (after, double, 2 * i + 1));
  pw_history_end (self->history);
  pw_canvas_zoom_to_fit (self->canvas);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);

  if (g_str_equal (action, "win.zoom-in"))
    pw_canvas_zoom (self->canvas, 1.25);
  else if (g_str_equal (action, "win.zoom-out"))
    pw_canvas_zoom (self->canvas, 0.8);
  else if (g_str_equal (action, "win.zoom-reset"))
    pw_canvas_zoom_reset (self->canvas);
  else
    pw_canvas_zoom_to_fit (self->canvas);
}

/* A finding the user expects in this plan: the document's suppressions. */
static void
ignore_finding_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);
  const char *code, *cable;

  g_variant_get (param, "(&s&s)", &code, &cable);
  pw_edit_suppress (self->history, code, *cable != '\0' ? cable : NULL);
}

/* Every suppression that hides this finding goes, as one step. */
static void
restore_finding_action (GtkWidget  *widget,
                        const char *action,
                        GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);
  GArray *list = pw_document_get_suppressions (self->document);
  const char *code, *cable;

  g_variant_get (param, "(&s&s)", &code, &cable);
  pw_history_begin (self->history, _("Restore Finding"));
  for (guint i = list->len; i-- > 0;)
    {
      PwSuppression *s = &g_array_index (list, PwSuppression, i);

      if (g_str_equal (s->code, code) && (s->cable == NULL || g_strcmp0 (s->cable, cable) == 0))
        pw_edit_unsuppress (self->history, i);
    }
  pw_history_end (self->history);
}

static void
rename_action (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->side_stack, "inspector");
  pw_inspector_focus_name (self->inspector);
}

/* A cable's type from its choices; a device's type in the type editor. */
static void
change_type_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);

  if (pw_canvas_get_selected_cable (self->canvas) != NULL)
    {
      adw_view_stack_set_visible_child_name (self->side_stack, "inspector");
      pw_inspector_popup_type (self->inspector);
    }
  else
    gtk_widget_activate_action (widget, "win.edit-device-type", NULL);
}

static gboolean
unparent_idle_cb (gpointer data)
{
  g_autoptr(GtkWidget) popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  return G_SOURCE_REMOVE;
}

static void
popover_closed_cb (GtkWidget *popover)
{
  g_idle_add (unparent_idle_cb, g_object_ref (popover));
}

static void
canvas_context_menu_cb (PwWindow *self,
                        double    x,
                        double    y)
{
  GtkWidget *popover = gtk_popover_menu_new_from_model (self->device_menu);

  gtk_widget_set_parent (popover, GTK_WIDGET (self->canvas));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  /* Gone when closed, after its item has done its work. */
  g_signal_connect (popover, "closed", G_CALLBACK (popover_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  pw_canvas_select_all (PW_WINDOW (widget)->canvas);
}

static void
delete_action (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  pw_canvas_delete_selection (PW_WINDOW (widget)->canvas);
}

/* Copies the selected devices with the cables between them, as a plan. */
static char *
selection_as_plan (PwWindow *self)
{
  g_autoptr(GPtrArray) devices = pw_canvas_get_selected_devices (self->canvas);
  g_autoptr(PwDocument) copy = pw_document_new ();
  g_autoptr(GHashTable) map = g_hash_table_new (NULL, NULL);

  if (devices->len == 0)
    return NULL;
  for (guint i = 0; i < devices->len; i++)
    {
      PwDevice *d = g_ptr_array_index (devices, i);
      PwDevice *c = pw_device_new (d->id, d->type);

      c->name = g_strdup (d->name);
      c->x = d->x;
      c->y = d->y;
      c->has_position = TRUE;
      c->ground_lift_on = d->ground_lift_on;
      memcpy (c->phantom_on, d->phantom_on, sizeof (gboolean) * d->type->n_ports);
      pw_document_add_device (copy, c);
      g_hash_table_insert (map, d, c);
    }
  for (guint i = 0; i < pw_document_get_n_cables (self->document); i++)
    {
      PwCable *cable = pw_document_get_cable (self->document, i);
      gboolean inside = TRUE;
      PwCable *c;

      for (guint e = 0; e < cable->type->n_ends; e++)
        inside &= cable->ends[e].device == NULL || g_hash_table_contains (map, cable->ends[e].device);
      if (!inside)
        continue;
      c = pw_cable_new (cable->id, cable->type);
      c->label = g_strdup (cable->label);
      c->length_m = cable->length_m;
      c->has_length = cable->has_length;
      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          c->ends[e].device = g_hash_table_lookup (map, cable->ends[e].device);
          c->ends[e].port = cable->ends[e].port;
        }
      pw_document_add_cable (copy, c);
    }
  return pw_format_save_data (copy, NULL);
}

/* Adds a copied plan to this one, shifted, as one step, and selects it. */
static void
paste_plan (PwWindow   *self,
            const char *text,
            double      shift)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) pasted = pw_format_load_data (text, strlen (text), _("clipboard"), &error);
  g_autoptr(GHashTable) map = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) added = NULL;

  if (pasted == NULL)
    {
      toast (self, _("The clipboard holds no Patchwise devices"));
      return;
    }
  pw_history_begin (self->history, _("Paste"));
  pw_canvas_clear_selection (self->canvas);
  for (guint i = 0; i < pw_document_get_n_devices (pasted); i++)
    {
      PwDevice *d = pw_document_get_device (pasted, i);
      PwDeviceType *type = pw_document_resolve_device_type (self->document, d->type_id);
      PwDevice *n;

      if (type == NULL)
        type = d->type;
      n = pw_edit_add_device (self->history, type, d->name, d->x + shift, d->y + shift);
      for (guint p = 0; p < type->n_ports && p < d->type->n_ports; p++)
        if (d->phantom_on[p])
          pw_edit_set_phantom (self->history, n, p, TRUE);
      g_hash_table_insert (map, d, n);
      pw_canvas_select_device (self->canvas, n, TRUE);
    }
  added = g_ptr_array_new ();
  for (guint i = 0; i < pw_document_get_n_cables (pasted); i++)
    {
      PwCable *c = pw_document_get_cable (pasted, i);
      PwCableType *type = pw_document_resolve_cable_type (self->document, c->type_id);
      PwCable *n = pw_edit_add_cable (self->history, type ? type : c->type, NULL, c->length_m,
                                      c->has_length);

      for (guint e = 0; e < c->type->n_ends && e < n->type->n_ends; e++)
        if (c->ends[e].device != NULL)
          pw_edit_plug (self->history, n, e, g_hash_table_lookup (map, c->ends[e].device),
                        c->ends[e].port);
      g_ptr_array_add (added, n);
    }
  /* Pasted cables are new cables: they take the next numbers. */
  pw_edit_number_cables (self->history, (PwCable **) added->pdata, added->len);
  pw_history_end (self->history);
}

static void
copy_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autofree char *text = selection_as_plan (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
paste_text_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(PwWindow) self = data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (text != NULL)
    paste_plan (self, text, 40);
}

static void
paste_action (GtkWidget  *widget,
              const char *action,
              GVariant   *param)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_text_cb,
                                 g_object_ref (widget));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action,
                  GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autofree char *text = selection_as_plan (self);

  if (text != NULL)
    paste_plan (self, text, 40);
}

static void
find_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  pw_palette_panel_focus_search (PW_WINDOW (widget)->palette);
}

static void
device_type_saved_cb (PwWindow   *self,
                      const char *id)
{
  g_autofree char *text = g_strdup_printf (_("Device type “%s” saved to your library"), id);

  pw_palette_panel_reload (self->palette);
  toast (self, text);
}

static void
open_device_editor (PwWindow     *self,
                    PwDeviceType *type)
{
  PwDeviceEditor *editor = pw_device_editor_new (GTK_WINDOW (self), type);

  g_signal_connect_object (editor, "saved", G_CALLBACK (device_type_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_device_type_action (GtkWidget  *widget,
                        const char *action,
                        GVariant   *param)
{
  open_device_editor (PW_WINDOW (widget), NULL);
}

/* Compare with… */

void
pw_window_compare_with (PwWindow   *self,
                        PwDocument *old,
                        const char *name)
{
  g_return_if_fail (PW_IS_WINDOW (self));
  g_return_if_fail (PW_IS_DOCUMENT (old));

  pw_compare_panel_compare (self->compare, self->document, old, name);
  adw_view_stack_page_set_visible (self->compare_page, TRUE);
  adw_view_stack_set_visible_child_name (self->side_stack, "changes");
}

void
pw_window_end_comparison (PwWindow *self)
{
  g_return_if_fail (PW_IS_WINDOW (self));

  if (!pw_compare_panel_is_comparing (self->compare))
    return;
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->side_stack), "changes") == 0)
    adw_view_stack_set_visible_child_name (self->side_stack, "inspector");
  adw_view_stack_page_set_visible (self->compare_page, FALSE);
  pw_compare_panel_compare (self->compare, NULL, NULL, NULL);
}

PwComparePanel *
pw_window_get_compare_panel (PwWindow *self)
{
  g_return_val_if_fail (PW_IS_WINDOW (self), NULL);
  return self->compare;
}

static void
compare_file (PwWindow *self,
              GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(PwDocument) old = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      toast (self, _("Only local files can be compared"));
      return;
    }
  old = pw_format_load_file (path, &error);
  if (old == NULL)
    {
      AdwMessageDialog *dialog =
        ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                    _("Could Not Compare with the Plan"),
                                                    error->message));

      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  pw_window_compare_with (self, old, name);
}

static void
compare_chosen_cb (GFile    *file,
                   gpointer  data)
{
  g_autoptr(PwWindow) self = data;

  if (file != NULL)
    compare_file (self, file);
}

static void
compare_action (GtkWidget  *widget,
                const char *action,
                GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);

  pw_compat_choose_open_file (GTK_WINDOW (self), _("Compare with Plan"), "application/x-patchwise",
                              _("Patchwise plans"), compare_chosen_cb, g_object_ref (self));
}

/* The open plan against its file as last saved. */
static void
compare_saved_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);

  if (self->file == NULL)
    {
      toast (self, _("The plan has not been saved yet: there is no saved version to compare with"));
      return;
    }
  compare_file (self, self->file);
}

/* The comparison as an entry of the plan's revision list, under the
 * plan's revision: one undoable step. */
static void
compare_record_cb (PwWindow *self)
{
  const char *revision = pw_document_get_field (self->document, PW_PLAN_REVISION);
  g_autofree char *changes = pw_compare_panel_dup_summary (self->compare);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *message = NULL;

  if (*revision == '\0')
    {
      toast (self, _("Give the plan a revision in Plan Properties, then record it"));
      gtk_widget_activate_action (GTK_WIDGET (self), "win.plan-properties", NULL);
      return;
    }
  pw_edit_add_revision (self->history, revision, date, changes);
  message = g_strdup_printf (_("Revision %s recorded: it is listed on the PDF's first sheet"),
                             revision);
  toast (self, message);
}

static void
compare_marks_cb (PwWindow *self)
{
  pw_canvas_set_marks (self->canvas, pw_compare_panel_get_marks (self->compare));
}

/* Every cable labelled again by the plan's rule, in signal-flow order:
 * one undoable step. */
static void
renumber_action (GtkWidget  *widget,
                 const char *action,
                 GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);

  /* A fresh analysis: the one drawn may wait for the next frame. */
  pw_edit_renumber_cables (self->history, NULL);
}

static void
plan_properties_action (GtkWidget  *widget,
                        const char *action,
                        GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);
  PwPlanProperties *dialog = pw_plan_properties_new (GTK_WINDOW (self), self->history);

  pw_plan_properties_add_group (dialog,
                                ADW_PREFERENCES_GROUP (pw_numbering_group_new (self->history)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Edits the type of the selected device, else the one picked in the palette. */
static void
edit_device_type_action (GtkWidget  *widget,
                         const char *action,
                         GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);
  g_autoptr(GPtrArray) devices = pw_canvas_get_selected_devices (self->canvas);
  PwDeviceType *type = NULL;
  const char *id;

  if (devices->len > 0)
    type = ((PwDevice *) g_ptr_array_index (devices, 0))->type;
  else if ((id = pw_palette_panel_get_selected_type (self->palette)) != NULL)
    type = pw_document_resolve_device_type (self->document, id);
  if (type == NULL)
    {
      toast (self, _("Select a device, or a device type in the palette, to edit its type"));
      return;
    }
  open_device_editor (self, type);
}

static void
snap_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  PwWindow *self = PW_WINDOW (widget);
  gboolean snap = !pw_canvas_get_snap (self->canvas);

  pw_canvas_set_snap (self->canvas, snap);
  setting_set (self, "snap-to-grid", g_variant_new_boolean (snap));
  toast (self, snap ? _("Snap to grid on") : _("Snap to grid off"));
}

/* Palette, findings and outline */

static void
type_activated_cb (PwWindow   *self,
                   const char *id)
{
  PwDeviceType *type = pw_document_resolve_device_type (self->document, id);
  const PwView *view = pw_canvas_get_view (self->canvas);
  PwDevice *device;
  double x, y;

  if (type == NULL)
    return;
  /* From the keyboard: the new device lands in the middle of the view. */
  pw_view_to_document (view, gtk_widget_get_width (GTK_WIDGET (self->canvas)) / 2.0,
                       gtk_widget_get_height (GTK_WIDGET (self->canvas)) / 2.0, &x, &y);
  device = pw_edit_add_device (self->history, type, NULL, pw_snap (x - 100, PW_CANVAS_GRID),
                               pw_snap (y - 40, PW_CANVAS_GRID));
  pw_canvas_select_device (self->canvas, device, FALSE);
}

static void
finding_activated_cb (PwWindow *self,
                      int       cable,
                      int       device)
{
  PwRect rect;

  if (cable >= 0)
    {
      double x, y;

      pw_canvas_select_cable (self->canvas, pw_document_get_cable (self->document, cable));
      if (pw_render_get_cable_anchor (self->render, cable, &x, &y))
        {
          rect.x = x - 50;
          rect.y = y - 50;
          rect.width = rect.height = 100;
          pw_canvas_reveal (self->canvas, &rect);
        }
    }
  else if (device >= 0)
    {
      pw_canvas_select_device (self->canvas, pw_document_get_device (self->document, device), FALSE);
      pw_render_get_card_rect (self->render, device, &rect);
      pw_canvas_reveal (self->canvas, &rect);
    }
  /* The canvas takes the keys, not the first field of the inspector. */
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
outline_device_cb (PwWindow *self,
                   int       device)
{
  finding_activated_cb (self, -1, device);
}

static void
outline_cable_cb (PwWindow *self,
                  int       cable)
{
  finding_activated_cb (self, cable, -1);
}

static void
outline_connect_cb (PwWindow *self,
                    int       from_device,
                    int       from_port,
                    int       to_device,
                    int       to_port)
{
  g_autoptr(GError) error = NULL;
  PwCable *cable = pw_canvas_connect (self->canvas, pw_document_get_device (self->document, from_device),
                                      from_port, pw_document_get_device (self->document, to_device),
                                      to_port, &error);

  if (cable != NULL)
    pw_canvas_select_cable (self->canvas, cable);
  else if (error != NULL)
    toast (self, error->message);
}

static void
outline_delete_cb (PwWindow *self,
                   int       device,
                   int       cable)
{
  if (device >= 0)
    pw_edit_remove_device (self->history, pw_document_get_device (self->document, device));
  else if (cable >= 0)
    pw_edit_remove_cable (self->history, pw_document_get_cable (self->document, cable));
}

static void
canvas_message_cb (PwWindow   *self,
                   const char *text)
{
  toast (self, text);
}

/* An edit did more than the user pointed at: say so, with Undo. */
static void
canvas_notice_cb (PwWindow   *self,
                  const char *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 6);
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "win.undo");
  adw_toast_overlay_add_toast (self->toasts, t);
}

/* Closing: nothing unsaved is lost without asking. */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PwWindow         *self)
{
  if (g_str_equal (response, "discard"))
    {
      self->closing_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      if (self->file != NULL)
        {
          save_done (self, self->file);
          if (!pw_history_get_modified (self->history))
            {
              self->closing_confirmed = TRUE;
              gtk_window_close (GTK_WINDOW (self));
            }
        }
      else
        save_as_action (GTK_WIDGET (self), "win.save-as", NULL);
    }
}

static gboolean
pw_window_close_request (GtkWindow *window)
{
  PwWindow *self = PW_WINDOW (window);
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;

  if (self->closing_confirmed || !pw_history_get_modified (self->history))
    {
      remove_autosave (self);
      if (!gtk_window_is_maximized (window))
        {
          setting_set (self, "window-width", g_variant_new_int32 (gtk_widget_get_width (GTK_WIDGET (self))));
          setting_set (self, "window-height", g_variant_new_int32 (gtk_widget_get_height (GTK_WIDGET (self))));
        }
      setting_set (self, "window-maximized", g_variant_new_boolean (gtk_window_is_maximized (window)));
      return GTK_WINDOW_CLASS (pw_window_parent_class)->close_request (window);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), NULL));
  if (self->file != NULL)
    {
      name = g_file_get_basename (self->file);
      adw_message_dialog_format_body (dialog,
                                      _("Changes to “%s” will be lost if you close without saving."),
                                      name);
    }
  else
    adw_message_dialog_set_body (dialog, _("This plan has never been saved: it will be lost if you "
                                           "close without saving."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* The first frame (DESIGN.md §7: under 300 ms from start-up). What the
 * first frame does not need is done after it; and with PATCHWISE_REPORT_STARTUP
 * set, for tests/bench/startup.py, the first frame that drew the canvas of a
 * mapped window prints one line on stderr, once per process, with
 * g_get_monotonic_time () (CLOCK_MONOTONIC, in microseconds, written "us" so
 * that no locale mangles it). */

static gboolean startup_reported;

static void
stop_first_frame_watch (PwWindow *self)
{
  if (self->first_frame_clock != NULL)
    g_clear_signal_handler (&self->first_frame_handler, self->first_frame_clock);
  g_clear_object (&self->first_frame_clock);
}

static void
after_first_frame (PwWindow *self)
{
  g_autoptr(GFile) pending = g_steal_pointer (&self->recent_pending);

  self->first_frame_done = TRUE;
  stop_first_frame_watch (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  if (pending != NULL)
    remember_recent (self, pending);
  update_recent (self);
}

static void
first_frame_after_paint_cb (GdkFrameClock *clock,
                            PwWindow      *self)
{
  /* A paint that did not snapshot the canvas (nothing allocated yet) is not
   * the frame a person waits for. */
  if (!self->first_frame_canvas_drawn)
    return;
  if (!startup_reported && g_getenv ("PATCHWISE_REPORT_STARTUP") != NULL)
    {
      startup_reported = TRUE;
      g_printerr ("patchwise: first frame at %" G_GINT64_FORMAT " us\n", g_get_monotonic_time ());
    }
  after_first_frame (self);
}

static void
first_frame_map_cb (PwWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->first_frame_done || self->first_frame_clock != NULL)
    return;
  if (clock == NULL)
    {
      after_first_frame (self);
      return;
    }
  self->first_frame_clock = g_object_ref (clock);
  self->first_frame_handler = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (first_frame_after_paint_cb), self);
}

static void
pw_window_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  PwWindow *self = PW_WINDOW (widget);

  GTK_WIDGET_CLASS (pw_window_parent_class)->snapshot (widget, snapshot);

  /* The window's snapshot takes its children's, the canvas's among them. */
  if (self->first_frame_clock != NULL && gtk_widget_is_drawable (GTK_WIDGET (self->canvas)) &&
      gtk_widget_get_width (GTK_WIDGET (self->canvas)) > 1 &&
      gtk_widget_get_height (GTK_WIDGET (self->canvas)) > 1)
    self->first_frame_canvas_drawn = TRUE;
}

static void
dark_changed_cb (PwWindow *self)
{
  pw_canvas_set_dark (self->canvas, adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
pw_window_dispose (GObject *object)
{
  PwWindow *self = PW_WINDOW (object);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  stop_first_frame_watch (self);
  /* A window closed before it was ever drawn still leaves its file in the
   * recent files. */
  if (self->recent_pending != NULL)
    {
      g_autofree char *uri = g_file_get_uri (self->recent_pending);

      gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
      g_clear_object (&self->recent_pending);
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->canvas != NULL)
    pw_canvas_set_history (self->canvas, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_WINDOW);
  self->canvas = NULL;
  g_clear_pointer (&self->render, pw_render_free);
  g_clear_object (&self->history);
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pw_window_parent_class)->dispose (object);
}

static void
pw_window_finalize (GObject *object)
{
  PwWindow *self = PW_WINDOW (object);

  /* An autosave still on disk now (the application was quit with the plan unsaved) is left to
   * the next start, which offers it. */
  if (self->autosave_lock >= 0)
    close (self->autosave_lock);
  g_free (self->autosave_path);
  G_OBJECT_CLASS (pw_window_parent_class)->finalize (object);
}

static void
pw_window_class_init (PwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pw_window_dispose;
  object_class->finalize = pw_window_finalize;
  widget_class->snapshot = pw_window_snapshot;
  window_class->close_request = pw_window_close_request;

  g_type_ensure (PW_TYPE_CANVAS);
  g_type_ensure (PW_TYPE_PALETTE_PANEL);
  g_type_ensure (PW_TYPE_INSPECTOR);
  g_type_ensure (PW_TYPE_FINDINGS_PANEL);
  g_type_ensure (PW_TYPE_OUTLINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patchwise/Patchwise/pw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PwWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, findings);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, device_menu);
  gtk_widget_class_bind_template_child (widget_class, PwWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.renumber", NULL, renumber_action);
  gtk_widget_class_install_action (widget_class, "win.plan-properties", NULL,
                                   plan_properties_action);
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "win.compare-saved", NULL, compare_saved_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "win.change-type", NULL, change_type_action);
  gtk_widget_class_install_action (widget_class, "win.ignore-finding", "(ss)", ignore_finding_action);
  gtk_widget_class_install_action (widget_class, "win.restore-finding", "(ss)",
                                   restore_finding_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.arrange", NULL, arrange_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.snap", NULL, snap_action);
  gtk_widget_class_install_action (widget_class, "win.new-device-type", NULL, new_device_type_action);
  gtk_widget_class_install_action (widget_class, "win.edit-device-type", NULL, edit_device_type_action);
}

static void
pw_window_init (PwWindow *self)
{
  g_autoptr(PwDocument) empty = pw_document_new ();
  AdwStyleManager *style = adw_style_manager_get_default ();

  self->autosave_lock = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = pw_settings_new ();
  gtk_window_set_default_size (GTK_WINDOW (self), setting_int (self, "window-width", 1280),
                               setting_int (self, "window-height", 800));
  if (setting_bool (self, "window-maximized", FALSE))
    gtk_window_maximize (GTK_WINDOW (self));
  pw_canvas_set_snap (self->canvas, setting_bool (self, "snap-to-grid", TRUE));

  g_signal_connect_swapped (self->canvas, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->canvas, "message", G_CALLBACK (canvas_message_cb), self);
  g_signal_connect_swapped (self->canvas, "notice", G_CALLBACK (canvas_notice_cb), self);
  g_signal_connect_swapped (self->canvas, "context-menu", G_CALLBACK (canvas_context_menu_cb), self);
  g_signal_connect_swapped (self->palette, "type-activated", G_CALLBACK (type_activated_cb), self);
  g_signal_connect_swapped (self->findings, "finding-activated", G_CALLBACK (finding_activated_cb), self);
  g_signal_connect_swapped (self->outline, "device-activated", G_CALLBACK (outline_device_cb), self);
  g_signal_connect_swapped (self->outline, "cable-activated", G_CALLBACK (outline_cable_cb), self);
  g_signal_connect_swapped (self->outline, "connect", G_CALLBACK (outline_connect_cb), self);
  g_signal_connect_swapped (self->outline, "delete", G_CALLBACK (outline_delete_cb), self);
  g_signal_connect_swapped (self->side_stack, "notify::visible-child-name",
                            G_CALLBACK (side_page_changed_cb), self);

  /* The changes page shows only while comparing. */
  self->compare = PW_COMPARE_PANEL (pw_compare_panel_new ());
  self->compare_page = adw_view_stack_add_titled (self->side_stack, GTK_WIDGET (self->compare),
                                                  "changes", _("_Changes"));
  adw_view_stack_page_set_use_underline (self->compare_page, TRUE);
  adw_view_stack_page_set_icon_name (self->compare_page, "document-edit-symbolic");
  adw_view_stack_page_set_visible (self->compare_page, FALSE);
  g_signal_connect_swapped (self->compare, "notify::marks", G_CALLBACK (compare_marks_cb), self);
  g_signal_connect_swapped (self->compare, "device-activated", G_CALLBACK (outline_device_cb), self);
  g_signal_connect_swapped (self->compare, "cable-activated", G_CALLBACK (outline_cable_cb), self);
  g_signal_connect_swapped (self->compare, "close-requested",
                            G_CALLBACK (pw_window_end_comparison), self);
  g_signal_connect_swapped (self->compare, "record-requested", G_CALLBACK (compare_record_cb),
                            self);
  g_signal_connect_swapped (style, "notify::dark", G_CALLBACK (dark_changed_cb), self);
  dark_changed_cb (self);

  set_document (self, empty);
  update_title (self);
  g_signal_connect (self, "map", G_CALLBACK (first_frame_map_cb), NULL);
  if (g_getenv ("PATCHWISE_TEST_GEOMETRY") != NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), test_geometry_tick_cb, NULL, NULL);
}

PwWindow *
pw_window_new (GtkApplication *application)
{
  return g_object_new (PW_TYPE_WINDOW, "application", application, NULL);
}
