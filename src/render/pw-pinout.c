/* pw-pinout.c: pin diagrams of one cable, contact by contact
 *
 * One cable is drawn as columns, from the outside in on each side: the
 * device port with the role of each of its contacts, the mating of the
 * cable end with that port (what the plug really touches), the cable end
 * itself (a picture true to the connector, then one row per contact), and
 * in the middle the conductors of the cable. End 0 is on the left; the
 * other ends are stacked on the right, so that a Y-cable or an adapter
 * shows every end. The findings of the cable follow below.
 *
 * Everything that takes room is computed once by layout_compute (), which
 * both pw_pinout_get_height () and pw_pinout_draw () call: the height
 * returned is the height drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "pw-pinout.h"
#include "pw-render.h"

/* Sizes in drawing units (points on a PDF page). No text is smaller than
 * 8 units, so that a sheet printed on A4 at 700 units wide stays legible. */
#define MARGIN        4.0
#define TITLE_H      42.0
#define HEADER_H     42.0
#define ROW_PITCH    22.0
#define PILL_H       15.0
#define BLOCK_PAD    10.0
#define BLOCK_GAP    16.0
#define FINDING_GAP   4.0
#define MARK_SIZE    11.0
#define WIRE_WIDTH    2.4
#define MATE_WIDTH    1.5
#define TERM_RADIUS   3.2

typedef enum {
  FONT_TITLE,
  FONT_BOLD,
  FONT_NORMAL,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  N_FONTS
} Font;

static const struct {
  const char *family;
  PangoWeight weight;
  double      size;
} fonts[N_FONTS] = {
  [FONT_TITLE] = { "Sans", PANGO_WEIGHT_BOLD, 11.0 },
  [FONT_BOLD] = { "Sans", PANGO_WEIGHT_BOLD, 9.0 },
  [FONT_NORMAL] = { "Sans", PANGO_WEIGHT_NORMAL, 9.0 },
  [FONT_SMALL] = { "Sans", PANGO_WEIGHT_NORMAL, 8.0 },
  [FONT_SMALL_BOLD] = { "Sans", PANGO_WEIGHT_BOLD, 8.0 },
};

typedef enum {
  ALIGN_LEFT,
  ALIGN_CENTER,
  ALIGN_RIGHT,
} Align;

typedef enum {
  PICT_NONE,
  PICT_ROUND,      /* a face seen from the front: XLR, DIN, speakON */
  PICT_COAX,       /* RCA, BNC: pin and shell */
  PICT_JACK,       /* a jack plug or socket, side-on */
  PICT_POSTS,      /* binding posts / banana plugs */
  PICT_BOX,        /* USB, RJ45, TOSLINK */
} PictKind;

/* What the conductors of one net carry. */
typedef struct
{
  int      net;
  PwRole   roles[6];
  guint    n_roles;
  gboolean driven;     /* the roles come from an output */
  gboolean shorted;    /* an output drives it and it holds more than one role */
} Carried;

typedef struct
{
  guint           end;
  int             side;            /* -1: left, +1: right */
  double          y;               /* top of the block */
  double          h;
  double          pict_h;
  double          row_top;         /* centre of the first row */
  guint           n_rows;
  /* The port it is plugged into; NULL for the type-only variant or an open end. */
  PwDevice       *device;
  int             device_index;
  const PwPortType *port;
  PwEndState      state;
  const PwMate   *mate;
  gboolean        end_is_plug;
  guint           n_vis;           /* port contacts shown, in order */
  guint8          vis[PW_MAX_CONTACTS];
  /* Per end contact, the bit set of port contacts it touches. */
  guint32         touches[PW_MAX_CONTACTS];
  /* An end that meets another cable's end instead of a port, or NULL. */
  PwCable        *meets;
  guint           meets_end;
  /* A direct connection: the contacts of this port the other port touches. */
  guint32         direct_touched;
} Block;

typedef struct
{
  /* The input. */
  PwDocument      *doc;
  PwAnalysis      *analysis;
  PwCable         *cable;
  guint            cable_index;
  PwCableType     *type;
  const PwPalette *palette;
  double           width;
  gboolean         has_ports;
  gboolean         direct;          /* no cable: the two ports mate each other */
  const PwMate    *direct_mate;     /* NULL: they do not */
  gboolean         direct_a_is_plug;

  /* Text. */
  cairo_t         *cr;             /* NULL while measuring */
  PangoContext    *pango;
  PangoLayout     *layout;
  PangoFontDescription *font_desc[N_FONTS];

  /* Columns: port | mate gap | end … wires … end | mate gap | port. */
  double           port_w;
  double           mate_w;
  double           end_w;
  double           left_port_term;
  double           left_end_x0;
  double           left_end_x1;
  double           right_end_x0;
  double           right_end_x1;
  double           right_port_term;

  /* Rows. */
  Block           *blocks;         /* one per end */
  double           ends_top;
  double           ends_h;
  double           findings_top;
  double           findings_h;
  double           height;

  /* Per cable contact (type->contact_offset), its net, or -1. */
  int             *contact_net;
  GArray          *carried;
  /* Type-only: per cable contact, the wire it is on, or -1. */
  int             *contact_wire;
} Ctx;

/* Text */

static void
ctx_init_text (Ctx     *c,
               cairo_t *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics must not depend on the surface: the height measured without
   * a surface is the height drawn on any surface. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);

  c->cr = cr;
  if (cr != NULL)
    c->pango = pango_cairo_create_context (cr);
  else
    c->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (c->pango, 72.0);
  pango_cairo_context_set_font_options (c->pango, options);
  cairo_font_options_destroy (options);

  c->layout = pango_layout_new (c->pango);
  for (guint i = 0; i < N_FONTS; i++)
    {
      c->font_desc[i] = pango_font_description_new ();
      pango_font_description_set_family (c->font_desc[i], fonts[i].family);
      pango_font_description_set_weight (c->font_desc[i], fonts[i].weight);
      pango_font_description_set_absolute_size (c->font_desc[i], fonts[i].size * PANGO_SCALE);
    }
}

static void
ctx_clear (Ctx *c)
{
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&c->font_desc[i], pango_font_description_free);
  g_clear_object (&c->layout);
  g_clear_object (&c->pango);
  g_clear_pointer (&c->blocks, g_free);
  g_clear_pointer (&c->contact_net, g_free);
  g_clear_pointer (&c->contact_wire, g_free);
  g_clear_pointer (&c->carried, g_array_unref);
}

/* Text laid out for drawing, kept on the cairo_t: an export draws
 * hundreds of pinouts with one cairo_t, and most of their words (contact
 * names, roles, connector names, findings) recur from one to the next.
 * The layouts belong to a Pango context made for that cairo_t; they are
 * used only while its target and the linear part of its matrix, which
 * the shaping depends on, stay the same. */
typedef struct
{
  PangoContext    *pango;
  cairo_surface_t *target;
  double           xx, yx, xy, yy;
  GHashTable      *layouts;   /* "font max_w wrap_w text" → PangoLayout */
} KeptText;

#define KEPT_TEXT_MAX 4096

static const cairo_user_data_key_t kept_text_key;

static void
kept_text_free (gpointer data)
{
  KeptText *kt = data;

  g_hash_table_unref (kt->layouts);
  g_object_unref (kt->pango);
  g_free (kt);
}

static KeptText *
kept_text_get (Ctx *c)
{
  KeptText *kt = cairo_get_user_data (c->cr, &kept_text_key);
  cairo_matrix_t m;

  cairo_get_matrix (c->cr, &m);
  if (kt != NULL && kt->target == cairo_get_target (c->cr) &&
      kt->xx == m.xx && kt->yx == m.yx && kt->xy == m.xy && kt->yy == m.yy)
    return kt;

  kt = g_new0 (KeptText, 1);
  kt->pango = pango_cairo_create_context (c->cr);
  pango_cairo_context_set_resolution (kt->pango, 72.0);
  pango_cairo_context_set_font_options (kt->pango,
                                        pango_cairo_context_get_font_options (c->pango));
  kt->target = cairo_get_target (c->cr);
  kt->xx = m.xx;
  kt->yx = m.yx;
  kt->xy = m.xy;
  kt->yy = m.yy;
  kt->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if (cairo_set_user_data (c->cr, &kept_text_key, kt, kept_text_free) != CAIRO_STATUS_SUCCESS)
    {
      kept_text_free (kt);
      return NULL;
    }
  return kt;
}

