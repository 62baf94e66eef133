/* pw-bench.c: how fast Patchwise is on big plans (DESIGN.md §7)
 *
 * For each size it generates a plan (tests/bench/pw-plangen.c), saves it,
 * and times: load, full check, load + check, one edit and the check after
 * it, the render update after that, auto-layout, building the renderer
 * and drawing the whole plan, one 1920×1080 canvas frame at several zooms,
 * hit-testing, export to PDF, PNG and SVG, and save. Every figure is the
 * median of several runs. Memory is the allocator's count of what a plan
 * holds, per device, and the process's peak resident size.
 *
 * A canvas frame is drawn as PwCanvas draws it, without GTK: background,
 * dot grid, then pw_render_draw () under the view's transform (scale =
 * zoom, visible rectangle = the view) into a 1920×1080 ARGB32 image
 * surface, which is what gtk_snapshot_append_cairo () hands the canvas
 * with the cairo renderer. Frames are timed after a warm-up frame, so the
 * text layouts are measured already, as they are on screen.
 *
 *   pw-bench [--sizes=100,1000,2000,10000] [--runs=N] [--json=FILE]
 *            [--peers-dir=DIR] [--only=PART,…] [--quick]
 *
 * For profiling: PW_BENCH_ZOOM_ONLY=i draws only the i-th view of
 * bench_frames (); PW_BENCH_SAVE_FRAMES=DIR keeps the last frame of each
 * view there as PNG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "pw-analysis.h"
#include "pw-export.h"
#include "pw-format.h"
#include "pw-history.h"
#include "pw-layout.h"
#include "pw-plangen.h"
#include "pw-render.h"
#include "pw-tiles.h"

#define FRAME_WIDTH  1920
#define FRAME_HEIGHT 1080
#define FRAME_PERIOD_MS (1000.0 / 120)
/* As PwCanvas: its dot grid, and the margin of zoom-to-fit. */
#define CANVAS_GRID  20.0
#define FIT_MARGIN   24.0
#define MIN_ZOOM     0.02
#define N_HIT_POINTS 20000
#define SEED         20240601

typedef struct
{
  guint    n;
  guint    runs;          /* of the fast measurements */
  guint    export_runs;   /* 0: exports skipped */
  guint    layout_runs;   /* 0: layout skipped */
  gboolean full_render;
} Size;

typedef struct
{
  const char *key;
  const char *title;
  const char *unit;
  double      budget;     /* 0: none */
} Metric;

static const Metric metrics[] = {
  { "load", "load", "ms", 0 },
  { "check", "full check", "ms", 5 },
  { "load_check", "load + check", "ms", 50 },
  { "edit_check", "edit + check", "ms", 5 },
  { "edit_update", "edit + check + render update", "ms", 0 },
  { "layout", "auto-layout (all devices)", "ms", 0 },
  { "render_build", "renderer build (geometry, index)", "ms", 0 },
  { "render_full", "full-plan render (build + draw all)", "ms", 0 },
  { "frame_100", "frame 1920×1080 while panning, zoom 100 %", "ms", 8 },
  { "frame_50", "frame 1920×1080 while panning, zoom 50 %", "ms", 8 },
  { "frame_25", "frame 1920×1080 while panning, zoom 25 %", "ms", 8 },
  { "frame_10", "frame 1920×1080 while panning, zoom 10 %", "ms", 8 },
  { "frame_fit", "frame 1920×1080 while panning, zoom to fit", "ms", 8 },
  { "frame_zoom", "frame while zooming in, 10 % a frame", "ms", 8 },
  { "frame_unzoom", "frame while zooming out, 10 % a frame", "ms", 8 },
  { "zoom_settle", "zoom step until every tile is sharp", "ms", 0 },
  { "frame_drag", "frame while dragging a device, zoom 100 %", "ms", 8 },
  { "frame_uncached_100", "frame with nothing cached, zoom 100 %", "ms", 0 },
  { "frame_uncached_fit", "frame with nothing cached, zoom to fit", "ms", 0 },
  { "hit_test", "hit test", "µs", 0 },
  { "export_pdf", "export PDF", "ms", 0 },
  { "export_png", "export PNG", "ms", 0 },
  { "export_svg", "export SVG", "ms", 0 },
  { "export_tables", "export the four tables as CSV (check included)", "ms", 0 },
  { "save", "save", "ms", 0 },
};

typedef struct
{
  const Size *size;
  char       *dir;
  char       *plan_path;
  PwDocument *doc;
  PwAnalysis *analysis;
  PwRender   *render;
  JsonObject *ms;          /* metric → median, wall clock */
  JsonObject *cpu_ms;      /* metric → median, CPU time */
  JsonObject *samples;     /* metric → [runs] */
  JsonObject *info;
} Bench;

/* Wall-clock time, which the budgets are about, and the process's CPU
 * time, which a busy machine disturbs less. */
typedef struct
{
  double wall, cpu;
} Sample;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static Sample
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (Sample) { now_ms (), ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6 };
}

static Sample
since (Sample t0)
{
  Sample t = now ();

  return (Sample) { t.wall - t0.wall, t.cpu - t0.cpu };
}

