/* pw-diff.c: what changed between two plans, by ids and pin by pin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-diff.h"

struct _PwDiff
{
  PwDocument *old_doc;
  PwDocument *new_doc;
  PwAnalysis *old_analysis;
  PwAnalysis *new_analysis;
  PwDiffFlags flags;
  GArray     *changes;         /* PwChange */
  GPtrArray  *appeared;        /* const PwFinding *, in new_analysis */
  GPtrArray  *gone;            /* const PwFinding *, in old_analysis */
  GHashTable *old_incoming;    /* see incoming_ends () */
  GHashTable *new_incoming;
};

static const char * const field_names[PW_DIFF_N_FIELDS] = {
  "type", "name", "label", "ends", "length", "phantom", "lift", "position"
};

const char *
pw_diff_field_to_string (PwDiffField field)
{
  for (guint i = 0; i < PW_DIFF_N_FIELDS; i++)
    if (field == 1u << i)
      return field_names[i];
  g_return_val_if_reached (NULL);
}

const char *
pw_change_what_to_string (PwChangeWhat what)
{
  return what == PW_CHANGE_DEVICE ? "device" : "cable";
}

const char *
pw_change_kind_to_string (PwChangeKind kind)
{
  switch (kind)
    {
    case PW_CHANGE_ADDED:
      return "added";
    case PW_CHANGE_REMOVED:
      return "removed";
    case PW_CHANGE_CHANGED:
    default:
      return "changed";
    }
}

static void
change_clear (gpointer data)
{
  PwChange *change = data;

  g_free (change->id);
  g_free (change->detail);
}

/* Adds a part to a detail, separated from what is there. */
static void
detail_add (GString    *detail,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
detail_add (GString    *detail,
            const char *format,
            ...)
{
  va_list args;

  if (detail->len > 0)
    g_string_append (detail, "; ");
  va_start (args, format);
  g_string_append_vprintf (detail, format, args);
  va_end (args);
}

static void
add_change (PwDiff       *self,
            PwChangeKind  kind,
            PwChangeWhat  what,
            const char   *id,
            guint         fields,
            GString      *detail,
            int           old_index,
            int           new_index)
{
  PwChange change = {
    kind, what, g_strdup (id), fields, g_string_free (detail, FALSE), old_index, new_index
  };

  g_array_append_val (self->changes, change);
}

/* A type differs when its id does, or when the plans define it apart (a
 * custom cable with two pins swapped keeps its id). */
static gboolean
same_source (JsonNode *a,
             JsonNode *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  return json_node_equal (a, b);
}

static void
type_detail (GString    *detail,
             const char *old_id,
             const char *new_id)
{
  if (g_strcmp0 (old_id, new_id) != 0)
    detail_add (detail, _("type %s → %s"), old_id, new_id);
  else
    detail_add (detail, _("type %s defined differently"), new_id);
}

/* Devices */

/* The ids of the ports whose phantom switch is on, in the type's order. */
static char *
phantom_ports (PwDevice *d,
               gboolean  labels)
{
  GString *str = g_string_new (NULL);

  for (guint p = 0; p < d->type->n_ports; p++)
    if (d->phantom_on[p])
      g_string_append_printf (str, "%s%s", str->len ? ", " : "",
                              labels ? d->type->ports[p].label : d->type->ports[p].id);
  return g_string_free (str, FALSE);
}

static void
compare_device (PwDiff   *self,
                PwDevice *a,
                PwDevice *b)
{
  GString *detail = g_string_new (NULL);
  g_autofree char *phantom_a = phantom_ports (a, FALSE);
  g_autofree char *phantom_b = phantom_ports (b, FALSE);
  guint fields = 0;

  if (g_strcmp0 (a->type_id, b->type_id) != 0 || !same_source (a->type->source, b->type->source))
    {
      fields |= PW_DIFF_FIELD_TYPE;
      type_detail (detail, a->type_id, b->type_id);
    }
  if (g_strcmp0 (a->name, b->name) != 0)
    {
      fields |= PW_DIFF_FIELD_NAME;
      detail_add (detail, _("name “%s” → “%s”"), a->name ? a->name : "", b->name ? b->name : "");
    }
  if (!g_str_equal (phantom_a, phantom_b))
    {
      g_autofree char *on_a = phantom_ports (a, TRUE);
      g_autofree char *on_b = phantom_ports (b, TRUE);

      fields |= PW_DIFF_FIELD_PHANTOM;
      detail_add (detail, _("phantom on at %s → %s"), *on_a ? on_a : _("no input"),
                  *on_b ? on_b : _("no input"));
    }
  if (a->ground_lift_on != b->ground_lift_on)
    {
      fields |= PW_DIFF_FIELD_LIFT;
      detail_add (detail, b->ground_lift_on ? _("ground lift switched on")
                                            : _("ground lift switched off"));
    }
  if ((self->flags & PW_DIFF_POSITIONS) &&
      (a->has_position != b->has_position || a->x != b->x || a->y != b->y))
    {
      fields |= PW_DIFF_FIELD_POSITION;
      detail_add (detail, _("moved from (%g, %g) to (%g, %g)"), a->x, a->y, b->x, b->y);
    }

  if (fields == 0)
    {
      g_string_free (detail, TRUE);
      return;
    }
  add_change (self, PW_CHANGE_CHANGED, PW_CHANGE_DEVICE, b->id, fields, detail, a->index,
              b->index);
}

static GString *
device_summary (PwDevice *d)
{
  GString *detail = g_string_new (NULL);

  g_string_append_printf (detail, "%s (%s)", d->name ? d->name : d->id, d->type_id);
  return detail;
}

/* Cables */

/* "Desk:Ch 1", "C1 end b" (into another cable's end), or "open". */
static char *
plug_text (PwPlug *plug)
{
  if (plug->cable != NULL)
    return g_strdup_printf (_("%s end %s"), plug->cable->id,
                            plug->cable->type->ends[plug->end].id);
  if (plug->device == NULL)
    return g_strdup (_("open"));
  return g_strdup_printf ("%s:%s", plug->device->name ? plug->device->name : plug->device->id,
                          plug->device->type->ports[plug->port].label);
}

/* The cable ends that other cable ends plug into, by "cable\x1fend" ids,
 * each with the end plugged into it as text ("C7 end a"): the file
 * writes such a link once, on the end that plugs in, and the end plugged
 * into is not open. */
static GHashTable *
incoming_ends (PwDocument *doc)
{
  GHashTable *incoming = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < pw_document_get_n_cables (doc); i++)
    {
      PwCable *c = pw_document_get_cable (doc, i);

      for (guint e = 0; e < c->type->n_ends; e++)
        if (c->ends[e].cable != NULL)
          g_hash_table_insert (incoming,
                               g_strdup_printf ("%s\x1f%s", c->ends[e].cable->id,
                                                c->ends[e].cable->type->ends[c->ends[e].end].id),
                               g_strdup_printf (_("%s end %s"), c->id, c->type->ends[e].id));
    }
  return incoming;
}

