/* pw-render.c: the diagram — device cards, ports, cables, badges
 *
 * Geometry is computed once per pw_render_update () and indexed in a
 * uniform grid, so that a frame touches only what is visible and a hit
 * test only what is near the pointer. Text is measured once: device names
 * per device, port labels per device type, connector tags per family.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-render-private.h"

#define FONT_FAMILY      "DejaVu Sans, Cantarell, Sans"
#define GLYPH_SIZE       11.0
#define LABEL_MAX_WIDTH  150.0
#define LABEL_HEIGHT     28.0
#define STUB_LENGTH      48.0
#define FREE_END_SPACING 22.0
#define FREE_END_RADIUS  5.0
#define GRID_MAX_CELLS   65536
/* Below this many device pixels per unit, text is not drawn. */
#define TEXT_MIN_SCALE   0.42

/* Text, measured once. */

PangoContext *
pw_render_create_pango_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: a layout measured here has the same size on screen,
   * in a PNG and in a PDF, at any zoom. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
  return context;
}

PangoLayout *
pw_render_create_layout (PangoContext *context,
                         const char   *text,
                         double        size,
                         gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text ? text : "", -1);
  pango_font_description_free (desc);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *w,
             double      *h)
{
  int lw, lh;

  pango_layout_get_size (layout, &lw, &lh);
  if (w)
    *w = (double) lw / PANGO_SCALE;
  if (h)
    *h = (double) lh / PANGO_SCALE;
}

static void
show_layout (cairo_t         *cr,
             PangoLayout     *layout,
             const PwColor   *color,
             double           x,
             double           y)
{
  pw_palette_set_source (cr, color);
  cairo_move_to (cr, x, y);
  pw_render_show_layout (cr, layout);
}

/* Text as text: the sink on a cairo_t. */

typedef struct
{
  PwTextSink sink;
  gpointer   user_data;
  gboolean   draw_glyphs;
} TextSink;

static const cairo_user_data_key_t text_sink_key;

void
pw_render_set_text_sink (cairo_t    *cr,
                         PwTextSink  sink,
                         gpointer    user_data,
                         gboolean    draw_glyphs)
{
  TextSink *ts = NULL;

  g_return_if_fail (cr != NULL);

  if (sink != NULL)
    {
      ts = g_new0 (TextSink, 1);
      ts->sink = sink;
      ts->user_data = user_data;
      ts->draw_glyphs = draw_glyphs;
    }
  cairo_set_user_data (cr, &text_sink_key, ts, g_free);
}

/* Every run of every line of @layout, drawn at (ox, oy) in user space. */
static void
emit_runs (cairo_t     *cr,
           PangoLayout *layout,
           TextSink    *ts,
           double       ox,
           double       oy)
{
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  cairo_pattern_t *source = cairo_get_source (cr);
  PwTextRun run = { 0 };
  double dx = 1, dy = 0, sx = 0, sy = 1;
  double scale;

  run.rgba[3] = 1;
  if (cairo_pattern_get_type (source) == CAIRO_PATTERN_TYPE_SOLID)
    cairo_pattern_get_rgba (source, &run.rgba[0], &run.rgba[1], &run.rgba[2], &run.rgba[3]);
  /* The baseline's direction and the glyphs' height in device space. */
  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_user_to_device_distance (cr, &sx, &sy);
  run.angle = atan2 (dy, dx);
  scale = hypot (sx, sy);

  run.line_start = TRUE;
  do
    {
      PangoLayoutRun *r = pango_layout_iter_get_run_readonly (iter);
      PangoFontDescription *desc;
      PangoRectangle logical;
      g_autofree char *str = NULL;
      double x, y;

      if (r == NULL)
        {
          /* The end of a line. */
          run.line_start = TRUE;
          continue;
        }
      if (r->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
        str = g_strdup ("…");
      else
        str = g_strndup (text + r->item->offset, r->item->length);
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      x = ox + (double) logical.x / PANGO_SCALE;
      y = oy + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      cairo_user_to_device (cr, &x, &y);

      desc = pango_font_describe_with_absolute_size (r->item->analysis.font);
      run.text = str;
      run.family = pango_font_description_get_family (desc);
      run.x = x;
      run.y = y;
      /* The glyphs' advance: an ellipsis run's extents reach to the end
       * of the line, past its glyph. */
      run.width = (double) pango_glyph_string_get_width (r->glyphs) / PANGO_SCALE * hypot (dx, dy);
      run.size = (double) pango_font_description_get_size (desc) / PANGO_SCALE * scale;
      run.weight = pango_font_description_get_weight (desc);
      run.italic = pango_font_description_get_style (desc) != PANGO_STYLE_NORMAL;
      ts->sink (&run, ts->user_data);
      run.line_start = FALSE;
      pango_font_description_free (desc);
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
}

void
pw_render_show_layout (cairo_t     *cr,
                       PangoLayout *layout)
{
  TextSink *ts;

  g_return_if_fail (cr != NULL && PANGO_IS_LAYOUT (layout));

  ts = cairo_get_user_data (cr, &text_sink_key);
  if (ts != NULL)
    {
      double ox = 0, oy = 0;

      if (cairo_has_current_point (cr))
        cairo_get_current_point (cr, &ox, &oy);
      emit_runs (cr, layout, ts, ox, oy);
      if (!ts->draw_glyphs)
        {
          /* As pango_cairo_show_layout () would: no path left behind. */
          cairo_new_path (cr);
          return;
        }
    }
  pango_cairo_show_layout (cr, layout);
}

/* Port placement, shared with the layout. */

PwSide
pw_render_port_side (const PwDeviceType *type,
                     guint               port)
{
  const PwPortType *p;
  gboolean has_male = FALSE, has_female = FALSE;
  guint n_passive = 0, nth = 0;

  g_return_val_if_fail (type != NULL && port < type->n_ports, PW_SIDE_LEFT);

  p = &type->ports[port];
  switch (p->direction)
    {
    case PW_DIRECTION_IN:
      return PW_SIDE_LEFT;
    case PW_DIRECTION_OUT:
    case PW_DIRECTION_INSERT:
      return PW_SIDE_RIGHT;
    case PW_DIRECTION_PASSIVE:
    default:
      break;
    }

  for (guint i = 0; i < type->n_ports; i++)
    {
      if (type->ports[i].direction != PW_DIRECTION_PASSIVE)
        continue;
      if (i < port)
        nth++;
      n_passive++;
      if (type->ports[i].gender == PW_GENDER_MALE)
        has_male = TRUE;
      else
        has_female = TRUE;
    }
  /* A passive device passes signal from its sockets to its plugs (wall
   * plates, splitters, stage boxes); one of a single gender (patch bay:
   * fronts then rears) reads left to right in the order it lists them. */
  if (has_male && has_female)
    return p->gender == PW_GENDER_FEMALE ? PW_SIDE_LEFT : PW_SIDE_RIGHT;
  return nth < (n_passive + 1) / 2 ? PW_SIDE_LEFT : PW_SIDE_RIGHT;
}

guint
pw_render_port_row (const PwDeviceType *type,
                    guint               port)
{
  PwSide side = pw_render_port_side (type, port);
  guint row = 0;

  for (guint i = 0; i < port; i++)
    if (pw_render_port_side (type, i) == side)
      row++;
  return row;
}

void
pw_render_card_size (const PwDeviceType *type,
                     double             *width,
                     double             *height)
{
  guint n_left = 0, n_right = 0;

  for (guint i = 0; i < type->n_ports; i++)
    {
      if (pw_render_port_side (type, i) == PW_SIDE_LEFT)
        n_left++;
      else
        n_right++;
    }
  if (width)
    *width = PW_RENDER_CARD_WIDTH;
  if (height)
    *height = PW_RENDER_HEADER_HEIGHT + MAX (MAX (n_left, n_right), 1) * PW_RENDER_ROW_HEIGHT +
              PW_RENDER_CARD_PADDING;
}

/* Per-type cache: port sides and rows, port label layouts. */

static void
type_info_free (TypeInfo *info)
{
  g_free (info->slots);
  g_clear_pointer (&info->port_labels, g_ptr_array_unref);
  g_clear_object (&info->type_name);
  g_free (info);
}

static TypeInfo *
get_type_info (PwRender     *self,
               PwDeviceType *type)
{
  TypeInfo *info = g_hash_table_lookup (self->types, type);

  if (info != NULL)
    return info;

  info = g_new0 (TypeInfo, 1);
  info->slots = g_new0 (PortSlot, MAX (type->n_ports, 1));
  for (guint i = 0; i < type->n_ports; i++)
    {
      info->slots[i].side = pw_render_port_side (type, i);
      info->slots[i].row = pw_render_port_row (type, i);
    }
  pw_render_card_size (type, &info->width, &info->height);
  g_hash_table_insert (self->types, type, info);
  return info;
}

static void
ensure_type_text (PwRender     *self,
                  PwDeviceType *type,
                  TypeInfo     *info)
{
  if (info->port_labels != NULL)
    return;

  info->type_name = pw_render_create_layout (self->pango, pw_catalogue_type_name (type->name),
                                             8.0, FALSE);
  pango_layout_set_width (info->type_name, (PW_RENDER_CARD_WIDTH - 34) * PANGO_SCALE);
  pango_layout_set_ellipsize (info->type_name, PANGO_ELLIPSIZE_END);

  info->port_labels = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < type->n_ports; i++)
    {
      PangoLayout *l = pw_render_create_layout (self->pango, type->ports[i].label, 8.5, FALSE);

      pango_layout_set_width (l, 78 * PANGO_SCALE);
      pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
      g_ptr_array_add (info->port_labels, l);
    }
}

/* The connector beside a port, short and in people's words: "6.35 TRS",
 * "XLR 3-pin", "TA3", "XLR/jack" (the family's name without " mm", or
 * what its name gives in brackets). */
static char *
family_tag (const PwFamily *family)
{
  const char *name = family->name != NULL ? family->name : family->id;
  const char *open = strchr (name, '(');
  g_autoptr(GString) tag = NULL;

  if (g_str_equal (family->id, "combo"))
    return g_strdup ("XLR/jack");
  if (open != NULL && strchr (open, ')') != NULL && !g_str_has_prefix (name, "TT"))
    return g_strndup (open + 1, strchr (open, ')') - open - 1);
  tag = g_string_new (name);
  g_string_replace (tag, " mm", "", 0);
  if (g_str_has_prefix (name, "TT"))
    g_string_assign (tag, "TT");
  return g_string_free (g_steal_pointer (&tag), FALSE);
}

static PangoLayout *
get_family_layout (PwRender       *self,
                   const PwFamily *family)
{
  PangoLayout *l = g_hash_table_lookup (self->family_tags, family);

  if (l == NULL)
    {
      g_autofree char *tag = family_tag (family);

      l = pw_render_create_layout (self->pango, tag, 6.5, FALSE);
      g_hash_table_insert (self->family_tags, (gpointer) family, l);
    }
  return l;
}

/* Link classes read without colour: the dash and this short label. */
const char *
pw_render_link_class_label (PwLinkClass klass)
{
  switch (klass)
    {
    case PW_LINK_BALANCED:
      return C_("link class", "BAL");
    case PW_LINK_UNBALANCED:
      return C_("link class", "UNBAL");
    case PW_LINK_UNBALANCED_STEREO:
      return C_("link class", "ST-UNBAL");
    case PW_LINK_BALANCED_STEREO:
      return C_("link class", "ST-BAL");
    case PW_LINK_SPEAKER:
      return C_("link class", "SPK");
    case PW_LINK_DIGITAL:
      return C_("link class", "DIG");
    case PW_LINK_BROKEN:
      return C_("link class", "BROKEN");
    case PW_LINK_OPEN:
    default:
      return C_("link class", "OPEN");
    }
}

/* The spatial index: a uniform grid of item lists. Devices are items
 * 0 … n_devices - 1, cables follow. */

static void
grid_clear (Grid *grid)
{
  if (grid->cells != NULL)
    {
      for (guint i = 0; i < grid->nx * grid->ny; i++)
        if (grid->cells[i] != NULL)
          g_array_unref (grid->cells[i]);
    }
  g_clear_pointer (&grid->cells, g_free);
  grid->nx = grid->ny = 0;
}

static void
grid_init (Grid         *grid,
           const PwRect *bounds,
           guint         n_items)
{
  double area = MAX (bounds->width, 1) * MAX (bounds->height, 1);
  double cell = MAX (256.0, sqrt (area / MAX (n_items, 1)) * 2);

  grid_clear (grid);
  while ((bounds->width / cell + 1) * (bounds->height / cell + 1) > GRID_MAX_CELLS)
    cell *= 2;
  grid->x0 = bounds->x;
  grid->y0 = bounds->y;
  grid->cell = cell;
  grid->nx = (guint) (bounds->width / cell) + 1;
  grid->ny = (guint) (bounds->height / cell) + 1;
  grid->cells = g_new0 (GArray *, grid->nx * grid->ny);
}

static gboolean
grid_range (const Grid   *grid,
            const PwRect *r,
            guint        *cx0,
            guint        *cy0,
            guint        *cx1,
            guint        *cy1)
{
  double fx0 = floor ((r->x - grid->x0) / grid->cell);
  double fy0 = floor ((r->y - grid->y0) / grid->cell);
  double fx1 = floor ((r->x + r->width - grid->x0) / grid->cell);
  double fy1 = floor ((r->y + r->height - grid->y0) / grid->cell);

  /* Beyond the grid, the border cells hold things: a dragged device may
   * leave the bounds the grid was laid out for. */
  if (grid->nx == 0)
    return FALSE;
  *cx0 = (guint) CLAMP (fx0, 0, grid->nx - 1);
  *cy0 = (guint) CLAMP (fy0, 0, grid->ny - 1);
  *cx1 = (guint) CLAMP (fx1, 0, grid->nx - 1);
  *cy1 = (guint) CLAMP (fy1, 0, grid->ny - 1);
  return TRUE;
}

static void
grid_insert (Grid         *grid,
             const PwRect *r,
             guint         item)
{
  guint cx0, cy0, cx1, cy1;

  if (!grid_range (grid, r, &cx0, &cy0, &cx1, &cy1))
    return;
  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        GArray **cell = &grid->cells[cy * grid->nx + cx];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, item);
      }
}

