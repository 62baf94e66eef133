/* pw-layout.c: a layered layout of the signal flow
 *
 * 1. Each cable gives edges from the devices at its right-hand ports
 *    (outputs) to those at its left-hand ports (inputs), as the cards
 *    draw them.
 * 2. A depth-first search drops the edges that close a cycle (feedback,
 *    insert loops), leaving a DAG.
 * 3. Longest-path layering puts every device one column right of its
 *    furthest source; a pure source then moves right, next to its nearest
 *    sink, so that a microphone sits beside the desk it feeds.
 * 4. Barycentre sweeps, down and up, order each column by where its
 *    neighbours' ports are.
 * 5. Each card is pulled towards the height of the ports it connects to,
 *    without crossing the card above it: no overlaps, by construction.
 *
 * Everything is linear in devices and cables per sweep; 2,000 devices
 * take a few milliseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-layout.h"
#include "pw-render.h"

#define N_SWEEPS   6
#define N_PULLS    4

typedef struct
{
  guint  n_ports;
  guint8 *side;        /* PwSide per port */
  double *offset;      /* port anchor y below the card top */
  double  height;
} TypeGeometry;

typedef struct
{
  guint  u, v;         /* node indices: u drives v */
  double ou, ov;       /* port offsets on each card */
} Edge;

typedef struct
{
  PwDevice     *device;
  TypeGeometry *geom;
  int           layer;
  guint         rank;
  double        y;
  double        key;
  guint         order;   /* depth-first discovery order */
} Node;

static void
type_geometry_free (TypeGeometry *g)
{
  g_free (g->side);
  g_free (g->offset);
  g_free (g);
}

static TypeGeometry *
get_geometry (GHashTable   *cache,
              PwDeviceType *type)
{
  TypeGeometry *g = g_hash_table_lookup (cache, type);
  guint rows[2] = { 0, 0 };

  if (g != NULL)
    return g;
  g = g_new0 (TypeGeometry, 1);
  g->n_ports = type->n_ports;
  g->side = g_new0 (guint8, MAX (type->n_ports, 1));
  g->offset = g_new0 (double, MAX (type->n_ports, 1));
  for (guint p = 0; p < type->n_ports; p++)
    {
      PwSide side = pw_render_port_side (type, p);

      g->side[p] = side;
      g->offset[p] = PW_RENDER_HEADER_HEIGHT + (rows[side] + 0.5) * PW_RENDER_ROW_HEIGHT;
      rows[side]++;
    }
  pw_render_card_size (type, NULL, &g->height);
  g_hash_table_insert (cache, type, g);
  return g;
}

static int
compare_key (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const Node *nodes = user_data;
  const Node *na = &nodes[*(const guint *) a];
  const Node *nb = &nodes[*(const guint *) b];

  if (na->key < nb->key)
    return -1;
  if (na->key > nb->key)
    return 1;
  return (int) na->order - (int) nb->order;
}

/* Depth-first search without recursion: marks the edges that close a
 * cycle, and numbers the nodes in discovery order. */
