/* pw-tiles.c: the canvas drawn from cached tiles
 *
 * Copyright 2026 The Patchwise authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan is cut into squares of PW_TILES_SIZE device pixels at the
 * view's zoom, counted from the document's origin. A square is drawn once
 * (background, dot grid, pw_render_draw () of what reaches into it) and
 * then copied for every frame, pixel for pixel: the view's corner is kept
 * on a device pixel, so a copy never resamples. A tile cut at another
 * position would differ only by a whole-pixel shift, so neighbouring
 * tiles meet without a seam.
 *
 * Two zooms are kept: the current one and the last one drawn in full.
 * While the zoom changes, the earlier tiles, scaled, stand in for tiles
 * not drawn yet (the background where they do not reach), and each
 * frame draws only as many new tiles as its budget allows, the view's
 * centre first, as a map does. Anything that changes the picture —
 * another plan, a re-rendered plan, palette, grid or device scale —
 * forgets every tile.
 */
#include "pw-tiles.h"

#include <math.h>
#include <stdlib.h>

#define TILE PW_TILES_SIZE

typedef struct
{
  gint64           key;      /* first: the hash table's key */
  int              i, j;     /* column and row at the level's zoom */
  cairo_surface_t *surface;
  guint64          used;     /* frame it was last shown in */
} Tile;

typedef struct
{
  double      zs;            /* device pixels per document unit; 0: empty */
  GHashTable *tiles;         /* gint64 key → Tile */
} Level;

struct _PwTiles
{
  Level            levels[2];  /* [0] the current zoom, [1] the one before */
  guint64          frame;
  gboolean         complete;   /* level 0 filled the last frame's view */

  /* What the tiles show. */
  PwRender        *render;
  guint64          generation;
  const PwPalette *palette;
  double           grid;
  double           scale;
};

static gint64
tile_key (int i,
          int j)
{
  return (gint64) ((guint64) (guint32) i << 32 | (guint32) j);
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  cairo_surface_destroy (tile->surface);
  g_free (tile);
}

static void
level_clear (Level *level)
{
  level->zs = 0;
  if (level->tiles != NULL)
    g_hash_table_remove_all (level->tiles);
}

PwTiles *
pw_tiles_new (void)
{
  PwTiles *self = g_new0 (PwTiles, 1);

  for (guint l = 0; l < G_N_ELEMENTS (self->levels); l++)
    self->levels[l].tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, tile_free);
  return self;
}

void
pw_tiles_free (PwTiles *self)
{
  if (self == NULL)
    return;
  for (guint l = 0; l < G_N_ELEMENTS (self->levels); l++)
    g_hash_table_unref (self->levels[l].tiles);
  g_free (self);
}

void
pw_tiles_clear (PwTiles *self)
{
  g_return_if_fail (self != NULL);

  for (guint l = 0; l < G_N_ELEMENTS (self->levels); l++)
    level_clear (&self->levels[l]);
  self->render = NULL;
  self->complete = FALSE;
}

void
pw_tiles_invalidate (PwTiles      *self,
                     PwRender     *render,
                     const PwRect *rect)
{
  g_return_if_fail (self != NULL && rect != NULL);

  if (self->render != render)
    return;
  for (guint l = 0; l < G_N_ELEMENTS (self->levels); l++)
    {
      Level *level = &self->levels[l];
      /* Whole pixels around it: antialiasing reaches one further. */
      double x0 = floor (rect->x * level->zs) - 1, y0 = floor (rect->y * level->zs) - 1;
      double x1 = ceil ((rect->x + rect->width) * level->zs) + 1;
      double y1 = ceil ((rect->y + rect->height) * level->zs) + 1;
      GHashTableIter iter;
      gpointer value;

      if (level->zs <= 0)
        continue;
      g_hash_table_iter_init (&iter, level->tiles);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Tile *tile = value;
          double tx = (double) tile->i * TILE, ty = (double) tile->j * TILE;

          if (tx < x1 && tx + TILE > x0 && ty < y1 && ty + TILE > y0)
            g_hash_table_iter_remove (&iter);
        }
    }
  self->complete = FALSE;
}

guint
pw_tiles_get_n_held (PwTiles *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint l = 0; l < G_N_ELEMENTS (self->levels); l++)
    n += g_hash_table_size (self->levels[l].tiles);
  return n;
}

