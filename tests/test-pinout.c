/* test-pinout.c: pin diagrams of known cables, against reference pictures
 *
 * Each case draws one cable of a small plan in tests/pinout/ (or one cable
 * type alone) into an image and compares it with tests/pinout/NAME.png:
 * a pixel differs when one of its channels is off by more than
 * CHANNEL_TOLERANCE, and at most MAX_DIFFERING of the pixels may differ.
 * Run with PW_UPDATE_REFERENCES=1 to write the pictures anew, on purpose,
 * then look at them before committing. A failed comparison leaves what
 * was drawn in the build directory, under pinout-out/.
 *
 * Geometry facts back the pictures up, so that a blank or clipped drawing
 * cannot pass: the height is positive and grows with the ends, and all ink
 * falls inside [0, width] × [0, height].
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <math.h>

#include "pw-analysis.h"
#include "pw-format.h"
#include "pw-pinout.h"
#include "pw-test-images.h"

#define WIDTH             700.0
#define CHANNEL_TOLERANCE 48
#define MAX_DIFFERING     0.004

typedef struct
{
  const char *name;      /* reference picture */
  const char *plan;      /* file under tests/pinout/, or NULL: a catalogue cable type */
  const char *cable;     /* cable id in the plan, or cable type id */
  gboolean    dark;
} Case;

static const Case cases[] = {
  { "xlr-mic", "mic.patchwise", "C1", FALSE },
  { "xlr-mic-dark", "mic.patchwise", "C1", TRUE },
  { "xlr-polarity-reverse", "mic.patchwise", "C2", FALSE },
  { "xlr-ground-lift", "mic.patchwise", "C3", FALSE },
  { "xlr-ts-balanced-out", "mic.patchwise", "C4", FALSE },
  { "xlr-open-end", "mic.patchwise", "C5", FALSE },
  { "pentaconn-se-adapter", "phones.patchwise", "C1", FALSE },
  { "pentaconn-se-adapter-dark", "phones.patchwise", "C1", TRUE },
  { "pentaconn-2xlr3", "phones.patchwise", "C2", FALSE },
  { "insert-y", "insert.patchwise", "C1", FALSE },
  { "insert-y-dark", "insert.patchwise", "C1", TRUE },
  { "ts-mismatch", "phone.patchwise", "C1", FALSE },
  { "ts-stereo-short", "phone.patchwise", "C2", FALSE },
  { "ts-stereo-short-dark", "phone.patchwise", "C2", TRUE },
  { "trs-in-ts", "phone.patchwise", "C3", FALSE },
  { "type-xlr-f-m", NULL, "xlr-f-m", FALSE },
  { "type-insert-y", NULL, "insert-y", FALSE },
  { "type-headset-splitter", NULL, "headset-splitter", FALSE },
  { "type-nl4-binding-dark", NULL, "nl4-binding", TRUE },
};

static PwDocument *
load_plan (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "pinout", name, NULL);
  g_autoptr(GError) error = NULL;
  PwDocument *doc = pw_format_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static guint
cable_index (PwDocument *doc,
             const char *id)
{
  PwCable *cable = pw_document_lookup_cable (doc, id);

  g_assert_nonnull (cable);
  return cable->index;
}

/* Draws the case on its palette's background. */
static cairo_surface_t *
render_case (const Case *tc)
{
  const PwPalette *palette = pw_palette_get (tc->dark);
  g_autoptr(PwDocument) doc = NULL;
  g_autoptr(PwAnalysis) analysis = NULL;
  PwCableType *type = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint cable = 0;
  double height;

  if (tc->plan != NULL)
    {
      doc = load_plan (tc->plan);
      analysis = pw_analysis_new (doc);
      cable = cable_index (doc, tc->cable);
      height = pw_pinout_get_height (doc, analysis, cable, WIDTH);
    }
  else
    {
      type = pw_type_set_lookup_cable (pw_catalogue_get_builtin (), tc->cable);
      g_assert_nonnull (type);
      height = pw_pinout_type_get_height (type, WIDTH);
    }
  g_assert_cmpfloat (height, >, 0);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) WIDTH, (int) ceil (height));
  cr = cairo_create (surface);
  pw_palette_set_source (cr, &palette->background);
  cairo_paint (cr);
  if (doc != NULL)
    pw_pinout_draw (cr, doc, analysis, cable, palette, WIDTH);
  else
    pw_pinout_draw_type (cr, type, palette, WIDTH);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