static void
break_cycles (Node     *nodes,
              guint     n,
              Edge     *edges,
              guint     n_edges,
              guint    *out_start,
              guint    *out_list,
              gboolean *reversed)
{
  g_autofree guint8 *state = g_new0 (guint8, n);   /* 0 new, 1 on stack, 2 done */
  g_autofree guint *stack = g_new (guint, n);
  g_autofree guint *cursor = g_new0 (guint, n);
  g_autofree guint *in_degree = g_new0 (guint, n);
  guint order = 0;

  for (guint e = 0; e < n_edges; e++)
    in_degree[edges[e].v]++;

  /* Roots: sources first, so that the search follows the signal. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint root = 0; root < n; root++)
      {
        guint sp = 0;

        if (state[root] != 0 || (pass == 0 && in_degree[root] != 0))
          continue;
        stack[sp++] = root;
        state[root] = 1;
        nodes[root].order = order++;
        while (sp > 0)
          {
            guint u = stack[sp - 1];

            if (cursor[u] < out_start[u + 1] - out_start[u])
              {
                guint e = out_list[out_start[u] + cursor[u]++];
                guint v = edges[e].v;

                if (state[v] == 1)
                  reversed[e] = TRUE;
                else if (state[v] == 0)
                  {
                    state[v] = 1;
                    nodes[v].order = order++;
                    stack[sp++] = v;
                  }
              }
            else
              {
                state[u] = 2;
                sp--;
              }
          }
      }
}

static void
assign_layers (Node     *nodes,
               guint     n,
               Edge     *edges,
               guint     n_edges,
               gboolean *reversed,
               gboolean  pull_sources)
{
  g_autofree guint *in_degree = g_new0 (guint, n);
  g_autofree guint *out_degree = g_new0 (guint, n);
  g_autofree guint *start = g_new0 (guint, n + 1);
  g_autofree guint *list = g_new (guint, MAX (n_edges, 1));
  g_autofree guint *fill = NULL;
  g_autofree guint *queue = g_new (guint, n);
  guint head = 0, tail = 0;

  for (guint e = 0; e < n_edges; e++)
    if (!reversed[e])
      {
        in_degree[edges[e].v]++;
        out_degree[edges[e].u]++;
        start[edges[e].u + 1]++;
      }
  for (guint i = 0; i < n; i++)
    start[i + 1] += start[i];
  fill = g_memdup2 (start, sizeof (guint) * (n + 1));
  for (guint e = 0; e < n_edges; e++)
    if (!reversed[e])
      list[fill[edges[e].u]++] = e;

  for (guint i = 0; i < n; i++)
    {
      nodes[i].layer = 0;
      if (in_degree[i] == 0)
        queue[tail++] = i;
    }
  /* Kahn's algorithm: the queue ends up in topological order. */
  while (head < tail)
    {
      guint u = queue[head++];

      for (guint k = start[u]; k < start[u + 1]; k++)
        {
          guint v = edges[list[k]].v;

          nodes[v].layer = MAX (nodes[v].layer, nodes[u].layer + 1);
          if (--in_degree[v] == 0)
            queue[tail++] = v;
        }
    }
  g_assert (tail == n);

  /* Sources move right, next to their nearest sink. */
  for (guint i = n; pull_sources && i-- > 0;)
    {
      guint u = queue[i];
      int nearest = G_MAXINT;

      if (out_degree[u] == 0)
        continue;
      for (guint k = start[u]; k < start[u + 1]; k++)
        nearest = MIN (nearest, nodes[edges[list[k]].v].layer);
      /* Layer 0 means no in-edge: a pure source. */
      if (nodes[u].layer == 0 && nearest - 1 > 0)
        nodes[u].layer = nearest - 1;
    }
}

/* Stacks a layer's cards in rank order, each pulled towards @key (its
 * wished top) but never above the bottom of the card before it. */
static void
stack_layer (Node  *nodes,
             GArray *layer,
             gboolean use_key)
{
  double bottom = -G_MAXDOUBLE;

  for (guint r = 0; r < layer->len; r++)
    {
      Node *node = &nodes[g_array_index (layer, guint, r)];
      double want = use_key && !isnan (node->key) ? node->key : node->y;

      if (!use_key)
        node->y = bottom == -G_MAXDOUBLE ? 0 : bottom + PW_LAYOUT_CARD_GAP;
      else
        node->y = bottom == -G_MAXDOUBLE ? want : MAX (want, bottom + PW_LAYOUT_CARD_GAP);
      node->rank = r;
      bottom = node->y + node->geom->height;
    }
}

/* For every node of @layer, the mean wished top from its neighbours in
 * the layers before (@down) or after it; NAN without such neighbours. */
static void
compute_keys (Node      *nodes,
              GArray    *layer,
              Edge      *edges,
              guint     *adj_start,
              guint     *adj_list,
              int        this_layer,
              gboolean   down,
              gboolean   both)
{
  for (guint r = 0; r < layer->len; r++)
    {
      guint u = g_array_index (layer, guint, r);
      double sum = 0;
      guint count = 0;

      for (guint k = adj_start[u]; k < adj_start[u + 1]; k++)
        {
          Edge *e = &edges[adj_list[k]];
          gboolean u_is_source = e->u == u;
          guint other = u_is_source ? e->v : e->u;
          double own = u_is_source ? e->ou : e->ov;
          double theirs = u_is_source ? e->ov : e->ou;
          int ol = nodes[other].layer;

          if (!both && (down ? ol >= this_layer : ol <= this_layer))
            continue;
          if (ol == this_layer)
            continue;
          sum += nodes[other].y + theirs - own;
          count++;
        }
      nodes[u].key = count > 0 ? sum / count : NAN;
    }
}

