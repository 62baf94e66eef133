/* pw-canvas.c: the plan, drawn and edited directly
 *
 * One widget draws every device and cable through the shared renderer (as
 * libshumate draws a map), with a view for pan and zoom and gestures for
 * input: primary drag moves devices, draws a rubber band or, from a port,
 * a live wire to another port; middle drag, Space+drag and scrolling pan;
 * Ctrl+scroll and pinch zoom about the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include <adwaita.h>
#include <string.h>

#include "pw-canvas.h"
#include "pw-paperwork.h"
#include "pw-suggest.h"
#include "pw-tiles.h"

/* Idle time spent drawing tiles around the view, per turn, in µs. */
#define PREFETCH_SLICE_US 4000

typedef enum {
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_RUBBER_BAND,
  DRAG_WIRE,
  DRAG_END,           /* a free cable end, to a port */
  DRAG_PAN,
} DragMode;

struct _PwCanvas
{
  GtkWidget   parent_instance;

  PwHistory  *history;
  PwRender   *render;           /* owned by the window */
  PwMarks    *marks;            /* what a comparison marks; NULL: none */
  PwView      view;
  gboolean    snap;
  gboolean    dark;
  gboolean    fitted;           /* the first allocation fits the plan */

  GHashTable *selected;         /* PwDevice* set */
  PwCable    *selected_cable;
  char       *selected_cable_id; /* kept across edits that replace the cable
                                  * (a new type is a new cable of the same id) */

  DragMode    drag;
  double      drag_start_x;     /* widget coordinates */
  double      drag_start_y;
  double      drag_x;
  double      drag_y;
  PwView      drag_view;
  GArray     *drag_origins;     /* per moved device: original x, y */
  GPtrArray  *drag_devices;
  PwHit       wire_from;
  PwHit       hover;
  gboolean    space_down;
  double      zoom_gesture_start;
  double      pointer_x;        /* last pointer position, widget coordinates */
  double      pointer_y;

  PwTiles    *tiles;            /* the plan as drawn, see pw-tiles.c */
  guint       refine_tick;      /* redraw while stand-in tiles show */
  guint       prefetch_source;  /* idle: tiles around the view */
  gboolean    drag_apart;       /* dragged cards drawn over the tiles */
  guint64     drag_generation;  /* the renderer's, when they were set apart */
};

