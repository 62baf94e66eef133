/* pw-document.c: a plan — devices, cables and the types they use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pw-document.h"

struct _PwDocument
{
  GObject     parent_instance;

  char       *fields[PW_PLAN_N_FIELDS];
  char       *file_name;         /* where the plan was read or saved; not saved itself */
  PwTypeSet  *types;             /* the document's own embedded types */
  GPtrArray  *devices;           /* PwDevice, owned */
  GPtrArray  *cables;            /* PwCable, owned */
  GHashTable *device_by_id;
  GHashTable *cable_by_id;
  GHashTable *plugged;           /* (device, port) → cable end, see plug_key () */
  GArray     *suppressions;      /* PwSuppression */
  GArray     *revisions;         /* PwRevision, oldest first */
  JsonObject *extra;
  PwNumbering *numbering;        /* NULL: the defaults */
  PwNumbering *default_numbering;
  GArray     *stock_lengths;     /* double; NULL: the defaults */
  GArray     *default_stock_lengths;
};

G_DEFINE_FINAL_TYPE (PwDocument, pw_document, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The properties start with the plan's fields, in PwPlanField order. */
enum {
  PROP_0,
  PROP_TITLE,
  PROP_CLIENT,
  PROP_VENUE,
  PROP_REVISION,
  N_PROPS
};

G_STATIC_ASSERT (PROP_TITLE + PW_PLAN_REVISION == PROP_REVISION);

static const char * const field_keys[PW_PLAN_N_FIELDS] = {
  "title", "client", "venue", "revision"
};

static GParamSpec *properties[N_PROPS];

PwDevice *
pw_device_new (const char   *id,
               PwDeviceType *type)
{
  PwDevice *device = g_new0 (PwDevice, 1);

  device->id = g_strdup (id);
  device->type = pw_device_type_ref (type);
  device->type_id = g_strdup (type->id);
  device->phantom_on = g_new0 (gboolean, MAX (type->n_ports, 1));
  return device;
}

void
pw_device_free (PwDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->id);
  g_free (device->type_id);
  g_clear_pointer (&device->type, pw_device_type_unref);
  g_free (device->name);
  g_free (device->phantom_on);
  g_clear_pointer (&device->extra, json_object_unref);
  g_free (device);
}

PwCable *
pw_cable_new (const char  *id,
              PwCableType *type)
{
  PwCable *cable = g_new0 (PwCable, 1);

  cable->id = g_strdup (id);
  cable->type = pw_cable_type_ref (type);
  cable->type_id = g_strdup (type->id);
  cable->ends = g_new0 (PwPlug, type->n_ends);
  return cable;
}

void
pw_cable_free (PwCable *cable)
{
  if (cable == NULL)
    return;
  g_free (cable->id);
  g_free (cable->type_id);
  g_clear_pointer (&cable->type, pw_cable_type_unref);
  g_free (cable->label);
  g_free (cable->ends);
  g_clear_pointer (&cable->extra, json_object_unref);
  g_free (cable);
}

static void
suppression_clear (gpointer data)
{
  PwSuppression *s = data;

  g_free (s->code);
  g_free (s->cable);
}

static void
revision_clear (gpointer data)
{
  PwRevision *r = data;

  g_free (r->revision);
  g_free (r->date);
  g_free (r->changes);
}

static void
pw_document_finalize (GObject *object)
{
  PwDocument *self = (PwDocument *) object;

  for (guint f = 0; f < PW_PLAN_N_FIELDS; f++)
    g_free (self->fields[f]);
  g_free (self->file_name);
  g_clear_pointer (&self->types, pw_type_set_unref);
  g_clear_pointer (&self->plugged, g_hash_table_unref);
  g_clear_pointer (&self->device_by_id, g_hash_table_unref);
  g_clear_pointer (&self->cable_by_id, g_hash_table_unref);
  g_clear_pointer (&self->cables, g_ptr_array_unref);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  g_clear_pointer (&self->suppressions, g_array_unref);
  g_clear_pointer (&self->revisions, g_array_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->numbering, pw_numbering_free);
  g_clear_pointer (&self->default_numbering, pw_numbering_free);
  g_clear_pointer (&self->stock_lengths, g_array_unref);
  g_clear_pointer (&self->default_stock_lengths, g_array_unref);

  G_OBJECT_CLASS (pw_document_parent_class)->finalize (object);
}