/* Edges, from the ports on the right of a card to those on the left. */
static GArray *
build_edges (PwDocument *doc,
             Node       *nodes,
             const int  *node_of)
{
  GArray *edges;

  edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);

      for (guint a = 0; a < cable->type->n_ends; a++)
        {
          PwPlug *pa = &cable->ends[a];
          Node *na;

          if (pa->device == NULL || node_of[pa->device->index] < 0)
            continue;
          na = &nodes[node_of[pa->device->index]];
          if (na->geom->side[pa->port] != PW_SIDE_RIGHT)
            continue;
          for (guint b = 0; b < cable->type->n_ends; b++)
            {
              PwPlug *pb = &cable->ends[b];
              Node *nb;
              Edge edge;

              if (b == a || pb->device == NULL || node_of[pb->device->index] < 0 ||
                  pb->device == pa->device)
                continue;
              nb = &nodes[node_of[pb->device->index]];
              /* Two outputs on one cable (a Y-cable): the first drives. */
              if (nb->geom->side[pb->port] == PW_SIDE_RIGHT && b < a)
                continue;
              edge.u = node_of[pa->device->index];
              edge.v = node_of[pb->device->index];
              edge.ou = na->geom->offset[pa->port];
              edge.ov = nb->geom->offset[pb->port];
              g_array_append_val (edges, edge);
            }
        }
    }
  return edges;
}

guint
pw_layout_arrange (PwDocument *doc,
                   gboolean    all)
{
  g_autoptr(GHashTable) geometry = NULL;
  g_autoptr(GArray) edges = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  g_autofree Node *nodes = NULL;
  g_autofree int *node_of = NULL;
  g_autofree guint *out_start = NULL, *out_list = NULL;
  g_autofree guint *adj_start = NULL, *adj_list = NULL;
  g_autofree gboolean *reversed = NULL;
  guint n_devices, n = 0, n_edges, n_layers = 0;
  double x0 = 40, y0 = 40;
  gboolean have_placed = FALSE;
  double min_x = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;

  g_return_val_if_fail (PW_IS_DOCUMENT (doc), 0);

  n_devices = pw_document_get_n_devices (doc);
  geometry = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) type_geometry_free);
  nodes = g_new0 (Node, MAX (n_devices, 1));
  node_of = g_new (int, MAX (n_devices, 1));

  for (guint i = 0; i < n_devices; i++)
    {
      PwDevice *d = pw_document_get_device (doc, i);

      node_of[i] = -1;
      if (!all && d->has_position)
        {
          double h;

          pw_render_card_size (d->type, NULL, &h);
          have_placed = TRUE;
          min_x = MIN (min_x, d->x);
          max_y = MAX (max_y, d->y + h);
          continue;
        }
      node_of[i] = n;
      nodes[n].device = d;
      nodes[n].geom = get_geometry (geometry, d->type);
      n++;
    }
  if (n == 0)
    return 0;
  if (have_placed)
    {
      x0 = min_x;
      y0 = max_y + 80;
    }

  edges = build_edges (doc, nodes, node_of);
  n_edges = edges->len;

  /* Adjacency: out-edges for the search, all edges for the sweeps. */
  out_start = g_new0 (guint, n + 1);
  adj_start = g_new0 (guint, n + 1);
  out_list = g_new (guint, MAX (n_edges, 1));
  adj_list = g_new (guint, MAX (2 * n_edges, 1));
  for (guint e = 0; e < n_edges; e++)
    {
      Edge *edge = &g_array_index (edges, Edge, e);

      out_start[edge->u + 1]++;
      adj_start[edge->u + 1]++;
      adj_start[edge->v + 1]++;
    }
  for (guint i = 0; i < n; i++)
    {
      out_start[i + 1] += out_start[i];
      adj_start[i + 1] += adj_start[i];
    }
  {
    g_autofree guint *out_fill = g_memdup2 (out_start, sizeof (guint) * (n + 1));
    g_autofree guint *adj_fill = g_memdup2 (adj_start, sizeof (guint) * (n + 1));

    for (guint e = 0; e < n_edges; e++)
      {
        Edge *edge = &g_array_index (edges, Edge, e);

        out_list[out_fill[edge->u]++] = e;
        adj_list[adj_fill[edge->u]++] = e;
        adj_list[adj_fill[edge->v]++] = e;
      }
  }

  reversed = g_new0 (gboolean, MAX (n_edges, 1));
  break_cycles (nodes, n, (Edge *) edges->data, n_edges, out_start, out_list, reversed);
  assign_layers (nodes, n, (Edge *) edges->data, n_edges, reversed, TRUE);

  /* Columns, first in discovery order, which keeps connected devices
   * together. */
  for (guint i = 0; i < n; i++)
    n_layers = MAX (n_layers, (guint) nodes[i].layer + 1);
  layers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint l = 0; l < n_layers; l++)
    g_ptr_array_add (layers, g_array_new (FALSE, FALSE, sizeof (guint)));
  {
    g_autofree guint *by_order = g_new (guint, n);

    for (guint i = 0; i < n; i++)
      by_order[nodes[i].order] = i;
    for (guint k = 0; k < n; k++)
      g_array_append_val (g_ptr_array_index (layers, nodes[by_order[k]].layer), by_order[k]);
  }
  for (guint l = 0; l < n_layers; l++)
    stack_layer (nodes, g_ptr_array_index (layers, l), FALSE);

  /* Barycentre sweeps: sort each column by its neighbours' port heights. */
  for (guint sweep = 0; sweep < N_SWEEPS; sweep++)
    {
      gboolean down = sweep % 2 == 0;

      for (guint k = 1; k < n_layers; k++)
        {
          guint l = down ? k : n_layers - 1 - k;
          GArray *layer = g_ptr_array_index (layers, l);

          compute_keys (nodes, layer, (Edge *) edges->data, adj_start, adj_list, l, down, FALSE);
          /* A node without neighbours on that side keeps its place. */
          for (guint r = 0; r < layer->len; r++)
            {
              Node *node = &nodes[g_array_index (layer, guint, r)];

              if (isnan (node->key))
                node->key = node->y;
            }
          g_array_sort_with_data (layer, compare_key, nodes);
          stack_layer (nodes, layer, FALSE);
        }
    }

  /* Pull each card towards its neighbours, keeping order and gaps. */
  for (guint pull = 0; pull < N_PULLS; pull++)
    for (guint l = 0; l < n_layers; l++)
      {
        GArray *layer = g_ptr_array_index (layers, l);

        compute_keys (nodes, layer, (Edge *) edges->data, adj_start, adj_list, l, TRUE, TRUE);
        stack_layer (nodes, layer, TRUE);
      }

  {
    double top = G_MAXDOUBLE;

    for (guint i = 0; i < n; i++)
      top = MIN (top, nodes[i].y);
    for (guint i = 0; i < n; i++)
      {
        PwDevice *d = nodes[i].device;

        d->x = x0 + nodes[i].layer * (PW_RENDER_CARD_WIDTH + PW_LAYOUT_LAYER_GAP);
        d->y = round (y0 + nodes[i].y - top);
        d->has_position = TRUE;
      }
  }
  return n;
}