static void
layout_configure (PangoLayout                *layout,
                  const PangoFontDescription *desc,
                  const char                 *str,
                  double                      max_w,
                  double                      wrap_w)
{
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, str, -1);
  if (wrap_w > 0)
    {
      pango_layout_set_width (layout, (int) (wrap_w * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }
  else if (max_w > 0)
    {
      pango_layout_set_width (layout, (int) (max_w * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }
}

/* Lays out @str in @font. A @max_w > 0 ellipsizes one line at that
 * width; a @wrap_w > 0 wraps at that width instead. */
static PangoLayout *
text_prepare (Ctx        *c,
              const char *str,
              Font        font,
              double      max_w,
              double      wrap_w)
{
  KeptText *kt = c->cr != NULL ? kept_text_get (c) : NULL;
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (kt == NULL)
    {
      layout_configure (c->layout, c->font_desc[font], str, max_w, wrap_w);
      return c->layout;
    }

  key = g_strdup_printf ("%d %a %a %s", font, max_w, wrap_w, str);
  layout = g_hash_table_lookup (kt->layouts, key);
  if (layout == NULL)
    {
      if (g_hash_table_size (kt->layouts) >= KEPT_TEXT_MAX)
        g_hash_table_remove_all (kt->layouts);
      layout = pango_layout_new (kt->pango);
      layout_configure (layout, c->font_desc[font], str, max_w, wrap_w);
      g_hash_table_insert (kt->layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

static double
text_height (Ctx        *c,
             const char *str,
             Font        font,
             double      wrap_w)
{
  int w, h;

  pango_layout_get_size (text_prepare (c, str, font, 0, wrap_w), &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Draws @str with its top at @y; @x is its left edge, centre or right
 * edge by @align. Returns the width drawn. */
static double
text_draw (Ctx           *c,
           double         x,
           double         y,
           const char    *str,
           Font           font,
           const PwColor *color,
           Align          align,
           double         max_w)
{
  PangoLayout *layout = text_prepare (c, str, font, max_w, 0);
  PangoRectangle logical;
  double w;

  pango_layout_get_extents (layout, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  if (max_w > 0 && w > max_w)
    w = max_w;
  if (align == ALIGN_CENTER)
    x -= w / 2;
  else if (align == ALIGN_RIGHT)
    x -= w;

  if (c->cr != NULL)
    {
      cairo_save (c->cr);
      pw_palette_set_source (c->cr, color);
      cairo_move_to (c->cr, x - (double) logical.x / PANGO_SCALE, y);
      pw_render_show_layout (c->cr, layout);
      cairo_restore (c->cr);
    }
  return w;
}

/* Text on a patch of background, for labels that sit on lines. */
static void
text_draw_boxed (Ctx           *c,
                 double         x,
                 double         y,
                 const char    *str,
                 Font           font,
                 const PwColor *color,
                 Align          align,
                 double         max_w)
{
  PangoRectangle logical;
  double w, h, x0;

  pango_layout_get_extents (text_prepare (c, str, font, max_w, 0), NULL, &logical);
  w = MIN ((double) logical.width / PANGO_SCALE, max_w > 0 ? max_w : G_MAXDOUBLE);
  h = (double) logical.height / PANGO_SCALE;
  x0 = align == ALIGN_CENTER ? x - w / 2 : align == ALIGN_RIGHT ? x - w : x;

  cairo_save (c->cr);
  pw_palette_set_source (c->cr, &c->palette->background);
  cairo_rectangle (c->cr, x0 - 1.5, y, w + 3, h);
  cairo_fill (c->cr);
  cairo_restore (c->cr);
  text_draw (c, x, y, str, font, color, align, max_w);
}

/* Centred text wrapped at @wrap_w, on a patch of background. */
static void
text_draw_wrapped (Ctx           *c,
                   double         cx,
                   double         y,
                   const char    *str,
                   Font           font,
                   const PwColor *color,
                   double         wrap_w)
{
  PangoLayout *layout = text_prepare (c, str, font, 0, wrap_w);
  PangoRectangle ink, logical;

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_extents (layout, &ink, &logical);
  cairo_save (c->cr);
  pw_palette_set_source (c->cr, &c->palette->background);
  cairo_rectangle (c->cr, cx - wrap_w / 2, y, wrap_w, (double) logical.height / PANGO_SCALE);
  cairo_fill (c->cr);
  pw_palette_set_source (c->cr, color);
  cairo_move_to (c->cr, cx - wrap_w / 2, y);
  pw_render_show_layout (c->cr, layout);
  cairo_restore (c->cr);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
}

/* Words */

static const char *
role_label (PwRole role)
{
  switch (role)
    {
    case PW_ROLE_NC: return _("n/c");
    case PW_ROLE_GROUND: return _("ground");
    case PW_ROLE_CHASSIS: return _("chassis");
    case PW_ROLE_HOT: return _("hot +");
    case PW_ROLE_COLD: return _("cold −");
    case PW_ROLE_SIGNAL: return _("signal");
    case PW_ROLE_LEFT: return _("left");
    case PW_ROLE_RIGHT: return _("right");
    case PW_ROLE_LEFT_HOT: return _("left +");
    case PW_ROLE_LEFT_COLD: return _("left −");
    case PW_ROLE_RIGHT_HOT: return _("right +");
    case PW_ROLE_RIGHT_COLD: return _("right −");
    case PW_ROLE_SEND: return _("send");
    case PW_ROLE_RETURN: return _("return");
    case PW_ROLE_SPK1_POS: return _("speaker 1+");
    case PW_ROLE_SPK1_NEG: return _("speaker 1−");
    case PW_ROLE_SPK2_POS: return _("speaker 2+");
    case PW_ROLE_SPK2_NEG: return _("speaker 2−");
    case PW_ROLE_DATA_POS: return _("data +");
    case PW_ROLE_DATA_NEG: return _("data −");
    case PW_ROLE_DATA2_POS: return _("data 2+");
    case PW_ROLE_DATA2_NEG: return _("data 2−");
    case PW_ROLE_MIC: return _("mic");
    case PW_ROLE_LIGHT: return _("light");
    case PW_ROLE_DATA: return _("data");
    case PW_N_ROLES:
    default:
      return "?";
    }
}

/* The same, short, for a label that does not fit. */
static const char *
role_label_short (PwRole role)
{
  switch (role)
    {
    case PW_ROLE_GROUND: return _("gnd");
    case PW_ROLE_CHASSIS: return _("chassis");
    case PW_ROLE_HOT: return "+";
    case PW_ROLE_COLD: return "−";
    case PW_ROLE_SIGNAL: return _("sig");
    case PW_ROLE_LEFT: return "L";
    case PW_ROLE_RIGHT: return "R";
    case PW_ROLE_LEFT_HOT: return "L+";
    case PW_ROLE_LEFT_COLD: return "L−";
    case PW_ROLE_RIGHT_HOT: return "R+";
    case PW_ROLE_RIGHT_COLD: return "R−";
    case PW_ROLE_SPK1_POS: return "1+";
    case PW_ROLE_SPK1_NEG: return "1−";
    case PW_ROLE_SPK2_POS: return "2+";
    case PW_ROLE_SPK2_NEG: return "2−";
    case PW_ROLE_DATA_POS: return "D+";
    case PW_ROLE_DATA_NEG: return "D−";
    case PW_ROLE_DATA2_POS: return "D2+";
    case PW_ROLE_DATA2_NEG: return "D2−";
    case PW_ROLE_NC:
    case PW_ROLE_SEND:
    case PW_ROLE_RETURN:
    case PW_ROLE_MIC:
    case PW_ROLE_LIGHT:
    case PW_ROLE_DATA:
    case PW_N_ROLES:
    default:
      return role_label (role);
    }
}

/* "pin 2" for numbered contacts, the name itself for "tip", "1+" … */
static char *
contact_label (const PwFamily *family,
               guint           contact)
{
  const char *name = family->contacts[contact];

  if (g_ascii_isdigit (name[0]) && name[1] == '\0')
    return g_strdup_printf (_("pin %s"), name);
  /* "1-" is "1−" in print: a real minus sign. */
  if (strlen (name) <= 2 && strchr (name, '-') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (name, "-", -1);

      return g_strjoinv ("−", parts);
    }
  return g_strdup (name);
}

/* The short mark printed on a picture: "T", "R1", "S", "2", "+". */
static const char *
contact_mark (const char *name)
{
  if (g_str_equal (name, "tip"))
    return "T";
  if (g_str_equal (name, "ring"))
    return "R";
  if (g_str_equal (name, "ring1"))
    return "R1";
  if (g_str_equal (name, "ring2"))
    return "R2";
  if (g_str_equal (name, "ring3"))
    return "R3";
  if (g_str_equal (name, "sleeve"))
    return "S";
  if (g_str_equal (name, "-"))
    return "−";
  return name;
}

static const char *
cable_display_name (PwCable *cable)
{
  return cable->label != NULL && *cable->label != '\0' ? cable->label : cable->id;
}

static const char *
gender_label (PwGender gender)
{
  return gender == PW_GENDER_MALE ? _("male") : _("female");
}

/* What is on a net */

static Carried *
carried_lookup (Ctx *c,
                int  net)
{
  if (c->carried == NULL || net < 0)
    return NULL;
  for (guint i = 0; i < c->carried->len; i++)
    if (g_array_index (c->carried, Carried, i).net == net)
      return &g_array_index (c->carried, Carried, i);
  return NULL;
}

static void
carried_add_role (PwRole  *roles,
                  guint   *n_roles,
                  PwRole   role)
{
  for (guint i = 0; i < *n_roles; i++)
    if (roles[i] == role)
      return;
  if (*n_roles < 6)
    roles[(*n_roles)++] = role;
}

typedef struct
{
  PwRole r[6];
  guint  n;
} RoleSet;

/* Per net of the plan: the roles of the outputs driving it, of the
 * outputs' references, of the inputs it reaches and of any other port on
 * it (four RoleSets). Gathered in one pass over every contact of the plan
 * and kept on the cairo_t, for an export draws hundreds of pinouts with
 * one cairo_t. */
typedef struct
{
  PwDocument *doc;
  PwAnalysis *analysis;
  guint       n_devices;
  GHashTable *sets;        /* net → RoleSet[4] */
} NetRoles;

static const cairo_user_data_key_t net_roles_key;

static void
net_roles_free (gpointer data)
{
  NetRoles *nr = data;

  g_hash_table_unref (nr->sets);
  g_free (nr);
}

static NetRoles *
net_roles_compute (PwDocument *doc,
                   PwAnalysis *analysis)
{
  NetRoles *nr = g_new0 (NetRoles, 1);
  guint n_devices = pw_document_get_n_devices (doc);

  nr->doc = doc;
  nr->analysis = analysis;
  nr->n_devices = n_devices;
  nr->sets = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint d = 0; d < n_devices; d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);

      for (guint p = 0; p < device->type->n_ports; p++)
        {
          const PwPortType *port = &device->type->ports[p];

          for (guint k = 0; k < port->family->n_contacts; k++)
            {
              int net = pw_analysis_get_port_contact_net (analysis, d, p, k);
              PwRole role = port->roles[k];
              RoleSet *sets;
              guint slot;

              if (net < 0 || role == PW_ROLE_NC)
                continue;

              /* A headset's mic drives up its input plug and is heard by the
               * output socket it sits in: the role's kind, not the port's
               * direction, says which side it is on. */
              if (role == PW_ROLE_MIC && port->direction != PW_DIRECTION_PASSIVE)
                slot = pw_port_type_role_kind (port, role) == PW_ROLE_KIND_DRIVER ? 0 : 2;
              else if (port->direction == PW_DIRECTION_OUT ||
                       (port->direction == PW_DIRECTION_INSERT && role != PW_ROLE_RETURN))
                slot = pw_port_type_role_kind (port, role) == PW_ROLE_KIND_REFERENCE ? 1 : 0;
              else if (port->direction == PW_DIRECTION_IN || port->direction == PW_DIRECTION_INSERT)
                slot = 2;
              else
                slot = 3;

              sets = g_hash_table_lookup (nr->sets, GINT_TO_POINTER (net + 1));
              if (sets == NULL)
                {
                  sets = g_new0 (RoleSet, 4);
                  g_hash_table_insert (nr->sets, GINT_TO_POINTER (net + 1), sets);
                }
              carried_add_role (sets[slot].r, &sets[slot].n, role);
            }
        }
    }
  return nr;
}

/* The roles on the nets of the plan that @c draws, computed for the first
 * pinout drawn on a cairo_t and reused by the next ones of the same plan
 * and analysis. */
static NetRoles *
net_roles_get (Ctx *c)
{
  NetRoles *nr = c->cr != NULL ? cairo_get_user_data (c->cr, &net_roles_key) : NULL;

  if (nr != NULL && nr->doc == c->doc && nr->analysis == c->analysis &&
      nr->n_devices == pw_document_get_n_devices (c->doc))
    return nr;
  nr = net_roles_compute (c->doc, c->analysis);
  /* When it cannot be kept, carried_compute frees it. */
  if (c->cr != NULL)
    cairo_set_user_data (c->cr, &net_roles_key, nr, net_roles_free);
  return nr;
}

/* What each net of the cable carries: the roles of the outputs driving it
 * (driven roles first), else the roles of the inputs it reaches, else of
 * any port on it. Every contact of the plan counts, because a net may
 * reach an output through a patch bay anywhere. */
static void
carried_compute (Ctx *c)
{
  PwCableType *type = c->type;
  NetRoles *nr;

  c->carried = g_array_new (FALSE, TRUE, sizeof (Carried));
  c->contact_net = g_new (int, type->n_contacts);
  for (guint e = 0; e < type->n_ends; e++)
    for (guint k = 0; k < type->ends[e].family->n_contacts; k++)
      {
        int net = pw_analysis_get_cable_contact_net (c->analysis, c->cable_index, e, k);

        c->contact_net[type->contact_offset[e] + k] = net;
        if (net >= 0 && carried_lookup (c, net) == NULL)
          {
            Carried cr = { .net = net };

            g_array_append_val (c->carried, cr);
          }
      }

  nr = net_roles_get (c);
  for (guint i = 0; i < c->carried->len; i++)
    {
      Carried *cr = &g_array_index (c->carried, Carried, i);
      static const RoleSet none[4];
      const RoleSet *set = g_hash_table_lookup (nr->sets, GINT_TO_POINTER (cr->net + 1));

      if (set == NULL)
        set = none;
      if (set[0].n + set[1].n > 0)
        {
          for (guint j = 0; j < set[0].n; j++)
            carried_add_role (cr->roles, &cr->n_roles, set[0].r[j]);
          for (guint j = 0; j < set[1].n; j++)
            carried_add_role (cr->roles, &cr->n_roles, set[1].r[j]);
          cr->driven = set[0].n > 0;
          cr->shorted = cr->driven && cr->n_roles > 1;
        }
      else
        {
          const RoleSet *from = set[2].n > 0 ? &set[2] : &set[3];

          for (guint j = 0; j < from->n; j++)
            carried_add_role (cr->roles, &cr->n_roles, from->r[j]);
        }
    }
  if (c->cr == NULL || cairo_get_user_data (c->cr, &net_roles_key) != nr)
    net_roles_free (nr);
}

/* The colour and words of what a cable contact carries. */
static const PwColor *
contact_color (Ctx  *c,
               guint end,
               guint contact,
               guint which)
{
  guint idx = c->type->contact_offset[end] + contact;

  if (c->has_ports)
    {
      Carried *cr = carried_lookup (c, c->contact_net[idx]);

      if (cr == NULL || cr->n_roles == 0)
        return &c->palette->role_nc;
      return pw_palette_role_color (c->palette, cr->roles[MIN (which, cr->n_roles - 1)]);
    }
  else
    {
      static const PwRole cycle[] = {
        PW_ROLE_HOT, PW_ROLE_COLD, PW_ROLE_LEFT, PW_ROLE_RIGHT, PW_ROLE_SPK1_POS,
        PW_ROLE_DATA, PW_ROLE_SIGNAL,
      };
      int w = c->contact_wire[idx];
      guint n = 0;

      if (w < 0)
        return &c->palette->role_nc;
      if (c->type->wires[w].shield)
        return &c->palette->role_ground;
      for (int i = 0; i < w; i++)
        if (!c->type->wires[i].shield)
          n++;
      return pw_palette_role_color (c->palette, cycle[n % G_N_ELEMENTS (cycle)]);
    }
}

static gboolean
wire_shorted (Ctx  *c,
              guint wire_index)
{
  const PwWire *wire = &c->type->wires[wire_index];
  Carried *cr;

  if (!c->has_ports)
    return FALSE;
  cr = carried_lookup (c, c->contact_net[c->type->contact_offset[wire->joins[0].port] +
                                         wire->joins[0].contact]);
  return cr != NULL && cr->shorted;
}

/* @terse: 0 all words, 1 without the kind of conductor, 2 short role names. */
static char *
wire_label (Ctx   *c,
            guint  wire_index,
            guint  terse)
{
  const PwWire *wire = &c->type->wires[wire_index];
  GString *s = g_string_new (NULL);

  if (c->has_ports)
    {
      int net = c->contact_net[c->type->contact_offset[wire->joins[0].port] + wire->joins[0].contact];
      Carried *cr = carried_lookup (c, net);

      if (cr == NULL || cr->n_roles == 0)
        g_string_append (s, "—");
      for (guint i = 0; cr != NULL && i < cr->n_roles; i++)
        {
          if (i > 0)
            g_string_append (s, " + ");
          g_string_append (s, terse > 1 ? role_label_short (cr->roles[i]) : role_label (cr->roles[i]));
        }
    }
  else if (wire->shield)
    g_string_append (s, _("shield"));
  else if (wire->pair > 0)
    g_string_append_printf (s, _("pair %d"), wire->pair);
  else
    g_string_append_printf (s, _("wire %u"), wire_index + 1);

  if (c->has_ports && terse == 0 && wire->shield)
    g_string_append_printf (s, " · %s", _("shield"));
  else if (c->has_ports && terse == 0 && wire->pair > 0)
    g_string_append_printf (s, " · %s", _("pair"));
  return g_string_free (s, FALSE);
}

/* Pictures of connectors */

static PictKind
pict_kind (const PwFamily *family)
{
  const char *id = family->id;

  if (g_str_has_prefix (id, "xlr") || g_str_equal (id, "din5") ||
      g_str_has_prefix (id, "speakon") || g_str_equal (id, "combo") ||
      g_str_has_prefix (id, "ta"))
    return PICT_ROUND;
  if (g_str_equal (id, "rca") || g_str_equal (id, "bnc"))
    return PICT_COAX;
  if (g_str_has_prefix (id, "ts") || g_str_has_prefix (id, "trs") ||
      g_str_has_prefix (id, "trrs") || g_str_has_prefix (id, "pentaconn") ||
      g_str_equal (id, "tt"))
    return PICT_JACK;
  if (g_str_equal (id, "binding-post"))
    return PICT_POSTS;
  return PICT_BOX;
}

static double
pict_height (const PwFamily *family)
{
  switch (pict_kind (family))
    {
    case PICT_ROUND:
      return 76;
    case PICT_COAX:
      return 52;
    case PICT_JACK:
      return 50;
    case PICT_POSTS:
      return 40;
    case PICT_BOX:
    case PICT_NONE:
    default:
      return 38;
    }
}

/* Angles of the contacts on a round face, in degrees clockwise from
 * twelve o'clock, for a female face seen from the front. The male face is
 * its mirror image (it faces the female). XLR: numbered clockwise from
 * the upper left on the female face, anticlockwise from the upper right
 * on the male face, the latch at the top. */
static gboolean
round_face_angle (const PwFamily *family,
                  guint           contact,
                  double         *angle,
                  double         *radius)
{
  static const double xlr3[] = { -60, 60, 180 };
  static const double xlr4[] = { -45, 45, 135, -135 };
  static const double xlr5[] = { -110, -40, 40, 110, 180 };
  static const double din5[] = { 90, 180, 270, 135, 225 };   /* 1 4 2 5 3 on a 180° arc */
  const char *id = family->id;

  *radius = 0.55;
  if ((g_str_equal (id, "xlr3") || g_str_equal (id, "ta3")) && contact < 3)
    *angle = xlr3[contact];
  else if ((g_str_equal (id, "xlr4") || g_str_equal (id, "ta4")) && contact < 4)
    *angle = xlr4[contact];
  else if ((g_str_equal (id, "xlr5") || g_str_equal (id, "ta5")) && contact < 5)
    {
      *angle = xlr5[contact];
      *radius = 0.62;
    }
  else if (g_str_equal (id, "din5") && contact < 5)
    *angle = din5[contact];
  else
    return FALSE;
  return TRUE;
}

static void
draw_latch (cairo_t *cr,
            double   cx,
            double   cy,
            double   r,
            gboolean female)
{
  /* The female connector has a latch slot at the top; the male a key. */
  if (female)
    cairo_rectangle (cr, cx - 3, cy - r - 1, 6, 5);
  else
    cairo_rectangle (cr, cx - 2.5, cy - r + 1.5, 5, 4);
}

static void
draw_pict_round (Ctx            *c,
                 guint           end,
                 const PwFamily *family,
                 PwGender        gender,
                 double          cx,
                 double          cy)
{
  cairo_t *cr = c->cr;
  const PwPalette *pal = c->palette;
  double r = 24;
  gboolean female = gender == PW_GENDER_FEMALE;
  gboolean speakon = g_str_has_prefix (family->id, "speakon");

  /* The shell. */
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  pw_palette_set_source (cr, &pal->card);
  cairo_fill_preserve (cr);
  pw_palette_set_source (cr, &pal->card_border);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  if (!female)
    {
      cairo_arc (cr, cx, cy, r - 4, 0, 2 * G_PI);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }
  if (!speakon)
    {
      draw_latch (cr, cx, cy, r, female);
      pw_palette_set_source (cr, female ? &pal->background : &pal->card_border);
      cairo_fill (cr);
    }
  cairo_restore (cr);

  if (speakon)
    {
      /* speakON: the contacts sit in pairs, + on the left, − on the right;
       * channel 1 above channel 2 (and 3 and 4 below them on an NL8). */
      guint n_rows = family->n_contacts / 2;
      double step = n_rows > 2 ? 10 : 16;

      for (guint k = 0; k < family->n_contacts; k++)
        {
          const char *name = family->contacts[k];
          double px = cx + (name[1] == '+' ? -8 : 8) * (female ? 1 : -1);
          double py = cy + ((name[0] - '1') - (n_rows - 1) / 2.0) * step;
          cairo_save (cr);
          cairo_new_path (cr);
          cairo_rectangle (cr, px - 7, py - MIN (5.5, step / 2 - 0.5), 14, MIN (11, step - 1));
          pw_palette_set_source (cr, contact_color (c, end, k, 0));
          cairo_fill (cr);
          cairo_restore (cr);
          text_draw (c, px, py - 5.5, name, FONT_SMALL_BOLD, &pal->background, ALIGN_CENTER, 0);
        }
      return;
    }

  for (guint k = 0; k < family->n_contacts; k++)
    {
      double angle, radius, px, py, lx, ly;
      g_autofree char *mark = NULL;

      if (!round_face_angle (family, k, &angle, &radius))
        continue;
      if (!female)
        angle = -angle;
      angle = angle * G_PI / 180.0;
      px = cx + sin (angle) * r * radius;
      py = cy - cos (angle) * r * radius;
      lx = cx + sin (angle) * (r + 8);
      ly = cy - cos (angle) * (r + 8);

      cairo_save (cr);
      cairo_new_path (cr);
      cairo_arc (cr, px, py, 4.2, 0, 2 * G_PI);
      pw_palette_set_source (cr, contact_color (c, end, k, 0));
      if (female)
        {
          /* A socket hole: a coloured ring. */
          cairo_set_line_width (cr, 2.4);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
      cairo_restore (cr);

      mark = g_strdup (family->contacts[k]);
      text_draw (c, lx, ly - 5.5, mark, FONT_SMALL_BOLD, &pal->foreground, ALIGN_CENTER, 0);
    }
}

static void
draw_pict_coax (Ctx            *c,
                guint           end,
                const PwFamily *family,
                PwGender        gender,
                double          cx,
                double          cy)
{
  cairo_t *cr = c->cr;
  const PwPalette *pal = c->palette;
  int pin = pw_family_find_contact (family, "pin");
  int shield = pw_family_find_contact (family, "shield");
  double r = 13;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  pw_palette_set_source (cr, &pal->card);
  cairo_fill_preserve (cr);
  pw_palette_set_source (cr, shield >= 0 ? contact_color (c, end, shield, 0) : &pal->card_border);
  cairo_set_line_width (cr, 4.0);
  cairo_stroke (cr);
  if (g_str_equal (family->id, "bnc"))
    {
      /* The bayonet studs. */
      cairo_rectangle (cr, cx - r - 5, cy - 1.5, 4, 3);
      cairo_rectangle (cr, cx + r + 1, cy - 1.5, 4, 3);
      cairo_fill (cr);
    }
  cairo_arc (cr, cx, cy, 4.0, 0, 2 * G_PI);
  pw_palette_set_source (cr, pin >= 0 ? contact_color (c, end, pin, 0) : &pal->card_border);
  if (gender == PW_GENDER_FEMALE)
    {
      cairo_set_line_width (cr, 2.2);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
  cairo_restore (cr);

  text_draw (c, cx + r + 8, cy - 13, _("pin (centre)"), FONT_SMALL, &pal->foreground, ALIGN_LEFT, 0);
  text_draw (c, cx + r + 8, cy + 1, _("shell"), FONT_SMALL, &pal->foreground, ALIGN_LEFT, 0);
}

/* A jack side-on, filling [@x0, @x1]. @dir is the direction the tip
 * points to (towards the port): -1 left, +1 right. The contact marks sit
 * below the bands, alternately above on a plug with many contacts. */
static void
draw_pict_jack (Ctx            *c,
                guint           end,
                const PwFamily *family,
                PwGender        gender,
                double          x0,
                double          x1,
                double          cy,
                int             dir)
{
  cairo_t *cr = c->cr;
  const PwPalette *pal = c->palette;
  guint n = family->n_contacts;
  double len = MIN (x1 - x0, 40.0 + 14.0 * n);
  double front = dir < 0 ? x0 : x1;        /* the tip end, at the port side */
  double handle = len * 0.26;
  double ins = 2.5;
  double weights = 0, unit, pos = 0;
  double half = 6.5;
  gboolean stagger = n >= 4;

  for (guint k = 0; k < n; k++)
    weights += k == 0 ? 1.2 : k == n - 1 ? 1.7 : 1.0;
  unit = (len - handle - ins * (n - 1)) / weights;

  if (gender == PW_GENDER_FEMALE)
    {
      /* A socket: a body with a bore open at the front, and a spring at
       * the place of each plug contact: sleeve at the mouth, tip deepest. */
      cairo_save (cr);
      cairo_new_path (cr);
      cairo_rectangle (cr, dir < 0 ? x0 : x1 - len, cy - 10, len, 20);
      pw_palette_set_source (cr, &pal->card);
      cairo_fill_preserve (cr);
      pw_palette_set_source (cr, &pal->card_border);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      cairo_rectangle (cr, dir < 0 ? x0 - 1 : x1 - len + handle, cy - 3.5, len - handle + 1, 7);
      pw_palette_set_source (cr, &pal->background);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  for (guint k = 0; k < n; k++)
    {
      double l = (k == 0 ? 1.2 : k == n - 1 ? 1.7 : 1.0) * unit;
      double a = front - dir * pos;
      double b = front - dir * (pos + l);
      double xa = MIN (a, b), xb = MAX (a, b);
      gboolean above = stagger && (k % 2) == 1;
      const PwColor *color = contact_color (c, end, k, 0);

      cairo_save (cr);
      cairo_new_path (cr);
      if (gender == PW_GENDER_FEMALE)
        {
          double sx = (xa + xb) / 2;

          cairo_rectangle (cr, sx - 3, cy - 10, 6, 6.5);
          cairo_rectangle (cr, sx - 3, cy + 3.5, 6, 6.5);
          pw_palette_set_source (cr, color);
          cairo_fill (cr);
        }
      else
        {
          if (k == 0)
            {
              /* The tip is rounded towards the port. */
              double xr = dir < 0 ? xa : xb, xi = dir < 0 ? xb : xa;

              cairo_move_to (cr, xi, cy - half);
              cairo_line_to (cr, xr + dir * 5, cy - half);
              cairo_curve_to (cr, xr, cy - half, xr, cy - 2, xr, cy);
              cairo_curve_to (cr, xr, cy + 2, xr, cy + half, xr + dir * 5, cy + half);
              cairo_line_to (cr, xi, cy + half);
              cairo_close_path (cr);
            }
          else
            cairo_rectangle (cr, xa, cy - half, xb - xa, 2 * half);
          pw_palette_set_source (cr, color);
          cairo_fill_preserve (cr);
          pw_palette_set_source (cr, &pal->foreground);
          cairo_set_line_width (cr, 0.6);
          cairo_stroke (cr);
        }
      cairo_restore (cr);

      text_draw (c, (xa + xb) / 2, above ? cy - half - 15 : cy + half + 3,
                 contact_mark (family->contacts[k]), FONT_SMALL_BOLD, &pal->foreground,
                 ALIGN_CENTER, 0);

      pos += l;
      if (k + 1 < n && gender != PW_GENDER_FEMALE)
        {
          /* The black insulating ring. */
          double ia = front - dir * pos, ib = front - dir * (pos + ins);

          cairo_save (cr);
          cairo_new_path (cr);
          cairo_rectangle (cr, MIN (ia, ib), cy - half + 0.5, ins, 2 * half - 1);
          cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
          cairo_fill (cr);
          cairo_restore (cr);
        }
      if (k + 1 < n)
        pos += ins;
    }

  if (gender != PW_GENDER_FEMALE)
    {
      /* The handle. */
      double a = front - dir * pos;
      double b = front - dir * len;

      cairo_save (cr);
      cairo_new_path (cr);
      cairo_rectangle (cr, MIN (a, b), cy - half - 3, fabs (b - a), 2 * half + 6);
      pw_palette_set_source (cr, &pal->card);
      cairo_fill_preserve (cr);
      pw_palette_set_source (cr, &pal->card_border);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

static void
draw_pict_posts (Ctx            *c,
                 guint           end,
                 const PwFamily *family,
                 double          cx,
                 double          cy)
{
  for (guint k = 0; k < family->n_contacts && k < 2; k++)
    {
      double px = cx + (k == 0 ? -12 : 12);

      cairo_save (c->cr);
      cairo_new_path (c->cr);
      cairo_arc (c->cr, px, cy, 9, 0, 2 * G_PI);
      pw_palette_set_source (c->cr, contact_color (c, end, k, 0));
      cairo_fill (c->cr);
      cairo_restore (c->cr);
      text_draw (c, px, cy - 7, contact_mark (family->contacts[k]), FONT_BOLD,
                 &c->palette->background, ALIGN_CENTER, 0);
    }
}

static void
draw_pict_box (Ctx            *c,
               guint           end,
               const PwFamily *family,
               double          cx,
               double          cy)
{
  cairo_t *cr = c->cr;
  gboolean optical = g_str_equal (family->id, "toslink");
  double w = 56, h = 24;

  cairo_save (cr);
  cairo_new_path (cr);
  if (optical)
    {
      /* TOSLINK: the square D shape, chamfered at the top. */
      cairo_move_to (cr, cx - w / 2 + 8, cy - h / 2);
      cairo_line_to (cr, cx + w / 2 - 8, cy - h / 2);
      cairo_line_to (cr, cx + w / 2, cy - h / 2 + 8);
      cairo_line_to (cr, cx + w / 2, cy + h / 2);
      cairo_line_to (cr, cx - w / 2, cy + h / 2);
      cairo_line_to (cr, cx - w / 2, cy - h / 2 + 8);
      cairo_close_path (cr);
    }
  else
    cairo_rectangle (cr, cx - w / 2, cy - h / 2, w, h);
  pw_palette_set_source (cr, &c->palette->card);
  cairo_fill_preserve (cr);
  pw_palette_set_source (cr, family->n_contacts > 0 ? contact_color (c, end, 0, 0)
                                                    : &c->palette->card_border);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  cairo_restore (cr);
  text_draw (c, cx, cy - 6, family->name, FONT_SMALL_BOLD, &c->palette->foreground,
             ALIGN_CENTER, w - 4);
}

/* Layout */

static double
end_mate_edge (Ctx   *c,
               Block *b)
{
  return b->side < 0 ? c->left_end_x0 : c->right_end_x1;
}

static double
end_wire_edge (Ctx   *c,
               Block *b)
{
  return b->side < 0 ? c->left_end_x1 : c->right_end_x0;
}

static double
port_term_x (Ctx   *c,
             Block *b)
{
  return b->side < 0 ? c->left_port_term : c->right_port_term;
}

static double
row_y (Block *b,
       guint  row)
{
  return b->row_top + row * ROW_PITCH;
}

static int
port_row (Block *b,
          guint  contact)
{
  for (guint i = 0; i < b->n_vis; i++)
    if (b->vis[i] == contact)
      return i;
  return -1;
}

static void
block_setup_port (Ctx   *c,
                  Block *b)
{
  PwPlug *plug = &c->cable->ends[b->end];
  const PwCableEndType *end = &c->type->ends[b->end];
  PwConnectorTable *table = pw_connector_table_get_default ();
  const PwFamily *pf;
  guint32 touched = 0;
  int part = -1;

  b->state = pw_analysis_get_end_state (c->analysis, c->cable_index, b->end);
  if (plug->device == NULL)
    {
      guint other, other_end;

      b->state = PW_END_OPEN;
      if (pw_analysis_get_end_partner (c->analysis, c->cable_index, b->end, &other, &other_end))
        {
          b->meets = pw_document_get_cable (c->doc, other);
          b->meets_end = other_end;
        }
      return;
    }
  b->device = plug->device;
  b->device_index = plug->device->index;
  b->port = &plug->device->type->ports[plug->port];
  pf = b->port->family;

  if (!c->direct && b->state == PW_END_MATED &&
      pw_connector_table_mate (table, end->family, end->gender, pf, b->port->gender,
                               &b->mate, &b->end_is_plug) == PW_MATE_OK)
    {
      for (guint i = 0; i < end->family->n_contacts; i++)
        {
          if (b->end_is_plug)
            b->touches[i] = b->mate->map[i];
          else
            for (guint j = 0; j < pf->n_contacts; j++)
              if (b->mate->map[j] & (1u << i))
                b->touches[i] |= 1u << j;
          touched |= b->touches[i];
        }
      for (guint j = 0; j < pf->n_contacts; j++)
        if (pf->n_parts > 0 && (touched & (1u << j)))
          part = pf->part_of[j];
    }
  else
    b->mate = NULL;

  /* A combo socket shows the half that is in use. */
  for (guint j = 0; j < pf->n_contacts; j++)
    if (part < 0 || pf->part_of[j] == part)
      b->vis[b->n_vis++] = j;
}

/* A direct connection: its two ports mate each other (DESIGN.md §4). */
static void
direct_setup (Ctx *c)
{
  Block *a = &c->blocks[0], *b = &c->blocks[1];
  const PwPortType *plug, *socket;

  c->direct_mate = NULL;
  if (a->port == NULL || b->port == NULL ||
      pw_connector_table_mate (pw_connector_table_get_default (), a->port->family,
                               a->port->gender, b->port->family, b->port->gender,
                               &c->direct_mate, &c->direct_a_is_plug) != PW_MATE_OK)
    {
      c->direct_mate = NULL;
      return;
    }
  plug = c->direct_a_is_plug ? a->port : b->port;
  socket = c->direct_a_is_plug ? b->port : a->port;
  for (guint i = 0; i < plug->family->n_contacts; i++)
    for (guint s = 0; s < socket->family->n_contacts; s++)
      if (c->direct_mate->map[i] & (1u << s))
        {
          (c->direct_a_is_plug ? a : b)->direct_touched |= 1u << i;
          (c->direct_a_is_plug ? b : a)->direct_touched |= 1u << s;
        }
}

static void
layout_compute (Ctx *c)
{
  PwCableType *type = c->type;
  double w = c->width;
  double left_h, right_h = 0, y, pict_h = 0;

  if (c->has_ports)
    {
      c->port_w = MAX (w * 0.15, 100);
      c->mate_w = MAX (w * 0.06, 40);
      c->end_w = MAX (w * 0.14, 96);
    }
  else
    {
      c->port_w = 0;
      c->mate_w = 0;
      c->end_w = MAX (w * 0.2, 110);
    }
  c->left_port_term = MARGIN + c->port_w;
  c->left_end_x0 = c->left_port_term + c->mate_w;
  c->left_end_x1 = c->left_end_x0 + c->end_w;
  c->right_port_term = w - MARGIN - c->port_w;
  c->right_end_x1 = c->right_port_term - c->mate_w;
  c->right_end_x0 = c->right_end_x1 - c->end_w;

  /* One height for every picture, so that the rows of both sides line up. */
  for (guint e = 0; e < type->n_ends && !c->direct; e++)
    pict_h = MAX (pict_h, pict_height (type->ends[e].family));

  c->blocks = g_new0 (Block, type->n_ends);
  for (guint e = 0; e < type->n_ends; e++)
    {
      Block *b = &c->blocks[e];
      const PwFamily *family = type->ends[e].family;

      b->end = e;
      b->side = e == 0 ? -1 : 1;
      b->device_index = -1;
      if (c->has_ports)
        block_setup_port (c, b);
      b->pict_h = pict_h;
      b->n_rows = MAX (family->n_contacts, b->n_vis);
      b->h = HEADER_H + b->pict_h + b->n_rows * ROW_PITCH + BLOCK_PAD;
    }

  if (c->direct)
    direct_setup (c);

  c->ends_top = TITLE_H;
  left_h = c->blocks[0].h;
  for (guint e = 1; e < type->n_ends; e++)
    right_h += c->blocks[e].h + (e > 1 ? BLOCK_GAP : 0);
  c->ends_h = MAX (left_h, right_h);

  c->blocks[0].y = c->ends_top + (c->ends_h - left_h) / 2;
  y = c->ends_top + (c->ends_h - right_h) / 2;
  for (guint e = 1; e < type->n_ends; e++)
    {
      c->blocks[e].y = y;
      y += c->blocks[e].h + BLOCK_GAP;
    }
  for (guint e = 0; e < type->n_ends; e++)
    {
      Block *b = &c->blocks[e];

      b->row_top = b->y + HEADER_H + b->pict_h + ROW_PITCH / 2;
    }

  c->findings_top = c->ends_top + c->ends_h + 6;
  c->findings_h = 0;
  if (c->has_ports)
    {
      double text_w = w - 2 * MARGIN - MARK_SIZE - 8;
      guint n = pw_analysis_get_n_findings (c->analysis);
      gboolean any = FALSE;

      c->findings_h = 18;   /* the heading */
      for (guint i = 0; i < n; i++)
        {
          const PwFinding *f = pw_analysis_get_finding (c->analysis, i);
          g_autofree char *line = NULL;

          if (f->cable != (int) c->cable_index)
            continue;
          any = TRUE;
          line = g_strdup (pw_code_get_message (f->code));
          c->findings_h += MAX (text_height (c, line, FONT_NORMAL, text_w) + 12, MARK_SIZE + 14)
                           + FINDING_GAP;
        }
      if (!any)
        c->findings_h += 16;
    }
  c->height = ceil (c->findings_top + c->findings_h + MARGIN);
}

/* Drawing pieces */

static void
draw_terminal (cairo_t       *cr,
               double         x,
               double         y,
               const PwColor *color,
               gboolean       open,
               const PwColor *background)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, open ? TERM_RADIUS + 0.8 : TERM_RADIUS, 0, 2 * G_PI);
  if (open)
    {
      pw_palette_set_source (cr, background);
      cairo_fill_preserve (cr);
      pw_palette_set_source (cr, color);
      cairo_set_line_width (cr, 1.4);
      cairo_stroke (cr);
    }
  else
    {
      pw_palette_set_source (cr, color);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/* A line in @a, striped with @b when the net it carries is shorted. */
static void
stroke_carried (cairo_t       *cr,
                const PwColor *a,
                const PwColor *b,
                double         width)
{
  pw_palette_set_source (cr, a);
  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (b != NULL && b != a)
    {
      const double dash[] = { 5, 5 };

      cairo_stroke_preserve (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      pw_palette_set_source (cr, b);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else
    cairo_stroke (cr);
}

static void
draw_bridge_bar (Ctx           *c,
                 double         x,
                 double         y0,
                 double         y1,
                 const PwColor *color,
                 const char    *label)
{
  cairo_t *cr = c->cr;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_move_to (cr, x, y0);
  cairo_line_to (cr, x, y1);
  pw_palette_set_source (cr, color);
  cairo_set_line_width (cr, 4.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
  cairo_arc (cr, x, y0, 2.8, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_arc (cr, x, y1, 2.8, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
  if (label != NULL)
    text_draw_boxed (c, x, y1 + 4, label, FONT_SMALL_BOLD, &c->palette->foreground,
                     ALIGN_CENTER, 0);
}

/* A role in its colour. @side < 0: @x is the chip's right edge; else its left edge. */
static void
draw_role_chip (Ctx      *c,
                double    x,
                int       side,
                double    y,
                PwRole    role,
                double    max_w,
                gboolean  dim)
{
  cairo_t *cr = c->cr;
  const PwColor *color = pw_palette_role_color (c->palette, role);
  const char *label = role_label (role);
  PangoRectangle logical;
  double w, h = 14, x_right;

  pango_layout_get_extents (text_prepare (c, label, FONT_SMALL_BOLD, 0, 0), NULL, &logical);
  w = MIN ((double) logical.width / PANGO_SCALE + 10, max_w);
  x_right = side < 0 ? x : x + w;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x_right - w, y - h / 2, w, h);
  if (role == PW_ROLE_NC || dim)
    {
      pw_palette_set_source (cr, &c->palette->dim);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      cairo_restore (cr);
      text_draw (c, x_right - w / 2, y - 5.5, label, FONT_SMALL_BOLD, &c->palette->dim,
                 ALIGN_CENTER, w - 4);
      return;
    }
  pw_palette_set_source (cr, color);
  cairo_fill (cr);
  cairo_restore (cr);
  text_draw (c, x_right - w / 2, y - 5.5, label, FONT_SMALL_BOLD, &c->palette->background,
             ALIGN_CENTER, w - 4);
}

/* The device port: its name and each contact's role. */
static void
draw_port (Ctx   *c,
           Block *b)
{
  const PwPalette *pal = c->palette;
  double term = port_term_x (c, b);
  double x0 = b->side < 0 ? MARGIN : c->right_port_term;
  double x1 = b->side < 0 ? c->left_port_term : c->width - MARGIN;
  double head_w = c->port_w + c->mate_w / 2;
  double hx = b->side < 0 ? MARGIN : c->width - MARGIN;
  Align ha = b->side < 0 ? ALIGN_LEFT : ALIGN_RIGHT;
  double rows_y0 = b->row_top - ROW_PITCH / 2;

  if (b->device == NULL && b->meets != NULL)
    {
      g_autofree char *into = g_strdup_printf (_("%s end %s"), cable_display_name (b->meets),
                                               b->meets->type->ends[b->meets_end].label);

      text_draw (c, hx, b->y, _("Meets the end of"), FONT_SMALL, &pal->dim, ha, head_w);
      text_draw (c, hx, b->y + 13, into, FONT_BOLD, &pal->foreground, ha, head_w);
      return;
    }
  if (b->device == NULL)
    {
      const double dash[] = { 4, 3 };
      double top = rows_y0 - 4, h = MAX (b->n_rows, 1) * ROW_PITCH + 4;

      text_draw (c, hx, b->y, _("Not plugged in"), FONT_BOLD, &pal->warning, ha, head_w);
      text_draw (c, hx, b->y + 13, _("open end"), FONT_SMALL, &pal->dim, ha, head_w);
      cairo_save (c->cr);
      cairo_new_path (c->cr);
      cairo_rectangle (c->cr, x0 + 2, top, x1 - x0 - 4, h);
      cairo_set_dash (c->cr, dash, 2, 0);
      pw_palette_set_source (c->cr, &pal->dim);
      cairo_set_line_width (c->cr, 1.2);
      cairo_stroke (c->cr);
      cairo_restore (c->cr);
      text_draw (c, (x0 + x1) / 2, top + h / 2 - 6, _("(nothing)"), FONT_SMALL, &pal->dim,
                 ALIGN_CENTER, x1 - x0 - 8);
      return;
    }

  {
    const char *name = b->device->name != NULL ? b->device->name : b->device->id;
    const char *label = b->port->label != NULL ? b->port->label : b->port->id;
    g_autofree char *sub = g_strdup_printf ("%s %s", b->port->family->name,
                                            gender_label (b->port->gender));

    text_draw (c, hx, b->y, name, FONT_BOLD, &pal->foreground, ha, head_w);
    text_draw (c, hx, b->y + 13, label, FONT_SMALL, &pal->foreground, ha, head_w);
    text_draw (c, hx, b->y + 25, sub, FONT_SMALL, &pal->dim, ha, head_w);
  }

  {
    /* The port's own outline, behind its rows. */
    double top = rows_y0 - 3, h = b->n_vis * ROW_PITCH + 6;

    cairo_save (c->cr);
    cairo_new_path (c->cr);
    cairo_rectangle (c->cr, x0 + 1, top, x1 - x0 - 2, h);
    pw_palette_set_source (c->cr, &pal->card);
    cairo_fill_preserve (c->cr);
    pw_palette_set_source (c->cr, b->state == PW_END_MATED ? &pal->card_border : &pal->error);
    cairo_set_line_width (c->cr, b->state == PW_END_MATED ? 1.0 : 2.0);
    cairo_stroke (c->cr);
    cairo_restore (c->cr);
  }

  for (guint i = 0; i < b->n_vis; i++)
    {
      guint k = b->vis[i];
      double y = row_y (b, i);
      PwRole role = b->port->roles[k];
      g_autofree char *cname = contact_label (b->port->family, k);
      gboolean touched = FALSE;
      double chip_w = (x1 - x0) * 0.58;

      for (guint e = 0; e < c->type->ends[b->end].family->n_contacts; e++)
        if (b->touches[e] & (1u << k))
          touched = TRUE;
      if (b->direct_touched & (1u << k))
        touched = TRUE;

      if (b->side < 0)
        {
          text_draw (c, x0 + 5, y - 6, cname, FONT_SMALL, &pal->foreground, ALIGN_LEFT,
                     x1 - x0 - chip_w - 12);
          draw_role_chip (c, term - 8, -1, y, role, chip_w, !touched);
        }
      else
        {
          text_draw (c, x1 - 5, y - 6, cname, FONT_SMALL, &pal->foreground, ALIGN_RIGHT,
                     x1 - x0 - chip_w - 12);
          draw_role_chip (c, term + 8, 1, y, role, chip_w, !touched);
        }
      draw_terminal (c->cr, term, y, pw_palette_role_color (pal, role), !touched,
                     &pal->background);
    }
}

/* The cross of contacts that do not meet. */
static void
cross_path (cairo_t *cr,
            double   cx,
            double   cy)
{
  cairo_move_to (cr, cx - 8, cy - 8);
  cairo_line_to (cr, cx + 8, cy + 8);
  cairo_move_to (cr, cx + 8, cy - 8);
  cairo_line_to (cr, cx - 8, cy + 8);
}

/* Between the port and the cable end: what the plug really touches. */
static void
draw_mating (Ctx   *c,
             Block *b)
{
  const PwPalette *pal = c->palette;
  const PwFamily *ef = c->type->ends[b->end].family;
  double term = port_term_x (c, b);
  double edge = end_mate_edge (c, b);
  int inward = b->side < 0 ? 1 : -1;   /* from the port towards the cable */
  guint8 done[PW_MAX_CONTACTS] = { 0 };

  if (b->device == NULL && b->meets != NULL)
    {
      /* The junction below the cable shows how the two ends mate. */
      for (guint k = 0; k < ef->n_contacts; k++)
        draw_terminal (c->cr, edge, row_y (b, k), contact_color (c, b->end, k, 0), FALSE,
                       &pal->background);
      return;
    }
  if (b->device == NULL || b->state != PW_END_MATED)
    {
      const char *what = b->device == NULL ? _("open") :
                         b->state == PW_END_GENDER_MISMATCH ? _("same gender") :
                         _("does not fit");
      const PwColor *color = b->device == NULL ? &pal->warning : &pal->error;
      double cx = (term + edge) / 2;
      double cy = (row_y (b, 0) + row_y (b, MAX (b->n_rows, 1) - 1)) / 2;

      cairo_save (c->cr);
      cairo_new_path (c->cr);
      pw_palette_set_source (c->cr, color);
      cairo_set_line_width (c->cr, 3.0);
      cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_ROUND);
      if (b->device == NULL)
        {
          /* A gap: two facing brackets. */
          cairo_move_to (c->cr, cx - 8, cy - 10);
          cairo_line_to (c->cr, cx - 4, cy - 10);
          cairo_line_to (c->cr, cx - 4, cy + 10);
          cairo_line_to (c->cr, cx - 8, cy + 10);
          cairo_move_to (c->cr, cx + 8, cy - 10);
          cairo_line_to (c->cr, cx + 4, cy - 10);
          cairo_line_to (c->cr, cx + 4, cy + 10);
          cairo_line_to (c->cr, cx + 8, cy + 10);
        }
      else
        cross_path (c->cr, cx, cy);
      cairo_stroke (c->cr);
      cairo_restore (c->cr);
      text_draw_wrapped (c, cx, cy + 12, what, FONT_SMALL_BOLD, color, c->mate_w - 4);
      for (guint k = 0; k < ef->n_contacts; k++)
        draw_terminal (c->cr, edge, row_y (b, k), contact_color (c, b->end, k, 0), TRUE,
                       &pal->background);
      return;
    }

  /* Each group of contacts the mating joins: one end contact touching
   * several port contacts, or one port contact touched by several end
   * contacts, is a short made by the connector itself. */
  for (guint k = 0; k < ef->n_contacts; k++)
    {
      guint32 ends = 1u << k, ports = b->touches[k];
      gboolean grew = TRUE;
      double ey0 = G_MAXDOUBLE, ey1 = -G_MAXDOUBLE, py0 = G_MAXDOUBLE, py1 = -G_MAXDOUBLE;
      guint n_e = 0, n_p = 0;
      double ex, px, ey, py;
      const PwColor *color = contact_color (c, b->end, k, 0);

      if (done[k])
        continue;
      if (ports == 0)
        {
          double y = row_y (b, k);

          done[k] = 1;
          draw_terminal (c->cr, edge, y, color, TRUE, &pal->background);
          text_draw_boxed (c, edge - inward * 6, y - 6, _("floating"), FONT_SMALL,
                           &pal->warning, inward > 0 ? ALIGN_RIGHT : ALIGN_LEFT, c->mate_w - 10);
          continue;
        }
      while (grew)
        {
          grew = FALSE;
          for (guint j = 0; j < ef->n_contacts; j++)
            if (!(ends & (1u << j)) && (b->touches[j] & ports))
              {
                ends |= 1u << j;
                ports |= b->touches[j];
                grew = TRUE;
              }
        }

      for (guint j = 0; j < ef->n_contacts; j++)
        if (ends & (1u << j))
          {
            double y = row_y (b, j);

            done[j] = 1;
            n_e++;
            ey0 = MIN (ey0, y);
            ey1 = MAX (ey1, y);
          }
      for (guint j = 0; j < PW_MAX_CONTACTS; j++)
        if (ports & (1u << j))
          {
            int r = port_row (b, j);
            double y;

            if (r < 0)
              continue;
            y = row_y (b, r);
            n_p++;
            py0 = MIN (py0, y);
            py1 = MAX (py1, y);
          }
      if (n_p == 0)
        continue;

      ex = edge;
      ey = ey0;
      px = term;
      py = py0;
      if (n_e > 1)
        {
          ex = edge - inward * 9;
          ey = (ey0 + ey1) / 2;
          for (guint j = 0; j < ef->n_contacts; j++)
            if (ends & (1u << j))
              {
                cairo_save (c->cr);
                cairo_new_path (c->cr);
                cairo_move_to (c->cr, edge, row_y (b, j));
                cairo_line_to (c->cr, ex, row_y (b, j));
                stroke_carried (c->cr, color, NULL, MATE_WIDTH);
                cairo_restore (c->cr);
              }
          draw_bridge_bar (c, ex, ey0, ey1, &pal->foreground, NULL);
        }
      if (n_p > 1)
        {
          px = term + inward * 10;
          py = (py0 + py1) / 2;
          for (guint j = 0; j < PW_MAX_CONTACTS; j++)
            {
              int r = (ports & (1u << j)) ? port_row (b, j) : -1;

              if (r < 0)
                continue;
              cairo_save (c->cr);
              cairo_new_path (c->cr);
              cairo_move_to (c->cr, term, row_y (b, r));
              cairo_line_to (c->cr, px, row_y (b, r));
              stroke_carried (c->cr, color, NULL, MATE_WIDTH);
              cairo_restore (c->cr);
            }
          draw_bridge_bar (c, px, py0, py1, &pal->foreground, _("bridged"));
        }

      cairo_save (c->cr);
      cairo_new_path (c->cr);
      cairo_move_to (c->cr, px, py);
      cairo_line_to (c->cr, ex, ey);
      stroke_carried (c->cr, color, NULL, MATE_WIDTH);
      cairo_restore (c->cr);
    }
}

/* Two ends may share a label (the "R" of either side of a stereo pair). */
static gboolean
end_label_unique (PwCableType *type,
                  guint        end)
{
  for (guint e = 0; e < type->n_ends; e++)
    if (e != end && g_strcmp0 (type->ends[e].label, type->ends[end].label) == 0)
      return FALSE;
  return TRUE;
}

/* The cable end: header, picture, one row per contact. */
static void
draw_end (Ctx   *c,
          Block *b)
{
  const PwPalette *pal = c->palette;
  const PwCableEndType *end = &c->type->ends[b->end];
  const PwFamily *ef = end->family;
  double x0 = b->side < 0 ? c->left_end_x0 : c->right_end_x0;
  double x1 = b->side < 0 ? c->left_end_x1 : c->right_end_x1;
  double pict_cy = b->y + HEADER_H + b->pict_h / 2 - 4;
  g_autofree char *head = NULL;
  g_autofree char *sub = NULL;
  gboolean bad = c->has_ports && b->device != NULL && b->state != PW_END_MATED;

  if (end->label != NULL && !end_label_unique (c->type, b->end))
    head = g_strdup_printf (_("End %s (%s)"), end->label, end->id);
  else
    head = g_strdup_printf (_("End %s"), end->label != NULL ? end->label : end->id);
  sub = g_strdup_printf ("%s %s", ef->name, gender_label (end->gender));
  text_draw (c, (x0 + x1) / 2, b->y, head, FONT_BOLD, bad ? &pal->error : &pal->foreground,
             ALIGN_CENTER, x1 - x0);
  text_draw (c, (x0 + x1) / 2, b->y + 13, sub, FONT_SMALL, &pal->dim, ALIGN_CENTER,
             x1 - x0 + c->mate_w * 0.9);

  switch (pict_kind (ef))
    {
    case PICT_ROUND:
      draw_pict_round (c, b->end, ef, end->gender, (x0 + x1) / 2, pict_cy);
      break;
    case PICT_COAX:
      draw_pict_coax (c, b->end, ef, end->gender, (x0 + x1) / 2 - 16, pict_cy);
      break;
    case PICT_JACK:
      draw_pict_jack (c, b->end, ef, end->gender, x0 + 2, x1 - 2, pict_cy, b->side);
      break;
    case PICT_POSTS:
      draw_pict_posts (c, b->end, ef, (x0 + x1) / 2, pict_cy);
      break;
    case PICT_BOX:
    case PICT_NONE:
    default:
      draw_pict_box (c, b->end, ef, (x0 + x1) / 2, pict_cy);
      break;
    }

  if (bad)
    {
      const double dash[] = { 5, 3 };

      cairo_save (c->cr);
      cairo_new_path (c->cr);
      cairo_rectangle (c->cr, x0 - 3, b->y - 3, x1 - x0 + 6, b->h - BLOCK_PAD + 4);
      cairo_set_dash (c->cr, dash, 2, 0);
      pw_palette_set_source (c->cr, &pal->error);
      cairo_set_line_width (c->cr, 1.6);
      cairo_stroke (c->cr);
      cairo_restore (c->cr);
    }

  for (guint k = 0; k < ef->n_contacts; k++)
    {
      double y = row_y (b, k);
      g_autofree char *cname = contact_label (ef, k);
      const PwColor *color = contact_color (c, b->end, k, 0);

      cairo_save (c->cr);
      cairo_new_path (c->cr);
      cairo_rectangle (c->cr, x0, y - PILL_H / 2, x1 - x0, PILL_H);
      pw_palette_set_source (c->cr, &pal->card);
      cairo_fill_preserve (c->cr);
      pw_palette_set_source (c->cr, color);
      cairo_set_line_width (c->cr, 1.6);
      cairo_stroke (c->cr);
      /* A colour tab on the wire side, to pick the row out at a glance. */
      cairo_rectangle (c->cr, b->side < 0 ? x1 - 8 : x0, y - PILL_H / 2, 8, PILL_H);
      cairo_fill (c->cr);
      cairo_restore (c->cr);
      text_draw (c, (x0 + x1) / 2, y - 6, cname, FONT_SMALL_BOLD, &pal->foreground, ALIGN_CENTER,
                 x1 - x0 - 20);
    }
}

typedef struct
{
  double x, y;
  int    side;
} Attach;

/* A path in the colour of what it carries, over a halo of background so
 * that a line drawn across another shows a gap: crossing, not joined. */
static void
stroke_wire (Ctx           *c,
             const PwColor *color,
             const PwColor *stripe,
             double         width,
             gboolean       shield)
{
  const double shield_dash[] = { 7, 2.5 };

  cairo_save (c->cr);
  pw_palette_set_source (c->cr, &c->palette->background);
  cairo_set_line_width (c->cr, width + 3.5);
  cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (c->cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (c->cr);
  if (shield)
    cairo_set_dash (c->cr, shield_dash, 2, 0);
  stroke_carried (c->cr, color, stripe, width);
  cairo_restore (c->cr);
}

static gboolean
wire_has_bridge (PwCableType  *type,
                 const PwWire *wire)
{
  for (guint e = 0; e < type->n_ends; e++)
    {
      guint n = 0;

      for (guint j = 0; j < wire->n_joins; j++)
        if (wire->joins[j].port == e)
          n++;
      if (n > 1)
        return TRUE;
    }
  return FALSE;
}

static void
draw_wire (Ctx     *c,
           guint    w,
           guint   *bars,
           guint8  *wired)
{
  const PwPalette *pal = c->palette;
  PwCableType *type = c->type;
  const PwWire *wire = &type->wires[w];
  double mid = (c->left_end_x1 + c->right_end_x0) / 2;
  double region = c->right_end_x0 - c->left_end_x1;
  double stub = MAX (region * 0.16, 14);
  g_autofree char *label = wire_label (c, w, 0);
  const PwColor *color = contact_color (c, wire->joins[0].port, wire->joins[0].contact, 0);
  const PwColor *stripe = contact_color (c, wire->joins[0].port, wire->joins[0].contact, 1);
  Attach att[16];
  guint n_att = 0;
  double width = wire->shield ? WIRE_WIDTH - 0.6 : WIRE_WIDTH;

  for (guint j = 0; j < wire->n_joins; j++)
    wired[type->contact_offset[wire->joins[j].port] + wire->joins[j].contact] = 1;

  for (guint e = 0; e < type->n_ends && n_att < G_N_ELEMENTS (att); e++)
    {
      Block *b = &c->blocks[e];
      double edge = end_wire_edge (c, b);
      int out = -b->side;   /* from the end towards the middle */
      double y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE, bx;
      guint n = 0;

      for (guint j = 0; j < wire->n_joins; j++)
        if (wire->joins[j].port == e)
          {
            double y = row_y (b, wire->joins[j].contact);

            n++;
            y0 = MIN (y0, y);
            y1 = MAX (y1, y);
          }
      if (n == 0)
        continue;
      if (n == 1)
        {
          att[n_att++] = (Attach) { edge, y0, b->side };
          continue;
        }

      /* Several contacts of one end joined by the wire: a bridge in the
       * connector shell, drawn as a bar joining them. */
      bx = edge + out * (10 + 8 * bars[e]++);
      for (guint j = 0; j < wire->n_joins; j++)
        if (wire->joins[j].port == e)
          {
            cairo_save (c->cr);
            cairo_new_path (c->cr);
            cairo_move_to (c->cr, edge, row_y (b, wire->joins[j].contact));
            cairo_line_to (c->cr, bx, row_y (b, wire->joins[j].contact));
            stroke_carried (c->cr, color, stripe, width);
            cairo_restore (c->cr);
          }
      draw_bridge_bar (c, bx, y0, y1, &pal->foreground, _("bridged"));
      /* The wire leaves from the middle of the bar when its contacts are
       * neighbours, else from its last contact, so as not to leave from
       * the row of a contact it does not join. */
      att[n_att++] = (Attach) { bx, (y1 - y0) < (n - 0.5) * ROW_PITCH ? (y0 + y1) / 2 : y1,
                                b->side };
    }

  cairo_save (c->cr);
  cairo_new_path (c->cr);
  if (n_att == 2)
    {
      Attach *a = &att[0], *z = &att[1];
      double as = a->x - a->side * stub, zs = z->x - z->side * stub;

      if (a->side == z->side)
        {
          /* Both on the right: turn round towards the middle. */
          as = zs = MIN (a->x, z->x) - stub;
        }
      cairo_move_to (c->cr, a->x, a->y);
      cairo_line_to (c->cr, as, a->y);
      cairo_line_to (c->cr, zs, z->y);
      cairo_line_to (c->cr, z->x, z->y);
      stroke_wire (c, color, stripe, width, wire->shield);
    }
  else if (n_att > 2)
    {
      /* A Y: the branches meet at a joint in the middle. */
      double jx = mid + ((int) (w % 3) - 1) * 8;
      double jy = 0;
      guint n_left = 0;

      for (guint i = 0; i < n_att; i++)
        if (att[i].side < 0)
          {
            jy = att[i].y;
            n_left++;
          }
      if (n_left != 1)
        {
          jy = 0;
          for (guint i = 0; i < n_att; i++)
            jy += att[i].y / n_att;
        }
      for (guint i = 0; i < n_att; i++)
        {
          double s = att[i].x - att[i].side * stub;

          cairo_move_to (c->cr, att[i].x, att[i].y);
          cairo_line_to (c->cr, s, att[i].y);
          cairo_line_to (c->cr, jx, jy);
        }
      stroke_wire (c, color, stripe, width, wire->shield);
      cairo_new_path (c->cr);
      cairo_arc (c->cr, jx, jy, 4.0, 0, 2 * G_PI);
      pw_palette_set_source (c->cr, &pal->foreground);
      cairo_fill (c->cr);
    }
  for (guint i = 0; i < n_att; i++)
    if (att[i].x != end_wire_edge (c, &c->blocks[0]) && att[i].x != c->right_end_x0)
      {
        /* The joint of a bridge and its wire. */
        cairo_new_path (c->cr);
        cairo_arc (c->cr, att[i].x, att[i].y, 3.0, 0, 2 * G_PI);
        pw_palette_set_source (c->cr, &pal->foreground);
        cairo_fill (c->cr);
      }
  cairo_restore (c->cr);

  if (n_att > 0)
    {
      /* The label sits on the first stub, above the line. */
      Attach *a = &att[0];
      double lw = region / 2 - 8;
      Align align = a->side < 0 ? ALIGN_LEFT : ALIGN_RIGHT;
      double lx = a->x - a->side * 5;

      /* Shorter words until the label fits. */
      for (guint terse = 1; terse <= 2; terse++)
        {
          PangoRectangle logical;

          pango_layout_get_extents (text_prepare (c, label, FONT_SMALL, 0, 0), NULL, &logical);
          if ((double) logical.width / PANGO_SCALE <= lw)
            break;
          g_free (label);
          label = wire_label (c, w, terse);
        }

      {
        PangoRectangle logical;
        double used;

        pango_layout_get_extents (text_prepare (c, label, FONT_SMALL, lw, 0), NULL, &logical);
        used = MIN ((double) logical.width / PANGO_SCALE, lw);
        text_draw_boxed (c, lx, a->y - 13.5, label, FONT_SMALL, color, align, lw);
        if (wire_shorted (c, w))
          {
            /* After the label when there is room, else under the line. */
            const char *shorted = _("shorted");
            double sw;

            pango_layout_get_extents (text_prepare (c, shorted, FONT_SMALL_BOLD, 0, 0), NULL,
                                      &logical);
            sw = (double) logical.width / PANGO_SCALE;
            if (used + sw + 6 <= region - 16)
              text_draw_boxed (c, lx - a->side * (used + 5), a->y - 13.5, shorted,
                               FONT_SMALL_BOLD, &pal->error, align, 0);
            else
              text_draw_boxed (c, lx, a->y + 2.5, shorted, FONT_SMALL_BOLD, &pal->error,
                               align, lw);
          }
      }
    }
}

/* The conductors of the cable: those with a bridge first, so that the
 * others cross over their bars. */
static void
draw_wires (Ctx *c)
{
  const PwPalette *pal = c->palette;
  PwCableType *type = c->type;
  double region = c->right_end_x0 - c->left_end_x1;
  g_autofree guint *bars = g_new0 (guint, type->n_ends);
  g_autofree guint8 *wired = g_new0 (guint8, type->n_contacts);

  for (int pass = 0; pass < 2; pass++)
    for (guint w = 0; w < type->n_wires; w++)
      if (wire_has_bridge (type, &type->wires[w]) == (pass == 0))
        draw_wire (c, w, bars, wired);

  /* Contacts of an end that no conductor reaches. */
  for (guint e = 0; e < type->n_ends; e++)
    {
      Block *b = &c->blocks[e];
      double edge = end_wire_edge (c, b);

      for (guint k = 0; k < type->ends[e].family->n_contacts; k++)
        {
          double y = row_y (b, k);

          if (wired[type->contact_offset[e] + k])
            continue;
          draw_terminal (c->cr, edge - b->side * 5, y, &pal->warning, TRUE, &pal->background);
          text_draw_boxed (c, edge - b->side * 12, y - 6, _("floating (no wire)"), FONT_SMALL_BOLD,
                           &pal->warning, b->side < 0 ? ALIGN_LEFT : ALIGN_RIGHT, region / 2 - 14);
        }
    }
}

/* Severity marks differ by shape, not only by colour: an error is an
 * octagon with a cross, a warning a triangle with a bar, an info a
 * square with a dot. A suppressed finding's mark is hollow. */
static void
draw_severity_mark (Ctx        *c,
                    double      x,
                    double      y,
                    PwSeverity  severity,
                    gboolean    suppressed)
{
  cairo_t *cr = c->cr;
  const PwColor *color = suppressed ? &c->palette->dim : pw_palette_severity_color (c->palette, severity);
  const PwColor *ink = suppressed ? color : &c->palette->background;
  double s = MARK_SIZE, cx = x + s / 2, cy = y + s / 2;

  cairo_save (cr);
  cairo_new_path (cr);
  switch (severity)
    {
    case PW_SEVERITY_ERROR:
      for (int i = 0; i < 8; i++)
        {
          double a = (i + 0.5) * G_PI / 4;

          cairo_line_to (cr, cx + cos (a) * s * 0.56, cy + sin (a) * s * 0.56);
        }
      cairo_close_path (cr);
      break;
    case PW_SEVERITY_WARNING:
      cairo_move_to (cr, cx, y - 0.5);
      cairo_line_to (cr, x + s + 0.5, y + s);
      cairo_line_to (cr, x - 0.5, y + s);
      cairo_close_path (cr);
      break;
    case PW_SEVERITY_INFO:
    default:
      cairo_rectangle (cr, x + 0.5, y + 0.5, s - 1, s - 1);
      break;
    }
  pw_palette_set_source (cr, color);
  if (suppressed)
    {
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);

  pw_palette_set_source (cr, ink);
  cairo_set_line_width (cr, 1.6);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  switch (severity)
    {
    case PW_SEVERITY_ERROR:
      cairo_move_to (cr, cx - 2.3, cy - 2.3);
      cairo_line_to (cr, cx + 2.3, cy + 2.3);
      cairo_move_to (cr, cx + 2.3, cy - 2.3);
      cairo_line_to (cr, cx - 2.3, cy + 2.3);
      cairo_stroke (cr);
      break;
    case PW_SEVERITY_WARNING:
      cairo_move_to (cr, cx, cy - 1.5);
      cairo_line_to (cr, cx, cy + 1.8);
      cairo_stroke (cr);
      cairo_arc (cr, cx, cy + 4, 0.9, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case PW_SEVERITY_INFO:
    default:
      cairo_arc (cr, cx, cy - 2.2, 0.9, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_move_to (cr, cx, cy);
      cairo_line_to (cr, cx, cy + 3);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}

static void
draw_findings (Ctx *c)
{
  const PwPalette *pal = c->palette;
  guint n = pw_analysis_get_n_findings (c->analysis);
  double y = c->findings_top;
  double text_x = MARGIN + MARK_SIZE + 8;
  double text_w = c->width - 2 * MARGIN - MARK_SIZE - 8;
  gboolean any = FALSE;

  cairo_save (c->cr);
  cairo_new_path (c->cr);
  cairo_move_to (c->cr, MARGIN, y + 0.5);
  cairo_line_to (c->cr, c->width - MARGIN, y + 0.5);
  pw_palette_set_source (c->cr, &pal->grid);
  cairo_set_line_width (c->cr, 1.0);
  cairo_stroke (c->cr);
  cairo_restore (c->cr);
  text_draw (c, MARGIN, y + 3, _("Findings"), FONT_BOLD, &pal->foreground, ALIGN_LEFT, 0);
  y += 18;

  for (guint i = 0; i < n; i++)
    {
      const PwFinding *f = pw_analysis_get_finding (c->analysis, i);
      const PwCodeInfo *info;
      g_autofree char *line = NULL;
      g_autoptr(GString) detail = NULL;
      double h;

      if (f->cable != (int) c->cable_index)
        continue;
      any = TRUE;
      info = pw_code_get_info (f->code);
      line = g_strdup (pw_code_get_message (f->code));
      detail = g_string_new (NULL);
      g_string_append_printf (detail, "%s · %s", pw_severity_to_string (f->severity), info->code);
      if (f->device >= 0)
        {
          PwDevice *d = pw_document_get_device (c->doc, f->device);
          const PwPortType *p = f->port >= 0 ? &d->type->ports[f->port] : NULL;

          g_string_append_printf (detail, " · %s", d->name != NULL ? d->name : d->id);
          if (p != NULL)
            g_string_append_printf (detail, ", %s", p->label != NULL ? p->label : p->id);
        }
      if (f->end >= 0)
        {
          const PwCableEndType *e = &c->type->ends[f->end];

          g_string_append_printf (detail, " · %s %s", _("end"), e->label != NULL ? e->label : e->id);
        }
      if (f->suppressed)
        g_string_append_printf (detail, " · %s", _("suppressed"));

      draw_severity_mark (c, MARGIN + 1, y + 1, f->severity, f->suppressed);
      h = text_height (c, line, FONT_NORMAL, text_w);
      if (c->cr != NULL)
        {
          cairo_save (c->cr);
          pw_palette_set_source (c->cr, f->suppressed ? &pal->dim : &pal->foreground);
          cairo_move_to (c->cr, text_x, y);
          pw_render_show_layout (c->cr, text_prepare (c, line, FONT_NORMAL, 0, text_w));
          cairo_restore (c->cr);
        }
      text_draw (c, text_x, y + h, detail->str, FONT_SMALL, &pal->dim, ALIGN_LEFT, text_w);
      y += MAX (h + 12, MARK_SIZE + 14) + FINDING_GAP;
    }

  if (!any)
    text_draw (c, MARGIN, y, _("No findings on this cable."), FONT_NORMAL, &pal->dim,
               ALIGN_LEFT, c->width - 2 * MARGIN);
}

static void
draw_title (Ctx *c)
{
  const PwPalette *pal = c->palette;
  g_autofree char *title = NULL;
  g_autoptr(GString) sub = g_string_new (NULL);
  double w = c->width - 2 * MARGIN;

  if (c->cable != NULL)
    {
      const char *label = c->cable->label != NULL ? c->cable->label : c->cable->id;
      PwLinkClass klass = pw_analysis_get_link_class (c->analysis, c->cable_index);
      double x;

      title = g_strdup_printf ("%s — %s", label, pw_catalogue_type_name (c->type->name));
      g_string_append (sub, c->direct ? _("direct connection")
                            : c->type->kind == PW_CABLE_KIND_ADAPTER ? _("adapter") : _("cable"));
      if (c->cable->has_length && c->type->kind == PW_CABLE_KIND_CABLE)
        g_string_append_printf (sub, " · %g m", c->cable->length_m);
      g_string_append_printf (sub, " · %s: ", _("link"));
      x = MARGIN + text_draw (c, MARGIN, 18, sub->str, FONT_NORMAL, &pal->dim, ALIGN_LEFT, w);

      /* The link class in its colour and dash, as on the diagram. */
      cairo_save (c->cr);
      cairo_new_path (c->cr);
      cairo_move_to (c->cr, x + 2, 24.5);
      cairo_line_to (c->cr, x + 30, 24.5);
      pw_palette_set_source (c->cr, &pal->link[klass]);
      cairo_set_line_width (c->cr, 3.0);
      pw_palette_set_link_dash (c->cr, klass, 1.5);
      cairo_stroke (c->cr);
      cairo_restore (c->cr);
      text_draw (c, x + 36, 18, pw_link_class_label (klass), FONT_BOLD, &pal->link[klass],
                 ALIGN_LEFT, MAX (w - x - 36, 10));
    }
  else
    {
      title = g_strdup (pw_catalogue_type_name (c->type->name));
      g_string_append_printf (sub, "%s · %s", c->type->id,
                              c->type->kind == PW_CABLE_KIND_ADAPTER ? _("adapter") : _("cable"));
      if (c->type->balanced)
        g_string_append_printf (sub, " · %s", _("sold as balanced"));
      if (c->type->capacitance_pf_per_m > 0)
        g_string_append_printf (sub, " · %g pF/m", c->type->capacitance_pf_per_m);
      text_draw (c, MARGIN, 18, sub->str, FONT_NORMAL, &pal->dim, ALIGN_LEFT, w);
    }
  text_draw (c, MARGIN, 1, title, FONT_TITLE, &pal->foreground, ALIGN_LEFT, w);
}

/* A direct connection: a line from each contact of one port to each
 * contact of the other that it touches; a cross where they do not mate. */
static void
draw_direct (Ctx *c)
{
  const PwPalette *pal = c->palette;
  Block *a = &c->blocks[0], *b = &c->blocks[1];
  Block *plug = c->direct_a_is_plug ? a : b, *socket = c->direct_a_is_plug ? b : a;

  if (a->device == NULL || b->device == NULL || c->direct_mate == NULL)
    {
      double cx = c->width / 2;
      double cy = (row_y (a, 0) + row_y (a, MAX (a->n_rows, 1) - 1)) / 2;
      const char *what = a->device == NULL || b->device == NULL ? _("open") : _("does not fit");

      cairo_save (c->cr);
      cairo_new_path (c->cr);
      pw_palette_set_source (c->cr, &pal->error);
      cairo_set_line_width (c->cr, 3.0);
      cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_ROUND);
      cross_path (c->cr, cx, cy);
      cairo_stroke (c->cr);
      cairo_restore (c->cr);
      text_draw_wrapped (c, cx, cy + 12, what, FONT_SMALL_BOLD, &pal->error, c->width / 3);
      return;
    }

  for (guint i = 0; i < plug->port->family->n_contacts; i++)
    for (guint s = 0; s < socket->port->family->n_contacts; s++)
      {
        int pr = port_row (plug, i), sr = port_row (socket, s);
        double px, sx;

        if (!(c->direct_mate->map[i] & (1u << s)) || pr < 0 || sr < 0)
          continue;
        px = port_term_x (c, plug);
        sx = port_term_x (c, socket);
        cairo_save (c->cr);
        cairo_new_path (c->cr);
        cairo_move_to (c->cr, px, row_y (plug, pr));
        cairo_curve_to (c->cr, (px + sx) / 2, row_y (plug, pr), (px + sx) / 2,
                        row_y (socket, sr), sx, row_y (socket, sr));
        stroke_carried (c->cr, pw_palette_role_color (pal, plug->port->roles[i]), NULL,
                        WIRE_WIDTH);
        cairo_restore (c->cr);
      }
  text_draw (c, c->width / 2, c->ends_top, _("plugged straight in, no cable"), FONT_SMALL,
             &pal->dim, ALIGN_CENTER, c->width / 3);
}

static void
draw_all (Ctx *c)
{
  cairo_save (c->cr);
  cairo_new_path (c->cr);
  draw_title (c);
  if (c->direct)
    {
      draw_port (c, &c->blocks[0]);
      draw_port (c, &c->blocks[1]);
      draw_direct (c);
    }
  else
    draw_wires (c);
  for (guint e = 0; e < c->type->n_ends && !c->direct; e++)
    {
      Block *b = &c->blocks[e];

      if (c->has_ports)
        {
          draw_port (c, b);
          draw_mating (c, b);
        }
      draw_end (c, b);
    }
  if (c->has_ports)
    draw_findings (c);
  cairo_restore (c->cr);
}

/* Type-only: which wire each contact is on, for its colour. */
static void
contact_wires_compute (Ctx *c)
{
  c->contact_wire = g_new (int, c->type->n_contacts);
  for (guint i = 0; i < c->type->n_contacts; i++)
    c->contact_wire[i] = -1;
  for (guint w = 0; w < c->type->n_wires; w++)
    for (guint j = 0; j < c->type->wires[w].n_joins; j++)
      {
        const PwContactRef *r = &c->type->wires[w].joins[j];
        int *slot = &c->contact_wire[c->type->contact_offset[r->port] + r->contact];

        if (*slot < 0)
          *slot = w;
      }
}

static gboolean
ctx_setup_cable (Ctx        *c,
                 PwDocument *doc,
                 PwAnalysis *analysis,
                 guint       cable,
                 double      width,
                 cairo_t    *cr)
{
  c->doc = doc;
  c->analysis = analysis;
  c->cable_index = cable;
  c->cable = pw_document_get_cable (doc, cable);
  c->type = c->cable->type;
  c->width = width;
  c->has_ports = TRUE;
  c->direct = pw_cable_type_is_direct (c->type);
  c->palette = pw_palette_get (FALSE);
  if (c->type->n_ends == 0)
    return FALSE;
  ctx_init_text (c, cr);
  /* What the nets carry only colours and names the wires; it takes a
   * pass over every contact of the plan, which measuring can skip. */
  if (cr != NULL)
    carried_compute (c);
  layout_compute (c);
  return TRUE;
}

static gboolean
ctx_setup_type (Ctx         *c,
                PwCableType *type,
                double       width,
                cairo_t     *cr)
{
  c->type = type;
  c->width = width;
  c->has_ports = FALSE;
  c->palette = pw_palette_get (FALSE);
  if (type->n_ends == 0)
    return FALSE;
  ctx_init_text (c, cr);
  contact_wires_compute (c);
  layout_compute (c);
  return TRUE;
}

/* Runs (DESIGN.md §4) */

/* The end of @cable, other than @except, that meets an end of a cable not
 * yet @seen; FALSE when none does. */
static gboolean
run_step (PwDocument *doc,
          PwAnalysis *analysis,
          guint       cable,
          int         except,
          gboolean   *seen,
          guint      *end,
          guint      *other,
          guint      *other_end)
{
  PwCable *c = pw_document_get_cable (doc, cable);

  for (guint e = 0; e < c->type->n_ends; e++)
    if ((int) e != except && pw_analysis_get_end_partner (analysis, cable, e, other, other_end) &&
        !seen[*other])
      {
        *end = e;
        return TRUE;
      }
  return FALSE;
}

GArray *
pw_pinout_get_run (PwDocument *doc,
                   PwAnalysis *analysis,
                   guint       cable)
{
  guint n = pw_document_get_n_cables (doc);
  g_autofree gboolean *seen = NULL;
  GArray *run;
  guint cur = cable, end, other, other_end;
  int came = -1;

  g_return_val_if_fail (PW_IS_DOCUMENT (doc) && analysis != NULL, NULL);
  g_return_val_if_fail (cable < n, NULL);

  run = g_array_new (FALSE, FALSE, sizeof (guint));
  seen = g_new0 (gboolean, n);
  /* Back through the start's first end to one end of the chain … */
  seen[cur] = TRUE;
  if (pw_analysis_get_end_partner (analysis, cur, 0, &other, &other_end))
    {
      cur = other;
      came = (int) other_end;
      seen[cur] = TRUE;
      while (run_step (doc, analysis, cur, came, seen, &end, &other, &other_end))
        {
          cur = other;
          came = (int) other_end;
          seen[cur] = TRUE;
        }
    }
  /* … then along it to the other end. */
  memset (seen, 0, n * sizeof *seen);
  came = -1;
  seen[cur] = TRUE;
  g_array_append_val (run, cur);
  while (run_step (doc, analysis, cur, came, seen, &end, &other, &other_end))
    {
      cur = other;
      came = (int) other_end;
      seen[cur] = TRUE;
      g_array_append_val (run, cur);
    }
  return run;
}

#define JUNCTION_HEAD 40.0

/* The two ends that meet between @a and the next cable @b of a run. */
static gboolean
junction_ends (PwAnalysis *analysis,
               PwCable    *a,
               PwCable    *b,
               guint      *end_a,
               guint      *end_b)
{
  for (guint e = 0; e < a->type->n_ends; e++)
    {
      guint other;

      if (pw_analysis_get_end_partner (analysis, a->index, e, &other, end_b) && other == b->index)
        {
          *end_a = e;
          return TRUE;
        }
    }
  return FALSE;
}

static guint
junction_rows (PwAnalysis *analysis,
               PwCable    *a,
               PwCable    *b)
{
  guint ea, eb;

  if (!junction_ends (analysis, a, b, &ea, &eb))
    return 0;
  return MAX (a->type->ends[ea].family->n_contacts, b->type->ends[eb].family->n_contacts);
}

static double
junction_height (PwAnalysis *analysis,
                 PwCable    *a,
                 PwCable    *b)
{
  return JUNCTION_HEAD + junction_rows (analysis, a, b) * ROW_PITCH + BLOCK_GAP;
}

/* Where two cables of a run meet: each contact of the one end joined to
 * the contacts of the other that it touches. */
static void
draw_junction (Ctx     *c,
               PwCable *a,
               PwCable *b)
{
  const PwPalette *pal = c->palette;
  const PwCableEndType *ta, *tb;
  const PwMate *mate;
  gboolean a_is_plug;
  guint ea, eb;
  double xa = c->width / 2 - 70, xb = c->width / 2 + 70, top = JUNCTION_HEAD;
  g_autofree char *head = NULL;

  if (!junction_ends (c->analysis, a, b, &ea, &eb))
    return;
  ta = &a->type->ends[ea];
  tb = &b->type->ends[eb];
  head = g_strdup_printf ("%s %s (%s %s) ⇄ %s %s (%s %s)", cable_display_name (a), ta->label,
                          ta->family->name, gender_label (ta->gender), cable_display_name (b),
                          tb->label, tb->family->name, gender_label (tb->gender));
  text_draw (c, c->width / 2, 14, head, FONT_BOLD, &pal->foreground, ALIGN_CENTER,
             c->width - 2 * MARGIN);
  for (guint i = 0; i < ta->family->n_contacts; i++)
    {
      g_autofree char *name = contact_label (ta->family, i);

      text_draw (c, xa - 8, top + i * ROW_PITCH - 6, name, FONT_SMALL, &pal->foreground,
                 ALIGN_RIGHT, 120);
      draw_terminal (c->cr, xa, top + i * ROW_PITCH, &pal->foreground, FALSE, &pal->background);
    }
  for (guint i = 0; i < tb->family->n_contacts; i++)
    {
      g_autofree char *name = contact_label (tb->family, i);

      text_draw (c, xb + 8, top + i * ROW_PITCH - 6, name, FONT_SMALL, &pal->foreground,
                 ALIGN_LEFT, 120);
      draw_terminal (c->cr, xb, top + i * ROW_PITCH, &pal->foreground, FALSE, &pal->background);
    }
  if (pw_connector_table_mate (pw_connector_table_get_default (), ta->family, ta->gender,
                               tb->family, tb->gender, &mate, &a_is_plug) != PW_MATE_OK)
    {
      text_draw (c, c->width / 2, top - 6, _("does not fit"), FONT_SMALL_BOLD, &pal->error,
                 ALIGN_CENTER, xb - xa - 16);
      return;
    }
  for (guint i = 0; i < mate->plug->n_contacts; i++)
    for (guint s = 0; s < PW_MAX_CONTACTS; s++)
      if (mate->map[i] & (1u << s))
        {
          double ya = top + (a_is_plug ? i : s) * ROW_PITCH;
          double yb = top + (a_is_plug ? s : i) * ROW_PITCH;

          cairo_save (c->cr);
          cairo_new_path (c->cr);
          cairo_move_to (c->cr, xa, ya);
          cairo_line_to (c->cr, xb, yb);
          stroke_carried (c->cr, &pal->foreground, NULL, MATE_WIDTH);
          cairo_restore (c->cr);
        }
}

/* Public */

static double
cable_get_height (PwDocument *doc,
                  PwAnalysis *analysis,
                  guint       cable,
                  double      width)
{
  Ctx c = { 0 };
  double height = 0;

  if (ctx_setup_cable (&c, doc, analysis, cable, width, NULL))
    height = c.height;
  ctx_clear (&c);
  return height;
}

double
pw_pinout_get_height (PwDocument *doc,
                      PwAnalysis *analysis,
                      guint       cable,
                      double      width)
{
  g_autoptr(GArray) run = NULL;
  double height = 0;

  g_return_val_if_fail (PW_IS_DOCUMENT (doc), 0);
  g_return_val_if_fail (analysis != NULL, 0);
  g_return_val_if_fail (cable < pw_document_get_n_cables (doc), 0);
  g_return_val_if_fail (width > 0, 0);

  run = pw_pinout_get_run (doc, analysis, cable);
  if (run->len > 1)
    height += TITLE_H;
  for (guint i = 0; i < run->len; i++)
    {
      guint k = g_array_index (run, guint, i);

      height += cable_get_height (doc, analysis, k, width);
      if (i + 1 < run->len)
        height += junction_height (analysis, pw_document_get_cable (doc, k),
                                   pw_document_get_cable (doc, g_array_index (run, guint, i + 1)));
    }
  return height;
}

void
pw_pinout_draw (cairo_t         *cr,
                PwDocument      *doc,
                PwAnalysis      *analysis,
                guint            cable,
                const PwPalette *palette,
                double           width)
{
  g_autoptr(GArray) run = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PW_IS_DOCUMENT (doc));
  g_return_if_fail (analysis != NULL);
  g_return_if_fail (cable < pw_document_get_n_cables (doc));
  g_return_if_fail (palette != NULL);
  g_return_if_fail (width > 0);

  run = pw_pinout_get_run (doc, analysis, cable);
  cairo_save (cr);
  if (run->len > 1)
    {
      Ctx t = { 0 };
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < run->len; i++)
        g_string_append_printf (names, "%s%s", i ? " → " : "",
                                cable_display_name (pw_document_get_cable (
                                  doc, g_array_index (run, guint, i))));
      t.palette = palette;
      ctx_init_text (&t, cr);
      text_draw (&t, MARGIN, 1, _("Run, end to end"), FONT_TITLE, &palette->foreground,
                 ALIGN_LEFT, width - 2 * MARGIN);
      text_draw (&t, MARGIN, 20, names->str, FONT_NORMAL, &palette->dim, ALIGN_LEFT,
                 width - 2 * MARGIN);
      ctx_clear (&t);
      cairo_translate (cr, 0, TITLE_H);
    }
  for (guint i = 0; i < run->len; i++)
    {
      Ctx c = { 0 };
      guint k = g_array_index (run, guint, i);

      if (ctx_setup_cable (&c, doc, analysis, k, width, cr))
        {
          c.palette = palette;
          draw_all (&c);
          cairo_translate (cr, 0, c.height);
          if (i + 1 < run->len)
            {
              PwCable *a = pw_document_get_cable (doc, k);
              PwCable *b = pw_document_get_cable (doc, g_array_index (run, guint, i + 1));

              draw_junction (&c, a, b);
              cairo_translate (cr, 0, junction_height (analysis, a, b));
            }
        }
      ctx_clear (&c);
    }
  cairo_restore (cr);
}

double
pw_pinout_type_get_height (PwCableType *type,
                           double       width)
{
  Ctx c = { 0 };
  double height = 0;

  g_return_val_if_fail (type != NULL, 0);
  g_return_val_if_fail (width > 0, 0);

  if (ctx_setup_type (&c, type, width, NULL))
    height = c.height;
  ctx_clear (&c);
  return height;
}

void
pw_pinout_draw_type (cairo_t         *cr,
                     PwCableType     *type,
                     const PwPalette *palette,
                     double           width)
{
  Ctx c = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (type != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (width > 0);

  if (ctx_setup_type (&c, type, width, cr))
    {
      c.palette = palette;
      draw_all (&c);
    }
  ctx_clear (&c);
}
