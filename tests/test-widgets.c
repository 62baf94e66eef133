/* test-widgets.c: every templated widget builds and finalizes; the canvas
 * geometry (zoom anchoring, fitting, snapping, hit testing) holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pw-application.h"
#include "pw-canvas.h"
#include "pw-format.h"
#include "pw-panels.h"
#include "pw-numbering-group.h"
#include "pw-plan-properties.h"
#include "pw-window.h"

static char *
example (const char *name)
{
  return g_build_filename (g_getenv ("PW_SOURCE_ROOT"), "data", "examples", name, NULL);
}

static void
run_main_loop_briefly (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_view_zoom_anchor (void)
{
  PwView view = { 100, 50, 1 };
  double before_x, before_y, after_x, after_y;

  /* The document point under the pointer stays under the pointer. */
  pw_view_to_document (&view, 300, 200, &before_x, &before_y);
  pw_view_zoom_at (&view, 2.5, 300, 200);
  pw_view_to_document (&view, 300, 200, &after_x, &after_y);
  g_assert_cmpfloat_with_epsilon (before_x, after_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (before_y, after_y, 1e-9);
  g_assert_cmpfloat (view.zoom, ==, 2.5);

  /* Zoom is bounded. */
  pw_view_zoom_at (&view, 1e6, 0, 0);
  g_assert_cmpfloat (view.zoom, ==, PW_CANVAS_MAX_ZOOM);
  pw_view_zoom_at (&view, 1e-9, 0, 0);
  g_assert_cmpfloat (view.zoom, ==, PW_CANVAS_MIN_ZOOM);
}

static void
test_view_round_trip (void)
{
  PwView view = { -37.5, 12, 0.75 };
  double dx, dy, wx, wy;

  pw_view_to_document (&view, 123, 456, &dx, &dy);
  pw_view_to_widget (&view, dx, dy, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 123, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy, 456, 1e-9);
}

static void
test_view_fit (void)
{
  PwView view = { 0, 0, 1 };
  PwRect rect = { 1000, 500, 4000, 1000 };
  double x0, y0, x1, y1;

  pw_view_fit (&view, &rect, 800, 600, 20);
  pw_view_to_widget (&view, rect.x, rect.y, &x0, &y0);
  pw_view_to_widget (&view, rect.x + rect.width, rect.y + rect.height, &x1, &y1);
  /* The whole rectangle is in sight, within the margin, and centred. */
  g_assert_cmpfloat (x0, >=, 20 - 1e-6);
  g_assert_cmpfloat (x1, <=, 780 + 1e-6);
  g_assert_cmpfloat (y0, >=, 0);
  g_assert_cmpfloat (y1, <=, 600);
  g_assert_cmpfloat_with_epsilon ((x0 + x1) / 2, 400, 1e-6);
  g_assert_cmpfloat_with_epsilon ((y0 + y1) / 2, 300, 1e-6);
}

static void
test_snap (void)
{
  g_assert_cmpfloat (pw_snap (29, 20), ==, 20);
  g_assert_cmpfloat (pw_snap (31, 20), ==, 40);
  g_assert_cmpfloat (pw_snap (-11, 20), ==, -20);
  g_assert_cmpfloat (pw_snap (13.3, 0), ==, 13.3);
}