void
pw_tiles_snap_view (PwTileView *view)
{
  double zs;

  g_return_if_fail (view != NULL && view->zoom > 0);

  if (view->scale <= 0)
    view->scale = 1;
  zs = view->zoom * view->scale;
  view->x = round (view->x * zs) / zs;
  view->y = round (view->y * zs) / zs;
}

static gboolean
same_zoom (double a,
           double b)
{
  return fabs (a - b) <= 1e-9 * MAX (a, b);
}

/* Forgets what no longer shows the picture, and makes level 0 the view's
 * zoom, keeping the zoom before as the stand-in. */
static void
prepare (PwTiles          *self,
         PwRender         *render,
         const PwPalette  *palette,
         const PwTileView *view)
{
  double zs = view->zoom * view->scale;
  guint64 generation = pw_render_get_generation (render);

  /* The grid's spacing follows the zoom, which zs already pins down. */
  if (self->render != render || self->generation != generation || self->palette != palette ||
      self->grid != view->grid || self->scale != view->scale)
    {
      for (guint l = 0; l < G_N_ELEMENTS (self->levels); l++)
        level_clear (&self->levels[l]);
      self->render = render;
      self->generation = generation;
      self->palette = palette;
      self->grid = view->grid;
      self->scale = view->scale;
    }

  if (same_zoom (self->levels[0].zs, zs))
    return;
  if (same_zoom (self->levels[1].zs, zs))
    {
      Level tmp = self->levels[0];

      self->levels[0] = self->levels[1];
      self->levels[1] = tmp;
      self->complete = FALSE;
      return;
    }
  /* A new zoom: the current level becomes the stand-in if it was whole
   * for the last frame; otherwise the stand-in there was stays (while
   * zooming on and on, it is the last zoom that was drawn in full). */
  if (self->levels[0].zs > 0 && g_hash_table_size (self->levels[0].tiles) > 0 &&
      (self->complete || self->levels[1].zs <= 0))
    {
      Level tmp = self->levels[1];

      self->levels[1] = self->levels[0];
      self->levels[0] = tmp;
    }
  level_clear (&self->levels[0]);
  self->levels[0].zs = zs;
  self->complete = FALSE;
}

/* Draws the @ni × @nj tiles from (@i, @j) in one pass onto one surface. */
static cairo_surface_t *
render_area (PwRender         *render,
             const PwPalette  *palette,
             const PwTileView *view,
             int               i,
             int               j,
             int               ni,
             int               nj)
{
  double zs = view->zoom * view->scale;
  double x0 = i * (double) TILE / zs, y0 = j * (double) TILE / zs;
  double w = ni * (double) TILE / zs, h = nj * (double) TILE / zs;
  /* Badges, port glyphs and hairlines reach a little past the rectangles
   * the renderer files things under. */
  double pad = 16 + 8 / zs;
  PwRect visible = { x0 - pad, y0 - pad, w + 2 * pad, h + 2 * pad };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, ni * TILE, nj * TILE);
  cairo_t *cr = cairo_create (surface);

  /* On screen, curves a little coarser and 4×4 antialiasing for shapes:
   * about half the drawing time, hard to tell apart at 1:1. Exports
   * keep cairo's finer defaults. */
  cairo_set_tolerance (cr, 0.4);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  pw_palette_set_source (cr, &palette->background);
  cairo_paint (cr);
  cairo_scale (cr, view->scale, view->scale);
  if (view->grid > 0)
    pw_render_draw_grid (cr, palette, x0, y0, view->zoom, view->grid,
                         ni * TILE / view->scale, nj * TILE / view->scale);
  cairo_scale (cr, view->zoom, view->zoom);
  cairo_translate (cr, -x0, -y0);
  pw_render_draw (render, cr, palette, &visible, zs);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static const cairo_user_data_key_t block_key;

/* Draws a block of tiles in one pass — one pass over many tiles costs far
 * less than a pass per tile, where everything crossing a tile's edge is
 * drawn twice — and files those the level lacks, each a window onto the
 * block's pixels, which live as long as one of them does. */