/* Where end @end_id of @cable goes, by ids (to compare; NULL: open) and
 * as text (to read). */
static char *
end_partner (GHashTable *incoming,
             PwCable    *cable,
             const char *end_id,
             gboolean    text)
{
  int e = pw_cable_type_find_end (cable->type, end_id);
  PwPlug *plug = e >= 0 ? &cable->ends[e] : NULL;
  g_autofree char *key = NULL;
  const char *into;

  if (plug == NULL)
    return text ? g_strdup (_("open")) : NULL;
  if (plug->device != NULL || plug->cable != NULL)
    {
      if (text)
        return plug_text (plug);
      if (plug->cable != NULL)
        return g_strdup_printf ("cable\x1f%s\x1f%s", plug->cable->id,
                                plug->cable->type->ends[plug->end].id);
      return g_strdup_printf ("device\x1f%s\x1f%s", plug->device->id,
                              plug->device->type->ports[plug->port].id);
    }
  key = g_strdup_printf ("%s\x1f%s", cable->id, end_id);
  into = g_hash_table_lookup (incoming, key);
  if (into == NULL)
    return text ? g_strdup (_("open")) : NULL;
  return text ? g_strdup (into) : g_strdup_printf ("from\x1f%s", into);
}

/* Compares the ends by their ids: ends of the old type that the new one
 * lacks count as unplugged there, and so on. */
