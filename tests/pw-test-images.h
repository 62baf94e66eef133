/* pw-test-images.h: comparing pictures in the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

/* The fraction of pixels of two image surfaces that differ by more than
 * @threshold in any byte (colour or alpha); 1 when their sizes differ. */
static inline double
pw_test_differing_fraction (cairo_surface_t *a,
                            cairo_surface_t *b,
                            int              threshold)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int sa, sb;
  const guint8 *da, *db;
  guint64 differ = 0;

  if (w != cairo_image_surface_get_width (b) || h != cairo_image_surface_get_height (b))
    return 1.0;
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  da = cairo_image_surface_get_data (a);
  db = cairo_image_surface_get_data (b);
  sa = cairo_image_surface_get_stride (a);
  sb = cairo_image_surface_get_stride (b);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *pa = da + y * sa + 4 * x, *pb = db + y * sb + 4 * x;

        for (int c = 0; c < 4; c++)
          if (ABS ((int) pa[c] - (int) pb[c]) > threshold)
            {
              differ++;
              break;
            }
      }
  return (double) differ / ((double) w * h);
}