static Sample
between (Sample t0,
         Sample t1)
{
  return (Sample) { t1.wall - t0.wall, t1.cpu - t0.cpu };
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static void
record (Bench        *b,
        const char   *key,
        const Sample *values,
        guint         n)
{
  g_autofree double *wall = g_new (double, n);
  g_autofree double *cpu = g_new (double, n);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n; i++)
    {
      wall[i] = values[i].wall;
      cpu[i] = values[i].cpu;
      json_array_add_double_element (array, round (values[i].wall * 1000) / 1000);
    }
  json_object_set_array_member (b->samples, key, array);
  json_object_set_double_member (b->ms, key, round (median (wall, n) * 1000) / 1000);
  json_object_set_double_member (b->cpu_ms, key, round (median (cpu, n) * 1000) / 1000);
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 mi = mallinfo2 ();

  return mi.uordblks + mi.hblkhd;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* Load and check. */

static void
bench_load (Bench *b)
{
  guint runs = b->size->runs;
  g_autofree Sample *load = g_new (Sample, runs);
  g_autofree Sample *check = g_new (Sample, runs);
  g_autofree Sample *both = g_new (Sample, runs);

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwDocument) doc = NULL;
      PwAnalysis *analysis;
      Sample t0, t1, t2;

      t0 = now ();
      doc = pw_format_load_file (b->plan_path, &error);
      t1 = now ();
      g_assert_no_error (error);
      analysis = pw_analysis_new (doc);
      t2 = now ();
      pw_analysis_free (analysis);
      load[r] = between (t0, t1);
      both[r] = between (t0, t2);
    }
  record (b, "load", load, runs);
  record (b, "load_check", both, runs);

  for (guint r = 0; r < runs; r++)
    {
      Sample t0 = now ();
      PwAnalysis *analysis = pw_analysis_new (b->doc);

      check[r] = since (t0);
      pw_analysis_free (analysis);
    }
  record (b, "check", check, runs);
}

/* One edit, as the application makes it: through the history, then the
 * full check that follows every edit, then the renderer's update. Each
 * edit is undone (untimed) before the next. */
static void
bench_edit (Bench *b)
{
  guint runs = b->size->runs;
  g_autoptr(PwHistory) history = pw_history_new (b->doc);
  g_autofree Sample *check = g_new (Sample, runs);
  g_autofree Sample *update = g_new (Sample, runs);
  guint n_cables = pw_document_get_n_cables (b->doc);

  for (guint r = 0; r < runs; r++)
    {
      PwCable *cable = pw_document_get_cable (b->doc, (n_cables / 2 + r * 7) % n_cables);
      PwAnalysis *analysis;
      Sample t0, t1, t2;

      t0 = now ();
      if (r % 2 == 0)
        pw_edit_plug (history, cable, 1, NULL, -1);
      else
        pw_edit_set_cable_length (history, cable, cable->length_m + 40, TRUE);
      analysis = pw_analysis_new (b->doc);
      t1 = now ();
      pw_render_update (b->render, analysis);
      t2 = now ();
      check[r] = between (t0, t1);
      update[r] = between (t0, t2);

      /* Back to the plan as loaded. */
      pw_history_undo (history);
      g_clear_pointer (&b->analysis, pw_analysis_free);
      b->analysis = analysis;
      analysis = pw_analysis_new (b->doc);
      pw_render_update (b->render, analysis);
      pw_analysis_free (b->analysis);
      b->analysis = analysis;
    }
  record (b, "edit_check", check, runs);
  record (b, "edit_update", update, runs);
}

static void
bench_layout (Bench *b)
{
  guint runs = b->size->layout_runs;
  g_autofree Sample *times = g_new (Sample, MAX (runs, 1));

  if (runs == 0)
    return;
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwDocument) doc = pw_format_load_file (b->plan_path, &error);
      Sample t0;

      g_assert_no_error (error);
      t0 = now ();
      pw_layout_arrange (doc, TRUE);
      times[r] = since (t0);
    }
  record (b, "layout", times, runs);
}

/* Drawing. */