static gboolean
compare_ends (PwDiff  *self,
              PwCable *a,
              PwCable *b,
              GString *detail)
{
  gboolean differ = FALSE;

  for (guint pass = 0; pass < 2; pass++)
    {
      PwCable *from = pass == 0 ? a : b;

      for (guint e = 0; e < from->type->n_ends; e++)
        {
          const char *id = from->type->ends[e].id;
          g_autofree char *ka = NULL;
          g_autofree char *kb = NULL;
          g_autofree char *ta = NULL;
          g_autofree char *tb = NULL;

          /* Ends both types have are looked at in the first pass. */
          if (pass == 1 && pw_cable_type_find_end (a->type, id) >= 0)
            continue;
          ka = end_partner (self->old_incoming, a, id, FALSE);
          kb = end_partner (self->new_incoming, b, id, FALSE);
          if (g_strcmp0 (ka, kb) == 0)
            continue;
          differ = TRUE;
          ta = end_partner (self->old_incoming, a, id, TRUE);
          tb = end_partner (self->new_incoming, b, id, TRUE);
          detail_add (detail, _("end %s %s → %s"), id, ta, tb);
        }
    }
  return differ;
}

/* What a cable joins, contact to contact: one entry per net through the
 * cable, holding the contacts of the ports at the ends of its run (its
 * own ends, and those of the cables chained to it) that lie on it ("Mic:Out pin 2 (hot) = Desk:Ch 1 pin 3 (cold)"; a short within one
 * port reads "ring (right) + sleeve (ground)"). The key names them by ids,
 * to compare; the text by names, to read. */
typedef struct
{
  char *key;
  char *text;
} Join;

static void
join_free (gpointer data)
{
  Join *join = data;

  g_free (join->key);
  g_free (join->text);
  g_free (join);
}

static int
join_compare (gconstpointer a,
              gconstpointer b)
{
  const Join *ja = *(const Join * const *) a, *jb = *(const Join * const *) b;

  return strcmp (ja->key, jb->key);
}

/* "pin 2 (hot)" on XLR and the like, "tip (left)" on a jack. */
static void
append_contact (GString          *text,
                const PwPortType *port,
                guint             contact)
{
  const char *name = port->family->contacts[contact];

  if (g_ascii_isdigit (name[0]))
    g_string_append_printf (text, _("pin %s (%s)"), name, pw_role_to_string (port->roles[contact]));
  else
    g_string_append_printf (text, "%s (%s)", name, pw_role_to_string (port->roles[contact]));
}

/* The plugs at the far ends of @cable's run: the ports its ends, and the
 * ends of the cables chained to it end to end, plug into. */
static GArray *
run_plugs (PwDocument *doc,
           PwCable    *cable)
{
  g_autoptr(GPtrArray) run = g_ptr_array_new ();
  GArray *plugs = g_array_new (FALSE, FALSE, sizeof (PwPlug));

  g_ptr_array_add (run, cable);
  for (guint i = 0; i < run->len; i++)
    {
      PwCable *c = g_ptr_array_index (run, i);

      for (guint e = 0; e < c->type->n_ends; e++)
        {
          if (c->ends[e].device != NULL)
            g_array_append_val (plugs, c->ends[e]);
          if (c->ends[e].cable != NULL && !g_ptr_array_find (run, c->ends[e].cable, NULL))
            g_ptr_array_add (run, c->ends[e].cable);
        }
      /* The cables plugged into this one's ends. */
      for (guint o = 0; o < pw_document_get_n_cables (doc); o++)
        {
          PwCable *other = pw_document_get_cable (doc, o);

          for (guint e = 0; e < other->type->n_ends; e++)
            if (other->ends[e].cable == c && !g_ptr_array_find (run, other, NULL))
              g_ptr_array_add (run, other);
        }
    }
  return plugs;
}

