/* pw-connector.c: connector families, contact roles and the mating map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pw-connector.h"
#include "pw-core.h"
#include "pw-errors.h"

struct _PwConnectorTable
{
  GPtrArray  *families;       /* PwFamily*, owned */
  GHashTable *family_by_id;   /* char* → PwFamily* */
  PwMate    **mates;          /* n_families × n_families, plug-major; NULL = does not mate */
  guint       n_families;
};

static const char * const role_names[PW_N_ROLES] = {
  [PW_ROLE_NC] = "nc",
  [PW_ROLE_GROUND] = "ground",
  [PW_ROLE_CHASSIS] = "chassis",
  [PW_ROLE_HOT] = "hot",
  [PW_ROLE_COLD] = "cold",
  [PW_ROLE_SIGNAL] = "signal",
  [PW_ROLE_LEFT] = "left",
  [PW_ROLE_RIGHT] = "right",
  [PW_ROLE_LEFT_HOT] = "left_hot",
  [PW_ROLE_LEFT_COLD] = "left_cold",
  [PW_ROLE_RIGHT_HOT] = "right_hot",
  [PW_ROLE_RIGHT_COLD] = "right_cold",
  [PW_ROLE_SEND] = "send",
  [PW_ROLE_RETURN] = "return",
  [PW_ROLE_SPK1_POS] = "spk1_pos",
  [PW_ROLE_SPK1_NEG] = "spk1_neg",
  [PW_ROLE_SPK2_POS] = "spk2_pos",
  [PW_ROLE_SPK2_NEG] = "spk2_neg",
  [PW_ROLE_DATA_POS] = "data_pos",
  [PW_ROLE_DATA_NEG] = "data_neg",
  [PW_ROLE_DATA2_POS] = "data2_pos",
  [PW_ROLE_DATA2_NEG] = "data2_neg",
  [PW_ROLE_MIC] = "mic",
  [PW_ROLE_LIGHT] = "light",
  [PW_ROLE_DATA] = "data",
};

const char *
pw_role_to_string (PwRole role)
{
  g_return_val_if_fail (role < PW_N_ROLES, "nc");
  return role_names[role];
}

