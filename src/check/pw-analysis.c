/* pw-analysis.c: net analysis, link classes and findings
 *
 * Every check reads one electrical model (DESIGN.md §5): the contacts of
 * ports and cable ends are nodes, joined by cable wires, by the mating map
 * where a plug sits in a socket (with its shorts and floating contacts) and
 * by the bridges of passive devices. No check looks at a connector's name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-analysis.h"

typedef enum {
  ITEM_DRIVER,      /* a driven role of an output (or an insert's send) */
  ITEM_SINK,        /* a signal role of an input (or an insert's return) */
  ITEM_REFERENCE,   /* ground, chassis, speaker negative, impedance-balanced cold */
} ItemKind;

typedef struct
{
  int    net;
  int    gport;     /* global port index */
  guint8 contact;
  guint8 role;
  guint8 kind;
} Item;

typedef struct
{
  int      first_item;
  int      n_items;
  int      first_reach;
  int      n_reaches;
  int      n_drivers;
  int      n_refs;
  int      pick_cable;   /* the cable to report a net-wide finding on */
} Net;

typedef struct
{
  int driver;       /* item index */
  int sink;         /* item index */
} Reach;

typedef struct
{
  PwDevice         *device;
  const PwPortType *type;      /* a coupling's 'to' port: what it drives as (see couplings) */
  int               cable;     /* plugged cable (or direct connection), or -1 */
  int               end;
  int               part;      /* combo: the part that is mated, or -1 */
  gboolean          receives;  /* a coupling's 'from' port: receives like an input */
  int               source;    /* a coupling's 'to' port: the output behind it, or -1 */
  gboolean          isolated;  /* … with a transformer on the way */
} PortInfo;

/* One side of a connection: a device port or a cable end. */
typedef struct
{
  const PwFamily *family;
  PwGender        gender;
  int             gport;       /* -1: a cable end */
  int             cable;
  int             end;
} Point;

struct _PwAnalysis
{
  PwDocument *doc;

  int        *parent;          /* union-find, over all nodes */
  int        *ground_parent;   /* the same without the cables' wires */
  int        *node_net;        /* node → net index, or -1 */
  guint8     *mated;           /* device nodes only */
  guint       n_nodes;
  guint      *device_base;     /* first node of each device */
  guint      *cable_base;      /* first node of each cable */
  guint      *port_base;       /* first global port index of each device */

  PortInfo   *ports;
  guint       n_ports;
  guint8     *end_state;       /* per cable end, PwEndState */
  guint8     *end_received;    /* per cable end: another end or a direct connection names it */
  int        *end_partner;     /* per cable end: the global end it meets, or -1 */
  guint      *end_base;        /* first end index of each cable */
  GPtrArray  *coupled_types;   /* what the 'to' ports of couplings drive as, owned */

  GArray     *items;
  GArray     *nets;
  GArray     *reaches;
  guint8     *link_class;      /* per cable */
  GArray     *findings;
  GArray     *reach_info;      /* PwReachInfo, made on first query */
};

const char *
pw_link_class_to_string (PwLinkClass klass)
{
  static const char * const names[] = {
    "balanced", "unbalanced", "unbalanced-stereo", "balanced-stereo", "speaker", "digital",
    "broken", "open",
  };

  g_return_val_if_fail (klass <= PW_LINK_OPEN, "broken");
  return names[klass];
}

const char *
pw_link_class_label (PwLinkClass klass)
{
  switch (klass)
    {
    case PW_LINK_BALANCED:
      return _("Balanced");
    case PW_LINK_UNBALANCED:
      return _("Unbalanced");
    case PW_LINK_UNBALANCED_STEREO:
      return _("Unbalanced stereo");
    case PW_LINK_BALANCED_STEREO:
      return _("Balanced stereo");
    case PW_LINK_SPEAKER:
      return _("Speaker");
    case PW_LINK_DIGITAL:
      return _("Digital");
    case PW_LINK_BROKEN:
      return _("Broken: no signal arrives");
    case PW_LINK_OPEN:
    default:
      return _("Not plugged in");
    }
}

/* Union-find with path halving and union by index: cheap and enough here. */
static int
uf_find (int *parent,
         int  x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

static void
uf_union (int *parent,
          int  a,
          int  b)
{
  a = uf_find (parent, a);
  b = uf_find (parent, b);
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

static inline guint
device_node (PwAnalysis *self,
             guint       device,
             guint       port,
             guint       contact)
{
  PwDevice *d = pw_document_get_device (self->doc, device);

  return self->device_base[device] + d->type->contact_offset[port] + contact;
}

static inline guint
cable_node (PwAnalysis *self,
            PwCable    *cable,
            guint       end,
            guint       contact)
{
  return self->cable_base[cable->index] + cable->type->contact_offset[end] + contact;
}

static inline Item *
item_at (PwAnalysis *self,
         int         i)
{
  return &g_array_index (self->items, Item, i);
}

static inline Net *
net_at (PwAnalysis *self,
        int         i)
{
  return &g_array_index (self->nets, Net, i);
}

static inline PortInfo *
port_info (PwAnalysis *self,
           int         gport)
{
  return &self->ports[gport];
}

/* The net of one contact of a port, or -1 when it takes no part. */
static int
port_contact_net (PwAnalysis *self,
                  int         gport,
                  int         contact)
{
  PortInfo *pi = port_info (self, gport);
  guint node;

  if (contact < 0)
    return -1;
  node = device_node (self, pi->device->index, gport - self->port_base[pi->device->index], contact);
  if (!self->mated[node])
    return -1;
  return self->node_net[uf_find (self->parent, node)];
}

/* The net of the contact that carries @role. A combo port holds each role
 * twice, once per half: the half that is mated counts. */
static int
port_role_net (PwAnalysis *self,
               int         gport,
               PwRole      role)
{
  const PwPortType *type = port_info (self, gport)->type;

  for (guint c = 0; c < type->family->n_contacts; c++)
    {
      int net;

      if (type->roles[c] != role)
        continue;
      if ((net = port_contact_net (self, gport, c)) >= 0)
        return net;
    }
  return -1;
}

/* Whether @net holds a sink of @gport with @role. */
static gboolean
net_has_sink (PwAnalysis *self,
              int         net,
              int         gport,
              PwRole      role)
{
  Net *n;

  if (net < 0)
    return FALSE;
  n = net_at (self, net);
  for (int i = n->first_item; i < n->first_item + n->n_items; i++)
    {
      Item *it = item_at (self, i);

      if (it->kind == ITEM_SINK && it->gport == gport && it->role == role)
        return TRUE;
    }
  return FALSE;
}

static guint
net_channels (PwAnalysis *self,
              int         net)
{
  Net *n;
  guint mask = 0;

  if (net < 0)
    return 0;
  n = net_at (self, net);
  for (int i = n->first_item; i < n->first_item + n->n_items; i++)
    {
      Item *it = item_at (self, i);

      if (it->kind == ITEM_DRIVER)
        mask |= 1u << pw_role_channel (it->role);
    }
  return mask;
}

static void
add_finding (PwAnalysis *self,
             PwCode      code,
             int         cable,
             int         gport,
             int         end)
{
  PwFinding f = { 0 };

  f.code = code;
  f.severity = pw_code_get_info (code)->severity;
  f.cable = cable;
  f.device = -1;
  f.port = -1;
  f.end = end;
  if (gport >= 0)
    {
      PortInfo *pi = port_info (self, gport);

      f.device = pi->device->index;
      f.port = gport - self->port_base[pi->device->index];
    }
  g_array_append_val (self->findings, f);
}

/* Where a plug sits, as a point; FALSE when it sits nowhere. A plug into a
 * cable that is no longer in the plan sits nowhere. */
static gboolean
plug_point (PwAnalysis *self,
            PwPlug     *plug,
            Point      *out)
{
  if (plug->device != NULL)
    {
      const PwPortType *port = &plug->device->type->ports[plug->port];

      *out = (Point) { port->family, port->gender,
                       (int) (self->port_base[plug->device->index] + plug->port), -1, -1 };
      return TRUE;
    }
  if (plug->cable != NULL && plug->cable->index < pw_document_get_n_cables (self->doc) &&
      pw_document_get_cable (self->doc, plug->cable->index) == plug->cable)
    {
      const PwCableEndType *end = &plug->cable->type->ends[plug->end];

      *out = (Point) { end->family, end->gender, -1, (int) plug->cable->index, plug->end };
      return TRUE;
    }
  return FALSE;
}

static guint
point_node (PwAnalysis  *self,
            const Point *pt,
            guint        contact)
{
  if (pt->gport >= 0)
    {
      PortInfo *pi = port_info (self, pt->gport);

      return device_node (self, pi->device->index, pt->gport - self->port_base[pi->device->index],
                          contact);
    }
  return cable_node (self, pw_document_get_cable (self->doc, pt->cable), pt->end, contact);
}

/* Mates two points through the connector table and joins what touches. */
static PwEndState
join_points (PwAnalysis  *self,
             const Point *a,
             const Point *b)
{
  const PwMate *mate;
  gboolean a_is_plug;
  PwMateResult res;

  res = pw_connector_table_mate (pw_connector_table_get_default (), a->family, a->gender,
                                 b->family, b->gender, &mate, &a_is_plug);
  if (res == PW_MATE_GENDER)
    return PW_END_GENDER_MISMATCH;
  if (res == PW_MATE_CONNECTOR)
    return PW_END_CONNECTOR_MISMATCH;

  for (guint i = 0; i < mate->plug->n_contacts; i++)
    {
      guint32 bits = mate->map[i];

      for (guint s = 0; bits != 0; s++, bits >>= 1)
        {
          const Point *pts[2] = { a_is_plug ? a : b, a_is_plug ? b : a };
          guint contacts[2] = { i, s };
          guint nodes[2];

          if ((bits & 1) == 0)
            continue;
          for (guint k = 0; k < 2; k++)
            {
              nodes[k] = point_node (self, pts[k], contacts[k]);
              if (pts[k]->gport >= 0)
                {
                  PortInfo *pi = port_info (self, pts[k]->gport);

                  self->mated[nodes[k]] = 1;
                  if (pi->type->family->n_parts > 0)
                    pi->part = pi->type->family->part_of[contacts[k]];
                }
            }
          uf_union (self->parent, nodes[0], nodes[1]);
        }
    }
  return PW_END_MATED;
}

/* Step 1 and 2: nodes, and the joins of mating maps, bridges and wires. */
static void
build_nodes (PwAnalysis *self)
{
  PwDocument *doc = self->doc;
  guint n_devices = pw_document_get_n_devices (doc);
  guint n_cables = pw_document_get_n_cables (doc);
  guint node = 0, gport = 0, n_ends = 0;

  self->device_base = g_new (guint, n_devices + 1);
  self->port_base = g_new (guint, n_devices + 1);
  for (guint d = 0; d < n_devices; d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);

      self->device_base[d] = node;
      self->port_base[d] = gport;
      node += device->type->n_contacts;
      gport += device->type->n_ports;
    }
  self->device_base[n_devices] = node;
  self->port_base[n_devices] = gport;

  self->cable_base = g_new (guint, n_cables + 1);
  self->end_base = g_new (guint, n_cables + 1);
  for (guint c = 0; c < n_cables; c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);

      self->cable_base[c] = node;
      self->end_base[c] = n_ends;
      node += cable->type->n_contacts;
      n_ends += cable->type->n_ends;
    }
  self->cable_base[n_cables] = node;
  self->end_base[n_cables] = n_ends;

  self->n_nodes = node;
  self->parent = g_new (int, MAX (node, 1));
  for (guint i = 0; i < node; i++)
    self->parent[i] = i;
  self->mated = g_new0 (guint8, MAX (self->device_base[n_devices], 1));
  self->end_state = g_new0 (guint8, MAX (n_ends, 1));
  self->end_received = g_new0 (guint8, MAX (n_ends, 1));
  self->end_partner = g_new (int, MAX (n_ends, 1));
  for (guint i = 0; i < n_ends; i++)
    self->end_partner[i] = -1;

  self->n_ports = gport;
  self->ports = g_new0 (PortInfo, MAX (gport, 1));
  for (guint d = 0; d < n_devices; d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);

      for (guint p = 0; p < device->type->n_ports; p++)
        {
          PortInfo *pi = &self->ports[self->port_base[d] + p];

          pi->device = device;
          pi->type = &device->type->ports[p];
          pi->cable = -1;
          pi->end = -1;
          pi->part = -1;
          pi->source = -1;
        }
    }

  for (guint c = 0; c < n_cables; c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
      gboolean direct = pw_cable_type_is_direct (cable->type);
      Point sides[2];
      guint n_sides = 0;

      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          PwPlug *plug = &cable->ends[e];
          Point end = { cable->type->ends[e].family, cable->type->ends[e].gender, -1, c, e };
          Point into;

          /* An end left out stays open (end_state starts so), unless
           * another end plugs into it and says otherwise. */
          if (!plug_point (self, plug, &into))
            continue;
          if (into.gport >= 0)
            {
              port_info (self, into.gport)->cable = c;
              port_info (self, into.gport)->end = e;
            }
          else
            {
              self->end_received[self->end_base[into.cable] + into.end] = 1;
              if (!direct)
                {
                  self->end_partner[self->end_base[c] + e] = self->end_base[into.cable] + into.end;
                  self->end_partner[self->end_base[into.cable] + into.end] = self->end_base[c] + e;
                }
            }
          if (direct)
            {
              sides[e] = into;
              n_sides++;
              continue;
            }
          self->end_state[self->end_base[c] + e] = join_points (self, &end, &into);
          if (into.gport < 0)
            self->end_state[self->end_base[into.cable] + into.end] =
              self->end_state[self->end_base[c] + e];
        }

      /* A direct connection: its two sides mate each other. */
      if (direct && n_sides == 2)
        {
          PwEndState state = join_points (self, &sides[0], &sides[1]);

          for (guint e = 0; e < 2; e++)
            {
              self->end_state[self->end_base[c] + e] = state;
              if (sides[e].gport < 0)
                self->end_state[self->end_base[sides[e].cable] + sides[e].end] = state;
            }
        }

    }

  for (guint d = 0; d < n_devices; d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);

      for (guint b = 0; b < device->type->n_bridges; b++)
        {
          const PwBridge *bridge = &device->type->bridges[b];
          guint first = device_node (self, d, bridge->contacts[0].port, bridge->contacts[0].contact);

          /* A lift bridge is open while the ground lift is on. */
          if (bridge->lift && device->ground_lift_on)
            continue;

          for (guint j = 1; j < bridge->n_contacts; j++)
            uf_union (self->parent, first,
                      device_node (self, d, bridge->contacts[j].port, bridge->contacts[j].contact));
        }
    }

  /* The ground graph (§5.5) needs every join but the cables' own wires,
   * which are its edges. */
  self->ground_parent = g_memdup2 (self->parent, sizeof (int) * MAX (self->n_nodes, 1));
  for (guint c = 0; c < n_cables; c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);

      for (guint w = 0; w < cable->type->n_wires; w++)
        {
          const PwWire *wire = &cable->type->wires[w];
          guint first = cable_node (self, cable, wire->joins[0].port, wire->joins[0].contact);

          for (guint j = 1; j < wire->n_joins; j++)
            uf_union (self->parent, first,
                      cable_node (self, cable, wire->joins[j].port, wire->joins[j].contact));
        }
    }

}