save_output (cairo_surface_t *surface,
             const char      *name)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "pinout-out", NULL);
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);

  g_mkdir_with_parents (dir, 0755);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("drawn: %s", path);
}

static void
test_reference (gconstpointer data)
{
  const Case *tc = data;
  cairo_surface_t *surface = render_case (tc);
  g_autofree char *file = g_strconcat (tc->name, ".png", NULL);
  g_autofree char *ref_path = g_test_build_filename (G_TEST_DIST, "pinout", file, NULL);
  cairo_surface_t *ref, *converted;
  cairo_t *cr;
  double diff;

  if (g_strcmp0 (g_getenv ("PW_UPDATE_REFERENCES"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (surface, ref_path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("reference written: %s", ref_path);
      cairo_surface_destroy (surface);
      return;
    }

  if (!g_file_test (ref_path, G_FILE_TEST_EXISTS))
    {
      save_output (surface, tc->name);
      cairo_surface_destroy (surface);
      g_test_fail_printf ("no reference %s: run with PW_UPDATE_REFERENCES=1", ref_path);
      return;
    }

  ref = cairo_image_surface_create_from_png (ref_path);
  g_assert_cmpint (cairo_surface_status (ref), ==, CAIRO_STATUS_SUCCESS);
  /* The PNG may load as RGB24; compare in the format drawn. */
  converted = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width (ref),
                                          cairo_image_surface_get_height (ref));
  cr = cairo_create (converted);
  cairo_set_source_surface (cr, ref, 0, 0);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (ref);

  diff = pw_test_differing_fraction (surface, converted, CHANNEL_TOLERANCE);
  if (diff > MAX_DIFFERING)
    {
      save_output (surface, tc->name);
      g_test_fail_printf ("%s: %.2f%% of the pixels differ from %s (at most %.2f%% may)",
                          tc->name, diff * 100, ref_path, MAX_DIFFERING * 100);
    }
  cairo_surface_destroy (converted);
  cairo_surface_destroy (surface);
}

/* The comparison is not blind: the same cable on the other palette, or
 * a different cable of the same size, is far outside the tolerance. */
static void
test_reference_sensitive (void)
{
  cairo_surface_t *light = render_case (&cases[0]);
  cairo_surface_t *dark = render_case (&cases[1]);
  cairo_surface_t *polarity = render_case (&cases[2]);
  cairo_surface_t *again = render_case (&cases[0]);

  g_assert_cmpfloat (pw_test_differing_fraction (light, dark, CHANNEL_TOLERANCE), >, 0.5);
  g_assert_cmpfloat (pw_test_differing_fraction (light, polarity, CHANNEL_TOLERANCE), >,
                     MAX_DIFFERING * 2);
  g_assert_cmpfloat (pw_test_differing_fraction (light, again, CHANNEL_TOLERANCE), ==, 0);

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
  cairo_surface_destroy (polarity);
  cairo_surface_destroy (again);
}

/* Ink of one drawing, on an unbounded recording surface. */
static void
ink_extents (PwDocument      *doc,
             PwAnalysis      *analysis,
             guint            cable,
             PwCableType     *type,
             const PwPalette *palette,
             double           width,
             double          *x,
             double          *y,
             double          *w,
             double          *h)
{
  cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (rec);

  if (doc != NULL)
    pw_pinout_draw (cr, doc, analysis, cable, palette, width);
  else
    pw_pinout_draw_type (cr, type, palette, width);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (rec, x, y, w, h);
  cairo_surface_destroy (rec);
}

static void
assert_ink_inside (const char *what,
                   double      width,
                   double      height,
                   double      x,
                   double      y,
                   double      w,
                   double      h)
{
  if (x < 0 || y < 0 || x + w > width + 0.01 || y + h > height + 0.01)
    g_test_fail_printf ("%s: ink [%.1f, %.1f] × [%.1f, %.1f] leaves [0, %.0f] × [0, %.1f]",
                        what, x, x + w, y, y + h, width, height);
  /* A drawing that uses little of its room is as wrong as one that spills. */
  if (w < width * 0.8 || h < height * 0.7)
    g_test_fail_printf ("%s: ink %.1f × %.1f fills too little of %.0f × %.1f",
                        what, w, h, width, height);
}

/* Every cable of every example plan and test plan, at several widths and
 * on both palettes, draws inside its box. */
static void
test_ink_plans (void)
{
  const char * const plans[] = { "mic.patchwise", "phones.patchwise", "insert.patchwise",
                                 "phone.patchwise" };
  const char * const examples[] = { "headphone-rig.patchwise", "home-studio.patchwise",
                                    "live-band.patchwise" };
  const double widths[] = { 700, 520, 1000 };
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    g_ptr_array_add (docs, load_plan (plans[i]));
  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                                     examples[i], NULL);
      g_autoptr(GError) error = NULL;
      PwDocument *doc = pw_format_load_file (path, &error);

      g_assert_no_error (error);
      g_ptr_array_add (docs, doc);
    }

  for (guint d = 0; d < docs->len; d++)
    {
      PwDocument *doc = g_ptr_array_index (docs, d);
      g_autoptr(PwAnalysis) analysis = pw_analysis_new (doc);

      for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
        for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
          for (int dark = 0; dark < 2; dark++)
            {
              double height = pw_pinout_get_height (doc, analysis, c, widths[wi]);
              g_autofree char *what = g_strdup_printf ("%s cable %s at %.0f",
                                                       pw_document_get_title (doc),
                                                       pw_document_get_cable (doc, c)->id,
                                                       widths[wi]);
              double x, y, w, h;

              g_assert_cmpfloat (height, >, 0);
              ink_extents (doc, analysis, c, NULL, pw_palette_get (dark), widths[wi],
                           &x, &y, &w, &h);
              assert_ink_inside (what, widths[wi], height, x, y, w, h);
            }
    }
}