static void
pw_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwDocument *self = PW_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
    case PROP_CLIENT:
    case PROP_VENUE:
    case PROP_REVISION:
      g_value_set_string (value, self->fields[prop_id - PROP_TITLE]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PwDocument *self = PW_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
    case PROP_CLIENT:
    case PROP_VENUE:
    case PROP_REVISION:
      pw_document_set_field (self, prop_id - PROP_TITLE, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_document_class_init (PwDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_document_finalize;
  object_class->get_property = pw_document_get_property;
  object_class->set_property = pw_document_set_property;

  /**
   * PwDocument:title:
   *
   * The plan's title, printed in the title block of every export.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PwDocument:client:
   *
   * Whom the plan is made for, printed in the title block.
   */
  properties[PROP_CLIENT] =
    g_param_spec_string ("client", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PwDocument:venue:
   *
   * Where the plan is to be built, printed in the title block.
   */
  properties[PROP_VENUE] =
    g_param_spec_string ("venue", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * PwDocument:revision:
   *
   * The plan's revision, a short text ("B", "2.1"), printed in the title block.
   */
  properties[PROP_REVISION] =
    g_param_spec_string ("revision", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwDocument::changed:
   *
   * Emitted after an edit (or its undo or redo) changed the plan, so that
   * views re-run the checks and redraw.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static guint
plug_hash (gconstpointer key)
{
  const PwPlug *plug = key;

  return g_direct_hash (plug->device) ^ (guint) plug->port * 2654435761u;
}

static gboolean
plug_equal (gconstpointer a,
            gconstpointer b)
{
  const PwPlug *pa = a, *pb = b;

  return pa->device == pb->device && pa->port == pb->port;
}

static void
pw_document_init (PwDocument *self)
{
  for (guint f = 0; f < PW_PLAN_N_FIELDS; f++)
    self->fields[f] = g_strdup ("");
  self->types = pw_type_set_new ();
  self->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_device_free);
  self->cables = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_cable_free);
  self->device_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->cable_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->plugged = g_hash_table_new (plug_hash, plug_equal);
  self->suppressions = g_array_new (FALSE, TRUE, sizeof (PwSuppression));
  g_array_set_clear_func (self->suppressions, suppression_clear);
  self->revisions = g_array_new (FALSE, TRUE, sizeof (PwRevision));
  g_array_set_clear_func (self->revisions, revision_clear);
}

PwDocument *
pw_document_new (void)
{
  return g_object_new (PW_TYPE_DOCUMENT, NULL);
}

const char *
pw_plan_field_to_key (PwPlanField field)
{
  g_return_val_if_fail (field < PW_PLAN_N_FIELDS, NULL);
  return field_keys[field];
}

const char *
pw_document_get_field (PwDocument *self,
                       PwPlanField field)
{
  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (field < PW_PLAN_N_FIELDS, NULL);
  return self->fields[field];
}

void
pw_document_set_field (PwDocument *self,
                       PwPlanField field,
                       const char *text)
{
  g_return_if_fail (PW_IS_DOCUMENT (self));
  g_return_if_fail (field < PW_PLAN_N_FIELDS);

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->fields[field], text) == 0)
    return;
  g_free (self->fields[field]);
  self->fields[field] = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE + field]);
}

const char *
pw_document_get_title (PwDocument *self)
{
  return pw_document_get_field (self, PW_PLAN_TITLE);
}

void
pw_document_set_title (PwDocument *self,
                       const char *title)
{
  pw_document_set_field (self, PW_PLAN_TITLE, title);
}

const char *
pw_document_get_file_name (PwDocument *self)
{
  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);
  return self->file_name;
}

void
pw_document_set_file_name (PwDocument *self,
                           const char *path)
{
  g_return_if_fail (PW_IS_DOCUMENT (self));

  if (g_strcmp0 (self->file_name, path) == 0)
    return;
  g_free (self->file_name);
  self->file_name = g_strdup (path);
}

char *
pw_document_dup_display_title (PwDocument *self)
{
  g_autofree char *base = NULL;
  char *dot;

  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);

  if (*self->fields[PW_PLAN_TITLE] != '\0')
    return g_strdup (self->fields[PW_PLAN_TITLE]);
  if (self->file_name == NULL)
    return NULL;
  base = g_path_get_basename (self->file_name);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