static void
test_window_builds_and_finalizes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = example ("home-studio.patchwise");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PwWindow *window = pw_window_new (NULL);
  GtkWidget *canvas;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_assert_true (pw_window_load_file (window, file, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  run_main_loop_briefly ();

  canvas = GTK_WIDGET (pw_window_get_canvas (window));
  g_object_add_weak_pointer (G_OBJECT (canvas), (gpointer *) &canvas);
  g_assert_true (g_str_has_suffix (gtk_window_get_title (GTK_WINDOW (window)),
                                   "home-studio.patchwise — Patchwise"));
  g_assert_false (pw_history_get_modified (pw_window_get_history (window)));

  /* An edit marks the window title. */
  pw_edit_set_title (pw_window_get_history (window), "Edited");
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  pw_history_undo (pw_window_get_history (window));

  /* Renumber Cables: every label by the rule, one undo step. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.renumber", NULL));
  g_assert_cmpstr (pw_history_get_undo_label (pw_window_get_history (window)), ==,
                   "Renumber Cables");
  g_assert_true (g_str_has_prefix (pw_document_get_cable (
                                     pw_history_get_document (pw_window_get_history (window)),
                                     0)->label, "A0"));
  pw_history_undo (pw_window_get_history (window));

  /* The Export dialog offers the label sheet, with a preview of it. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    AdwMessageDialog *dialog = NULL;
    AdwComboRow *format;
    GtkPicture *preview;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
    run_main_loop_briefly ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (item))
          dialog = ADW_MESSAGE_DIALOG (item);
      }
    g_assert_nonnull (dialog);
    format = g_object_get_data (G_OBJECT (dialog), "format");
    preview = g_object_get_data (G_OBJECT (dialog), "preview");
    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (format)), ==, 8);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (preview)));
    adw_combo_row_set_selected (format, 3);   /* the label sheet */
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preview)));
    g_assert_nonnull (gtk_picture_get_paintable (preview));
    run_main_loop_briefly ();
    if (g_getenv ("PW_TEST_SCREENSHOT") != NULL)
      {
        g_autoptr(GdkPaintable) shot = gtk_widget_paintable_new (GTK_WIDGET (dialog));
        GtkSnapshot *snap = gtk_snapshot_new ();
        g_autoptr(GskRenderNode) node = NULL;
        g_autoptr(GdkTexture) texture = NULL;
        GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (dialog));

        gdk_paintable_snapshot (shot, snap, gtk_widget_get_width (GTK_WIDGET (dialog)),
                                gtk_widget_get_height (GTK_WIDGET (dialog)));
        node = gtk_snapshot_free_to_node (snap);
        texture = gsk_renderer_render_texture (renderer, node, NULL);
        gdk_texture_save_to_png (texture, g_getenv ("PW_TEST_SCREENSHOT"));
      }
    gtk_window_destroy (GTK_WINDOW (dialog));
    run_main_loop_briefly ();
  }

  gtk_window_destroy (GTK_WINDOW (window));
  run_main_loop_briefly ();
  g_assert_null (window);
  g_assert_null (canvas);
}

/* The plan properties: each applied row is one undo step; an undo shows
 * in the row; a group added by another part of the app joins the page. */
static void
test_plan_properties (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  PwPlanProperties *dialog = pw_plan_properties_new (NULL, history);
  AdwEntryRow *client = pw_plan_properties_get_row (dialog, PW_PLAN_CLIENT);
  AdwEntryRow *revision = pw_plan_properties_get_row (dialog, PW_PLAN_REVISION);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  pw_document_set_field (doc, PW_PLAN_VENUE, "Hall 2");
  g_assert_cmpstr (gtk_editable_get_text (
                     GTK_EDITABLE (pw_plan_properties_get_row (dialog, PW_PLAN_VENUE))),
                   ==, "Hall 2");
  pw_plan_properties_add_group (dialog, group);
  gtk_window_present (GTK_WINDOW (dialog));
  run_main_loop_briefly ();

  gtk_editable_set_text (GTK_EDITABLE (client), "  Radio Nord ");
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_CLIENT), ==, "");
  g_signal_emit_by_name (client, "apply");
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_CLIENT), ==, "Radio Nord");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (client)), ==, "Radio Nord");
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Change Client");

  /* The revision row takes no more than the file allows. */
  gtk_editable_set_text (GTK_EDITABLE (revision), "B");
  g_signal_emit_by_name (revision, "apply");
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_REVISION), ==, "B");
  gtk_editable_set_text (GTK_EDITABLE (revision), "0123456789012345678901234567890123456789");
  g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (revision)), -1), ==,
                   PW_FORMAT_MAX_REVISION_CHARS);

  /* Undo reaches the row; texts typed and not applied are applied on
   * close, each its own step, none lost to another's. */
  g_assert_true (pw_history_undo (history));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (revision)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (client), "Radio Süd");
  gtk_editable_set_text (GTK_EDITABLE (pw_plan_properties_get_row (dialog, PW_PLAN_VENUE)),
                         "Hall 3");
  gtk_window_close (GTK_WINDOW (dialog));
  run_main_loop_briefly ();
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_CLIENT), ==, "Radio Süd");
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_VENUE), ==, "Hall 3");
  g_assert_true (pw_history_undo (history));
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_VENUE), ==, "Hall 2");
  g_assert_true (pw_history_undo (history));
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_CLIENT), ==, "Radio Nord");
  g_assert_null (dialog);
}

