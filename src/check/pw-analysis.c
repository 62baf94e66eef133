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
  const PwPortType *type;
  int               cable;     /* plugged cable, or -1 */
  int               end;
  int               part;      /* combo: the part that is mated, or -1 */
} PortInfo;

struct _PwAnalysis
{
  PwDocument *doc;

  int        *parent;          /* union-find, over all nodes */
  int        *node_net;        /* node → net index, or -1 */
  guint8     *mated;           /* device nodes only */
  guint       n_nodes;
  guint      *device_base;     /* first node of each device */
  guint      *cable_base;      /* first node of each cable */
  guint      *port_base;       /* first global port index of each device */

  PortInfo   *ports;
  guint       n_ports;
  guint8     *end_state;       /* per cable end, PwEndState */
  guint      *end_base;        /* first end index of each cable */

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

/* Step 1 and 2: nodes, and the joins of mating maps, bridges and wires. */
static void
build_nodes (PwAnalysis *self)
{
  PwConnectorTable *table = pw_connector_table_get_default ();
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
        }
    }

  for (guint c = 0; c < n_cables; c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);

      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          const PwCableEndType *end = &cable->type->ends[e];
          PwPlug *plug = &cable->ends[e];
          const PwPortType *port;
          const PwMate *mate;
          gboolean end_is_plug;
          PwMateResult res;
          PortInfo *pi;

          if (plug->device == NULL)
            {
              self->end_state[self->end_base[c] + e] = PW_END_OPEN;
              continue;
            }
          port = &plug->device->type->ports[plug->port];
          pi = port_info (self, self->port_base[plug->device->index] + plug->port);
          pi->cable = c;
          pi->end = e;

          res = pw_connector_table_mate (table, end->family, end->gender, port->family,
                                         port->gender, &mate, &end_is_plug);
          if (res == PW_MATE_GENDER)
            {
              self->end_state[self->end_base[c] + e] = PW_END_GENDER_MISMATCH;
              continue;
            }
          if (res == PW_MATE_CONNECTOR)
            {
              self->end_state[self->end_base[c] + e] = PW_END_CONNECTOR_MISMATCH;
              continue;
            }
          self->end_state[self->end_base[c] + e] = PW_END_MATED;

          for (guint i = 0; i < mate->plug->n_contacts; i++)
            {
              guint32 bits = mate->map[i];

              for (guint s = 0; bits != 0; s++, bits >>= 1)
                {
                  guint dev_contact, end_contact, dn;

                  if ((bits & 1) == 0)
                    continue;
                  dev_contact = end_is_plug ? s : i;
                  end_contact = end_is_plug ? i : s;
                  dn = device_node (self, plug->device->index, plug->port, dev_contact);
                  self->mated[dn] = 1;
                  if (port->family->n_parts > 0)
                    pi->part = port->family->part_of[dev_contact];
                  uf_union (self->parent, dn, cable_node (self, cable, e, end_contact));
                }
            }
        }

      for (guint w = 0; w < cable->type->n_wires; w++)
        {
          const PwWire *wire = &cable->type->wires[w];
          guint first = cable_node (self, cable, wire->joins[0].port, wire->joins[0].contact);

          for (guint j = 1; j < wire->n_joins; j++)
            uf_union (self->parent, first,
                      cable_node (self, cable, wire->joins[j].port, wire->joins[j].contact));
        }
    }

  for (guint d = 0; d < n_devices; d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);

      for (guint b = 0; b < device->type->n_bridges; b++)
        {
          const PwBridge *bridge = &device->type->bridges[b];
          guint first = device_node (self, d, bridge->contacts[0].port, bridge->contacts[0].contact);

          for (guint j = 1; j < bridge->n_contacts; j++)
            uf_union (self->parent, first,
                      device_node (self, d, bridge->contacts[j].port, bridge->contacts[j].contact));
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
  int n_nets = 0;

  self->node_net = g_new (int, MAX (self->n_nodes, 1));
  for (guint i = 0; i < self->n_nodes; i++)
    self->node_net[i] = -1;

  for (guint d = 0; d < n_devices; d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);

      for (guint p = 0; p < device->type->n_ports; p++)
        {
          const PwPortType *port = &device->type->ports[p];

          if (port->direction == PW_DIRECTION_PASSIVE)
            continue;
          for (guint k = 0; k < port->family->n_contacts; k++)
            {
              guint node = device_node (self, d, p, k);
              PwRole role = port->roles[k];
              Item it = { 0 };
              int root;

              if (!self->mated[node])
                continue;

              switch (pw_port_type_role_kind (port, role))
                {
                case PW_ROLE_KIND_DRIVER:
                  it.kind = ITEM_DRIVER;
                  break;
                case PW_ROLE_KIND_SINK:
                  it.kind = ITEM_SINK;
                  break;
                case PW_ROLE_KIND_REFERENCE:
                  it.kind = ITEM_REFERENCE;
                  break;
                case PW_ROLE_KIND_NONE:
                default:
                  continue;
                }

              root = uf_find (self->parent, node);
              if (self->node_net[root] < 0)
                self->node_net[root] = n_nets++;
              it.net = self->node_net[root];
              it.gport = self->port_base[d] + p;
              it.contact = k;
              it.role = role;
              g_array_append_val (raw, it);
            }
        }
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
  guint port = pi->type - pi->device->type->ports;

  if (jack_part_mated (pi) && !pi->type->phantom_on_jack)
    return FALSE;
  return pi->type->phantom == PW_PHANTOM_AVAILABLE && pi->device->phantom_on[port];
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

  for (guint r = 0; r < self->reaches->len; r++)
    {
      Reach *reach = &g_array_index (self->reaches, Reach, r);
      Item *drv = item_at (self, reach->driver), *snk = item_at (self, reach->sink);
      Pair pair = { drv->gport, snk->gport,
                    role_level (self, drv->gport, drv->role),
                    role_level (self, snk->gport, snk->role) };

      g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, compare_pairs);

  /* Which outputs that need phantom power get it from some input. */
  for (guint i = 0; i < pairs->len; i++)
    {
      Pair *pair = &g_array_index (pairs, Pair, i);

      if (phantom_is_on (port_info (self, pair->q)))
        p_has_phantom[pair->p] = 1;
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
      else if (P->type->phantom == PW_PHANTOM_REQUIRES && !p_has_phantom[pair->p])
        add_finding (self, PW_CODE_PHANTOM_MISSING, qcable, pair->q, -1);

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

/* The nets a cable touches, each once. */
static guint
cable_nets (PwAnalysis *self,
            PwCable    *cable,
            int        *out,
            guint       max)
{
  guint n = 0;

  for (guint k = 0; k < cable->type->n_contacts; k++)
    {
      int net = self->node_net[self->cable_base[cable->index] + k];
      gboolean seen = FALSE;

      if (net < 0)
        continue;
      for (guint i = 0; i < n; i++)
        seen |= out[i] == net;
      if (!seen && n < max)
        out[n++] = net;
    }
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

  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
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
          PwPlug *plug = &cable->ends[e];
          int gport = plug->device ? (int) (self->port_base[plug->device->index] + plug->port) : -1;

          switch ((PwEndState) self->end_state[self->end_base[c] + e])
            {
            case PW_END_OPEN:
              open = TRUE;
              add_finding (self, PW_CODE_CABLE_END_OPEN, c, -1, e);
              break;
            case PW_END_GENDER_MISMATCH:
              broken = TRUE;
              add_finding (self, PW_CODE_GENDER_MISMATCH, c, gport, e);
              break;
            case PW_END_CONNECTOR_MISMATCH:
              broken = TRUE;
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
      if (limit > 0 && cable->has_length && cable->length_m > limit)
        add_finding (self, PW_CODE_CABLE_TOO_LONG, c, -1, -1);

      if (klass == PW_LINK_UNBALANCED || klass == PW_LINK_UNBALANCED_STEREO)
        {
          gboolean loop = FALSE;
          int loop_port = -1;

          if (not_headphone && cable->has_length && cable->length_m > (instrument ? 6 : 5))
            add_finding (self, PW_CODE_LONG_UNBALANCED_RUN, c, -1, -1);

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

          for (guint i = 0; i < n_nets && !loop; i++)
            {
              Net *net = net_at (self, nets[i]);

              for (int r = net->first_reach; r < net->first_reach + net->n_reaches && !loop; r++)
                {
                  Reach *reach = &g_array_index (self->reaches, Reach, r);
                  PwDevice *a = port_info (self, item_at (self, reach->driver)->gport)->device;
                  PwDevice *b = port_info (self, item_at (self, reach->sink)->gport)->device;

                  if (a != b && a->type->earthed && b->type->earthed &&
                      !a->ground_lift_on && !b->ground_lift_on)
                    {
                      loop = TRUE;
                      loop_port = item_at (self, reach->sink)->gport;
                    }
                }
            }
          if (loop)
            add_finding (self, PW_CODE_GROUND_LOOP_RISK, c, loop_port, -1);
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
  g_free (self->node_net);
  g_free (self->mated);
  g_free (self->device_base);
  g_free (self->cable_base);
  g_free (self->port_base);
  g_free (self->ports);
  g_free (self->end_state);
  g_free (self->end_base);
  g_free (self->link_class);
  g_array_unref (self->items);
  g_array_unref (self->nets);
  g_array_unref (self->reaches);
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

      info.out_device = out->device->index;
      info.out_port = out->type - out->device->type->ports;
      info.in_device = in->device->index;
      info.in_port = in->type - in->device->type->ports;
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