static GPtrArray *
cable_joins (PwDocument *doc,
             PwAnalysis *analysis,
             PwCable    *cable)
{
  GPtrArray *joins = g_ptr_array_new_with_free_func (join_free);
  g_autoptr(GArray) nets = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) plugs = run_plugs (doc, cable);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint e = 0; e < cable->type->n_ends; e++)
    for (guint k = 0; k < cable->type->ends[e].family->n_contacts; k++)
      {
        int net = pw_analysis_get_cable_contact_net (analysis, cable->index, e, k);

        if (net >= 0 && g_hash_table_add (seen, GINT_TO_POINTER (net + 1)))
          g_array_append_val (nets, net);
      }

  for (guint n = 0; n < nets->len; n++)
    {
      int net = g_array_index (nets, int, n);
      g_autoptr(GString) key = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      guint n_contacts = 0;
      Join *join;

      for (guint p = 0; p < plugs->len; p++)
        {
          PwPlug *plug = &g_array_index (plugs, PwPlug, p);
          PwDevice *d = plug->device;
          const PwPortType *port = &d->type->ports[plug->port];
          gboolean port_named = FALSE;

          for (guint k = 0; k < port->family->n_contacts; k++)
            {
              if (pw_analysis_get_port_contact_net (analysis, d->index, plug->port, k) != net)
                continue;
              g_string_append_printf (key, "%s%s:%s.%s", key->len ? " " : "", d->id, port->id,
                                      port->family->contacts[k]);
              if (!port_named)
                g_string_append_printf (text, "%s%s:%s ", text->len ? " = " : "",
                                        d->name ? d->name : d->id, port->label);
              else
                g_string_append (text, " + ");
              append_contact (text, port, k);
              port_named = TRUE;
              n_contacts++;
            }
        }
      /* A contact alone on its net joins nothing (an end unplugged). */
      if (n_contacts < 2)
        continue;
      join = g_new0 (Join, 1);
      join->key = g_string_free (g_steal_pointer (&key), FALSE);
      join->text = g_string_free (g_steal_pointer (&text), FALSE);
      g_ptr_array_add (joins, join);
    }
  g_ptr_array_sort (joins, join_compare);
  return joins;
}

/* The joins of @joins whose key @other lacks, as text. */
static char *
joins_missing_from (GPtrArray *joins,
                    GPtrArray *other)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < other->len; i++)
    g_hash_table_add (keys, ((Join *) g_ptr_array_index (other, i))->key);
  for (guint i = 0; i < joins->len; i++)
    {
      Join *join = g_ptr_array_index (joins, i);

      if (!g_hash_table_contains (keys, join->key))
        g_string_append_printf (str, "%s%s", str->len ? ", " : "", join->text);
    }
  return g_string_free (str, FALSE);
}

static void
joins_detail (PwDiff  *self,
              PwCable *a,
              PwCable *b,
              GString *detail)
{
  g_autoptr(GPtrArray) joins_a = cable_joins (self->old_doc, self->old_analysis, a);
  g_autoptr(GPtrArray) joins_b = cable_joins (self->new_doc, self->new_analysis, b);
  g_autofree char *now = joins_missing_from (joins_b, joins_a);
  g_autofree char *before = joins_missing_from (joins_a, joins_b);

  if (*now == '\0' && *before == '\0')
    return;
  detail_add (detail, _("now joins %s; joined %s"), *now ? now : _("nothing"),
              *before ? before : _("nothing"));
}

static char *
length_text (PwCable *c)
{
  if (!c->has_length)
    return g_strdup (_("no length"));
  return g_strdup_printf (_("%g m"), c->length_m);
}

static void
compare_cable (PwDiff  *self,
               PwCable *a,
               PwCable *b)
{
  GString *detail = g_string_new (NULL);
  guint fields = 0;

  if (g_strcmp0 (a->type_id, b->type_id) != 0 || !same_source (a->type->source, b->type->source))
    {
      fields |= PW_DIFF_FIELD_TYPE;
      type_detail (detail, a->type_id, b->type_id);
    }
  if (g_strcmp0 (a->label, b->label) != 0)
    {
      fields |= PW_DIFF_FIELD_LABEL;
      detail_add (detail, _("label “%s” → “%s”"), a->label ? a->label : "",
                  b->label ? b->label : "");
    }
  if (compare_ends (self, a, b, detail))
    fields |= PW_DIFF_FIELD_ENDS;
  if (a->has_length != b->has_length || (b->has_length && a->length_m != b->length_m))
    {
      g_autofree char *la = length_text (a);
      g_autofree char *lb = length_text (b);

      fields |= PW_DIFF_FIELD_LENGTH;
      detail_add (detail, _("length %s → %s"), la, lb);
    }

  if (fields == 0)
    {
      g_string_free (detail, TRUE);
      return;
    }
  /* What the wires now join, where the type or the ends changed. */
  if (fields & (PW_DIFF_FIELD_TYPE | PW_DIFF_FIELD_ENDS))
    joins_detail (self, a, b, detail);
  add_change (self, PW_CHANGE_CHANGED, PW_CHANGE_CABLE, b->id, fields, detail, a->index, b->index);
}