static void
add_block (Level            *level,
           PwRender         *render,
           const PwPalette  *palette,
           const PwTileView *view,
           int               i0,
           int               j0,
           int               ni,
           int               nj)
{
  cairo_surface_t *block = render_area (render, palette, view, i0, j0, ni, nj);
  unsigned char *data = cairo_image_surface_get_data (block);
  int stride = cairo_image_surface_get_stride (block);

  for (int b = 0; b < nj; b++)
    for (int a = 0; a < ni; a++)
      {
        gint64 key = tile_key (i0 + a, j0 + b);
        Tile *tile;

        if (g_hash_table_contains (level->tiles, &key))
          continue;
        tile = g_new0 (Tile, 1);
        tile->key = key;
        tile->i = i0 + a;
        tile->j = j0 + b;
        tile->surface = cairo_image_surface_create_for_data (data + (gsize) b * TILE * stride +
                                                             (gsize) a * TILE * 4,
                                                             CAIRO_FORMAT_RGB24, TILE, TILE,
                                                             stride);
        cairo_surface_set_user_data (tile->surface, &block_key, cairo_surface_reference (block),
                                     (cairo_destroy_func_t) cairo_surface_destroy);
        g_hash_table_insert (level->tiles, &tile->key, tile);
      }
  cairo_surface_destroy (block);
}

static Tile *
add_tile (Level            *level,
          PwRender         *render,
          const PwPalette  *palette,
          const PwTileView *view,
          int               i,
          int               j)
{
  gint64 key = tile_key (i, j);

  add_block (level, render, palette, view, i, j, 1, 1);
  return g_hash_table_lookup (level->tiles, &key);
}

/* The tiles covering the view: columns i0..i1, rows j0..j1. */
typedef struct
{
  gint64 ox, oy;      /* device pixel of the view's corner */
  int    i0, j0, i1, j1;
} Span;

static void
view_span (const PwTileView *view,
           int               ring,
           Span             *span)
{
  double zs = view->zoom * view->scale;
  double w = ceil (view->width * view->scale), h = ceil (view->height * view->scale);

  span->ox = (gint64) llround (view->x * zs);
  span->oy = (gint64) llround (view->y * zs);
  span->i0 = (int) floor ((double) span->ox / TILE) - ring;
  span->j0 = (int) floor ((double) span->oy / TILE) - ring;
  span->i1 = (int) floor ((span->ox + w - 1) / TILE) + ring;
  span->j1 = (int) floor ((span->oy + h - 1) / TILE) + ring;
}

typedef struct
{
  int    i, j;
  double distance;
} Missing;

static int
missing_compare (gconstpointer a,
                 gconstpointer b)
{
  const Missing *ma = a, *mb = b;

  return (ma->distance > mb->distance) - (ma->distance < mb->distance);
}

/* Missing tiles of @span, nearest the view's centre first. */
static GArray *
find_missing (Level            *level,
              const PwTileView *view,
              const Span       *span)
{
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (Missing));
  double cx = span->ox + view->width * view->scale / 2;
  double cy = span->oy + view->height * view->scale / 2;

  for (int j = span->j0; j <= span->j1; j++)
    for (int i = span->i0; i <= span->i1; i++)
      {
        gint64 key = tile_key (i, j);
        Tile *tile = g_hash_table_lookup (level->tiles, &key);

        if (tile == NULL)
          {
            Missing m = { i, j, hypot ((i + 0.5) * TILE - cx, (j + 0.5) * TILE - cy) };

            g_array_append_val (missing, m);
          }
      }
  g_array_sort (missing, missing_compare);
  return missing;
}

static int
age_compare (const void *a,
             const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* Keeps a level to a few screens' worth: the tiles shown longest ago go. */
static void
trim (Level   *level,
      guint    keep,
      guint64  frame)
{
  GHashTableIter iter;
  gpointer value;
  guint64 cutoff = 0;
  guint n = g_hash_table_size (level->tiles);

  if (n <= keep)
    return;
  {
    g_autofree guint64 *ages = g_new (guint64, n);
    guint k = 0;

    g_hash_table_iter_init (&iter, level->tiles);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      ages[k++] = ((Tile *) value)->used;
    qsort (ages, n, sizeof *ages, age_compare);
    /* Tiles shown no later than the (n - keep)th oldest go. */
    cutoff = ages[n - keep - 1];
  }
  g_hash_table_iter_init (&iter, level->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Tile *) value)->used <= cutoff && ((Tile *) value)->used != frame)
      g_hash_table_iter_remove (&iter);
}

