/* pw-numbering.c: how cables are numbered, and the stock lengths they are
 * bought in
 *
 * The link classes are the analysis's (pw_link_class_to_string ()); the
 * model only keeps their names, and a test holds the two lists together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-errors.h"
#include "pw-numbering.h"
#include "pw-parse-private.h"

static const char * const link_classes[] = {
  "balanced", "unbalanced", "unbalanced-stereo", "balanced-stereo", "speaker", "digital",
  "broken", "open", "mixed", "*",
};

static const double default_stock_lengths[] = {
  0.5, 1, 2, 3, 5, 10, 15, 20, 30, 50, 100,
};

#define MAX_STOCK_LENGTH 100000.0
#define MAX_PREFIX_LENGTH 32

PwNumbering *
pw_numbering_new (const char *format)
{
  PwNumbering *self = g_new0 (PwNumbering, 1);

  self->format = g_strdup (format);
  self->classes = g_ptr_array_new_with_free_func (g_free);
  self->prefixes = g_ptr_array_new_with_free_func (g_free);
  return self;
}

PwNumbering *
pw_numbering_new_default (void)
{
  PwNumbering *self = pw_numbering_new (PW_NUMBERING_DEFAULT_FORMAT);

  pw_numbering_set_prefix (self, "balanced", "A");
  pw_numbering_set_prefix (self, "unbalanced", "U");
  pw_numbering_set_prefix (self, "speaker", "S");
  pw_numbering_set_prefix (self, "digital", "D");
  pw_numbering_set_prefix (self, "*", "C");
  return self;
}

void
pw_numbering_set_prefix (PwNumbering *self,
                         const char  *klass,
                         const char  *prefix)
{
  g_return_if_fail (self != NULL && klass != NULL);

  for (guint i = 0; i < self->classes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->classes, i), klass))
      {
        if (prefix == NULL)
          {
            g_ptr_array_remove_index (self->classes, i);
            g_ptr_array_remove_index (self->prefixes, i);
          }
        else
          {
            /* @prefix may be the one it replaces. */
            char *copy = g_strdup (prefix);

            g_free (self->prefixes->pdata[i]);
            self->prefixes->pdata[i] = copy;
          }
        return;
      }
  if (prefix != NULL)
    {
      g_ptr_array_add (self->classes, g_strdup (klass));
      g_ptr_array_add (self->prefixes, g_strdup (prefix));
    }
}

PwNumbering *
pw_numbering_copy (const PwNumbering *self)
{
  PwNumbering *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = pw_numbering_new (self->format);
  for (guint i = 0; i < self->classes->len; i++)
    pw_numbering_set_prefix (copy, g_ptr_array_index (self->classes, i),
                             g_ptr_array_index (self->prefixes, i));
  return copy;
}

void
pw_numbering_free (PwNumbering *self)
{
  if (self == NULL)
    return;
  g_free (self->format);
  g_ptr_array_unref (self->classes);
  g_ptr_array_unref (self->prefixes);
  g_free (self);
}

gboolean
pw_numbering_equal (const PwNumbering *a,
                    const PwNumbering *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (g_strcmp0 (a->format, b->format) != 0 || a->classes->len != b->classes->len)
    return FALSE;
  for (guint i = 0; i < a->classes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a->classes, i), g_ptr_array_index (b->classes, i)) != 0 ||
        g_strcmp0 (g_ptr_array_index (a->prefixes, i), g_ptr_array_index (b->prefixes, i)) != 0)
      return FALSE;
  return TRUE;
}

