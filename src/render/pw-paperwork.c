/* pw-paperwork.c: cable schedule, bill of materials, input list, labels
 * and cable numbers, as tables read from the plan and its analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-layout.h"
#include "pw-paperwork.h"
#include "pw-render.h"

static const char * const schedule_header[] = {
  "label", "from device", "from port", "to device", "to port", "cable type", "length",
  "link class", "findings", NULL
};
static const char * const bom_header[] = {
  "type", "name", "length (m)", "count", NULL
};
static const char * const inputs_header[] = {
  "channel", "source", "path", "phantom", "level", "link class", NULL
};
static const char * const labels_header[] = {
  "label", "end", "text", "link class", NULL
};

static const char * const table_names[] = {
  NULL, "schedule", "bom", "inputs", "labels",
};

gboolean
pw_table_kind_from_string (const char  *name,
                           PwTableKind *kind)
{
  for (guint k = PW_TABLE_SCHEDULE; k < G_N_ELEMENTS (table_names); k++)
    if (g_strcmp0 (name, table_names[k]) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

const char *
pw_table_kind_to_string (PwTableKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (table_names), NULL);
  return table_names[kind];
}

static PwTable *
table_new (const char * const *header)
{
  PwTable *table = g_new0 (PwTable, 1);

  table->header = header;
  table->n_columns = g_strv_length ((char **) header);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

void
pw_table_free (PwTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* Adds a row of n_columns cells, taking them (NULL stands for ""). */
static void
table_add (PwTable *table,
           ...)
{
  char **row = g_new0 (char *, table->n_columns + 1);
  va_list args;

  va_start (args, table);
  for (guint k = 0; k < table->n_columns; k++)
    {
      char *cell = va_arg (args, char *);

      row[k] = cell != NULL ? cell : g_strdup ("");
    }
  va_end (args);
  g_ptr_array_add (table->rows, row);
}

static void
csv_field (GString    *out,
           const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
csv_row (GString            *out,
         const char * const *cells,
         guint               n)
{
  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append_c (out, ',');
      csv_field (out, cells[k]);
    }
  g_string_append (out, "\r\n");
}

char *
pw_table_to_csv (const PwTable *table,
                 gsize         *length)
{
  GString *out = g_string_sized_new (64 * (table->rows->len + 1));

  csv_row (out, table->header, table->n_columns);
  for (guint r = 0; r < table->rows->len; r++)
    csv_row (out, g_ptr_array_index (table->rows, r), table->n_columns);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* Shared descriptions */

static const char *
device_name (PwDevice *device)
{
  return device->name != NULL && *device->name != '\0' ? device->name : device->id;
}

static const char *
cable_label (PwCable *cable)
{
  return cable->label != NULL && *cable->label != '\0' ? cable->label : cable->id;
}

char *
pw_paperwork_describe_end (PwCable *cable,
                           guint    end)
{
  PwPlug *plug = &cable->ends[end];

  if (plug->device == NULL)
    return NULL;
  return g_strdup_printf ("%s: %s", device_name (plug->device),
                          plug->device->type->ports[plug->port].label);
}

guint
pw_paperwork_cable_from_end (PwCable *cable)
{
  for (guint e = 0; e < cable->type->n_ends; e++)
    {
      PwPlug *plug = &cable->ends[e];

      if (plug->device != NULL &&
          pw_render_port_side (plug->device->type, plug->port) == PW_SIDE_RIGHT)
        return e;
    }
  return 0;
}

static char *
format_metres (double m)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* A dot whatever the locale: a spreadsheet column of numbers. */
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", m));
}

/* Cable schedule */

/* Finding indices grouped by cable, as a CSR list. */
static void
group_findings (PwDocument *doc,
                PwAnalysis *analysis,
                guint     **out_start,
                guint     **out_list)
{
  guint n_cables = pw_document_get_n_cables (doc);
  guint n = pw_analysis_get_n_findings (analysis);
  guint *start = g_new0 (guint, n_cables + 2);
  guint *list = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const PwFinding *f = pw_analysis_get_finding (analysis, i);

      if (f->cable >= 0)
        start[f->cable + 2]++;
    }
  for (guint c = 0; c < n_cables; c++)
    start[c + 2] += start[c + 1];
  for (guint i = 0; i < n; i++)
    {
      const PwFinding *f = pw_analysis_get_finding (analysis, i);

      if (f->cable >= 0)
        list[start[f->cable + 1]++] = i;
    }
  *out_start = start;
  *out_list = list;
}

