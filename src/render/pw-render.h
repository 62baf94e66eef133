/* pw-render.h: the diagram — device cards, ports, cables, badges, legend
 *
 * One PwRender holds the geometry of a plan (card rectangles, port anchors,
 * cable curves), a spatial index over it, and the text layouts it has
 * measured. The canvas and every export draw through it, so what is on
 * screen is what is printed.
 *
 * Coordinates are document units (the x and y of a device are the top left
 * corner of its card). The caller sets the transformation on the cairo_t;
 * pw_render_draw () is told which document rectangle is visible and how
 * many device pixels a unit is, and draws only what intersects it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include "pw-analysis.h"
#include "pw-document.h"
#include "pw-palette.h"

G_BEGIN_DECLS

/* Card geometry, shared with the layout. */
#define PW_RENDER_CARD_WIDTH   200.0
#define PW_RENDER_HEADER_HEIGHT 40.0
#define PW_RENDER_ROW_HEIGHT    20.0
#define PW_RENDER_CARD_PADDING  8.0

typedef struct
{
  double x, y, width, height;
} PwRect;

typedef enum {
  PW_SIDE_LEFT,
  PW_SIDE_RIGHT,
} PwSide;

typedef enum {
  PW_HIT_NONE,
  PW_HIT_DEVICE,
  PW_HIT_PORT,
  PW_HIT_CABLE,
  PW_HIT_CABLE_END,     /* the ring of a cable end that is not plugged in */
} PwHitKind;

typedef struct
{
  PwHitKind kind;
  int       device;     /* index in the document, or -1 */
  int       port;       /* index in the device's type, or -1 */
  int       cable;      /* index in the document, or -1 */
  int       end;        /* PW_HIT_CABLE_END: index in the cable's type, else -1 */
} PwHit;

typedef struct _PwRender PwRender;

/* Where a port sits on its card: inputs left, outputs right; inserts
 * right (their send leaves the device); passive ports by gender (sockets
 * left, plugs right) or, where all share one gender, first half left. */
PwSide      pw_render_port_side          (const PwDeviceType *type,
                                          guint               port);
/* The row of a port on its side, and the size of a card of this type. */
guint       pw_render_port_row           (const PwDeviceType *type,
                                          guint               port);
void        pw_render_card_size          (const PwDeviceType *type,
                                          double             *width,
                                          double             *height);

/* @analysis may be NULL: the renderer then checks the document itself. */
PwRender   *pw_render_new                (PwDocument       *document,
                                          PwAnalysis       *analysis);
void        pw_render_free               (PwRender         *self);
/* After devices moved or cables changed, or with a new analysis (NULL
 * keeps the current one). Measured text is kept. */
void        pw_render_update             (PwRender         *self,
                                          PwAnalysis       *analysis);
/* After only the positions of @devices changed, as while dragging: moves
 * their cards and re-routes their cables, leaving findings and the
 * generation as they were, and appends to @dirty (PwRect) the rectangles
 * that need drawing again: each card and cable where it was and is. */
void        pw_render_move_devices       (PwRender         *self,
                                          const guint      *devices,
                                          guint             n,
                                          GArray           *dirty);
PwAnalysis *pw_render_get_analysis       (PwRender         *self);
/* Changes with every pw_render_update (); no two renderers share one. */
guint64     pw_render_get_generation     (PwRender         *self);

/* The rectangle everything drawn lies in (empty document: all zero). */
void        pw_render_get_bounds         (PwRender         *self,
                                          PwRect           *bounds);
void        pw_render_get_card_rect      (PwRender         *self,
                                          guint             device,
                                          PwRect           *rect);
void        pw_render_get_port_anchor    (PwRender         *self,
                                          guint             device,
                                          guint             port,
                                          double           *x,
                                          double           *y);
/* The point a cable's label is centred on; FALSE when nothing is plugged. */
gboolean    pw_render_get_cable_anchor   (PwRender         *self,
                                          guint             cable,
                                          double           *x,
                                          double           *y);

/* Appends the path @cable's lines run along (its segments) to @cr's path. */
void        pw_render_cable_path         (PwRender         *self,
                                          cairo_t          *cr,
                                          guint             cable);
/* Where the free end @end of @cable hangs (its ring); FALSE when that end
 * is plugged or nothing of the cable is. */
gboolean    pw_render_get_free_end       (PwRender         *self,
                                          guint             cable,
                                          guint             end,
                                          double           *x,
                                          double           *y);

/* What is at (x, y), in document units, within @tolerance units of a
 * cable. Ports win over free cable ends, these over cards, cards over
 * cables. */
PwHitKind   pw_render_hit_test           (PwRender         *self,
                                          double            x,
                                          double            y,
                                          double            tolerance,
                                          PwHit            *hit);
/* Indices of the devices and cables that intersect @rect. */
void        pw_render_query              (PwRender         *self,
                                          const PwRect     *rect,
                                          GArray           *devices,
                                          GArray           *cables);

/* Draws what intersects @visible (NULL: everything). @scale is device
 * pixels per unit; text too small to read at it is left out. */
void        pw_render_draw               (PwRender         *self,
                                          cairo_t          *cr,
                                          const PwPalette  *palette,
                                          const PwRect     *visible,
                                          double            scale);

/* Leaves @devices, and the cables plugged into them, out of pw_render_draw ()
 * (n = 0: none), so that a drag can move them over a picture that stays;
 * pw_render_draw_hidden () draws just them. Appends to @dirty the
 * rectangles whose picture changes, as pw_render_move_devices () does.
 * pw_render_update () shows everything again. */
