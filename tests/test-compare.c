/* test-compare.c: "Compare with…" in the window — the changes listed and
 * selectable, marked on the canvas (rendered to PNG and looked at), kept
 * up to date after an edit, and gone when the comparison is closed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pw-application.h"
#include "pw-format.h"
#include "pw-plan-properties.h"
#include "pw-window.h"

static char *
diff_case (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "diff", name, NULL);
}

static void
run_main_loop_briefly (void)
{
  for (int i = 0; i < 40; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The canvas as it is on screen, into an image surface. */
static cairo_surface_t *
canvas_picture (PwCanvas *canvas)
{
  GtkWidget *widget = GTK_WIDGET (canvas);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;

  g_assert_cmpint (width, >, 0);
  /* What the canvas draws for its next frame. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                        gdk_texture_get_height (texture));
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* Pixels within a few steps of @color (the mark colour). */
static guint
count_color (cairo_surface_t *surface,
             const PwColor   *color)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int r = (int) (color->r * 255), g = (int) (color->g * 255), b = (int) (color->b * 255);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = data + y * stride + 4 * x;   /* BGRA */

        if (ABS (p[2] - r) < 12 && ABS (p[1] - g) < 12 && ABS (p[0] - b) < 12)
          n++;
      }
  return n;
}

static const char *
entry_title (PwComparePanel *panel,
             guint           i)
{
  g_autoptr(GObject) entry = g_list_model_get_item (pw_compare_panel_get_entries (panel), i);

  return pw_compare_entry_get_title (entry);
}