static char *
findings_text (PwAnalysis  *analysis,
               const guint *start,
               const guint *list,
               guint        cable)
{
  GString *str = g_string_new (NULL);

  for (guint k = start[cable]; k < start[cable + 1]; k++)
    {
      const PwFinding *f = pw_analysis_get_finding (analysis, list[k]);

      if (str->len > 0)
        g_string_append (str, "; ");
      g_string_append_printf (str, "%s: %s [%s]%s", pw_severity_to_string (f->severity),
                              pw_code_get_message (f->code), pw_code_get_info (f->code)->code,
                              f->suppressed ? " (suppressed)" : "");
    }
  return g_string_free (str, FALSE);
}

static PwTable *
schedule_table (PwDocument *doc,
                PwAnalysis *analysis)
{
  PwTable *table = table_new (schedule_header);
  g_autofree guint *start = NULL, *list = NULL;

  group_findings (doc, analysis, &start, &list);
  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
      guint from = pw_paperwork_cable_from_end (cable);
      PwPlug *fp = &cable->ends[from];
      GString *to_device = g_string_new (NULL), *to_port = g_string_new (NULL);
      char *length = NULL;

      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          PwPlug *plug = &cable->ends[e];

          if (e == from || plug->device == NULL)
            continue;
          if (to_device->len > 0)
            {
              g_string_append (to_device, "; ");
              g_string_append (to_port, "; ");
            }
          g_string_append (to_device, device_name (plug->device));
          g_string_append (to_port, plug->device->type->ports[plug->port].label);
        }
      if (cable->type->kind != PW_CABLE_KIND_ADAPTER && cable->has_length)
        length = format_metres (cable->length_m);
      table_add (table, g_strdup (cable_label (cable)),
                 fp->device ? g_strdup (device_name (fp->device)) : NULL,
                 fp->device ? g_strdup (fp->device->type->ports[fp->port].label) : NULL,
                 g_string_free (to_device, FALSE), g_string_free (to_port, FALSE),
                 g_strdup (cable->type_id), length,
                 g_strdup (pw_link_class_to_string (pw_analysis_get_link_class (analysis, c))),
                 findings_text (analysis, start, list, c));
    }
  return table;
}

/* Bill of materials */

typedef struct
{
  const char *type;      /* cable type id, or a coupler's */
  const char *name;
  double      length;    /* metres; -1: none (adapters, couplers, no length given) */
  guint       count;
} BomRow;

static void
bom_add (GHashTable *rows,
         const char *type,
         const char *name,
         double      length,
         guint       count)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%.6f", type, length);
  BomRow *row = g_hash_table_lookup (rows, key);

  if (row == NULL)
    {
      row = g_new0 (BomRow, 1);
      row->type = g_intern_string (type);
      row->name = g_intern_string (name);
      row->length = length;
      g_hash_table_insert (rows, g_steal_pointer (&key), row);
    }
  row->count += count;
}

static int
compare_bom_rows (gconstpointer a,
                  gconstpointer b)
{
  const BomRow *ra = *(BomRow * const *) a, *rb = *(BomRow * const *) b;
  int c = strcmp (ra->type, rb->type);

  if (c != 0)
    return c;
  return ra->length < rb->length ? -1 : ra->length > rb->length ? 1 : 0;
}

/* The smallest stock length that holds @length, or -1 when none does. */
static double
stock_for (GArray *stock,
           double  length)
{
  for (guint i = 0; i < stock->len; i++)
    if (g_array_index (stock, double, i) >= length - 1e-9)
      return g_array_index (stock, double, i);
  return -1;
}

/* A run longer than the longest stock cable is made of stock cables end
 * to end. Where the cable's own ends mate (XLR female to male) they plug
 * into each other; otherwise each joint takes a coupler. */
