/* pw-parse.c: helpers shared by the JSON readers
 *
 * Every failure records the node at fault so that the loader can turn it
 * into a line and a column, and names the field in words a user can act on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pw-errors.h"
#include "pw-parse-private.h"

gboolean
pw_parse_fail (PwParseContext *ctx,
               JsonNode       *at,
               GError        **error,
               int             code,
               const char     *format,
               ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  if (ctx != NULL)
    ctx->error_node = at;
  g_set_error_literal (error, PW_FORMAT_ERROR, code, msg);
  return FALSE;
}

static const char *
node_kind (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_STRING:
      return "a string";
    default:
      return "a number";
    }
}

JsonObject *
pw_parse_object (PwParseContext *ctx,
                 JsonNode       *node,
                 const char     *what,
                 GError        **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                     "%s must be an object, not %s", what, node_kind (node));
      return NULL;
    }
  if (ctx != NULL)
    ctx->current = node;
  return json_node_get_object (node);
}

static JsonNode *
member_or_fail (PwParseContext *ctx,
                JsonObject     *obj,
                const char     *member,
                gboolean        required,
                const char     *what,
                GError        **error,
                gboolean       *failed)
{
  JsonNode *node = json_object_get_member (obj, member);

  *failed = FALSE;
  if (node == NULL && required)
    {
      pw_parse_fail (ctx, ctx != NULL ? ctx->current : NULL, error, PW_FORMAT_ERROR_INVALID,
                     "%s has no field '%s'", what, member);
      *failed = TRUE;
    }
  return node;
}

gboolean
pw_parse_string (PwParseContext *ctx,
                 JsonObject     *obj,
                 const char     *member,
                 gboolean        required,
                 const char     *what,
                 const char    **out,
                 GError        **error)
{
  gboolean failed;
  JsonNode *node = member_or_fail (ctx, obj, member, required, what, error, &failed);

  if (failed)
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                          "%s: field '%s' must be a string, not %s",
                          what, member, node_kind (node));
  *out = json_node_get_string (node);
  if (required && **out == '\0')
    return pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                          "%s: field '%s' is empty", what, member);
  return TRUE;
}

gboolean
pw_parse_bool (PwParseContext *ctx,
               JsonObject     *obj,
               const char     *member,
               const char     *what,
               gboolean       *out,
               GError        **error)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                          "%s: field '%s' must be true or false, not %s",
                          what, member, node_kind (node));
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
pw_parse_number (PwParseContext *ctx,
                 JsonObject     *obj,
                 const char     *member,
                 const char     *what,
                 double          min,
                 double          max,
                 double         *out,
                 gboolean       *present,
                 GError        **error)
{
  JsonNode *node = json_object_get_member (obj, member);
  double value;

  if (present != NULL)
    *present = FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    return pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                          "%s: field '%s' must be a number, not %s",
                          what, member, node_kind (node));
  value = json_node_get_double (node);
  if (!isfinite (value) || value < min || value > max)
    return pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                          "%s: field '%s' must be between %g and %g",
                          what, member, min, max);
  *out = value;
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

JsonArray *
pw_parse_array (PwParseContext *ctx,
                JsonObject     *obj,
                const char     *member,
                gboolean        required,
                const char     *what,
                GError        **error)
{
  gboolean failed;
  JsonNode *node = member_or_fail (ctx, obj, member, required, what, error, &failed);
  static JsonArray *empty;

  if (failed)
    return NULL;
  if (node == NULL)
    {
      if (g_once_init_enter (&empty))
        g_once_init_leave (&empty, json_array_new ());
      return empty;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                     "%s: field '%s' must be an array, not %s", what, member, node_kind (node));
      return NULL;
    }
  return json_node_get_array (node);
}

gboolean
pw_parse_enum (PwParseContext     *ctx,
               JsonObject         *obj,
               const char         *member,
               const char         *what,
               const char * const *names,
               int                 n_names,
               int                *out,
               GError            **error)
{
  const char *value = NULL;
  g_autoptr(GString) allowed = NULL;

  if (!pw_parse_string (ctx, obj, member, FALSE, what, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  for (int i = 0; i < n_names; i++)
    {
      if (names[i] != NULL && g_str_equal (names[i], value))
        {
          *out = i;
          return TRUE;
        }
    }

  allowed = g_string_new (NULL);
  for (int i = 0; i < n_names; i++)
    {
      if (names[i] == NULL)
        continue;
      if (allowed->len > 0)
        g_string_append (allowed, ", ");
      g_string_append_printf (allowed, "'%s'", names[i]);
    }
  return pw_parse_fail (ctx, json_object_get_member (obj, member), error,
                        PW_FORMAT_ERROR_INVALID,
                        "%s: field '%s' is '%s'; it must be one of %s",
                        what, member, value, allowed->str);
}