static void
render_build_and_draw (Bench *b)
{
  guint runs = b->size->runs;
  g_autofree Sample *build = g_new (Sample, runs);
  g_autofree Sample *full = g_new (Sample, runs);
  const PwPalette *palette = pw_palette_get (FALSE);

  for (guint r = 0; r < runs; r++)
    {
      Sample t0 = now ();
      PwRender *render = pw_render_new (b->doc, b->analysis);

      build[r] = since (t0);
      if (b->size->full_render)
        {
          cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
          cairo_t *cr = cairo_create (surface);

          pw_render_draw (render, cr, palette, NULL, 1.0);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
      full[r] = since (t0);
      pw_render_free (render);
    }
  record (b, "render_build", build, runs);
  if (b->size->full_render)
    record (b, "render_full", full, runs);
}

typedef struct
{
  double zoom, x, y;
} View;

static double
worst_wall (const Sample *samples,
            guint         n)
{
  double worst = 0;

  for (guint i = 0; i < n; i++)
    worst = MAX (worst, samples[i].wall);
  return round (worst * 1000) / 1000;
}

/* A frame drawn whole, with nothing cached: background, dot grid and the
 * plan under the view's transform. */
static void
draw_frame (PwRender        *render,
            cairo_surface_t *surface,
            const PwPalette *palette,
            const View      *view)
{
  cairo_t *cr = cairo_create (surface);
  PwRect visible = { view->x, view->y, FRAME_WIDTH / view->zoom, FRAME_HEIGHT / view->zoom };

  pw_palette_set_source (cr, &palette->background);
  cairo_paint (cr);
  pw_render_draw_grid (cr, palette, view->x, view->y, view->zoom, CANVAS_GRID,
                       FRAME_WIDTH, FRAME_HEIGHT);
  cairo_save (cr);
  cairo_scale (cr, view->zoom, view->zoom);
  cairo_translate (cr, -view->x, -view->y);
  pw_render_draw (render, cr, palette, &visible, view->zoom);
  cairo_restore (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

/* A frame as PwCanvas draws it: from tiles, within the frame budget. */
static gboolean
draw_tiled_frame (PwRender        *render,
                  PwTiles         *tiles,
                  cairo_surface_t *surface,
                  const PwPalette *palette,
                  const View      *view)
{
  cairo_t *cr = cairo_create (surface);
  PwTileView tv = { view->x, view->y, view->zoom, 1, FRAME_WIDTH, FRAME_HEIGHT, CANVAS_GRID };
  gboolean complete;

  pw_tiles_snap_view (&tv);
  complete = pw_tiles_draw (tiles, render, cr, palette, &tv, PW_TILES_FRAME_BUDGET_US);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return complete;
}

/* The busiest screenful at @zoom: of views centred on a sample of cards,
 * the one showing the most devices and cables. */
static void
densest_view (PwRender *render,
              guint     n_devices,
              double    zoom,
              View     *view)
{
  g_autoptr(GArray) devices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cables = g_array_new (FALSE, FALSE, sizeof (guint));
  guint best = 0, step = MAX (1, n_devices / 400);
  double w = FRAME_WIDTH / zoom, h = FRAME_HEIGHT / zoom;

  view->zoom = zoom;
  view->x = view->y = 0;
  for (guint d = 0; d < n_devices; d += step)
    {
      PwRect card, rect;

      pw_render_get_card_rect (render, d, &card);
      rect = (PwRect) { card.x + card.width / 2 - w / 2, card.y + card.height / 2 - h / 2, w, h };
      g_array_set_size (devices, 0);
      g_array_set_size (cables, 0);
      pw_render_query (render, &rect, devices, cables);
      if (devices->len + cables->len > best)
        {
          best = devices->len + cables->len;
          view->x = rect.x;
          view->y = rect.y;
        }
    }
}

/* As pw_view_fit () in the canvas. */
static void
fit_view (PwRender *render,
          View     *view)
{
  PwRect bounds;
  double zx, zy;

  pw_render_get_bounds (render, &bounds);
  zx = (FRAME_WIDTH - 2 * FIT_MARGIN) / bounds.width;
  zy = (FRAME_HEIGHT - 2 * FIT_MARGIN) / bounds.height;
  view->zoom = CLAMP (MIN (MIN (zx, zy), 1.5), MIN_ZOOM, 8.0);
  view->x = bounds.x + bounds.width / 2 - FRAME_WIDTH / 2.0 / view->zoom;
  view->y = bounds.y + bounds.height / 2 - FRAME_HEIGHT / 2.0 / view->zoom;
}

/* Zooming by @factor about the view's centre. */
static void
zoom_view (View   *view,
           double  factor)
{
  double cx = view->x + FRAME_WIDTH / 2.0 / view->zoom;
  double cy = view->y + FRAME_HEIGHT / 2.0 / view->zoom;

  view->zoom *= factor;
  view->x = cx - FRAME_WIDTH / 2.0 / view->zoom;
  view->y = cy - FRAME_HEIGHT / 2.0 / view->zoom;
}

static void
save_frame (Bench           *b,
            cairo_surface_t *surface,
            const char      *key)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (g_getenv ("PW_BENCH_SAVE_FRAMES") == NULL)
    return;
  name = g_strdup_printf ("frame-%u-%s.png", b->size->n, key);
  path = g_build_filename (g_getenv ("PW_BENCH_SAVE_FRAMES"), name, NULL);
  cairo_surface_write_to_png (surface, path);
}

/* Frames as the canvas draws them while the user pans and zooms.
 *
 * Panning: from the busiest screenful at each zoom, every frame moves the
 * view by 120 × 68 view pixels (a fast diagonal fling: a screen width in
 * 0.13 s at 120 Hz), so new tiles come into view every frame or two. What
 * is left of the 8.3 ms frame period goes to drawing tiles ahead, as the
 * canvas does when idle; tiles still missing are drawn while the frame's
 * budget lasts, the rest in the frames after ("frames_complete" counts
 * the frames that showed everything).
 *
 * Zooming: from the busiest screenful at 25 % (zooming in) or 100 % (out),
 * each step zooms by 10 % about the centre, as a wheel notch does; the
 * frame right after the step is timed, then the frames after it until
 * the view is sharp again ("settle", first frame included).
 *
 * Nothing cached: the first frame of a plan, or after an edit. */
static void
bench_frames (Bench *b)
{
  static const struct { const char *key; double zoom; } zooms[] = {
    { "frame_100", 1.0 }, { "frame_50", 0.5 }, { "frame_25", 0.25 }, { "frame_10", 0.1 },
    { "frame_fit", 0 },
  };
  guint runs = MAX (b->size->runs, 21);
  g_autofree Sample *times = g_new (Sample, runs);
  const PwPalette *palette = pw_palette_get (FALSE);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_WIDTH,
                                                         FRAME_HEIGHT);
  guint n_devices = pw_document_get_n_devices (b->doc);
  JsonObject *views = json_object_new ();
  PwTiles *tiles = pw_tiles_new ();
  guint max_held = 0;

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_autoptr(GArray) devices = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) cables = g_array_new (FALSE, FALSE, sizeof (guint));
      JsonObject *v = json_object_new ();
      View view, start;
      PwRect rect;
      guint complete = 0;

      if (zooms[z].zoom > 0)
        densest_view (b->render, n_devices, zooms[z].zoom, &view);
      else
        fit_view (b->render, &view);
      rect = (PwRect) { view.x, view.y, FRAME_WIDTH / view.zoom, FRAME_HEIGHT / view.zoom };
      pw_render_query (b->render, &rect, devices, cables);
      start = view;

      /* The warm-up frame measures the text of what is in view. */
      pw_tiles_clear (tiles);
      draw_tiled_frame (b->render, tiles, surface, palette, &view);
      for (guint r = 0; r < runs; r++)
        {
          Sample t0;
          PwTileView tv = { 0, 0, 0, 1, FRAME_WIDTH, FRAME_HEIGHT, CANVAS_GRID };

          view.x += 120 / view.zoom;
          view.y += 68 / view.zoom;
          t0 = now ();
          complete += draw_tiled_frame (b->render, tiles, surface, palette, &view);
          times[r] = since (t0);
          /* What is left of a 120 Hz frame period goes to drawing tiles
           * ahead, as the canvas does when idle. */
          tv.x = view.x;
          tv.y = view.y;
          tv.zoom = view.zoom;
          pw_tiles_prefetch (tiles, b->render, palette, &tv,
                             (gint64) MAX (0, (FRAME_PERIOD_MS - 1 - times[r].wall) * 1000));
        }
      json_object_set_double_member (v, "worst_ms", worst_wall (times, runs));
      json_object_set_int_member (v, "frames", runs);
      json_object_set_int_member (v, "frames_complete", complete);
      max_held = MAX (max_held, pw_tiles_get_n_held (tiles));
      record (b, zooms[z].key, times, runs);
      save_frame (b, surface, zooms[z].key);

      if (z == 0 || zooms[z].zoom == 0)
        {
          const char *key = z == 0 ? "frame_uncached_100" : "frame_uncached_fit";

          for (guint r = 0; r < runs; r++)
            {
              Sample t0;

              pw_tiles_clear (tiles);
              t0 = now ();
              draw_tiled_frame (b->render, tiles, surface, palette, &start);
              times[r] = since (t0);
            }
          record (b, key, times, runs);
        }
      json_object_set_double_member (v, "zoom", view.zoom);
      json_object_set_int_member (v, "devices_in_view", devices->len);
      json_object_set_int_member (v, "cables_in_view", cables->len);
      json_object_set_object_member (views, zooms[z].key, v);
    }

  /* Zooming in from 25 %, and out from 100 %. */
  for (guint dir = 0; dir < 2; dir++)
    {
      const char *key = dir == 0 ? "frame_zoom" : "frame_unzoom";
      double factor = dir == 0 ? 1.1 : 1 / 1.1;
      guint complete = 0;
      g_autofree Sample *settle = g_new (Sample, runs);
      View view;

      densest_view (b->render, n_devices, dir == 0 ? 0.25 : 1.0, &view);
      pw_tiles_clear (tiles);
      draw_tiled_frame (b->render, tiles, surface, palette, &view);
      for (guint r = 0; r < runs; r++)
        {
          Sample t0;

          /* Back to the start every seven steps, so it stays in 25–100 %. */
          if (r % 7 == 0 && r > 0)
            {
              densest_view (b->render, n_devices, dir == 0 ? 0.25 : 1.0, &view);
              while (!draw_tiled_frame (b->render, tiles, surface, palette, &view))
                ;
            }
          zoom_view (&view, factor);
          t0 = now ();
          complete += draw_tiled_frame (b->render, tiles, surface, palette, &view);
          times[r] = since (t0);
          if (r == runs / 2)
            save_frame (b, surface, key);

          /* The rest of this zoom step, frame after frame, until sharp. */
          t0 = now ();
          settle[r] = (Sample) { 0, 0 };
          while (!draw_tiled_frame (b->render, tiles, surface, palette, &view))
            ;
          settle[r] = since (t0);
          settle[r].wall += times[r].wall;
          settle[r].cpu += times[r].cpu;
        }
      record (b, key, times, runs);
      json_object_set_double_member (views, dir == 0 ? "zoom_worst_ms" : "unzoom_worst_ms",
                                     worst_wall (times, runs));
      if (dir == 0)
        record (b, "zoom_settle", settle, runs);
      json_object_set_int_member (views, dir == 0 ? "zoom_frames_complete" : "unzoom_frames_complete",
                                  complete);
      max_held = MAX (max_held, pw_tiles_get_n_held (tiles));
    }

  /* Dragging the card nearest the centre of the busiest screenful at
   * 100 %: each step moves it, re-routes its cables and draws them over
   * the tiles. Put back afterwards. */
  {
    View view;
    g_autoptr(GArray) devices = g_array_new (FALSE, FALSE, sizeof (guint));
    PwRect rect;
    PwDevice *device;
    double x0, y0, best = G_MAXDOUBLE;
    guint index = 0;

    densest_view (b->render, n_devices, 1.0, &view);
    rect = (PwRect) { view.x, view.y, FRAME_WIDTH / view.zoom, FRAME_HEIGHT / view.zoom };
    pw_render_query (b->render, &rect, devices, NULL);
    for (guint k = 0; k < devices->len; k++)
      {
        PwRect card;
        double d;

        pw_render_get_card_rect (b->render, g_array_index (devices, guint, k), &card);
        d = hypot (card.x - rect.x - rect.width / 2, card.y - rect.y - rect.height / 2);
        if (d < best)
          {
            best = d;
            index = g_array_index (devices, guint, k);
          }
      }
    device = pw_document_get_device (b->doc, index);
    x0 = device->x;
    y0 = device->y;
    pw_tiles_clear (tiles);
    draw_tiled_frame (b->render, tiles, surface, palette, &view);
    /* As the canvas: the card and its cables leave the tiles when the
     * drag starts, and are drawn over them in every frame. */
    {
      g_autoptr(GArray) dirty = g_array_new (FALSE, FALSE, sizeof (PwRect));

      pw_render_set_hidden (b->render, &index, 1, dirty);
      for (guint i = 0; i < dirty->len; i++)
        pw_tiles_invalidate (tiles, b->render, &g_array_index (dirty, PwRect, i));
    }
    for (guint r = 0; r < runs; r++)
      {
        Sample t0 = now ();
        g_autoptr(GArray) dirty = g_array_new (FALSE, FALSE, sizeof (PwRect));
        PwRect visible = { view.x, view.y, FRAME_WIDTH / view.zoom, FRAME_HEIGHT / view.zoom };
        cairo_t *cr;

        device->x += 6;
        device->y += r % 2 ? -3.5 : 4;
        pw_render_move_devices (b->render, &index, 1, dirty);
        draw_tiled_frame (b->render, tiles, surface, palette, &view);
        cr = cairo_create (surface);
        cairo_scale (cr, view.zoom, view.zoom);
        cairo_translate (cr, -view.x, -view.y);
        pw_render_draw_hidden (b->render, cr, palette, &visible, view.zoom);
        cairo_destroy (cr);
        cairo_surface_flush (surface);
        times[r] = since (t0);
      }
    record (b, "frame_drag", times, runs);
    json_object_set_double_member (views, "drag_worst_ms", worst_wall (times, runs));
    save_frame (b, surface, "frame_drag");
    device->x = x0;
    device->y = y0;
    pw_render_update (b->render, b->analysis);
  }

  json_object_set_int_member (views, "tile_cache_kib_max",
                              (gint64) max_held * PW_TILES_SIZE * PW_TILES_SIZE * 4 / 1024);
  json_object_set_object_member (b->info, "frames", views);
  pw_tiles_free (tiles);
  cairo_surface_destroy (surface);
}

