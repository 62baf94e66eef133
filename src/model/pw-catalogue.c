/* pw-catalogue.c: sets of types, the built-in catalogue and the user library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pw-core.h"
#include "pw-errors.h"
#include "pw-parse-private.h"
#include "pw-types.h"

struct _PwTypeSet
{
  GHashTable *devices;   /* id → PwDeviceType */
  GHashTable *cables;    /* id → PwCableType */
};

PwTypeSet *
pw_type_set_new (void)
{
  PwTypeSet *self = g_atomic_rc_box_new0 (PwTypeSet);

  self->devices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) pw_device_type_unref);
  self->cables = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) pw_cable_type_unref);
  return self;
}

PwTypeSet *
pw_type_set_ref (PwTypeSet *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
type_set_clear (PwTypeSet *self)
{
  g_hash_table_unref (self->devices);
  g_hash_table_unref (self->cables);
}

void
pw_type_set_unref (PwTypeSet *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) type_set_clear);
}

void
pw_type_set_add_device_type (PwTypeSet    *self,
                             PwDeviceType *type)
{
  /* The key is the type's own id, so replace rather than insert. */
  g_hash_table_replace (self->devices, type->id, pw_device_type_ref (type));
}

void
pw_type_set_add_cable_type (PwTypeSet   *self,
                            PwCableType *type)
{
  g_hash_table_replace (self->cables, type->id, pw_cable_type_ref (type));
}

PwDeviceType *
pw_type_set_lookup_device (PwTypeSet  *self,
                           const char *id)
{
  return g_hash_table_lookup (self->devices, id);
}

PwCableType *
pw_type_set_lookup_cable (PwTypeSet  *self,
                          const char *id)
{
  return g_hash_table_lookup (self->cables, id);
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  /* Both type structs start with their id. */
  return g_strcmp0 (**(char * const * const *) a, **(char * const * const *) b);
}

static GPtrArray *
list_sorted (GHashTable *table)
{
  GPtrArray *list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);

  g_ptr_array_sort (list, compare_by_id);
  return list;
}

GPtrArray *
pw_type_set_list_device_types (PwTypeSet *self)
{
  return list_sorted (self->devices);
}

GPtrArray *
pw_type_set_list_cable_types (PwTypeSet *self)
{
  return list_sorted (self->cables);
}

gboolean
pw_type_set_add_from_json (PwTypeSet      *self,
                           JsonObject     *root,
                           PwParseContext *ctx,
                           GError        **error)
{
  JsonNode *node;

  if ((node = json_object_get_member (root, "device_types")) != NULL)
    {
      JsonObject *types = pw_parse_object (ctx, node, "field 'device_types'", error);
      g_autoptr(GList) names = NULL;

      if (types == NULL)
        return FALSE;
      names = json_object_get_members (types);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autoptr(PwDeviceType) type =
            pw_device_type_parse (l->data, json_object_get_member (types, l->data), ctx, error);

          if (type == NULL)
            return FALSE;
          pw_type_set_add_device_type (self, type);
        }
    }

  if ((node = json_object_get_member (root, "cable_types")) != NULL)
    {
      JsonObject *types = pw_parse_object (ctx, node, "field 'cable_types'", error);
      g_autoptr(GList) names = NULL;

      if (types == NULL)
        return FALSE;
      names = json_object_get_members (types);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autoptr(PwCableType) type =
            pw_cable_type_parse (l->data, json_object_get_member (types, l->data), ctx, error);

          if (type == NULL)
            return FALSE;
          pw_type_set_add_cable_type (self, type);
        }
    }

  return TRUE;
}

#define LIBRARY_MAX_DEPTH 64
#define LIBRARY_MAX_SIZE  (16 * 1024 * 1024)

/* A library file is untrusted input too: json-glib recurses per level of
 * nesting, and reads comments and single quotes that JSON has not, which
 * could hide brackets from a count. Refuse all of that before parsing. */
static gboolean
library_precheck (const char *data,
                  gsize       size,
                  const char *name,
                  GError    **error)
{
  guint depth = 0;
  gboolean in_string = FALSE, escaped = FALSE;

  if (size > LIBRARY_MAX_SIZE)
    {
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_TOO_LARGE,
                   "%s: a library file may be at most %d MiB", name, LIBRARY_MAX_SIZE >> 20);
      return FALSE;
    }
  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '/' || c == '\'' || c == '\0')
        {
          g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                       "%s: byte %" G_GSIZE_FORMAT " is not JSON", name, i + 1);
          return FALSE;
        }
      else if ((c == '{' || c == '[') && ++depth > LIBRARY_MAX_DEPTH)
        {
          g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_TOO_LARGE,
                       "%s: nesting deeper than %d levels", name, LIBRARY_MAX_DEPTH);
          return FALSE;
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