/* The kind of item a role of a port is, or -1 for none. A coupling's
 * ports take part through the types the analysis gives them: its 'from'
 * port receives like an input, its 'to' port drives like an output. */
static int
item_kind (const PwPortType *port,
           PwRole            role)
{
  switch (pw_port_type_role_kind (port, role))
    {
    case PW_ROLE_KIND_DRIVER:
      return ITEM_DRIVER;
    case PW_ROLE_KIND_SINK:
      return ITEM_SINK;
    case PW_ROLE_KIND_REFERENCE:
      return ITEM_REFERENCE;
    case PW_ROLE_KIND_NONE:
    default:
      return -1;
    }
}

/* The items of one port's mated contacts, by root node (nets are
 * numbered later). */
static void
add_port_items (PwAnalysis *self,
                GArray     *raw,
                int         gport,
                int        *root_driver)
{
  PortInfo *pi = port_info (self, gport);
  guint d = pi->device->index, p = gport - self->port_base[d];

  for (guint k = 0; k < pi->type->family->n_contacts; k++)
    {
      guint node = device_node (self, d, p, k);
      int kind = item_kind (pi->type, pi->type->roles[k]);
      Item it = { 0 };

      if (!self->mated[node] || kind < 0)
        continue;
      it.net = uf_find (self->parent, node);
      it.gport = gport;
      it.contact = k;
      it.role = pi->type->roles[k];
      it.kind = kind;
      if (kind == ITEM_DRIVER && root_driver[it.net] < 0)
        root_driver[it.net] = gport;
      g_array_append_val (raw, it);
    }
}

/* Nominal levels in dBu, for pads (DESIGN.md §3). */
static double
level_nominal (PwLevel level)
{
  switch (level)
    {
    case PW_LEVEL_MIC:
      return -40;
    case PW_LEVEL_INSTRUMENT:
      return -20;
    case PW_LEVEL_LINE_CONSUMER:
      return -8;
    case PW_LEVEL_LINE_PRO:
    case PW_LEVEL_HEADPHONE:
      return 4;
    case PW_LEVEL_SPEAKER:
      return 30;
    case PW_LEVEL_NONE:
    case PW_LEVEL_PHONO:
    default:
      return NAN;
    }
}

/* A level lowered by @pad_db: the nearest nominal at or below, never
 * below mic. Line level stands for +4 dBu (a pad makes line level, not
 * headphone level); a level with no nominal (phono) passes unchanged. */
static PwLevel
level_padded (PwLevel level,
              double  pad_db)
{
  static const PwLevel down[] = {
    PW_LEVEL_SPEAKER, PW_LEVEL_LINE_PRO, PW_LEVEL_LINE_CONSUMER, PW_LEVEL_INSTRUMENT,
  };
  double target = level_nominal (level) - pad_db;

  if (pad_db <= 0 || isnan (target))
    return level;
  for (guint i = 0; i < G_N_ELEMENTS (down); i++)
    if (level_nominal (down[i]) <= target)
      return down[i];
  return PW_LEVEL_MIC;
}

/* The output behind the 'from' port of a coupling, or -1: the port
 * driving its signal contacts (or, within one device, the 'to' port of
 * the coupling before it in the chain). */
static int
coupling_source (PwAnalysis       *self,
                 PwDevice         *device,
                 const PwCoupling *coupling,
                 const int        *root_driver)
{
  int from = self->port_base[device->index] + coupling->from;
  const PwPortType *type = &device->type->ports[coupling->from];

  /* Within one type, the 'to' port of the coupling before it. */
  if (port_info (self, from)->source >= 0)
    return from;
  for (guint k = 0; k < type->family->n_contacts; k++)
    {
      guint node = device_node (self, device->index, coupling->from, k);
      int driver;

      if (!self->mated[node] || pw_role_is_reference (type->roles[k]) ||
          type->roles[k] == PW_ROLE_NC)
        continue;
      if ((driver = root_driver[uf_find (self->parent, node)]) >= 0 && driver != from)
        return driver;
    }
  return -1;
}

/* Couplings, after the joins (DESIGN.md §5.2): each 'to' port drives what
 * reaches its 'from' port, in chain order, across devices too. */