static void
bench_hit_test (Bench *b)
{
  guint runs = b->size->runs;
  g_autofree Sample *times = g_new (Sample, runs);
  g_autofree double *points = g_new (double, 2 * N_HIT_POINTS);
  guint64 state = SEED;
  guint hits = 0;
  PwRect bounds;

  /* Points anywhere on the plan, as a pointer moving over it would be;
   * a fixed sequence so that every size sees the same mix. */
  pw_render_get_bounds (b->render, &bounds);
  for (guint i = 0; i < 2 * N_HIT_POINTS; i++)
    {
      state = state * G_GUINT64_CONSTANT (6364136223846793005) + 1442695040888963407;
      points[i] = (state >> 11) * (1.0 / 9007199254740992.0);
    }
  for (guint r = 0; r < runs; r++)
    {
      Sample t0 = now ();

      hits = 0;
      for (guint i = 0; i < N_HIT_POINTS; i++)
        {
          PwHit hit;

          hits += pw_render_hit_test (b->render, bounds.x + points[2 * i] * bounds.width,
                                      bounds.y + points[2 * i + 1] * bounds.height, 6,
                                      &hit) != PW_HIT_NONE;
        }
      times[r] = since (t0);
      times[r].wall *= 1000.0 / N_HIT_POINTS;
      times[r].cpu *= 1000.0 / N_HIT_POINTS;
    }
  record (b, "hit_test", times, runs);
  json_object_set_double_member (b->info, "hit_fraction", (double) hits / N_HIT_POINTS);
}