gboolean
pw_role_from_string (const char *str,
                     PwRole     *role)
{
  for (guint i = 0; i < PW_N_ROLES; i++)
    {
      if (g_strcmp0 (str, role_names[i]) == 0)
        {
          *role = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Reference roles carry no signal of their own. The cold of an
 * impedance-balanced output is a reference too, but that depends on the
 * port, not the role, so the analysis handles it. */
gboolean
pw_role_is_reference (PwRole role)
{
  return role == PW_ROLE_GROUND || role == PW_ROLE_CHASSIS ||
         role == PW_ROLE_SPK1_NEG || role == PW_ROLE_SPK2_NEG;
}

PwChannel
pw_role_channel (PwRole role)
{
  switch (role)
    {
    case PW_ROLE_LEFT:
    case PW_ROLE_LEFT_HOT:
    case PW_ROLE_LEFT_COLD:
      return PW_CHANNEL_LEFT;
    case PW_ROLE_RIGHT:
    case PW_ROLE_RIGHT_HOT:
    case PW_ROLE_RIGHT_COLD:
      return PW_CHANNEL_RIGHT;
    default:
      return PW_CHANNEL_NONE;
    }
}

const char *
pw_gender_to_string (PwGender gender)
{
  return gender == PW_GENDER_MALE ? "male" : "female";
}

gboolean
pw_gender_from_string (const char *str,
                       PwGender   *gender)
{
  if (g_strcmp0 (str, "male") == 0)
    *gender = PW_GENDER_MALE;
  else if (g_strcmp0 (str, "female") == 0)
    *gender = PW_GENDER_FEMALE;
  else
    return FALSE;
  return TRUE;
}

static void
family_free (PwFamily *family)
{
  g_free (family->id);
  g_free (family->name);
  for (guint i = 0; i < family->n_contacts; i++)
    g_free (family->contacts[i]);
  for (guint i = 0; i < family->n_parts; i++)
    g_free (family->parts[i]);
  g_free (family);
}

void
pw_connector_table_free (PwConnectorTable *self)
{
  if (self == NULL)
    return;

  if (self->mates != NULL)
    {
      for (guint i = 0; i < self->n_families * self->n_families; i++)
        g_free (self->mates[i]);
      g_free (self->mates);
    }
  g_clear_pointer (&self->family_by_id, g_hash_table_unref);
  g_clear_pointer (&self->families, g_ptr_array_unref);
  g_free (self);
}

int
pw_family_find_contact (const PwFamily *family,
                        const char     *name)
{
  for (guint i = 0; i < family->n_contacts; i++)
    if (strcmp (family->contacts[i], name) == 0)
      return i;
  return -1;
}

static gboolean
table_error (GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
table_error (GError    **error,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_INVALID, "connector table: %s", msg);
  return FALSE;
}

/* The table is data: a member of the wrong kind is an error to report,
 * never a pointer to follow. These return NULL for anything else. */
static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
node_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
parse_family (PwConnectorTable *self,
              const char       *id,
              JsonNode         *node,
              GError          **error)
{
  JsonObject *obj;
  JsonArray *contacts;
  PwFamily *family;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return table_error (error, "family '%s' is not an object", id);
  obj = json_node_get_object (node);
  if (!json_object_has_member (obj, "contacts") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "contacts")))
    return table_error (error, "family '%s' has no contacts", id);
  contacts = json_object_get_array_member (obj, "contacts");
  if (json_array_get_length (contacts) == 0 ||
      json_array_get_length (contacts) > PW_MAX_CONTACTS)
    return table_error (error, "family '%s' must have 1 to %d contacts", id, PW_MAX_CONTACTS);

  if (json_object_has_member (obj, "name") &&
      node_string (json_object_get_member (obj, "name")) == NULL)
    return table_error (error, "family '%s': name is not a string", id);
  if (json_object_has_member (obj, "female_only") &&
      (!JSON_NODE_HOLDS_VALUE (json_object_get_member (obj, "female_only")) ||
       json_node_get_value_type (json_object_get_member (obj, "female_only")) != G_TYPE_BOOLEAN))
    return table_error (error, "family '%s': female_only is not true or false", id);

  family = g_new0 (PwFamily, 1);
  family->index = self->families->len;
  family->id = g_strdup (id);
  family->name = g_strdup (json_object_get_string_member_with_default (obj, "name", id));
  family->female_only = json_object_get_boolean_member_with_default (obj, "female_only", FALSE);
  g_ptr_array_add (self->families, family);
  g_hash_table_insert (self->family_by_id, family->id, family);

  for (guint i = 0; i < json_array_get_length (contacts); i++)
    {
      const char *name = node_string (json_array_get_element (contacts, i));

      if (name == NULL || pw_family_find_contact (family, name) >= 0)
        return table_error (error, "family '%s': contact %u is missing or repeated", id, i);
      family->contacts[family->n_contacts++] = g_strdup (name);
    }

  if (json_object_has_member (obj, "parts"))
    {
      JsonNode *parts_node = json_object_get_member (obj, "parts");
      JsonObject *parts = JSON_NODE_HOLDS_OBJECT (parts_node)
                          ? json_node_get_object (parts_node) : NULL;
      g_autoptr(GList) names = parts ? json_object_get_members (parts) : NULL;

      if (parts == NULL)
        return table_error (error, "family '%s': parts is not an object", id);

      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonArray *members = node_array (json_object_get_member (parts, l->data));

          if (family->n_parts == G_N_ELEMENTS (family->parts) || members == NULL)
            return table_error (error, "family '%s': bad parts", id);
          for (guint i = 0; i < json_array_get_length (members); i++)
            {
              const char *name = node_string (json_array_get_element (members, i));
              int c = name ? pw_family_find_contact (family, name) : -1;

              if (c < 0)
                return table_error (error, "family '%s': part '%s' names an unknown contact",
                                    id, (const char *) l->data);
              family->part_of[c] = family->n_parts;
            }
          family->parts[family->n_parts++] = g_strdup (l->data);
        }
    }

  return TRUE;
}

static gboolean
parse_mate (PwConnectorTable *self,
            JsonNode         *node,
            GError          **error)
{
  JsonObject *obj, *map;
  const PwFamily *plug, *socket;
  const char *plug_id, *socket_id;
  g_autoptr(GList) names = NULL;
  PwMate *mate;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return table_error (error, "a mate is not an object");
  obj = json_node_get_object (node);
  plug_id = node_string (json_object_get_member (obj, "plug"));
  socket_id = node_string (json_object_get_member (obj, "socket"));
  plug = plug_id ? pw_connector_table_lookup (self, plug_id) : NULL;
  socket = socket_id ? pw_connector_table_lookup (self, socket_id) : NULL;
  if (plug == NULL || socket == NULL)
    return table_error (error, "a mate names an unknown family");
  if (plug->female_only)
    return table_error (error, "family '%s' has no plug", plug->id);
  if (!json_object_has_member (obj, "map") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (obj, "map")))
    return table_error (error, "mate %s→%s has no map", plug->id, socket->id);
  map = json_object_get_object_member (obj, "map");

  mate = g_new0 (PwMate, 1);
  mate->plug = plug;
  mate->socket = socket;
  g_free (self->mates[plug->index * self->n_families + socket->index]);
  self->mates[plug->index * self->n_families + socket->index] = mate;

  names = json_object_get_members (map);
  for (GList *l = names; l != NULL; l = l->next)
    {
      int p = pw_family_find_contact (plug, l->data);
      JsonNode *targets = json_object_get_member (map, l->data);

      if (p < 0 || !JSON_NODE_HOLDS_ARRAY (targets))
        return table_error (error, "mate %s→%s: bad plug contact '%s'",
                            plug->id, socket->id, (const char *) l->data);
      for (guint i = 0; i < json_array_get_length (json_node_get_array (targets)); i++)
        {
          JsonNode *target = json_array_get_element (json_node_get_array (targets), i);
          const char *name = node_string (target);
          int s = name ? pw_family_find_contact (socket, name) : -1;

          if (s < 0)
            return table_error (error, "mate %s→%s: bad socket contact", plug->id, socket->id);
          mate->map[p] |= 1u << s;
        }
    }

  return TRUE;
}

