/* pw-pinout.c: pin diagrams of one cable, contact by contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-pinout.h"

double
pw_pinout_get_height (PwDocument *doc,
                      PwAnalysis *analysis,
                      guint       cable,
                      double      width)
{
  return 0;
}

void
pw_pinout_draw (cairo_t         *cr,
                PwDocument      *doc,
                PwAnalysis      *analysis,
                guint            cable,
                const PwPalette *palette,
                double           width)
{
}

double
pw_pinout_type_get_height (PwCableType *type,
                           double       width)
{
  return 0;
}

void
pw_pinout_draw_type (cairo_t         *cr,
                     PwCableType     *type,
                     const PwPalette *palette,
                     double           width)
{
}