static void
bom_coupler (GHashTable  *rows,
             PwCableType *type,
             guint        joints)
{
  PwConnectorTable *connectors = pw_connector_table_get_default ();
  const PwCableEndType *a = &type->ends[0], *b = &type->ends[1];
  g_autofree char *id = NULL, *name = NULL;
  const PwMate *mate;
  gboolean b_is_plug;

  if (pw_connector_table_mate (connectors, b->family, b->gender, a->family, a->gender,
                               &mate, &b_is_plug) == PW_MATE_OK)
    return;
  if (a->family == b->family && a->gender == b->gender)
    {
      const char *g = a->gender == PW_GENDER_MALE ? "female" : "male";

      id = g_strdup_printf ("coupler-%s-%s", a->family->id, g);
      name = g_strdup_printf ("%s coupler, %s to %s", a->family->name, g, g);
    }
  else
    {
      id = g_strdup_printf ("coupler-%s", type->id);
      name = g_strdup_printf ("Coupler joining %s end to end", type->name ? type->name : type->id);
    }
  bom_add (rows, id, name, -1, joints);
}

static PwTable *
bom_table (PwDocument *doc)
{
  PwTable *table = table_new (bom_header);
  GArray *stock = pw_document_get_stock_lengths (doc);
  double longest = g_array_index (stock, double, stock->len - 1);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) sorted = NULL;

  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
      PwCableType *type = cable->type;
      const char *name = type->name ? type->name : type->id;
      double stock_len;

      /* A direct connection is no material. */
      if (type->kind == PW_CABLE_KIND_DIRECT)
        continue;
      if (type->kind == PW_CABLE_KIND_ADAPTER || !cable->has_length)
        bom_add (rows, type->id, name, -1, 1);
      else if ((stock_len = stock_for (stock, cable->length_m)) > 0)
        bom_add (rows, type->id, name, stock_len, 1);
      else if (type->n_ends != 2)
        /* A Y-cable or a fan-out cannot be made of pieces: it is made to
         * measure. */
        bom_add (rows, type->id, name, cable->length_m, 1);
      else
        {
          /* The fewest pieces: longest ones, and the shortest stock length
           * that covers what is left. */
          guint n_full = (guint) floor (cable->length_m / longest + 1e-9);
          double rest = cable->length_m - n_full * longest;
          guint pieces = n_full;

          bom_add (rows, type->id, name, longest, n_full);
          if (rest > 1e-9)
            {
              bom_add (rows, type->id, name, stock_for (stock, rest), 1);
              pieces++;
            }
          bom_coupler (rows, type, pieces - 1);
        }
    }

  sorted = g_ptr_array_new ();
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, rows);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (sorted, value);
  }
  g_ptr_array_sort (sorted, compare_bom_rows);
  for (guint i = 0; i < sorted->len; i++)
    {
      BomRow *row = g_ptr_array_index (sorted, i);

      table_add (table, g_strdup (row->type), g_strdup (row->name),
                 row->length >= 0 ? format_metres (row->length) : NULL,
                 g_strdup_printf ("%u", row->count));
    }
  return table;
}

/* Input list */

static char *
describe_port (PwDocument *doc,
               int         device,
               int         port)
{
  PwDevice *d = pw_document_get_device (doc, device);

  return g_strdup_printf ("%s: %s", device_name (d), d->type->ports[port].label);
}

/* Passive ports (patch bays, splitters, stage boxes) by the nets their
 * contacts are on. */
typedef struct
{
  int device;
  int port;
} PortRef;

static GHashTable *
passive_ports_by_net (PwDocument *doc,
                      PwAnalysis *analysis)
{
  GHashTable *by_net = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);

  for (guint d = 0; d < pw_document_get_n_devices (doc); d++)
    {
      PwDevice *device = pw_document_get_device (doc, d);

      for (guint p = 0; p < device->type->n_ports; p++)
        {
          const PwPortType *port = &device->type->ports[p];

          if (port->direction != PW_DIRECTION_PASSIVE)
            continue;
          for (guint k = 0; k < port->family->n_contacts; k++)
            {
              int net = pw_analysis_get_port_contact_net (analysis, d, p, k);
              PortRef ref = { d, p };
              GArray *list;

              if (net < 0 || pw_role_is_reference (port->roles[k]))
                continue;
              list = g_hash_table_lookup (by_net, GINT_TO_POINTER (net + 1));
              if (list == NULL)
                {
                  list = g_array_new (FALSE, FALSE, sizeof (PortRef));
                  g_hash_table_insert (by_net, GINT_TO_POINTER (net + 1), list);
                }
              if (list->len == 0 ||
                  memcmp (&g_array_index (list, PortRef, list->len - 1), &ref, sizeof ref) != 0)
                g_array_append_val (list, ref);
            }
        }
    }
  return by_net;
}