static gboolean
rects_intersect (const PwRect *a,
                 const PwRect *b)
{
  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
         a->y <= b->y + b->height && b->y <= a->y + a->height;
}

static void
rect_union (PwRect       *acc,
            const PwRect *r,
            gboolean     *empty)
{
  double x1, y1;

  if (*empty)
    {
      *acc = *r;
      *empty = FALSE;
      return;
    }
  x1 = MAX (acc->x + acc->width, r->x + r->width);
  y1 = MAX (acc->y + acc->height, r->y + r->height);
  acc->x = MIN (acc->x, r->x);
  acc->y = MIN (acc->y, r->y);
  acc->width = x1 - acc->x;
  acc->height = y1 - acc->y;
}

void
pw_render_query (PwRender     *self,
                 const PwRect *rect,
                 GArray       *devices,
                 GArray       *cables)
{
  guint n_devices = self->cards->len;
  guint cx0, cy0, cx1, cy1;

  g_return_if_fail (self != NULL && rect != NULL);

  if (!grid_range (&self->grid, rect, &cx0, &cy0, &cx1, &cy1))
    return;
  if (++self->stamp == 0)
    {
      memset (self->stamps, 0, sizeof (guint) * (n_devices + self->cable_info->len));
      self->stamp = 1;
    }

  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        GArray *cell = self->grid.cells[cy * self->grid.nx + cx];

        if (cell == NULL)
          continue;
        for (guint i = 0; i < cell->len; i++)
          {
            guint item = g_array_index (cell, guint, i);

            if (self->stamps[item] == self->stamp)
              continue;
            self->stamps[item] = self->stamp;
            if (item < n_devices)
              {
                if (devices != NULL &&
                    rects_intersect (rect, &g_array_index (self->cards, CardInfo, item).rect))
                  g_array_append_val (devices, item);
              }
            else
              {
                guint c = item - n_devices;

                if (cables != NULL &&
                    rects_intersect (rect, &g_array_index (self->cable_info, CableInfo, c).bbox))
                  g_array_append_val (cables, c);
              }
          }
      }
}

/* Geometry. */

void
pw_render_get_port_anchor (PwRender *self,
                           guint     device,
                           guint     port,
                           double   *x,
                           double   *y)
{
  CardInfo *card;
  PortSlot *slot;

  g_return_if_fail (self != NULL && device < self->cards->len);

  card = &g_array_index (self->cards, CardInfo, device);
  g_return_if_fail (port < card->type->n_ports);
  slot = &card->info->slots[port];
  *x = slot->side == PW_SIDE_LEFT ? card->rect.x : card->rect.x + card->rect.width;
  *y = card->rect.y + PW_RENDER_HEADER_HEIGHT + (slot->row + 0.5) * PW_RENDER_ROW_HEIGHT;
}

void
pw_render_get_card_rect (PwRender *self,
                         guint     device,
                         PwRect   *rect)
{
  g_return_if_fail (self != NULL && device < self->cards->len);
  *rect = g_array_index (self->cards, CardInfo, device).rect;
}

static double
port_direction (PwRender *self,
                PwPlug   *plug)
{
  CardInfo *card = &g_array_index (self->cards, CardInfo, plug->device->index);

  return card->info->slots[plug->port].side == PW_SIDE_LEFT ? -1.0 : 1.0;
}

static void
bezier_point (const Segment *s,
              double         t,
              double        *x,
              double        *y)
{
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;

  *x = a * s->p[0] + b * s->p[2] + c * s->p[4] + d * s->p[6];
  *y = a * s->p[1] + b * s->p[3] + c * s->p[5] + d * s->p[7];
}

static void
segment_from_anchor (Segment *seg,
                     double   x0,
                     double   y0,
                     double   dir0,
                     double   x1,
                     double   y1,
                     double   dir1)
{
  double dx = fabs (x1 - x0), dy = fabs (y1 - y0);
  double reach = CLAMP (dx * 0.45, 36.0, 220.0);

  /* A cable that runs backwards (a return, an insert loop) swings wide
   * enough to read as a loop rather than a line through the cards. */
  if ((x1 - x0) * dir0 < 0)
    reach = MAX (reach, 60.0 + MIN (dy, 400.0) * 0.3);

  seg->p[0] = x0;
  seg->p[1] = y0;
  seg->p[2] = x0 + dir0 * reach;
  seg->p[3] = y0;
  seg->p[4] = x1 + dir1 * reach;
  seg->p[5] = y1;
  seg->p[6] = x1;
  seg->p[7] = y1;
}

/* Labels of neighbouring cables (a stereo pair, a bundle into one desk)
 * would sit on each other at the middle of their curves: each takes the
 * first point along its curve whose label box is free. */
static gint64
label_cell_key (gint64 cx,
                gint64 cy)
{
  /* Unsigned: cells left of or above the origin have negative numbers. */
  return (gint64) (((guint64) cy << 32) | ((guint64) cx & 0xffffffff));
}

static void
grid_remove (Grid         *grid,
             const PwRect *r,
             guint         item)
{
  guint cx0, cy0, cx1, cy1;

  if (!grid_range (grid, r, &cx0, &cy0, &cx1, &cy1))
    return;
  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        GArray *cell = grid->cells[cy * grid->nx + cx];

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          if (g_array_index (cell, guint, i) == item)
            {
              g_array_remove_index_fast (cell, i);
              break;
            }
      }
}

static gboolean
label_free (PwRender *self,
            double    x,
            double    y)
{
  gint64 cx = (gint64) floor (x / LABEL_MAX_WIDTH), cy = (gint64) floor (y / LABEL_HEIGHT);

  for (gint64 j = cy - 1; j <= cy + 1; j++)
    for (gint64 i = cx - 1; i <= cx + 1; i++)
      {
        gint64 key = label_cell_key (i, j);
        GArray *cell = g_hash_table_lookup (self->label_cells, &key);

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          {
            PwRect *r = &g_array_index (cell, PwRect, k);

            if (fabs (r->x - x) < LABEL_MAX_WIDTH * 0.8 && fabs (r->y - y) < LABEL_HEIGHT + 2)
              return FALSE;
          }
      }
  return TRUE;
}

static void record_label (PwRender *self,
                          double    x,
                          double    y);

static void
place_label (PwRender      *self,
             const Segment *seg,
             CableInfo     *info)
{
  static const double ts[] = { 0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8 };

  bezier_point (seg, 0.5, &info->ax, &info->ay);
  for (guint i = 0; i < G_N_ELEMENTS (ts); i++)
    {
      double x, y;

      bezier_point (seg, ts[i], &x, &y);
      if (label_free (self, x, y))
        {
          info->ax = x;
          info->ay = y;
          break;
        }
    }
  record_label (self, info->ax, info->ay);
}

static void
record_label (PwRender *self,
              double    x,
              double    y)
{
  PwRect r = { x, y, 0, 0 };

  {
    gint64 key = label_cell_key ((gint64) floor (r.x / LABEL_MAX_WIDTH),
                                 (gint64) floor (r.y / LABEL_HEIGHT));
    GArray *cell = g_hash_table_lookup (self->label_cells, &key);

    if (cell == NULL)
      {
        cell = g_array_new (FALSE, FALSE, sizeof (PwRect));
        g_hash_table_insert (self->label_cells, g_memdup2 (&key, sizeof key), cell);
      }
    g_array_append_val (cell, r);
  }
}

static void
forget_label (PwRender *self,
              double    x,
              double    y)
{
  gint64 key = label_cell_key ((gint64) floor (x / LABEL_MAX_WIDTH),
                               (gint64) floor (y / LABEL_HEIGHT));
  GArray *cell = g_hash_table_lookup (self->label_cells, &key);

  for (guint k = 0; cell != NULL && k < cell->len; k++)
    if (g_array_index (cell, PwRect, k).x == x && g_array_index (cell, PwRect, k).y == y)
      {
        g_array_remove_index_fast (cell, k);
        return;
      }
}