static void
resolve_couplings (PwAnalysis *self,
                   GArray     *raw,
                   int        *root_driver)
{
  PwDocument *doc = self->doc;
  guint n_devices = pw_document_get_n_devices (doc);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  gboolean progress = TRUE;

  for (guint d = 0; d < n_devices; d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);

      for (guint k = 0; k < device->type->n_couplings; k++)
        {
          guint entry[2] = { d, k };

          port_info (self, self->port_base[d] + device->type->couplings[k].from)->receives = TRUE;
          g_array_append_val (pending, entry);
        }
    }
  if (pending->len == 0)
    return;
  self->coupled_types = g_ptr_array_new_with_free_func (g_free);

  /* The 'from' ports receive: their sinks are what a cable into them
   * carries to. */
  for (guint i = 0; i < pending->len; i++)
    {
      guint *entry = &g_array_index (pending, guint, i * 2);
      PwDevice *device = pw_document_get_device (doc, entry[0]);
      int from = self->port_base[entry[0]] + device->type->couplings[entry[1]].from;
      gboolean seen = FALSE;

      for (guint j = 0; j < i && !seen; j++)
        {
          guint *other = &g_array_index (pending, guint, j * 2);

          seen = other[0] == entry[0] &&
                 device->type->couplings[other[1]].from == device->type->couplings[entry[1]].from;
        }
      if (!seen)
        {
          PortInfo *pi = port_info (self, from);
          PwPortType *type = g_memdup2 (pi->type, sizeof (PwPortType));

          /* It receives as an input of no level or phantom switch of its own. */
          type->direction = PW_DIRECTION_IN;
          type->phantom = PW_PHANTOM_NONE;
          g_ptr_array_add (self->coupled_types, type);
          pi->type = type;
          add_port_items (self, raw, from, root_driver);
        }
    }

  while (progress && pending->len > 0)
    {
      progress = FALSE;
      for (guint i = 0; i < pending->len;)
        {
          guint *entry = &g_array_index (pending, guint, i * 2);
          PwDevice *device = pw_document_get_device (doc, entry[0]);
          const PwCoupling *coupling = &device->type->couplings[entry[1]];
          int to = self->port_base[entry[0]] + coupling->to;
          int src = coupling_source (self, device, coupling, root_driver);
          PortInfo *spi, *tpi;
          PwPortType *type;

          if (src < 0)
            {
              i++;
              continue;
            }
          spi = port_info (self, src);
          tpi = port_info (self, to);
          type = g_memdup2 (&device->type->ports[coupling->to], sizeof (PwPortType));
          type->direction = PW_DIRECTION_OUT;
          type->signal = spi->type->signal;
          type->level = level_padded (spi->type->level, coupling->pad_db);
          type->se_adapter_safe = spi->type->se_adapter_safe;
          if (coupling->kind == PW_COUPLING_TRANSFORMER)
            {
              type->output = PW_OUTPUT_FLOATING;
              type->phantom = PW_PHANTOM_NONE;
            }
          else
            {
              type->output = spi->type->output;
              type->phantom = spi->type->phantom;
            }
          g_ptr_array_add (self->coupled_types, type);
          tpi->type = type;
          tpi->source = spi->source >= 0 ? spi->source : src;
          tpi->isolated = spi->isolated || coupling->kind == PW_COUPLING_TRANSFORMER;
          add_port_items (self, raw, to, root_driver);

          g_array_remove_index (pending, i);
          progress = TRUE;
        }
    }
}

/* Whether a reference role of a port of @device is on @net. */
static gboolean
net_has_reference_of (PwAnalysis *self,
                      int         net,
                      PwDevice   *device)
{
  Net *n = net_at (self, net);

  for (int i = n->first_item; i < n->first_item + n->n_items; i++)
    {
      Item *it = item_at (self, i);

      if (it->kind == ITEM_REFERENCE && port_info (self, it->gport)->device == device)
        return TRUE;
    }
  return FALSE;
}

typedef enum {
  DRIVER_OK,
  DRIVER_SHORTED,         /* output-short: it reaches no input */
  DRIVER_COLD_GROUNDED,   /* cold-leg-grounded: it still drives */
} DriverState;

/* What the rest of net @n does to its driver item @i (DESIGN.md §6,
 * output-short and cold-leg-grounded). */
static DriverState
driver_state (PwAnalysis *self,
              int         n,
              int         i)
{
  Net *net = net_at (self, n);
  Item *it = item_at (self, i);
  PortInfo *pi = port_info (self, it->gport);
  gboolean neg_leg = (it->role == PW_ROLE_LEFT_COLD || it->role == PW_ROLE_RIGHT_COLD) &&
                     pi->type->se_adapter_safe;
  gboolean leg = it->role == PW_ROLE_HOT || it->role == PW_ROLE_COLD;

  /* Another driven role of the same port on this net. */
  for (int j = net->first_item; j < net->first_item + net->n_items; j++)
    {
      Item *other = item_at (self, j);

      if (j == i || other->kind != ITEM_DRIVER || other->gport != it->gport ||
          other->role == it->role)
        continue;
      if (neg_leg && (other->role == PW_ROLE_LEFT_COLD || other->role == PW_ROLE_RIGHT_COLD))
        continue;
      return DRIVER_SHORTED;
    }

  if (net->n_refs == 0 || neg_leg)
    return DRIVER_OK;
  if (leg && (pi->type->output == PW_OUTPUT_FLOATING ||
              pi->type->output == PW_OUTPUT_SERVO_BALANCED))
    return DRIVER_OK;   /* A transformer's leg, or a cross-coupled one, may be grounded. */
  if (it->role == PW_ROLE_MIC)
    return DRIVER_OK;   /* A headset's capsule tied to ground is unused, not harmed. */
  if (it->role == PW_ROLE_DATA_NEG && pi->type->signal == PW_SIGNAL_AES3)
    return DRIVER_OK;   /* AES3 made unbalanced: part of digital-format-adapted. */
  if (it->role == PW_ROLE_COLD && pi->type->output == PW_OUTPUT_BALANCED &&
      pw_port_type_has_role (pi->type, PW_ROLE_HOT))
    {
      /* Only a ground of its own device costs level: a cold that drives the
       * receiver's ground, pin 1 not carried, is the return of a full-level
       * signal. */
      return net_has_reference_of (self, n, pi->device) ? DRIVER_COLD_GROUNDED : DRIVER_OK;
    }
  return DRIVER_SHORTED;
}

/* Step 3: what each net holds. */
static void
build_nets (PwAnalysis *self)
{
  PwDocument *doc = self->doc;
  guint n_devices = pw_document_get_n_devices (doc);
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autofree int *count = NULL;
  g_autofree int *fill = NULL;
  g_autofree int *root_driver = g_new (int, MAX (self->n_nodes, 1));
  int n_nets = 0;

  self->node_net = g_new (int, MAX (self->n_nodes, 1));
  for (guint i = 0; i < self->n_nodes; i++)
    {
      self->node_net[i] = -1;
      root_driver[i] = -1;
    }

  for (guint d = 0; d < n_devices; d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);

      for (guint p = 0; p < device->type->n_ports; p++)
        if (device->type->ports[p].direction != PW_DIRECTION_PASSIVE)
          add_port_items (self, raw, self->port_base[d] + p, root_driver);
    }
  resolve_couplings (self, raw, root_driver);

  /* Number the nets in the order their first item comes. */
  for (guint i = 0; i < raw->len; i++)
    {
      Item *it = &g_array_index (raw, Item, i);

      if (self->node_net[it->net] < 0)
        self->node_net[it->net] = n_nets++;
      it->net = self->node_net[it->net];
    }

  /* Group the items by net (a counting sort keeps the order stable). */
  count = g_new0 (int, n_nets + 1);
  for (guint i = 0; i < raw->len; i++)
    count[g_array_index (raw, Item, i).net + 1]++;
  for (int n = 0; n < n_nets; n++)
    count[n + 1] += count[n];
  fill = g_memdup2 (count, sizeof (int) * (n_nets + 1));
  g_array_set_size (self->items, raw->len);
  for (guint i = 0; i < raw->len; i++)
    {
      Item *it = &g_array_index (raw, Item, i);

      *item_at (self, fill[it->net]++) = *it;
    }

  g_array_set_size (self->nets, n_nets);
  for (int n = 0; n < n_nets; n++)
    {
      Net *net = net_at (self, n);

      memset (net, 0, sizeof *net);
      net->first_item = count[n];
      net->n_items = count[n + 1] - count[n];
      net->pick_cable = -1;
      for (int i = net->first_item; i < net->first_item + net->n_items; i++)
        {
          Item *it = item_at (self, i);

          if (it->kind == ITEM_DRIVER)
            net->n_drivers++;
          else if (it->kind == ITEM_REFERENCE)
            net->n_refs++;
        }
    }

  /* Every node takes its root's net. */
  for (guint i = 0; i < self->n_nodes; i++)
    self->node_net[i] = self->node_net[uf_find (self->parent, i)];

  /* Which driver reaches which sink, net by net. */
  for (int n = 0; n < n_nets; n++)
    {
      Net *net = net_at (self, n);

      net->first_reach = self->reaches->len;
      if (net->n_drivers == 0)
        continue;
      for (int i = net->first_item; i < net->first_item + net->n_items; i++)
        {
          /* A driven role shorted to a reference or to another of its own
           * port's reaches no input, not even a sink of its own port. */
          if (item_at (self, i)->kind != ITEM_DRIVER || driver_state (self, n, i) == DRIVER_SHORTED)
            continue;
          for (int j = net->first_item; j < net->first_item + net->n_items; j++)
            {
              Reach r = { i, j };

              if (item_at (self, j)->kind != ITEM_SINK ||
                  item_at (self, j)->gport == item_at (self, i)->gport)
                continue;
              g_array_append_val (self->reaches, r);
            }
        }
      net->n_reaches = self->reaches->len - net->first_reach;
    }

  /* The cable a net-wide finding is reported on: the one with most ends
   * (the Y-cable), then the first in the plan. */
  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);

      for (guint k = 0; k < cable->type->n_contacts; k++)
        {
          int n = self->node_net[self->cable_base[c] + k];
          Net *net;

          if (n < 0)
            continue;
          net = net_at (self, n);
          if (net->pick_cable < 0 ||
              pw_document_get_cable (doc, net->pick_cable)->type->n_ends < cable->type->n_ends)
            net->pick_cable = c;
        }
    }
}

/* Whether the jack part of a combo port is the half that is mated. */
static gboolean
jack_part_mated (PortInfo *pi)
{
  return pi->type->family->n_parts > 0 && pi->part >= 0 &&
         g_strcmp0 (pi->type->family->parts[pi->part], "jack") == 0;
}

/* The level at which @role of port @gport drives or receives. */
static PwLevel
role_level (PwAnalysis *self,
            int         gport,
            PwRole      role)
{
  PortInfo *pi = port_info (self, gport);

  return pw_port_type_role_level (pi->type, role, jack_part_mated (pi));
}

/* How an input receives: a combo's jack part has its own `jack_input`. */
static PwInputKind
input_kind (PwAnalysis *self,
            int         gport)
{
  PortInfo *pi = port_info (self, gport);

  return jack_part_mated (pi) ? pi->type->jack_input : pi->type->input;
}