static int
compare_path_points (gconstpointer a,
                     gconstpointer b,
                     gpointer      data)
{
  const guint *rank = data;
  const PortRef *pa = a, *pb = b;

  if (pa->device != pb->device)
    return rank[pa->device] < rank[pb->device] ? -1 : 1;
  return pa->port - pb->port;
}

/* The passive points between a source and an input, in signal order:
 * "Stage box: In 3 / Multipin → Split: A 3". */
static char *
path_text (PwDocument  *doc,
           GHashTable  *passive,
           const guint *rank,
           int          net)
{
  GArray *list = g_hash_table_lookup (passive, GINT_TO_POINTER (net + 1));
  g_autoptr(GArray) points = NULL;
  GString *str = g_string_new (NULL);
  int last_device = -1;

  if (list == NULL)
    return g_string_free (str, FALSE);
  points = g_array_copy (list);
  g_array_sort_with_data (points, compare_path_points, (gpointer) rank);
  for (guint i = 0; i < points->len; i++)
    {
      PortRef *ref = &g_array_index (points, PortRef, i);
      PwDevice *d = pw_document_get_device (doc, ref->device);

      if (ref->device != last_device)
        g_string_append_printf (str, "%s%s: ", str->len > 0 ? " → " : "", device_name (d));
      else
        g_string_append (str, " / ");
      g_string_append (str, d->type->ports[ref->port].label);
      last_device = ref->device;
    }
  return g_string_free (str, FALSE);
}

static gboolean
phantom_on (PwDocument *doc,
            int         device,
            int         port)
{
  PwDevice *d = pw_document_get_device (doc, device);

  return d->type->ports[port].phantom == PW_PHANTOM_AVAILABLE && d->phantom_on[port];
}

static PwTable *
inputs_table (PwDocument *doc,
              PwAnalysis *analysis)
{
  PwTable *table = table_new (inputs_header);
  guint n = pw_analysis_get_n_reaches (analysis);
  g_autoptr(GHashTable) passive = passive_ports_by_net (doc, analysis);
  g_autoptr(GHashTable) phantom_from = g_hash_table_new (NULL, NULL);
  g_autofree guint *rank = pw_layout_signal_order (doc);

  /* Which input with phantom on each source reaches: the one that powers it. */
  for (guint i = 0; i < n; i++)
    {
      const PwReachInfo *r = pw_analysis_get_reach (analysis, i);
      gpointer key = GINT_TO_POINTER ((r->out_device << 8 | r->out_port) + 1);

      if (phantom_on (doc, r->in_device, r->in_port) &&
          !g_hash_table_contains (phantom_from, key))
        g_hash_table_insert (phantom_from, key, (gpointer) r);
    }

  for (guint i = 0; i < n;)
    {
      const PwReachInfo *first = pw_analysis_get_reach (analysis, i);
      PwDevice *in = pw_document_get_device (doc, first->in_device);
      GString *sources = g_string_new (NULL), *paths = g_string_new (NULL);
      GString *phantom = g_string_new (NULL), *level = g_string_new (NULL);
      g_autofree char *channel = describe_port (doc, first->in_device, first->in_port);
      PwCable *cable;
      int end;
      guint j;

      for (j = i; j < n; j++)
        {
          const PwReachInfo *r = pw_analysis_get_reach (analysis, j);
          const PwPortType *out;
          const PwReachInfo *powering;
          g_autofree char *source = NULL, *path = NULL, *phantom_text = NULL;

          if (r->in_device != first->in_device || r->in_port != first->in_port ||
              r->channel != first->channel)
            break;
          out = &pw_document_get_device (doc, r->out_device)->type->ports[r->out_port];
          source = describe_port (doc, r->out_device, r->out_port);
          path = path_text (doc, passive, rank, r->net);
          powering = g_hash_table_lookup (phantom_from,
                                          GINT_TO_POINTER ((r->out_device << 8 | r->out_port) + 1));
          if (phantom_on (doc, r->in_device, r->in_port))
            phantom_text = g_strdup_printf ("on (%s)", channel);
          else if (powering != NULL)
            {
              g_autofree char *by = describe_port (doc, powering->in_device, powering->in_port);

              phantom_text = g_strdup_printf ("on (%s)", by);
            }
          else
            phantom_text = g_strdup ("off");

          /* Two sources on one input (outputs joined): each, in order. */
          if (j > i)
            {
              g_string_append (sources, "; ");
              g_string_append (paths, "; ");
              g_string_append (phantom, "; ");
              g_string_append (level, "; ");
            }
          g_string_append (sources, source);
          g_string_append (paths, path);
          g_string_append (phantom, phantom_text);
          g_string_append (level, out->level != PW_LEVEL_NONE ? pw_level_to_string (out->level)
                                                             : pw_signal_to_string (out->signal));
        }

      if (first->channel == PW_CHANNEL_LEFT || first->channel == PW_CHANNEL_RIGHT)
        {
          char *with = g_strdup_printf ("%s, %s", channel,
                                        first->channel == PW_CHANNEL_LEFT ? "L" : "R");

          g_free (channel);
          channel = with;
        }
      cable = pw_document_find_cable_at (doc, in, first->in_port, &end);
      table_add (table, g_steal_pointer (&channel), g_string_free (sources, FALSE),
                 g_string_free (paths, FALSE), g_string_free (phantom, FALSE),
                 g_string_free (level, FALSE),
                 g_strdup (cable ? pw_link_class_to_string (pw_analysis_get_link_class (
                                                              analysis, cable->index))
                                 : ""));
      i = j;
    }
  return table;
}

