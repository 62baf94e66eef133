/* pw-render-private.h: what the renderer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-render.h"

G_BEGIN_DECLS

typedef struct
{
  guint8 side;
  guint16 row;
} PortSlot;

/* Per device type: where its ports sit and their measured labels. */
typedef struct
{
  PortSlot    *slots;
  double       width;
  double       height;
  PangoLayout *type_name;
  GPtrArray   *port_labels;       /* PangoLayout*, one per port; NULL until drawn */
} TypeInfo;

typedef struct
{
  PwRect        rect;
  PwDeviceType *type;
  TypeInfo     *info;
  char         *name_text;
  PangoLayout  *name;             /* NULL until drawn */
  guint8        worst;            /* highest unsuppressed severity + 1, 0 = none */
  guint         n_findings;
} CardInfo;

/* A cubic Bézier: p0, c1, c2, p3 as x, y pairs. */
typedef struct
{
  double p[8];
} Segment;

typedef struct
{
  guint        first_segment;
  guint        n_segments;
  guint        n_free;            /* the last n_free segments lead to free ends,
                                   * in the order of the cable's ends */
  gboolean     has_anchor;
  double       ax, ay;            /* label centre */
  PwRect       bbox;
  guint8       worst;
  guint        n_findings;
  char        *label_text;
  PangoLayout *label;
  double       label_w, label_h, label_dx;
} CableInfo;

typedef struct
{
  double   x0, y0, cell;
  guint    nx, ny;
  GArray **cells;                 /* guint item ids, NULL where empty */
} Grid;

struct _PwRender
{
  PwDocument   *document;
  PwAnalysis   *analysis;
  PwAnalysis   *own_analysis;
  PangoContext *pango;
  GHashTable   *types;            /* PwDeviceType* → TypeInfo* */
  GHashTable   *family_tags;      /* PwFamily* → PangoLayout* */
  GHashTable   *port_worst;       /* (device << 10 | port) + 1 → severity + 1 */
  GArray       *cards;            /* CardInfo, one per device */
  GArray       *cable_info;       /* CableInfo, one per cable */
  GArray       *segments;         /* Segment */
  GHashTable   *label_cells;      /* cell → GArray of label centres placed so far */
  PwRect        bounds;
  Grid          grid;
  guint        *stamps;
  guint         stamp;
  guint64       generation;
  GHashTable   *stamps_cache;     /* port glyph images, see stamp_glyph () */
  GHashTable   *legend_layouts;   /* text → PangoLayout, see pw-render-legend.c */
  guint8       *hidden;           /* per device, then cable: drawn apart; NULL: none */       /* new with every update, unique per process */
  /* The whole plan zoomed far out, drawn once (see draw_from_overview). */
  cairo_surface_t *overview;
  double           overview_scale;
  const PwPalette *overview_palette;
};

PwDocument   *pw_render_get_document      (PwRender *self);
PangoContext *pw_render_get_pango_context (PwRender *self);
/* Highest unsuppressed severity of a cable's findings + 1; 0 = none. */
guint         pw_render_get_cable_worst   (PwRender *self,
                                           guint     cable);

G_END_DECLS