static gboolean
port_is_stereo (const PwPortType *port)
{
  return (pw_port_type_has_role (port, PW_ROLE_LEFT) && pw_port_type_has_role (port, PW_ROLE_RIGHT)) ||
         (pw_port_type_has_role (port, PW_ROLE_LEFT_HOT) &&
          pw_port_type_has_role (port, PW_ROLE_RIGHT_HOT));
}

static gboolean
port_is_mono_single_ended (const PwPortType *port)
{
  return port->output == PW_OUTPUT_SINGLE_ENDED && !port_is_stereo (port) &&
         port->signal == PW_SIGNAL_ANALOG && port->level != PW_LEVEL_SPEAKER;
}

/* Whether phantom power is on at what is plugged into the port: on a
 * combo it reaches the XLR contacts only, unless `phantom_on_jack`. */
static gboolean
phantom_is_on (PortInfo *pi)
{
  /* A coupling's 'to' port drives as a type of its own: never a switch. */
  if (pi->type->phantom != PW_PHANTOM_AVAILABLE)
    return FALSE;
  if (jack_part_mated (pi) && !pi->type->phantom_on_jack)
    return FALSE;
  return pi->device->phantom_on[pi->type - pi->device->type->ports];
}

/* Net checks: shorts and joined outputs. */
static void
check_nets (PwAnalysis *self)
{
  for (guint n = 0; n < self->nets->len; n++)
    {
      Net *net = net_at (self, n);
      int first_port = -1;

      if (net->n_drivers == 0)
        continue;

      for (int i = net->first_item; i < net->first_item + net->n_items; i++)
        {
          Item *it = item_at (self, i);
          PortInfo *pi;

          if (it->kind != ITEM_DRIVER)
            continue;
          pi = port_info (self, it->gport);

          if (first_port < 0)
            first_port = it->gport;
          else if (it->gport != first_port)
            add_finding (self, PW_CODE_OUTPUTS_JOINED, net->pick_cable, it->gport, -1);

          switch (driver_state (self, n, i))
            {
            case DRIVER_SHORTED:
              add_finding (self, PW_CODE_OUTPUT_SHORT, pi->cable, it->gport, -1);
              break;
            case DRIVER_COLD_GROUNDED:
              add_finding (self, PW_CODE_COLD_LEG_GROUNDED, pi->cable, it->gport, -1);
              break;
            case DRIVER_OK:
            default:
              break;
            }
        }
    }
}

static gboolean
net_has_reference (PwAnalysis *self,
                   int         net)
{
  return net >= 0 && net_at (self, net)->n_refs > 0;
}

static gboolean
net_is_floating (PwAnalysis *self,
                 int         net)
{
  return net >= 0 && net_at (self, net)->n_drivers == 0 && net_at (self, net)->n_refs == 0;
}

/* Whether P's source leg pair arrives crossed on Q's pair. */
static gboolean
crossed (PwAnalysis *self,
         int         p,
         PwRole      p_pos,
         PwRole      p_neg,
         int         q,
         PwRole      q_pos,
         PwRole      q_neg)
{
  int pos_net = port_role_net (self, p, p_pos);
  int neg_net = port_role_net (self, p, p_neg);

  if (pos_net < 0 || !pw_port_type_has_role (port_info (self, q)->type, q_pos) ||
      !pw_port_type_has_role (port_info (self, q)->type, q_neg))
    return FALSE;
  if (neg_net < 0 && p_neg == PW_ROLE_COLD)
    neg_net = port_role_net (self, p, PW_ROLE_GROUND);
  return net_has_sink (self, pos_net, q, q_neg) && neg_net >= 0 &&
         net_has_sink (self, neg_net, q, q_pos) && !net_has_sink (self, pos_net, q, q_pos);
}

/* An output port that reaches an input port, with the levels of the roles
 * that meet (a headset's mic is at mic level on a headphone-level plug). */
typedef struct
{
  int    p;
  int    q;
  guint8 lp;
  guint8 lq;
} Pair;

static int
compare_ports (gconstpointer a,
               gconstpointer b)
{
  const Pair *pa = a, *pb = b;

  if (pa->p != pb->p)
    return pa->p < pb->p ? -1 : 1;
  if (pa->q != pb->q)
    return pa->q < pb->q ? -1 : 1;
  return 0;
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *pa = a, *pb = b;
  int c = compare_ports (a, b);

  if (c != 0)
    return c;
  if (pa->lp != pb->lp)
    return pa->lp < pb->lp ? -1 : 1;
  if (pa->lq != pb->lq)
    return pa->lq < pb->lq ? -1 : 1;
  return 0;
}

/* AES3 and S/PDIF: the same frames at another level and impedance. */
static gboolean
signals_adapted (PwSignal a,
                 PwSignal b)
{
  return (a == PW_SIGNAL_AES3 && b == PW_SIGNAL_SPDIF) ||
         (a == PW_SIGNAL_SPDIF && b == PW_SIGNAL_AES3);
}

/* Checks that compare an output with each input it reaches. */
static void
check_pairs (PwAnalysis *self)
{
  g_autoptr(GArray) pairs = g_array_sized_new (FALSE, FALSE, sizeof (Pair), self->reaches->len);
  g_autofree guint8 *p_has_phantom = g_new0 (guint8, MAX (self->n_ports, 1));
  g_autofree guint8 *p_direct = g_new0 (guint8, MAX (self->n_ports, 1));

  for (guint r = 0; r < self->reaches->len; r++)
    {
      Reach *reach = &g_array_index (self->reaches, Reach, r);
      Item *drv = item_at (self, reach->driver), *snk = item_at (self, reach->sink);
      Pair pair = { drv->gport, snk->gport,
                    role_level (self, drv->gport, drv->role),
                    role_level (self, snk->gport, snk->role) };

      /* A coupling's 'from' port has no level of its own: what reaches it
       * is judged at the input beyond the coupling. */
      if (port_info (self, pair.q)->receives)
        continue;
      g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, compare_pairs);

  /* Which outputs that need phantom power get it from some input, and
   * which reach an input with no transformer between, where phantom could
   * come from. Through couplings, the output is the one behind them. */
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = &g_array_index (pairs, Pair, i);
      PortInfo *P = port_info (self, pair->p);
      int src = P->source >= 0 ? P->source : pair->p;

      if (P->isolated)
        continue;
      p_direct[src] = 1;
      if (phantom_is_on (port_info (self, pair->q)))
        p_has_phantom[src] = 1;
    }

  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = &g_array_index (pairs, Pair, i);
      PortInfo *P, *Q;
      PwLevel lp, lq;
      int qcable;

      if (i > 0 && compare_pairs (pair, pair - 1) == 0)
        continue;
      P = port_info (self, pair->p);
      Q = port_info (self, pair->q);
      qcable = Q->cable;

      if (signals_adapted (P->type->signal, Q->type->signal))
        {
          add_finding (self, PW_CODE_DIGITAL_FORMAT_ADAPTED, qcable, pair->q, -1);
          continue;
        }
      if (P->type->signal != Q->type->signal)
        {
          add_finding (self, PW_CODE_SIGNAL_MISMATCH, qcable, pair->q, -1);
          continue;
        }

      if (phantom_is_on (Q))
        {
          if (P->type->phantom == PW_PHANTOM_HARMED)
            add_finding (self, PW_CODE_PHANTOM_HARM, qcable, pair->q, -1);
          else if (P->type->signal == PW_SIGNAL_ANALOG &&
                   P->type->output == PW_OUTPUT_SINGLE_ENDED)
            add_finding (self, PW_CODE_PHANTOM_INTO_UNBALANCED, qcable, pair->q, -1);
        }
      {
        int src = P->source >= 0 ? P->source : pair->p;

        /* At each input reached with no transformer between; where there
         * is none, at each input reached. */
        if (port_info (self, src)->type->phantom == PW_PHANTOM_REQUIRES && !p_has_phantom[src] &&
            (!P->isolated || !p_direct[src]))
          add_finding (self, PW_CODE_PHANTOM_MISSING, qcable, pair->q, -1);
      }

      if (P->type->signal != PW_SIGNAL_ANALOG)
        continue;

      lp = pair->lp;
      lq = pair->lq;
      if (lp != PW_LEVEL_NONE && lq != PW_LEVEL_NONE)
        {
          if (lp == PW_LEVEL_SPEAKER && lq != PW_LEVEL_SPEAKER)
            add_finding (self, PW_CODE_LEVEL_SPEAKER_INTO_LINE, qcable, pair->q, -1);
          else if ((lp == PW_LEVEL_LINE_CONSUMER || lp == PW_LEVEL_LINE_PRO ||
                    lp == PW_LEVEL_HEADPHONE) && lq == PW_LEVEL_MIC)
            add_finding (self, PW_CODE_LEVEL_LINE_INTO_MIC, qcable, pair->q, -1);
          else if (lp == PW_LEVEL_MIC && (lq == PW_LEVEL_LINE_CONSUMER || lq == PW_LEVEL_LINE_PRO))
            add_finding (self, PW_CODE_LEVEL_MIC_INTO_LINE, qcable, pair->q, -1);
          else if (lp == PW_LEVEL_INSTRUMENT && lq != PW_LEVEL_INSTRUMENT)
            add_finding (self, PW_CODE_LEVEL_INSTRUMENT_INTO_LINE, qcable, pair->q, -1);
          else if (lp == PW_LEVEL_LINE_PRO && lq == PW_LEVEL_LINE_CONSUMER)
            add_finding (self, PW_CODE_LEVEL_PRO_INTO_CONSUMER, qcable, pair->q, -1);
          else if (lp == PW_LEVEL_LINE_CONSUMER && lq == PW_LEVEL_LINE_PRO)
            add_finding (self, PW_CODE_LEVEL_CONSUMER_INTO_PRO, qcable, pair->q, -1);
          else if (lp == PW_LEVEL_PHONO && lq != PW_LEVEL_PHONO)
            add_finding (self, PW_CODE_LEVEL_PHONO_NEEDS_PREAMP, qcable, pair->q, -1);
        }

      if (crossed (self, pair->p, PW_ROLE_HOT, PW_ROLE_COLD, pair->q, PW_ROLE_HOT, PW_ROLE_COLD) ||
          crossed (self, pair->p, PW_ROLE_SIGNAL, PW_ROLE_GROUND, pair->q, PW_ROLE_HOT, PW_ROLE_COLD) ||
          crossed (self, pair->p, PW_ROLE_LEFT_HOT, PW_ROLE_LEFT_COLD,
                   pair->q, PW_ROLE_LEFT_HOT, PW_ROLE_LEFT_COLD) ||
          crossed (self, pair->p, PW_ROLE_RIGHT_HOT, PW_ROLE_RIGHT_COLD,
                   pair->q, PW_ROLE_RIGHT_HOT, PW_ROLE_RIGHT_COLD) ||
          crossed (self, pair->p, PW_ROLE_SPK1_POS, PW_ROLE_SPK1_NEG,
                   pair->q, PW_ROLE_SPK1_POS, PW_ROLE_SPK1_NEG) ||
          crossed (self, pair->p, PW_ROLE_SPK2_POS, PW_ROLE_SPK2_NEG,
                   pair->q, PW_ROLE_SPK2_POS, PW_ROLE_SPK2_NEG))
        add_finding (self, PW_CODE_POLARITY_INVERTED, qcable, pair->q, -1);

      if (port_is_mono_single_ended (P->type) && input_kind (self, pair->q) == PW_INPUT_DIFFERENTIAL)
        add_finding (self, PW_CODE_UNBALANCED_SOURCE, qcable, pair->p, -1);
    }

  /* Digital outputs that reach more than one input. */
  for (guint i = 0; i < pairs->len;)
    {
      guint j = i, n_inputs = 0;
      PortInfo *P = port_info (self, g_array_index (pairs, Pair, i).p);

      for (; j < pairs->len && g_array_index (pairs, Pair, j).p == g_array_index (pairs, Pair, i).p; j++)
        if (j == i || compare_ports (&g_array_index (pairs, Pair, j),
                                     &g_array_index (pairs, Pair, j - 1)) != 0)
          n_inputs++;
      if (n_inputs > 1 && P->type->signal != PW_SIGNAL_ANALOG &&
          P->type->signal != PW_SIGNAL_USB && P->type->signal != PW_SIGNAL_NETWORK)
        add_finding (self, PW_CODE_DIGITAL_SPLIT, P->cable, g_array_index (pairs, Pair, i).p, -1);
      i = j;
    }
}