/* Every cable type of the catalogue, alone. */
static void
test_ink_types (void)
{
  g_autoptr(GPtrArray) types = pw_type_set_list_cable_types (pw_catalogue_get_builtin ());

  g_assert_cmpuint (types->len, >, 10);
  for (guint i = 0; i < types->len; i++)
    for (int dark = 0; dark < 2; dark++)
      {
        PwCableType *type = g_ptr_array_index (types, i);
        double height = pw_pinout_type_get_height (type, WIDTH);
        double x, y, w, h;

        g_assert_cmpfloat (height, >, 0);
        ink_extents (NULL, NULL, 0, type, pw_palette_get (dark), WIDTH, &x, &y, &w, &h);
        assert_ink_inside (type->id, WIDTH, height, x, y, w, h);
      }
}

/* More ends take more room: a Y with three ends is taller than a cable
 * with two, in both variants. */
static void
test_height_grows_with_ends (void)
{
  PwTypeSet *builtin = pw_catalogue_get_builtin ();
  PwCableType *two = pw_type_set_lookup_cable (builtin, "trs-trs");
  PwCableType *three = pw_type_set_lookup_cable (builtin, "insert-y");
  PwCableType *four = pw_type_set_lookup_cable (builtin, "rca-rca-stereo");
  g_autoptr(PwDocument) doc = load_plan ("insert.patchwise");
  g_autoptr(PwAnalysis) analysis = pw_analysis_new (doc);
  g_autoptr(PwDocument) doc2 = load_plan ("phone.patchwise");
  g_autoptr(PwAnalysis) analysis2 = pw_analysis_new (doc2);
  double h2, h3, h4;

  g_assert_nonnull (two);
  g_assert_nonnull (three);
  g_assert_nonnull (four);
  h2 = pw_pinout_type_get_height (two, WIDTH);
  h3 = pw_pinout_type_get_height (three, WIDTH);
  h4 = pw_pinout_type_get_height (four, WIDTH);
  g_assert_cmpfloat (h2, >, 0);
  g_assert_cmpfloat (h3, >, h2);
  g_assert_cmpfloat (h4, >, h3);

  /* In a plan: the insert Y against a TRS-to-TS cable (same left end). */
  g_assert_cmpfloat (pw_pinout_get_height (doc, analysis, cable_index (doc, "C1"), WIDTH), >,
                     pw_pinout_get_height (doc2, analysis2, cable_index (doc2, "C3"), WIDTH));
}