static void
paint_tile (cairo_t    *cr,
            const Tile *tile,
            const Span *span)
{
  double x = (double) ((gint64) tile->i * TILE - span->ox);
  double y = (double) ((gint64) tile->j * TILE - span->oy);

  cairo_set_source_surface (cr, tile->surface, x, y);
  cairo_rectangle (cr, x, y, TILE, TILE);
  cairo_fill (cr);
}

/* The stand-in level, scaled, under the missing tiles; the background
 * where it has nothing either. */
static void
paint_stand_in (PwTiles          *self,
                cairo_t          *cr,
                const PwPalette  *palette,
                const Span       *span,
                GArray           *missing)
{
  Level *current = &self->levels[0], *stand_in = &self->levels[1];
  double r = stand_in->zs > 0 ? current->zs / stand_in->zs : 1;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  GHashTableIter iter;
  gpointer value;

  cairo_save (cr);
  for (guint m = 0; m < missing->len; m++)
    {
      Missing *mt = &g_array_index (missing, Missing, m);
      double x = (double) ((gint64) mt->i * TILE - span->ox);
      double y = (double) ((gint64) mt->j * TILE - span->oy);

      cairo_rectangle (cr, x, y, TILE, TILE);
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x + TILE);
      y1 = MAX (y1, y + TILE);
    }
  cairo_clip (cr);

  /* The background first: a stand-in may not reach everywhere. The grid
   * there waits for the real tiles. */
  pw_palette_set_source (cr, &palette->background);
  cairo_paint (cr);

  if (stand_in->zs > 0 && g_hash_table_size (stand_in->tiles) > 0)
    {
      /* From here on, units are the stand-in's device pixels. Edges
       * rounded to whole pixels keep each copy a plain scaled blit. */
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
      cairo_translate (cr, -span->ox, -span->oy);
      cairo_scale (cr, r, r);
      g_hash_table_iter_init (&iter, stand_in->tiles);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Tile *tile = value;
          double tx = (double) tile->i * TILE, ty = (double) tile->j * TILE;
          double sx0 = tx * r - span->ox, sy0 = ty * r - span->oy;

          if (sx0 >= x1 || sy0 >= y1 || sx0 + TILE * r <= x0 || sy0 + TILE * r <= y0)
            continue;
          cairo_set_source_surface (cr, tile->surface, tx, ty);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_FAST);
          cairo_rectangle (cr, tx, ty, TILE, TILE);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

static guint
run_length (Level *level,
            int    i,
            int    j,
            int    di,
            int    dj,
            int    limit)
{
  guint n = 0;

  for (;;)
    {
      gint64 key = tile_key (i + di * (int) n, j + dj * (int) n);

      if ((int) n >= limit || g_hash_table_contains (level->tiles, &key))
        return n;
      n++;
    }
}

/* Draws @missing in as few blocks as it takes: all of @span when nothing
 * is there, else the longest row or column of missing tiles, then the
 * next (panning uncovers a row and a column at a time). */
static void
add_missing (Level            *level,
             PwRender         *render,
             const PwPalette  *palette,
             const PwTileView *view,
             const Span       *span,
             GArray           *missing)
{
  int ni = span->i1 - span->i0 + 1, nj = span->j1 - span->j0 + 1;

  if (missing->len == 0)
    return;
  if (missing->len == (guint) (ni * nj))
    {
      add_block (level, render, palette, view, span->i0, span->j0, ni, nj);
      return;
    }
  for (;;)
    {
      guint best = 0;
      int bi = 0, bj = 0;
      gboolean across = TRUE;

      for (guint m = 0; m < missing->len; m++)
        {
          Missing *mt = &g_array_index (missing, Missing, m);
          guint h, v;

          h = run_length (level, mt->i, mt->j, 1, 0, span->i1 - mt->i + 1);
          v = run_length (level, mt->i, mt->j, 0, 1, span->j1 - mt->j + 1);
          if (h > best || v > best)
            {
              best = MAX (h, v);
              across = h >= v;
              bi = mt->i;
              bj = mt->j;
            }
        }
      if (best == 0)
        return;
      add_block (level, render, palette, view, bi, bj, across ? (int) best : 1,
                 across ? 1 : (int) best);
    }
}