void        pw_render_set_hidden         (PwRender         *self,
                                          const guint      *devices,
                                          guint             n,
                                          GArray           *dirty);
void        pw_render_draw_hidden        (PwRender         *self,
                                          cairo_t          *cr,
                                          const PwPalette  *palette,
                                          const PwRect     *visible,
                                          double            scale);

/* What a comparison with another version of the plan marks on the
 * drawing: devices and cables by id, each added or changed. */
typedef enum {
  PW_MARK_NONE,
  PW_MARK_ADDED,
  PW_MARK_CHANGED,
} PwMark;

typedef struct _PwMarks PwMarks;

PwMarks    *pw_marks_new                 (void);
PwMarks    *pw_marks_ref                 (PwMarks          *self);
void        pw_marks_unref               (PwMarks          *self);
void        pw_marks_add                 (PwMarks          *self,
                                          gboolean          cable,
                                          const char       *id,
                                          PwMark            mark);
PwMark      pw_marks_lookup              (PwMarks          *self,
                                          gboolean          cable,
                                          const char       *id);
guint       pw_marks_get_size            (PwMarks          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwMarks, pw_marks_unref)

/* Draws @marks over the picture, as the selection is: a revision cloud
 * around each marked card and a band along each marked cable, in the
 * palette's mark colour, each with a delta triangle holding a plus
 * (added) or a bar (changed), so that it reads without colour too. @visible and @scale as for pw_render_draw (). */
void        pw_render_draw_marks         (PwRender         *self,
                                          cairo_t          *cr,
                                          const PwPalette  *palette,
                                          PwMarks          *marks,
                                          const PwRect     *visible,
                                          double            scale);

/* The legend (link classes with their line and short label, severity
 * badges, connector glyphs), its top left corner at (x, y). */
void        pw_render_legend_size        (PwRender         *self,
                                          double           *width,
                                          double           *height);
void        pw_render_draw_legend        (PwRender         *self,
                                          cairo_t          *cr,
                                          const PwPalette  *palette,
                                          double            x,
                                          double            y);

/* A title block filling @rect: title, client and venue, date, page x of y,
 * revision, counts. */
void        pw_render_draw_title_block   (PwRender         *self,
                                          cairo_t          *cr,
                                          const PwPalette  *palette,
                                          const PwRect     *rect,
                                          const char       *date,
                                          guint             page,
                                          guint             n_pages);

/* "Client · Venue", either alone, or "" when neither is set: the title
 * block's line and the PDF's subject. */
char       *pw_render_dup_client_venue   (PwDocument       *doc);

/* The canvas's dot grid, in widget pixels, for a view whose top left
 * corner is the document point (@view_x, @view_y) at @zoom pixels per
 * unit. The canvas and the benchmark draw the same grid through it. */
void        pw_render_draw_grid          (cairo_t          *cr,
                                          const PwPalette  *palette,
                                          double            view_x,
                                          double            view_y,
                                          double            zoom,
                                          double            grid,
                                          double            width,
                                          double            height);

/* Pieces the export and the pin diagrams share. */
const char *pw_render_link_class_label   (PwLinkClass       klass);
void        pw_render_draw_badge         (cairo_t          *cr,
                                          const PwPalette  *palette,
                                          PwSeverity        severity,
                                          double            cx,
                                          double            cy,
                                          double            size);
void        pw_render_draw_glyph         (cairo_t          *cr,
                                          const PwPalette  *palette,
                                          const PwFamily   *family,
                                          PwGender          gender,
                                          double            cx,
                                          double            cy,
                                          double            size);
/* A pango context with metrics independent of the output (no hinting),
 * so that a layout measured once draws the same on screen and on paper. */
PangoContext *pw_render_create_pango_context (void);
PangoLayout  *pw_render_create_layout        (PangoContext *context,
                                              const char   *text,
                                              double        size,
                                              gboolean      bold);

/* Text drawn through a cairo_t, as runs of text rather than glyphs, for
 * outputs that carry text of their own (SVG). All text the renderer, the
 * legend, the export and the pin diagrams draw goes through
 * pw_render_show_layout (), which hands each run of each line to the sink
 * set on that cairo_t, and draws the glyphs too when asked to. */
typedef struct
{
  const char *text;        /* UTF-8; an ellipsis run is "…" */
  const char *family;      /* the family of the font pango chose */
  double      x, y;        /* device space: the run's baseline, left end */
  double      width;       /* advance width, device units */
  double      size;        /* font size, device units */
  double      angle;       /* baseline direction in device space, radians */
  int         weight;      /* PangoWeight */
  gboolean    italic;
  gboolean    line_start;  /* the first run of a line of the layout */
  double      rgba[4];     /* the cairo source, when it is a colour */
} PwTextRun;

typedef void (*PwTextSink) (const PwTextRun *run,
                            gpointer         user_data);

/* @sink NULL removes it. Without @draw_glyphs only the sink sees the text. */
void          pw_render_set_text_sink        (cairo_t      *cr,
                                              PwTextSink    sink,
                                              gpointer      user_data,
                                              gboolean      draw_glyphs);
/* pango_cairo_show_layout () at the current point, through the sink. */
void          pw_render_show_layout          (cairo_t      *cr,
                                              PangoLayout  *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwRender, pw_render_free)

G_END_DECLS