static void
update_cable (PwRender  *self,
              guint      index,
              CableInfo *info)
{
  PwCable *cable = pw_document_get_cable (self->document, index);
  guint n_ends = cable->type->n_ends;
  int from = -1;
  guint n_plugged = 0;
  double hx = 0, hy = 0;
  gboolean empty = TRUE;

  info->first_segment = self->segments->len;
  info->n_segments = 0;
  info->n_free = 0;
  info->has_anchor = FALSE;

  for (guint e = 0; e < n_ends; e++)
    {
      PwPlug *plug = &cable->ends[e];
      double ax, ay;

      if (plug->device == NULL)
        continue;
      pw_render_get_port_anchor (self, plug->device->index, plug->port, &ax, &ay);
      hx += ax;
      hy += ay;
      n_plugged++;
      if (from < 0 && port_direction (self, plug) > 0)
        from = e;
    }

  if (n_plugged == 0)
    return;
  hx /= n_plugged;
  hy /= n_plugged;

  if (n_ends == 2 && n_plugged == 2)
    {
      Segment seg;
      guint f = from < 0 ? 0 : (guint) from, t = 1 - f;
      double x0, y0, x1, y1;

      pw_render_get_port_anchor (self, cable->ends[f].device->index, cable->ends[f].port, &x0, &y0);
      pw_render_get_port_anchor (self, cable->ends[t].device->index, cable->ends[t].port, &x1, &y1);
      segment_from_anchor (&seg, x0, y0, port_direction (self, &cable->ends[f]),
                           x1, y1, port_direction (self, &cable->ends[t]));
      g_array_append_val (self->segments, seg);
      place_label (self, &seg, info);
    }
  else if (n_plugged == 1)
    {
      /* One end plugged: a stub to each free end, ending in an open ring,
       * fanned out one above the other. */
      guint n_free = n_ends - 1, k = 0;
      double d = 1;

      for (guint e = 0; e < n_ends; e++)
        if (cable->ends[e].device != NULL)
          d = port_direction (self, &cable->ends[e]);
      for (guint e = 0; e < n_ends; e++)
        if (cable->ends[e].device == NULL)
          {
            Segment seg;
            double fy = hy + (k++ - (n_free - 1) / 2.0) * FREE_END_SPACING;

            segment_from_anchor (&seg, hx, hy, d, hx + d * STUB_LENGTH, fy, -d);
            g_array_append_val (self->segments, seg);
          }
      info->n_free = n_free;
      info->ax = hx + d * (STUB_LENGTH + LABEL_MAX_WIDTH / 2 + 6);
      info->ay = hy;
      for (guint k2 = 0; k2 < 4 && !label_free (self, info->ax, info->ay); k2++)
        info->ay += LABEL_HEIGHT + 4;
      record_label (self, info->ax, info->ay);
    }
  else
    {
      /* Several ends: each runs to a hub between them; free ends hang
       * from the hub. */
      double spread = 0;
      guint n_free = n_ends - n_plugged, k = 0;

      for (guint e = 0; e < n_ends; e++)
        if (cable->ends[e].device != NULL)
          {
            double ax, ay;

            pw_render_get_port_anchor (self, cable->ends[e].device->index, cable->ends[e].port,
                                       &ax, &ay);
            spread = MAX (spread, fabs (ax - hx));
          }
      if (spread < 80)
        hx += 100;
      for (guint e = 0; e < n_ends; e++)
        if (cable->ends[e].device != NULL)
          {
            Segment seg;
            double ax, ay, d = port_direction (self, &cable->ends[e]);

            pw_render_get_port_anchor (self, cable->ends[e].device->index, cable->ends[e].port,
                                       &ax, &ay);
            segment_from_anchor (&seg, ax, ay, d, hx, hy, ax < hx ? -1 : 1);
            g_array_append_val (self->segments, seg);
          }
      for (guint e = 0; e < n_ends; e++)
        if (cable->ends[e].device == NULL)
          {
            /* Straight down from the hub, clear of its label. */
            double fx = hx + (k++ - (n_free - 1) / 2.0) * 2 * FREE_END_SPACING;
            double fy = hy + LABEL_HEIGHT / 2 + FREE_END_SPACING;
            Segment seg = { { hx, hy, hx, hy, fx, fy, fx, fy } };

            g_array_append_val (self->segments, seg);
          }
      info->n_free = n_free;
      info->ax = hx;
      info->ay = hy;
    }

  info->n_segments = self->segments->len - info->first_segment;
  info->has_anchor = TRUE;
  for (guint s = 0; s < info->n_segments; s++)
    {
      Segment *seg = &g_array_index (self->segments, Segment, info->first_segment + s);
      double minx = MIN (MIN (seg->p[0], seg->p[2]), MIN (seg->p[4], seg->p[6]));
      double maxx = MAX (MAX (seg->p[0], seg->p[2]), MAX (seg->p[4], seg->p[6]));
      double miny = MIN (MIN (seg->p[1], seg->p[3]), MIN (seg->p[5], seg->p[7]));
      double maxy = MAX (MAX (seg->p[1], seg->p[3]), MAX (seg->p[5], seg->p[7]));
      PwRect r = { minx - 4, miny - 4, maxx - minx + 8, maxy - miny + 8 };

      rect_union (&info->bbox, &r, &empty);
    }
  {
    PwRect label = { info->ax - LABEL_MAX_WIDTH / 2 - 14, info->ay - LABEL_HEIGHT / 2 - 2,
                     LABEL_MAX_WIDTH + 28, LABEL_HEIGHT + 4 };

    rect_union (&info->bbox, &label, &empty);
  }
}

static void
collect_findings (PwRender *self)
{
  PwAnalysis *analysis = self->analysis;

  g_hash_table_remove_all (self->port_worst);
  for (guint i = 0; i < pw_analysis_get_n_findings (analysis); i++)
    {
      const PwFinding *f = pw_analysis_get_finding (analysis, i);
      guint8 level = (guint8) f->severity + 1;

      if (f->suppressed)
        continue;
      if (f->device >= 0 && (guint) f->device < self->cards->len)
        {
          CardInfo *card = &g_array_index (self->cards, CardInfo, f->device);
          gpointer key = GUINT_TO_POINTER (((guint) f->device << 10 | (guint) (f->port & 0x3ff)) + 1);
          guint8 old = (guint8) GPOINTER_TO_UINT (g_hash_table_lookup (self->port_worst, key));

          card->worst = MAX (card->worst, level);
          card->n_findings++;
          if (f->port >= 0 && level > old)
            g_hash_table_insert (self->port_worst, key, GUINT_TO_POINTER (level));
        }
      if (f->cable >= 0 && (guint) f->cable < self->cable_info->len)
        {
          CableInfo *ci = &g_array_index (self->cable_info, CableInfo, f->cable);

          ci->worst = MAX (ci->worst, level);
          ci->n_findings++;
        }
    }
}

/* Tiles (pw-tiles.c) tell a re-rendered plan by this number. */
static gsize generation_counter;

guint64
pw_render_get_generation (PwRender *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->generation;
}

void
pw_render_update (PwRender   *self,
                  PwAnalysis *analysis)
{
  guint n_devices, n_cables;
  gboolean empty = TRUE;
  PwRect bounds = { 0 };

  g_return_if_fail (self != NULL);

  self->generation = g_atomic_pointer_add (&generation_counter, 1) + 1;
  g_clear_pointer (&self->overview, cairo_surface_destroy);
  g_clear_pointer (&self->hidden, g_free);
  if (analysis != NULL && analysis != self->analysis)
    {
      g_clear_pointer (&self->own_analysis, pw_analysis_free);
      self->analysis = analysis;
    }
  else if (analysis == NULL && self->own_analysis != NULL)
    {
      /* Our own check: re-run it, the document may have changed. */
      pw_analysis_free (self->own_analysis);
      self->analysis = self->own_analysis = pw_analysis_new (self->document);
    }

  n_devices = pw_document_get_n_devices (self->document);
  n_cables = pw_document_get_n_cables (self->document);

  /* Devices: keep the name layouts of those whose name did not change. */
  for (guint i = n_devices; i < self->cards->len; i++)
    {
      CardInfo *card = &g_array_index (self->cards, CardInfo, i);

      g_clear_object (&card->name);
      g_clear_pointer (&card->name_text, g_free);
    }
  g_array_set_size (self->cards, n_devices);
  for (guint i = 0; i < n_devices; i++)
    {
      PwDevice *d = pw_document_get_device (self->document, i);
      CardInfo *card = &g_array_index (self->cards, CardInfo, i);
      const char *name = d->name ? d->name : d->id;

      card->type = d->type;
      card->info = get_type_info (self, d->type);
      card->rect.x = d->x;
      card->rect.y = d->y;
      card->rect.width = card->info->width;
      card->rect.height = card->info->height;
      card->worst = 0;
      card->n_findings = 0;
      if (g_strcmp0 (card->name_text, name) != 0)
        {
          g_clear_object (&card->name);
          g_free (card->name_text);
          card->name_text = g_strdup (name);
        }
      {
        PwRect r = { card->rect.x - GLYPH_SIZE, card->rect.y - 10,
                     card->rect.width + 2 * GLYPH_SIZE, card->rect.height + 10 };

        rect_union (&bounds, &r, &empty);
      }
    }

  for (guint i = n_cables; i < self->cable_info->len; i++)
    {
      CableInfo *ci = &g_array_index (self->cable_info, CableInfo, i);

      g_clear_object (&ci->label);
      g_clear_pointer (&ci->label_text, g_free);
    }
  g_array_set_size (self->cable_info, n_cables);
  g_array_set_size (self->segments, 0);
  g_hash_table_remove_all (self->label_cells);
  for (guint i = 0; i < n_cables; i++)
    {
      CableInfo *ci = &g_array_index (self->cable_info, CableInfo, i);

      ci->worst = 0;
      ci->n_findings = 0;
      memset (&ci->bbox, 0, sizeof ci->bbox);
      update_cable (self, i, ci);
      if (ci->has_anchor)
        rect_union (&bounds, &ci->bbox, &empty);
    }

  collect_findings (self);

  self->bounds = bounds;
  grid_init (&self->grid, &bounds, n_devices + n_cables);
  for (guint i = 0; i < n_devices; i++)
    grid_insert (&self->grid, &g_array_index (self->cards, CardInfo, i).rect, i);
  for (guint i = 0; i < n_cables; i++)
    {
      CableInfo *ci = &g_array_index (self->cable_info, CableInfo, i);

      if (ci->has_anchor)
        grid_insert (&self->grid, &ci->bbox, n_devices + i);
    }
  g_free (self->stamps);
  self->stamps = g_new0 (guint, n_devices + n_cables + 1);
  self->stamp = 0;
}

/* Port glyphs on a raster target: drawn once per connector, gender, palette
 * and zoom into a small image, then stamped at the nearest device pixel.
 * A card holds dozens of them and each is several paths; a stamp is one
 * copy. Vector targets (PDF, SVG) always get the paths. */
typedef struct
{
  const PwFamily  *family;
  const PwPalette *palette;
  double           scale;
  PwGender         gender;
} StampKey;

static guint
stamp_key_hash (gconstpointer data)
{
  const StampKey *k = data;

  return g_direct_hash (k->family) ^ (g_direct_hash (k->palette) << 1) ^
         (guint) (k->scale * 4096) ^ ((guint) k->gender << 24);
}

static gboolean
stamp_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const StampKey *x = a, *y = b;

  return x->family == y->family && x->palette == y->palette && x->scale == y->scale &&
         x->gender == y->gender;
}

