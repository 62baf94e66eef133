/* pw-suggest.c: which cable fits between two ports
 *
 * The best fit mates both ports plug for socket with no cross-family
 * mating (no TS plug in a TRS socket), has no more ends than it needs, is
 * sold as balanced when both ports carry a balanced pair, and is a cable
 * rather than an adapter.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-suggest.h"

/* How well an end mates a port: -1 not at all, 2 same family, 1 cross-family. */
static int
end_fit (const PwCableEndType *end,
         const PwPortType     *port)
{
  const PwMate *mate;
  gboolean end_is_plug;

  if (pw_connector_table_mate (pw_connector_table_get_default (), end->family, end->gender,
                               port->family, port->gender, &mate, &end_is_plug) != PW_MATE_OK)
    return -1;
  if (mate->plug != mate->socket)
    {
      /* A plug that leaves contacts of the port floating or shorted is a
       * worse fit than one that meets every contact. */
      return 1;
    }
  return 2;
}

static gboolean
port_is_balanced (const PwPortType *port)
{
  return port->direction == PW_DIRECTION_OUT ? port->output != PW_OUTPUT_SINGLE_ENDED
                                             : port->input == PW_INPUT_DIFFERENTIAL;
}

/* Whether every wire joins contacts of the same name: a straight cable,
 * not a polarity reverser or a cable with a lifted pin. */
static gboolean
is_straight (const PwCableType *type)
{
  guint n_joined = 0;

  for (guint w = 0; w < type->n_wires; w++)
    {
      const PwWire *wire = &type->wires[w];
      const char *first = type->ends[wire->joins[0].port].family->contacts[wire->joins[0].contact];

      for (guint j = 1; j < wire->n_joins; j++)
        if (!g_str_equal (first,
                          type->ends[wire->joins[j].port].family->contacts[wire->joins[j].contact]))
          return FALSE;
      n_joined += wire->n_joins;
    }
  return n_joined == type->n_contacts;
}

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const PwCableChoice *ca = a, *cb = b;

  if (ca->score != cb->score)
    return ca->score > cb->score ? -1 : 1;
  return g_strcmp0 (ca->type->id, cb->type->id);
}

GArray *
pw_suggest_cables (PwTypeSet        *types,
                   const PwPortType *a,
                   const PwPortType *b)
{
  g_autoptr(GPtrArray) list = pw_type_set_list_cable_types (types);
  GArray *choices = g_array_new (FALSE, FALSE, sizeof (PwCableChoice));

  for (guint i = 0; i < list->len; i++)
    {
      PwCableType *type = g_ptr_array_index (list, i);
      PwCableChoice best = { type, 0, 0, G_MININT };

      for (guint ea = 0; ea < type->n_ends; ea++)
        {
          int fa = end_fit (&type->ends[ea], a);

          if (fa < 0)
            continue;
          for (guint eb = 0; eb < type->n_ends; eb++)
            {
              int fb, score;

              if (eb == ea || (fb = end_fit (&type->ends[eb], b)) < 0)
                continue;
              score = 100 * (fa + fb);
              score -= 30 * (int) (type->n_ends - 2);
              if (type->kind == PW_CABLE_KIND_ADAPTER)
                score -= 10;
              if (type->has_signal)
                score += (type->signal == a->signal && type->signal == b->signal) ? 10 : -60;
              if (is_straight (type))
                score += 5;
              if (port_is_balanced (a) && port_is_balanced (b))
                score += type->balanced ? 20 : -20;
              else if (type->balanced)
                score -= 5;
              /* Convention: the first end at the source. */
              if (ea < eb)
                score += 1;
              if (score > best.score)
                {
                  best.end_a = ea;
                  best.end_b = eb;
                  best.score = score;
                }
            }
        }
      if (best.score != G_MININT)
        g_array_append_val (choices, best);
    }

  g_array_sort (choices, compare_choices);
  return choices;
}

/* Whether contact @k of cable end @end, in @port, touches a contact of the
 * port that carries @role. */
static gboolean
end_contact_carries (const PwCableEndType *end,
                     guint                 k,
                     const PwPortType     *port,
                     PwRole                role)
{
  const PwMate *mate;
  gboolean end_is_plug;

  if (pw_connector_table_mate (pw_connector_table_get_default (), end->family, end->gender,
                               port->family, port->gender, &mate, &end_is_plug) != PW_MATE_OK)
    return FALSE;
  for (guint p = 0; p < port->family->n_contacts; p++)
    {
      gboolean touches = end_is_plug ? (mate->map[k] >> p) & 1 : (mate->map[p] >> k) & 1;

      if (touches && port->roles[p] == role)
        return TRUE;
    }
  return FALSE;
}

/* Whether a wire of @type joins a contact of end @from that carries @role
 * of @port to a contact of end @to. */