/* The numbering rule in the plan properties: an applied row is one undo
 * step of the whole rule; a format that is not one stays unapplied. */
static void
test_numbering_group (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  PwPlanProperties *dialog = pw_plan_properties_new (NULL, history);
  PwNumberingGroup *group = pw_numbering_group_new (history);
  AdwEntryRow *format = pw_numbering_group_get_row (group, 0);
  AdwEntryRow *balanced = pw_numbering_group_get_row (group, 1);
  AdwEntryRow *other = pw_numbering_group_get_row (group, 5);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  pw_plan_properties_add_group (dialog, ADW_PREFERENCES_GROUP (group));
  gtk_window_present (GTK_WINDOW (dialog));
  run_main_loop_briefly ();

  /* The defaults of DESIGN.md §9 until the plan sets its own. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (format)), ==, "{prefix}{n:03}");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (balanced)), ==, "A");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (other)), ==, "C");

  gtk_editable_set_text (GTK_EDITABLE (format), "{prefix}");
  g_signal_emit_by_name (format, "apply");
  g_assert_false (pw_document_has_numbering (doc));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (format), "error"));

  gtk_editable_set_text (GTK_EDITABLE (balanced), "MIC");
  g_signal_emit_by_name (balanced, "apply");
  g_assert_true (pw_document_has_numbering (doc));
  g_assert_cmpstr (pw_numbering_get_prefix (pw_document_get_numbering (doc), "balanced"), ==,
                   "MIC");
  /* The others keep what they showed. */
  g_assert_cmpstr (pw_numbering_get_prefix (pw_document_get_numbering (doc), "speaker"), ==, "S");
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Change Cable Numbering");

  gtk_editable_set_text (GTK_EDITABLE (format), "{prefix}-{n:02}");
  g_signal_emit_by_name (format, "apply");
  g_assert_cmpstr (pw_document_get_numbering (doc)->format, ==, "{prefix}-{n:02}");

  /* Undo reaches the rows. */
  g_assert_true (pw_history_undo (history));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (format)), ==, "{prefix}{n:03}");
  g_assert_true (pw_history_undo (history));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (balanced)), ==, "A");
  g_assert_false (pw_document_has_numbering (doc));

  gtk_window_close (GTK_WINDOW (dialog));
  run_main_loop_briefly ();
  g_assert_null (dialog);
}

static void
test_panels_build_and_finalize (void)
{
  GType types[] = {
    PW_TYPE_CANVAS, PW_TYPE_PALETTE_PANEL, PW_TYPE_INSPECTOR, PW_TYPE_FINDINGS_PANEL,
    PW_TYPE_OUTLINE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));

      g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
      g_object_unref (widget);
      g_assert_null (widget);
    }
}