/* The roles a single-ended input hears against its ground. */
static gboolean
role_is_single_ended_sink (PwRole role)
{
  return role == PW_ROLE_SIGNAL || role == PW_ROLE_LEFT || role == PW_ROLE_RIGHT ||
         role == PW_ROLE_RETURN;
}

/* The contacts a signal may return by: a port's references, and the
 * negative legs of a balanced (or differential digital) output. */
static gboolean
role_is_return (const PwPortType *port,
                PwRole            role)
{
  return pw_port_type_role_kind (port, role) == PW_ROLE_KIND_REFERENCE ||
         role == PW_ROLE_COLD || role == PW_ROLE_LEFT_COLD || role == PW_ROLE_RIGHT_COLD ||
         role == PW_ROLE_DATA_NEG || role == PW_ROLE_DATA2_NEG;
}

/* Whether a reference contact of input @q shares a net with a return of
 * output @p. */
static gboolean
return_shared (PwAnalysis *self,
               int         p,
               int         q)
{
  const PwPortType *P = port_info (self, p)->type, *Q = port_info (self, q)->type;

  for (guint k = 0; k < Q->family->n_contacts; k++)
    {
      int net;

      if (pw_port_type_role_kind (Q, Q->roles[k]) != PW_ROLE_KIND_REFERENCE ||
          (net = port_contact_net (self, q, k)) < 0)
        continue;
      for (guint j = 0; j < P->family->n_contacts; j++)
        if (role_is_return (P, P->roles[j]) && port_contact_net (self, p, j) == net)
          return TRUE;
    }
  return FALSE;
}

/* reference-missing: a single-ended input reached by a signal whose source
 * it shares no reference with (a CTIA headset in an OMTP socket). */
static void
check_returns (PwAnalysis *self)
{
  for (guint r = 0; r < self->reaches->len; r++)
    {
      Reach *reach = &g_array_index (self->reaches, Reach, r);
      Item *drv = item_at (self, reach->driver), *snk = item_at (self, reach->sink);

      if (role_is_single_ended_sink (snk->role) && !return_shared (self, drv->gport, snk->gport))
        add_finding (self, PW_CODE_REFERENCE_MISSING, port_info (self, snk->gport)->cable,
                     snk->gport, -1);
    }
}

/* Whether a driver reaches contact @contact of input port @gport on @net
 * (a driver shorted to ground reaches nothing). */
static gboolean
sink_is_reached (PwAnalysis *self,
                 int         net,
                 int         gport,
                 guint       contact)
{
  Net *n;

  if (net < 0)
    return FALSE;
  n = net_at (self, net);
  for (int r = n->first_reach; r < n->first_reach + n->n_reaches; r++)
    {
      Item *snk = item_at (self, g_array_index (self->reaches, Reach, r).sink);

      if (snk->gport == gport && snk->contact == contact)
        return TRUE;
    }
  return FALSE;
}

/* Checks that look at one port at a time. */
static void
check_ports (PwAnalysis *self)
{
  for (guint g = 0; g < self->n_ports; g++)
    {
      PortInfo *pi = port_info (self, g);
      const PwPortType *type = pi->type;

      if (pi->cable < 0)
        continue;

      if (type->direction == PW_DIRECTION_IN)
        {
          int hot = port_role_net (self, g, PW_ROLE_HOT);
          int cold = port_role_net (self, g, PW_ROLE_COLD);

          if (input_kind (self, g) == PW_INPUT_DIFFERENTIAL && hot >= 0 && cold >= 0)
            {
              guint hc = net_channels (self, hot), cc = net_channels (self, cold);
              guint l = 1u << PW_CHANNEL_LEFT, r = 1u << PW_CHANNEL_RIGHT;

              if (((hc & l) && (cc & r)) || ((hc & r) && (cc & l)))
                add_finding (self, PW_CODE_STEREO_INTO_BALANCED_INPUT, pi->cable, g, -1);
              if (net_at (self, hot)->n_drivers > 0 && net_is_floating (self, cold))
                add_finding (self, PW_CODE_COLD_FLOATING, pi->cable, g, -1);
            }

          if (phantom_is_on (pi) &&
              (net_has_reference (self, hot) || net_has_reference (self, cold)))
            add_finding (self, PW_CODE_PHANTOM_INTO_UNBALANCED, pi->cable, g, -1);

          if (port_is_stereo (type))
            {
              gboolean got[3] = { FALSE, FALSE, FALSE };

              for (guint k = 0; k < type->family->n_contacts; k++)
                {
                  PwChannel ch = pw_role_channel (type->roles[k]);
                  int net = port_contact_net (self, g, k);

                  if (ch != PW_CHANNEL_NONE && sink_is_reached (self, net, g, k))
                    got[ch] = TRUE;
                }
              if (got[PW_CHANNEL_LEFT] != got[PW_CHANNEL_RIGHT])
                add_finding (self, PW_CODE_ONE_CHANNEL_ONLY, pi->cable, g, -1);
            }
        }
      else if (type->direction == PW_DIRECTION_OUT && port_is_stereo (type))
        {
          gboolean reaches[3] = { FALSE, FALSE, FALSE };

          for (guint k = 0; k < type->family->n_contacts; k++)
            {
              PwChannel ch = pw_role_channel (type->roles[k]);
              int net = port_contact_net (self, g, k);

              if (ch == PW_CHANNEL_NONE || net < 0)
                continue;
              for (int r = net_at (self, net)->first_reach;
                   r < net_at (self, net)->first_reach + net_at (self, net)->n_reaches; r++)
                {
                  Item *drv = item_at (self, g_array_index (self->reaches, Reach, r).driver);

                  if (drv->gport == (int) g && drv->contact == k)
                    reaches[ch] = TRUE;
                }
            }
          if (reaches[PW_CHANNEL_LEFT] != reaches[PW_CHANNEL_RIGHT])
            add_finding (self, PW_CODE_ONE_CHANNEL_ONLY, pi->cable, g, -1);
        }
    }
}

static guint
add_net_once (int     *out,
              guint    n,
              guint    max,
              int      net)
{
  for (guint i = 0; i < n; i++)
    if (out[i] == net)
      return n;
  if (net >= 0 && n < max)
    out[n++] = net;
  return n;
}

/* The nets a cable touches, each once; for a direct connection, the nets
 * of the contacts it mates. */
static guint
cable_nets (PwAnalysis *self,
            PwCable    *cable,
            int        *out,
            guint       max)
{
  guint n = 0;

  if (pw_cable_type_is_direct (cable->type))
    {
      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          Point pt;

          if (!plug_point (self, &cable->ends[e], &pt))
            continue;
          for (guint k = 0; k < pt.family->n_contacts; k++)
            {
              guint node = point_node (self, &pt, k);

              if (pt.gport < 0 || self->mated[node])
                n = add_net_once (out, n, max, self->node_net[node]);
            }
        }
      return n;
    }
  for (guint k = 0; k < cable->type->n_contacts; k++)
    n = add_net_once (out, n, max, self->node_net[self->cable_base[cable->index] + k]);
  return n;
}

/* Whether the leg pair (pos, neg) of output @p arrives as a balanced pair
 * on some pair of input @q. */
static gboolean
pair_delivered (PwAnalysis *self,
                int         p,
                PwRole      pos,
                PwRole      neg,
                int         q)
{
  static const PwRole q_pairs[][2] = {
    { PW_ROLE_HOT, PW_ROLE_COLD },
    { PW_ROLE_LEFT_HOT, PW_ROLE_LEFT_COLD },
    { PW_ROLE_RIGHT_HOT, PW_ROLE_RIGHT_COLD },
  };
  PortInfo *P = port_info (self, p);
  int pos_net = port_role_net (self, p, pos);
  int neg_net = port_role_net (self, p, neg);
  int refs_allowed;

  if (P->type->output == PW_OUTPUT_SINGLE_ENDED || input_kind (self, q) != PW_INPUT_DIFFERENTIAL ||
      pos_net < 0 || neg_net < 0 || pos_net == neg_net || net_has_reference (self, pos_net))
    return FALSE;
  /* An impedance-balanced output's cold is itself a reference; no other may be there. */
  refs_allowed = (P->type->output == PW_OUTPUT_IMPEDANCE_BALANCED && neg == PW_ROLE_COLD) ? 1 : 0;
  if (net_at (self, neg_net)->n_refs > refs_allowed)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (q_pairs); i++)
    {
      int a = port_role_net (self, q, q_pairs[i][0]);
      int b = port_role_net (self, q, q_pairs[i][1]);

      if (a >= 0 && b >= 0 &&
          ((a == pos_net && b == neg_net) || (a == neg_net && b == pos_net)))
        return TRUE;
    }
  return FALSE;
}

