/* pw-render-marks.c: what a comparison found, marked on the drawing
 *
 * Engineering drawings mark a revision with a cloud around what changed
 * and a delta triangle beside it; the canvas does the same for devices,
 * and runs a band along each changed cable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pw-render-private.h"

struct _PwMarks
{
  gatomicrefcount  ref_count;
  GHashTable      *devices;      /* id → PwMark */
  GHashTable      *cables;       /* id → PwMark */
};

PwMarks *
pw_marks_new (void)
{
  PwMarks *self = g_new0 (PwMarks, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->devices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

PwMarks *
pw_marks_ref (PwMarks *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
pw_marks_unref (PwMarks *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->devices);
  g_hash_table_unref (self->cables);
  g_free (self);
}

void
pw_marks_add (PwMarks    *self,
              gboolean    cable,
              const char *id,
              PwMark      mark)
{
  g_return_if_fail (self != NULL && id != NULL);
  g_hash_table_insert (cable ? self->cables : self->devices, g_strdup (id),
                       GINT_TO_POINTER (mark));
}

PwMark
pw_marks_lookup (PwMarks    *self,
                 gboolean    cable,
                 const char *id)
{
  g_return_val_if_fail (self != NULL && id != NULL, PW_MARK_NONE);
  return GPOINTER_TO_INT (g_hash_table_lookup (cable ? self->cables : self->devices, id));
}

guint
pw_marks_get_size (PwMarks *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return g_hash_table_size (self->devices) + g_hash_table_size (self->cables);
}

/* A cloud of arcs bulging outwards along the rectangle. */
static void
cloud_path (cairo_t      *cr,
            const PwRect *r,
            double        bump)
{
  double x0 = r->x, y0 = r->y, x1 = r->x + r->width, y1 = r->y + r->height;
  int nx = MAX (2, (int) round (r->width / (2 * bump)));
  int ny = MAX (2, (int) round (r->height / (2 * bump)));
  double sx = r->width / nx, sy = r->height / ny;

  cairo_new_path (cr);
  cairo_move_to (cr, x0, y0);
  for (int i = 0; i < nx; i++)
    cairo_arc (cr, x0 + (i + 0.5) * sx, y0, sx / 2, G_PI, 2 * G_PI);
  for (int i = 0; i < ny; i++)
    cairo_arc (cr, x1, y0 + (i + 0.5) * sy, sy / 2, -G_PI / 2, G_PI / 2);
  for (int i = 0; i < nx; i++)
    cairo_arc (cr, x1 - (i + 0.5) * sx, y1, sx / 2, 0, G_PI);
  for (int i = 0; i < ny; i++)
    cairo_arc (cr, x0, y1 - (i + 0.5) * sy, sy / 2, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The delta tag: a filled triangle holding a plus (added) or a bar
 * (changed), outlined in the background colour to stand clear. */
static void
draw_tag (PwRender        *self,
          cairo_t         *cr,
          const PwPalette *palette,
          double           x,
          double           y,
          PwMark           mark,
          double           unit)
{
  double s = 8 * unit;

  cairo_new_path (cr);
  cairo_move_to (cr, x, y - s);
  cairo_line_to (cr, x + s * 1.1, y + s * 0.8);
  cairo_line_to (cr, x - s * 1.1, y + s * 0.8);
  cairo_close_path (cr);
  pw_palette_set_source (cr, &palette->background);
  cairo_set_line_width (cr, 3 * unit);
  cairo_stroke_preserve (cr);
  pw_palette_set_source (cr, &palette->mark);
  cairo_fill (cr);

  /* A sign inside: "+" for added, a bar for changed. */
  pw_palette_set_source (cr, &palette->background);
  cairo_set_line_width (cr, 1.8 * unit);
  cairo_move_to (cr, x - s * 0.4, y + s * 0.25);
  cairo_line_to (cr, x + s * 0.4, y + s * 0.25);
  if (mark == PW_MARK_ADDED)
    {
      cairo_move_to (cr, x, y - s * 0.15);
      cairo_line_to (cr, x, y + s * 0.65);
    }
  cairo_stroke (cr);
}

void
pw_render_draw_marks (PwRender        *self,
                      cairo_t         *cr,
                      const PwPalette *palette,
                      PwMarks         *marks,
                      const PwRect    *visible,
                      double           scale)
{
  PwDocument *doc = self->document;
  /* At least a few device pixels wide at any zoom. */
  double unit = MAX (1.0, 1.0 / scale);
  g_autoptr(GArray) devices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cables = g_array_new (FALSE, FALSE, sizeof (guint));
  PwRect all;

  g_return_if_fail (self != NULL);
  g_return_if_fail (marks != NULL);

  if (pw_marks_get_size (marks) == 0)
    return;
  if (visible == NULL)
    {
      pw_render_get_bounds (self, &all);
      visible = &all;
    }
  pw_render_query (self, visible, devices, cables);

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Cables first: a translucent band along the path, like a highlighter. */
  for (guint i = 0; i < cables->len; i++)
    {
      guint index = g_array_index (cables, guint, i);
      CableInfo *ci = &g_array_index (self->cable_info, CableInfo, index);
      PwMark mark = pw_marks_lookup (marks, TRUE, pw_document_get_cable (doc, index)->id);

      if (mark == PW_MARK_NONE || ci->n_segments == 0)
        continue;
      cairo_new_path (cr);
      for (guint s = 0; s < ci->n_segments; s++)
        {
          Segment *seg = &g_array_index (self->segments, Segment, ci->first_segment + s);

          cairo_move_to (cr, seg->p[0], seg->p[1]);
          cairo_curve_to (cr, seg->p[2], seg->p[3], seg->p[4], seg->p[5], seg->p[6], seg->p[7]);
        }
      cairo_set_source_rgba (cr, palette->mark.r, palette->mark.g, palette->mark.b, 0.35);
      cairo_set_line_width (cr, 10 * unit);
      cairo_stroke (cr);
      if (ci->has_anchor)
        draw_tag (self, cr, palette, ci->ax, ci->ay - 16 * unit, mark, unit);
    }

  for (guint i = 0; i < devices->len; i++)
    {
      guint index = g_array_index (devices, guint, i);
      PwMark mark = pw_marks_lookup (marks, FALSE, pw_document_get_device (doc, index)->id);
      PwRect r;

      if (mark == PW_MARK_NONE)
        continue;
      pw_render_get_card_rect (self, index, &r);
      r.x -= 10;
      r.y -= 10;
      r.width += 20;
      r.height += 20;
      cloud_path (cr, &r, 9);
      pw_palette_set_source (cr, &palette->mark);
      cairo_set_line_width (cr, 2 * unit);
      cairo_stroke (cr);
      draw_tag (self, cr, palette, r.x + r.width, r.y, mark, unit);
    }
  cairo_restore (cr);
}