static void
test_inspector_shows_pin_diagram (void)
{
  g_autofree char *path = example ("home-studio.patchwise");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = pw_format_load_file (path, &error);
  g_autoptr(PwHistory) history = NULL;
  g_autoptr(PwRender) render = NULL;
  GtkWidget *inspector = g_object_ref_sink (g_object_new (PW_TYPE_INSPECTOR, NULL));
  GtkWidget *window = gtk_window_new ();

  g_assert_no_error (error);
  history = pw_history_new (doc);
  render = pw_render_new (doc, NULL);
  gtk_window_set_child (GTK_WINDOW (window), inspector);
  gtk_window_present (GTK_WINDOW (window));

  /* Each selection shows its own page, without warnings. */
  pw_inspector_show (PW_INSPECTOR (inspector), history, render, NULL,
                     pw_document_get_cable (doc, 0));
  run_main_loop_briefly ();
  pw_inspector_show (PW_INSPECTOR (inspector), history, render,
                     pw_document_get_device (doc, 0), NULL);
  run_main_loop_briefly ();
  pw_inspector_show (PW_INSPECTOR (inspector), history, render, NULL, NULL);
  run_main_loop_briefly ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (inspector);
}

/* Headphones dragged onto an amplifier's socket plug straight in: a direct
 * connection, no cable, no length, and the plan saves and loads again. */
static void
test_canvas_connect_direct (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  g_autoptr(PwRender) render = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) again = NULL;
  g_autofree char *text = NULL;
  GtkWidget *canvas = g_object_ref_sink (pw_canvas_new ());
  PwDeviceType *phones = pw_type_set_lookup_device (pw_catalogue_get_builtin (), "headphones-635");
  PwDeviceType *amp = pw_type_set_lookup_device (pw_catalogue_get_builtin (), "headphone-amp");
  PwDevice *h, *a;
  PwCable *cable;

  h = pw_edit_add_device (history, phones, NULL, 400, 0);
  a = pw_edit_add_device (history, amp, NULL, 0, 0);
  render = pw_render_new (doc, NULL);
  pw_canvas_set_history (PW_CANVAS (canvas), history, render);

  cable = pw_canvas_connect (PW_CANVAS (canvas), a, pw_device_type_find_port (amp, "out-635"),
                             h, 0, &error);
  g_assert_no_error (error);
  g_assert_true (pw_cable_type_is_direct (cable->type));
  g_assert_false (cable->has_length);
  text = pw_format_save_data (doc, NULL);
  again = pw_format_load_data (text, strlen (text), "direct", &error);
  g_assert_no_error (error);
  g_assert_true (pw_cable_type_is_direct (pw_document_get_cable (again, 0)->type));

  pw_canvas_set_history (PW_CANVAS (canvas), NULL, NULL);
  g_object_unref (canvas);
}

static void
test_canvas_connect_best_fit (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  g_autoptr(PwRender) render = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *canvas = g_object_ref_sink (pw_canvas_new ());
  PwDeviceType *mic = pw_type_set_lookup_device (pw_catalogue_get_builtin (), "dynamic-mic");
  PwDeviceType *desk = pw_type_set_lookup_device (pw_catalogue_get_builtin (), "live-desk-16");
  PwDeviceType *speaker = pw_type_set_lookup_device (pw_catalogue_get_builtin (), "passive-speaker");
  PwDevice *m, *d, *s;
  PwCable *cable;

  m = pw_edit_add_device (history, mic, NULL, 0, 0);
  d = pw_edit_add_device (history, desk, NULL, 400, 0);
  s = pw_edit_add_device (history, speaker, NULL, 800, 0);
  render = pw_render_new (doc, NULL);
  pw_canvas_set_history (PW_CANVAS (canvas), history, render);

  cable = pw_canvas_connect (PW_CANVAS (canvas), m, 0, d, pw_device_type_find_port (desk, "ch1"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cable->type_id, ==, "xlr-f-m");
  g_assert_true (cable->ends[0].device == m || cable->ends[1].device == m);
  /* Numbered by the plan's rule as the balanced link it is (DESIGN.md §9). */
  g_assert_cmpstr (cable->label, ==, "A001");
  /* One user action, one undo step. */
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Connect");
  pw_history_undo (history);
  g_assert_cmpuint (pw_document_get_n_cables (doc), ==, 0);

  /* A microphone and a speaker: nothing fits, and the user is told why. */
  g_assert_null (pw_canvas_connect (PW_CANVAS (canvas), m, 0, s, 0, &error));
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "No cable") != NULL);

  pw_canvas_set_history (PW_CANVAS (canvas), NULL, NULL);
  g_object_unref (canvas);
}