PwTypeSet *
pw_document_get_types (PwDocument *self)
{
  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);
  return self->types;
}

/* Look-up order: the document's own types, the user library, then the
 * built-in catalogue (DESIGN.md §4). */
PwDeviceType *
pw_document_resolve_device_type (PwDocument *self,
                                 const char *id)
{
  PwDeviceType *type;

  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);

  if ((type = pw_type_set_lookup_device (self->types, id)) != NULL ||
      (type = pw_type_set_lookup_device (pw_catalogue_get_user (), id)) != NULL)
    return type;
  return pw_type_set_lookup_device (pw_catalogue_get_builtin (), id);
}

PwCableType *
pw_document_resolve_cable_type (PwDocument *self,
                                const char *id)
{
  PwCableType *type;

  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);

  /* "direct" is no cable: the connection of two things that mate each
   * other (DESIGN.md §4). No type set can take its name. */
  if (g_str_equal (id, "direct"))
    return pw_cable_type_get_direct ();
  if ((type = pw_type_set_lookup_cable (self->types, id)) != NULL ||
      (type = pw_type_set_lookup_cable (pw_catalogue_get_user (), id)) != NULL)
    return type;
  return pw_type_set_lookup_cable (pw_catalogue_get_builtin (), id);
}

guint
pw_document_get_n_devices (PwDocument *self)
{
  return self->devices->len;
}

PwDevice *
pw_document_get_device (PwDocument *self,
                        guint       index)
{
  g_return_val_if_fail (index < self->devices->len, NULL);
  return g_ptr_array_index (self->devices, index);
}

PwDevice *
pw_document_lookup_device (PwDocument *self,
                           const char *id)
{
  return g_hash_table_lookup (self->device_by_id, id);
}

void
pw_document_add_device (PwDocument *self,
                        PwDevice   *device)
{
  g_return_if_fail (PW_IS_DOCUMENT (self));
  g_return_if_fail (pw_document_lookup_device (self, device->id) == NULL);

  device->index = self->devices->len;
  g_ptr_array_add (self->devices, device);
  g_hash_table_insert (self->device_by_id, device->id, device);
}

guint
pw_document_get_n_cables (PwDocument *self)
{
  return self->cables->len;
}

PwCable *
pw_document_get_cable (PwDocument *self,
                       guint       index)
{
  g_return_val_if_fail (index < self->cables->len, NULL);
  return g_ptr_array_index (self->cables, index);
}

PwCable *
pw_document_lookup_cable (PwDocument *self,
                          const char *id)
{
  return g_hash_table_lookup (self->cable_by_id, id);
}

/* The cable must not plug into a port another cable already uses: a port
 * takes one plug. The loader checks that before adding. */
void
pw_document_add_cable (PwDocument *self,
                       PwCable    *cable)
{
  g_return_if_fail (PW_IS_DOCUMENT (self));
  g_return_if_fail (pw_document_lookup_cable (self, cable->id) == NULL);

  cable->index = self->cables->len;
  g_ptr_array_add (self->cables, cable);
  g_hash_table_insert (self->cable_by_id, cable->id, cable);
  for (guint e = 0; e < cable->type->n_ends; e++)
    if (cable->ends[e].device != NULL)
      g_hash_table_insert (self->plugged, &cable->ends[e], cable);
}

PwCable *
pw_document_find_cable_at (PwDocument *self,
                           PwDevice   *device,
                           int         port,
                           int        *end)
{
  PwPlug key = { device, port };
  PwCable *cable = g_hash_table_lookup (self->plugged, &key);

  if (cable != NULL && end != NULL)
    {
      for (guint e = 0; e < cable->type->n_ends; e++)
        if (cable->ends[e].device == device && cable->ends[e].port == port)
          *end = e;
    }
  return cable;
}

/* The cable whose end plugs into end @end of @cable, or NULL. */
PwCable *
pw_document_find_cable_into_end (PwDocument *self,
                                 PwCable    *cable,
                                 guint       end,
                                 int        *plugging_end)
{
  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);

  for (guint i = 0; i < self->cables->len; i++)
    {
      PwCable *other = g_ptr_array_index (self->cables, i);

      for (guint e = 0; e < other->type->n_ends; e++)
        if (other->ends[e].cable == cable && other->ends[e].end == (int) end)
          {
            if (plugging_end != NULL)
              *plugging_end = e;
            return other;
          }
    }
  return NULL;
}