G_DEFINE_FINAL_TYPE (PwCanvas, pw_canvas, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SELECTION_CHANGED,
  SIGNAL_MESSAGE,
  SIGNAL_NOTICE,
  SIGNAL_CONTEXT_MENU,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Geometry */

void
pw_view_to_document (const PwView *view,
                     double        wx,
                     double        wy,
                     double       *dx,
                     double       *dy)
{
  *dx = view->x + wx / view->zoom;
  *dy = view->y + wy / view->zoom;
}

void
pw_view_to_widget (const PwView *view,
                   double        dx,
                   double        dy,
                   double       *wx,
                   double       *wy)
{
  *wx = (dx - view->x) * view->zoom;
  *wy = (dy - view->y) * view->zoom;
}

void
pw_view_zoom_at (PwView *view,
                 double  factor,
                 double  wx,
                 double  wy)
{
  double dx, dy, zoom;

  pw_view_to_document (view, wx, wy, &dx, &dy);
  zoom = CLAMP (view->zoom * factor, PW_CANVAS_MIN_ZOOM, PW_CANVAS_MAX_ZOOM);
  view->zoom = zoom;
  /* The document point under the pointer stays under the pointer. */
  view->x = dx - wx / zoom;
  view->y = dy - wy / zoom;
}

void
pw_view_fit (PwView       *view,
             const PwRect *rect,
             double        width,
             double        height,
             double        margin)
{
  double zx, zy;

  if (rect->width <= 0 || rect->height <= 0 || width <= 2 * margin || height <= 2 * margin)
    {
      view->zoom = 1;
      view->x = rect->x - margin;
      view->y = rect->y - margin;
      return;
    }
  zx = (width - 2 * margin) / rect->width;
  zy = (height - 2 * margin) / rect->height;
  view->zoom = CLAMP (MIN (MIN (zx, zy), 1.5), PW_CANVAS_MIN_ZOOM, PW_CANVAS_MAX_ZOOM);
  view->x = rect->x + rect->width / 2 - width / 2 / view->zoom;
  view->y = rect->y + rect->height / 2 - height / 2 / view->zoom;
}

double
pw_snap (double value,
         double grid)
{
  return grid > 0 ? round (value / grid) * grid : value;
}

/* Selection */

static void
set_selected_cable (PwCanvas *self,
                    PwCable  *cable)
{
  self->selected_cable = cable;
  if (cable == NULL || g_strcmp0 (cable->id, self->selected_cable_id) != 0)
    {
      g_free (self->selected_cable_id);
      self->selected_cable_id = cable ? g_strdup (cable->id) : NULL;
    }
}

static void
selection_changed (PwCanvas *self)
{
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GPtrArray *
pw_canvas_get_selected_devices (PwCanvas *self)
{
  GPtrArray *list = g_ptr_array_new ();
  PwDocument *doc;

  if (self->history == NULL)
    return list;
  /* In plan order, so that every action on a selection is repeatable. */
  doc = pw_history_get_document (self->history);
  for (guint i = 0; i < pw_document_get_n_devices (doc); i++)
    if (g_hash_table_contains (self->selected, pw_document_get_device (doc, i)))
      g_ptr_array_add (list, pw_document_get_device (doc, i));
  return list;
}

PwCable *
pw_canvas_get_selected_cable (PwCanvas *self)
{
  return self->selected_cable;
}

void
pw_canvas_select_device (PwCanvas *self,
                         PwDevice *device,
                         gboolean  add)
{
  if (!add)
    {
      g_hash_table_remove_all (self->selected);
      set_selected_cable (self, NULL);
    }
  if (device != NULL)
    g_hash_table_add (self->selected, device);
  selection_changed (self);
}

void
pw_canvas_select_cable (PwCanvas *self,
                        PwCable  *cable)
{
  g_hash_table_remove_all (self->selected);
  set_selected_cable (self, cable);
  selection_changed (self);
}

void
pw_canvas_clear_selection (PwCanvas *self)
{
  if (g_hash_table_size (self->selected) == 0 && self->selected_cable == NULL)
    return;
  g_hash_table_remove_all (self->selected);
  set_selected_cable (self, NULL);
  selection_changed (self);
}

void
pw_canvas_select_all (PwCanvas *self)
{
  PwDocument *doc;

  if (self->history == NULL)
    return;
  doc = pw_history_get_document (self->history);
  set_selected_cable (self, NULL);
  for (guint i = 0; i < pw_document_get_n_devices (doc); i++)
    g_hash_table_add (self->selected, pw_document_get_device (doc, i));
  selection_changed (self);
}

/* Drops what the document no longer holds (after an undo, say). */
static void
prune_selection (PwCanvas *self)
{
  PwDocument *doc = pw_history_get_document (self->history);
  GHashTableIter iter;
  gpointer key;
  gboolean changed = FALSE;

  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PwDevice *d = key;

      if (d->index >= pw_document_get_n_devices (doc) || pw_document_get_device (doc, d->index) != d)
        {
          g_hash_table_iter_remove (&iter);
          changed = TRUE;
        }
    }
  /* The cable is found again by its id: changing its type replaces it. */
  if (self->selected_cable_id != NULL)
    {
      PwCable *cable = pw_document_lookup_cable (doc, self->selected_cable_id);

      if (cable != self->selected_cable)
        {
          set_selected_cable (self, cable);
          changed = TRUE;
        }
    }
  if (changed)
    selection_changed (self);
}

void
pw_canvas_delete_selection (PwCanvas *self)
{
  g_autoptr(GPtrArray) devices = pw_canvas_get_selected_devices (self);

  if (self->history == NULL || (devices->len == 0 && self->selected_cable == NULL))
    return;
  pw_history_begin (self->history, _("Delete"));
  if (self->selected_cable != NULL)
    pw_edit_remove_cable (self->history, self->selected_cable);
  for (guint i = 0; i < devices->len; i++)
    pw_edit_remove_device (self->history, g_ptr_array_index (devices, i));
  g_hash_table_remove_all (self->selected);
  set_selected_cable (self, NULL);
  pw_history_end (self->history);
  selection_changed (self);
}

/* View */

const PwView *
pw_canvas_get_view (PwCanvas *self)
{
  return &self->view;
}

void
pw_canvas_set_view (PwCanvas     *self,
                    const PwView *view)
{
  self->view = *view;
  self->view.zoom = CLAMP (self->view.zoom, PW_CANVAS_MIN_ZOOM, PW_CANVAS_MAX_ZOOM);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pw_canvas_zoom (PwCanvas *self,
                double    factor)
{
  self->fitted = TRUE;
  pw_view_zoom_at (&self->view, factor, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                   gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pw_canvas_zoom_reset (PwCanvas *self)
{
  pw_canvas_zoom (self, 1.0 / self->view.zoom);
}

void
pw_canvas_zoom_to_fit (PwCanvas *self)
{
  PwRect bounds;

  if (self->render == NULL)
    return;
  pw_render_get_bounds (self->render, &bounds);
  pw_view_fit (&self->view, &bounds, gtk_widget_get_width (GTK_WIDGET (self)),
               gtk_widget_get_height (GTK_WIDGET (self)), 24);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pw_canvas_reveal (PwCanvas     *self,
                  const PwRect *rect)
{
  self->fitted = TRUE;
  double w = gtk_widget_get_width (GTK_WIDGET (self)) / self->view.zoom;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) / self->view.zoom;

  if (rect->x >= self->view.x && rect->y >= self->view.y &&
      rect->x + rect->width <= self->view.x + w && rect->y + rect->height <= self->view.y + h)
    return;
  self->view.x = rect->x + rect->width / 2 - w / 2;
  self->view.y = rect->y + rect->height / 2 - h / 2;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pw_canvas_set_snap (PwCanvas *self,
                    gboolean  snap)
{
  self->snap = snap;
}

gboolean
pw_canvas_get_snap (PwCanvas *self)
{
  return self->snap;
}

void
pw_canvas_set_dark (PwCanvas *self,
                    gboolean  dark)
{
  self->dark = dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pw_canvas_set_marks (PwCanvas *self,
                     PwMarks  *marks)
{
  g_return_if_fail (PW_IS_CANVAS (self));

  if (self->marks == marks)
    return;
  g_clear_pointer (&self->marks, pw_marks_unref);
  self->marks = marks != NULL ? pw_marks_ref (marks) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

PwMarks *
pw_canvas_get_marks (PwCanvas *self)
{
  g_return_val_if_fail (PW_IS_CANVAS (self), NULL);
  return self->marks;
}

void
pw_canvas_set_history (PwCanvas  *self,
                       PwHistory *history,
                       PwRender  *render)
{
  g_set_object (&self->history, history);
  self->render = render;
  g_hash_table_remove_all (self->selected);
  set_selected_cable (self, NULL);
  self->fitted = FALSE;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  selection_changed (self);
}

void
pw_canvas_refresh (PwCanvas *self)
{
  if (self->history != NULL)
    prune_selection (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Drawing */

static void
draw_selection (PwCanvas        *self,
                cairo_t         *cr,
                const PwPalette *palette)
{
  GHashTableIter iter;
  gpointer key;

  /* The renderer may leave a current point behind. */
  cairo_new_path (cr);
  pw_palette_set_source (cr, &palette->selection);
  cairo_set_line_width (cr, 3 / self->view.zoom);
  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PwRect r;

      pw_render_get_card_rect (self->render, ((PwDevice *) key)->index, &r);
      cairo_rectangle (cr, r.x - 4 / self->view.zoom, r.y - 4 / self->view.zoom,
                       r.width + 8 / self->view.zoom, r.height + 8 / self->view.zoom);
      cairo_stroke (cr);
    }

  /* A selected cable is highlighted along its whole path, under a
   * translucent band that leaves its own dashes readable. */
  if (self->selected_cable != NULL)
    {
      cairo_new_path (cr);
      pw_render_cable_path (self->render, cr, self->selected_cable->index);
      cairo_set_source_rgba (cr, palette->selection.r, palette->selection.g, palette->selection.b,
                             0.45);
      cairo_set_line_width (cr, 7 / self->view.zoom);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
    }
}

static gboolean
refine_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  PwCanvas *self = PW_CANVAS (widget);

  self->refine_tick = 0;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_REMOVE;
}

static gboolean
prefetch_cb (gpointer data)
{
  PwCanvas *self = data;
  GtkWidget *widget = GTK_WIDGET (self);
  PwTileView view = { self->view.x, self->view.y, self->view.zoom,
                      gtk_widget_get_scale_factor (widget),
                      gtk_widget_get_width (widget), gtk_widget_get_height (widget),
                      PW_CANVAS_GRID };

  if (self->render == NULL || self->drag == DRAG_MOVE || view.width <= 0 ||
      !pw_tiles_prefetch (self->tiles, self->render, pw_palette_get (self->dark), &view,
                          PREFETCH_SLICE_US))
    {
      self->prefetch_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* When the frame is done, tiles one step beyond the view get drawn at
 * idle, so that panning finds them ready. */
static void
schedule_prefetch (PwCanvas *self)
{
  if (self->prefetch_source == 0 && self->drag != DRAG_MOVE)
    self->prefetch_source = g_idle_add_full (G_PRIORITY_LOW, prefetch_cb, self, NULL);
}

static void
pw_canvas_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  PwCanvas *self = PW_CANVAS (widget);
  const PwPalette *palette = pw_palette_get (self->dark);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;
  PwTileView tile_view;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* No plan, or an empty one, which says how to begin. */
  if (self->render == NULL ||
      pw_document_get_n_devices (pw_history_get_document (self->history)) == 0)
    {
      g_autoptr(PangoLayout) layout =
        gtk_widget_create_pango_layout (widget, _("Drag devices here from the palette,\n"
                                                  "then drag from port to port to connect them"));
      int lw, lh;

      pw_palette_set_source (cr, &palette->background);
      cairo_paint (cr);
      pw_render_draw_grid (cr, palette, self->view.x, self->view.y, self->view.zoom,
                           PW_CANVAS_GRID, width, height);
      if (self->render == NULL)
        {
          cairo_destroy (cr);
          return;
        }
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      pw_palette_set_source (cr, &palette->dim);
      cairo_move_to (cr, (width - lw) / 2, (height - lh) / 2);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);
      return;
    }

  tile_view = (PwTileView) { self->view.x, self->view.y, self->view.zoom,
                             gtk_widget_get_scale_factor (widget), (int) ceil (width),
                             (int) ceil (height), PW_CANVAS_GRID };
  pw_tiles_snap_view (&tile_view);
  if (pw_tiles_draw (self->tiles, self->render, cr, palette, &tile_view,
                     PW_TILES_FRAME_BUDGET_US))
    schedule_prefetch (self);
  else if (self->refine_tick == 0)
    self->refine_tick = gtk_widget_add_tick_callback (widget, refine_tick_cb, NULL, NULL);

  /* Overlays share the tiles' pixel-aligned view. */
  cairo_save (cr);
  cairo_scale (cr, self->view.zoom, self->view.zoom);
  cairo_translate (cr, -tile_view.x, -tile_view.y);
  if (self->drag_apart)
    {
      PwRect visible = { tile_view.x, tile_view.y, width / self->view.zoom,
                         height / self->view.zoom };

      pw_render_draw_hidden (self->render, cr, palette, &visible,
                             self->view.zoom * tile_view.scale);
    }
  if (self->marks != NULL)
    {
      PwRect visible = { tile_view.x, tile_view.y, width / self->view.zoom,
                         height / self->view.zoom };

      pw_render_draw_marks (self->render, cr, palette, self->marks, &visible,
                            self->view.zoom * tile_view.scale);
    }
  draw_selection (self, cr, palette);

  if (self->drag == DRAG_WIRE ||
      (self->drag == DRAG_END && self->wire_from.cable >= 0))
    {
      double x0, y0, x1, y1;

      if (self->drag == DRAG_WIRE)
        pw_render_get_port_anchor (self->render, self->wire_from.device, self->wire_from.port,
                                   &x0, &y0);
      else if (!pw_render_get_free_end (self->render, (guint) self->wire_from.cable,
                                        (guint) self->wire_from.end, &x0, &y0))
        pw_view_to_document (&self->view, self->drag_start_x, self->drag_start_y, &x0, &y0);
      pw_view_to_document (&self->view, self->drag_x, self->drag_y, &x1, &y1);
      if (self->hover.kind == PW_HIT_PORT)
        pw_render_get_port_anchor (self->render, self->hover.device, self->hover.port, &x1, &y1);
      pw_palette_set_source (cr, &palette->selection);
      cairo_set_line_width (cr, 2.5 / self->view.zoom);
      cairo_new_path (cr);
      cairo_move_to (cr, x0, y0);
      cairo_curve_to (cr, x0 + (x1 - x0) / 2, y0, x0 + (x1 - x0) / 2, y1, x1, y1);
      cairo_stroke (cr);
      cairo_arc (cr, x1, y1, 5 / self->view.zoom, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_restore (cr);

  if (self->drag == DRAG_RUBBER_BAND)
    {
      double x = MIN (self->drag_start_x, self->drag_x);
      double y = MIN (self->drag_start_y, self->drag_y);

      cairo_rectangle (cr, x + 0.5, y + 0.5, fabs (self->drag_x - self->drag_start_x),
                       fabs (self->drag_y - self->drag_start_y));
      cairo_set_source_rgba (cr, palette->selection.r, palette->selection.g,
                             palette->selection.b, 0.15);
      cairo_fill_preserve (cr);
      pw_palette_set_source (cr, &palette->selection);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
pw_canvas_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  PwCanvas *self = PW_CANVAS (widget);

  /* Until the user moves the view, the whole plan stays in sight. */
  if (!self->fitted && self->render != NULL && width > 1 && height > 1)
    pw_canvas_zoom_to_fit (self);
}

/* Connecting */

static const char *
cable_name (PwCable *cable)
{
  return cable->label != NULL && *cable->label != '\0' ? cable->label : cable->id;
}

/* The cable in @port of @device, if any, remembered before an edit plugs
 * something else there, and told about after. */
typedef struct
{
  PwCable  *cable;
  PwDevice *device;
  guint     port;
} Occupant;

static void
note_occupant (PwCanvas *self,
               PwDevice *device,
               guint     port,
               Occupant *occupant)
{
  int end;

  occupant->cable = pw_document_find_cable_at (pw_history_get_document (self->history), device,
                                               (int) port, &end);
  occupant->device = device;
  occupant->port = port;
}

/* Nothing is unplugged silently: a toast says which cable made room, with
 * Undo. */
static void
tell_displaced (PwCanvas       *self,
                const Occupant *occupants,
                guint           n,
                PwCable        *except)
{
  for (guint i = 0; i < n; i++)
    {
      const Occupant *o = &occupants[i];
      g_autofree char *text = NULL;

      if (o->cable == NULL || o->cable == except)
        continue;
      text = g_strdup_printf (_("%s unplugged from %s: %s"), cable_name (o->cable),
                              o->device->name, o->device->type->ports[o->port].label);
      g_signal_emit (self, signals[SIGNAL_NOTICE], 0, text);
    }
}

static PwCable *
connect_now (PwCanvas  *self,
             PwDevice  *from,
             guint      from_port,
             PwDevice  *to,
             guint      to_port,
             GError   **error)
{
  const PwPortType *a = &from->type->ports[from_port];
  const PwPortType *b = &to->type->ports[to_port];
  g_autoptr(GArray) choices = NULL;
  PwCableChoice *best;
  PwCable *cable;
  Occupant occupants[2];

  choices = pw_suggest_connections (a, b);
  if (choices->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No cable in the catalogue fits %s (%s) and %s (%s)"),
                   a->label, a->family->name, b->label, b->family->name);
      return NULL;
    }

  note_occupant (self, from, from_port, &occupants[0]);
  note_occupant (self, to, to_port, &occupants[1]);
  best = &g_array_index (choices, PwCableChoice, 0);
  pw_history_begin (self->history, _("Connect"));
  /* A direct connection has no length (DESIGN.md §4). */
  if (pw_cable_type_is_direct (best->type))
    cable = pw_edit_add_cable (self->history, best->type, NULL, 0, FALSE);
  else
    cable = pw_edit_add_cable (self->history, best->type, NULL, 3, TRUE);
  pw_edit_plug (self->history, cable, best->end_a, from, from_port);
  pw_edit_plug (self->history, cable, best->end_b, to, to_port);
  pw_edit_number_cables (self->history, &cable, 1);
  pw_history_end (self->history);
  tell_displaced (self, occupants, 2, NULL);
  return cable;
}

static gboolean
is_stereo_output (const PwPortType *port)
{
  return port->direction == PW_DIRECTION_OUT && pw_port_type_has_role (port, PW_ROLE_LEFT) &&
         pw_port_type_has_role (port, PW_ROLE_RIGHT);
}

static gboolean
is_mono_input (const PwPortType *port)
{
  return port->direction == PW_DIRECTION_IN && !pw_port_type_has_role (port, PW_ROLE_LEFT) &&
         !pw_port_type_has_role (port, PW_ROLE_RIGHT);
}

/* A second cable from a stereo output that already feeds one mono input
 * into another: what a phone's two channels into two inputs need is one
 * breakout lead, not a second cable. */
typedef struct
{
  PwCanvas        *self;
  PwBreakoutChoice choice;
  PwCable         *old;
  PwDevice        *source;
  guint            source_port;
  PwDevice        *left;
  guint            left_port;
  PwDevice        *right;
  guint            right_port;
  gboolean         source_first; /* the user dragged from the source */
} Breakout;

static gboolean
find_breakout (PwCanvas *self,
               PwDevice *source,
               guint     source_port,
               PwDevice *right,
               guint     right_port,
               Breakout *breakout)
{
  const PwPortType *out = &source->type->ports[source_port];
  const PwPortType *in = &right->type->ports[right_port];
  PwCable *old;
  PwPlug *other = NULL;
  int end;

  if (!is_stereo_output (out) || !is_mono_input (in))
    return FALSE;
  old = pw_document_find_cable_at (pw_history_get_document (self->history), source,
                                   (int) source_port, &end);
  if (old == NULL || old->type->n_ends != 2)
    return FALSE;
  other = &old->ends[1 - end];
  if (other->device == NULL || (other->device == right && (guint) other->port == right_port) ||
      !is_mono_input (&other->device->type->ports[other->port]))
    return FALSE;
  memset (breakout, 0, sizeof *breakout);
  if (!pw_suggest_breakout (pw_catalogue_get_user (), out, &other->device->type->ports[other->port],
                            in, &breakout->choice) &&
      !pw_suggest_breakout (pw_catalogue_get_builtin (), out,
                            &other->device->type->ports[other->port], in, &breakout->choice))
    return FALSE;
  breakout->self = self;
  breakout->old = old;
  breakout->source = source;
  breakout->source_port = source_port;
  breakout->left = other->device;
  breakout->left_port = (guint) other->port;
  breakout->right = right;
  breakout->right_port = right_port;
  return TRUE;
}

static PwCable *
use_breakout (PwCanvas       *self,
              const Breakout *b)
{
  double length = b->old->has_length ? b->old->length_m : 3;
  Occupant occupant;
  PwCable *cable;

  note_occupant (self, b->right, b->right_port, &occupant);
  pw_history_begin (self->history, _("Use Breakout Lead"));
  pw_edit_remove_cable (self->history, b->old);
  cable = pw_edit_add_cable (self->history, b->choice.type, NULL, length, TRUE);
  pw_edit_plug (self->history, cable, b->choice.end_source, b->source, (int) b->source_port);
  pw_edit_plug (self->history, cable, b->choice.end_left, b->left, (int) b->left_port);
  pw_edit_plug (self->history, cable, b->choice.end_right, b->right, (int) b->right_port);
  pw_history_end (self->history);
  tell_displaced (self, &occupant, 1, NULL);
  return cable;
}

static void
breakout_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Breakout         *b)
{
  PwCanvas *self = b->self;
  PwDocument *doc = pw_history_get_document (self->history);
  int end;
  PwCable *cable = NULL;

  /* The plan may have changed meanwhile (autosave does not, but a window
   * can be closed): act only if the old cable is still where it was. */
  if (pw_document_find_cable_at (doc, b->source, (int) b->source_port, &end) == b->old)
    {
      g_autoptr(GError) error = NULL;

      if (g_str_equal (response, "breakout"))
        cable = use_breakout (self, b);
      else if (g_str_equal (response, "replace"))
        cable = b->source_first ? connect_now (self, b->source, b->source_port, b->right,
                                               b->right_port, &error)
                                : connect_now (self, b->right, b->right_port, b->source,
                                               b->source_port, &error);
      if (error != NULL)
        g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, error->message);
    }
  if (cable != NULL)
    pw_canvas_select_cable (self, cable);
  g_object_unref (self);
  g_free (b);
}

static void
offer_breakout (PwCanvas *self,
                Breakout *b)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  const char *type_name = pw_catalogue_type_name (b->choice.type->name);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Feed Both Inputs?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s: %s already feeds %s: %s through %s. A breakout lead "
                                    "(%s) carries the left channel there and the right "
                                    "channel to %s: %s."),
                                  b->source->name, b->source->type->ports[b->source_port].label,
                                  b->left->name, b->left->type->ports[b->left_port].label,
                                  cable_name (b->old), type_name, b->right->name,
                                  b->right->type->ports[b->right_port].label);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "replace", _("_Move the Cable"),
                                    "breakout", _("Use _Breakout Lead"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "breakout", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "breakout");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (breakout_response_cb), b);
  g_object_ref (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

PwCable *
pw_canvas_connect (PwCanvas  *self,
                   PwDevice  *from,
                   guint      from_port,
                   PwDevice  *to,
                   guint      to_port,
                   GError   **error)
{
  Breakout b;

  g_return_val_if_fail (PW_IS_CANVAS (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (find_breakout (self, from, from_port, to, to_port, &b) ||
      find_breakout (self, to, to_port, from, from_port, &b))
    {
      b.source_first = b.source == from && b.source_port == from_port;
      offer_breakout (self, g_memdup2 (&b, sizeof b));
      return NULL;
    }
  return connect_now (self, from, from_port, to, to_port, error);
}

static const char *
plug_or_socket (PwGender gender)
{
  return gender == PW_GENDER_MALE ? _("plug") : _("socket");
}

/* Plugs the free end @end of @cable into a port, if it fits. */
static void
plug_free_end (PwCanvas *self,
               PwCable  *cable,
               guint     end,
               PwDevice *device,
               guint     port)
{
  const PwCableEndType *e = &cable->type->ends[end];
  const PwPortType *p = &device->type->ports[port];
  const PwMate *mate;
  gboolean end_is_plug;
  Occupant occupant;

  if (pw_connector_table_mate (pw_connector_table_get_default (), e->family, e->gender,
                               p->family, p->gender, &mate, &end_is_plug) != PW_MATE_OK)
    {
      g_autofree char *text = g_strdup_printf (_("This end of %s (%s %s) does not fit %s: %s (%s %s)"),
                                               cable_name (cable), e->family->name,
                                               plug_or_socket (e->gender),
                                               device->name, p->label, p->family->name,
                                               plug_or_socket (p->gender));

      g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text);
      return;
    }
  note_occupant (self, device, port, &occupant);
  pw_history_begin (self->history, _("Plug In Cable End"));
  pw_edit_plug (self->history, cable, end, device, (int) port);
  pw_history_end (self->history);
  tell_displaced (self, &occupant, 1, cable);
  pw_canvas_select_cable (self, cable);
}

gboolean
pw_canvas_plug_end_into_end (PwCanvas  *self,
                             PwCable   *cable,
                             guint      end,
                             PwCable   *other,
                             guint      other_end,
                             GError   **error)
{
  const PwCableEndType *e, *o;
  const PwMate *mate;
  gboolean end_is_plug;
  PwCable *plugging, *into;
  guint plugging_end, into_end;
  PwMateResult res;

  g_return_val_if_fail (PW_IS_CANVAS (self) && self->history != NULL, FALSE);
  g_return_val_if_fail (end < cable->type->n_ends && other_end < other->type->n_ends, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  e = &cable->type->ends[end];
  o = &other->type->ends[other_end];
  if (other == cable)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s cannot be plugged into its own other end"), cable_name (cable));
      return FALSE;
    }
  res = pw_connector_table_mate (pw_connector_table_get_default (), e->family, e->gender,
                                 o->family, o->gender, &mate, &end_is_plug);
  if (res != PW_MATE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   res == PW_MATE_GENDER
                     ? _("This end of %s (%s %s) cannot mate with the end of %s (%s %s): "
                         "two of a kind")
                     : _("This end of %s (%s %s) does not fit the end of %s (%s %s)"),
                   cable_name (cable), e->family->name, plug_or_socket (e->gender),
                   cable_name (other), o->family->name, plug_or_socket (o->gender));
      return FALSE;
    }

  /* The link is written by the end that plugs in (DESIGN.md §4): the plug. */
  plugging = end_is_plug ? cable : other;
  plugging_end = end_is_plug ? end : other_end;
  into = end_is_plug ? other : cable;
  into_end = end_is_plug ? other_end : end;
  pw_history_begin (self->history, _("Plug Into Cable End"));
  pw_edit_plug_into_cable (self->history, plugging, plugging_end, into, (int) into_end);
  pw_history_end (self->history);
  pw_canvas_select_cable (self, cable);
  return TRUE;
}

/* Input */

static void
hit_at (PwCanvas *self,
        double    wx,
        double    wy,
        PwHit    *hit)
{
  double dx, dy;

  memset (hit, 0, sizeof *hit);
  hit->kind = PW_HIT_NONE;
  hit->device = hit->port = hit->cable = hit->end = -1;
  if (self->render == NULL)
    return;
  pw_view_to_document (&self->view, wx, wy, &dx, &dy);
  pw_render_hit_test (self->render, dx, dy, 6 / self->view.zoom, hit);
}

static PwDevice *
device_at (PwCanvas *self,
           int       index)
{
  return pw_document_get_device (pw_history_get_document (self->history), index);
}

/* Secondary click: select what is under the pointer (keeping a selection
 * it belongs to) and ask for its menu. */
static void
secondary_pressed_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      PwCanvas        *self)
{
  PwHit hit;

  if (self->history == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  hit_at (self, x, y, &hit);
  if (hit.kind == PW_HIT_DEVICE || hit.kind == PW_HIT_PORT)
    {
      PwDevice *device = device_at (self, hit.device);

      if (!g_hash_table_contains (self->selected, device))
        pw_canvas_select_device (self, device, FALSE);
    }
  else if (hit.kind == PW_HIT_CABLE || hit.kind == PW_HIT_CABLE_END)
    pw_canvas_select_cable (self, pw_document_get_cable (pw_history_get_document (self->history),
                                                         hit.cable));
  else
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[SIGNAL_CONTEXT_MENU], 0, x, y);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PwCanvas       *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  PwHit hit;

  /* The secondary button opens the context menu (secondary_pressed_cb). */
  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      self->drag = DRAG_NONE;
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_start_x = self->drag_x = x;
  self->drag_start_y = self->drag_y = y;
  self->drag_view = self->view;

  if (button == GDK_BUTTON_MIDDLE || self->space_down || self->history == NULL)
    {
      self->drag = DRAG_PAN;
      return;
    }

  hit_at (self, x, y, &hit);
  if (hit.kind == PW_HIT_CABLE_END)
    {
      self->drag = DRAG_END;
      self->wire_from = hit;
      pw_canvas_select_cable (self, pw_document_get_cable (pw_history_get_document (self->history),
                                                           hit.cable));
    }
  else if (hit.kind == PW_HIT_PORT)
    {
      self->drag = DRAG_WIRE;
      self->wire_from = hit;
    }
  else if (hit.kind == PW_HIT_DEVICE)
    {
      PwDevice *device = device_at (self, hit.device);
      g_autoptr(GPtrArray) devices = NULL;

      if (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
        {
          if (!g_hash_table_remove (self->selected, device))
            g_hash_table_add (self->selected, device);
          set_selected_cable (self, NULL);
          selection_changed (self);
        }
      else if (!g_hash_table_contains (self->selected, device))
        pw_canvas_select_device (self, device, FALSE);

      self->drag = DRAG_MOVE;
      devices = pw_canvas_get_selected_devices (self);
      g_ptr_array_set_size (self->drag_devices, 0);
      g_array_set_size (self->drag_origins, 0);
      for (guint i = 0; i < devices->len; i++)
        {
          PwDevice *d = g_ptr_array_index (devices, i);
          PwRect r;

          pw_render_get_card_rect (self->render, d->index, &r);
          g_ptr_array_add (self->drag_devices, d);
          g_array_append_val (self->drag_origins, r.x);
          g_array_append_val (self->drag_origins, r.y);
        }
    }
  else if (hit.kind == PW_HIT_CABLE)
    {
      self->drag = DRAG_NONE;
      pw_canvas_select_cable (self, pw_document_get_cable (pw_history_get_document (self->history),
                                                           hit.cable));
    }
  else
    {
      self->drag = DRAG_RUBBER_BAND;
      if (!(state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)))
        pw_canvas_clear_selection (self);
    }
}

static void
invalidate_tiles (PwCanvas *self,
                  GArray   *dirty)
{
  for (guint i = 0; i < dirty->len; i++)
    pw_tiles_invalidate (self->tiles, self->render, &g_array_index (dirty, PwRect, i));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          ox,
                double          oy,
                PwCanvas       *self)
{
  self->drag_x = self->drag_start_x + ox;
  self->drag_y = self->drag_start_y + oy;

  switch (self->drag)
    {
    case DRAG_PAN:
      self->fitted = TRUE;
      self->view.x = self->drag_view.x - ox / self->view.zoom;
      self->view.y = self->drag_view.y - oy / self->view.zoom;
      break;

    case DRAG_MOVE:
      {
        double dx = ox / self->view.zoom, dy = oy / self->view.zoom;
        g_autoptr(GArray) moved = g_array_sized_new (FALSE, FALSE, sizeof (guint),
                                                     self->drag_devices->len);
        g_autoptr(GArray) dirty = g_array_new (FALSE, FALSE, sizeof (PwRect));

        /* Live move without history; the step is recorded on release.
         * The moved cards and their cables leave the tiles and are drawn
         * over them (see pw_canvas_snapshot ()) until then. */
        for (guint i = 0; i < self->drag_devices->len; i++)
          {
            PwDevice *d = g_ptr_array_index (self->drag_devices, i);
            double x = g_array_index (self->drag_origins, double, 2 * i) + dx;
            double y = g_array_index (self->drag_origins, double, 2 * i + 1) + dy;

            d->x = self->snap ? pw_snap (x, PW_CANVAS_GRID) : x;
            d->y = self->snap ? pw_snap (y, PW_CANVAS_GRID) : y;
            d->has_position = TRUE;
            g_array_append_val (moved, d->index);
          }
        /* (Again if the plan was re-rendered meanwhile, which shows all.) */
        if (!self->drag_apart ||
            pw_render_get_generation (self->render) != self->drag_generation)
          {
            pw_render_set_hidden (self->render, (const guint *) (gpointer) moved->data,
                                  moved->len, dirty);
            invalidate_tiles (self, dirty);
            self->drag_apart = TRUE;
            self->drag_generation = pw_render_get_generation (self->render);
          }
        pw_render_move_devices (self->render, (const guint *) (gpointer) moved->data, moved->len,
                                dirty);
      }
      break;

    case DRAG_WIRE:
    case DRAG_END:
      hit_at (self, self->drag_x, self->drag_y, &self->hover);
      if (self->hover.kind != PW_HIT_PORT)
        self->hover.kind = PW_HIT_NONE;
      break;

    case DRAG_RUBBER_BAND:
    case DRAG_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          ox,
             double          oy,
             PwCanvas       *self)
{
  DragMode mode = self->drag;

  self->drag = DRAG_NONE;
  if (self->drag_apart)
    {
      g_autoptr(GArray) dirty = g_array_new (FALSE, FALSE, sizeof (PwRect));

      /* Back into the tiles, where they are now. */
      pw_render_set_hidden (self->render, NULL, 0, dirty);
      invalidate_tiles (self, dirty);
      self->drag_apart = FALSE;
    }
  switch (mode)
    {
    case DRAG_MOVE:
      if (fabs (ox) + fabs (oy) > 0.5)
        {
          g_autoptr(GArray) targets = g_array_new (FALSE, FALSE, sizeof (double));

          /* Put the devices back, then move them as one undoable step. */
          for (guint i = 0; i < self->drag_devices->len; i++)
            {
              PwDevice *d = g_ptr_array_index (self->drag_devices, i);

              g_array_append_val (targets, d->x);
              g_array_append_val (targets, d->y);
              d->x = g_array_index (self->drag_origins, double, 2 * i);
              d->y = g_array_index (self->drag_origins, double, 2 * i + 1);
            }
          pw_history_begin (self->history,
                            self->drag_devices->len > 1 ? _("Move Devices") : _("Move Device"));
          for (guint i = 0; i < self->drag_devices->len; i++)
            pw_edit_move_device (self->history, g_ptr_array_index (self->drag_devices, i),
                                 g_array_index (targets, double, 2 * i),
                                 g_array_index (targets, double, 2 * i + 1));
          pw_history_end (self->history);
        }
      break;

    case DRAG_WIRE:
      {
        PwHit target;

        hit_at (self, self->drag_x, self->drag_y, &target);
        if (target.kind == PW_HIT_PORT &&
            !(target.device == self->wire_from.device && target.port == self->wire_from.port))
          {
            g_autoptr(GError) error = NULL;
            PwCable *cable = pw_canvas_connect (self, device_at (self, self->wire_from.device),
                                                self->wire_from.port,
                                                device_at (self, target.device), target.port,
                                                &error);

            if (cable != NULL)
              pw_canvas_select_cable (self, cable);
            else if (error != NULL)
              g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, error->message);
          }
      }
      break;

    case DRAG_END:
      {
        PwHit target;
        PwDocument *doc = pw_history_get_document (self->history);
        PwCable *cable = pw_document_get_cable (doc, self->wire_from.cable);

        hit_at (self, self->drag_x, self->drag_y, &target);
        if (target.kind == PW_HIT_PORT)
          plug_free_end (self, cable, (guint) self->wire_from.end, device_at (self, target.device),
                         (guint) target.port);
        else if (target.kind == PW_HIT_CABLE_END &&
                 !(target.cable == self->wire_from.cable && target.end == self->wire_from.end))
          {
            g_autoptr(GError) error = NULL;

            if (!pw_canvas_plug_end_into_end (self, cable, (guint) self->wire_from.end,
                                              pw_document_get_cable (doc, target.cable),
                                              (guint) target.end, &error))
              g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, error->message);
          }
      }
      break;

    case DRAG_RUBBER_BAND:
      {
        g_autoptr(GArray) devices = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr(GArray) cables = g_array_new (FALSE, FALSE, sizeof (guint));
        double x0, y0, x1, y1;
        PwRect r;

        pw_view_to_document (&self->view, self->drag_start_x, self->drag_start_y, &x0, &y0);
        pw_view_to_document (&self->view, self->drag_x, self->drag_y, &x1, &y1);
        r.x = MIN (x0, x1);
        r.y = MIN (y0, y1);
        r.width = fabs (x1 - x0);
        r.height = fabs (y1 - y0);
        pw_render_query (self->render, &r, devices, cables);
        for (guint i = 0; i < devices->len; i++)
          {
            PwRect card;
            guint d = g_array_index (devices, guint, i);

            /* Only cards wholly inside the band. */
            pw_render_get_card_rect (self->render, d, &card);
            if (card.x >= r.x && card.y >= r.y && card.x + card.width <= r.x + r.width &&
                card.y + card.height <= r.y + r.height)
              g_hash_table_add (self->selected, device_at (self, d));
          }
        selection_changed (self);
      }
      break;

    case DRAG_PAN:
    case DRAG_NONE:
    default:
      break;
    }
  self->hover.kind = PW_HIT_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PwCanvas                 *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkScrollUnit unit = gtk_event_controller_scroll_get_unit (controller);
  double step = unit == GDK_SCROLL_UNIT_WHEEL ? 40 : 1;

  self->fitted = TRUE;
  if (state & GDK_CONTROL_MASK)
    /* Zoom about the pointer: the point under it stays under it. */
    pw_view_zoom_at (&self->view, pow (1.15, -dy * (unit == GDK_SCROLL_UNIT_WHEEL ? 1 : 0.1)),
                     self->pointer_x, self->pointer_y);
  else if (state & GDK_SHIFT_MASK)
    self->view.x += dy * step / self->view.zoom;
  else
    {
      self->view.x += dx * step / self->view.zoom;
      self->view.y += dy * step / self->view.zoom;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PwCanvas                 *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               PwCanvas         *self)
{
  self->fitted = TRUE;
  self->zoom_gesture_start = self->view.zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       PwCanvas       *self)
{
  double cx, cy;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy);
  pw_view_zoom_at (&self->view, self->zoom_gesture_start * scale / self->view.zoom, cx, cy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PwCanvas              *self)
{
  double step = 60 / self->view.zoom;

  if ((state & GDK_CONTROL_MASK) && !(state & (GDK_SHIFT_MASK | GDK_ALT_MASK)))
    {
      switch (keyval)
        {
        case GDK_KEY_a:
          pw_canvas_select_all (self);
          return TRUE;
        case GDK_KEY_c:
          return gtk_widget_activate_action (GTK_WIDGET (self), "win.copy", NULL);
        case GDK_KEY_v:
          return gtk_widget_activate_action (GTK_WIDGET (self), "win.paste", NULL);
        case GDK_KEY_d:
          return gtk_widget_activate_action (GTK_WIDGET (self), "win.duplicate", NULL);
        default:
          return FALSE;
        }
    }

  /* Arrows move the selected devices a grid step (Shift: ten), or pan. */
  if (g_hash_table_size (self->selected) > 0 &&
      (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right || keyval == GDK_KEY_Up ||
       keyval == GDK_KEY_Down))
    {
      g_autoptr(GPtrArray) devices = pw_canvas_get_selected_devices (self);
      double d = PW_CANVAS_GRID * ((state & GDK_SHIFT_MASK) ? 10 : 1);
      double dx = keyval == GDK_KEY_Left ? -d : keyval == GDK_KEY_Right ? d : 0;
      double dy = keyval == GDK_KEY_Up ? -d : keyval == GDK_KEY_Down ? d : 0;

      pw_history_begin (self->history, devices->len > 1 ? _("Move Devices") : _("Move Device"));
      for (guint i = 0; i < devices->len; i++)
        {
          PwDevice *device = g_ptr_array_index (devices, i);
          PwRect r;

          pw_render_get_card_rect (self->render, device->index, &r);
          pw_edit_move_device (self->history, device, r.x + dx, r.y + dy);
        }
      pw_history_end (self->history);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_space:
      self->space_down = TRUE;
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_BackSpace:
      pw_canvas_delete_selection (self);
      return TRUE;
    case GDK_KEY_Escape:
      pw_canvas_clear_selection (self);
      return TRUE;
    case GDK_KEY_Left:
      self->fitted = TRUE;
      self->view.x -= step;
      break;
    case GDK_KEY_Right:
      self->fitted = TRUE;
      self->view.x += step;
      break;
    case GDK_KEY_Up:
      self->fitted = TRUE;
      self->view.y -= step;
      break;
    case GDK_KEY_Down:
      self->fitted = TRUE;
      self->view.y += step;
      break;
    default:
      return FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 PwCanvas              *self)
{
  if (keyval == GDK_KEY_space)
    self->space_down = FALSE;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PwCanvas      *self)
{
  const char *text = g_value_get_string (value);
  PwDeviceType *type;
  PwDocument *doc;
  PwDevice *device;
  double dx, dy, w, h;

  if (self->history == NULL || text == NULL || !g_str_has_prefix (text, "patchwise-device-type:"))
    return FALSE;
  doc = pw_history_get_document (self->history);
  type = pw_document_resolve_device_type (doc, text + strlen ("patchwise-device-type:"));
  if (type == NULL)
    return FALSE;

  /* The card lands centred under the pointer. */
  pw_render_card_size (type, &w, &h);
  pw_view_to_document (&self->view, x, y, &dx, &dy);
  dx -= w / 2;
  dy -= PW_RENDER_HEADER_HEIGHT / 2;
  if (self->snap)
    {
      dx = pw_snap (dx, PW_CANVAS_GRID);
      dy = pw_snap (dy, PW_CANVAS_GRID);
    }
  self->fitted = TRUE;
  device = pw_edit_add_device (self->history, type, NULL, dx, dy);
  pw_canvas_select_device (self, device, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

static char *
roles_text (const PwPortType *port)
{
  GString *s = g_string_new (NULL);

  for (guint c = 0; c < port->family->n_contacts; c++)
    g_string_append_printf (s, "%s%s %s", c ? ", " : "", port->family->contacts[c],
                            pw_role_to_string (port->roles[c]));
  return g_string_free (s, FALSE);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  PwCanvas   *self)
{
  PwHit hit;
  PwDevice *device;
  const PwPortType *port;
  g_autofree char *roles = NULL;
  g_autofree char *text = NULL;

  if (keyboard || self->history == NULL)
    return FALSE;
  hit_at (self, x, y, &hit);
  if (hit.kind != PW_HIT_PORT)
    return FALSE;
  device = device_at (self, hit.device);
  port = &device->type->ports[hit.port];
  roles = roles_text (port);
  /* Translators: a port's tooltip: device and port, connector and gender, signal and level, pins. */
  text = g_markup_printf_escaped (_("<b>%s — %s</b>\n%s %s · %s · %s\n%s"),
                                  device->name, port->label, port->family->name,
                                  port->gender == PW_GENDER_MALE ? _("male") : _("female"),
                                  pw_signal_to_string (port->signal), pw_level_to_string (port->level),
                                  roles);
  gtk_tooltip_set_markup (tooltip, text);
  return TRUE;
}

static void
pw_canvas_dispose (GObject *object)
{
  PwCanvas *self = PW_CANVAS (object);

  g_clear_object (&self->history);
  self->render = NULL;
  g_clear_pointer (&self->marks, pw_marks_unref);
  g_clear_handle_id (&self->prefetch_source, g_source_remove);
  if (self->refine_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->refine_tick);
  self->refine_tick = 0;
  G_OBJECT_CLASS (pw_canvas_parent_class)->dispose (object);
}

static void
pw_canvas_finalize (GObject *object)
{
  PwCanvas *self = PW_CANVAS (object);

  g_hash_table_unref (self->selected);
  g_free (self->selected_cable_id);
  g_array_unref (self->drag_origins);
  g_ptr_array_unref (self->drag_devices);
  pw_tiles_free (self->tiles);
  G_OBJECT_CLASS (pw_canvas_parent_class)->finalize (object);
}

static void
pw_canvas_class_init (PwCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_canvas_dispose;
  object_class->finalize = pw_canvas_finalize;
  widget_class->snapshot = pw_canvas_snapshot;
  widget_class->size_allocate = pw_canvas_size_allocate;

  /**
   * PwCanvas::selection-changed:
   *
   * The selected devices or cable changed.
   */
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PwCanvas::message:
   * @text: what to tell the user
   *
   * Something the user should hear about without being stopped (a toast).
   */
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PwCanvas::notice:
   * @text: what changed
   *
   * An edit changed more than the user pointed at (a cable unplugged to
   * make room): shown with a way to undo it.
   */
  signals[SIGNAL_NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PwCanvas::context-menu:
   * @x: where, in widget coordinates
   * @y: where, in widget coordinates
   *
   * A secondary click on a device or cable, now selected: show what can
   * be done with it there.
   */
  signals[SIGNAL_CONTEXT_MENU] =
    g_signal_new ("context-menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_css_name (widget_class, "pw-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pw_canvas_init (PwCanvas *self)
{
  GtkGesture *drag, *zoom, *click;
  GtkEventController *controller;
  GtkDropTarget *drop;

  self->view.zoom = 1;
  self->snap = TRUE;
  self->selected = g_hash_table_new (NULL, NULL);
  self->drag_origins = g_array_new (FALSE, FALSE, sizeof (double));
  self->drag_devices = g_ptr_array_new ();
  self->tiles = pw_tiles_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (secondary_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

GtkWidget *
pw_canvas_new (void)
{
  return g_object_new (PW_TYPE_CANVAS, NULL);
}