static PwRole
negative_leg (PwRole role)
{
  switch (role)
    {
    case PW_ROLE_HOT:
    case PW_ROLE_COLD:
      return PW_ROLE_COLD;
    case PW_ROLE_LEFT_HOT:
    case PW_ROLE_LEFT_COLD:
      return PW_ROLE_LEFT_COLD;
    case PW_ROLE_RIGHT_HOT:
    case PW_ROLE_RIGHT_COLD:
      return PW_ROLE_RIGHT_COLD;
    default:
      return PW_ROLE_NC;
    }
}

static PwRole
positive_leg (PwRole role)
{
  switch (role)
    {
    case PW_ROLE_HOT:
    case PW_ROLE_COLD:
      return PW_ROLE_HOT;
    case PW_ROLE_LEFT_HOT:
    case PW_ROLE_LEFT_COLD:
      return PW_ROLE_LEFT_HOT;
    case PW_ROLE_RIGHT_HOT:
    case PW_ROLE_RIGHT_COLD:
      return PW_ROLE_RIGHT_HOT;
    default:
      return PW_ROLE_NC;
    }
}

/* The port a cable end sits in, or -1. */
static int
end_port (PwAnalysis *self,
          PwCable    *cable,
          guint       end)
{
  PwPlug *plug = &cable->ends[end];

  return plug->device ? (int) (self->port_base[plug->device->index] + plug->port) : -1;
}

/* Whether a cable has an end in an input port (directly, not through a
 * direct connection). */
static gboolean
cable_plugs_into_input (PwAnalysis *self,
                        PwCable    *cable)
{
  for (guint e = 0; e < cable->type->n_ends; e++)
    {
      int g = end_port (self, cable, e);

      if (g >= 0 && port_info (self, g)->type->direction == PW_DIRECTION_IN)
        return TRUE;
    }
  return FALSE;
}

/* Runs (DESIGN.md §4): cables chained end to end, directly or through a
 * direct connection between cable ends, add up. A run's limits are told
 * once, on the cable of the run that plugs into the input, or else on the
 * run's last cable in the plan. @limit and @unbalanced are each cable's
 * own (0: none). */
static void
check_runs (PwAnalysis   *self,
            const double *limit,
            const double *unbalanced)
{
  PwDocument *doc = self->doc;
  guint n = pw_document_get_n_cables (doc);
  g_autofree int *run = g_new (int, MAX (n, 1));
  g_autofree int *teller = g_new (int, MAX (n, 1));
  g_autofree double *length = g_new0 (double, MAX (n, 1));
  g_autofree double *run_limit = g_new0 (double, MAX (n, 1));
  g_autofree double *run_unbalanced = g_new0 (double, MAX (n, 1));
  g_autofree guint8 *has_length = g_new0 (guint8, MAX (n, 1));

  for (guint c = 0; c < n; c++)
    {
      run[c] = c;
      teller[c] = -1;
    }
  for (guint c = 0; c < n; c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
      gboolean direct = pw_cable_type_is_direct (cable->type);
      int first = -1;

      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          Point pt;

          if (!plug_point (self, &cable->ends[e], &pt) || pt.gport >= 0)
            continue;
          if (!direct)
            uf_union (run, c, pt.cable);
          else if (first < 0)
            first = pt.cable;
          else
            uf_union (run, first, pt.cable);
        }
    }

  for (guint c = 0; c < n; c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
      int r = uf_find (run, c);

      if (pw_cable_type_is_direct (cable->type))
        continue;
      if (cable->has_length)
        {
          length[r] += cable->length_m;
          has_length[r] = 1;
        }
      if (limit[c] > 0 && (run_limit[r] == 0 || limit[c] < run_limit[r]))
        run_limit[r] = limit[c];
      run_unbalanced[r] = MAX (run_unbalanced[r], unbalanced[c]);
      if (teller[r] < 0 || !cable_plugs_into_input (self, pw_document_get_cable (doc, teller[r])))
        teller[r] = c;
    }

  for (guint c = 0; c < n; c++)
    {
      if (teller[c] < 0 || !has_length[c])
        continue;
      if (run_limit[c] > 0 && length[c] > run_limit[c])
        add_finding (self, PW_CODE_CABLE_TOO_LONG, teller[c], -1, -1);
      if (run_unbalanced[c] > 0 && length[c] > run_unbalanced[c])
        add_finding (self, PW_CODE_LONG_UNBALANCED_RUN, teller[c], -1, -1);
    }
}

#define MAX_CABLE_NETS 64

/* Whether the nets of a cable hold contacts of two or more input ports and
 * no driver at all: nothing can ever arrive (MIDI IN cabled to MIDI IN). */
static gboolean
cable_joins_inputs_only (PwAnalysis *self,
                         const int  *nets,
                         guint       n_nets)
{
  int first_input = -1;
  gboolean two = FALSE;

  for (guint i = 0; i < n_nets; i++)
    {
      Net *net = net_at (self, nets[i]);

      if (net->n_drivers > 0)
        return FALSE;
      for (int k = net->first_item; k < net->first_item + net->n_items; k++)
        {
          Item *it = item_at (self, k);

          if (port_info (self, it->gport)->type->direction != PW_DIRECTION_IN)
            continue;
          if (first_input < 0)
            first_input = it->gport;
          else if (it->gport != first_input)
            two = TRUE;
        }
    }
  return two;
}

/* Step 4 and the checks of one cable: link class, lengths, ground loops. */
static void
check_cables (PwAnalysis *self)
{
  PwDocument *doc = self->doc;
  guint n_cables = pw_document_get_n_cables (doc);
  g_autofree double *run_limit = g_new0 (double, MAX (n_cables, 1));
  g_autofree double *run_unbalanced = g_new0 (double, MAX (n_cables, 1));

  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
      gboolean direct = pw_cable_type_is_direct (cable->type);
      int nets[MAX_CABLE_NETS];
      guint n_nets;
      gboolean open = FALSE, broken = FALSE, digital = FALSE, speaker = FALSE;
      gboolean unbalanced = FALSE, any_balanced = FALSE, instrument = FALSE;
      gboolean not_headphone = FALSE;
      guint channels = 0, n_reach = 0;
      int stereo_port = -1;
      double limit = 0;
      PwLinkClass klass;

      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          PwEndState state = self->end_state[self->end_base[c] + e];
          int gport = end_port (self, cable, e);
          /* A misfit is told once: by the end that plugs in, and by a
           * direct connection at its end a. */
          gboolean tell = !self->end_received[self->end_base[c] + e] &&
                          !(direct && e > 0);

          if (direct && gport < 0)
            gport = end_port (self, cable, 1 - e);
          switch (state)
            {
            case PW_END_OPEN:
              open = TRUE;
              add_finding (self, PW_CODE_CABLE_END_OPEN, c, -1, e);
              break;
            case PW_END_GENDER_MISMATCH:
              broken = TRUE;
              if (tell)
                add_finding (self, PW_CODE_GENDER_MISMATCH, c, gport, e);
              break;
            case PW_END_CONNECTOR_MISMATCH:
              broken = TRUE;
              if (tell)
                add_finding (self, PW_CODE_CONNECTOR_MISMATCH, c, gport, e);
              break;
            case PW_END_MATED:
            default:
              break;
            }
        }

      n_nets = cable_nets (self, cable, nets, MAX_CABLE_NETS);
      for (guint i = 0; i < n_nets; i++)
        {
          Net *net = net_at (self, nets[i]);

          for (int r = net->first_reach; r < net->first_reach + net->n_reaches; r++)
            {
              Reach *reach = &g_array_index (self->reaches, Reach, r);
              Item *drv = item_at (self, reach->driver);
              Item *snk = item_at (self, reach->sink);
              PortInfo *P = port_info (self, drv->gport);
              PortInfo *Q = port_info (self, snk->gport);
              PwRole pos = positive_leg (drv->role);

              n_reach++;
              if (P->type->signal != PW_SIGNAL_ANALOG)
                {
                  double l = 0;

                  digital = TRUE;
                  if (P->type->family->index ==
                      pw_connector_table_lookup (pw_connector_table_get_default (), "toslink")->index)
                    l = 10;
                  else if (P->type->signal == PW_SIGNAL_AES3)
                    l = 100;
                  else if (P->type->signal == PW_SIGNAL_SPDIF)
                    l = 10;
                  else if (P->type->signal == PW_SIGNAL_MIDI)
                    l = 15;
                  else if (P->type->signal == PW_SIGNAL_USB)
                    l = 5;
                  if (l > 0 && (limit == 0 || l < limit))
                    limit = l;
                  continue;
                }
              if (P->type->level == PW_LEVEL_SPEAKER || drv->role == PW_ROLE_SPK1_POS ||
                  drv->role == PW_ROLE_SPK2_POS)
                {
                  speaker = TRUE;
                  continue;
                }
              if (role_level (self, drv->gport, drv->role) == PW_LEVEL_INSTRUMENT)
                instrument = TRUE;
              /* A headphone amplifier drives a long extension without loss. */
              if (role_level (self, drv->gport, drv->role) != PW_LEVEL_HEADPHONE)
                not_headphone = TRUE;

              channels |= 1u << pw_role_channel (drv->role);
              if (drv->role == PW_ROLE_LEFT || drv->role == PW_ROLE_RIGHT)
                stereo_port = stereo_port < 0 ? drv->gport : stereo_port;

              if (pos != PW_ROLE_NC &&
                  pair_delivered (self, drv->gport, pos, negative_leg (drv->role), snk->gport))
                any_balanced = TRUE;
              else
                unbalanced = TRUE;

              if (cable->type->balanced && port_is_mono_single_ended (P->type))
                add_finding (self, PW_CODE_UNBALANCED_SOURCE, c, drv->gport, -1);

              (void) Q;
            }
        }

      if (!open && !broken && cable_joins_inputs_only (self, nets, n_nets))
        add_finding (self, PW_CODE_NO_SOURCE, c, -1, -1);

      if (open)
        klass = PW_LINK_OPEN;
      else if (broken || n_reach == 0)
        klass = PW_LINK_BROKEN;
      else if (digital)
        klass = PW_LINK_DIGITAL;
      else if (speaker)
        klass = PW_LINK_SPEAKER;
      else
        {
          gboolean stereo = (channels & (1u << PW_CHANNEL_LEFT)) &&
                            (channels & (1u << PW_CHANNEL_RIGHT));

          if (any_balanced && !unbalanced)
            klass = stereo ? PW_LINK_BALANCED_STEREO : PW_LINK_BALANCED;
          else
            klass = stereo ? PW_LINK_UNBALANCED_STEREO : PW_LINK_UNBALANCED;
        }
      self->link_class[c] = klass;

      if (klass == PW_LINK_BALANCED || klass == PW_LINK_BALANCED_STEREO)
        limit = 300;
      else if (klass != PW_LINK_DIGITAL)
        limit = 0;
      run_limit[c] = limit;

      if (klass == PW_LINK_UNBALANCED || klass == PW_LINK_UNBALANCED_STEREO)
        {
          if (not_headphone)
            run_unbalanced[c] = instrument ? 6 : 5;

          /* Single-ended stereo on a cable sold as balanced, or both
           * channels landing on one balanced input. */
          if (klass == PW_LINK_UNBALANCED_STEREO && stereo_port >= 0)
            {
              gboolean lands = FALSE;

              for (guint e = 0; e < cable->type->n_ends && !lands; e++)
                {
                  PwPlug *plug = &cable->ends[e];
                  int g;
                  guint mask = 0;

                  if (plug->device == NULL)
                    continue;
                  g = self->port_base[plug->device->index] + plug->port;
                  if (port_info (self, g)->type->direction != PW_DIRECTION_IN ||
                      input_kind (self, g) != PW_INPUT_DIFFERENTIAL)
                    continue;
                  for (guint k = 0; k < port_info (self, g)->type->family->n_contacts; k++)
                    mask |= net_channels (self, port_contact_net (self, g, k));
                  lands = (mask & (1u << PW_CHANNEL_LEFT)) && (mask & (1u << PW_CHANNEL_RIGHT));
                }
              if (cable->type->balanced || lands)
                add_finding (self, PW_CODE_STEREO_TRS_NOT_BALANCED, c, stereo_port, -1);
            }
        }
    }

  check_runs (self, run_limit, run_unbalanced);
}