static void
renumber_devices (PwDocument *self,
                  guint       from)
{
  for (guint i = from; i < self->devices->len; i++)
    ((PwDevice *) g_ptr_array_index (self->devices, i))->index = i;
}

static void
renumber_cables (PwDocument *self,
                 guint       from)
{
  for (guint i = from; i < self->cables->len; i++)
    ((PwCable *) g_ptr_array_index (self->cables, i))->index = i;
}

void
pw_document_insert_device (PwDocument *self,
                           PwDevice   *device,
                           guint       index)
{
  g_return_if_fail (PW_IS_DOCUMENT (self));
  g_return_if_fail (index <= self->devices->len);
  g_return_if_fail (pw_document_lookup_device (self, device->id) == NULL);

  g_ptr_array_insert (self->devices, index, device);
  g_hash_table_insert (self->device_by_id, device->id, device);
  renumber_devices (self, index);
}

/* Takes the device out of the plan and hands it to the caller. No cable
 * may still be plugged into it. */
PwDevice *
pw_document_steal_device (PwDocument *self,
                          PwDevice   *device)
{
  guint index;

  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_ptr_array_index (self->devices, device->index) == device, NULL);

  for (guint p = 0; p < device->type->n_ports; p++)
    g_return_val_if_fail (pw_document_find_cable_at (self, device, p, NULL) == NULL, NULL);

  index = device->index;
  g_hash_table_remove (self->device_by_id, device->id);
  g_ptr_array_steal_index (self->devices, index);
  renumber_devices (self, index);
  return device;
}

void
pw_document_insert_cable (PwDocument *self,
                          PwCable    *cable,
                          guint       index)
{
  g_return_if_fail (PW_IS_DOCUMENT (self));
  g_return_if_fail (index <= self->cables->len);
  g_return_if_fail (pw_document_lookup_cable (self, cable->id) == NULL);

  g_ptr_array_insert (self->cables, index, cable);
  g_hash_table_insert (self->cable_by_id, cable->id, cable);
  for (guint e = 0; e < cable->type->n_ends; e++)
    if (cable->ends[e].device != NULL)
      g_hash_table_insert (self->plugged, &cable->ends[e], cable);
  renumber_cables (self, index);
}

/* Takes the cable out of the plan, its ends still naming where they were
 * plugged, so that putting it back restores them. */
PwCable *
pw_document_steal_cable (PwDocument *self,
                         PwCable    *cable)
{
  guint index;

  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (g_ptr_array_index (self->cables, cable->index) == cable, NULL);

  index = cable->index;
  for (guint e = 0; e < cable->type->n_ends; e++)
    if (cable->ends[e].device != NULL)
      g_hash_table_remove (self->plugged, &cable->ends[e]);
  g_hash_table_remove (self->cable_by_id, cable->id);
  g_ptr_array_steal_index (self->cables, index);
  renumber_cables (self, index);
  return cable;
}

/* Plugs a cable end into a port (device NULL: pulls it out). The port
 * must be free. */
void
pw_document_set_plug (PwDocument *self,
                      PwCable    *cable,
                      guint       end,
                      PwDevice   *device,
                      int         port)
{
  PwPlug *plug;

  g_return_if_fail (PW_IS_DOCUMENT (self));
  g_return_if_fail (end < cable->type->n_ends);
  g_return_if_fail (device == NULL ||
                    pw_document_find_cable_at (self, device, port, NULL) == NULL);

  plug = &cable->ends[end];
  if (plug->device != NULL)
    g_hash_table_remove (self->plugged, plug);
  plug->device = device;
  plug->port = device ? port : 0;
  plug->cable = NULL;
  plug->end = 0;
  if (device != NULL)
    g_hash_table_insert (self->plugged, plug, cable);
}

/* Plugs a cable end into another cable's end (@into NULL: pulls it out).
 * That end must be free: not plugged anywhere, nothing plugged into it. */
