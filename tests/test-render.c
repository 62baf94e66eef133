/* test-render.c: the diagram drawn from known plans matches the reference
 * pictures in tests/render/, and its geometry answers hit tests.
 *
 * PW_UPDATE_REFERENCES=1 rewrites the references (look at them before
 * committing). A picture matches when at most MAX_DIFF_FRACTION of its
 * pixels differ by more than PIXEL_THRESHOLD in a channel: fonts and
 * antialiasing may move a little between machines, a layout change may not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-format.h"
#include "pw-history.h"
#include "pw-layout.h"
#include "pw-render.h"
#include "pw-test-images.h"

#define PIXEL_THRESHOLD   48
#define MAX_DIFF_FRACTION 0.004

static PwDocument *
load_plan (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "render", name, NULL);
  g_autoptr(GError) error = NULL;
  PwDocument *doc = pw_format_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  pw_layout_arrange (doc, FALSE);
  return doc;
}

static cairo_surface_t *
draw_plan (PwRender *render,
           gboolean  dark)
{
  const PwPalette *palette = pw_palette_get (dark);
  cairo_surface_t *surface;
  cairo_t *cr;
  PwRect bounds;

  pw_render_get_bounds (render, &bounds);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (bounds.width) + 20,
                                        (int) ceil (bounds.height) + 20);
  cr = cairo_create (surface);
  pw_palette_set_source (cr, &palette->background);
  cairo_paint (cr);
  cairo_translate (cr, 10 - bounds.x, 10 - bounds.y);
  pw_render_draw (render, cr, palette, NULL, 1.0);
  cairo_destroy (cr);
  return surface;
}

static void
check_reference (const char *plan,
                 gboolean    dark)
{
  g_autoptr(PwDocument) doc = load_plan (plan);
  g_autoptr(PwRender) render = pw_render_new (doc, NULL);
  g_autofree char *stem = g_strndup (plan, strlen (plan) - strlen (".patchwise"));
  g_autofree char *name = g_strdup_printf ("%s-%s.png", stem, dark ? "dark" : "light");
  g_autofree char *reference = g_test_build_filename (G_TEST_DIST, "render", name, NULL);
  cairo_surface_t *actual = draw_plan (render, dark);
  cairo_surface_t *expected;
  double fraction;

  if (g_getenv ("PW_UPDATE_REFERENCES") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (actual, reference), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", reference);
      cairo_surface_destroy (actual);
      return;
    }

  expected = cairo_image_surface_create_from_png (reference);
  if (cairo_surface_status (expected) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (expected);
      cairo_surface_destroy (actual);
      g_test_message ("no reference %s: run with PW_UPDATE_REFERENCES=1", reference);
      g_test_fail ();
      return;
    }
  fraction = pw_test_differing_fraction (actual, expected, PIXEL_THRESHOLD);
  if (fraction > MAX_DIFF_FRACTION)
    {
      g_autofree char *out = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ?
                                               g_getenv ("G_TEST_BUILDDIR") : ".",
                                               name, NULL);

      cairo_surface_write_to_png (actual, out);
      g_test_message ("%s differs from its reference in %.3f%% of pixels; actual picture: %s",
                      name, fraction * 100, out);
      g_test_fail ();
    }
  cairo_surface_destroy (expected);
  cairo_surface_destroy (actual);
}

static void
test_reference_studio_light (void)
{
  check_reference ("studio.patchwise", FALSE);
}

static void
test_reference_studio_dark (void)
{
  check_reference ("studio.patchwise", TRUE);
}

static void
test_reference_speakers_light (void)
{
  check_reference ("speakers.patchwise", FALSE);
}

static void
test_reference_speakers_dark (void)
{
  check_reference ("speakers.patchwise", TRUE);
}

static void
test_hit (void)
{
  g_autoptr(PwDocument) doc = load_plan ("studio.patchwise");
  g_autoptr(PwRender) render = pw_render_new (doc, NULL);
  PwDevice *desk = pw_document_lookup_device (doc, "desk");
  PwCable *c1 = pw_document_lookup_cable (doc, "C1");
  int ch1 = pw_device_type_find_port (desk->type, "ch1");
  int main_l = pw_device_type_find_port (desk->type, "main-l");
  PwRect card, bounds;
  PwHit hit;
  double x, y;

  pw_render_get_card_rect (render, desk->index, &card);
  g_assert_cmpfloat (card.x, ==, desk->x);
  g_assert_cmpfloat (card.y, ==, desk->y);

  /* Inputs on the left edge, outputs on the right. */
  pw_render_get_port_anchor (render, desk->index, ch1, &x, &y);
  g_assert_cmpfloat (x, ==, card.x);
  g_assert_cmpfloat (y, >, card.y);
  g_assert_cmpfloat (y, <, card.y + card.height);
  g_assert_cmpint (pw_render_hit_test (render, x + 1, y, 2, &hit), ==, PW_HIT_PORT);
  g_assert_cmpint (hit.device, ==, (int) desk->index);
  g_assert_cmpint (hit.port, ==, ch1);

  pw_render_get_port_anchor (render, desk->index, main_l, &x, &y);
  g_assert_cmpfloat (x, ==, card.x + card.width);

  g_assert_cmpint (pw_render_hit_test (render, card.x + card.width / 2, card.y + 10, 2, &hit), ==,
                   PW_HIT_DEVICE);
  g_assert_cmpint (hit.device, ==, (int) desk->index);
  g_assert_cmpint (hit.port, ==, -1);

  g_assert_true (pw_render_get_cable_anchor (render, c1->index, &x, &y));
  g_assert_cmpint (pw_render_hit_test (render, x, y, 2, &hit), ==, PW_HIT_CABLE);
  g_assert_cmpint (hit.cable, ==, (int) c1->index);

  pw_render_get_bounds (render, &bounds);
  g_assert_cmpint (pw_render_hit_test (render, bounds.x - 500, bounds.y - 500, 2, &hit), ==,
                   PW_HIT_NONE);
}