static GString *
cable_summary (GHashTable *incoming,
               PwCable    *c)
{
  GString *detail = g_string_new (NULL);
  g_autofree char *length = length_text (c);

  g_string_append_printf (detail, "%s (%s, %s): ", c->label ? c->label : c->id, c->type_id,
                          length);
  for (guint e = 0; e < c->type->n_ends; e++)
    {
      g_autofree char *plug = end_partner (incoming, c, c->type->ends[e].id, TRUE);

      g_string_append_printf (detail, "%s%s %s", e > 0 ? ", " : "", c->type->ends[e].id, plug);
    }
  return detail;
}

/* Findings */

/* A finding's identity across the plans: its code and the ids it names. */
static char *
finding_key (PwDocument      *doc,
             const PwFinding *f)
{
  PwCable *cable = f->cable >= 0 ? pw_document_get_cable (doc, f->cable) : NULL;
  PwDevice *device = f->device >= 0 ? pw_document_get_device (doc, f->device) : NULL;

  return g_strdup_printf ("%s\x1f%s\x1f%s\x1f%s\x1f%s", pw_code_get_info (f->code)->code,
                          cable ? cable->id : "",
                          device ? device->id : "",
                          device && f->port >= 0 ? device->type->ports[f->port].id : "",
                          cable && f->end >= 0 ? cable->type->ends[f->end].id : "");
}

/* The findings of @analysis that @other lacks, counting each key as often
 * as it occurs. */
static void
findings_missing_from (PwDocument *doc,
                       PwAnalysis *analysis,
                       PwDocument *other_doc,
                       PwAnalysis *other,
                       GPtrArray  *out)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < pw_analysis_get_n_findings (other); i++)
    {
      const PwFinding *f = pw_analysis_get_finding (other, i);
      char *key;

      if (f->suppressed)
        continue;
      key = finding_key (other_doc, f);
      g_hash_table_insert (counts, key,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
    }
  for (guint i = 0; i < pw_analysis_get_n_findings (analysis); i++)
    {
      const PwFinding *f = pw_analysis_get_finding (analysis, i);
      g_autofree char *key = NULL;
      guint n;

      if (f->suppressed)
        continue;
      key = finding_key (doc, f);
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
      if (n > 0)
        g_hash_table_insert (counts, g_steal_pointer (&key), GUINT_TO_POINTER (n - 1));
      else
        g_ptr_array_add (out, (gpointer) f);
    }
}

PwDiff *
pw_diff_new (PwDocument  *old_document,
             PwDocument  *new_document,
             PwDiffFlags  flags)
{
  PwDiff *self;

  g_return_val_if_fail (PW_IS_DOCUMENT (old_document), NULL);
  g_return_val_if_fail (PW_IS_DOCUMENT (new_document), NULL);

  self = g_new0 (PwDiff, 1);
  self->old_doc = g_object_ref (old_document);
  self->new_doc = g_object_ref (new_document);
  self->old_analysis = pw_analysis_new (old_document);
  self->new_analysis = pw_analysis_new (new_document);
  self->flags = flags;
  self->changes = g_array_new (FALSE, TRUE, sizeof (PwChange));
  g_array_set_clear_func (self->changes, change_clear);
  self->appeared = g_ptr_array_new ();
  self->gone = g_ptr_array_new ();
  self->old_incoming = incoming_ends (old_document);
  self->new_incoming = incoming_ends (new_document);

  /* Devices, then cables: each in the new plan's order, then what the
   * old plan had and the new one lacks, in the old plan's order. */
  for (guint i = 0; i < pw_document_get_n_devices (new_document); i++)
    {
      PwDevice *b = pw_document_get_device (new_document, i);
      PwDevice *a = pw_document_lookup_device (old_document, b->id);

      if (a != NULL)
        compare_device (self, a, b);
      else
        add_change (self, PW_CHANGE_ADDED, PW_CHANGE_DEVICE, b->id, 0, device_summary (b), -1, i);
    }
  for (guint i = 0; i < pw_document_get_n_devices (old_document); i++)
    {
      PwDevice *a = pw_document_get_device (old_document, i);

      if (pw_document_lookup_device (new_document, a->id) == NULL)
        add_change (self, PW_CHANGE_REMOVED, PW_CHANGE_DEVICE, a->id, 0, device_summary (a), i,
                    -1);
    }
  for (guint i = 0; i < pw_document_get_n_cables (new_document); i++)
    {
      PwCable *b = pw_document_get_cable (new_document, i);
      PwCable *a = pw_document_lookup_cable (old_document, b->id);

      if (a != NULL)
        compare_cable (self, a, b);
      else
        add_change (self, PW_CHANGE_ADDED, PW_CHANGE_CABLE, b->id, 0,
                    cable_summary (self->new_incoming, b), -1, i);
    }
  for (guint i = 0; i < pw_document_get_n_cables (old_document); i++)
    {
      PwCable *a = pw_document_get_cable (old_document, i);

      if (pw_document_lookup_cable (new_document, a->id) == NULL)
        add_change (self, PW_CHANGE_REMOVED, PW_CHANGE_CABLE, a->id, 0,
                    cable_summary (self->old_incoming, a), i, -1);
    }

  findings_missing_from (new_document, self->new_analysis, old_document, self->old_analysis,
                         self->appeared);
  findings_missing_from (old_document, self->old_analysis, new_document, self->new_analysis,
                         self->gone);
  return self;
}