static void
bench_export (Bench *b)
{
  static const struct { const char *key; const char *name; PwExportFormat format; } outputs[] = {
    { "export_pdf", "plan.pdf", PW_EXPORT_PDF },
    { "export_png", "plan.png", PW_EXPORT_PNG },
    { "export_svg", "plan.svg", PW_EXPORT_SVG },
  };
  guint runs = b->size->export_runs;
  g_autofree Sample *times = g_new (Sample, MAX (runs, 1));
  PwExportOptions options = { PW_PAPER_A4, 1.0, FALSE, "2024-06-01" };

  if (runs == 0)
    return;
  for (guint o = 0; o < G_N_ELEMENTS (outputs); o++)
    {
      g_autofree char *path = g_build_filename (b->dir, outputs[o].name, NULL);
      GStatBuf st;

      for (guint r = 0; r < runs; r++)
        {
          g_autoptr(GError) error = NULL;
          Sample t0 = now ();

          /* As patchwise export does it: the plan as loaded, checked afresh. */
          if (!pw_export_to_file (b->doc, NULL, path, outputs[o].format, &options, &error))
            g_error ("export %s: %s", path, error->message);
          times[r] = since (t0);
        }
      record (b, outputs[o].key, times, runs);
      if (g_stat (path, &st) == 0)
        {
          g_autofree char *key = g_strconcat (outputs[o].key, "_bytes", NULL);

          json_object_set_int_member (b->info, key, st.st_size);
        }
      g_unlink (path);
    }
}

/* The paperwork of DESIGN.md §9: schedule, bill of materials, input list
 * and labels, each written as patchwise export --table writes it (checked
 * afresh); one sample is all four. The goal: under a second at
 * 2,000 devices. */