static gboolean
wire_carries (const PwCableType *type,
              guint              from,
              const PwPortType  *port,
              PwRole             role,
              guint              to)
{
  for (guint w = 0; w < type->n_wires; w++)
    {
      const PwWire *wire = &type->wires[w];
      gboolean carries = FALSE, reaches = FALSE;

      for (guint j = 0; j < wire->n_joins; j++)
        {
          if (wire->joins[j].port == from)
            carries |= end_contact_carries (&type->ends[from], wire->joins[j].contact, port, role);
          reaches |= wire->joins[j].port == to;
        }
      if (carries && reaches)
        return TRUE;
    }
  return FALSE;
}

gboolean
pw_suggest_breakout (PwTypeSet        *types,
                     const PwPortType *source,
                     const PwPortType *left,
                     const PwPortType *right,
                     PwBreakoutChoice *choice)
{
  g_autoptr(GPtrArray) list = NULL;
  PwBreakoutChoice best = { NULL, 0, 0, 0, G_MININT };

  g_return_val_if_fail (types != NULL && source != NULL && left != NULL && right != NULL, FALSE);
  g_return_val_if_fail (choice != NULL, FALSE);

  list = pw_type_set_list_cable_types (types);
  for (guint i = 0; i < list->len; i++)
    {
      PwCableType *type = g_ptr_array_index (list, i);

      if (type->n_ends != 3)
        continue;
      for (guint s = 0; s < 3; s++)
        {
          int fs = end_fit (&type->ends[s], source);

          if (fs < 0)
            continue;
          for (guint l = 0; l < 3; l++)
            {
              guint r = 3 - s - l;
              int fl, fr, score;

              if (l == s || (fl = end_fit (&type->ends[l], left)) < 0 ||
                  (fr = end_fit (&type->ends[r], right)) < 0)
                continue;
              if (!wire_carries (type, s, source, PW_ROLE_LEFT, l) ||
                  !wire_carries (type, s, source, PW_ROLE_RIGHT, r) ||
                  wire_carries (type, s, source, PW_ROLE_LEFT, r) ||
                  wire_carries (type, s, source, PW_ROLE_RIGHT, l))
                continue;
              score = 100 * (fs + fl + fr);
              if (type->kind == PW_CABLE_KIND_ADAPTER)
                score -= 10;
              /* A lead sold as a stereo breakout (legs marked L and R)
               * rather than an insert cable wired the same way. */
              if (g_strcmp0 (type->ends[l].label, "L") == 0 &&
                  g_strcmp0 (type->ends[r].label, "R") == 0)
                score += 5;
              if (score > best.score ||
                  (score == best.score && g_strcmp0 (type->id, best.type->id) < 0))
                best = (PwBreakoutChoice) { type, s, l, r, score };
            }
        }
    }
  if (best.type == NULL)
    return FALSE;
  *choice = best;
  return TRUE;
}

/* Two ports that mate each other need no cable: headphones plugged straight
 * into an amplifier (DESIGN.md §4, "type": "direct"). A plug on an input
 * device is on its own lead (headphones, a headset, a lavalier into its
 * bodypack), so plugging it straight in comes first; a plug on any other port
 * (a microphone's XLR, an interface's XLR outputs) is a chassis connector that
 * takes a cable, so there the direct connection is the last alternative. */
void
pw_suggest_add_direct (GArray           *choices,
                       const PwPortType *a,
                       const PwPortType *b)
{
  gboolean a_is_plug = FALSE;
  const PwMate *mate = NULL;
  PwCableChoice direct = { pw_cable_type_get_direct (), 0, 1, 0 };
  const PwPortType *plug;

  g_return_if_fail (choices != NULL);

  if (pw_connector_table_mate (pw_connector_table_get_default (), a->family, a->gender,
                               b->family, b->gender, &mate, &a_is_plug) != PW_MATE_OK)
    return;
  plug = a_is_plug ? a : b;
  if (plug->direction == PW_DIRECTION_IN)
    g_array_prepend_val (choices, direct);
  else
    g_array_append_val (choices, direct);
}

/* What can join @a and @b, best first, as the canvas and the inspector offer
 * it: the user library's cables first (they are the ones this user owns), then
 * the catalogue's not already offered, and the direct connection where the
 * two ports mate each other. */
GArray *
pw_suggest_connections (const PwPortType *a,
                        const PwPortType *b)
{
  GArray *choices = pw_suggest_cables (pw_catalogue_get_user (), a, b);
  g_autoptr(GArray) builtin = pw_suggest_cables (pw_catalogue_get_builtin (), a, b);

  for (guint i = 0; i < builtin->len; i++)
    {
      PwCableChoice *choice = &g_array_index (builtin, PwCableChoice, i);
      gboolean offered = FALSE;

      for (guint j = 0; j < choices->len && !offered; j++)
        offered = g_str_equal (g_array_index (choices, PwCableChoice, j).type->id,
                               choice->type->id);
      if (!offered)
        g_array_append_val (choices, *choice);
    }
  pw_suggest_add_direct (choices, a, b);
  return choices;
}