/* Ground loops (DESIGN.md §5.5). The ground graph: its vertices are the
 * reference nets as they would be without the cables' own wires, and a
 * signal ground for each device with active ports; its edges are the
 * cables' wires on reference nets and the ties of each active port's
 * reference contacts to its device's signal ground. The signal grounds of
 * earthed devices whose lift is off meet at the mains earth, which is not
 * in the graph: a cable's ground is on a loop when, without it, one of its
 * sides reaches an earthed signal ground and the other side another one. */

typedef struct
{
  int u;
  int v;
  int cable;       /* -1: a device's tie to its signal ground */
} GroundEdge;

static int
compare_ground_edges (gconstpointer a,
                      gconstpointer b)
{
  const GroundEdge *ea = a, *eb = b;

  if (ea->cable != eb->cable)
    return ea->cable < eb->cable ? -1 : 1;
  if (ea->u != eb->u)
    return ea->u < eb->u ? -1 : 1;
  if (ea->v != eb->v)
    return ea->v < eb->v ? -1 : 1;
  return 0;
}

static void
ground_edge_add (GArray *edges,
                 int     u,
                 int     v,
                 int     cable)
{
  GroundEdge e = { MIN (u, v), MAX (u, v), cable };

  if (u != v)
    g_array_append_val (edges, e);
}

/* The port a finding about a cable on a ground loop names: the end that
 * receives (an input, else an insert, else the passive port an output's
 * cable plugs into), or -1 when it joins passive ports only. */
static int
receiving_port (PwAnalysis *self,
                PwCable    *cable)
{
  int found = -1, passive = -1;
  gboolean driven = FALSE;

  for (guint e = 0; e < cable->type->n_ends; e++)
    {
      int g = end_port (self, cable, e);
      PwDirection dir;

      if (g < 0)
        continue;
      dir = port_info (self, g)->type->direction;
      if (dir == PW_DIRECTION_IN)
        return g;
      if (dir == PW_DIRECTION_INSERT && found < 0)
        found = g;
      else if (dir == PW_DIRECTION_PASSIVE && passive < 0)
        passive = g;
      else if (dir == PW_DIRECTION_OUT)
        driven = TRUE;
    }
  /* From an output into a passive port (a wall plate, a splitter's input):
   * that port receives. Between passive ports only, none does (§6). */
  if (found < 0 && driven)
    found = passive;
  return found;
}

static void
check_ground_loops (PwAnalysis *self)
{
  PwDocument *doc = self->doc;
  guint n_devices = pw_document_get_n_devices (doc);
  guint n_cables = pw_document_get_n_cables (doc);
  guint n_vertices = self->n_nodes + n_devices;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (GroundEdge));
  g_autofree int *first = NULL, *next = NULL, *disc = NULL, *low = NULL, *earth = NULL;
  g_autofree int *comp = NULL, *stack = NULL, *via = NULL;  /* via: the half-edge taken to it */
  g_autofree guint8 *bridge = NULL, *earthed = NULL, *candidate = NULL;
  g_autoptr(GArray) comp_earth = g_array_new (FALSE, TRUE, sizeof (int));
  guint n_earthed = 0, out;
  int time = 0;

  candidate = g_new0 (guint8, MAX (n_cables, 1));
  for (guint c = 0; c < n_cables; c++)
    candidate[c] = self->link_class[c] == PW_LINK_UNBALANCED ||
                   self->link_class[c] == PW_LINK_UNBALANCED_STEREO;

  /* Signal grounds: each active port's reference contacts. */
  earthed = g_new0 (guint8, MAX (n_vertices, 1));
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *it = item_at (self, i);
      PortInfo *pi = port_info (self, it->gport);
      PwDevice *device = pi->device;
      guint p = it->gport - self->port_base[device->index];
      const PwPortType *own = &device->type->ports[p];
      int sg = self->n_nodes + device->index;

      if (it->kind != ITEM_REFERENCE || own->direction == PW_DIRECTION_PASSIVE)
        continue;
      /* An active device that is not earthed lifts at its outputs. */
      if (device->ground_lift_on && !device->type->earthed && own->direction == PW_DIRECTION_OUT)
        continue;
      ground_edge_add (edges, sg,
                       uf_find (self->ground_parent, device_node (self, device->index, p,
                                                                  it->contact)), -1);
      if (device->type->earthed && !device->ground_lift_on && !earthed[sg])
        {
          earthed[sg] = 1;
          n_earthed++;
        }
    }
  if (n_earthed < 2)
    return;

  /* The cables' wires on reference nets. */
  for (guint c = 0; c < n_cables; c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);

      for (guint w = 0; w < cable->type->n_wires; w++)
        {
          const PwWire *wire = &cable->type->wires[w];
          guint a = cable_node (self, cable, wire->joins[0].port, wire->joins[0].contact);
          int net = self->node_net[a];

          if (net < 0 || net_at (self, net)->n_refs == 0)
            continue;
          for (guint j = 1; j < wire->n_joins; j++)
            ground_edge_add (edges, uf_find (self->ground_parent, a),
                             uf_find (self->ground_parent,
                                      cable_node (self, cable, wire->joins[j].port,
                                                  wire->joins[j].contact)), c);
        }
    }

  /* One edge per cable between two vertices: two shields of one cable
   * side by side are one path. */
  g_array_sort (edges, compare_ground_edges);
  out = 0;
  for (guint i = 0; i < edges->len; i++)
    if (out == 0 || compare_ground_edges (&g_array_index (edges, GroundEdge, i),
                                          &g_array_index (edges, GroundEdge, out - 1)) != 0)
      g_array_index (edges, GroundEdge, out++) = g_array_index (edges, GroundEdge, i);
  g_array_set_size (edges, out);

  /* Adjacency lists: edge i has the half-edges 2i (u → v) and 2i+1. */
  first = g_new (int, n_vertices);
  next = g_new (int, MAX (edges->len * 2, 1));
  for (guint v = 0; v < n_vertices; v++)
    first[v] = -1;
  for (guint h = 0; h < edges->len * 2; h++)
    {
      GroundEdge *e = &g_array_index (edges, GroundEdge, h / 2);
      int from = (h & 1) ? e->v : e->u;

      next[h] = first[from];
      first[from] = h;
    }

  /* Bridges by an iterative depth-first search; earth[v] counts the
   * earthed signal grounds below v in the search tree. */
  disc = g_new (int, n_vertices);
  low = g_new (int, n_vertices);
  earth = g_new0 (int, n_vertices);
  comp = g_new (int, n_vertices);
  via = g_new (int, n_vertices);
  stack = g_new (int, n_vertices);
  bridge = g_new0 (guint8, MAX (edges->len, 1));
  for (guint v = 0; v < n_vertices; v++)
    disc[v] = -1;
  for (guint root = 0; root < n_vertices; root++)
    {
      int top = 0, total = 0;

      if (disc[root] >= 0 || first[root] < 0)
        continue;
      stack[top++] = root;
      disc[root] = low[root] = time++;
      via[root] = -1;
      earth[root] = earthed[root];
      comp[root] = comp_earth->len;
      while (top > 0)
        {
          int v = stack[top - 1];
          int h = first[v];   /* what is left of v's list */
          GroundEdge *e;
          int w;

          if (h < 0)
            {
              top--;
              if (via[v] >= 0)
                {
                  int parent;

                  e = &g_array_index (edges, GroundEdge, via[v] / 2);
                  parent = (via[v] & 1) ? e->v : e->u;
                  low[parent] = MIN (low[parent], low[v]);
                  earth[parent] += earth[v];
                  if (low[v] > disc[parent])
                    bridge[via[v] / 2] = 1;
                }
              continue;
            }
          first[v] = next[h];
          /* Not back along the edge we came by (a parallel one counts). */
          if (via[v] >= 0 && h / 2 == via[v] / 2)
            continue;
          e = &g_array_index (edges, GroundEdge, h / 2);
          w = (h & 1) ? e->u : e->v;
          if (disc[w] < 0)
            {
              disc[w] = low[w] = time++;
              via[w] = h;
              earth[w] = earthed[w];
              comp[w] = comp_earth->len;
              stack[top++] = w;
            }
          else
            low[v] = MIN (low[v], disc[w]);
        }
      total = earth[root];
      g_array_append_val (comp_earth, total);
    }

  /* Each candidate cable: on a loop through any of its edges. */
  for (guint i = 0; i < edges->len; i++)
    {
      GroundEdge *e = &g_array_index (edges, GroundEdge, i);
      int total, below;
      gboolean loop;

      if (e->cable < 0 || !candidate[e->cable] || disc[e->u] < 0)
        continue;
      total = g_array_index (comp_earth, int, comp[e->u]);
      if (!bridge[i])
        loop = total >= 2;
      else
        {
          /* The side further from the search's root is the child's. */
          int child = disc[e->u] > disc[e->v] ? e->u : e->v;

          below = earth[child];
          loop = below >= 1 && total - below >= 1;
        }
      if (loop)
        {
          PwCable *cable = pw_document_get_cable (doc, e->cable);

          add_finding (self, PW_CODE_GROUND_LOOP_RISK, e->cable, receiving_port (self, cable), -1);
          candidate[e->cable] = 0;
        }
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const PwFinding *fa = a, *fb = b;
  guint ca = fa->cable < 0 ? G_MAXUINT : (guint) fa->cable;
  guint cb = fb->cable < 0 ? G_MAXUINT : (guint) fb->cable;

  if (ca != cb)
    return ca < cb ? -1 : 1;
  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  if (fa->code != fb->code)
    return fa->code < fb->code ? -1 : 1;
  if (fa->device != fb->device)
    return fa->device < fb->device ? -1 : 1;
  if (fa->port != fb->port)
    return fa->port < fb->port ? -1 : 1;
  if (fa->end != fb->end)
    return fa->end < fb->end ? -1 : 1;
  return 0;
}