static void
bench_tables (Bench *b)
{
  static const PwTableKind tables[] = {
    PW_TABLE_SCHEDULE, PW_TABLE_BOM, PW_TABLE_INPUTS, PW_TABLE_LABELS,
  };
  guint runs = b->size->runs;
  g_autofree Sample *times = g_new (Sample, runs);
  g_autofree char *path = g_build_filename (b->dir, "table.csv", NULL);
  gint64 bytes = 0;

  for (guint r = 0; r < runs; r++)
    {
      Sample t0 = now ();

      for (guint k = 0; k < G_N_ELEMENTS (tables); k++)
        {
          g_autoptr(GError) error = NULL;
          PwExportOptions options = { PW_PAPER_A4, 1.0, FALSE, "2024-06-01", tables[k], 0, 0 };
          GStatBuf st;

          if (!pw_export_to_file (b->doc, NULL, path, PW_EXPORT_CSV, &options, &error))
            g_error ("export %s: %s", path, error->message);
          if (r == 0 && g_stat (path, &st) == 0)
            bytes += st.st_size;
        }
      times[r] = since (t0);
    }
  record (b, "export_tables", times, runs);
  json_object_set_int_member (b->info, "export_tables_bytes", bytes);
  g_unlink (path);
}

static void
bench_save (Bench *b)
{
  guint runs = b->size->runs;
  g_autofree Sample *times = g_new (Sample, runs);
  g_autofree char *path = g_build_filename (b->dir, "saved.patchwise", NULL);

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      Sample t0 = now ();

      if (!pw_format_save_file (b->doc, path, &error))
        g_error ("save %s: %s", path, error->message);
      times[r] = since (t0);
    }
  record (b, "save", times, runs);
  g_unlink (path);
}

/* What a loaded plan holds, per device: the document (devices, cables and
 * their strings; the types are shared), then its check and its renderer
 * with the text of one screenful measured. */
static void
bench_memory (Bench *b)
{
  g_autoptr(GError) error = NULL;
  guint n = b->size->n;
  gsize before, after_load, after_check, after_render;
  PwDocument *doc;
  PwAnalysis *analysis;
  PwRender *render;
  JsonObject *mem = json_object_new ();

  malloc_trim (0);
  before = heap_in_use ();
  doc = pw_format_load_file (b->plan_path, &error);
  g_assert_no_error (error);
  after_load = heap_in_use ();
  analysis = pw_analysis_new (doc);
  after_check = heap_in_use ();
  render = pw_render_new (doc, analysis);
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_WIDTH,
                                                           FRAME_HEIGHT);
    View view;

    densest_view (render, n, 1.0, &view);
    draw_frame (render, surface, pw_palette_get (FALSE), &view);
    cairo_surface_destroy (surface);
  }
  after_render = heap_in_use ();

  json_object_set_double_member (mem, "document_bytes_per_device",
                                 round ((double) (after_load - before) / n));
  json_object_set_double_member (mem, "check_bytes_per_device",
                                 round ((double) (after_check - after_load) / n));
  json_object_set_double_member (mem, "render_bytes_per_device",
                                 round ((double) (after_render - after_check) / n));
  pw_render_free (render);
  pw_analysis_free (analysis);
  g_object_unref (doc);
  json_object_set_int_member (mem, "peak_rss_kib", peak_rss_kib ());
  json_object_set_object_member (b->info, "memory", mem);
}

/* For tests/bench/peers.py: the plan, and its geometry as boxes and
 * lines in the renderer's coordinates. */
static void
write_geometry (Bench      *b,
                const char *peers_dir)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("geometry-%u.json", b->size->n);
  g_autofree char *path = g_build_filename (peers_dir, name, NULL);
  g_autofree char *plan_name = g_strdup_printf ("plan-%u.patchwise", b->size->n);
  g_autofree char *plan = g_build_filename (peers_dir, plan_name, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  PwRect bounds;

  g_mkdir_with_parents (peers_dir, 0755);
  g_file_get_contents (b->plan_path, &contents, &length, NULL);
  g_file_set_contents (plan, contents, length, &error);
  g_assert_no_error (error);

  pw_render_get_bounds (b->render, &bounds);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "plan");
  json_builder_add_string_value (builder, plan);
  json_builder_set_member_name (builder, "bounds");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, bounds.x);
  json_builder_add_double_value (builder, bounds.y);
  json_builder_add_double_value (builder, bounds.width);
  json_builder_add_double_value (builder, bounds.height);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cards");
  json_builder_begin_array (builder);
  for (guint d = 0; d < pw_document_get_n_devices (b->doc); d++)
    {
      PwDevice *device = pw_document_get_device (b->doc, d);
      PwRect r;

      pw_render_get_card_rect (b->render, d, &r);
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, r.x);
      json_builder_add_double_value (builder, r.y);
      json_builder_add_double_value (builder, r.width);
      json_builder_add_double_value (builder, r.height);
      json_builder_add_string_value (builder, device->name ? device->name : device->id);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (guint c = 0; c < pw_document_get_n_cables (b->doc); c++)
    {
      PwCable *cable = pw_document_get_cable (b->doc, c);
      double x[2], y[2];
      guint dev[2];
      guint n = 0;

      for (guint e = 0; e < cable->type->n_ends && n < 2; e++)
        if (cable->ends[e].device != NULL)
          {
            dev[n] = cable->ends[e].device->index;
            pw_render_get_port_anchor (b->render, dev[n], cable->ends[e].port, &x[n], &y[n]);
            n++;
          }
      if (n < 2)
        continue;
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, x[0]);
      json_builder_add_double_value (builder, y[0]);
      json_builder_add_double_value (builder, x[1]);
      json_builder_add_double_value (builder, y[1]);
      json_builder_add_string_value (builder, cable->label ? cable->label : cable->id);
      json_builder_add_int_value (builder, dev[0]);
      json_builder_add_int_value (builder, dev[1]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  if (!json_generator_to_file (generator, path, &error))
    g_error ("%s: %s", path, error->message);
}