gboolean
pw_numbering_class_is_known (const char *klass)
{
  for (guint i = 0; i < G_N_ELEMENTS (link_classes); i++)
    if (g_strcmp0 (klass, link_classes[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Walks @format: calls back for each literal run and placeholder. A
 * placeholder is PREFIX or a number of @width digits (0: as many as it
 * takes). Returns FALSE with @why at the first fault. */
typedef enum { PART_TEXT, PART_PREFIX, PART_NUMBER } PartKind;

typedef gboolean (*PartFunc) (PartKind    kind,
                              const char *text,
                              gsize       len,
                              guint       width,
                              gpointer    data);

static gboolean
walk_format (const char  *format,
             PartFunc     func,
             gpointer     data,
             char       **why)
{
  guint n_numbers = 0, n_prefixes = 0;
  const char *p = format;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *stray = strchr (p, '}');

      if (stray != NULL && (open == NULL || stray < open))
        {
          if (why)
            *why = g_strdup ("a '}' stands without its '{'");
          return FALSE;
        }
      if (open == NULL)
        {
          if (func != NULL && !func (PART_TEXT, p, strlen (p), 0, data))
            return FALSE;
          break;
        }
      if (open > p && func != NULL && !func (PART_TEXT, p, open - p, 0, data))
        return FALSE;
      if (g_str_has_prefix (open, "{prefix}"))
        {
          if (n_prefixes++ > 0)
            {
              if (why)
                *why = g_strdup ("{prefix} may stand only once");
              return FALSE;
            }
          if (func != NULL && !func (PART_PREFIX, NULL, 0, 0, data))
            return FALSE;
          p = open + strlen ("{prefix}");
        }
      else if (g_str_has_prefix (open, "{n}") ||
               (g_str_has_prefix (open, "{n:0") && open[4] >= '1' && open[4] <= '9' &&
                open[5] == '}'))
        {
          guint width = open[2] == '}' ? 0 : (guint) (open[4] - '0');

          if (n_numbers++ > 0)
            {
              if (why)
                *why = g_strdup ("{n} may stand only once");
              return FALSE;
            }
          if (func != NULL && !func (PART_NUMBER, NULL, 0, width, data))
            return FALSE;
          p = open + (width == 0 ? 3 : 6);
        }
      else
        {
          if (why)
            *why = g_strdup ("only {prefix}, {n} and {n:0W} (W from 1 to 9) may stand in braces");
          return FALSE;
        }
    }
  if (n_numbers != 1)
    {
      if (why)
        *why = g_strdup ("the format must hold {n} (or {n:03}) exactly once");
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_numbering_check_format (const char  *format,
                           char       **why)
{
  if (why)
    *why = NULL;
  if (format == NULL || !g_utf8_validate (format, -1, NULL))
    {
      if (why)
        *why = g_strdup ("the format must be text");
      return FALSE;
    }
  return walk_format (format, NULL, NULL, why);
}

const char *
pw_numbering_get_prefix (const PwNumbering *self,
                         const char        *klass)
{
  const char *any = "C";

  g_return_val_if_fail (self != NULL, "");

  for (guint i = 0; i < self->classes->len; i++)
    {
      const char *c = g_ptr_array_index (self->classes, i);

      if (g_strcmp0 (c, klass) == 0)
        return g_ptr_array_index (self->prefixes, i);
      if (g_str_equal (c, "*"))
        any = g_ptr_array_index (self->prefixes, i);
    }
  return any;
}

typedef struct
{
  GString    *out;
  const char *prefix;
  guint       n;
} FormatData;

static gboolean
format_part (PartKind    kind,
             const char *text,
             gsize       len,
             guint       width,
             gpointer    data)
{
  FormatData *fd = data;

  if (kind == PART_TEXT)
    g_string_append_len (fd->out, text, len);
  else if (kind == PART_PREFIX)
    g_string_append (fd->out, fd->prefix);
  else
    g_string_append_printf (fd->out, "%0*u", (int) width, fd->n);
  return TRUE;
}

char *
pw_numbering_format_label (const PwNumbering *self,
                           const char        *prefix,
                           guint              n)
{
  FormatData fd = { g_string_new (NULL), prefix, n };

  g_return_val_if_fail (self != NULL, NULL);

  if (!walk_format (self->format, format_part, &fd, NULL))
    {
      /* A format that does not parse cannot be loaded or set; numbers
       * still come out readable. */
      g_string_truncate (fd.out, 0);
      g_string_append_printf (fd.out, "%s%03u", prefix, n);
    }
  return g_string_free (fd.out, FALSE);
}

typedef struct
{
  const char *p;
  const char *prefix;
  guint       n;
  gboolean    has_n;
} MatchData;

static gboolean
match_part (PartKind    kind,
            const char *text,
            gsize       len,
            guint       width,
            gpointer    data)
{
  MatchData *md = data;

  if (kind == PART_TEXT)
    {
      if (strncmp (md->p, text, len) != 0)
        return FALSE;
      md->p += len;
    }
  else if (kind == PART_PREFIX)
    {
      gsize plen = strlen (md->prefix);

      if (strncmp (md->p, md->prefix, plen) != 0)
        return FALSE;
      md->p += plen;
    }
  else
    {
      guint64 n = 0;
      guint digits = 0;

      while (g_ascii_isdigit (*md->p) && digits < 10)
        n = n * 10 + (guint64) (*md->p++ - '0'), digits++;
      if (digits == 0 || digits < width || n == 0 || n > G_MAXINT)
        return FALSE;
      md->n = (guint) n;
      md->has_n = TRUE;
    }
  return TRUE;
}

guint
pw_numbering_match_label (const PwNumbering *self,
                          const char        *prefix,
                          const char        *label)
{
  MatchData md = { label, prefix, 0, FALSE };

  g_return_val_if_fail (self != NULL && prefix != NULL, 0);

  if (label == NULL || !walk_format (self->format, match_part, &md, NULL) || *md.p != '\0')
    return 0;
  return md.has_n ? md.n : 0;
}

PwNumbering *
pw_numbering_parse (JsonNode        *node,
                    PwParseContext  *ctx,
                    GError         **error)
{
  g_autoptr(PwNumbering) self = NULL;
  JsonObject *obj, *prefixes;
  const char *format = PW_NUMBERING_DEFAULT_FORMAT;
  g_autofree char *why = NULL;
  JsonNode *prefixes_node;
  g_autoptr(GList) members = NULL;

  if ((obj = pw_parse_object (ctx, node, "field 'numbering'", error)) == NULL ||
      !pw_parse_string (ctx, obj, "format", FALSE, "field 'numbering'", &format, error))
    return NULL;
  if (format == NULL)
    format = PW_NUMBERING_DEFAULT_FORMAT;
  if (!pw_numbering_check_format (format, &why))
    {
      pw_parse_fail (ctx, json_object_get_member (obj, "format"), error, PW_FORMAT_ERROR_INVALID,
                     "numbering: format '%s' is not a label format: %s", format, why);
      return NULL;
    }

  prefixes_node = json_object_get_member (obj, "prefixes");
  if (prefixes_node == NULL)
    {
      g_autoptr(PwNumbering) defaults = pw_numbering_new_default ();

      self = pw_numbering_copy (defaults);
      g_free (self->format);
      self->format = g_strdup (format);
      return g_steal_pointer (&self);
    }

  self = pw_numbering_new (format);
  if ((prefixes = pw_parse_object (ctx, prefixes_node, "numbering: field 'prefixes'",
                                   error)) == NULL)
    return NULL;
  members = json_object_get_members (prefixes);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *klass = l->data;
      JsonNode *value = json_object_get_member (prefixes, klass);
      const char *prefix;

      if (!pw_numbering_class_is_known (klass))
        {
          pw_parse_fail (ctx, value, error, PW_FORMAT_ERROR_INVALID,
                         "numbering: prefixes: '%s' is not a link class (balanced, unbalanced, "
                         "unbalanced-stereo, balanced-stereo, speaker, digital, broken, open, "
                         "mixed, or * for the rest)", klass);
          return NULL;
        }
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          pw_parse_fail (ctx, value, error, PW_FORMAT_ERROR_INVALID,
                         "numbering: the prefix of '%s' must be a string", klass);
          return NULL;
        }
      prefix = json_node_get_string (value);
      if (strlen (prefix) > MAX_PREFIX_LENGTH || strpbrk (prefix, "{}\n") != NULL)
        {
          pw_parse_fail (ctx, value, error, PW_FORMAT_ERROR_INVALID,
                         "numbering: the prefix of '%s' must be at most %d characters without "
                         "braces or line breaks", klass, MAX_PREFIX_LENGTH);
          return NULL;
        }
      pw_numbering_set_prefix (self, klass, prefix);
    }
  return g_steal_pointer (&self);
}

JsonNode *
pw_numbering_to_json (const PwNumbering *self)
{
  JsonObject *obj = json_object_new ();
  JsonObject *prefixes = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "format", self->format);
  for (guint i = 0; i < self->classes->len; i++)
    json_object_set_string_member (prefixes, g_ptr_array_index (self->classes, i),
                                   g_ptr_array_index (self->prefixes, i));
  json_object_set_object_member (obj, "prefixes", prefixes);
  json_node_take_object (node, obj);
  return node;
}

GArray *
pw_stock_lengths_new_default (void)
{
  GArray *lengths = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_vals (lengths, default_stock_lengths, G_N_ELEMENTS (default_stock_lengths));
  return lengths;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

GArray *
pw_stock_lengths_parse (JsonNode        *node,
                        PwParseContext  *ctx,
                        GError         **error)
{
  g_autoptr(GArray) lengths = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                     "field 'stock_lengths_m' must be a list of lengths in metres, "
                     "at least one");
      return NULL;
    }
  array = json_node_get_array (node);
  lengths = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      GType type = JSON_NODE_HOLDS_VALUE (element) ? json_node_get_value_type (element)
                                                   : G_TYPE_INVALID;
      double v;

      if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
        {
          pw_parse_fail (ctx, element, error, PW_FORMAT_ERROR_INVALID,
                         "stock_lengths_m: entry %u must be a number of metres", i + 1);
          return NULL;
        }
      v = json_node_get_double (element);
      if (!(v > 0 && v <= MAX_STOCK_LENGTH))
        {
          pw_parse_fail (ctx, element, error, PW_FORMAT_ERROR_INVALID,
                         "stock_lengths_m: entry %u is %g m; a stock length is more than 0 "
                         "and at most %g m", i + 1, v, MAX_STOCK_LENGTH);
          return NULL;
        }
      g_array_append_val (lengths, v);
    }
  g_array_sort (lengths, compare_doubles);
  /* The same length twice is one stock length. */
  for (guint i = lengths->len; i-- > 1;)
    if (g_array_index (lengths, double, i) == g_array_index (lengths, double, i - 1))
      g_array_remove_index (lengths, i);
  return g_steal_pointer (&lengths);
}

JsonNode *
pw_stock_lengths_to_json (GArray *lengths)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < lengths->len; i++)
    {
      double v = g_array_index (lengths, double, i);

      if (v == floor (v) && fabs (v) < 1e15)
        json_array_add_int_element (array, (gint64) v);
      else
        json_array_add_double_element (array, v);
    }
  json_node_take_array (node, array);
  return node;
}