static void
test_query (void)
{
  g_autoptr(PwDocument) doc = load_plan ("studio.patchwise");
  g_autoptr(PwRender) render = pw_render_new (doc, NULL);
  g_autoptr(GArray) devices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cables = g_array_new (FALSE, FALSE, sizeof (guint));
  PwDevice *mic = pw_document_lookup_device (doc, "mic1");
  PwRect card, all, nowhere = { -1e6, -1e6, 10, 10 };

  pw_render_get_card_rect (render, mic->index, &card);
  card.x += 20;
  card.y += 10;
  card.width = card.height = 5;
  pw_render_query (render, &card, devices, cables);
  g_assert_cmpuint (devices->len, ==, 1);
  g_assert_cmpuint (g_array_index (devices, guint, 0), ==, mic->index);

  g_array_set_size (devices, 0);
  g_array_set_size (cables, 0);
  pw_render_query (render, &nowhere, devices, cables);
  g_assert_cmpuint (devices->len + cables->len, ==, 0);

  pw_render_get_bounds (render, &all);
  pw_render_query (render, &all, devices, cables);
  g_assert_cmpuint (devices->len, ==, pw_document_get_n_devices (doc));
  g_assert_cmpuint (cables->len, ==, pw_document_get_n_cables (doc));
}

/* Drawing a visible rectangle that holds nothing leaves the surface blank. */
static void
test_culling (void)
{
  g_autoptr(PwDocument) doc = load_plan ("studio.patchwise");
  g_autoptr(PwRender) render = pw_render_new (doc, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
  cairo_t *cr = cairo_create (surface);
  PwRect nowhere = { -1e6, -1e6, 64, 64 };
  const guint8 *data;
  gboolean blank = TRUE;

  pw_render_draw (render, cr, pw_palette_get (FALSE), &nowhere, 1.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int i = 0; i < cairo_image_surface_get_stride (surface) * 64; i++)
    blank = blank && data[i] == 0;
  g_assert_true (blank);
  cairo_surface_destroy (surface);
}

/* A second frame after an update reuses the measured text and draws the
 * same picture. */
static void
test_update_stable (void)
{
  g_autoptr(PwDocument) doc = load_plan ("speakers.patchwise");
  g_autoptr(PwRender) render = pw_render_new (doc, NULL);
  cairo_surface_t *first = draw_plan (render, FALSE);
  cairo_surface_t *second;

  pw_render_update (render, NULL);
  second = draw_plan (render, FALSE);
  g_assert_cmpfloat (pw_test_differing_fraction (first, second, PIXEL_THRESHOLD), ==, 0.0);
  cairo_surface_destroy (first);
  cairo_surface_destroy (second);
}

static void
test_port_sides (void)
{
  PwTypeSet *builtin = pw_catalogue_get_builtin ();
  PwDeviceType *di = pw_type_set_lookup_device (builtin, "passive-di");
  PwDeviceType *bay = pw_type_set_lookup_device (builtin, "patchbay-trs-8");
  PwDeviceType *mixer = pw_type_set_lookup_device (builtin, "small-mixer");

  g_assert_nonnull (di);
  g_assert_nonnull (bay);
  g_assert_nonnull (mixer);
  g_assert_cmpint (pw_render_port_side (di, pw_device_type_find_port (di, "in")), ==, PW_SIDE_LEFT);
  g_assert_cmpint (pw_render_port_side (di, pw_device_type_find_port (di, "out")), ==, PW_SIDE_RIGHT);
  g_assert_cmpint (pw_render_port_side (bay, pw_device_type_find_port (bay, "front1")), ==,
                   PW_SIDE_LEFT);
  g_assert_cmpint (pw_render_port_side (bay, pw_device_type_find_port (bay, "rear1")), ==,
                   PW_SIDE_RIGHT);
  g_assert_cmpint (pw_render_port_side (mixer, pw_device_type_find_port (mixer, "main-l")), ==,
                   PW_SIDE_RIGHT);
}

/* Pixels in the box around (x, y), in document units on @surface drawn by
 * draw_plan (), that differ from the card's colour. */
static guint
ink_near (cairo_surface_t *surface,
          PwRender        *render,
          double           x,
          double           y,
          int              half)
{
  const PwColor *card = &pw_palette_get (FALSE)->card;
  guint8 want[3] = { (guint8) (card->r * 255 + 0.5), (guint8) (card->g * 255 + 0.5),
                     (guint8) (card->b * 255 + 0.5) };
  PwRect bounds;
  guint n = 0;
  int stride, px, py;
  guint8 *data;

  cairo_surface_flush (surface);
  pw_render_get_bounds (render, &bounds);
  px = (int) (x + 10 - bounds.x);
  py = (int) (y + 10 - bounds.y);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  for (int j = py - half; j <= py + half; j++)
    for (int i = px - half; i <= px + half; i++)
      {
        guint8 *p = data + j * stride + 4 * i;   /* B, G, R, A */

        if (ABS (p[2] - want[0]) + ABS (p[1] - want[1]) + ABS (p[0] - want[2]) > 24)
          n++;
      }
  return n;
}

/* A coupling is drawn inside its card, between the ports it joins: the DI
 * box's transformer and the in-line pad's resistor; a card without one
 * keeps that place empty. */
static void
test_couplings_drawn (void)
{
  const char *types[] = { "passive-di", "inline-pad-20", "dynamic-mic" };

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(PwDocument) doc = pw_document_new ();
      g_autoptr(PwHistory) history = pw_history_new (doc);
      PwDeviceType *type = pw_type_set_lookup_device (pw_catalogue_get_builtin (), types[t]);
      g_autoptr(PwRender) render = NULL;
      cairo_surface_t *surface;
      double ax, ay, bx, by, cx;
      guint from = 0, to = 0;
      PwRect card;

      g_assert_nonnull (type);
      pw_edit_add_device (history, type, NULL, 0, 0);
      render = pw_render_new (doc, NULL);
      if (type->n_couplings > 0)
        {
          from = type->couplings[0].from;
          to = type->couplings[0].to;
        }
      pw_render_get_port_anchor (render, 0, from, &ax, &ay);
      pw_render_get_port_anchor (render, 0, to, &bx, &by);
      pw_render_get_card_rect (render, 0, &card);
      cx = card.x + card.width / 2;
      surface = draw_plan (render, FALSE);
      if (type->n_couplings > 0)
        g_assert_cmpuint (ink_near (surface, render, cx, (ay + by) / 2, 5), >, 10);
      else
        g_assert_cmpuint (ink_near (surface, render, cx, (ay + by) / 2, 5), ==, 0);
      cairo_surface_destroy (surface);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/reference/studio-light", test_reference_studio_light);
  g_test_add_func ("/render/reference/studio-dark", test_reference_studio_dark);
  g_test_add_func ("/render/reference/speakers-light", test_reference_speakers_light);
  g_test_add_func ("/render/reference/speakers-dark", test_reference_speakers_dark);
  g_test_add_func ("/render/core/hit-test", test_hit);
  g_test_add_func ("/render/core/query", test_query);
  g_test_add_func ("/render/core/culling", test_culling);
  g_test_add_func ("/render/core/update-stable", test_update_stable);
  g_test_add_func ("/render/core/port-sides", test_port_sides);
  g_test_add_func ("/render/core/couplings", test_couplings_drawn);

  return g_test_run ();
}