static JsonObject *
run_size (const Size *size,
          const char *peers_dir,
          GStrv       only)
{
  g_autoptr(GError) error = NULL;
  Bench b = { 0 };
  PwPlangenStats stats;
  g_autoptr(PwDocument) generated = pw_plangen_generate (size->n, SEED, &stats);
  JsonObject *result = json_object_new ();
  GStatBuf st;

  b.size = size;
  b.dir = g_dir_make_tmp ("pw-bench-XXXXXX", &error);
  g_assert_no_error (error);
  b.plan_path = g_build_filename (b.dir, "plan.patchwise", NULL);
  if (!pw_format_save_file (generated, b.plan_path, &error))
    g_error ("%s: %s", b.plan_path, error->message);
  b.ms = json_object_new ();
  b.cpu_ms = json_object_new ();
  b.samples = json_object_new ();
  b.info = json_object_new ();

  /* Everything below works on the plan as loaded from its file. */
  b.doc = pw_format_load_file (b.plan_path, &error);
  g_assert_no_error (error);
  /* What was loaded is what was saved: written again, the same bytes. */
  {
    g_autofree char *saved = NULL, *again = NULL;
    gsize saved_len, again_len;

    g_file_get_contents (b.plan_path, &saved, &saved_len, NULL);
    again = pw_format_save_data (b.doc, &again_len);
    if (saved_len != again_len || memcmp (saved, again, saved_len) != 0)
      g_error ("%s: saved again after loading, the plan differs", b.plan_path);
  }
  b.analysis = pw_analysis_new (b.doc);
  b.render = pw_render_new (b.doc, b.analysis);

  g_stat (b.plan_path, &st);
  json_object_set_int_member (result, "devices", pw_document_get_n_devices (b.doc));
  json_object_set_int_member (result, "cables", pw_document_get_n_cables (b.doc));
  json_object_set_int_member (result, "units", stats.n_units);
  json_object_set_int_member (result, "planted_mistakes", stats.n_mistakes);
  json_object_set_int_member (result, "findings", pw_analysis_get_n_findings (b.analysis));
  json_object_set_int_member (result, "errors",
                              pw_analysis_count (b.analysis, PW_SEVERITY_ERROR, FALSE));
  json_object_set_int_member (result, "warnings",
                              pw_analysis_count (b.analysis, PW_SEVERITY_WARNING, FALSE));
  json_object_set_int_member (result, "file_bytes", st.st_size);
  json_object_set_int_member (result, "runs", size->runs);
  json_object_set_int_member (result, "export_runs", size->export_runs);

  if (peers_dir != NULL && size->n <= 2000)
    write_geometry (&b, peers_dir);

#define PART(name, call) if (only == NULL || g_strv_contains ((const char * const *) only, name)) call
  PART ("memory", bench_memory (&b));
  PART ("load", bench_load (&b));
  PART ("edit", bench_edit (&b));
  PART ("frames", bench_frames (&b));
  PART ("hit", bench_hit_test (&b));
  PART ("render", render_build_and_draw (&b));
  PART ("layout", bench_layout (&b));
  PART ("save", bench_save (&b));
  PART ("export", bench_export (&b));
  PART ("tables", bench_tables (&b));
#undef PART

  json_object_set_object_member (result, "ms", b.ms);
  json_object_set_object_member (result, "cpu_ms", b.cpu_ms);
  json_object_set_object_member (result, "samples", b.samples);
  json_object_set_object_member (result, "info", b.info);

  pw_render_free (b.render);
  pw_analysis_free (b.analysis);
  g_object_unref (b.doc);
  g_unlink (b.plan_path);
  g_rmdir (b.dir);
  g_free (b.plan_path);
  g_free (b.dir);
  return result;
}

static char *
machine_description (void)
{
  g_autofree char *cpuinfo = NULL;
  g_autofree char *model = NULL;
  g_autofree char *meminfo = NULL;
  guint64 mem_kib = 0;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      const char *p = strstr (cpuinfo, "model name");

      if (p != NULL && (p = strchr (p, ':')) != NULL)
        {
          const char *end = strchr (p, '\n');

          model = g_strstrip (g_strndup (p + 1, end ? (gsize) (end - p - 1) : strlen (p + 1)));
        }
    }
  if (g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL))
    sscanf (meminfo, "MemTotal: %" G_GUINT64_FORMAT, &mem_kib);
  return g_strdup_printf ("%s, %u CPUs, %.0f GiB RAM", model ? model : "unknown CPU",
                          g_get_num_processors (), mem_kib / 1048576.0);
}

static void
print_header (JsonArray  *results,
              const char *title)
{
  guint n = json_array_get_length (results);

  printf ("\n%-40s", title);
  for (guint i = 0; i < n; i++)
    printf ("%12" G_GINT64_FORMAT,
            json_object_get_int_member (json_array_get_object_element (results, i), "devices"));
  printf ("   budget\n%-40s", "  (devices; cables below)");
  for (guint i = 0; i < n; i++)
    printf ("%12" G_GINT64_FORMAT,
            json_object_get_int_member (json_array_get_object_element (results, i), "cables"));
  printf ("\n");
}