static gboolean
add_from_bytes (PwTypeSet  *self,
                GBytes     *bytes,
                const char *name,
                GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  PwParseContext ctx = { 0 };
  JsonObject *root;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!library_precheck (data, size, name, error))
    return FALSE;

  if (!json_parser_load_from_data (parser, data, size, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  root = pw_parse_object (&ctx, json_parser_get_root (parser), "the file", error);
  if (root == NULL || !pw_type_set_add_from_json (self, root, &ctx, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  return TRUE;
}

PwTypeSet *
pw_catalogue_get_builtin (void)
{
  static PwTypeSet *builtin;

  pw_core_init ();
  if (g_once_init_enter (&builtin))
    {
      const char *dir = PW_RESOURCE_PREFIX "/catalogue/";
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) names = g_resources_enumerate_children (dir, 0, &error);
      PwTypeSet *set = pw_type_set_new ();

      if (names == NULL)
        g_error ("The built-in catalogue is not in the resources: %s", error->message);
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autofree char *path = g_strconcat (dir, names[i], NULL);
          g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, &error);

          if (bytes == NULL || !add_from_bytes (set, bytes, names[i], &error))
            g_error ("The built-in catalogue is invalid: %s", error->message);
        }
      g_once_init_leave (&builtin, set);
    }

  return builtin;
}

static char *user_dir_override;

void
pw_catalogue_set_user_dir (const char *dir)
{
  g_free (user_dir_override);
  user_dir_override = g_strdup (dir);
}

static char *
user_dir_path (void)
{
  return user_dir_override
    ? g_strdup (user_dir_override)
    : g_build_filename (g_get_user_data_dir (), "patchwise", "library", NULL);
}

/* The user library is read once; a broken file in it is reported on
 * standard error and skipped, so that one bad file never hides the rest. */
PwTypeSet *
pw_catalogue_get_user (void)
{
  static PwTypeSet *user;

  if (g_once_init_enter (&user))
    {
      PwTypeSet *set = pw_type_set_new ();
      g_autofree char *dir_path = user_dir_path ();
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = NULL;
          g_autofree char *contents = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) error = NULL;
          gsize len;

          if (!g_str_has_suffix (name, ".json"))
            continue;
          path = g_build_filename (dir_path, name, NULL);
          if (!g_file_get_contents (path, &contents, &len, &error))
            {
              g_printerr ("%s\n", error->message);
              continue;
            }
          bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
          if (!add_from_bytes (set, bytes, path, &error))
            g_printerr ("%s\n", error->message);
        }
      g_once_init_leave (&user, set);
    }

  return user;
}

/* The user library is read once per process, so a type saved while the
 * application runs is added to the set it already holds. */
void
pw_catalogue_add_user_device_type (PwDeviceType *type)
{
  g_return_if_fail (type != NULL);

  pw_type_set_add_device_type (pw_catalogue_get_user (), type);
}

static gboolean
is_safe_file_id (const char *id)
{
  /* The id names the file: keep it inside the library directory. */
  if (*id == '\0' || *id == '.' || strchr (id, G_DIR_SEPARATOR) != NULL || strchr (id, '/') != NULL)
    return FALSE;
  return g_utf8_validate (id, -1, NULL);
}

gboolean
pw_catalogue_save_user_device_type (JsonNode   *type_json,
                                    const char *id,
                                    GError    **error)
{
  g_autoptr(PwDeviceType) type = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  PwParseContext ctx = { 0 };
  gsize length;

  g_return_val_if_fail (type_json != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!is_safe_file_id (id))
    {
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_INVALID,
                   "'%s' cannot be a device type id: use letters, digits and dashes", id);
      return FALSE;
    }

  /* Nothing is written unless the type reads back. */
  type = pw_device_type_parse (id, type_json, &ctx, error);
  if (type == NULL)
    return FALSE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device_types");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, id);
  json_builder_add_value (builder, json_node_copy (type_json));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  contents = json_generator_to_data (generator, &length);
  contents = g_realloc (contents, length + 2);
  contents[length++] = '\n';
  contents[length] = '\0';

  dir = user_dir_path ();
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Could not create the library folder %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  file_name = g_strconcat (id, ".json", NULL);
  path = g_build_filename (dir, file_name, NULL);
  if (!g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, error))
    return FALSE;

  pw_catalogue_add_user_device_type (type);
  return TRUE;
}

const char *
pw_catalogue_type_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return name;
  return g_dgettext (GETTEXT_PACKAGE, name);
}