/* Labels */

static PwTable *
labels_table (PwDocument *doc,
              PwAnalysis *analysis)
{
  PwTable *table = table_new (labels_header);

  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
      const char *klass = pw_link_class_to_string (pw_analysis_get_link_class (analysis, c));

      /* A direct connection has no cable to put a label on. */
      if (cable->type->kind == PW_CABLE_KIND_DIRECT)
        continue;
      for (guint e = 0; e < cable->type->n_ends; e++)
        {
          GString *text = g_string_new (cable_label (cable));
          gboolean any = FALSE;

          g_string_append (text, " → ");
          for (guint o = 0; o < cable->type->n_ends; o++)
            {
              g_autofree char *where = NULL;

              if (o == e || (where = pw_paperwork_describe_end (cable, o)) == NULL)
                continue;
              g_string_append_printf (text, "%s%s", any ? "; " : "", where);
              any = TRUE;
            }
          if (!any)
            g_string_append (text, _("not plugged in"));
          table_add (table, g_strdup (cable_label (cable)), g_strdup (cable->type->ends[e].id),
                     g_string_free (text, FALSE), g_strdup (klass));
        }
    }
  return table;
}

PwTable *
pw_paperwork_table (PwDocument  *doc,
                    PwAnalysis  *analysis,
                    PwTableKind  kind)
{
  g_return_val_if_fail (PW_IS_DOCUMENT (doc), NULL);
  g_return_val_if_fail (analysis != NULL, NULL);

  switch (kind)
    {
    case PW_TABLE_SCHEDULE:
      return schedule_table (doc, analysis);
    case PW_TABLE_BOM:
      return bom_table (doc);
    case PW_TABLE_INPUTS:
      return inputs_table (doc, analysis);
    case PW_TABLE_LABELS:
      return labels_table (doc, analysis);
    case PW_TABLE_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Cable numbers */

static guint
highest_number (PwDocument        *doc,
                const PwNumbering *numbering,
                const char        *prefix,
                PwCable           *except)
{
  guint highest = 0;

  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *other = pw_document_get_cable (doc, c);

      if (other != except)
        highest = MAX (highest, pw_numbering_match_label (numbering, prefix, other->label));
    }
  return highest;
}

char *
pw_paperwork_next_label (PwDocument *doc,
                         PwAnalysis *analysis,
                         PwCable    *cable)
{
  const PwNumbering *numbering = pw_document_get_numbering (doc);
  const char *prefix;

  g_return_val_if_fail (PW_IS_DOCUMENT (doc), NULL);

  prefix = pw_numbering_get_prefix (numbering, pw_link_class_to_string (
                                      pw_analysis_get_link_class (analysis, cable->index)));
  return pw_numbering_format_label (numbering, prefix,
                                    highest_number (doc, numbering, prefix, cable) + 1);
}

typedef struct
{
  guint cable;
  guint rank;
  guint port;
} FlowKey;

static int
compare_flow (gconstpointer a,
              gconstpointer b)
{
  const FlowKey *fa = a, *fb = b;

  if (fa->rank != fb->rank)
    return fa->rank < fb->rank ? -1 : 1;
  if (fa->port != fb->port)
    return fa->port < fb->port ? -1 : 1;
  return fa->cable < fb->cable ? -1 : fa->cable > fb->cable;
}

GPtrArray *
pw_paperwork_renumber (PwDocument *doc,
                       PwAnalysis *analysis)
{
  const PwNumbering *numbering = pw_document_get_numbering (doc);
  guint n = pw_document_get_n_cables (doc);
  g_autofree guint *rank = pw_layout_signal_order (doc);
  g_autofree FlowKey *keys = g_new (FlowKey, MAX (n, 1));
  g_autoptr(GHashTable) counters = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *labels = g_ptr_array_new_full (n, g_free);

  /* Signal flow: by where each cable's signal leaves from — the source's
   * place in the flow, then its port; a cable plugged in nowhere last. */
  for (guint c = 0; c < n; c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
      PwPlug *from = &cable->ends[pw_paperwork_cable_from_end (cable)];

      keys[c].cable = c;
      keys[c].rank = G_MAXUINT;
      keys[c].port = 0;
      if (from->device != NULL)
        keys[c].rank = rank[from->device->index], keys[c].port = from->port;
      else
        for (guint e = 0; e < cable->type->n_ends; e++)
          if (cable->ends[e].device != NULL && rank[cable->ends[e].device->index] < keys[c].rank)
            keys[c].rank = rank[cable->ends[e].device->index], keys[c].port = cable->ends[e].port;
    }
  qsort (keys, n, sizeof (FlowKey), compare_flow);

  g_ptr_array_set_size (labels, n);
  for (guint k = 0; k < n; k++)
    {
      guint c = keys[k].cable;
      PwCable *cable = pw_document_get_cable (doc, c);
      const char *prefix = pw_numbering_get_prefix (
        numbering, pw_link_class_to_string (pw_analysis_get_link_class (analysis, c)));
      guint next = GPOINTER_TO_UINT (g_hash_table_lookup (counters, prefix)) + 1;

      /* A direct connection keeps its name: there is no cable to number. */
      if (cable->type->kind == PW_CABLE_KIND_DIRECT)
        {
          labels->pdata[c] = g_strdup (cable->label);
          continue;
        }
      g_hash_table_insert (counters, (gpointer) prefix, GUINT_TO_POINTER (next));
      labels->pdata[c] = pw_numbering_format_label (numbering, prefix, next);
    }
  return labels;
}

void
pw_edit_number_cables (PwHistory *history,
                       PwCable  **cables,
                       guint      n_cables)
{
  PwDocument *doc = pw_history_get_document (history);
  g_autoptr(PwAnalysis) analysis = NULL;

  if (n_cables == 0)
    return;
  /* The class the analysis gives each cable once it is plugged in: one
   * analysis for them all, each taking the number after the last. */
  analysis = pw_analysis_new (doc);
  pw_history_begin (history, _("Number Cables"));
  for (guint i = 0; i < n_cables; i++)
    {
      g_autofree char *label = NULL;

      if (cables[i]->type->kind == PW_CABLE_KIND_DIRECT)
        continue;
      label = pw_paperwork_next_label (doc, analysis, cables[i]);
      pw_edit_set_cable_label (history, cables[i], label);
    }
  pw_history_end (history);
}

void
pw_edit_renumber_cables (PwHistory  *history,
                         PwAnalysis *analysis)
{
  PwDocument *doc = pw_history_get_document (history);
  g_autoptr(PwAnalysis) own = NULL;
  g_autoptr(GPtrArray) labels = NULL;

  if (analysis == NULL)
    analysis = own = pw_analysis_new (doc);
  labels = pw_paperwork_renumber (doc, analysis);
  pw_history_begin (history, _("Renumber Cables"));
  for (guint c = 0; c < labels->len; c++)
    pw_edit_set_cable_label (history, pw_document_get_cable (doc, c), labels->pdata[c]);
  pw_history_end (history);
}
