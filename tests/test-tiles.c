/* test-tiles.c: the canvas drawn from tiles shows what drawing the view in
 * one go shows — without seams where tiles meet, after edits, panning,
 * zooming and a palette change — and holds only a few screens of tiles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pw-core.h"
#include "pw-format.h"
#include "pw-history.h"
#include "pw-layout.h"
#include "pw-render.h"
#include "pw-tiles.h"
#include "pw-test-images.h"

/* Tiles and the one-pass picture come from the same drawing code, so they
 * must agree to the pixel but for a handful (a dot of the grid can land a
 * device pixel apart at the view's edge); a seam, a one-pixel line across
 * the view, is several times this fraction. */
#define PIXEL_THRESHOLD   24
#define MAX_DIFF_FRACTION 0.0002
#define GRID              20.0

typedef struct
{
  PwDocument *doc;
  PwRender   *render;
  PwTiles    *tiles;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("PW_SOURCE_ROOT"), "data", "examples",
                                            "live-band.patchwise", NULL);
  g_autoptr(GError) error = NULL;

  pw_core_init ();
  f->doc = pw_format_load_file (path, &error);
  g_assert_no_error (error);
  pw_layout_arrange (f->doc, FALSE);
  f->render = pw_render_new (f->doc, NULL);
  f->tiles = pw_tiles_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pw_tiles_free (f->tiles);
  pw_render_free (f->render);
  g_object_unref (f->doc);
}

static cairo_surface_t *
new_frame (const PwTileView *view)
{
  cairo_surface_t *surface =
    cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (view->width * view->scale),
                                (int) ceil (view->height * view->scale));

  cairo_surface_set_device_scale (surface, view->scale, view->scale);
  return surface;
}

/* The whole plan drawn in one pass under the view's transform, with the
 * tiles' drawing settings: what the view must show. */