void
pw_document_set_plug_into_cable (PwDocument *self,
                                 PwCable    *cable,
                                 guint       end,
                                 PwCable    *into,
                                 int         into_end)
{
  g_return_if_fail (PW_IS_DOCUMENT (self));
  g_return_if_fail (end < cable->type->n_ends);
  g_return_if_fail (into == NULL || (into != cable && into_end >= 0 &&
                                     (guint) into_end < into->type->n_ends));

  pw_document_set_plug (self, cable, end, NULL, 0);
  cable->ends[end].cable = into;
  cable->ends[end].end = into ? into_end : 0;
}

char *
pw_document_make_device_id (PwDocument *self,
                            const char *stem)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", stem, n);

      if (pw_document_lookup_device (self, id) == NULL)
        return g_steal_pointer (&id);
    }
}

char *
pw_document_make_cable_id (PwDocument *self)
{
  for (guint n = self->cables->len + 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("C%u", n);

      if (pw_document_lookup_cable (self, id) == NULL)
        return g_steal_pointer (&id);
    }
}

void
pw_document_emit_changed (PwDocument *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

GArray *
pw_document_get_suppressions (PwDocument *self)
{
  return self->suppressions;
}

void
pw_document_add_suppression (PwDocument *self,
                             const char *code,
                             const char *cable)
{
  PwSuppression s = { g_strdup (code), g_strdup (cable) };

  g_array_append_val (self->suppressions, s);
}

void
pw_document_remove_suppression (PwDocument *self,
                                guint       index)
{
  g_return_if_fail (index < self->suppressions->len);
  g_array_remove_index (self->suppressions, index);
}

GArray *
pw_document_get_revisions (PwDocument *self)
{
  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);
  return self->revisions;
}

void
pw_document_insert_revision (PwDocument *self,
                             guint       index,
                             const char *revision,
                             const char *date,
                             const char *changes)
{
  PwRevision r;

  g_return_if_fail (PW_IS_DOCUMENT (self));
  g_return_if_fail (index <= self->revisions->len);

  r.revision = g_strdup (revision ? revision : "");
  r.date = g_strdup (date ? date : "");
  r.changes = g_strdup (changes ? changes : "");
  g_array_insert_val (self->revisions, index, r);
}

void
pw_document_remove_revision (PwDocument *self,
                             guint       index)
{
  g_return_if_fail (PW_IS_DOCUMENT (self));
  g_return_if_fail (index < self->revisions->len);
  g_array_remove_index (self->revisions, index);
}

JsonObject *
pw_document_get_extra (PwDocument *self)
{
  return self->extra;
}

void
pw_document_set_extra (PwDocument *self,
                       JsonObject *extra)
{
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra ? json_object_ref (extra) : NULL;
}

const PwNumbering *
pw_document_get_numbering (PwDocument *self)
{
  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);

  if (self->numbering != NULL)
    return self->numbering;
  if (self->default_numbering == NULL)
    self->default_numbering = pw_numbering_new_default ();
  return self->default_numbering;
}

gboolean
pw_document_has_numbering (PwDocument *self)
{
  g_return_val_if_fail (PW_IS_DOCUMENT (self), FALSE);

  return self->numbering != NULL;
}

void
pw_document_set_numbering (PwDocument        *self,
                           const PwNumbering *numbering)
{
  g_return_if_fail (PW_IS_DOCUMENT (self));

  g_clear_pointer (&self->numbering, pw_numbering_free);
  if (numbering != NULL)
    self->numbering = pw_numbering_copy (numbering);
}

GArray *
pw_document_get_stock_lengths (PwDocument *self)
{
  g_return_val_if_fail (PW_IS_DOCUMENT (self), NULL);

  if (self->stock_lengths != NULL)
    return self->stock_lengths;
  if (self->default_stock_lengths == NULL)
    self->default_stock_lengths = pw_stock_lengths_new_default ();
  return self->default_stock_lengths;
}

gboolean
pw_document_has_stock_lengths (PwDocument *self)
{
  g_return_val_if_fail (PW_IS_DOCUMENT (self), FALSE);

  return self->stock_lengths != NULL;
}

void
pw_document_set_stock_lengths (PwDocument *self,
                               GArray     *lengths)
{
  g_return_if_fail (PW_IS_DOCUMENT (self));

  g_clear_pointer (&self->stock_lengths, g_array_unref);
  if (lengths != NULL)
    self->stock_lengths = g_array_ref (lengths);
}