PwConnectorTable *
pw_connector_table_new_from_data (const char  *data,
                                  gssize        length,
                                  GError     **error)
{
  g_autoptr(PwConnectorTable) self = g_new0 (PwConnectorTable, 1);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GList) names = NULL;
  JsonObject *root, *families;
  JsonArray *mates;

  self->families = g_ptr_array_new_with_free_func ((GDestroyNotify) family_free);
  self->family_by_id = g_hash_table_new (g_str_hash, g_str_equal);

  if (!json_parser_load_from_data (parser, data, length, error))
    return NULL;
  if (json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return table_error (error, "the root is not an object"), NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "families") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "families")))
    return table_error (error, "no families"), NULL;
  families = json_object_get_object_member (root, "families");

  names = json_object_get_members (families);
  for (GList *l = names; l != NULL; l = l->next)
    if (!parse_family (self, l->data, json_object_get_member (families, l->data), error))
      return NULL;

  self->n_families = self->families->len;
  self->mates = g_new0 (PwMate *, self->n_families * self->n_families);

  /* A plug mates a socket of its own family contact for contact. */
  for (guint i = 0; i < self->n_families; i++)
    {
      const PwFamily *family = g_ptr_array_index (self->families, i);
      PwMate *mate;

      if (family->female_only)
        continue;
      mate = g_new0 (PwMate, 1);
      mate->plug = mate->socket = family;
      for (guint c = 0; c < family->n_contacts; c++)
        mate->map[c] = 1u << c;
      self->mates[i * self->n_families + i] = mate;
    }

  if (json_object_has_member (root, "mates"))
    {
      if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "mates")))
        return table_error (error, "mates is not an array"), NULL;
      mates = json_object_get_array_member (root, "mates");
      for (guint i = 0; i < json_array_get_length (mates); i++)
        if (!parse_mate (self, json_array_get_element (mates, i), error))
          return NULL;
    }

  return g_steal_pointer (&self);
}

PwConnectorTable *
pw_connector_table_get_default (void)
{
  static PwConnectorTable *table;

  pw_core_init ();
  if (g_once_init_enter (&table))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      PwConnectorTable *loaded;
      gsize size;
      const char *data;

      bytes = g_resources_lookup_data (PW_RESOURCE_PREFIX "/connectors.json",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The connector table is not in the resources: %s", error->message);
      data = g_bytes_get_data (bytes, &size);
      loaded = pw_connector_table_new_from_data (data, size, &error);
      if (loaded == NULL)
        g_error ("The built-in connector table is invalid: %s", error->message);
      g_once_init_leave (&table, loaded);
    }

  return table;
}

guint
pw_connector_table_get_n_families (PwConnectorTable *self)
{
  return self->n_families;
}

const PwFamily *
pw_connector_table_get_family (PwConnectorTable *self,
                               guint             index)
{
  g_return_val_if_fail (index < self->n_families, NULL);
  return g_ptr_array_index (self->families, index);
}

const PwFamily *
pw_connector_table_lookup (PwConnectorTable *self,
                           const char       *id)
{
  return g_hash_table_lookup (self->family_by_id, id);
}

const PwMate *
pw_connector_table_find_mate (PwConnectorTable *self,
                              const PwFamily   *plug,
                              const PwFamily   *socket)
{
  /* A family of no table (a direct connection's ends) mates nothing. */
  if (plug->index >= self->n_families || socket->index >= self->n_families)
    return NULL;
  return self->mates[plug->index * self->n_families + socket->index];
}

/* Decides how a connector @a meets @b. The male side is the plug. Both plugs
 * or both sockets of families that could mate the other way round is a
 * gender mismatch; anything else that has no mating entry does not fit. */
PwMateResult
pw_connector_table_mate (PwConnectorTable *self,
                         const PwFamily   *a,
                         PwGender          a_gender,
                         const PwFamily   *b,
                         PwGender          b_gender,
                         const PwMate    **mate,
                         gboolean         *a_is_plug)
{
  const PwMate *found;

  *mate = NULL;
  *a_is_plug = FALSE;

  if (a_gender == b_gender)
    {
      if (a == b || pw_connector_table_find_mate (self, a, b) != NULL ||
          pw_connector_table_find_mate (self, b, a) != NULL)
        return PW_MATE_GENDER;
      return PW_MATE_CONNECTOR;
    }

  if (a_gender == PW_GENDER_MALE)
    found = pw_connector_table_find_mate (self, a, b);
  else
    found = pw_connector_table_find_mate (self, b, a);

  if (found == NULL)
    return PW_MATE_CONNECTOR;

  *mate = found;
  *a_is_plug = (a_gender == PW_GENDER_MALE);
  return PW_MATE_OK;
}