static void
card_info_clear (gpointer data)
{
  CardInfo *card = data;

  g_clear_object (&card->name);
  g_clear_pointer (&card->name_text, g_free);
}

static void
cable_info_clear (gpointer data)
{
  CableInfo *ci = data;

  g_clear_object (&ci->label);
  g_clear_pointer (&ci->label_text, g_free);
}

PwRender *
pw_render_new (PwDocument *document,
               PwAnalysis *analysis)
{
  PwRender *self;

  g_return_val_if_fail (PW_IS_DOCUMENT (document), NULL);

  self = g_new0 (PwRender, 1);
  self->document = g_object_ref (document);
  if (analysis == NULL)
    self->own_analysis = pw_analysis_new (document);
  self->analysis = analysis ? analysis : self->own_analysis;
  self->pango = pw_render_create_pango_context ();
  self->types = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) type_info_free);
  self->family_tags = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->port_worst = g_hash_table_new (NULL, NULL);
  self->stamps_cache = g_hash_table_new_full (stamp_key_hash, stamp_key_equal, g_free,
                                              (GDestroyNotify) cairo_surface_destroy);
  self->cards = g_array_new (FALSE, TRUE, sizeof (CardInfo));
  g_array_set_clear_func (self->cards, card_info_clear);
  self->cable_info = g_array_new (FALSE, TRUE, sizeof (CableInfo));
  g_array_set_clear_func (self->cable_info, cable_info_clear);
  self->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  self->label_cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
  /* The analysis we were given is current; do not re-run our own. */
  pw_render_update (self, self->analysis == self->own_analysis ? NULL : self->analysis);
  return self;
}

void
pw_render_free (PwRender *self)
{
  if (self == NULL)
    return;
  grid_clear (&self->grid);
  g_clear_pointer (&self->overview, cairo_surface_destroy);
  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->cable_info, g_array_unref);
  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->label_cells, g_hash_table_unref);
  g_clear_pointer (&self->types, g_hash_table_unref);
  g_clear_pointer (&self->family_tags, g_hash_table_unref);
  g_clear_pointer (&self->port_worst, g_hash_table_unref);
  g_clear_pointer (&self->stamps_cache, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_free);
  g_clear_pointer (&self->legend_layouts, g_hash_table_unref);
  g_clear_pointer (&self->own_analysis, pw_analysis_free);
  g_clear_pointer (&self->stamps, g_free);
  g_clear_object (&self->pango);
  g_clear_object (&self->document);
  g_free (self);
}

PwAnalysis *
pw_render_get_analysis (PwRender *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->analysis;
}

PwDocument *
pw_render_get_document (PwRender *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->document;
}

PangoContext *
pw_render_get_pango_context (PwRender *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->pango;
}

void
pw_render_get_bounds (PwRender *self,
                      PwRect   *bounds)
{
  g_return_if_fail (self != NULL && bounds != NULL);
  *bounds = self->bounds;
}

gboolean
pw_render_get_cable_anchor (PwRender *self,
                            guint     cable,
                            double   *x,
                            double   *y)
{
  CableInfo *ci;

  g_return_val_if_fail (self != NULL && cable < self->cable_info->len, FALSE);
  ci = &g_array_index (self->cable_info, CableInfo, cable);
  if (!ci->has_anchor)
    return FALSE;
  *x = ci->ax;
  *y = ci->ay;
  return TRUE;
}

/* Hit testing. */

static double
segment_distance (const Segment *seg,
                  double         x,
                  double         y)
{
  double best = G_MAXDOUBLE, px = seg->p[0], py = seg->p[1];

  for (guint i = 1; i <= 24; i++)
    {
      double qx, qy, dx, dy, len2, t, cx, cy;

      bezier_point (seg, i / 24.0, &qx, &qy);
      dx = qx - px;
      dy = qy - py;
      len2 = dx * dx + dy * dy;
      t = len2 > 0 ? CLAMP (((x - px) * dx + (y - py) * dy) / len2, 0, 1) : 0;
      cx = px + t * dx - x;
      cy = py + t * dy - y;
      best = MIN (best, cx * cx + cy * cy);
      px = qx;
      py = qy;
    }
  return sqrt (best);
}

static void
cable_label_rect (CableInfo *ci,
                  PwRect    *r)
{
  double w = ci->label_w > 0 ? ci->label_w : LABEL_MAX_WIDTH * 0.6;
  double h = ci->label_h > 0 ? ci->label_h : LABEL_HEIGHT;

  r->x = ci->ax - w / 2;
  r->y = ci->ay - h / 2;
  r->width = w;
  r->height = h;
}

void
pw_render_cable_path (PwRender *self,
                      cairo_t  *cr,
                      guint     cable)
{
  CableInfo *ci;

  g_return_if_fail (self != NULL && cable < self->cable_info->len);
  ci = &g_array_index (self->cable_info, CableInfo, cable);
  for (guint s = 0; s < ci->n_segments; s++)
    {
      Segment *seg = &g_array_index (self->segments, Segment, ci->first_segment + s);

      cairo_move_to (cr, seg->p[0], seg->p[1]);
      cairo_curve_to (cr, seg->p[2], seg->p[3], seg->p[4], seg->p[5], seg->p[6], seg->p[7]);
    }
}

gboolean
pw_render_get_free_end (PwRender *self,
                        guint     cable,
                        guint     end,
                        double   *x,
                        double   *y)
{
  CableInfo *ci;
  PwCable *c;
  guint s;

  g_return_val_if_fail (self != NULL && cable < self->cable_info->len, FALSE);
  ci = &g_array_index (self->cable_info, CableInfo, cable);
  c = pw_document_get_cable (self->document, cable);
  if (end >= c->type->n_ends || c->ends[end].device != NULL || ci->n_free == 0)
    return FALSE;
  s = ci->first_segment + ci->n_segments - ci->n_free;
  for (guint e = 0; e < end; e++)
    s += c->ends[e].device == NULL;
  *x = g_array_index (self->segments, Segment, s).p[6];
  *y = g_array_index (self->segments, Segment, s).p[7];
  return TRUE;
}

PwHitKind
pw_render_hit_test (PwRender *self,
                    double    x,
                    double    y,
                    double    tolerance,
                    PwHit    *hit)
{
  g_autoptr(GArray) devices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cables = g_array_new (FALSE, FALSE, sizeof (guint));
  PwRect near = { x - tolerance - GLYPH_SIZE, y - tolerance - GLYPH_SIZE,
                  2 * (tolerance + GLYPH_SIZE), 2 * (tolerance + GLYPH_SIZE) };
  double best = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL && hit != NULL, PW_HIT_NONE);

  hit->kind = PW_HIT_NONE;
  hit->device = hit->port = hit->cable = hit->end = -1;
  pw_render_query (self, &near, devices, cables);

  /* Ports first: their glyphs straddle the card edge. The last card drawn
   * is on top, so search from the end. */
  for (guint i = devices->len; i-- > 0;)
    {
      guint d = g_array_index (devices, guint, i);
      CardInfo *card = &g_array_index (self->cards, CardInfo, d);

      for (guint p = 0; p < card->type->n_ports; p++)
        {
          double ax, ay;

          pw_render_get_port_anchor (self, d, p, &ax, &ay);
          if (fabs (ax - x) <= GLYPH_SIZE / 2 + tolerance &&
              fabs (ay - y) <= PW_RENDER_ROW_HEIGHT / 2)
            {
              hit->kind = PW_HIT_PORT;
              hit->device = d;
              hit->port = p;
              return hit->kind;
            }
        }
    }
  /* Free ends hang beside the cards, a handle to grab: next. */
  for (guint i = 0; i < cables->len; i++)
    {
      guint c = g_array_index (cables, guint, i);
      PwCable *cable = pw_document_get_cable (self->document, c);

      if (g_array_index (self->cable_info, CableInfo, c).n_free == 0)
        continue;
      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          double fx, fy;

          if (pw_render_get_free_end (self, c, e, &fx, &fy) &&
              hypot (fx - x, fy - y) <= FREE_END_RADIUS + 2 + tolerance)
            {
              hit->kind = PW_HIT_CABLE_END;
              hit->cable = c;
              hit->end = e;
              return hit->kind;
            }
        }
    }
  /* Cable labels are drawn over the cards: they come next. */
  for (guint i = 0; i < cables->len; i++)
    {
      guint c = g_array_index (cables, guint, i);
      PwRect label;

      cable_label_rect (&g_array_index (self->cable_info, CableInfo, c), &label);
      if (x >= label.x && x <= label.x + label.width && y >= label.y && y <= label.y + label.height)
        {
          hit->kind = PW_HIT_CABLE;
          hit->cable = c;
          return hit->kind;
        }
    }
  for (guint i = devices->len; i-- > 0;)
    {
      guint d = g_array_index (devices, guint, i);
      PwRect *r = &g_array_index (self->cards, CardInfo, d).rect;

      if (x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height)
        {
          hit->kind = PW_HIT_DEVICE;
          hit->device = d;
          return hit->kind;
        }
    }
  for (guint i = 0; i < cables->len; i++)
    {
      guint c = g_array_index (cables, guint, i);
      CableInfo *ci = &g_array_index (self->cable_info, CableInfo, c);
      PwRect label;

      cable_label_rect (ci, &label);
      if (x >= label.x && x <= label.x + label.width && y >= label.y && y <= label.y + label.height)
        {
          best = 0;
          hit->cable = c;
          break;
        }
      for (guint s = 0; s < ci->n_segments; s++)
        {
          double dist = segment_distance (&g_array_index (self->segments, Segment,
                                                          ci->first_segment + s), x, y);

          if (dist <= tolerance && dist < best)
            {
              best = dist;
              hit->cable = c;
            }
        }
    }
  if (hit->cable >= 0)
    hit->kind = PW_HIT_CABLE;
  return hit->kind;
}

/* Drawing. */