static void
test_compare_window (void)
{
  g_autofree char *base_path = diff_case ("base.patchwise");
  g_autofree char *new_path = diff_case ("cable-type.patchwise");
  g_autoptr(GFile) file = g_file_new_for_path (new_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) base = pw_format_load_file (base_path, &error);
  PwWindow *window = pw_window_new (NULL);
  PwCanvas *canvas = pw_window_get_canvas (window);
  PwComparePanel *panel = pw_window_get_compare_panel (window);
  PwHistory *history;
  PwDocument *doc;
  const PwColor *mark = &pw_palette_get (FALSE)->mark;
  cairo_surface_t *before, *marked, *closed;
  GtkListBoxRow *row;
  GtkWidget *list;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "compare-marks.png", NULL);

  g_assert_no_error (error);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (pw_window_load_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop_briefly ();
  pw_canvas_zoom_to_fit (canvas);
  run_main_loop_briefly ();
  history = pw_window_get_history (window);
  doc = pw_history_get_document (history);

  before = canvas_picture (canvas);
  g_assert_false (pw_compare_panel_is_comparing (panel));
  g_assert_null (pw_canvas_get_marks (canvas));

  /* The open plan has C1 of another type than the saved base. */
  pw_window_compare_with (window, base, "base.patchwise");
  run_main_loop_briefly ();
  g_assert_true (pw_compare_panel_is_comparing (panel));
  g_assert_nonnull (pw_canvas_get_marks (canvas));
  g_assert_cmpint (pw_marks_lookup (pw_canvas_get_marks (canvas), TRUE, "C1"), ==,
                   PW_MARK_CHANGED);
  g_assert_cmpint (pw_marks_lookup (pw_canvas_get_marks (canvas), TRUE, "C2"), ==, PW_MARK_NONE);
  g_assert_cmpuint (g_list_model_get_n_items (pw_compare_panel_get_entries (panel)), ==, 2);
  g_assert_cmpstr (entry_title (panel, 0), ==, "Cable C1 changed: type");
  g_assert_cmpstr (entry_title (panel, 1), ==, "New finding: The polarity is inverted");

  /* Looked at: the marks are drawn, in their colour, where the plain
   * picture had none. */
  marked = canvas_picture (canvas);
  g_assert_cmpint (cairo_surface_write_to_png (marked, png), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("canvas with marks: %s", png);
  g_assert_cmpuint (count_color (before, mark), ==, 0);
  g_assert_cmpuint (count_color (marked, mark), >, 40);

  /* Activating the row selects the cable. */
  list = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (panel)));
  while (list != NULL && !GTK_IS_SCROLLED_WINDOW (list))
    list = gtk_widget_get_next_sibling (list);
  g_assert_nonnull (list);
  list = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (list));
  if (GTK_IS_VIEWPORT (list))
    list = gtk_viewport_get_child (GTK_VIEWPORT (list));
  g_assert_true (GTK_IS_LIST_BOX (list));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_signal_emit_by_name (list, "row-activated", row);
  g_assert_true (pw_canvas_get_selected_cable (canvas) == pw_document_lookup_cable (doc, "C1"));

  /* An edit is compared at once: a device renamed joins the list and
   * the marks; undone, it leaves them. */
  pw_edit_set_device_name (history, pw_document_lookup_device (doc, "monr"), "Right wedge");
  run_main_loop_briefly ();
  g_assert_cmpint (pw_marks_lookup (pw_canvas_get_marks (canvas), FALSE, "monr"), ==,
                   PW_MARK_CHANGED);
  g_assert_cmpuint (g_list_model_get_n_items (pw_compare_panel_get_entries (panel)), ==, 3);
  g_assert_cmpstr (entry_title (panel, 0), ==, "Device monr changed: name");
  {
    cairo_surface_t *renamed = canvas_picture (canvas);
    g_autofree char *renamed_png = g_test_build_filename (G_TEST_BUILT, "compare-marks-device.png",
                                                          NULL);

    /* The cloud around the card adds to the marks. */
    g_assert_cmpuint (count_color (renamed, mark), >, count_color (marked, mark) + 40);
    g_assert_cmpint (cairo_surface_write_to_png (renamed, renamed_png), ==, CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (renamed);
  }
  pw_history_undo (history);
  run_main_loop_briefly ();
  g_assert_cmpint (pw_marks_lookup (pw_canvas_get_marks (canvas), FALSE, "monr"), ==,
                   PW_MARK_NONE);
  g_assert_cmpuint (g_list_model_get_n_items (pw_compare_panel_get_entries (panel)), ==, 2);

  /* Recorded as a revision: only once the plan has one, as one step. */
  g_signal_emit_by_name (panel, "record-requested");
  run_main_loop_briefly ();
  g_assert_cmpuint (pw_document_get_revisions (doc)->len, ==, 0);
  {
    GList *toplevels = gtk_window_list_toplevels ();

    /* The plan properties opened to give it one. */
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (PW_IS_PLAN_PROPERTIES (l->data))
        gtk_window_destroy (l->data);
    g_list_free (toplevels);
  }
  pw_edit_set_plan_field (history, PW_PLAN_REVISION, "B");
  g_signal_emit_by_name (panel, "record-requested");
  g_assert_cmpuint (pw_document_get_revisions (doc)->len, ==, 1);
  g_assert_cmpstr (g_array_index (pw_document_get_revisions (doc), PwRevision, 0).revision, ==,
                   "B");
  g_assert_cmpstr (g_array_index (pw_document_get_revisions (doc), PwRevision, 0).changes, ==,
                   "changed cable C1; findings: 1 new, 0 gone");
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Record Revision");

  /* Closed, the marks go. */
  pw_window_end_comparison (window);
  run_main_loop_briefly ();
  g_assert_false (pw_compare_panel_is_comparing (panel));
  g_assert_null (pw_canvas_get_marks (canvas));
  closed = canvas_picture (canvas);
  g_assert_cmpuint (count_color (closed, mark), ==, 0);

  cairo_surface_destroy (before);
  cairo_surface_destroy (marked);
  cairo_surface_destroy (closed);
  gtk_window_destroy (GTK_WINDOW (window));
  run_main_loop_briefly ();
  g_assert_null (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Registers the templates and icons. */
  g_object_unref (pw_application_new ());

  g_test_add_func ("/compare/window", test_compare_window);

  return g_test_run ();
}
