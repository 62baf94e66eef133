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