static void
print_metrics (JsonArray  *results,
               const char *member)
{
  guint n = json_array_get_length (results);

  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    {
      g_autofree char *title = g_strdup_printf ("%s (%s)", metrics[m].title, metrics[m].unit);
      /* printf pads bytes, not characters: pad by hand. */
      glong pad = 40 - g_utf8_strlen (title, -1);

      printf ("%s%*s", title, (int) MAX (pad, 0), "");
      for (guint i = 0; i < n; i++)
        {
          JsonObject *ms = json_object_get_object_member (json_array_get_object_element (results, i),
                                                          member);

          if (json_object_has_member (ms, metrics[m].key))
            printf ("%12.3f", json_object_get_double_member (ms, metrics[m].key));
          else
            printf ("%12s", "–");
        }
      if (metrics[m].budget > 0)
        printf ("   < %g", metrics[m].budget);
      printf ("\n");
    }
}

static void
print_table (JsonArray *results)
{
  guint n = json_array_get_length (results);

  print_header (results, "wall clock, median of runs");
  print_metrics (results, "ms");
  {
    static const char * const keys[] = { "document_bytes_per_device", "check_bytes_per_device",
                                         "render_bytes_per_device", "peak_rss_kib" };
    static const char * const titles[] = { "memory: document (B/device)", "memory: check (B/device)",
                                           "memory: renderer (B/device)", "peak RSS so far (KiB)" };

    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        printf ("%-40s", titles[k]);
        for (guint i = 0; i < n; i++)
          {
            JsonObject *info = json_object_get_object_member (
              json_array_get_object_element (results, i), "info");
            JsonObject *mem = json_object_has_member (info, "memory")
              ? json_object_get_object_member (info, "memory") : NULL;

            if (mem != NULL)
              printf ("%12.0f", json_object_get_double_member (mem, keys[k]));
            else
              printf ("%12s", "–");
          }
        printf (k == 0 ? "   < 2048\n" : "\n");
      }
  }
  print_header (results, "CPU time of the process, median");
  print_metrics (results, "cpu_ms");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sizes_arg = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *peers_dir = NULL;
  g_autofree char *machine = NULL;
  g_autofree char *date_string = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_auto(GStrv) sizes = NULL;
  g_auto(GStrv) only = NULL;
  g_autofree char *only_arg = NULL;
  gboolean quick = FALSE;
  int runs = 0;
  JsonObject *top = json_object_new ();
  JsonArray *results = json_array_new ();
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_arg, "Plan sizes (devices)", "N,N,…" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each fast measurement", "N" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, "Write the results here", "FILE" },
    { "peers-dir", 0, 0, G_OPTION_ARG_FILENAME, &peers_dir,
      "Write plans and their geometry here for peers.py", "DIR" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only_arg,
      "Only these parts: memory, load, edit, frames, hit, render, layout, save, export, tables",
      "PART,…" },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "One run of each, no exports", NULL },
    { NULL }
  };

  context = g_option_context_new ("— time Patchwise on generated plans");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("pw-bench: %s\n", error->message);
      return 2;
    }
  sizes = g_strsplit (sizes_arg ? sizes_arg : "100,1000,2000,10000", ",", -1);
  if (only_arg != NULL)
    only = g_strsplit (only_arg, ",", -1);
  machine = machine_description ();
  printf ("Patchwise benchmark — %s\n", machine);

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      Size size = { 0 };
      JsonObject *result;
      double t0 = now_ms ();

      size.n = (guint) g_ascii_strtoull (sizes[i], NULL, 10);
      if (size.n == 0)
        continue;
      /* The largest plans are for the interactive budgets (load, check,
       * frames, hit tests); their exports and layout take minutes and
       * are left out. Exports run fewer times than the rest. */
      size.runs = size.n <= 100 ? 21 : size.n <= 2000 ? 11 : 5;
      size.export_runs = size.n <= 100 ? 5 : size.n <= 2000 ? 3 : 0;
      size.layout_runs = size.n <= 2000 ? 3 : 1;
      size.full_render = size.n <= 2000;
      if (runs > 0)
        size.runs = runs;
      if (quick)
        {
          size.runs = 1;
          size.export_runs = 0;
          size.layout_runs = 1;
        }
      printf ("%u devices … ", size.n);
      fflush (stdout);
      result = run_size (&size, peers_dir, only);
      printf ("%" G_GINT64_FORMAT " cables, %" G_GINT64_FORMAT " findings (%"
              G_GINT64_FORMAT " planted mistakes), %.1f s\n",
              json_object_get_int_member (result, "cables"),
              json_object_get_int_member (result, "findings"),
              json_object_get_int_member (result, "planted_mistakes"), (now_ms () - t0) / 1000);
      json_array_add_object_element (results, result);
    }
  print_table (results);

  date_string = g_date_time_format (date, "%F %T %z");
  json_object_set_string_member (top, "machine", machine);
  json_object_set_string_member (top, "date", date_string);
  json_object_set_int_member (top, "seed", SEED);
  json_object_set_array_member (top, "results", results);
  json_node_take_object (root, top);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  if (json_path != NULL)
    {
      if (!json_generator_to_file (generator, json_path, &error))
        {
          g_printerr ("pw-bench: %s\n", error->message);
          return 1;
        }
      printf ("\nResults written to %s\n", json_path);
    }
  return 0;
}
