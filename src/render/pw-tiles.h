/* pw-tiles.h: the canvas drawn from cached tiles
 *
 * Copyright 2026 The Patchwise authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pw-palette.h"
#include "pw-render.h"

G_BEGIN_DECLS

/* Device pixels on each side of a tile. */
#define PW_TILES_SIZE 256

/* What one frame may spend drawing tiles that can wait, in microseconds:
 * with the frame's own copying, it keeps a frame within 8 ms (120 Hz). */
#define PW_TILES_FRAME_BUDGET_US 3500

typedef struct _PwTiles PwTiles;

typedef struct
{
  double x, y;          /* the document point at the view's top-left corner */
  double zoom;          /* view pixels per document unit */
  double scale;         /* device pixels per view pixel (HiDPI) */
  int    width, height; /* view pixels */
  double grid;          /* dot grid spacing in document units; 0: no grid */
} PwTileView;

PwTiles  *pw_tiles_new        (void);
void      pw_tiles_free       (PwTiles          *self);

/* Forgets every tile. Drawing notices a new plan, a re-rendered plan
 * (pw_render_update ()), another palette or grid by itself. */
void      pw_tiles_clear      (PwTiles          *self);

/* Forgets the tiles that show any of @rect (document units) of @render's
 * plan, after pw_render_move_devices (). */
void      pw_tiles_invalidate (PwTiles          *self,
                               PwRender         *render,
                               const PwRect     *rect);

/* Moves the view's corner onto the nearest device pixel, where tiles can
 * be copied without resampling; draw overlays with the moved view. */
void      pw_tiles_snap_view  (PwTileView       *view);

/* Paints background, dot grid and plan for @view onto @cr, whose user
 * space is view pixels with (0, 0) at the view's corner. When no tile of
 * the view is there yet and nothing can stand in, all are drawn now.
 * Otherwise missing tiles are drawn only while @budget_us lasts (0: no
 * limit), centre first, and the rest show the tiles of the zoom before,
 * scaled, or the background. Returns FALSE while any tile is missing:
 * draw again soon.
 */
gboolean  pw_tiles_draw       (PwTiles          *self,
                               PwRender         *render,
                               cairo_t          *cr,
                               const PwPalette  *palette,
                               const PwTileView *view,
                               gint64            budget_us);

/* Draws missing tiles in and one tile around the view while @budget_us
 * lasts, so that panning finds them ready. Returns TRUE when some are
 * still missing. */
gboolean  pw_tiles_prefetch   (PwTiles          *self,
                               PwRender         *render,
                               const PwPalette  *palette,
                               const PwTileView *view,
                               gint64            budget_us);

/* Tiles held, at every zoom (for tests and the benchmark). */
guint     pw_tiles_get_n_held (PwTiles          *self);

G_END_DECLS
