/* pw-pinout.h: pin diagrams of one cable, contact by contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pw-analysis.h"
#include "pw-document.h"
#include "pw-palette.h"
#include "pw-types.h"

G_BEGIN_DECLS

/* A cable of a plan, with the ports it is plugged into and its findings.
 * Drawing starts at (0, 0) of the current transformation and fills
 * @width; the height is what pw_pinout_get_height () returns for the
 * same width. */
double pw_pinout_get_height      (PwDocument      *doc,
                                  PwAnalysis      *analysis,
                                  guint            cable,
                                  double           width);
void   pw_pinout_draw            (cairo_t         *cr,
                                  PwDocument      *doc,
                                  PwAnalysis      *analysis,
                                  guint            cable,
                                  const PwPalette *palette,
                                  double           width);

/* The cables of @cable's run (DESIGN.md §4), in order from one end of the
 * chain to the other; only @cable when it meets no other cable's end.
 * pw_pinout_draw () draws the whole run. */
GArray *pw_pinout_get_run        (PwDocument      *doc,
                                  PwAnalysis      *analysis,
                                  guint            cable);

/* A cable type alone: its ends and wires, no ports (a pinout sheet). */
double pw_pinout_type_get_height (PwCableType     *type,
                                  double           width);
void   pw_pinout_draw_type       (cairo_t         *cr,
                                  PwCableType     *type,
                                  const PwPalette *palette,
                                  double           width);

G_END_DECLS
