/* pw-palette.h: the colours and line styles every drawing shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "pw-analysis.h"
#include "pw-connector.h"

G_BEGIN_DECLS

typedef struct
{
  double r, g, b, a;
} PwColor;

typedef struct
{
  gboolean dark;
  PwColor  background;
  PwColor  grid;
  PwColor  foreground;       /* text */
  PwColor  dim;              /* secondary text, outlines */
  PwColor  card;             /* device card fill */
  PwColor  card_border;
  PwColor  selection;
  PwColor  mark;             /* what a comparison found changed */
  PwColor  error;
  PwColor  warning;
  PwColor  info;
  PwColor  link[PW_LINK_OPEN + 1];   /* per link class */
  PwColor  role_hot;
  PwColor  role_cold;
  PwColor  role_ground;
  PwColor  role_left;
  PwColor  role_right;
  PwColor  role_signal;
  PwColor  role_speaker;
  PwColor  role_data;
  PwColor  role_nc;
} PwPalette;

const PwPalette *pw_palette_get          (gboolean         dark);
void             pw_palette_set_source   (cairo_t         *cr,
                                          const PwColor   *color);
/* The dash pattern of a link class, so that class reads without colour:
 * balanced solid, unbalanced dashed, stereo double-dashed, digital dotted … */
void             pw_palette_set_link_dash (cairo_t        *cr,
                                           PwLinkClass     klass,
                                           double          line_width);
const PwColor   *pw_palette_role_color   (const PwPalette *palette,
                                          PwRole           role);
const PwColor   *pw_palette_severity_color (const PwPalette *palette,
                                            PwSeverity       severity);

G_END_DECLS