/* Cables chained end to end are one run, drawn whole from any of its
 * cables, in order from the mic to the desk (DESIGN.md §4). */
static void
test_run_order (void)
{
  g_autoptr(PwDocument) doc = load_plan ("run.patchwise");
  g_autoptr(PwAnalysis) analysis = pw_analysis_new (doc);
  g_autoptr(PwDocument) lone = load_plan ("phone.patchwise");
  g_autoptr(PwAnalysis) lone_analysis = pw_analysis_new (lone);
  const char *ids[] = { "C1", "C2", "C3" };
  g_autoptr(GArray) single = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GArray) run = pw_pinout_get_run (doc, analysis, cable_index (doc, ids[i]));

      g_assert_cmpuint (run->len, ==, 3);
      for (guint k = 0; k < 3; k++)
        g_assert_cmpuint (g_array_index (run, guint, k), ==, cable_index (doc, ids[k]));
      /* The same drawing, whichever cable of the run it is asked for. */
      g_assert_cmpfloat (pw_pinout_get_height (doc, analysis, cable_index (doc, ids[i]), WIDTH), ==,
                         pw_pinout_get_height (doc, analysis, cable_index (doc, "C1"), WIDTH));
    }
  single = pw_pinout_get_run (lone, lone_analysis, cable_index (lone, "C3"));
  g_assert_cmpuint (single->len, ==, 1);
  /* Three cables and two junctions: taller than three single diagrams. */
  g_assert_cmpfloat (pw_pinout_get_height (doc, analysis, cable_index (doc, "C1"), WIDTH), >,
                     3 * pw_pinout_get_height (lone, lone_analysis, cable_index (lone, "C3"), WIDTH)
                     * 0.9);
}

/* How many pixels are close to @color. */
static guint
count_color (cairo_surface_t *surface,
             const PwColor   *color)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int r = (int) round (color->r * 255), g = (int) round (color->g * 255);
  int b = (int) round (color->b * 255);
  guint n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = ((const guint32 *) (data + y * stride))[x];

        if (ABS ((int) ((p >> 16) & 0xff) - r) < 12 && ABS ((int) ((p >> 8) & 0xff) - g) < 12 &&
            ABS ((int) (p & 0xff) - b) < 12)
          n++;
      }
  return n;
}

/* The colours say what the conductors carry: hot and cold on the mic
 * cable; on the TS plug in a phone's output, right and ground, because the
 * plug's sleeve shorts them; never right on a balanced mic line. */
static void
test_role_colours (void)
{
  const PwPalette *light = pw_palette_get (FALSE);
  cairo_surface_t *mic = render_case (&cases[0]);
  cairo_surface_t *shorted = render_case (&cases[12]);

  g_assert_cmpuint (count_color (mic, &light->role_hot), >, 150);
  g_assert_cmpuint (count_color (mic, &light->role_cold), >, 150);
  g_assert_cmpuint (count_color (mic, &light->role_ground), >, 150);
  g_assert_cmpuint (count_color (mic, &light->role_right), ==, 0);
  g_assert_cmpuint (count_color (shorted, &light->role_right), >, 150);
  g_assert_cmpuint (count_color (shorted, &light->role_left), >, 30);
  g_assert_cmpuint (count_color (shorted, &light->error), >, 40);

  cairo_surface_destroy (mic);
  cairo_surface_destroy (shorted);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pinout/reference/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_reference);
    }
  g_test_add_func ("/pinout/reference/sensitive", test_reference_sensitive);
  g_test_add_func ("/pinout/core/ink-plans", test_ink_plans);
  g_test_add_func ("/pinout/core/ink-types", test_ink_types);
  g_test_add_func ("/pinout/core/height-grows-with-ends", test_height_grows_with_ends);
  g_test_add_func ("/pinout/core/run-order", test_run_order);
  g_test_add_func ("/pinout/core/colours-roles", test_role_colours);

  return g_test_run ();
}
