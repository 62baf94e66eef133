/* pw-canvas.h: the plan, drawn and edited directly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pw-history.h"
#include "pw-render.h"

G_BEGIN_DECLS

#define PW_CANVAS_GRID 20.0

/* The view: which document point sits at the widget's top left corner, and
 * how many widget pixels a document unit is. */
typedef struct
{
  double x;
  double y;
  double zoom;
} PwView;

#define PW_CANVAS_MIN_ZOOM 0.02
#define PW_CANVAS_MAX_ZOOM 8.0

/* Pure geometry, unit-tested apart from the widget. */
void     pw_view_to_document   (const PwView *view,
                                double        wx,
                                double        wy,
                                double       *dx,
                                double       *dy);
void     pw_view_to_widget     (const PwView *view,
                                double        dx,
                                double        dy,
                                double       *wx,
                                double       *wy);
/* Zooms by @factor keeping the document point under (wx, wy) in place. */
void     pw_view_zoom_at       (PwView       *view,
                                double        factor,
                                double        wx,
                                double        wy);
/* Shows @rect whole and centred in a widget of the given size. */
void     pw_view_fit           (PwView       *view,
                                const PwRect *rect,
                                double        width,
                                double        height,
                                double        margin);
double   pw_snap               (double        value,
                                double        grid);

#define PW_TYPE_CANVAS (pw_canvas_get_type ())

G_DECLARE_FINAL_TYPE (PwCanvas, pw_canvas, PW, CANVAS, GtkWidget)

GtkWidget  *pw_canvas_new                 (void);
void        pw_canvas_set_history         (PwCanvas   *self,
                                           PwHistory  *history,
                                           PwRender   *render);
void        pw_canvas_refresh             (PwCanvas   *self);
/* What a comparison marks on the drawing, over the plan; NULL: nothing. */
void        pw_canvas_set_marks           (PwCanvas   *self,
                                           PwMarks    *marks);
PwMarks    *pw_canvas_get_marks           (PwCanvas   *self);
const PwView *pw_canvas_get_view          (PwCanvas   *self);
void        pw_canvas_set_view            (PwCanvas   *self,
                                           const PwView *view);
void        pw_canvas_zoom                (PwCanvas   *self,
                                           double      factor);
void        pw_canvas_zoom_reset          (PwCanvas   *self);
void        pw_canvas_zoom_to_fit         (PwCanvas   *self);
void        pw_canvas_set_snap            (PwCanvas   *self,
                                           gboolean    snap);
gboolean    pw_canvas_get_snap            (PwCanvas   *self);
void        pw_canvas_set_dark            (PwCanvas   *self,
                                           gboolean    dark);

/* Selection: devices and at most one cable. */
GPtrArray  *pw_canvas_get_selected_devices (PwCanvas  *self);
PwCable    *pw_canvas_get_selected_cable  (PwCanvas   *self);
void        pw_canvas_select_device       (PwCanvas   *self,
                                           PwDevice   *device,
                                           gboolean    add);
void        pw_canvas_select_cable        (PwCanvas   *self,
                                           PwCable    *cable);
void        pw_canvas_select_all          (PwCanvas   *self);
void        pw_canvas_clear_selection     (PwCanvas   *self);
void        pw_canvas_reveal              (PwCanvas   *self,
                                           const PwRect *rect);
void        pw_canvas_delete_selection    (PwCanvas   *self);

/* Connects two ports with the best-fitting cable; returns it or NULL
 * (with a message for the user in @error). */
PwCable    *pw_canvas_connect             (PwCanvas   *self,
                                           PwDevice   *from,
                                           guint       from_port,
                                           PwDevice   *to,
                                           guint       to_port,
                                           GError    **error);
/* Plugs a free cable end into another cable's free end (an adapter on a
 * lead, an extension), as one undoable command, if the two mate; FALSE
 * (with a message for the user in @error) if not. */
gboolean    pw_canvas_plug_end_into_end   (PwCanvas   *self,
                                           PwCable    *cable,
                                           guint       end,
                                           PwCable    *other,
                                           guint       other_end,
                                           GError    **error);

G_END_DECLS