/* Dragging a free cable end onto another cable's free end: an extension on a
 * lead, one undoable step; two plugs of a kind are refused with the reason. */
static void
test_canvas_plug_end_into_end (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  g_autoptr(PwRender) render = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *canvas = g_object_ref_sink (pw_canvas_new ());
  PwCableType *xlr = pw_type_set_lookup_cable (pw_catalogue_get_builtin (), "xlr-f-m");
  PwCable *lead, *extension;

  lead = pw_edit_add_cable (history, xlr, "C1", 10, TRUE);
  extension = pw_edit_add_cable (history, xlr, "C2", 5, TRUE);
  render = pw_render_new (doc, NULL);
  pw_canvas_set_history (PW_CANVAS (canvas), history, render);

  /* The extension's socket (a) dragged onto the lead's plug (b): the plug is
   * the end that plugs in, whichever end the user dragged. */
  g_assert_true (pw_canvas_plug_end_into_end (PW_CANVAS (canvas), extension, 0, lead, 1, &error));
  g_assert_no_error (error);
  g_assert_true (lead->ends[1].cable == extension);
  g_assert_cmpint (lead->ends[1].end, ==, 0);
  g_assert_null (extension->ends[0].cable);
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Plug Into Cable End");
  pw_history_undo (history);
  g_assert_null (lead->ends[1].cable);
  g_assert_null (extension->ends[0].cable);
  g_assert_cmpuint (pw_document_get_n_cables (doc), ==, 2);
  pw_history_redo (history);
  g_assert_true (lead->ends[1].cable == extension);

  /* Plug onto plug: refused, the document untouched, the user told why. */
  g_assert_false (pw_canvas_plug_end_into_end (PW_CANVAS (canvas), extension, 1, lead, 1, &error));
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "two of a kind") != NULL);
  g_assert_true (strstr (error->message, "C2") != NULL);
  g_assert_true (lead->ends[1].cable == extension);
  g_assert_null (extension->ends[1].cable);
  g_clear_error (&error);

  /* A cable's end into its own other end: refused. */
  g_assert_false (pw_canvas_plug_end_into_end (PW_CANVAS (canvas), lead, 0, lead, 1, &error));
  g_assert_nonnull (error);

  pw_canvas_set_history (PW_CANVAS (canvas), NULL, NULL);
  g_object_unref (canvas);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The window's template lives in the application's resources. */
  g_object_unref (pw_application_new ());

  g_test_add_func ("/canvas/view/zoom-anchor", test_view_zoom_anchor);
  g_test_add_func ("/canvas/view/round-trip", test_view_round_trip);
  g_test_add_func ("/canvas/view/fit", test_view_fit);
  g_test_add_func ("/canvas/snap", test_snap);
  g_test_add_func ("/canvas/connect-best-fit", test_canvas_connect_best_fit);
  g_test_add_func ("/canvas/connect-direct", test_canvas_connect_direct);
  g_test_add_func ("/canvas/plug-end-into-end", test_canvas_plug_end_into_end);
  g_test_add_func ("/widgets/panels", test_panels_build_and_finalize);
  g_test_add_func ("/widgets/inspector", test_inspector_shows_pin_diagram);
  g_test_add_func ("/widgets/window", test_window_builds_and_finalizes);
  g_test_add_func ("/widgets/plan-properties", test_plan_properties);
  g_test_add_func ("/widgets/numbering-group", test_numbering_group);

  return g_test_run ();
}