static void
finish_findings (PwAnalysis *self)
{
  GArray *suppressions = pw_document_get_suppressions (self->doc);
  guint out = 0;

  g_array_sort (self->findings, compare_findings);
  for (guint i = 0; i < self->findings->len; i++)
    {
      PwFinding *f = &g_array_index (self->findings, PwFinding, i);

      if (out > 0 && compare_findings (f, &g_array_index (self->findings, PwFinding, out - 1)) == 0)
        continue;
      g_array_index (self->findings, PwFinding, out++) = *f;
    }
  g_array_set_size (self->findings, out);

  for (guint i = 0; i < self->findings->len; i++)
    {
      PwFinding *f = &g_array_index (self->findings, PwFinding, i);
      const char *code = pw_code_get_info (f->code)->code;

      for (guint s = 0; s < suppressions->len; s++)
        {
          PwSuppression *sup = &g_array_index (suppressions, PwSuppression, s);

          if (g_str_equal (sup->code, code) &&
              (sup->cable == NULL ||
               (f->cable >= 0 &&
                g_str_equal (sup->cable, pw_document_get_cable (self->doc, f->cable)->id))))
            f->suppressed = TRUE;
        }
    }
}

PwAnalysis *
pw_analysis_new (PwDocument *document)
{
  PwAnalysis *self;

  g_return_val_if_fail (PW_IS_DOCUMENT (document), NULL);

  self = g_new0 (PwAnalysis, 1);
  self->doc = g_object_ref (document);
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->nets = g_array_new (FALSE, FALSE, sizeof (Net));
  self->reaches = g_array_new (FALSE, FALSE, sizeof (Reach));
  self->findings = g_array_new (FALSE, FALSE, sizeof (PwFinding));
  self->link_class = g_new0 (guint8, MAX (pw_document_get_n_cables (document), 1));

  build_nodes (self);
  build_nets (self);
  check_nets (self);
  check_pairs (self);
  check_returns (self);
  check_ports (self);
  check_cables (self);
  check_ground_loops (self);
  finish_findings (self);

  return self;
}

void
pw_analysis_free (PwAnalysis *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->doc);
  g_free (self->parent);
  g_free (self->ground_parent);
  g_free (self->node_net);
  g_free (self->mated);
  g_free (self->device_base);
  g_free (self->cable_base);
  g_free (self->port_base);
  g_free (self->ports);
  g_free (self->end_state);
  g_free (self->end_received);
  g_free (self->end_partner);
  g_clear_pointer (&self->coupled_types, g_ptr_array_unref);
  g_free (self->end_base);
  g_free (self->link_class);
  g_array_unref (self->items);
  g_array_unref (self->nets);
  g_array_unref (self->reaches);
  g_clear_pointer (&self->reach_info, g_array_unref);
  g_array_unref (self->findings);
  g_free (self);
}

guint
pw_analysis_get_n_findings (PwAnalysis *self)
{
  return self->findings->len;
}

const PwFinding *
pw_analysis_get_finding (PwAnalysis *self,
                         guint       index)
{
  g_return_val_if_fail (index < self->findings->len, NULL);
  return &g_array_index (self->findings, PwFinding, index);
}

guint
pw_analysis_count (PwAnalysis *self,
                   PwSeverity  severity,
                   gboolean    include_suppressed)
{
  guint n = 0;

  for (guint i = 0; i < self->findings->len; i++)
    {
      PwFinding *f = &g_array_index (self->findings, PwFinding, i);

      if (f->severity == severity && (include_suppressed || !f->suppressed))
        n++;
    }
  return n;
}

PwLinkClass
pw_analysis_get_link_class (PwAnalysis *self,
                            guint       cable)
{
  g_return_val_if_fail (cable < pw_document_get_n_cables (self->doc), PW_LINK_BROKEN);
  return self->link_class[cable];
}

PwEndState
pw_analysis_get_end_state (PwAnalysis *self,
                           guint       cable,
                           guint       end)
{
  g_return_val_if_fail (cable < pw_document_get_n_cables (self->doc), PW_END_OPEN);
  return self->end_state[self->end_base[cable] + end];
}

int
pw_analysis_get_cable_contact_net (PwAnalysis *self,
                                   guint       cable,
                                   guint       end,
                                   guint       contact)
{
  PwCable *c;

  g_return_val_if_fail (cable < pw_document_get_n_cables (self->doc), -1);
  c = pw_document_get_cable (self->doc, cable);
  g_return_val_if_fail (end < c->type->n_ends, -1);
  return uf_find (self->parent, cable_node (self, c, end, contact));
}

gboolean
pw_analysis_get_end_partner (PwAnalysis *self,
                             guint       cable,
                             guint       end,
                             guint      *other_cable,
                             guint      *other_end)
{
  int partner;
  guint lo = 0, hi;

  g_return_val_if_fail (cable < pw_document_get_n_cables (self->doc), FALSE);
  if ((partner = self->end_partner[self->end_base[cable] + end]) < 0)
    return FALSE;
  /* The cable whose ends hold it: the last whose first end is not past it. */
  hi = pw_document_get_n_cables (self->doc);
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (self->end_base[mid] <= (guint) partner)
        lo = mid;
      else
        hi = mid;
    }
  *other_cable = lo;
  *other_end = partner - self->end_base[lo];
  return TRUE;
}

int
pw_analysis_get_port_contact_net (PwAnalysis *self,
                                  guint       device,
                                  guint       port,
                                  guint       contact)
{
  guint node;

  g_return_val_if_fail (device < pw_document_get_n_devices (self->doc), -1);
  node = device_node (self, device, port, contact);
  if (!self->mated[node])
    return -1;
  return uf_find (self->parent, node);
}

static int
compare_reach_info (gconstpointer a,
                    gconstpointer b)
{
  const PwReachInfo *ra = a, *rb = b;
  int keys_a[] = { ra->in_device, ra->in_port, ra->channel, ra->out_device, ra->out_port };
  int keys_b[] = { rb->in_device, rb->in_port, rb->channel, rb->out_device, rb->out_port };

  for (guint k = 0; k < G_N_ELEMENTS (keys_a); k++)
    if (keys_a[k] != keys_b[k])
      return keys_a[k] < keys_b[k] ? -1 : 1;
  return 0;
}

/* The reaches found while building the nets, by port and channel. */
static void
build_reach_info (PwAnalysis *self)
{
  GArray *all = g_array_sized_new (FALSE, FALSE, sizeof (PwReachInfo), self->reaches->len);

  for (guint r = 0; r < self->reaches->len; r++)
    {
      Reach *reach = &g_array_index (self->reaches, Reach, r);
      Item *driver = item_at (self, reach->driver);
      Item *sink = item_at (self, reach->sink);
      PortInfo *out = port_info (self, driver->gport);
      PortInfo *in = port_info (self, sink->gport);
      PwReachInfo info;

      /* A coupling's 'from' port is no input: what reaches it is told at
       * the input beyond. */
      if (in->receives)
        continue;
      info.out_device = out->device->index;
      info.out_port = driver->gport - self->port_base[out->device->index];
      info.in_device = in->device->index;
      info.in_port = sink->gport - self->port_base[in->device->index];
      info.channel = pw_role_channel (sink->role);
      info.net = driver->net;
      g_array_append_val (all, info);
    }
  g_array_sort (all, compare_reach_info);
  /* One entry per output and input channel: a balanced input's hot and
   * cold both sink the same channel. */
  self->reach_info = g_array_sized_new (FALSE, FALSE, sizeof (PwReachInfo), all->len);
  for (guint i = 0; i < all->len; i++)
    if (i == 0 || compare_reach_info (&g_array_index (all, PwReachInfo, i),
                                      &g_array_index (all, PwReachInfo, i - 1)) != 0)
      g_array_append_val (self->reach_info, g_array_index (all, PwReachInfo, i));
  g_array_unref (all);
}

guint
pw_analysis_get_n_reaches (PwAnalysis *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->reach_info == NULL)
    build_reach_info (self);
  return self->reach_info->len;
}

const PwReachInfo *
pw_analysis_get_reach (PwAnalysis *self,
                       guint       index)
{
  g_return_val_if_fail (index < pw_analysis_get_n_reaches (self), NULL);

  return &g_array_index (self->reach_info, PwReachInfo, index);
}