static cairo_surface_t *
draw_direct (Fixture          *f,
             const PwPalette  *palette,
             const PwTileView *view)
{
  cairo_surface_t *surface = new_frame (view);
  cairo_t *cr;

  /* Device pixels scaled by hand, as tiles are drawn. */
  cairo_surface_set_device_scale (surface, 1, 1);
  cr = cairo_create (surface);
  cairo_scale (cr, view->scale, view->scale);
  cairo_set_tolerance (cr, 0.4);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  pw_palette_set_source (cr, &palette->background);
  cairo_paint (cr);
  pw_render_draw_grid (cr, palette, view->x, view->y, view->zoom, GRID, view->width,
                       view->height);
  cairo_scale (cr, view->zoom, view->zoom);
  cairo_translate (cr, -view->x, -view->y);
  pw_render_draw (f->render, cr, palette, NULL, view->zoom * view->scale);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
draw_tiled (Fixture          *f,
            const PwPalette  *palette,
            const PwTileView *view,
            gint64            budget_us,
            gboolean         *complete)
{
  cairo_surface_t *surface = new_frame (view);
  cairo_t *cr = cairo_create (surface);
  gboolean done;

  done = pw_tiles_draw (f->tiles, f->render, cr, palette, view, budget_us);
  if (complete != NULL)
    *complete = done;
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static double
diff_fraction (cairo_surface_t *a,
               cairo_surface_t *b)
{
  return pw_test_differing_fraction (a, b, PIXEL_THRESHOLD);
}

static void
assert_same_picture (cairo_surface_t *tiled,
                     cairo_surface_t *direct,
                     const char      *what)
{
  double fraction = diff_fraction (tiled, direct);

  if ((fraction > MAX_DIFF_FRACTION || g_getenv ("PW_TEST_KEEP_ALL")) && g_getenv ("PW_TEST_KEEP") != NULL)
    {
      g_autofree char *a = g_strdup_printf ("%s/tiles-%s-tiled.png", g_get_tmp_dir (), what);
      g_autofree char *b = g_strdup_printf ("%s/tiles-%s-direct.png", g_get_tmp_dir (), what);

      cairo_surface_write_to_png (tiled, a);
      cairo_surface_write_to_png (direct, b);
    }
  g_test_message ("%s: %.5f of pixels differ", what, fraction);
  g_assert_cmpfloat (fraction, <=, MAX_DIFF_FRACTION);
}

static void
compare_view (Fixture          *f,
              const PwPalette  *palette,
              const PwTileView *view_in,
              const char       *what)
{
  PwTileView view = *view_in;
  cairo_surface_t *tiled, *direct;

  pw_tiles_snap_view (&view);
  tiled = draw_tiled (f, palette, &view, 0, NULL);
  direct = draw_direct (f, palette, &view);
  assert_same_picture (tiled, direct, what);
  cairo_surface_destroy (tiled);
  cairo_surface_destroy (direct);
}

/* The plan's busiest corner at @zoom, an odd size, off any tile edge. */
static PwTileView
start_view (Fixture *f,
            double   zoom,
            double   scale)
{
  PwRect bounds;

  pw_render_get_bounds (f->render, &bounds);
  return (PwTileView) { bounds.x + 37.3 / zoom, bounds.y + 11.7 / zoom, zoom, scale, 701, 467,
                        GRID };
}

/* Panned views mix tiles drawn for earlier frames, blocks drawn for the
 * uncovered rows and columns, and tiles drawn one by one ahead of time:
 * every way a tile edge can cross the picture. */
static void
test_tiles_pan (Fixture       *f,
                gconstpointer  data)
{
  static const double zooms[] = { 1.0, 0.6, 0.3, 0.1 };
  const PwPalette *palette = pw_palette_get (FALSE);

  for (guint scale = 1; scale <= 2; scale++)
    for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
      {
        PwTileView view = start_view (f, zooms[z], scale);
        g_autofree char *what = NULL;

        pw_tiles_clear (f->tiles);
        for (guint step = 0; step < 4; step++)
          {
            what = g_strdup_printf ("pan-x%u-%g-%u", scale, zooms[z], step);
            compare_view (f, palette, &view, what);
            g_free (what);
            view.x += (173 + 60 * step) / zooms[z];
            view.y += (97 - 50.0 * step) / zooms[z];
          }
        /* Tiles drawn one at a time, ahead of the view. */
        g_assert_false (pw_tiles_prefetch (f->tiles, f->render, palette, &view, G_MAXINT64));
        what = g_strdup_printf ("prefetched-x%u-%g", scale, zooms[z]);
        view.x -= 200 / zooms[z];
        compare_view (f, palette, &view, what);
      }
}

/* A device moved (and the plan re-rendered): no tile shows it where it was. */
static void
test_tiles_edit (Fixture       *f,
                 gconstpointer  data)
{
  const PwPalette *palette = pw_palette_get (FALSE);
  PwTileView view = start_view (f, 1.0, 1);
  PwDevice *device = pw_document_get_device (f->doc, 0);
  cairo_surface_t *before, *after;
  guint64 generation = pw_render_get_generation (f->render);

  view.x = device->x - 100;
  view.y = device->y - 100;
  pw_tiles_snap_view (&view);
  before = draw_tiled (f, palette, &view, 0, NULL);
  device->x += 160;
  device->y += 40;
  pw_render_update (f->render, NULL);
  g_assert_cmpuint (pw_render_get_generation (f->render), !=, generation);
  compare_view (f, palette, &view, "edit");
  after = draw_tiled (f, palette, &view, 0, NULL);
  /* And the picture did change. */
  g_assert_cmpfloat (diff_fraction (before, after), >, 0.01);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
}

/* Dragging: each step moves the card and re-routes its cables in place,
 * and only the tiles around them are redrawn — the picture stays what the
 * renderer draws in one pass, even past the plan's old edge. */
static void
test_tiles_drag (Fixture       *f,
                 gconstpointer  data)
{
  const PwPalette *palette = pw_palette_get (FALSE);
  guint n_cables = pw_document_get_n_cables (f->doc);
  guint index = 0, best = 0;
  PwDevice *device;
  PwRect bounds, rect;
  PwTileView view;
  guint64 generation = pw_render_get_generation (f->render);

  /* The device with the most cables. */
  for (guint d = 0; d < pw_document_get_n_devices (f->doc); d++)
    {
      guint count = 0;

      for (guint c = 0; c < n_cables; c++)
        {
          PwCable *cable = pw_document_get_cable (f->doc, c);

          for (guint e = 0; e < cable->type->n_ends; e++)
            count += cable->ends[e].device != NULL && cable->ends[e].device->index == d;
        }
      if (count > best)
        {
          best = count;
          index = d;
        }
    }
  g_assert_cmpuint (best, >, 1);
  device = pw_document_get_device (f->doc, index);
  pw_render_get_bounds (f->render, &bounds);

  view = (PwTileView) { device->x - 400, device->y - 300, 0.7, 1, 901, 601, GRID };
  compare_view (f, palette, &view, "drag-start");
  for (guint step = 1; step <= 6; step++)
    {
      g_autofree char *what = g_strdup_printf ("drag-%u", step);
      g_autoptr(GArray) dirty = g_array_new (FALSE, FALSE, sizeof (PwRect));
      PwHit hit;

      device->x += 37.5 * step;
      device->y -= 21.25 * step;
      if (step == 6)
        device->x = bounds.x + bounds.width + 300;  /* beyond the old edge */
      pw_render_move_devices (f->render, &index, 1, dirty);
      for (guint i = 0; i < dirty->len; i++)
        pw_tiles_invalidate (f->tiles, f->render, &g_array_index (dirty, PwRect, i));
      g_assert_cmpuint (pw_render_get_generation (f->render), ==, generation);
      pw_render_get_card_rect (f->render, index, &rect);
      g_assert_cmpfloat (rect.x, ==, device->x);
      g_assert_cmpfloat (rect.y, ==, device->y);
      g_assert_cmpint (pw_render_hit_test (f->render, rect.x + rect.width / 2, rect.y + 4, 1,
                                           &hit), ==, PW_HIT_DEVICE);
      g_assert_cmpint (hit.device, ==, (int) index);
      if (step == 6)
        view.x = device->x - 400;
      compare_view (f, palette, &view, what);
    }
}

/* Dragged cards and their cables leave the tiles while the drag lasts
 * (the canvas draws them on top), and come back when it ends. */
static void
test_tiles_apart (Fixture       *f,
                  gconstpointer  data)
{
  const PwPalette *palette = pw_palette_get (FALSE);
  PwDevice *device = pw_document_get_device (f->doc, 0);
  guint index = 0;
  PwTileView view = { device->x - 300, device->y - 200, 1.0, 1, 801, 501, GRID };
  g_autoptr(GArray) dirty = g_array_new (FALSE, FALSE, sizeof (PwRect));
  cairo_surface_t *whole, *apart, *over, *back;
  cairo_t *cr;

  pw_tiles_snap_view (&view);
  whole = draw_tiled (f, palette, &view, 0, NULL);
  pw_render_set_hidden (f->render, &index, 1, dirty);
  g_assert_cmpuint (dirty->len, >, 0);
  for (guint i = 0; i < dirty->len; i++)
    pw_tiles_invalidate (f->tiles, f->render, &g_array_index (dirty, PwRect, i));
  /* The tiles agree with the renderer, which leaves the card out... */
  compare_view (f, palette, &view, "apart");
  apart = draw_tiled (f, palette, &view, 0, NULL);
  g_assert_cmpfloat (diff_fraction (whole, apart), >, 0.002);

  /* ...and the card drawn over them brings most of the picture back. */
  over = draw_tiled (f, palette, &view, 0, NULL);
  cr = cairo_create (over);
  cairo_scale (cr, view.zoom, view.zoom);
  cairo_translate (cr, -view.x, -view.y);
  pw_render_draw_hidden (f->render, cr, palette, NULL, view.zoom);
  cairo_destroy (cr);
  cairo_surface_flush (over);
  g_assert_cmpfloat (diff_fraction (whole, over), <, diff_fraction (whole, apart) / 2);

  g_array_set_size (dirty, 0);
  pw_render_set_hidden (f->render, NULL, 0, dirty);
  g_assert_cmpuint (dirty->len, >, 0);
  for (guint i = 0; i < dirty->len; i++)
    pw_tiles_invalidate (f->tiles, f->render, &g_array_index (dirty, PwRect, i));
  back = draw_tiled (f, palette, &view, 0, NULL);
  g_assert_cmpfloat (diff_fraction (whole, back), <=, MAX_DIFF_FRACTION);
  compare_view (f, palette, &view, "back");
  cairo_surface_destroy (whole);
  cairo_surface_destroy (apart);
  cairo_surface_destroy (over);
  cairo_surface_destroy (back);
}

/* After a zoom step, scaled tiles of the zoom before stand in and the view
 * comes sharp over a few frames, each drawing what its budget allows. */
static void
test_tiles_zoom (Fixture       *f,
                 gconstpointer  data)
{
  const PwPalette *palette = pw_palette_get (FALSE);
  PwTileView view = start_view (f, 0.5, 1);
  cairo_surface_t *frame, *direct;
  gboolean complete = FALSE;
  guint frames = 0;

  pw_tiles_snap_view (&view);
  frame = draw_tiled (f, palette, &view, 1, &complete);
  g_assert_true (complete);    /* nothing could stand in: drawn at once */
  cairo_surface_destroy (frame);

  view.zoom *= 1.25;
  pw_tiles_snap_view (&view);
  do
    {
      frame = draw_tiled (f, palette, &view, 1, &complete);
      frames++;
      if (complete)
        {
          direct = draw_direct (f, palette, &view);
          assert_same_picture (frame, direct, "zoomed");
          cairo_surface_destroy (direct);
        }
      cairo_surface_destroy (frame);
      g_assert_cmpuint (frames, <, 200);
    }
  while (!complete);
  /* One tile a frame at a budget of 1 µs: it took several. */
  g_assert_cmpuint (frames, >, 1);

  /* A pan that uncovers more than the budget allows: the background shows
   * where tiles are missing, and they follow frame after frame. */
  view.x += 700 / view.zoom;
  view.y -= 300 / view.zoom;
  pw_tiles_snap_view (&view);
  frames = 0;
  do
    {
      frame = draw_tiled (f, palette, &view, 1, &complete);
      frames++;
      if (complete)
        {
          direct = draw_direct (f, palette, &view);
          assert_same_picture (frame, direct, "panned");
          cairo_surface_destroy (direct);
        }
      cairo_surface_destroy (frame);
      g_assert_cmpuint (frames, <, 200);
    }
  while (!complete);
  g_assert_cmpuint (frames, >, 1);

  /* Without a budget, a zoom step is drawn in full at once. */
  view.zoom /= 1.25;
  pw_tiles_snap_view (&view);
  frame = draw_tiled (f, palette, &view, 0, &complete);
  g_assert_true (complete);
  cairo_surface_destroy (frame);
}

/* Devices placed so that tile edges fall just past a card's side and just
 * below its top, where port glyphs and badges reach into the next tile. */
static void
test_tiles_edges (Fixture       *f,
                  gconstpointer  data)
{
  const PwPalette *palette = pw_palette_get (FALSE);
  guint n = pw_document_get_n_devices (f->doc);
  PwTileView view = { 0, 0, 1.0, 1, 1024, 768, GRID };

  for (guint i = 0; i < n; i++)
    {
      PwDevice *device = pw_document_get_device (f->doc, i);
      PwRect rect;

      pw_render_get_card_rect (f->render, i, &rect);
      device->x = 512.0 * (i % 6) + 256 - 2 - (i % 2 ? rect.width : 0);
      device->y = 512.0 * (i / 6) + 3;
    }
  pw_render_update (f->render, NULL);
  for (guint row = 0; row <= n / 6; row++)
    for (guint col = 0; col < 3; col++)
      {
        g_autofree char *what = g_strdup_printf ("edges-%u-%u", row, col);

        view.x = col * 1024.0 - 3.5;
        view.y = row * 512.0 - 100.25;
        compare_view (f, palette, &view, what);
      }
}

static void
test_tiles_palette (Fixture       *f,
                    gconstpointer  data)
{
  PwTileView view = start_view (f, 0.8, 1);

  compare_view (f, pw_palette_get (FALSE), &view, "light");
  compare_view (f, pw_palette_get (TRUE), &view, "dark");
  compare_view (f, pw_palette_get (FALSE), &view, "light-again");
}

/* Panning across the plan and back keeps the view and a ring around it,
 * not everything ever seen. */
static void
test_tiles_bounded (Fixture       *f,
                    gconstpointer  data)
{
  const PwPalette *palette = pw_palette_get (FALSE);
  PwTileView view = start_view (f, 2.0, 1);
  PwRect bounds;
  guint most = 0;
  /* 701 × 467 px: at most 4 × 3 tiles in view, 6 × 5 with the ring. */
  guint cap = 6 * 5 + 8;

  pw_render_get_bounds (f->render, &bounds);
  for (double x = bounds.x; x < bounds.x + bounds.width; x += 150)
    {
      cairo_surface_t *frame;

      view.x = x;
      view.y = bounds.y + (x - bounds.x) / 3;
      frame = draw_tiled (f, palette, &view, 0, NULL);
      cairo_surface_destroy (frame);
      pw_tiles_prefetch (f->tiles, f->render, palette, &view, G_MAXINT64);
      most = MAX (most, pw_tiles_get_n_held (f->tiles));
    }
  g_assert_cmpuint (most, >, 12);
  g_assert_cmpuint (most, <=, cap + 12 /* the ring prefetched since */);
  pw_tiles_clear (f->tiles);
  g_assert_cmpuint (pw_tiles_get_n_held (f->tiles), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/tiles/pan", test_tiles_pan);
  ADD ("/tiles/edit", test_tiles_edit);
  ADD ("/tiles/zoom", test_tiles_zoom);
  ADD ("/tiles/drag", test_tiles_drag);
  ADD ("/tiles/apart", test_tiles_apart);
  ADD ("/tiles/edges", test_tiles_edges);
  ADD ("/tiles/palette", test_tiles_palette);
  ADD ("/tiles/bounded", test_tiles_bounded);
#undef ADD

  return g_test_run ();
}