void
pw_render_draw_grid (cairo_t         *cr,
                     const PwPalette *palette,
                     double           view_x,
                     double           view_y,
                     double           zoom,
                     double           grid,
                     double           width,
                     double           height)
{
  double step = grid * zoom;
  double x0, y0;

  g_return_if_fail (grid > 0 && zoom > 0);

  /* Too fine to help at this zoom: every fifth dot only. */
  while (step < 12)
    step *= 5;
  x0 = fmod (-view_x * zoom, step);
  y0 = fmod (-view_y * zoom, step);
  if (x0 < 0)
    x0 += step;
  if (y0 < 0)
    y0 += step;

  pw_palette_set_source (cr, &palette->grid);
  for (double x = x0; x < width; x += step)
    for (double y = y0; y < height; y += step)
      cairo_rectangle (cr, floor (x), floor (y), 1.5, 1.5);
  cairo_fill (cr);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Badges differ in shape, not only in colour: an octagon with a cross for
 * an error, a triangle with an exclamation mark for a warning, a circle
 * with an "i" for information. */
void
pw_render_draw_badge (cairo_t         *cr,
                      const PwPalette *palette,
                      PwSeverity       severity,
                      double           cx,
                      double           cy,
                      double           size)
{
  double r = size / 2;
  PwColor mark = { 1, 1, 1, 1 };

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_new_path (cr);
  switch (severity)
    {
    case PW_SEVERITY_ERROR:
      for (guint i = 0; i < 8; i++)
        {
          double a = G_PI / 8 + i * G_PI / 4;

          cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
        }
      cairo_close_path (cr);
      break;
    case PW_SEVERITY_WARNING:
      cairo_move_to (cr, cx, cy - r * 1.05);
      cairo_line_to (cr, cx + r * 1.1, cy + r * 0.85);
      cairo_line_to (cr, cx - r * 1.1, cy + r * 0.85);
      cairo_close_path (cr);
      mark = (PwColor) { 0.1, 0.1, 0.1, 1 };
      break;
    case PW_SEVERITY_INFO:
    default:
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      break;
    }
  pw_palette_set_source (cr, pw_palette_severity_color (palette, severity));
  cairo_fill_preserve (cr);
  pw_palette_set_source (cr, &palette->background);
  cairo_set_line_width (cr, size * 0.08);
  cairo_stroke (cr);

  pw_palette_set_source (cr, &mark);
  cairo_set_line_width (cr, size * 0.14);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (severity)
    {
    case PW_SEVERITY_ERROR:
      cairo_move_to (cr, cx - r * 0.4, cy - r * 0.4);
      cairo_line_to (cr, cx + r * 0.4, cy + r * 0.4);
      cairo_move_to (cr, cx + r * 0.4, cy - r * 0.4);
      cairo_line_to (cr, cx - r * 0.4, cy + r * 0.4);
      cairo_stroke (cr);
      break;
    case PW_SEVERITY_WARNING:
      cairo_move_to (cr, cx, cy - r * 0.4);
      cairo_line_to (cr, cx, cy + r * 0.2);
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy + r * 0.55, size * 0.07, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case PW_SEVERITY_INFO:
    default:
      cairo_move_to (cr, cx, cy - r * 0.05);
      cairo_line_to (cr, cx, cy + r * 0.5);
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy - r * 0.45, size * 0.07, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    }
  cairo_restore (cr);
}

static void
pin_dots (cairo_t *cr,
          double   cx,
          double   cy,
          double   radius,
          guint    n,
          double   start,
          double   sweep,
          double   dot,
          gboolean filled)
{
  for (guint i = 0; i < n; i++)
    {
      double a = start + (n > 1 ? sweep * i / (n - 1) : 0);

      cairo_new_sub_path (cr);
      cairo_arc (cr, cx + radius * cos (a), cy + radius * sin (a), dot, 0, 2 * G_PI);
    }
  /* The dots never overlap: one fill or stroke for all is the same picture. */
  if (filled)
    cairo_fill (cr);
  else
    cairo_stroke (cr);
}

/* A small picture of the connector family, drawn from paths so that it
 * needs no font: XLR and DIN pins in a circle, a jack plug with its rings,
 * RCA and BNC as concentric rings, speakON with its key, binding posts as
 * a pair, TOSLINK as its D shape, USB and RJ45 as their outlines. Plugs
 * (male) are filled, sockets hollow. */
void
pw_render_draw_glyph (cairo_t         *cr,
                      const PwPalette *palette,
                      const PwFamily  *family,
                      PwGender         gender,
                      double           cx,
                      double           cy,
                      double           size)
{
  const char *id = family ? family->id : "";
  gboolean male = gender == PW_GENDER_MALE;
  double r = size / 2;
  double lw = MAX (size * 0.09, 0.5);

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_width (cr, lw);
  cairo_new_path (cr);

  /* The body: a disc of the card's colour so that the cable line stops at it. */
  pw_palette_set_source (cr, &palette->card);
  if (g_str_has_prefix (id, "trs") || g_str_has_prefix (id, "ts-") || g_str_has_prefix (id, "trrs") ||
      g_str_has_prefix (id, "pentaconn") || g_str_equal (id, "tt") || g_str_has_prefix (id, "usb") ||
      g_str_equal (id, "rj45") || g_str_equal (id, "toslink") || g_str_equal (id, "binding-post"))
    cairo_rectangle (cr, cx - r, cy - r * 0.75, size, size * 0.75);
  else
    cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_fill (cr);
  pw_palette_set_source (cr, &palette->foreground);

  if (g_str_has_prefix (id, "xlr") || g_str_equal (id, "combo") || g_str_has_prefix (id, "ta"))
    {
      guint n = family->n_contacts;

      if (g_str_equal (id, "combo"))
        n = 3;
      /* Mini-XLR: the same face, smaller, with a flat on the shell. */
      if (g_str_has_prefix (id, "ta"))
        {
          r *= 0.8;
          cairo_move_to (cr, cx - r * 0.6, cy + r * 0.8);
          cairo_line_to (cr, cx + r * 0.6, cy + r * 0.8);
          cairo_stroke (cr);
        }
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      pin_dots (cr, cx, cy, r * 0.5, n, -G_PI / 2 - G_PI / n, 2 * G_PI * (n - 1) / n,
                size * 0.09, male);
      if (g_str_equal (id, "combo"))
        {
          cairo_arc (cr, cx, cy, r * 0.22, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
    }
  else if (g_str_equal (id, "din5"))
    {
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      pin_dots (cr, cx, cy, r * 0.55, 5, G_PI, G_PI, size * 0.07, male);
      cairo_rectangle (cr, cx - size * 0.06, cy + r * 0.6, size * 0.12, r * 0.4);
      cairo_fill (cr);
    }
  else if (g_str_has_prefix (id, "trs") || g_str_has_prefix (id, "ts-") ||
           g_str_has_prefix (id, "trrs") || g_str_has_prefix (id, "pentaconn") ||
           g_str_equal (id, "tt"))
    {
      /* A jack plug lying on its side: sleeve, rings, tip. */
      guint n = family->n_contacts;
      double x0 = cx - r, x1 = cx + r * 0.7, h = size * 0.36;

      cairo_rectangle (cr, x0, cy - h / 2, x1 - x0, h);
      if (male)
        cairo_fill_preserve (cr);
      cairo_stroke (cr);
      cairo_move_to (cr, x1, cy - h / 2);
      cairo_line_to (cr, cx + r, cy);
      cairo_line_to (cr, x1, cy + h / 2);
      cairo_close_path (cr);
      if (male)
        cairo_fill_preserve (cr);
      cairo_stroke (cr);
      pw_palette_set_source (cr, male ? &palette->card : &palette->foreground);
      for (guint i = 1; i < n; i++)
        {
          double x = x1 - (x1 - x0) * i / n;

          cairo_move_to (cr, x, cy - h / 2 - size * 0.08);
          cairo_line_to (cr, x, cy + h / 2 + size * 0.08);
        }
      cairo_stroke (cr);
    }
  else if (g_str_equal (id, "rca") || g_str_equal (id, "bnc"))
    {
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy, r * 0.28, 0, 2 * G_PI);
      if (male)
        cairo_fill (cr);
      else
        cairo_stroke (cr);
      if (g_str_equal (id, "bnc"))
        {
          cairo_rectangle (cr, cx - r - size * 0.1, cy - size * 0.07, size * 0.2, size * 0.14);
          cairo_rectangle (cr, cx + r - size * 0.1, cy - size * 0.07, size * 0.2, size * 0.14);
          cairo_fill (cr);
        }
    }
  else if (g_str_has_prefix (id, "speakon"))
    {
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy, r * 0.45, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_rectangle (cr, cx - size * 0.08, cy - r - size * 0.12, size * 0.16, size * 0.3);
      cairo_fill (cr);
      if (male)
        {
          cairo_arc (cr, cx, cy, r * 0.45, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  else if (g_str_equal (id, "binding-post"))
    {
      cairo_arc (cr, cx - r * 0.5, cy, r * 0.42, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_arc (cr, cx + r * 0.5, cy, r * 0.42, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else if (g_str_equal (id, "toslink"))
    {
      cairo_move_to (cr, cx - r, cy + r * 0.7);
      cairo_line_to (cr, cx - r, cy - r * 0.2);
      cairo_line_to (cr, cx - r * 0.5, cy - r * 0.7);
      cairo_line_to (cr, cx + r * 0.5, cy - r * 0.7);
      cairo_line_to (cr, cx + r, cy - r * 0.2);
      cairo_line_to (cr, cx + r, cy + r * 0.7);
      cairo_close_path (cr);
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy, r * 0.22, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else if (g_str_equal (id, "db25"))
    {
      /* The D-shaped shell with two rows of pins. */
      cairo_move_to (cr, cx - r, cy - r * 0.5);
      cairo_line_to (cr, cx + r, cy - r * 0.5);
      cairo_line_to (cr, cx + r * 0.8, cy + r * 0.5);
      cairo_line_to (cr, cx - r * 0.8, cy + r * 0.5);
      cairo_close_path (cr);
      cairo_stroke (cr);
      for (guint i = 0; i < 5; i++)
        cairo_arc (cr, cx - r * 0.64 + r * 0.32 * i, cy - r * 0.18, size * 0.045, 0, 2 * G_PI);
      cairo_fill (cr);
      for (guint i = 0; i < 4; i++)
        cairo_arc (cr, cx - r * 0.48 + r * 0.32 * i, cy + r * 0.2, size * 0.045, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else if (g_str_equal (id, "ethercon"))
    {
      /* An RJ45 outline inside a round XLR-size shell. */
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_rectangle (cr, cx - r * 0.55, cy - r * 0.3, r * 1.1, r * 0.6);
      cairo_stroke (cr);
      cairo_rectangle (cr, cx - r * 0.2, cy + r * 0.3, r * 0.4, r * 0.2);
      cairo_fill (cr);
    }
  else if (g_str_has_prefix (id, "usb") || g_str_equal (id, "rj45"))
    {
      if (g_str_equal (id, "usb-c"))
        rounded_rect (cr, cx - r, cy - r * 0.4, size, r * 0.8, r * 0.4);
      else if (g_str_equal (id, "usb-b"))
        {
          cairo_move_to (cr, cx - r * 0.7, cy + r * 0.7);
          cairo_line_to (cr, cx - r * 0.7, cy - r * 0.3);
          cairo_line_to (cr, cx - r * 0.3, cy - r * 0.7);
          cairo_line_to (cr, cx + r * 0.3, cy - r * 0.7);
          cairo_line_to (cr, cx + r * 0.7, cy - r * 0.3);
          cairo_line_to (cr, cx + r * 0.7, cy + r * 0.7);
          cairo_close_path (cr);
        }
      else
        cairo_rectangle (cr, cx - r, cy - r * 0.45, size, r * 0.9);
      cairo_stroke (cr);
      if (g_str_equal (id, "rj45"))
        cairo_rectangle (cr, cx - r * 0.3, cy + r * 0.45, r * 0.6, r * 0.35);
      else
        cairo_rectangle (cr, cx - r * 0.6, cy - r * 0.15, r * 1.2, r * 0.3);
      cairo_fill (cr);
    }
  else
    {
      cairo_arc (cr, cx, cy, r * 0.6, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Free ends: a hollow ring where the plug hangs, tagged with the end's
 * label (L, R, Send …) where the cable type gives one. */
static void
draw_free_ends (PwRender        *self,
                cairo_t         *cr,
                const PwPalette *palette,
                guint            index,
                PwLinkClass      klass,
                double           scale)
{
  CableInfo *ci = &g_array_index (self->cable_info, CableInfo, index);
  PwCable *cable = pw_document_get_cable (self->document, index);
  guint s = ci->first_segment + ci->n_segments - ci->n_free;

  for (guint e = 0; e < cable->type->n_ends && ci->n_free > 0; e++)
    {
      Segment *seg;
      const char *tag = cable->type->ends[e].label;

      g_autofree char *joined = NULL;
      guint other, other_end;
      gboolean mated;

      if (cable->ends[e].device != NULL)
        continue;
      /* An end plugged into another cable's end, or taking one, is mated:
       * a filled ring that names the end it meets. */
      mated = pw_analysis_get_end_partner (self->analysis, index, e, &other, &other_end);
      if (mated)
        {
          PwCable *o = pw_document_get_cable (self->document, other);

          joined = g_strdup_printf ("%s ⇄ %s %s", tag ? tag : "", o->label && *o->label ? o->label
                                                                                      : o->id,
                                    o->type->ends[other_end].label);
          tag = joined;
        }
      seg = &g_array_index (self->segments, Segment, s++);
      cairo_new_path (cr);
      cairo_arc (cr, seg->p[6], seg->p[7], FREE_END_RADIUS, 0, 2 * G_PI);
      pw_palette_set_source (cr, mated ? &palette->link[klass] : &palette->background);
      cairo_fill_preserve (cr);
      pw_palette_set_source (cr, &palette->link[klass]);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      if (tag != NULL && *tag != '\0' && scale >= TEXT_MIN_SCALE)
        {
          g_autoptr(PangoLayout) layout = pw_render_create_layout (self->pango, tag, 7, TRUE);
          int w, h;

          pango_layout_get_pixel_size (layout, &w, &h);
          /* Outside the ring, away from the stub that leads to it. */
          show_layout (cr, layout, &palette->foreground,
                       seg->p[6] < seg->p[0] ? seg->p[6] - FREE_END_RADIUS - 3 - w
                                             : seg->p[6] + FREE_END_RADIUS + 3,
                       seg->p[7] - h / 2.0);
        }
    }
}

static void
draw_cable_lines (PwRender        *self,
                  cairo_t         *cr,
                  const PwPalette *palette,
                  guint            index,
                  double           scale)
{
  CableInfo *ci = &g_array_index (self->cable_info, CableInfo, index);
  PwLinkClass klass = pw_analysis_get_link_class (self->analysis, index);
  double lw = MAX (1.8, 1.0 / scale);

  if (ci->n_segments == 0)
    return;

  cairo_new_path (cr);
  for (guint s = 0; s < ci->n_segments; s++)
    {
      Segment *seg = &g_array_index (self->segments, Segment, ci->first_segment + s);

      cairo_move_to (cr, seg->p[0], seg->p[1]);
      cairo_curve_to (cr, seg->p[2], seg->p[3], seg->p[4], seg->p[5], seg->p[6], seg->p[7]);
    }
  /* A halo of the background keeps crossings apart. */
  if (scale >= TEXT_MIN_SCALE)
    {
      cairo_set_dash (cr, NULL, 0, 0);
      pw_palette_set_source (cr, &palette->background);
      cairo_set_line_width (cr, lw + 2.4);
      cairo_stroke_preserve (cr);
    }
  pw_palette_set_source (cr, &palette->link[klass]);
  cairo_set_line_width (cr, lw);
  pw_palette_set_link_dash (cr, klass, lw);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  draw_free_ends (self, cr, palette, index, klass, scale);
}

static char *
cable_label_text (PwRender *self,
                  guint     index)
{
  PwCable *cable = pw_document_get_cable (self->document, index);
  PwLinkClass klass = pw_analysis_get_link_class (self->analysis, index);
  g_autofree char *length = NULL;

  /* A direct connection has no cable: no type name, no length. */
  if (pw_cable_type_is_direct (cable->type))
    return g_strdup_printf ("%s · %s\n%s",
                            cable->label && *cable->label ? cable->label : cable->id,
                            pw_render_link_class_label (klass), _("direct, no cable"));
  if (cable->type->kind == PW_CABLE_KIND_ADAPTER)
    length = g_strdup (_("adapter"));
  else if (cable->has_length)
    length = g_strdup_printf ("%g m", cable->length_m);
  else
    length = g_strdup ("– m");
  g_autofree char *type = pw_cable_type_title (cable->type, NULL);

  /* The type in people's words, its length beside the class: the name
   * may be cut short, the numbers never. */
  return g_strdup_printf ("%s · %s · %s\n%s",
                          cable->label && *cable->label ? cable->label : cable->id,
                          pw_render_link_class_label (klass), length, type);
}

static void
draw_cable_label (PwRender        *self,
                  cairo_t         *cr,
                  const PwPalette *palette,
                  guint            index,
                  double           scale)
{
  CableInfo *ci = &g_array_index (self->cable_info, CableInfo, index);
  PwLinkClass klass;
  PwRect r;

  if (!ci->has_anchor)
    return;
  klass = pw_analysis_get_link_class (self->analysis, index);

  if (scale >= TEXT_MIN_SCALE)
    {
      g_autofree char *text = cable_label_text (self, index);

      if (ci->label == NULL || g_strcmp0 (text, ci->label_text) != 0)
        {
          g_clear_object (&ci->label);
          ci->label = pw_render_create_layout (self->pango, text, 7.5, FALSE);
          pango_layout_set_width (ci->label, (LABEL_MAX_WIDTH - 8) * PANGO_SCALE);
          pango_layout_set_ellipsize (ci->label, PANGO_ELLIPSIZE_END);
          pango_layout_set_alignment (ci->label, PANGO_ALIGN_CENTER);
          g_free (ci->label_text);
          ci->label_text = g_steal_pointer (&text);
          {
            PangoRectangle ink, logical;

            pango_layout_get_pixel_extents (ci->label, &ink, &logical);
            ci->label_w = MIN (logical.width, LABEL_MAX_WIDTH - 8) + 8;
            ci->label_h = logical.height + 4;
            ci->label_dx = logical.x;
          }
        }
      cable_label_rect (ci, &r);
      cairo_new_path (cr);
      rounded_rect (cr, r.x, r.y, r.width, r.height, 3);
      pw_palette_set_source (cr, &palette->background);
      cairo_fill_preserve (cr);
      pw_palette_set_source (cr, &palette->link[klass]);
      cairo_set_line_width (cr, 1);
      pw_palette_set_link_dash (cr, klass, 0.8);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      show_layout (cr, ci->label, &palette->foreground,
                   r.x + 4 - ci->label_dx, r.y + 2);
      if (ci->worst > 0)
        pw_render_draw_badge (cr, palette, ci->worst - 1, r.x - 8, ci->ay, 13);
    }
  else if (ci->worst > 0)
    pw_render_draw_badge (cr, palette, ci->worst - 1, ci->ax, ci->ay, MAX (13, 6 / scale));
}

#define STAMPS_MAX 512

static gboolean
stamp_glyph (PwRender        *self,
             cairo_t         *cr,
             const PwPalette *palette,
             const PwFamily  *family,
             PwGender         gender,
             double           x,
             double           y)
{
  cairo_matrix_t m;
  StampKey key;
  cairo_surface_t *stamp;
  int half;
  double dsx, dsy;

  /* Plain raster targets only: no device scale to fold in, no rotation. */
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (cairo_get_target (cr), &dsx, &dsy);
  if (cairo_surface_get_type (cairo_get_target (cr)) != CAIRO_SURFACE_TYPE_IMAGE ||
      dsx != 1 || dsy != 1 || m.xy != 0 || m.yx != 0 || m.xx != m.yy || m.xx <= 0)
    return FALSE;

  key = (StampKey) { family, palette, m.xx, gender };
  half = (int) ceil (GLYPH_SIZE * m.xx / 2) + 2;
  stamp = g_hash_table_lookup (self->stamps_cache, &key);
  if (stamp == NULL)
    {
      cairo_t *sc;

      if (g_hash_table_size (self->stamps_cache) >= STAMPS_MAX)
        g_hash_table_remove_all (self->stamps_cache);
      stamp = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * half, 2 * half);
      sc = cairo_create (stamp);
      cairo_set_antialias (sc, cairo_get_antialias (cr));
      cairo_set_tolerance (sc, cairo_get_tolerance (cr));
      cairo_translate (sc, half, half);
      cairo_scale (sc, m.xx, m.xx);
      pw_render_draw_glyph (sc, palette, family, gender, 0, 0, GLYPH_SIZE);
      cairo_destroy (sc);
      g_hash_table_insert (self->stamps_cache, g_memdup2 (&key, sizeof key), stamp);
    }

  cairo_user_to_device (cr, &x, &y);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  x = round (x) - half;
  y = round (y) - half;
  cairo_set_source_surface (cr, stamp, x, y);
  cairo_rectangle (cr, x, y, 2 * half, 2 * half);
  cairo_fill (cr);
  cairo_restore (cr);
  return TRUE;
}

/* A coupling inside its card (DESIGN.md §3): a transformer's two windings
 * and core, or a pad's resistor, in the middle of the card between the
 * rows of the ports it joins, with the pad's loss beneath. */
static void
draw_coupling (PwRender         *self,
               cairo_t          *cr,
               const PwPalette  *palette,
               guint             index,
               const PwCoupling *coupling)
{
  CardInfo *card = &g_array_index (self->cards, CardInfo, index);
  double fx, fy, tx, ty, cx, cy;

  pw_render_get_port_anchor (self, index, coupling->from, &fx, &fy);
  pw_render_get_port_anchor (self, index, coupling->to, &tx, &ty);
  cx = card->rect.x + card->rect.width / 2;
  cy = (fy + ty) / 2;

  cairo_save (cr);
  cairo_new_path (cr);
  /* A clear ground, so that no label runs through the symbol. */
  cairo_rectangle (cr, cx - 13, cy - 8, 26, 16);
  pw_palette_set_source (cr, &palette->card);
  cairo_fill (cr);
  pw_palette_set_source (cr, &palette->dim);
  cairo_set_line_width (cr, 1.1);
  if (coupling->kind == PW_COUPLING_TRANSFORMER)
    {
      for (int side = -1; side <= 1; side += 2)
        {
          double x = cx + side * 5;

          cairo_new_sub_path (cr);
          for (int k = 0; k < 3; k++)
            cairo_arc_negative (cr, x, cy - 4.5 + k * 4.5, 2.25,
                                side < 0 ? -G_PI / 2 : 3 * G_PI / 2,
                                side < 0 ? G_PI / 2 : G_PI / 2);
          cairo_stroke (cr);
        }
      cairo_move_to (cr, cx - 1, cy - 7);
      cairo_line_to (cr, cx - 1, cy + 7);
      cairo_move_to (cr, cx + 1, cy - 7);
      cairo_line_to (cr, cx + 1, cy + 7);
      cairo_stroke (cr);
    }
  else
    {
      cairo_move_to (cr, cx - 12, cy);
      cairo_line_to (cr, cx - 7, cy);
      cairo_move_to (cr, cx + 7, cy);
      cairo_line_to (cr, cx + 12, cy);
      cairo_rectangle (cr, cx - 7, cy - 3.5, 14, 7);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  if (coupling->pad_db > 0)
    {
      g_autofree char *text = g_strdup_printf ("−%g dB", coupling->pad_db);
      g_autoptr(PangoLayout) layout = pw_render_create_layout (self->pango, text, 6.5, FALSE);
      double w, h;

      layout_size (layout, &w, &h);
      show_layout (cr, layout, &palette->dim, cx - w / 2, cy + 8);
    }
}

static void
draw_card (PwRender        *self,
           cairo_t         *cr,
           const PwPalette *palette,
           guint            index,
           double           scale)
{
  CardInfo *card = &g_array_index (self->cards, CardInfo, index);
  PwRect *r = &card->rect;
  gboolean text = scale >= TEXT_MIN_SCALE;
  /* Only what the user must act on colours the card; an info finding is
   * a badge, not a frame that reads as a selection. */
  gboolean framed = card->worst > PW_SEVERITY_INFO + 1;
  double border = framed ? 2.0 : 1.0;

  cairo_new_path (cr);
  rounded_rect (cr, r->x, r->y, r->width, r->height, 5);
  pw_palette_set_source (cr, &palette->card);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, MAX (border, 1.0 / scale));
  pw_palette_set_source (cr, framed ? pw_palette_severity_color (palette, card->worst - 1)
                                    : &palette->card_border);
  cairo_stroke (cr);

  if (text)
    {
      ensure_type_text (self, card->type, card->info);
      if (card->name == NULL)
        {
          card->name = pw_render_create_layout (self->pango, card->name_text, 10.5, TRUE);
          pango_layout_set_width (card->name, (PW_RENDER_CARD_WIDTH - 34) * PANGO_SCALE);
          pango_layout_set_ellipsize (card->name, PANGO_ELLIPSIZE_END);
        }
      show_layout (cr, card->name, &palette->foreground, r->x + 10, r->y + 6);
      show_layout (cr, card->info->type_name, &palette->dim, r->x + 10, r->y + 22);
    }
  /* The header rule. */
  cairo_move_to (cr, r->x, r->y + PW_RENDER_HEADER_HEIGHT - 2.5);
  cairo_line_to (cr, r->x + r->width, r->y + PW_RENDER_HEADER_HEIGHT - 2.5);
  pw_palette_set_source (cr, &palette->grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  if (card->worst > 0)
    pw_render_draw_badge (cr, palette, card->worst - 1, r->x + r->width - 13, r->y + 13, 15);

  if (scale * GLYPH_SIZE < 2.5)
    return;

  for (guint k = 0; k < card->type->n_couplings && text; k++)
    draw_coupling (self, cr, palette, index, &card->type->couplings[k]);

  for (guint p = 0; p < card->type->n_ports; p++)
    {
      const PwPortType *port = &card->type->ports[p];
      PortSlot *slot = &card->info->slots[p];
      double ax, ay;
      guint8 worst;

      pw_render_get_port_anchor (self, index, p, &ax, &ay);
      if (!stamp_glyph (self, cr, palette, port->family, port->gender, ax, ay))
        pw_render_draw_glyph (cr, palette, port->family, port->gender, ax, ay, GLYPH_SIZE);
      if (!text)
        continue;

      {
        PangoLayout *label = g_ptr_array_index (card->info->port_labels, p);
        PangoLayout *tag = get_family_layout (self, port->family);
        double lw, lh, tw, th, lx, tx;

        layout_size (label, &lw, &lh);
        layout_size (tag, &tw, &th);
        if (slot->side == PW_SIDE_LEFT)
          {
            lx = ax + GLYPH_SIZE / 2 + 4;
            tx = lx + lw + 4;
          }
        else
          {
            lx = ax - GLYPH_SIZE / 2 - 4 - lw;
            tx = lx - 4 - tw;
          }
        show_layout (cr, label, &palette->foreground, lx, ay - lh / 2);
        show_layout (cr, tag, &palette->dim, tx, ay - th / 2 + 0.5);

        worst = (guint8) GPOINTER_TO_UINT (g_hash_table_lookup (self->port_worst,
                                            GUINT_TO_POINTER ((index << 10 | (p & 0x3ff)) + 1)));
        if (worst > 0)
          pw_render_draw_badge (cr, palette, worst - 1,
                                slot->side == PW_SIDE_LEFT ? tx + tw + 7 : tx - 7, ay, 10);
      }
    }
}

/* Below the zoom at which text is drawn, a frame may hold the whole plan:
 * ten thousand cards and twenty thousand cables. Each fill or stroke costs
 * cairo far more than the path in it, so everything of one colour and
 * width goes into one path: the cables of each link class, the cards,
 * their borders by severity, the port glyphs as dots (plugs filled,
 * sockets hollow), the finding badges as their shapes by severity. There
 * are no halos at this zoom, so the order among cables does not show. */

static void
badge_shape (cairo_t    *cr,
             PwSeverity  severity,
             double      cx,
             double      cy,
             double      size)
{
  double r = size / 2;

  cairo_new_sub_path (cr);
  switch (severity)
    {
    case PW_SEVERITY_ERROR:
      for (guint i = 0; i < 8; i++)
        {
          double a = G_PI / 8 + i * G_PI / 4;

          cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
        }
      break;
    case PW_SEVERITY_WARNING:
      cairo_move_to (cr, cx, cy - r * 1.05);
      cairo_line_to (cr, cx + r * 1.1, cy + r * 0.85);
      cairo_line_to (cr, cx - r * 1.1, cy + r * 0.85);
      break;
    case PW_SEVERITY_INFO:
    default:
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      break;
    }
  cairo_close_path (cr);
}

static void
draw_badges_simplified (cairo_t         *cr,
                        const PwPalette *palette,
                        const double    *points,     /* x, y, severity + 1 */
                        guint            n,
                        double           size)
{
  for (guint sev = 1; sev <= 3; sev++)
    {
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint i = 0; i < n; i++)
        if ((guint) points[3 * i + 2] == sev)
          {
            badge_shape (cr, sev - 1, points[3 * i], points[3 * i + 1], size);
            any = TRUE;
          }
      if (!any)
        continue;
      pw_palette_set_source (cr, pw_palette_severity_color (palette, sev - 1));
      cairo_fill_preserve (cr);
      pw_palette_set_source (cr, &palette->background);
      cairo_set_line_width (cr, size * 0.08);
      cairo_stroke (cr);
    }
}

static void
card_outline (cairo_t      *cr,
              const PwRect *r,
              double        corner)
{
  if (corner > 0)
    rounded_rect (cr, r->x, r->y, r->width, r->height, corner);
  else
    cairo_rectangle (cr, r->x, r->y, r->width, r->height);
}

static void
draw_simplified (PwRender        *self,
                 cairo_t         *cr,
                 const PwPalette *palette,
                 GArray          *devices,
                 GArray          *cables,
                 double           scale)
{
  double lw = MAX (1.8, 1.0 / scale);
  double glyph_r = GLYPH_SIZE * 0.4;
  gboolean glyphs = scale * GLYPH_SIZE >= 2.5;
  gboolean card_badges = 15 * scale >= 4;
  g_autoptr(GArray) badges = g_array_new (FALSE, FALSE, sizeof (double));
  /* Corners under a pixel are not worth their arcs. */
  double corner = 5 * scale >= 1 ? 5 : 0;
  /* Where a card is a few pixels wide, a cable's swing is too: straight. */
  gboolean straight = scale < 0.12;

  cairo_set_dash (cr, NULL, 0, 0);
  /* Mitred joins and a coarser flattening: round joins on curves split
   * into many short lines cost cairo more than all else, and show no
   * difference at this size. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_tolerance (cr, 0.3);
  /* 4×4 samples a pixel instead of 256 (CAIRO_ANTIALIAS_FAST): lines a
   * pixel wide look the same and cost a third. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  /* Cables, one stroke per link class. */
  for (guint klass = 0; klass <= PW_LINK_OPEN; klass++)
    {
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint i = 0; i < cables->len; i++)
        {
          guint c = g_array_index (cables, guint, i);
          CableInfo *ci = &g_array_index (self->cable_info, CableInfo, c);

          if (ci->n_segments == 0 || pw_analysis_get_link_class (self->analysis, c) != klass)
            continue;
          for (guint s = 0; s < ci->n_segments; s++)
            {
              Segment *seg = &g_array_index (self->segments, Segment, ci->first_segment + s);

              cairo_move_to (cr, seg->p[0], seg->p[1]);
              if (straight)
                cairo_line_to (cr, seg->p[6], seg->p[7]);
              else
                cairo_curve_to (cr, seg->p[2], seg->p[3], seg->p[4], seg->p[5], seg->p[6],
                                seg->p[7]);
            }
          any = TRUE;
        }
      if (!any)
        continue;
      pw_palette_set_source (cr, &palette->link[klass]);
      cairo_set_line_width (cr, lw);
      pw_palette_set_link_dash (cr, klass, lw);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  /* Open ends keep their ring; there are few. */
  for (guint i = 0; i < cables->len; i++)
    {
      guint c = g_array_index (cables, guint, i);
      CableInfo *ci = &g_array_index (self->cable_info, CableInfo, c);

      if (ci->n_free > 0)
        draw_free_ends (self, cr, palette, c, pw_analysis_get_link_class (self->analysis, c),
                        scale);
    }

  /* Cards: one fill, then the borders by severity, then the header rules. */
  cairo_new_path (cr);
  for (guint i = 0; i < devices->len; i++)
    {
      CardInfo *card = &g_array_index (self->cards, CardInfo, g_array_index (devices, guint, i));

      card_outline (cr, &card->rect, corner);
    }
  pw_palette_set_source (cr, &palette->card);
  cairo_fill (cr);
  for (guint worst = 0; worst <= 3; worst++)
    {
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint i = 0; i < devices->len; i++)
        {
          guint d = g_array_index (devices, guint, i);
          CardInfo *card = &g_array_index (self->cards, CardInfo, d);

          if (card->worst != worst)
            continue;
          card_outline (cr, &card->rect, corner);
          any = TRUE;
          if (worst > 0 && card_badges)
            {
              double b[3] = { card->rect.x + card->rect.width - 13, card->rect.y + 13, worst };

              g_array_append_vals (badges, b, 3);
            }
        }
      if (!any)
        continue;
      cairo_set_line_width (cr, MAX (worst > PW_SEVERITY_INFO + 1 ? 2.0 : 1.0, 1.0 / scale));
      pw_palette_set_source (cr, worst > PW_SEVERITY_INFO + 1
                                 ? pw_palette_severity_color (palette, worst - 1)
                                 : &palette->card_border);
      cairo_stroke (cr);
    }
  cairo_new_path (cr);
  for (guint i = 0; i < devices->len; i++)
    {
      PwRect *r = &g_array_index (self->cards, CardInfo, g_array_index (devices, guint, i)).rect;

      cairo_move_to (cr, r->x, r->y + PW_RENDER_HEADER_HEIGHT - 2.5);
      cairo_line_to (cr, r->x + r->width, r->y + PW_RENDER_HEADER_HEIGHT - 2.5);
    }
  pw_palette_set_source (cr, &palette->grid);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  draw_badges_simplified (cr, palette, (const double *) badges->data, badges->len / 3, 15);

  /* Port glyphs as dots: a body of the card's colour, plugs filled,
   * sockets outlined. */
  if (glyphs)
    for (guint pass = 0; pass < 3; pass++)
      {
        cairo_new_path (cr);
        for (guint i = 0; i < devices->len; i++)
          {
            guint d = g_array_index (devices, guint, i);
            CardInfo *card = &g_array_index (self->cards, CardInfo, d);

            for (guint p = 0; p < card->type->n_ports; p++)
              {
                gboolean male = card->type->ports[p].gender == PW_GENDER_MALE;
                double ax, ay;

                if ((pass == 1 && male) || (pass == 2 && !male))
                  continue;
                pw_render_get_port_anchor (self, d, p, &ax, &ay);
                cairo_new_sub_path (cr);
                cairo_arc (cr, ax, ay, pass == 0 ? GLYPH_SIZE / 2 : glyph_r, 0, 2 * G_PI);
              }
          }
        pw_palette_set_source (cr, pass == 0 ? &palette->card : &palette->foreground);
        if (pass == 1)
          {
            cairo_set_line_width (cr, MAX (GLYPH_SIZE * 0.09, 0.5));
            cairo_stroke (cr);
          }
        else
          cairo_fill (cr);
      }

  /* The cables' findings. */
  g_array_set_size (badges, 0);
  for (guint i = 0; i < cables->len; i++)
    {
      CableInfo *ci = &g_array_index (self->cable_info, CableInfo, g_array_index (cables, guint, i));

      if (ci->has_anchor && ci->worst > 0)
        {
          double b[3] = { ci->ax, ci->ay, ci->worst };

          g_array_append_vals (badges, b, 3);
        }
    }
  draw_badges_simplified (cr, palette, (const double *) badges->data, badges->len / 3,
                          MAX (13, 6 / scale));
}

/* Zoomed out far, on screen, the whole plan is drawn once into an image
 * at a scale of the form 2^(k/4) at or above the view's, and frames paint
 * from it until the plan, the palette or that scale changes: a frame of
 * ten thousand devices then costs a scaled image copy, as a map's tiles
 * do. Vector output (PDF, SVG) never takes this path. */
#define OVERVIEW_MAX_SCALE  0.2
#define OVERVIEW_MAX_PIXELS (2560.0 * 1600.0 * 2)

static gboolean
draw_from_overview (PwRender        *self,
                    cairo_t         *cr,
                    const PwPalette *palette,
                    const PwRect    *visible,
                    double           scale)
{
  cairo_surface_t *target = cairo_get_target (cr);
  PwRect *b = &self->bounds;
  double q, w, h;

  if (scale >= OVERVIEW_MAX_SCALE || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      b->width <= 0 || b->height <= 0)
    return FALSE;
  q = pow (2, ceil (log2 (scale) * 4) / 4);
  w = ceil (b->width * q) + 2;
  h = ceil (b->height * q) + 2;
  if (w * h > OVERVIEW_MAX_PIXELS)
    return FALSE;

  if (self->overview == NULL || self->overview_scale != q || self->overview_palette != palette)
    {
      g_autoptr(GArray) devices = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) cables = g_array_new (FALSE, FALSE, sizeof (guint));
      cairo_t *oc;

      g_clear_pointer (&self->overview, cairo_surface_destroy);
      self->overview = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);
      self->overview_scale = q;
      self->overview_palette = palette;
      pw_render_query (self, b, devices, cables);
      oc = cairo_create (self->overview);
      cairo_translate (oc, 1, 1);
      cairo_scale (oc, q, q);
      cairo_translate (oc, -b->x, -b->y);
      draw_simplified (self, oc, palette, devices, cables, q);
      cairo_destroy (oc);
    }

  cairo_save (cr);
  if (visible != NULL)
    {
      cairo_rectangle (cr, visible->x, visible->y, visible->width, visible->height);
      cairo_clip (cr);
    }
  cairo_translate (cr, b->x, b->y);
  cairo_scale (cr, 1 / q, 1 / q);
  cairo_set_source_surface (cr, self->overview, -1, -1);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  return TRUE;
}

/* What a card covers with its port glyphs and badge. */
static void
card_extent (const CardInfo *card,
             PwRect         *r)
{
  *r = (PwRect) { card->rect.x - GLYPH_SIZE, card->rect.y - 10,
                  card->rect.width + 2 * GLYPH_SIZE, card->rect.height + 10 };
}

void
pw_render_move_devices (PwRender    *self,
                        const guint *devices,
                        guint        n,
                        GArray      *dirty)
{
  guint n_devices, n_cables;
  g_autofree guint8 *moved = NULL;

  g_return_if_fail (self != NULL && (devices != NULL || n == 0) && dirty != NULL);

  n_devices = self->cards->len;
  n_cables = self->cable_info->len;
  moved = g_new0 (guint8, n_devices);
  g_clear_pointer (&self->overview, cairo_surface_destroy);

  for (guint k = 0; k < n; k++)
    {
      guint d = devices[k];
      CardInfo *card;
      PwDevice *device;
      PwRect r;

      g_return_if_fail (d < n_devices);
      card = &g_array_index (self->cards, CardInfo, d);
      device = pw_document_get_device (self->document, d);
      moved[d] = 1;
      card_extent (card, &r);
      g_array_append_val (dirty, r);
      grid_remove (&self->grid, &card->rect, d);
      card->rect.x = device->x;
      card->rect.y = device->y;
      grid_insert (&self->grid, &card->rect, d);
      card_extent (card, &r);
      g_array_append_val (dirty, r);
      rect_union (&self->bounds, &r, &(gboolean) { FALSE });
    }

  /* The cables plugged into them, re-routed; their old segments stay
   * unused in the array until the next full update. */
  for (guint c = 0; c < n_cables; c++)
    {
      PwCable *cable = pw_document_get_cable (self->document, c);
      CableInfo *ci = &g_array_index (self->cable_info, CableInfo, c);
      gboolean touched = FALSE;

      for (guint e = 0; e < cable->type->n_ends && !touched; e++)
        touched = cable->ends[e].device != NULL && moved[cable->ends[e].device->index];
      if (!touched)
        continue;
      if (ci->has_anchor)
        {
          g_array_append_val (dirty, ci->bbox);
          grid_remove (&self->grid, &ci->bbox, n_devices + c);
          forget_label (self, ci->ax, ci->ay);
        }
      memset (&ci->bbox, 0, sizeof ci->bbox);
      update_cable (self, c, ci);
      if (ci->has_anchor)
        {
          g_array_append_val (dirty, ci->bbox);
          grid_insert (&self->grid, &ci->bbox, n_devices + c);
          rect_union (&self->bounds, &ci->bbox, &(gboolean) { FALSE });
        }
    }
}

static int
index_compare (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Keeps the items that are (@hidden TRUE) or are not hidden. */
static void
filter_hidden (PwRender *self,
               GArray   *items,
               guint     offset,
               gboolean  hidden)
{
  guint kept = 0;

  for (guint i = 0; i < items->len; i++)
    {
      guint item = g_array_index (items, guint, i);

      if ((self->hidden[offset + item] != 0) == hidden)
        g_array_index (items, guint, kept++) = item;
    }
  g_array_set_size (items, kept);
}

static void
draw_items (PwRender        *self,
            cairo_t         *cr,
            const PwPalette *palette,
            const PwRect    *visible,
            double           scale,
            gboolean         hidden)
{
  g_autoptr(GArray) devices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) cables = g_array_new (FALSE, FALSE, sizeof (guint));

  if (scale <= 0)
    scale = 1;
  pw_render_query (self, visible ? visible : &self->bounds, devices, cables);
  if (self->hidden != NULL)
    {
      filter_hidden (self, devices, 0, hidden);
      filter_hidden (self, cables, self->cards->len, hidden);
    }
  /* Document order, whatever the index returned: overlapping things then
   * stack the same way in every part of the view, tile by tile. */
  g_array_sort (devices, index_compare);
  g_array_sort (cables, index_compare);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (scale < TEXT_MIN_SCALE)
    {
      /* The overview holds everything: not while some things are apart. */
      if (self->hidden != NULL || !draw_from_overview (self, cr, palette, visible, scale))
        draw_simplified (self, cr, palette, devices, cables, scale);
      cairo_restore (cr);
      return;
    }
  for (guint i = 0; i < cables->len; i++)
    draw_cable_lines (self, cr, palette, g_array_index (cables, guint, i), scale);
  for (guint i = 0; i < devices->len; i++)
    draw_card (self, cr, palette, g_array_index (devices, guint, i), scale);
  for (guint i = 0; i < cables->len; i++)
    draw_cable_label (self, cr, palette, g_array_index (cables, guint, i), scale);
  cairo_restore (cr);
}

void
pw_render_draw (PwRender        *self,
                cairo_t         *cr,
                const PwPalette *palette,
                const PwRect    *visible,
                double           scale)
{
  g_return_if_fail (self != NULL && cr != NULL && palette != NULL);

  draw_items (self, cr, palette, visible, scale, FALSE);
}

void
pw_render_draw_hidden (PwRender        *self,
                       cairo_t         *cr,
                       const PwPalette *palette,
                       const PwRect    *visible,
                       double           scale)
{
  g_return_if_fail (self != NULL && cr != NULL && palette != NULL);

  if (self->hidden != NULL)
    draw_items (self, cr, palette, visible, scale, TRUE);
}

static void
append_hidden_rects (PwRender *self,
                     GArray   *dirty)
{
  guint n_devices = self->cards->len;

  for (guint i = 0; i < n_devices; i++)
    if (self->hidden[i])
      {
        PwRect r;

        card_extent (&g_array_index (self->cards, CardInfo, i), &r);
        g_array_append_val (dirty, r);
      }
  for (guint c = 0; c < self->cable_info->len; c++)
    if (self->hidden[n_devices + c] && g_array_index (self->cable_info, CableInfo, c).has_anchor)
      g_array_append_val (dirty, g_array_index (self->cable_info, CableInfo, c).bbox);
}

void
pw_render_set_hidden (PwRender    *self,
                      const guint *devices,
                      guint        n,
                      GArray      *dirty)
{
  guint n_devices, n_cables;

  g_return_if_fail (self != NULL && (devices != NULL || n == 0) && dirty != NULL);

  n_devices = self->cards->len;
  n_cables = self->cable_info->len;
  if (self->hidden != NULL)
    append_hidden_rects (self, dirty);
  g_clear_pointer (&self->hidden, g_free);
  g_clear_pointer (&self->overview, cairo_surface_destroy);
  if (n == 0)
    return;

  self->hidden = g_new0 (guint8, n_devices + n_cables);
  for (guint k = 0; k < n; k++)
    {
      g_return_if_fail (devices[k] < n_devices);
      self->hidden[devices[k]] = 1;
    }
  for (guint c = 0; c < n_cables; c++)
    {
      PwCable *cable = pw_document_get_cable (self->document, c);

      for (guint e = 0; e < cable->type->n_ends; e++)
        if (cable->ends[e].device != NULL && self->hidden[cable->ends[e].device->index])
          {
            self->hidden[n_devices + c] = 1;
            break;
          }
    }
  append_hidden_rects (self, dirty);
}

guint
pw_render_get_cable_worst (PwRender *self,
                           guint     cable)
{
  g_return_val_if_fail (self != NULL && cable < self->cable_info->len, 0);
  return g_array_index (self->cable_info, CableInfo, cable).worst;
}