void
pw_diff_free (PwDiff *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->changes, g_array_unref);
  g_clear_pointer (&self->appeared, g_ptr_array_unref);
  g_clear_pointer (&self->gone, g_ptr_array_unref);
  g_clear_pointer (&self->old_incoming, g_hash_table_unref);
  g_clear_pointer (&self->new_incoming, g_hash_table_unref);
  g_clear_pointer (&self->old_analysis, pw_analysis_free);
  g_clear_pointer (&self->new_analysis, pw_analysis_free);
  g_clear_object (&self->old_doc);
  g_clear_object (&self->new_doc);
  g_free (self);
}

gboolean
pw_diff_is_empty (PwDiff *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->changes->len == 0 && self->appeared->len == 0 && self->gone->len == 0;
}

guint
pw_diff_get_n_changes (PwDiff *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->changes->len;
}

const PwChange *
pw_diff_get_change (PwDiff *self,
                    guint   index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->changes->len, NULL);
  return &g_array_index (self->changes, PwChange, index);
}

char *
pw_diff_dup_summary (PwDiff *self)
{
  static const char * const kinds[] = { N_("added"), N_("removed"), N_("changed") };
  static const PwChangeKind order[] = { PW_CHANGE_CHANGED, PW_CHANGE_ADDED, PW_CHANGE_REMOVED };
  GString *summary = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      g_autoptr(GString) part = g_string_new (NULL);

      for (PwChangeWhat what = PW_CHANGE_DEVICE; what <= PW_CHANGE_CABLE; what++)
        {
          g_autoptr(GString) ids = g_string_new (NULL);
          guint n = 0;

          for (guint i = 0; i < self->changes->len; i++)
            {
              const PwChange *c = &g_array_index (self->changes, PwChange, i);

              if (c->kind == order[k] && c->what == what)
                g_string_append_printf (ids, "%s%s", n++ ? ", " : "", c->id);
            }
          if (n == 0)
            continue;
          if (part->len > 0)
            g_string_append (part, _(" and "));
          if (what == PW_CHANGE_DEVICE)
            g_string_append_printf (part, ngettext ("device %s", "devices %s", n), ids->str);
          else
            g_string_append_printf (part, ngettext ("cable %s", "cables %s", n), ids->str);
        }
      if (part->len > 0)
        g_string_append_printf (summary, "%s%s %s", summary->len ? "; " : "",
                                _(kinds[order[k]]), part->str);
    }
  if (self->appeared->len > 0 || self->gone->len > 0)
    g_string_append_printf (summary, _("%sfindings: %u new, %u gone"), summary->len ? "; " : "",
                            self->appeared->len, self->gone->len);
  if (summary->len == 0)
    g_string_append (summary, _("no change"));
  return g_string_free (summary, FALSE);
}

PwDocument *
pw_diff_get_old_document (PwDiff *self)
{
  return self->old_doc;
}

PwDocument *
pw_diff_get_new_document (PwDiff *self)
{
  return self->new_doc;
}

PwAnalysis *
pw_diff_get_old_analysis (PwDiff *self)
{
  return self->old_analysis;
}

PwAnalysis *
pw_diff_get_new_analysis (PwDiff *self)
{
  return self->new_analysis;
}

guint
pw_diff_get_n_appeared (PwDiff *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->appeared->len;
}

const PwFinding *
pw_diff_get_appeared (PwDiff *self,
                      guint   index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->appeared->len, NULL);
  return g_ptr_array_index (self->appeared, index);
}

guint
pw_diff_get_n_gone (PwDiff *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->gone->len;
}

const PwFinding *
pw_diff_get_gone (PwDiff *self,
                  guint   index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->gone->len, NULL);
  return g_ptr_array_index (self->gone, index);
}