gboolean
pw_tiles_draw (PwTiles          *self,
               PwRender         *render,
               cairo_t          *cr,
               const PwPalette  *palette,
               const PwTileView *view_in,
               gint64            budget_us)
{
  gint64 start = g_get_monotonic_time ();
  PwTileView view = *view_in;
  Level *current;
  Span span;
  g_autoptr(GArray) missing = NULL;
  g_autoptr(GArray) waiting = g_array_new (FALSE, FALSE, sizeof (Missing));
  guint n_keep;

  g_return_val_if_fail (self != NULL && render != NULL && cr != NULL && palette != NULL, TRUE);
  g_return_val_if_fail (view_in->zoom > 0, TRUE);

  pw_tiles_snap_view (&view);
  prepare (self, render, palette, &view);
  current = &self->levels[0];
  self->frame++;
  view_span (&view, 0, &span);
  missing = find_missing (current, &view, &span);

  /* When nothing at all could be shown (a new plan, after an edit) every
   * missing tile is drawn now, whatever the cost. Otherwise — a zoom
   * settling behind its stand-ins, or a pan faster than tiles are drawn
   * ahead, with some of the view in place — they wait for the budget,
   * the background showing where they will go. */
  if (budget_us <= 0 ||
      ((self->levels[1].zs <= 0 || g_hash_table_size (self->levels[1].tiles) == 0) &&
       missing->len == (guint) ((span.i1 - span.i0 + 1) * (span.j1 - span.j0 + 1))))
    add_missing (current, render, palette, &view, &span, missing);
  else
    g_array_append_vals (waiting, missing->data, missing->len);

  cairo_save (cr);
  cairo_scale (cr, 1 / view.scale, 1 / view.scale);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  if (waiting->len > 0)
    paint_stand_in (self, cr, palette, &span, waiting);

  /* Waiting tiles, centre first, while the frame has time. */
  {
    guint drawn = 0;

    /* At least one a frame, so that the view always comes sharp. */
    while (drawn < waiting->len && (drawn == 0 || g_get_monotonic_time () - start < budget_us))
      {
        Missing *mt = &g_array_index (waiting, Missing, drawn);

        add_tile (current, render, palette, &view, mt->i, mt->j);
        drawn++;
      }
    g_array_remove_range (waiting, 0, drawn);
  }

  for (int j = span.j0; j <= span.j1; j++)
    for (int i = span.i0; i <= span.i1; i++)
      {
        gint64 key = tile_key (i, j);
        Tile *tile = g_hash_table_lookup (current->tiles, &key);

        if (tile == NULL)
          continue;
        tile->used = self->frame;
        paint_tile (cr, tile, &span);
      }
  cairo_restore (cr);

  /* The view and one tile around it, where prefetching draws. */
  n_keep = (guint) ((span.i1 - span.i0 + 3) * (span.j1 - span.j0 + 3));
  trim (current, n_keep + 8, self->frame);
  self->complete = waiting->len == 0;
  if (self->complete)
    level_clear (&self->levels[1]);
  return self->complete;
}

gboolean
pw_tiles_prefetch (PwTiles          *self,
                   PwRender         *render,
                   const PwPalette  *palette,
                   const PwTileView *view_in,
                   gint64            budget_us)
{
  gint64 start = g_get_monotonic_time ();
  PwTileView view = *view_in;
  Span span;
  g_autoptr(GArray) missing = NULL;
  guint drawn = 0;

  g_return_val_if_fail (self != NULL && render != NULL && palette != NULL, FALSE);
  g_return_val_if_fail (view_in->zoom > 0, FALSE);

  pw_tiles_snap_view (&view);
  prepare (self, render, palette, &view);
  view_span (&view, 1, &span);
  missing = find_missing (&self->levels[0], &view, &span);
  while (drawn < missing->len && g_get_monotonic_time () - start < budget_us)
    {
      Missing *mt = &g_array_index (missing, Missing, drawn);
      Tile *tile = add_tile (&self->levels[0], render, palette, &view, mt->i, mt->j);

      tile->used = self->frame;
      drawn++;
    }
  return drawn < missing->len;
}