static int
compare_signal_order (gconstpointer a,
                      gconstpointer b,
                      gpointer      data)
{
  const Node *nodes = data;
  const Node *na = &nodes[*(const guint *) a], *nb = &nodes[*(const guint *) b];

  if (na->layer != nb->layer)
    return na->layer < nb->layer ? -1 : 1;
  return (int) na->order - (int) nb->order;
}

guint *
pw_layout_signal_order (PwDocument *doc)
{
  g_autoptr(GHashTable) geometry = NULL;
  g_autoptr(GArray) edges = NULL;
  g_autofree Node *nodes = NULL;
  g_autofree int *node_of = NULL;
  g_autofree guint *out_start = NULL, *out_list = NULL, *fill = NULL;
  g_autofree gboolean *reversed = NULL;
  g_autofree guint *by_key = NULL;
  guint n, *rank;

  g_return_val_if_fail (PW_IS_DOCUMENT (doc), NULL);

  n = pw_document_get_n_devices (doc);
  geometry = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) type_geometry_free);
  nodes = g_new0 (Node, MAX (n, 1));
  node_of = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      node_of[i] = i;
      nodes[i].device = pw_document_get_device (doc, i);
      nodes[i].geom = get_geometry (geometry, nodes[i].device->type);
    }
  edges = build_edges (doc, nodes, node_of);

  out_start = g_new0 (guint, n + 1);
  out_list = g_new (guint, MAX (edges->len, 1));
  for (guint e = 0; e < edges->len; e++)
    out_start[g_array_index (edges, Edge, e).u + 1]++;
  for (guint i = 0; i < n; i++)
    out_start[i + 1] += out_start[i];
  fill = g_memdup2 (out_start, sizeof (guint) * (n + 1));
  for (guint e = 0; e < edges->len; e++)
    out_list[fill[g_array_index (edges, Edge, e).u]++] = e;

  reversed = g_new0 (gboolean, MAX (edges->len, 1));
  break_cycles (nodes, n, (Edge *) edges->data, edges->len, out_start, out_list, reversed);
  /* Every source first (the layout draws a source beside its sink
   * instead), then column by column; in a column, the order the search
   * found them. */
  assign_layers (nodes, n, (Edge *) edges->data, edges->len, reversed, FALSE);

  by_key = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    by_key[i] = i;
  g_qsort_with_data (by_key, n, sizeof (guint), compare_signal_order, nodes);
  rank = g_new (guint, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    rank[by_key[k]] = k;
  return rank;
}
