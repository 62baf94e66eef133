/* pw-format.c: reading and writing .patchwise files
 *
 * Reading is all or nothing: the document is built aside and handed over
 * only when every part of the file checked out. Every error names the
 * file, the line and column, and the field at fault.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pw-format-private.h"
#include "pw-parse-private.h"

static const char * const known_root_members[] = {
  "format", "version", "title", "client", "venue", "revision", "device_types", "cable_types",
  "devices", "cables", "suppressions", "numbering", "stock_lengths_m", "revisions", NULL
};
static const char * const known_device_members[] = {
  "id", "type", "name", "x", "y", "phantom_on", "ground_lift_on", NULL
};
static const char * const known_cable_members[] = {
  "id", "type", "label", "length_m", "ends", NULL
};

/* Position tracking, used only after a failure: the file is parsed once
 * more with the parser's signals connected, to find where a node stands. */

typedef struct
{
  JsonParser *parser;
  GHashTable *positions;   /* JsonNode*, JsonObject* or JsonArray* → packed line/column */
  GArray     *stack;       /* guint64, the start of each open container */
} Tracker;

static guint64
tracker_current (Tracker *t)
{
  return ((guint64) json_parser_get_current_line (t->parser) << 32) |
         (guint32) json_parser_get_current_pos (t->parser);
}

static void
tracker_push_cb (JsonParser *parser,
                 Tracker    *t)
{
  guint64 pos = tracker_current (t);

  g_array_append_val (t->stack, pos);
}

static void
tracker_pop (Tracker *t,
             gpointer container)
{
  guint64 pos;

  if (t->stack->len == 0)
    return;
  pos = g_array_index (t->stack, guint64, t->stack->len - 1);
  g_array_set_size (t->stack, t->stack->len - 1);
  g_hash_table_insert (t->positions, container, GSIZE_TO_POINTER ((gsize) pos + 1));
}

static void
tracker_object_end_cb (JsonParser *parser,
                       JsonObject *object,
                       Tracker    *t)
{
  tracker_pop (t, object);
}

static void
tracker_array_end_cb (JsonParser *parser,
                      JsonArray  *array,
                      Tracker    *t)
{
  tracker_pop (t, array);
}

static void
tracker_note_node (Tracker  *t,
                   JsonNode *node)
{
  gpointer pos = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    pos = g_hash_table_lookup (t->positions, json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    pos = g_hash_table_lookup (t->positions, json_node_get_array (node));
  if (pos == NULL)
    pos = GSIZE_TO_POINTER ((gsize) tracker_current (t) + 1);
  g_hash_table_insert (t->positions, node, pos);
}

static void
tracker_member_cb (JsonParser *parser,
                   JsonObject *object,
                   const char *name,
                   Tracker    *t)
{
  tracker_note_node (t, json_object_get_member (object, name));
}

static void
tracker_element_cb (JsonParser *parser,
                    JsonArray  *array,
                    int         index,
                    Tracker    *t)
{
  tracker_note_node (t, json_array_get_element (array, index));
}

static gboolean
is_delimiter (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == ',' || c == '}' || c == ']' || c == ':';
}

/* json-glib reports where the scanner stands after a value; step back to
 * where the value begins, which is where a person looks. */
static guint
scalar_start_column (const char *data,
                     gsize       length,
                     guint       line,
                     guint       column)
{
  gsize line_start = 0, line_end, p;
  guint n;

  for (n = 1; n < line && line_start < length; line_start++)
    if (data[line_start] == '\n')
      n++;
  for (line_end = line_start; line_end < length && data[line_end] != '\n'; line_end++)
    ;
  if (line_end == line_start)
    return column;

  p = MIN (line_start + column - 1, line_end);
  if (p > line_start && (p == line_end || is_delimiter (data[p])))
    p--;
  while (p > line_start && is_delimiter (data[p]))
    p--;
  if (data[p] == '"')
    {
      /* Back to the opening quote, past escaped ones. */
      for (p = p - 1; p > line_start; p--)
        if (data[p] == '"' && data[p - 1] != '\\')
          break;
    }
  else
    {
      while (p > line_start && (g_ascii_isalnum (data[p - 1]) || data[p - 1] == '.' ||
                                data[p - 1] == '+' || data[p - 1] == '-'))
        p--;
    }
  return g_utf8_strlen (data + line_start, p - line_start) + 1;
}

typedef struct
{
  char *member;   /* NULL for an array index */
  guint index;
} PathStep;

/* Finds, in a second parse of the same text, the node that stands where
 * @node stood in the first, and returns its line and column. */
static gboolean
find_position (const char *data,
               gsize       length,
               JsonNode   *node,
               guint      *line,
               guint      *column)
{
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (PathStep));
  g_autoptr(JsonParser) parser = json_parser_new ();
  Tracker t = { 0 };
  JsonNode *cursor;
  gboolean found = FALSE;
  gpointer pos;

  if (node == NULL)
    return FALSE;

  for (JsonNode *n = node; json_node_get_parent (n) != NULL; n = json_node_get_parent (n))
    {
      JsonNode *parent = json_node_get_parent (n);
      PathStep step = { NULL, 0 };

      if (JSON_NODE_HOLDS_OBJECT (parent))
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *child;

          json_object_iter_init (&iter, json_node_get_object (parent));
          while (json_object_iter_next (&iter, &name, &child))
            if (child == n)
              step.member = g_strdup (name);
          if (step.member == NULL)
            goto out;
        }
      else
        {
          JsonArray *array = json_node_get_array (parent);

          for (step.index = 0; step.index < json_array_get_length (array); step.index++)
            if (json_array_get_element (array, step.index) == n)
              break;
        }
      g_array_prepend_val (path, step);
    }

  t.parser = parser;
  t.positions = g_hash_table_new (NULL, NULL);
  t.stack = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_signal_connect (parser, "object-start", G_CALLBACK (tracker_push_cb), &t);
  g_signal_connect (parser, "array-start", G_CALLBACK (tracker_push_cb), &t);
  g_signal_connect (parser, "object-end", G_CALLBACK (tracker_object_end_cb), &t);
  g_signal_connect (parser, "array-end", G_CALLBACK (tracker_array_end_cb), &t);
  g_signal_connect (parser, "object-member", G_CALLBACK (tracker_member_cb), &t);
  g_signal_connect (parser, "array-element", G_CALLBACK (tracker_element_cb), &t);
  if (!json_parser_load_from_data (parser, data, length, NULL))
    goto out;

  cursor = json_parser_get_root (parser);
  for (guint i = 0; cursor != NULL && i < path->len; i++)
    {
      PathStep *step = &g_array_index (path, PathStep, i);

      if (step->member != NULL && JSON_NODE_HOLDS_OBJECT (cursor))
        cursor = json_object_get_member (json_node_get_object (cursor), step->member);
      else if (step->member == NULL && JSON_NODE_HOLDS_ARRAY (cursor) &&
               step->index < json_array_get_length (json_node_get_array (cursor)))
        cursor = json_array_get_element (json_node_get_array (cursor), step->index);
      else
        cursor = NULL;
    }
  if (cursor == NULL)
    goto out;

  if (path->len == 0)
    {
      if (JSON_NODE_HOLDS_OBJECT (cursor))
        pos = g_hash_table_lookup (t.positions, json_node_get_object (cursor));
      else if (JSON_NODE_HOLDS_ARRAY (cursor))
        pos = g_hash_table_lookup (t.positions, json_node_get_array (cursor));
      else
        {
          /* A bare value as the whole file: point at where it starts. */
          gsize i = 0;

          while (i < length && g_ascii_isspace (data[i]))
            i++;
          *line = 1;
          for (gsize k = 0; k < i; k++)
            if (data[k] == '\n')
              (*line)++;
          *column = 1;
          while (i > 0 && data[i - 1] != '\n')
            i--, (*column)++;
          found = TRUE;
          goto out;
        }
    }
  else
    pos = g_hash_table_lookup (t.positions, cursor);

  if (pos != NULL)
    {
      guint64 packed = GPOINTER_TO_SIZE (pos) - 1;

      *line = packed >> 32;
      *column = MAX ((guint) (packed & 0xffffffff), 1);
      if (JSON_NODE_HOLDS_VALUE (cursor) || JSON_NODE_HOLDS_NULL (cursor))
        *column = scalar_start_column (data, length, *line, *column);
      found = TRUE;
    }

out:
  for (guint i = 0; i < path->len; i++)
    g_free (g_array_index (path, PathStep, i).member);
  g_clear_pointer (&t.positions, g_hash_table_unref);
  g_clear_pointer (&t.stack, g_array_unref);
  return found;
}

/* Where the scan stands: a line and a column counted in characters. */
typedef struct
{
  guint line;
  guint column;
} TextPos;

static TextPos
position_of (const char *data,
             gsize       offset)
{
  TextPos pos = { 1, 1 };

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        pos.line++, pos.column = 1;
      else if (((guchar) data[i] & 0xc0) != 0x80)
        pos.column++;
    }
  return pos;
}

/* One open object or array during the scan, with the keys seen so far. */
typedef struct
{
  gboolean    is_object;
  gboolean    expect_key;
  GArray     *keys;       /* KeyRef: the keys seen so far */
  GHashTable *set;        /* the keys, once there are too many to compare one by one */
  const char *list;       /* "devices" or "cables" for those arrays of the plan, or NULL */
  gsize       open_at;    /* where the frame opens */
  guint       n_commas;
} Frame;

#define FRAME_LINEAR_KEYS 32

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->keys, g_array_unref);
  g_clear_pointer (&frame->set, g_hash_table_unref);
}

/* A key as json-glib will read it: in the text, or decoded from its
 * escapes (see decode_key ()). Keys hold no NUL: the scan refuses \u0000. */
typedef struct
{
  const char *key;
  gsize       len;
} KeyRef;

static gboolean
frame_has_key (Frame      *frame,
               const char *key,
               gsize       len)
{
  KeyRef ref = { key, len };

  if (frame->keys == NULL)
    frame->keys = g_array_new (FALSE, FALSE, sizeof (KeyRef));
  if (frame->keys->len >= FRAME_LINEAR_KEYS)
    {
      if (frame->set == NULL)
        {
          frame->set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < frame->keys->len; i++)
            {
              KeyRef *other = &g_array_index (frame->keys, KeyRef, i);

              g_hash_table_add (frame->set, g_strndup (other->key, other->len));
            }
        }
      return !g_hash_table_add (frame->set, g_strndup (key, len));
    }
  for (guint i = 0; i < frame->keys->len; i++)
    {
      KeyRef *other = &g_array_index (frame->keys, KeyRef, i);

      if (other->len == len && memcmp (other->key, key, len) == 0)
        return TRUE;
    }
  g_array_append_val (frame->keys, ref);
  return FALSE;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      value = value * 16 + d;
    }
  return value;
}

/* Checks the escape at @data[@i] (a backslash inside a string). A \u
 * escape that json-glib would turn into a NUL or into broken UTF-8 (half
 * a surrogate pair, or too few hex digits) is refused: the string would be
 * cut short or written back as text no reader accepts. Other bad escapes
 * are json-glib's to report. Returns the length of the escape, or 0 on
 * error. */
static gsize
check_escape (const char *data,
              gsize       length,
              gsize       i,
              const char *name,
              GError    **error)
{
  TextPos pos;
  int u, low;

  if (i + 1 >= length || data[i + 1] != 'u')
    return 2;
  pos = position_of (data, i);
  if (i + 6 > length || (u = hex4 (data + i + 2)) < 0)
    {
      /* json-glib reads what hex digits there are, into broken text. */
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                   "%s:%u:%u: the escape \\u must be followed by four hex digits",
                   name, pos.line, pos.column);
      return 0;
    }
  if (u == 0)
    {
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                   "%s:%u:%u: the text holds \\u0000, a NUL character, which a plan cannot hold",
                   name, pos.line, pos.column);
      return 0;
    }
  if (u >= 0xdc00 && u <= 0xdfff)
    goto lone;
  if (u >= 0xd800 && u <= 0xdbff)
    {
      if (i + 12 > length || data[i + 6] != '\\' || data[i + 7] != 'u' ||
          (low = hex4 (data + i + 8)) < 0xdc00 || low > 0xdfff)
        goto lone;
      return 12;
    }
  return 6;

lone:
  g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
               "%s:%u:%u: the escape \\u%.4s is half of a UTF-16 surrogate pair, without "
               "the other half", name, pos.line, pos.column, data + i + 2);
  return 0;
}

/* The key between @start and @end (a string with escapes, checked by
 * check_escape ()) as json-glib will read it. */
static char *
decode_key (const char *data,
            gsize       start,
            gsize       end)
{
  GString *key = g_string_new (NULL);

  for (gsize i = start; i < end; i++)
    {
      int u;

      if (data[i] != '\\' || i + 1 >= end)
        {
          g_string_append_c (key, data[i]);
          continue;
        }
      i++;
      switch (data[i])
        {
        case 'b': g_string_append_c (key, '\b'); break;
        case 'f': g_string_append_c (key, '\f'); break;
        case 'n': g_string_append_c (key, '\n'); break;
        case 'r': g_string_append_c (key, '\r'); break;
        case 't': g_string_append_c (key, '\t'); break;
        case 'u':
          if (i + 5 > end || (u = hex4 (data + i + 1)) < 0)
            {
              g_string_append_c (key, 'u');
              break;
            }
          i += 4;
          if (u >= 0xd800 && u <= 0xdbff)
            {
              /* check_escape () saw the low half follow. */
              u = 0x10000 + ((u - 0xd800) << 10) + (hex4 (data + i + 3) - 0xdc00);
              i += 6;
            }
          g_string_append_unichar (key, u);
          break;
        default:
          g_string_append_c (key, data[i]);
          break;
        }
    }
  return g_string_free (key, FALSE);
}

/* g_utf8_validate_len (), with a quicker start over the ASCII that most of
 * a plan is: eight bytes at a time while none is NUL or past 0x7f. */
static gboolean
validate_utf8 (const char  *data,
               gsize        length,
               const char **end)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i;

  for (i = 0; i + 8 <= length; i += 8)
    {
      guint64 w;

      memcpy (&w, data + i, 8);
      if ((w & high) != 0 || ((w - ones) & ~w & high) != 0)
        break;
    }
  return g_utf8_validate_len (data + i, length - i, end);
}

/* Scans the text before parsing: something there, no NUL byte, valid
 * UTF-8, no byte order mark, no nesting deeper than a plan ever needs
 * (json-glib recurses per level), no field named twice in one object
 * (json-glib would keep the last silently and lose the first), and none
 * of what json-glib reads beyond JSON (comments, single quotes) or turns
 * into broken text (\u0000, half a surrogate pair). */
static gboolean
precheck (const char *data,
          gsize       length,
          const char *name,
          GError    **error)
{
  const char *end;
  g_autoptr(GArray) stack = NULL;
  g_autoptr(GPtrArray) decoded_keys = g_ptr_array_new_with_free_func (g_free);
  gboolean in_string = FALSE, has_escape = FALSE;
  gsize string_start = 0, i;
  guint depth = 0;
  const char *root_key = NULL;   /* the last field name read in the root object */
  gsize root_key_len = 0;
  TextPos pos;

  for (i = 0; i < length && g_ascii_isspace (data[i]); i++)
    ;
  if (i == length)
    {
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                   "%s:1:1: the file is empty", name);
      return FALSE;
    }
  if (length > PW_FORMAT_MAX_FILE_SIZE)
    {
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_TOO_LARGE,
                   "%s: the file is %" G_GSIZE_FORMAT " bytes; a plan may be at most %d MiB",
                   name, length, PW_FORMAT_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                   "%s:1:1: the file starts with a byte order mark; save it as UTF-8 without one",
                   name);
      return FALSE;
    }
  /* The first bad byte decides the message: a NUL or broken UTF-8. */
  if (!validate_utf8 (data, length, &end))
    {
      pos = position_of (data, end - data);
      if (*end == '\0')
        g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                     "%s:%u:%u: the file holds a NUL byte: it is not a text file",
                     name, pos.line, pos.column);
      else
        g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                     "%s:%u:%u: the file is not valid UTF-8 text", name, pos.line, pos.column);
      return FALSE;
    }

  /* The stack keeps the frames it pops, and their key arrays, for the next
   * container at that depth: a plan holds objects by the thousand. */
  stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_array_set_clear_func (stack, frame_clear);
  for (i = 0; i < length; i++)
    {
      char c = data[i];
      Frame *top = depth > 0 ? &g_array_index (stack, Frame, depth - 1) : NULL;

      if (in_string)
        {
          /* Most of a file is the text inside strings: skip to what ends
           * or escapes it. */
          if (c != '\\' && c != '"')
            {
              const char *stop = data + i + 1;

              while (stop < data + length && *stop != '"' && *stop != '\\')
                stop++;
              i = stop - data - 1;
              continue;
            }
          if (c == '\\')
            {
              gsize n = check_escape (data, length, i, name, error);

              if (n == 0)
                return FALSE;
              has_escape = TRUE;
              i += n - 1;
            }
          else if (c == '"')
            {
              in_string = FALSE;
              if (top != NULL && top->is_object && top->expect_key)
                {
                  const char *key = data + string_start + 1;
                  gsize key_len = i - string_start - 1;

                  /* Two spellings of one name ("a" and "\u0061") are one field. */
                  if (has_escape)
                    {
                      char *decoded = decode_key (data, string_start + 1, i);

                      g_ptr_array_add (decoded_keys, decoded);
                      key = decoded;
                      key_len = strlen (decoded);
                    }
                  top->expect_key = FALSE;
                  if (depth == 1)
                    {
                      root_key = key;
                      root_key_len = key_len;
                    }
                  if (frame_has_key (top, key, key_len))
                    {
                      g_autofree char *shown = g_strndup (key, key_len);

                      pos = position_of (data, string_start);
                      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_INVALID,
                                   "%s:%u:%u: field '%s' appears twice in the same object",
                                   name, pos.line, pos.column, shown);
                      return FALSE;
                    }
                }
            }
        }
      else if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
        {
          /* Indentation comes in runs. */
          while (i + 1 < length &&
                 (data[i + 1] == ' ' || data[i + 1] == '\n' || data[i + 1] == '\r' ||
                  data[i + 1] == '\t'))
            i++;
          continue;
        }
      else if (c == '"')
        {
          in_string = TRUE;
          has_escape = FALSE;
          string_start = i;
        }
      else if (c == '\'' || c == '/')
        {
          /* json-glib also reads 'strings' and comments, which JSON has
           * not; a quote inside them would hide the rest of the file
           * from this scan (and a nesting ten thousand levels deep from
           * its limit). */
          pos = position_of (data, i);
          g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                       c == '/'
                       ? "%s:%u:%u: unexpected '/': JSON has no comments"
                       : "%s:%u:%u: unexpected \"'\": JSON strings take double quotes",
                       name, pos.line, pos.column);
          return FALSE;
        }
      else if (c == '{' || c == '[')
        {
          Frame frame = { c == '{', c == '{', NULL, NULL, NULL, i, 0 };

          /* Count the plan's devices and cables here: a file of a million
           * would take json-glib long to read before it could be refused. */
          if (c == '[' && depth == 1 && root_key != NULL)
            {
              if (root_key_len == 7 && memcmp (root_key, "devices", 7) == 0)
                frame.list = "devices";
              else if (root_key_len == 6 && memcmp (root_key, "cables", 6) == 0)
                frame.list = "cables";
            }

          if (depth >= PW_FORMAT_MAX_DEPTH)
            {
              pos = position_of (data, i);
              g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_TOO_LARGE,
                           "%s:%u:%u: nesting deeper than %d levels", name, pos.line, pos.column,
                           PW_FORMAT_MAX_DEPTH);
              return FALSE;
            }
          if (depth < stack->len)
            {
              Frame *reused = &g_array_index (stack, Frame, depth);

              frame.keys = reused->keys;
              if (frame.keys != NULL)
                g_array_set_size (frame.keys, 0);
              g_clear_pointer (&reused->set, g_hash_table_unref);
              *reused = frame;
            }
          else
            g_array_append_val (stack, frame);
          depth++;
        }
      else if (c == '}' || c == ']')
        {
          if (top != NULL && top->list != NULL)
            {
              guint n = top->n_commas + 1;
              int max = g_str_equal (top->list, "devices")
                        ? PW_FORMAT_MAX_DEVICES : PW_FORMAT_MAX_CABLES;

              if (n > (guint) max)
                {
                  pos = position_of (data, top->open_at);
                  g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_TOO_LARGE,
                               "%s:%u:%u: the plan has %u %s; at most %d are read",
                               name, pos.line, pos.column, n, top->list, max);
                  return FALSE;
                }
            }
          if (depth > 0)
            depth--;
        }
      else if (c == ',' && top != NULL && top->is_object)
        top->expect_key = TRUE;
      else if (c == ',' && top != NULL)
        top->n_commas++;
    }
  return TRUE;
}

static JsonObject *
collect_extra (JsonObject         *obj,
               const char * const *known)
{
  JsonObject *extra = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, obj);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (g_strv_contains (known, name))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name, json_node_copy (node));
    }
  return extra;
}

static gboolean
parse_device (PwDocument     *doc,
              JsonNode       *node,
              guint           index,
              PwParseContext *ctx,
              GError        **error)
{
  g_autofree char *what = g_strdup_printf ("device %u", index + 1);
  JsonObject *obj;
  const char *id = NULL, *type_id = NULL, *name = NULL;
  PwDeviceType *type;
  PwDevice *device;
  JsonArray *phantom;
  double x = 0, y = 0;
  gboolean has_x = FALSE, has_y = FALSE, lift = FALSE;

  if ((obj = pw_parse_object (ctx, node, what, error)) == NULL ||
      !pw_parse_string (ctx, obj, "id", TRUE, what, &id, error))
    return FALSE;
  g_free (what);
  what = g_strdup_printf ("device '%s'", id);
  if (pw_document_lookup_device (doc, id) != NULL)
    return pw_parse_fail (ctx, json_object_get_member (obj, "id"), error, PW_FORMAT_ERROR_INVALID,
                          "two devices have the id '%s'", id);
  if (!pw_parse_string (ctx, obj, "type", TRUE, what, &type_id, error) ||
      !pw_parse_string (ctx, obj, "name", FALSE, what, &name, error) ||
      !pw_parse_number (ctx, obj, "x", what, -1e7, 1e7, &x, &has_x, error) ||
      !pw_parse_number (ctx, obj, "y", what, -1e7, 1e7, &y, &has_y, error) ||
      !pw_parse_bool (ctx, obj, "ground_lift_on", what, &lift, error) ||
      (phantom = pw_parse_array (ctx, obj, "phantom_on", FALSE, what, error)) == NULL)
    return FALSE;
  if (has_x != has_y)
    return pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                          "%s has field '%s' but not '%s': give both or neither",
                          what, has_x ? "x" : "y", has_x ? "y" : "x");

  type = pw_document_resolve_device_type (doc, type_id);
  if (type == NULL)
    return pw_parse_fail (ctx, json_object_get_member (obj, "type"), error,
                          PW_FORMAT_ERROR_UNKNOWN_TYPE,
                          "%s: type '%s' is not in the plan's device_types, the user library "
                          "or the built-in catalogue", what, type_id);
  if (lift && !type->ground_lift)
    return pw_parse_fail (ctx, json_object_get_member (obj, "ground_lift_on"), error,
                          PW_FORMAT_ERROR_INVALID,
                          "%s: field 'ground_lift_on' is true, but a '%s' has no ground lift switch",
                          what, type->id);

  device = pw_device_new (id, type);
  device->name = g_strdup (name != NULL ? name : type->name);
  device->x = x;
  device->y = y;
  device->has_position = has_x;
  device->ground_lift_on = lift;
  device->extra = collect_extra (obj, known_device_members);
  pw_document_add_device (doc, device);

  for (guint i = 0; i < json_array_get_length (phantom); i++)
    {
      JsonNode *el = json_array_get_element (phantom, i);
      const char *port_id = JSON_NODE_HOLDS_VALUE (el) &&
                            json_node_get_value_type (el) == G_TYPE_STRING
                            ? json_node_get_string (el) : NULL;
      int port = port_id ? pw_device_type_find_port (type, port_id) : -1;

      if (port_id == NULL)
        return pw_parse_fail (ctx, el, error, PW_FORMAT_ERROR_INVALID,
                              "%s: field 'phantom_on' must list port ids as strings", what);
      if (port < 0)
        return pw_parse_fail (ctx, el, error, PW_FORMAT_ERROR_INVALID,
                              "%s: field 'phantom_on' names port '%s', which a '%s' does not have",
                              what, port_id, type->id);
      if (type->ports[port].phantom != PW_PHANTOM_AVAILABLE)
        return pw_parse_fail (ctx, el, error, PW_FORMAT_ERROR_INVALID,
                              "%s: field 'phantom_on' names port '%s', which has no phantom "
                              "power switch", what, port_id);
      device->phantom_on[port] = TRUE;
    }

  return TRUE;
}

/* A field that does not go with another one in the same object. */
static gboolean
refuse_member (PwParseContext *ctx,
               JsonObject     *obj,
               const char     *member,
               const char     *what,
               const char     *with,
               GError        **error)
{
  if (!json_object_has_member (obj, member))
    return TRUE;
  return pw_parse_fail (ctx, json_object_get_member (obj, member), error,
                        PW_FORMAT_ERROR_INVALID,
                        "%s has fields '%s' and '%s': an end plugs into a port "
                        "(\"device\", \"port\") or into a cable's end (\"cable\", \"end\")",
                        what, with, member);
}

/* A cable end that plugs into another cable's end, waiting until every
 * cable is in. Kept on the document being read, so that a load that stops
 * half-way frees it with the document. */
typedef struct
{
  PwCable  *cable;
  int       end;
  char     *into_cable;
  char     *into_end;
  JsonNode *node;       /* the end's object: where an error is reported */
} DeferredPlug;

#define DEFERRED_PLUGS "pw-format-deferred-plugs"

static void
deferred_plug_free (gpointer data)
{
  DeferredPlug *dp = data;

  g_free (dp->into_cable);
  g_free (dp->into_end);
  json_node_unref (dp->node);
  g_free (dp);
}

static void
defer_cable_plug (PwDocument *doc,
                  PwCable    *cable,
                  int         end,
                  const char *into_cable,
                  const char *into_end,
                  JsonNode   *node)
{
  GPtrArray *deferred = g_object_get_data (G_OBJECT (doc), DEFERRED_PLUGS);
  DeferredPlug *dp = g_new0 (DeferredPlug, 1);

  if (deferred == NULL)
    {
      deferred = g_ptr_array_new_with_free_func (deferred_plug_free);
      g_object_set_data_full (G_OBJECT (doc), DEFERRED_PLUGS, deferred,
                              (GDestroyNotify) g_ptr_array_unref);
    }
  dp->cable = cable;
  dp->end = end;
  dp->into_cable = g_strdup (into_cable);
  dp->into_end = g_strdup (into_end);
  dp->node = json_node_ref (node);
  g_ptr_array_add (deferred, dp);
}

/* Whether a side of a direct connection is a plug (male). */
static gboolean
plug_is_male (const PwPlug *plug)
{
  if (plug->device != NULL)
    return plug->device->type->ports[plug->port].gender == PW_GENDER_MALE;
  if (plug->cable != NULL)
    return plug->cable->type->ends[plug->end].gender == PW_GENDER_MALE;
  return FALSE;
}

static const char *
connection_noun (PwCable *cable)
{
  return pw_cable_type_is_direct (cable->type) ? "connection" : "cable";
}

/* A direct connection joins a plug and a socket: two plugs cannot meet. */
static gboolean
check_direct_sides (PwCable        *cable,
                    JsonNode       *at,
                    PwParseContext *ctx,
                    GError        **error)
{
  if (!pw_cable_type_is_direct (cable->type) || !plug_is_male (&cable->ends[0]) ||
      !plug_is_male (&cable->ends[1]))
    return TRUE;
  return pw_parse_fail (ctx, at, error, PW_FORMAT_ERROR_INVALID,
                        "connection %s is direct between two plugs: a plug goes into a socket; "
                        "two plugs need a cable or an adapter between them", cable->id);
}

/* Once every cable is in: the ends that plug into other cables' ends, and
 * what direct connections join. */
static gboolean
resolve_cable_plugs (PwDocument     *doc,
                     PwParseContext *ctx,
                     GError        **error)
{
  g_autoptr(GPtrArray) deferred = g_object_steal_data (G_OBJECT (doc), DEFERRED_PLUGS);
  g_autoptr(GHashTable) taken = NULL;   /* "cable\nend" → the DeferredPlug in it */

  if (deferred != NULL)
    {
      taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < deferred->len; i++)
        {
          DeferredPlug *dp = g_ptr_array_index (deferred, i);
          const char *noun = connection_noun (dp->cable);
          PwCable *into = pw_document_lookup_cable (doc, dp->into_cable);
          g_autofree char *key = NULL;
          DeferredPlug *first;
          PwPlug *target;
          int e;

          if (into == NULL)
            return pw_parse_fail (ctx, dp->node, error, PW_FORMAT_ERROR_INVALID,
                                  "%s %s: end %s names cable '%s', which the plan does not have",
                                  noun, dp->cable->id, dp->cable->type->ends[dp->end].id,
                                  dp->into_cable);
          if (pw_cable_type_is_direct (into->type))
            return pw_parse_fail (ctx, dp->node, error, PW_FORMAT_ERROR_INVALID,
                                  "%s %s: end %s names connection %s, which is direct and has "
                                  "no ends to plug into: name what it joins",
                                  noun, dp->cable->id, dp->cable->type->ends[dp->end].id,
                                  into->id);
          if ((e = pw_cable_type_find_end (into->type, dp->into_end)) < 0)
            return pw_parse_fail (ctx, dp->node, error, PW_FORMAT_ERROR_INVALID,
                                  "%s %s: end %s names end '%s' of cable %s, which a '%s' "
                                  "does not have", noun, dp->cable->id,
                                  dp->cable->type->ends[dp->end].id, dp->into_end, into->id,
                                  into->type->id);
          if (into == dp->cable)
            return pw_parse_fail (ctx, dp->node, error, PW_FORMAT_ERROR_INVALID,
                                  "%s %s: end %s plugs into end %s of its own cable",
                                  noun, dp->cable->id, dp->cable->type->ends[dp->end].id,
                                  dp->into_end);
          key = g_strdup_printf ("%s\n%d", into->id, e);
          if ((first = g_hash_table_lookup (taken, key)) != NULL)
            return pw_parse_fail (ctx, dp->node, error, PW_FORMAT_ERROR_INVALID,
                                  "%s %s: end %s plugs into cable %s end %s, which %s %s end %s "
                                  "already plugs into: an end takes one plug",
                                  noun, dp->cable->id, dp->cable->type->ends[dp->end].id,
                                  into->id, into->type->ends[e].id,
                                  connection_noun (first->cable), first->cable->id,
                                  first->cable->type->ends[first->end].id);
          g_hash_table_insert (taken, g_steal_pointer (&key), dp);
          target = &into->ends[e];
          if (target->device != NULL || target->cable != NULL)
            return pw_parse_fail (ctx, dp->node, error, PW_FORMAT_ERROR_INVALID,
                                  "%s %s: end %s plugs into cable %s end %s, which is itself "
                                  "plugged into %s '%s': an end takes one plug, and the link "
                                  "is written once, by the end that plugs in",
                                  noun, dp->cable->id, dp->cable->type->ends[dp->end].id,
                                  into->id, into->type->ends[e].id,
                                  target->device ? "device" : "cable",
                                  target->device ? target->device->id : target->cable->id);
        }
      /* Only now, so that an end that plugs in is never also plugged into. */
      for (guint i = 0; i < deferred->len; i++)
        {
          DeferredPlug *dp = g_ptr_array_index (deferred, i);
          PwCable *into = pw_document_lookup_cable (doc, dp->into_cable);

          dp->cable->ends[dp->end].cable = into;
          dp->cable->ends[dp->end].end = pw_cable_type_find_end (into->type, dp->into_end);
        }
      for (guint i = 0; i < deferred->len; i++)
        {
          DeferredPlug *dp = g_ptr_array_index (deferred, i);
          PwPlug *target = &dp->cable->ends[dp->end];
          PwPlug *back = &target->cable->ends[target->end];

          if (back->cable != NULL)
            return pw_parse_fail (ctx, dp->node, error, PW_FORMAT_ERROR_INVALID,
                                  "%s %s: end %s plugs into cable %s end %s, which plugs into "
                                  "cable %s: an end takes one plug, and the link is written "
                                  "once, by the end that plugs in",
                                  connection_noun (dp->cable), dp->cable->id,
                                  dp->cable->type->ends[dp->end].id, target->cable->id,
                                  target->cable->type->ends[target->end].id, back->cable->id);
        }
    }

  for (guint i = 0; deferred != NULL && i < deferred->len; i++)
    {
      DeferredPlug *dp = g_ptr_array_index (deferred, i);

      if (!check_direct_sides (dp->cable, dp->node, ctx, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_cable (PwDocument     *doc,
             JsonNode       *node,
             guint           index,
             PwParseContext *ctx,
             GError        **error)
{
  g_autofree char *what = g_strdup_printf ("cable %u", index + 1);
  JsonObject *obj, *ends = NULL;
  JsonNode *ends_node;
  const char *id = NULL, *type_id = NULL, *label = NULL;
  PwCableType *type;
  double length = 0;
  gboolean has_length = FALSE;
  g_autoptr(GList) names = NULL;
  PwCable *cable;

  if ((obj = pw_parse_object (ctx, node, what, error)) == NULL ||
      !pw_parse_string (ctx, obj, "id", TRUE, what, &id, error))
    return FALSE;
  g_free (what);
  what = g_strdup_printf ("cable %s", id);
  if (pw_document_lookup_cable (doc, id) != NULL)
    return pw_parse_fail (ctx, json_object_get_member (obj, "id"), error, PW_FORMAT_ERROR_INVALID,
                          "two cables have the id '%s'", id);
  if (!pw_parse_string (ctx, obj, "type", TRUE, what, &type_id, error) ||
      !pw_parse_string (ctx, obj, "label", FALSE, what, &label, error) ||
      !pw_parse_number (ctx, obj, "length_m", what, 0, 100000, &length, &has_length, error))
    return FALSE;

  type = pw_document_resolve_cable_type (doc, type_id);
  if (type == NULL)
    return pw_parse_fail (ctx, json_object_get_member (obj, "type"), error,
                          PW_FORMAT_ERROR_UNKNOWN_TYPE,
                          "%s: type '%s' is not in the plan's cable_types, the user library "
                          "or the built-in catalogue", what, type_id);

  if (pw_cable_type_is_direct (type))
    {
      g_free (what);
      what = g_strdup_printf ("connection %s", id);
      if (has_length)
        return pw_parse_fail (ctx, json_object_get_member (obj, "length_m"), error,
                              PW_FORMAT_ERROR_INVALID,
                              "%s is direct: it has no length", what);
    }

  ends_node = json_object_get_member (obj, "ends");
  if (ends_node != NULL && !JSON_NODE_HOLDS_NULL (ends_node))
    {
      g_autofree char *ends_what = g_strdup_printf ("%s: field 'ends'", what);

      if ((ends = pw_parse_object (ctx, ends_node, ends_what, error)) == NULL)
        return FALSE;
    }

  if (pw_cable_type_is_direct (type))
    {
      for (guint e = 0; e < type->n_ends; e++)
        {
          JsonNode *end_node = ends ? json_object_get_member (ends, type->ends[e].id) : NULL;

          if (end_node == NULL || JSON_NODE_HOLDS_NULL (end_node))
            return pw_parse_fail (ctx, ends_node ? ends_node : node, error,
                                  PW_FORMAT_ERROR_INVALID,
                                  "%s is direct: it must name both ends, a and b", what);
        }
    }

  cable = pw_cable_new (id, type);
  cable->label = g_strdup (label != NULL ? label : id);
  cable->length_m = length;
  cable->has_length = has_length;
  cable->extra = collect_extra (obj, known_cable_members);

  if (ends != NULL)
    names = json_object_get_members (ends);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *end_id = l->data;
      JsonNode *end_node = json_object_get_member (ends, end_id);
      g_autofree char *end_what = g_strdup_printf ("%s: end %s", what, end_id);
      int e = pw_cable_type_find_end (type, end_id);
      const char *device_id = NULL, *port_id = NULL, *cable_id = NULL, *into_end = NULL;
      JsonObject *eobj;
      PwDevice *device;
      PwCable *other;
      int port, other_end = -1;

      if (e < 0)
        {
          pw_cable_free (cable);
          return pw_parse_fail (ctx, end_node, error, PW_FORMAT_ERROR_INVALID,
                                "%s: a '%s' has no end '%s'", what, type->id, end_id);
        }
      if (JSON_NODE_HOLDS_NULL (end_node))
        continue;
      if ((eobj = pw_parse_object (ctx, end_node, end_what, error)) == NULL ||
          !pw_parse_string (ctx, eobj, "cable", FALSE, end_what, &cable_id, error))
        {
          pw_cable_free (cable);
          return FALSE;
        }
      if (cable_id != NULL)
        {
          /* Into another cable's end: that cable may come later in the
           * list, so the plug is resolved once every cable is in. */
          if (!pw_parse_string (ctx, eobj, "end", TRUE, end_what, &into_end, error) ||
              !refuse_member (ctx, eobj, "device", end_what, "cable", error) ||
              !refuse_member (ctx, eobj, "port", end_what, "cable", error))
            {
              pw_cable_free (cable);
              return FALSE;
            }
          defer_cable_plug (doc, cable, e, cable_id, into_end, end_node);
          continue;
        }
      if (!pw_parse_string (ctx, eobj, "device", TRUE, end_what, &device_id, error) ||
          !pw_parse_string (ctx, eobj, "port", TRUE, end_what, &port_id, error) ||
          !refuse_member (ctx, eobj, "end", end_what, "device", error))
        {
          pw_cable_free (cable);
          return FALSE;
        }
      device = pw_document_lookup_device (doc, device_id);
      if (device == NULL)
        {
          pw_cable_free (cable);
          return pw_parse_fail (ctx, json_object_get_member (eobj, "device"), error,
                                PW_FORMAT_ERROR_INVALID,
                                "%s names device '%s', which the plan does not have",
                                end_what, device_id);
        }
      port = pw_device_type_find_port (device->type, port_id);
      if (port < 0)
        {
          pw_cable_free (cable);
          return pw_parse_fail (ctx, json_object_get_member (eobj, "port"), error,
                                PW_FORMAT_ERROR_INVALID,
                                "%s names port '%s', which device '%s' does not have",
                                end_what, port_id, device_id);
        }
      other = pw_document_find_cable_at (doc, device, port, &other_end);
      for (guint k = 0; other == NULL && k < type->n_ends; k++)
        if (cable->ends[k].device == device && cable->ends[k].port == port)
          other = cable, other_end = k;
      if (other != NULL)
        {
          g_autofree char *msg =
            g_strdup_printf ("%s plugs into port '%s' of device '%s', which %s %s end %s "
                             "already uses: a port takes one plug",
                             end_what, port_id, device_id,
                             pw_cable_type_is_direct (other->type) ? "connection" : "cable",
                             other->id, other->type->ends[other_end].id);

          pw_cable_free (cable);
          return pw_parse_fail (ctx, end_node, error, PW_FORMAT_ERROR_INVALID, "%s", msg);
        }
      cable->ends[e].device = device;
      cable->ends[e].port = port;
    }

  if (!check_direct_sides (cable, ends_node, ctx, error))
    {
      pw_cable_free (cable);
      return FALSE;
    }
  pw_document_add_cable (doc, cable);
  return TRUE;
}

static gboolean
parse_suppressions (PwDocument     *doc,
                    JsonArray      *array,
                    PwParseContext *ctx,
                    GError        **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *what = g_strdup_printf ("suppression %u", i + 1);
      JsonObject *obj;
      const char *code = NULL, *cable = NULL;

      if ((obj = pw_parse_object (ctx, json_array_get_element (array, i), what, error)) == NULL ||
          !pw_parse_string (ctx, obj, "code", TRUE, what, &code, error) ||
          !pw_parse_string (ctx, obj, "cable", FALSE, what, &cable, error))
        return FALSE;
      pw_document_add_suppression (doc, code, cable);
    }
  return TRUE;
}

/* "revisions": [{"revision": "B", "date": "2026-12-06", "changes": "…"}],
 * oldest first. */
static gboolean
parse_revisions (PwDocument     *doc,
                 JsonObject     *root,
                 PwParseContext *ctx,
                 GError        **error)
{
  JsonArray *array;

  if (!json_object_has_member (root, "revisions"))
    return TRUE;
  if ((array = pw_parse_array (ctx, root, "revisions", FALSE, "the file", error)) == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *what = g_strdup_printf ("revision %u", i + 1);
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj;
      const char *revision = NULL, *date = NULL, *changes = NULL;
      int year, month, day;
      char end;

      if ((obj = pw_parse_object (ctx, node, what, error)) == NULL ||
          !pw_parse_string (ctx, obj, "revision", TRUE, what, &revision, error) ||
          !pw_parse_string (ctx, obj, "date", TRUE, what, &date, error) ||
          !pw_parse_string (ctx, obj, "changes", FALSE, what, &changes, error))
        return FALSE;
      if (g_utf8_strlen (revision, -1) > PW_FORMAT_MAX_REVISION_CHARS)
        return pw_parse_fail (ctx, json_object_get_member (obj, "revision"), error,
                              PW_FORMAT_ERROR_INVALID,
                              "%s: field 'revision' is longer than %d characters", what,
                              PW_FORMAT_MAX_REVISION_CHARS);
      if (strlen (date) != 10 || sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
          !g_date_valid_dmy (day, month, year))
        return pw_parse_fail (ctx, json_object_get_member (obj, "date"), error,
                              PW_FORMAT_ERROR_INVALID,
                              "%s: field 'date' is '%s', not a date written YYYY-MM-DD", what,
                              date);
      pw_document_insert_revision (doc, pw_document_get_revisions (doc)->len, revision, date,
                                   changes);
    }
  return TRUE;
}

/* The root's own fields: what the file is, its version and title, and
 * that its lists are lists of a size that is read. */
static gboolean
parse_root_fields (PwDocument     *doc,
                   JsonNode       *root_node,
                   PwParseContext *ctx,
                   JsonArray     **devices,
                   JsonArray     **cables,
                   JsonArray     **suppressions,
                   GError        **error)
{
  JsonObject *root;
  const char *format = NULL;
  JsonNode *version_node;
  gint64 version;

  if ((root = pw_parse_object (ctx, root_node, "the file", error)) == NULL)
    return FALSE;
  if (!pw_parse_string (ctx, root, "format", TRUE, "the file", &format, error))
    return FALSE;
  if (!g_str_equal (format, "patchwise"))
    return pw_parse_fail (ctx, json_object_get_member (root, "format"), error,
                          PW_FORMAT_ERROR_INVALID,
                          "field 'format' is '%s': this is not a Patchwise plan", format);
  version_node = json_object_get_member (root, "version");
  if (version_node == NULL)
    return pw_parse_fail (ctx, root_node, error, PW_FORMAT_ERROR_INVALID,
                          "the file has no field 'version'");
  if (JSON_NODE_HOLDS_VALUE (version_node) &&
      json_node_get_value_type (version_node) == G_TYPE_DOUBLE &&
      json_node_get_double (version_node) == floor (json_node_get_double (version_node)) &&
      fabs (json_node_get_double (version_node)) < 1e9)
    version = (gint64) json_node_get_double (version_node);
  else if (JSON_NODE_HOLDS_VALUE (version_node) &&
           json_node_get_value_type (version_node) == G_TYPE_INT64)
    version = json_node_get_int (version_node);
  else
    version = 0;
  if (version < 1)
    return pw_parse_fail (ctx, version_node, error, PW_FORMAT_ERROR_INVALID,
                          "field 'version' must be a whole number from 1");
  if (version > PW_FORMAT_VERSION)
    return pw_parse_fail (ctx, version_node, error, PW_FORMAT_ERROR_VERSION,
                          "the plan is format version %" G_GINT64_FORMAT ", written by a newer "
                          "Patchwise; this one reads version %d and older",
                          version, PW_FORMAT_VERSION);
  for (PwPlanField f = 0; f < PW_PLAN_N_FIELDS; f++)
    {
      const char *key = pw_plan_field_to_key (f);
      const char *text = NULL;

      if (!pw_parse_string (ctx, root, key, FALSE, "the file", &text, error))
        return FALSE;
      if (f == PW_PLAN_REVISION && text != NULL &&
          g_utf8_strlen (text, -1) > PW_FORMAT_MAX_REVISION_CHARS)
        return pw_parse_fail (ctx, json_object_get_member (root, key), error,
                              PW_FORMAT_ERROR_INVALID,
                              "field 'revision' is %ld characters long; a revision is a short "
                              "text of at most %d (\"B\", \"2.1\")",
                              g_utf8_strlen (text, -1), PW_FORMAT_MAX_REVISION_CHARS);
      pw_document_set_field (doc, f, text);
    }

  if ((*devices = pw_parse_array (ctx, root, "devices", FALSE, "the file", error)) == NULL ||
      (*cables = pw_parse_array (ctx, root, "cables", FALSE, "the file", error)) == NULL ||
      (*suppressions = pw_parse_array (ctx, root, "suppressions", FALSE, "the file",
                                       error)) == NULL)
    return FALSE;
  if (json_array_get_length (*devices) > PW_FORMAT_MAX_DEVICES)
    return pw_parse_fail (ctx, json_object_get_member (root, "devices"), error,
                          PW_FORMAT_ERROR_TOO_LARGE, "the plan has %u devices; at most %d are read",
                          json_array_get_length (*devices), PW_FORMAT_MAX_DEVICES);
  if (json_array_get_length (*cables) > PW_FORMAT_MAX_CABLES)
    return pw_parse_fail (ctx, json_object_get_member (root, "cables"), error,
                          PW_FORMAT_ERROR_TOO_LARGE, "the plan has %u cables; at most %d are read",
                          json_array_get_length (*cables), PW_FORMAT_MAX_CABLES);
  return TRUE;
}

/* What is left once the devices and cables are in: the suppressions and
 * the root's unknown fields. */
static gboolean
parse_root_rest (PwDocument     *doc,
                 JsonNode       *root_node,
                 JsonArray      *suppressions,
                 PwParseContext *ctx,
                 GError        **error)
{
  g_autoptr(JsonObject) extra = NULL;
  JsonObject *root = json_node_get_object (root_node);
  JsonNode *node;

  if (!parse_suppressions (doc, suppressions, ctx, error) ||
      !parse_revisions (doc, root, ctx, error))
    return FALSE;
  if ((node = json_object_get_member (root, "numbering")) != NULL)
    {
      g_autoptr(PwNumbering) numbering = pw_numbering_parse (node, ctx, error);

      if (numbering == NULL)
        return FALSE;
      pw_document_set_numbering (doc, numbering);
    }
  if ((node = json_object_get_member (root, "stock_lengths_m")) != NULL)
    {
      g_autoptr(GArray) lengths = pw_stock_lengths_parse (node, ctx, error);

      if (lengths == NULL)
        return FALSE;
      pw_document_set_stock_lengths (doc, lengths);
    }
  extra = collect_extra (json_node_get_object (root_node), known_root_members);
  pw_document_set_extra (doc, extra);
  return TRUE;
}

static PwDocument *
parse_document (JsonNode       *root_node,
                PwParseContext *ctx,
                GError        **error)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  JsonArray *devices = NULL, *cables = NULL, *suppressions = NULL;

  if (!parse_root_fields (doc, root_node, ctx, &devices, &cables, &suppressions, error))
    return NULL;
  if (!pw_type_set_add_from_json (pw_document_get_types (doc), json_node_get_object (root_node),
                                  ctx, error))
    return NULL;

  for (guint i = 0; i < json_array_get_length (devices); i++)
    if (!parse_device (doc, json_array_get_element (devices, i), i, ctx, error))
      return NULL;
  for (guint i = 0; i < json_array_get_length (cables); i++)
    if (!parse_cable (doc, json_array_get_element (cables, i), i, ctx, error))
      return NULL;
  if (!resolve_cable_plugs (doc, ctx, error))
    return NULL;
  if (!parse_root_rest (doc, root_node, suppressions, ctx, error))
    return NULL;

  return g_steal_pointer (&doc);
}

/* json-glib reads a number too large for a double (1e400) as infinity,
 * which no JSON writer can write back. The fields read above refuse it
 * with their own range; unknown fields and embedded types are kept and
 * written back on save, so look for it everywhere. The precheck bounds
 * the depth of the recursion. */
static JsonNode *
find_non_finite (JsonNode *node)
{
  JsonNode *found = NULL;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (found == NULL && json_object_iter_next (&iter, NULL, &child))
        found = find_non_finite (child);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; found == NULL && i < json_array_get_length (array); i++)
        found = find_non_finite (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE &&
           !isfinite (json_node_get_double (node)))
    found = node;
  return found;
}

/* json-glib names in-memory data "<data>"; put the file's name there. */
static void
rename_syntax_error (GError    **error,
                     const char *name)
{
  const char *msg;

  if (error == NULL || *error == NULL)
    return;
  msg = (*error)->message;
  if (g_str_has_prefix (msg, "<data>:"))
    {
      char *renamed = g_strconcat (name, msg + strlen ("<data>"), NULL);

      g_free ((*error)->message);
      (*error)->message = renamed;
    }
  else
    g_prefix_error (error, "%s: ", name);
  (*error)->domain = PW_FORMAT_ERROR;
  (*error)->code = PW_FORMAT_ERROR_SYNTAX;
}

/* A fast reader for the plain JSON that Patchwise writes.
 *
 * json-glib's scanner reads a byte at a time through a general tokenizer
 * and spends most of a large plan's load there. This reader builds the
 * same tree of JsonNodes in one pass, but only for plain JSON: at anything
 * else (a comment, an unusual escape, a number json-glib might read
 * differently, a value out of range) it gives up and json-glib reads the
 * file as before. It refuses what the precheck refuses (nesting deeper
 * than the limit, a field named twice), so that it can also run before it. */

typedef struct
{
  const char *p;
  const char *end;
  GString    *scratch;
  guint       depth;     /* of the containers open */
} FastReader;

static JsonNode *fast_value (FastReader *r);

static inline void
fast_skip_space (FastReader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static int
fast_hex4 (const char *p)
{
  int v = 0;

  for (guint i = 0; i < 4; i++)
    {
      int c = p[i];

      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        return -1;
    }
  return v;
}

/* The string at r->p (its opening quote) into @out, decoded. */
static gboolean
fast_string_to (FastReader *r,
                GString    *out)
{
  const char *p = r->p + 1;

  g_string_truncate (out, 0);
  for (;;)
    {
      const char *start = p;

      while (p < r->end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      g_string_append_len (out, start, p - start);
      if (p >= r->end || (guchar) *p < 0x20)
        return FALSE;
      if (*p == '"')
        break;
      /* An escape. */
      if (p + 1 >= r->end)
        return FALSE;
      switch (p[1])
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            int c = p + 6 <= r->end ? fast_hex4 (p + 2) : -1;

            /* Surrogates and NUL are json-glib's (and the precheck's) business. */
            if (c <= 0 || (c >= 0xd800 && c <= 0xdfff))
              return FALSE;
            g_string_append_unichar (out, c);
            p += 4;
          }
          break;
        default:
          return FALSE;
        }
      p += 2;
    }
  r->p = p + 1;
  return TRUE;
}

static gboolean
fast_string (FastReader *r)
{
  return fast_string_to (r, r->scratch);
}

/* Powers of ten that a double holds exactly. */
static const double exact_powers_of_ten[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* The number at r->p, read as json-glib reads it: a whole number as an
 * integer, one with a point or an exponent as a double. */
static gboolean
fast_number_scan (FastReader *r,
                  gboolean   *is_double,
                  gint64     *int_value,
                  double     *double_value)
{
  const char *p = r->p, *digits;
  gboolean negative = FALSE, has_exponent = FALSE;
  guint64 mantissa = 0;
  guint n_digits = 0, n_fraction = 0;
  char buf[64];

  *is_double = FALSE;
  if (p < r->end && *p == '-')
    negative = TRUE, p++;
  digits = p;
  if (p >= r->end || !g_ascii_isdigit (*p))
    return FALSE;
  /* No leading zeros (json-glib's reading of them is its own). */
  if (*p == '0' && p + 1 < r->end && g_ascii_isdigit (p[1]))
    return FALSE;
  for (; p < r->end && g_ascii_isdigit (*p); p++, n_digits++)
    if (n_digits < 19)
      mantissa = mantissa * 10 + (guint) (*p - '0');
  if (p < r->end && *p == '.')
    {
      *is_double = TRUE;
      p++;
      if (p >= r->end || !g_ascii_isdigit (*p))
        return FALSE;
      for (; p < r->end && g_ascii_isdigit (*p); p++, n_digits++, n_fraction++)
        if (n_digits < 19)
          mantissa = mantissa * 10 + (guint) (*p - '0');
    }
  if (p < r->end && (*p == 'e' || *p == 'E'))
    {
      *is_double = has_exponent = TRUE;
      p++;
      if (p < r->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= r->end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < r->end && g_ascii_isdigit (*p))
        p++;
    }
  if ((gsize) (p - r->p) >= sizeof buf || (!*is_double && p - digits > 18))
    return FALSE;

  if (!*is_double)
    *int_value = negative ? -(gint64) mantissa : (gint64) mantissa;
  else if (!has_exponent && n_digits <= 15 && n_fraction < G_N_ELEMENTS (exact_powers_of_ten))
    {
      /* Both operands are exact in a double, so the quotient is rounded
       * once, as strtod () rounds: the same double, without its cost. */
      double v = (double) mantissa / exact_powers_of_ten[n_fraction];

      *double_value = negative ? -v : v;
    }
  else
    {
      memcpy (buf, r->p, p - r->p);
      buf[p - r->p] = '\0';
      *double_value = g_ascii_strtod (buf, NULL);
      if (!isfinite (*double_value))
        return FALSE;
    }
  r->p = p;
  return TRUE;
}

static JsonNode *
fast_number (FastReader *r)
{
  gboolean is_double;
  gint64 i;
  double d;

  if (!fast_number_scan (r, &is_double, &i, &d))
    return NULL;
  if (is_double)
    return json_node_init_double (json_node_alloc (), d);
  return json_node_init_int (json_node_alloc (), i);
}

static JsonNode *
fast_object (FastReader *r)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  r->p++;
  if (++r->depth > PW_FORMAT_MAX_DEPTH)
    goto fail;
  fast_skip_space (r);
  if (r->p < r->end && *r->p == '}')
    r->p++;
  else
    for (;;)
      {
        g_autofree char *long_name = NULL;
        char short_name[64];
        const char *name;
        JsonNode *member;

        fast_skip_space (r);
        if (r->p >= r->end || *r->p != '"' || !fast_string (r) || r->scratch->len == 0)
          goto fail;
        /* The value's strings reuse the scratch buffer: keep the name aside. */
        if (r->scratch->len < sizeof short_name)
          name = memcpy (short_name, r->scratch->str, r->scratch->len + 1);
        else
          name = long_name = g_strndup (r->scratch->str, r->scratch->len);
        fast_skip_space (r);
        if (r->p >= r->end || *r->p != ':')
          goto fail;
        r->p++;
        if (json_object_has_member (object, name) || (member = fast_value (r)) == NULL)
          goto fail;
        json_object_set_member (object, name, member);
        fast_skip_space (r);
        if (r->p < r->end && *r->p == ',')
          {
            r->p++;
            continue;
          }
        if (r->p < r->end && *r->p == '}')
          {
            r->p++;
            break;
          }
        goto fail;
      }
  r->depth--;
  node = json_node_alloc ();
  json_node_init_object (node, object);
  json_object_unref (object);
  return node;

fail:
  json_object_unref (object);
  return NULL;
}

static JsonNode *
fast_array (FastReader *r)
{
  JsonArray *array = json_array_new ();
  JsonNode *node;

  r->p++;
  if (++r->depth > PW_FORMAT_MAX_DEPTH)
    goto fail;
  fast_skip_space (r);
  if (r->p < r->end && *r->p == ']')
    r->p++;
  else
    for (;;)
      {
        JsonNode *element;

        if ((element = fast_value (r)) == NULL)
          goto fail;
        json_array_add_element (array, element);
        fast_skip_space (r);
        if (r->p < r->end && *r->p == ',')
          {
            r->p++;
            continue;
          }
        if (r->p < r->end && *r->p == ']')
          {
            r->p++;
            break;
          }
        goto fail;
      }
  r->depth--;
  node = json_node_alloc ();
  json_node_init_array (node, array);
  json_array_unref (array);
  return node;

fail:
  json_array_unref (array);
  return NULL;
}

static gboolean
fast_literal (FastReader *r,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return TRUE;
}

static JsonNode *
fast_value (FastReader *r)
{
  JsonNode *node;

  fast_skip_space (r);
  if (r->p >= r->end)
    return NULL;
  switch (*r->p)
    {
    case '{':
      return fast_object (r);
    case '[':
      return fast_array (r);
    case '"':
      if (!fast_string (r))
        return NULL;
      node = json_node_alloc ();
      json_node_init_string (node, r->scratch->str);
      return node;
    case 't':
    case 'f':
      {
        gboolean value = *r->p == 't';

        if (!fast_literal (r, value ? "true" : "false"))
          return NULL;
        return json_node_init_boolean (json_node_alloc (), value);
      }
    case 'n':
      if (!fast_literal (r, "null"))
        return NULL;
      return json_node_init_null (json_node_alloc ());
    default:
      return fast_number (r);
    }
}

/* The tree json-glib would read from @data, or NULL where this reader
 * leaves it to json-glib. */
static JsonNode *
fast_parse (const char *data,
            gsize       length)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);
  FastReader r = { data, data + length, scratch, 0 };
  JsonNode *root = fast_value (&r);

  if (root == NULL)
    return NULL;
  fast_skip_space (&r);
  if (r.p != r.end || !JSON_NODE_HOLDS_OBJECT (root))
    {
      json_node_unref (root);
      return NULL;
    }
  json_node_seal (root);
  return root;
}

/* Reading the devices and cables straight into the document.
 *
 * A plan is nearly all devices and cables; building a JsonNode for each of
 * their values, only to read it once and free it, was most of a load. The
 * direct reader builds JsonNodes for the rest of the root (the types, the
 * suppressions, unknown fields: little of a plan) and reads each device and
 * cable from the text into a PwDevice or PwCable. It takes only the plain
 * case: known fields, each of the kind expected, and the type named before
 * the fields that need it. Any other device or cable (an unknown field
 * kept for saving, a string where a number belongs) is read as a tree and
 * goes through parse_device () or parse_cable (), as before. Whatever the
 * direct reader takes, those would take in the same way; whatever they
 * refuse, it refuses, and json-glib reads the file again for the message. */

typedef enum
{
  DIRECT_OK,        /* in the document */
  DIRECT_UNUSUAL,   /* not plain: read this one as a tree */
  DIRECT_REFUSED,   /* the plan does not load as it is, or json-glib must decide */
} DirectResult;

/* Phantom switches read from one device, at most; more are read as a tree. */
#define DIRECT_MAX_PHANTOM 64

typedef struct
{
  FastReader      r;
  PwDocument     *doc;
  PwParseContext  ctx;
  GString        *key;
  GString        *id;
  GString        *type;
  GString        *text;
  GString        *device;
  GString        *port;
} Direct;

#define KEY_IS(key, len, word) \
  ((len) == sizeof (word) - 1 && memcmp ((key), (word), sizeof (word) - 1) == 0)

/* Notes a field read in an object; FALSE for the second of two, which the
 * precheck refuses (the direct reader runs before it). */
static inline gboolean
direct_once (guint *seen,
             guint  field)
{
  if ((*seen & (1u << field)) != 0)
    return FALSE;
  *seen |= 1u << field;
  return TRUE;
}

/* A field name without escapes, and its colon. The value is next. */
static gboolean
direct_key (FastReader  *r,
            const char **key,
            gsize       *len)
{
  const char *p;

  fast_skip_space (r);
  if (r->p >= r->end || *r->p != '"')
    return FALSE;
  p = *key = r->p + 1;
  while (p < r->end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
    p++;
  if (p >= r->end || *p != '"' || p == *key)
    return FALSE;
  *len = p - *key;
  r->p = p + 1;
  fast_skip_space (r);
  if (r->p >= r->end || *r->p != ':')
    return FALSE;
  r->p++;
  fast_skip_space (r);
  return r->p < r->end;
}

/* Past the comma to the next member or element (*done FALSE), or past the
 * closing bracket (*done TRUE). */
static gboolean
direct_next (FastReader *r,
             char        close,
             gboolean   *done)
{
  fast_skip_space (r);
  if (r->p < r->end && (*r->p == ',' || *r->p == close))
    {
      *done = *r->p == close;
      r->p++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
direct_string (FastReader *r,
               GString    *out)
{
  return r->p < r->end && *r->p == '"' && fast_string_to (r, out);
}

/* A number as json_node_get_double () gives it, whole or not. */
static gboolean
direct_number (FastReader *r,
               double     *out)
{
  gboolean is_double;
  gint64 i;
  double d;

  if (!fast_number_scan (r, &is_double, &i, &d))
    return FALSE;
  *out = is_double ? d : (double) i;
  return TRUE;
}

static gboolean
direct_bool (FastReader *r,
             gboolean   *out)
{
  if (r->p < r->end && *r->p == 't' && fast_literal (r, "true"))
    *out = TRUE;
  else if (r->p < r->end && *r->p == 'f' && fast_literal (r, "false"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

static DirectResult
direct_phantom (Direct       *d,
                PwDeviceType *type,
                int          *ports,
                guint        *n_ports)
{
  FastReader *r = &d->r;
  gboolean done = FALSE;

  if (r->p >= r->end || *r->p != '[')
    return DIRECT_UNUSUAL;
  r->p++;
  fast_skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return DIRECT_OK;
    }
  /* The ports are the type's: it must come first. */
  if (type == NULL)
    return DIRECT_UNUSUAL;
  while (!done)
    {
      int port;

      fast_skip_space (r);
      if (!direct_string (r, d->port) || *n_ports == DIRECT_MAX_PHANTOM)
        return DIRECT_UNUSUAL;
      port = pw_device_type_find_port (type, d->port->str);
      if (port < 0 || type->ports[port].phantom != PW_PHANTOM_AVAILABLE)
        return DIRECT_REFUSED;
      ports[(*n_ports)++] = port;
      if (!direct_next (r, ']', &done))
        return DIRECT_UNUSUAL;
    }
  return DIRECT_OK;
}

/* The device at r->p (its '{'), as parse_device () reads it. */
static DirectResult
direct_device (Direct *d)
{
  FastReader *r = &d->r;
  PwDeviceType *type = NULL;
  PwDevice *device;
  gboolean has_id = FALSE, has_name = FALSE, has_x = FALSE, has_y = FALSE;
  gboolean lift = FALSE, done = FALSE;
  double x = 0, y = 0;
  int phantom[DIRECT_MAX_PHANTOM];
  guint n_phantom = 0;
  guint seen = 0;

  r->p++;
  while (!done)
    {
      const char *key;
      gsize len;
      DirectResult result;

      if (!direct_key (r, &key, &len))
        return DIRECT_UNUSUAL;
      if (KEY_IS (key, len, "id"))
        {
          if (!direct_once (&seen, 0))
            return DIRECT_REFUSED;
          if (!direct_string (r, d->id))
            return DIRECT_UNUSUAL;
          has_id = TRUE;
        }
      else if (KEY_IS (key, len, "type"))
        {
          if (!direct_once (&seen, 1))
            return DIRECT_REFUSED;
          if (!direct_string (r, d->type))
            return DIRECT_UNUSUAL;
          if (d->type->len == 0 ||
              (type = pw_document_resolve_device_type (d->doc, d->type->str)) == NULL)
            return DIRECT_REFUSED;
        }
      else if (KEY_IS (key, len, "name"))
        {
          if (!direct_once (&seen, 2))
            return DIRECT_REFUSED;
          if (!direct_string (r, d->text))
            return DIRECT_UNUSUAL;
          has_name = TRUE;
        }
      else if (KEY_IS (key, len, "x"))
        {
          if (!direct_once (&seen, 3))
            return DIRECT_REFUSED;
          if (!direct_number (r, &x))
            return DIRECT_UNUSUAL;
          has_x = TRUE;
        }
      else if (KEY_IS (key, len, "y"))
        {
          if (!direct_once (&seen, 4))
            return DIRECT_REFUSED;
          if (!direct_number (r, &y))
            return DIRECT_UNUSUAL;
          has_y = TRUE;
        }
      else if (KEY_IS (key, len, "ground_lift_on"))
        {
          if (!direct_once (&seen, 5))
            return DIRECT_REFUSED;
          if (!direct_bool (r, &lift))
            return DIRECT_UNUSUAL;
        }
      else if (KEY_IS (key, len, "phantom_on"))
        {
          if (!direct_once (&seen, 6))
            return DIRECT_REFUSED;
          if ((result = direct_phantom (d, type, phantom, &n_phantom)) != DIRECT_OK)
            return result;
        }
      else
        return DIRECT_UNUSUAL;
      if (!direct_next (r, '}', &done))
        return DIRECT_UNUSUAL;
    }

  if (!has_id || d->id->len == 0 || type == NULL ||
      pw_document_lookup_device (d->doc, d->id->str) != NULL ||
      has_x != has_y ||
      (has_x && !(x >= -1e7 && x <= 1e7 && y >= -1e7 && y <= 1e7)) ||
      (lift && !type->ground_lift))
    return DIRECT_REFUSED;

  device = pw_device_new (d->id->str, type);
  device->name = g_strdup (has_name ? d->text->str : type->name);
  device->x = x;
  device->y = y;
  device->has_position = has_x;
  device->ground_lift_on = lift;
  for (guint i = 0; i < n_phantom; i++)
    device->phantom_on[phantom[i]] = TRUE;
  pw_document_add_device (d->doc, device);
  return DIRECT_OK;
}

/* One end of a cable, plugged in: { "device": …, "port": … }. */
static DirectResult
direct_end (Direct      *d,
            PwCableType *type,
            PwPlug      *ends,
            int          e)
{
  FastReader *r = &d->r;
  gboolean has_device = FALSE, has_port = FALSE, done = FALSE;
  PwDevice *device;
  int port;
  guint seen = 0;

  if (r->p >= r->end || *r->p != '{')
    return DIRECT_UNUSUAL;
  r->p++;
  while (!done)
    {
      const char *key;
      gsize len;

      if (!direct_key (r, &key, &len))
        return DIRECT_UNUSUAL;
      if (KEY_IS (key, len, "device"))
        {
          if (!direct_once (&seen, 0))
            return DIRECT_REFUSED;
          if (!direct_string (r, d->device))
            return DIRECT_UNUSUAL;
          has_device = TRUE;
        }
      else if (KEY_IS (key, len, "port"))
        {
          if (!direct_once (&seen, 1))
            return DIRECT_REFUSED;
          if (!direct_string (r, d->port))
            return DIRECT_UNUSUAL;
          has_port = TRUE;
        }
      else
        return DIRECT_UNUSUAL;
      if (!direct_next (r, '}', &done))
        return DIRECT_UNUSUAL;
    }

  if (!has_device || !has_port || d->device->len == 0 || d->port->len == 0 ||
      (device = pw_document_lookup_device (d->doc, d->device->str)) == NULL ||
      (port = pw_device_type_find_port (device->type, d->port->str)) < 0 ||
      pw_document_find_cable_at (d->doc, device, port, NULL) != NULL)
    return DIRECT_REFUSED;
  /* A port takes one plug, also from the two ends of one cable. */
  for (guint k = 0; k < type->n_ends; k++)
    if (ends[k].device == device && ends[k].port == port)
      return DIRECT_REFUSED;
  ends[e].device = device;
  ends[e].port = port;
  return DIRECT_OK;
}

static DirectResult
direct_ends (Direct      *d,
             PwCableType *type,
             PwPlug      *ends)
{
  FastReader *r = &d->r;
  gboolean done = FALSE;
  guint ends_seen = 0;

  if (r->p < r->end && *r->p == 'n')
    return fast_literal (r, "null") ? DIRECT_OK : DIRECT_UNUSUAL;
  /* The ends are the type's: it must come first. */
  if (r->p >= r->end || *r->p != '{' || type == NULL)
    return DIRECT_UNUSUAL;
  r->p++;
  fast_skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return DIRECT_OK;
    }
  while (!done)
    {
      const char *key;
      gsize len;
      int e = -1;
      DirectResult result;

      if (!direct_key (r, &key, &len))
        return DIRECT_UNUSUAL;
      for (guint k = 0; e < 0 && k < type->n_ends; k++)
        if (strlen (type->ends[k].id) == len && memcmp (type->ends[k].id, key, len) == 0)
          e = k;
      if (e < 0 || !direct_once (&ends_seen, e))
        return DIRECT_REFUSED;
      if (*r->p == 'n')
        {
          if (!fast_literal (r, "null"))
            return DIRECT_UNUSUAL;
        }
      else if ((result = direct_end (d, type, ends, e)) != DIRECT_OK)
        return result;
      if (!direct_next (r, '}', &done))
        return DIRECT_UNUSUAL;
    }
  return DIRECT_OK;
}

/* The cable at r->p (its '{'), as parse_cable () reads it. */
static DirectResult
direct_cable (Direct *d)
{
  FastReader *r = &d->r;
  PwCableType *type = NULL;
  PwCable *cable;
  PwPlug ends[16] = { { NULL, 0 } };
  gboolean has_id = FALSE, has_label = FALSE, has_length = FALSE, done = FALSE;
  double length = 0;
  guint seen = 0;

  r->p++;
  while (!done)
    {
      const char *key;
      gsize len;
      DirectResult result;

      if (!direct_key (r, &key, &len))
        return DIRECT_UNUSUAL;
      if (KEY_IS (key, len, "id"))
        {
          if (!direct_once (&seen, 0))
            return DIRECT_REFUSED;
          if (!direct_string (r, d->id))
            return DIRECT_UNUSUAL;
          has_id = TRUE;
        }
      else if (KEY_IS (key, len, "type"))
        {
          if (!direct_once (&seen, 1))
            return DIRECT_REFUSED;
          if (!direct_string (r, d->type))
            return DIRECT_UNUSUAL;
          if (d->type->len == 0 ||
              (type = pw_document_resolve_cable_type (d->doc, d->type->str)) == NULL)
            return DIRECT_REFUSED;
          /* A direct connection has rules of its own: parse_cable () knows them. */
          if (pw_cable_type_is_direct (type))
            return DIRECT_UNUSUAL;
          if (type->n_ends > G_N_ELEMENTS (ends))
            return DIRECT_UNUSUAL;
        }
      else if (KEY_IS (key, len, "label"))
        {
          if (!direct_once (&seen, 2))
            return DIRECT_REFUSED;
          if (!direct_string (r, d->text))
            return DIRECT_UNUSUAL;
          has_label = TRUE;
        }
      else if (KEY_IS (key, len, "length_m"))
        {
          if (!direct_once (&seen, 3))
            return DIRECT_REFUSED;
          if (!direct_number (r, &length))
            return DIRECT_UNUSUAL;
          has_length = TRUE;
        }
      else if (KEY_IS (key, len, "ends"))
        {
          if (!direct_once (&seen, 4))
            return DIRECT_REFUSED;
          if ((result = direct_ends (d, type, ends)) != DIRECT_OK)
            return result;
        }
      else
        return DIRECT_UNUSUAL;
      if (!direct_next (r, '}', &done))
        return DIRECT_UNUSUAL;
    }

  if (!has_id || d->id->len == 0 || type == NULL ||
      pw_document_lookup_cable (d->doc, d->id->str) != NULL ||
      (has_length && !(length >= 0 && length <= 100000)))
    return DIRECT_REFUSED;

  cable = pw_cable_new (d->id->str, type);
  cable->label = g_strdup (has_label ? d->text->str : d->id->str);
  cable->length_m = length;
  cable->has_length = has_length;
  memcpy (cable->ends, ends, type->n_ends * sizeof (PwPlug));
  pw_document_add_cable (d->doc, cable);
  return DIRECT_OK;
}

/* A device or cable that is not plain, read as a tree from @start. */
static DirectResult
direct_as_tree (Direct     *d,
                const char *start,
                gboolean    devices,
                guint       index)
{
  g_autoptr(JsonNode) node = NULL;
  gboolean ok;

  d->r.p = start;
  if ((node = fast_value (&d->r)) == NULL)
    return DIRECT_REFUSED;
  /* As the whole tree is sealed when read that way. */
  json_node_seal (node);
  ok = devices ? parse_device (d->doc, node, index, &d->ctx, NULL)
               : parse_cable (d->doc, node, index, &d->ctx, NULL);
  return ok ? DIRECT_OK : DIRECT_REFUSED;
}

/* The plan's "devices" or "cables" array at r->p. */
static DirectResult
direct_list (Direct   *d,
             gboolean  devices)
{
  FastReader *r = &d->r;
  guint n = 0, max = devices ? PW_FORMAT_MAX_DEVICES : PW_FORMAT_MAX_CABLES;
  gboolean done = FALSE;

  if (r->p >= r->end || *r->p != '[')
    return DIRECT_REFUSED;
  r->p++;
  /* The root and the list: a device read as a tree nests from there. */
  r->depth = 2;
  fast_skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return DIRECT_OK;
    }
  while (!done)
    {
      const char *start;
      DirectResult result;

      fast_skip_space (r);
      start = r->p;
      if (r->p >= r->end || *r->p != '{' || ++n > max)
        return DIRECT_REFUSED;
      result = devices ? direct_device (d) : direct_cable (d);
      if (result == DIRECT_UNUSUAL)
        result = direct_as_tree (d, start, devices, n - 1);
      if (result != DIRECT_OK)
        return result;
      if (!direct_next (r, ']', &done))
        return DIRECT_REFUSED;
    }
  return DIRECT_OK;
}

/* Past the array at r->p, minding only its brackets and strings: it is
 * read properly later. */
static gboolean
fast_skip_array (FastReader *r)
{
  guint depth = 0;

  for (const char *p = r->p; p < r->end; p++)
    {
      if (*p == '"')
        {
          for (p++; p < r->end && *p != '"'; p++)
            if (*p == '\\' && p + 1 < r->end)
              p++;
          if (p >= r->end)
            return FALSE;
        }
      else if (*p == '[' || *p == '{')
        depth++;
      else if ((*p == ']' || *p == '}') && --depth == 0)
        {
          r->p = p + 1;
          return TRUE;
        }
    }
  return FALSE;
}

/* A list read after the rest of the root: from @start, to end at @end. */
static gboolean
direct_deferred_list (Direct     *d,
                      const char *start,
                      const char *end,
                      gboolean    devices)
{
  if (start == NULL)
    return TRUE;
  d->r.p = start;
  return direct_list (d, devices) == DIRECT_OK && d->r.p == end;
}

/* The plan read with the devices and cables straight into the document,
 * or NULL where json-glib must read it. */
static PwDocument *
direct_parse (const char *data,
              gsize       length)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);
  g_autoptr(GString) key = g_string_sized_new (64);
  g_autoptr(GString) id = g_string_sized_new (64);
  g_autoptr(GString) type = g_string_sized_new (64);
  g_autoptr(GString) text = g_string_sized_new (256);
  g_autoptr(GString) device = g_string_sized_new (64);
  g_autoptr(GString) port = g_string_sized_new (64);
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(JsonNode) root_node = NULL;
  JsonObject *root;
  Direct d = {
    { data, data + length, scratch, 0 }, doc, { NULL, NULL }, key, id, type, text, device, port
  };
  FastReader *r = &d.r;
  gboolean has_device_types = FALSE, has_cable_types = FALSE, types_read = FALSE;
  gboolean devices_read = FALSE, done = FALSE;
  const char *deferred_start[2] = { NULL, NULL }, *deferred_end[2] = { NULL, NULL };
  JsonArray *devices = NULL, *cables = NULL, *suppressions = NULL;

  fast_skip_space (r);
  if (r->p >= r->end || *r->p != '{')
    return NULL;
  r->p++;
  root = json_object_new ();
  root_node = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  while (!done)
    {
      gboolean is_devices, is_cables;
      JsonNode *value;

      fast_skip_space (r);
      if (r->p >= r->end || *r->p != '"' || !fast_string_to (r, key) || key->len == 0 ||
          json_object_has_member (root, key->str))
        return NULL;
      fast_skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        return NULL;
      r->p++;
      fast_skip_space (r);
      r->depth = 1;

      is_devices = g_str_equal (key->str, "devices");
      is_cables = g_str_equal (key->str, "cables");
      if (is_devices || is_cables)
        {
          JsonArray *empty;

          if (r->p >= r->end || *r->p != '[')
            return NULL;
          /* Devices need their types, and cables their devices: a plan
           * written by hand may name them in another order, or leave the
           * types out. Then the list is read after the rest. */
          if (has_device_types && has_cable_types && (is_devices || devices_read))
            {
              if (!types_read &&
                  !pw_type_set_add_from_json (pw_document_get_types (doc), root, &d.ctx, NULL))
                return NULL;
              types_read = TRUE;
              if (direct_list (&d, is_devices) != DIRECT_OK)
                return NULL;
              devices_read |= is_devices;
            }
          else
            {
              deferred_start[is_cables] = r->p;
              if (!fast_skip_array (r))
                return NULL;
              deferred_end[is_cables] = r->p;
            }
          /* An empty list stands in the tree for what was read, so that
           * the root's fields are where they were. */
          empty = json_array_new ();
          value = json_node_init_array (json_node_alloc (), empty);
          json_array_unref (empty);
        }
      else
        {
          if ((value = fast_value (r)) == NULL)
            return NULL;
          json_node_seal (value);
          has_device_types |= g_str_equal (key->str, "device_types");
          has_cable_types |= g_str_equal (key->str, "cable_types");
        }
      json_object_set_member (root, key->str, value);
      if (!direct_next (r, '}', &done))
        return NULL;
    }
  fast_skip_space (r);
  if (r->p != r->end)
    return NULL;

  json_node_seal (root_node);
  if (!types_read &&
      !pw_type_set_add_from_json (pw_document_get_types (doc), root, &d.ctx, NULL))
    return NULL;
  if (!direct_deferred_list (&d, deferred_start[0], deferred_end[0], TRUE) ||
      !direct_deferred_list (&d, deferred_start[1], deferred_end[1], FALSE) ||
      !resolve_cable_plugs (doc, &d.ctx, NULL))
    return NULL;
  if (!parse_root_fields (doc, root_node, &d.ctx, &devices, &cables, &suppressions, NULL) ||
      !parse_root_rest (doc, root_node, suppressions, &d.ctx, NULL))
    return NULL;
  return g_steal_pointer (&doc);
}

PwDocument *
pw_format_load_data_with (const char       *data,
                          gsize             length,
                          const char       *display_name,
                          PwFormatReaders   readers,
                          PwFormatReaders  *used,
                          GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  PwParseContext ctx = { 0 };
  PwDocument *doc;
  guint line, column;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (used != NULL)
    *used = 0;
  if (display_name == NULL)
    display_name = "(plan)";

  /* Plain JSON, and a plan that checks out: the fast ways. Anything else
   * is read again below, so that every error is reported as before.
   *
   * The direct reader refuses all that the precheck refuses but for the
   * text's encoding and size, so the precheck, another pass over the
   * whole text, runs only when it fails. It takes all the tree reader
   * takes. */
  if ((readers & PW_FORMAT_READER_DIRECT) != 0)
    {
      const char *invalid;

      if (length > 0 && length <= PW_FORMAT_MAX_FILE_SIZE &&
          validate_utf8 (data, length, &invalid) &&
          (doc = direct_parse (data, length)) != NULL)
        {
          if (used != NULL)
            *used = PW_FORMAT_READER_DIRECT;
          return doc;
        }
      if (!precheck (data, length, display_name, error))
        return NULL;
    }
  else if (!precheck (data, length, display_name, error))
    return NULL;
  else if ((readers & PW_FORMAT_READER_TREE) != 0)
    {
      g_autoptr(JsonNode) root = fast_parse (data, length);

      if (root != NULL && (doc = parse_document (root, &ctx, NULL)) != NULL)
        {
          if (used != NULL)
            *used = PW_FORMAT_READER_TREE;
          return doc;
        }
      ctx = (PwParseContext) { 0 };
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      rename_syntax_error (&local_error, display_name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  doc = parse_document (json_parser_get_root (parser), &ctx, &local_error);
  if (doc != NULL)
    {
      JsonNode *bad = find_non_finite (json_parser_get_root (parser));

      if (bad != NULL)
        {
          pw_parse_fail (&ctx, bad, &local_error, PW_FORMAT_ERROR_INVALID,
                         "the number is too large: a plan holds numbers up to about 1e308");
          g_clear_object (&doc);
        }
    }
  if (doc == NULL)
    {
      if (find_position (data, length, ctx.error_node, &line, &column))
        g_prefix_error (&local_error, "%s:%u:%u: ", display_name, line, column);
      else
        g_prefix_error (&local_error, "%s: ", display_name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return doc;
}

PwDocument *
pw_format_load_data (const char  *data,
                     gsize        length,
                     const char  *display_name,
                     GError     **error)
{
  return pw_format_load_data_with (data, length, display_name, PW_FORMAT_READER_ALL, NULL, error);
}

/* Reads at most one byte past the size limit, so that a huge file, or
 * something endless such as /dev/zero, is refused without being read. */
static char *
read_capped (const char  *path,
             gsize       *length,
             GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize size = 0, capacity = 65536;
  struct stat st;
  int fd, saved_errno;

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                   "Failed to open file “%s”: %s", path, g_strerror (saved_errno));
      return NULL;
    }
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                   "%s: this is a folder, not a plan", path);
      close (fd);
      return NULL;
    }
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > PW_FORMAT_MAX_FILE_SIZE)
    {
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_TOO_LARGE,
                   "%s: the file is %" G_GINT64_FORMAT " bytes; a plan may be at most %d MiB",
                   path, (gint64) st.st_size, PW_FORMAT_MAX_FILE_SIZE / (1024 * 1024));
      close (fd);
      return NULL;
    }

  /* Read into one buffer of the file's size, plus the byte that tells the
   * end is reached; grow it only for what is not a regular file. */
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0)
    capacity = (gsize) st.st_size + 1;
  buffer = g_malloc (capacity + 1);
  while (size <= PW_FORMAT_MAX_FILE_SIZE)
    {
      gssize n;

      if (size == capacity)
        {
          capacity = MIN (capacity * 2, (gsize) PW_FORMAT_MAX_FILE_SIZE + 1);
          buffer = g_realloc (buffer, capacity + 1);
        }
      n = read (fd, buffer + size, capacity - size);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX,
                       "Failed to read from file “%s”: %s", path, g_strerror (saved_errno));
          close (fd);
          return NULL;
        }
      if (n == 0)
        break;
      size += n;
    }
  close (fd);

  if (size > PW_FORMAT_MAX_FILE_SIZE)
    {
      g_set_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_TOO_LARGE,
                   "%s: the file is larger than %d MiB, the most a plan may be",
                   path, PW_FORMAT_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  *length = size;
  buffer[size] = '\0';
  return g_steal_pointer (&buffer);
}

PwDocument *
pw_format_load_file (const char  *path,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  PwDocument *doc;

  g_return_val_if_fail (path != NULL, NULL);

  if ((contents = read_capped (path, &length, error)) == NULL)
    return NULL;
  doc = pw_format_load_data (contents, length, path, error);
  if (doc != NULL)
    pw_document_set_file_name (doc, path);
  return doc;
}

/* Writing */

static JsonNode *
number_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  /* Whole numbers stay whole, so that a file reads back as it was written. */
  if (value == floor (value) && fabs (value) < 1e15)
    json_node_set_int (node, (gint64) value);
  else
    json_node_set_double (node, value);
  return node;
}

static void
append_extra (JsonObject *obj,
              JsonObject *extra)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (extra == NULL)
    return;
  json_object_iter_init (&iter, extra);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (obj, name, json_node_copy (node));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static JsonObject *
embedded_types (PwDocument *doc,
                gboolean    devices)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  JsonObject *types = json_object_new ();

  if (devices)
    {
      for (guint i = 0; i < pw_document_get_n_devices (doc); i++)
        {
          PwDevice *d = pw_document_get_device (doc, i);

          if (g_hash_table_add (seen, d->type_id))
            g_ptr_array_add (ids, d->type_id);
        }
    }
  else
    {
      for (guint i = 0; i < pw_document_get_n_cables (doc); i++)
        {
          PwCable *c = pw_document_get_cable (doc, i);

          /* A direct connection's type is no type a plan holds. */
          if (pw_cable_type_is_direct (c->type))
            continue;
          if (g_hash_table_add (seen, c->type_id))
            g_ptr_array_add (ids, c->type_id);
        }
    }
  g_ptr_array_sort (ids, compare_strings);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      JsonNode *source = devices
        ? pw_document_resolve_device_type (doc, id)->source
        : pw_document_resolve_cable_type (doc, id)->source;

      json_object_set_member (types, id, json_node_copy (source));
    }
  return types;
}

static JsonNode *
document_to_json (PwDocument *doc)
{
  JsonObject *root = json_object_new ();
  JsonArray *devices = json_array_new ();
  JsonArray *cables = json_array_new ();
  GArray *suppressions = pw_document_get_suppressions (doc);
  JsonNode *node;

  json_object_set_string_member (root, "format", "patchwise");
  json_object_set_int_member (root, "version", PW_FORMAT_VERSION);
  json_object_set_string_member (root, "title", pw_document_get_title (doc));
  /* The other fields only when set, so that a plan without them is
   * written as before. */
  for (PwPlanField f = PW_PLAN_TITLE + 1; f < PW_PLAN_N_FIELDS; f++)
    if (*pw_document_get_field (doc, f) != '\0')
      json_object_set_string_member (root, pw_plan_field_to_key (f),
                                     pw_document_get_field (doc, f));
  json_object_set_object_member (root, "device_types", embedded_types (doc, TRUE));
  json_object_set_object_member (root, "cable_types", embedded_types (doc, FALSE));

  for (guint i = 0; i < pw_document_get_n_devices (doc); i++)
    {
      PwDevice *d = pw_document_get_device (doc, i);
      JsonObject *obj = json_object_new ();
      JsonArray *phantom = json_array_new ();

      json_object_set_string_member (obj, "id", d->id);
      json_object_set_string_member (obj, "type", d->type_id);
      json_object_set_string_member (obj, "name", d->name);
      if (d->has_position)
        {
          json_object_set_member (obj, "x", number_node (d->x));
          json_object_set_member (obj, "y", number_node (d->y));
        }
      for (guint p = 0; p < d->type->n_ports; p++)
        if (d->phantom_on[p])
          json_array_add_string_element (phantom, d->type->ports[p].id);
      json_object_set_array_member (obj, "phantom_on", phantom);
      json_object_set_boolean_member (obj, "ground_lift_on", d->ground_lift_on);
      append_extra (obj, d->extra);
      json_array_add_object_element (devices, obj);
    }
  json_object_set_array_member (root, "devices", devices);

  for (guint i = 0; i < pw_document_get_n_cables (doc); i++)
    {
      PwCable *c = pw_document_get_cable (doc, i);
      JsonObject *obj = json_object_new ();
      JsonObject *ends = json_object_new ();

      json_object_set_string_member (obj, "id", c->id);
      json_object_set_string_member (obj, "type", c->type_id);
      json_object_set_string_member (obj, "label", c->label);
      if (c->has_length)
        json_object_set_member (obj, "length_m", number_node (c->length_m));
      for (guint e = 0; e < c->type->n_ends; e++)
        {
          PwPlug *plug = &c->ends[e];
          JsonObject *end;

          if (plug->device == NULL && plug->cable == NULL)
            continue;
          end = json_object_new ();
          if (plug->cable != NULL)
            {
              json_object_set_string_member (end, "cable", plug->cable->id);
              json_object_set_string_member (end, "end", plug->cable->type->ends[plug->end].id);
            }
          else
            {
              json_object_set_string_member (end, "device", plug->device->id);
              json_object_set_string_member (end, "port",
                                             plug->device->type->ports[plug->port].id);
            }
          json_object_set_object_member (ends, c->type->ends[e].id, end);
        }
      json_object_set_object_member (obj, "ends", ends);
      append_extra (obj, c->extra);
      json_array_add_object_element (cables, obj);
    }
  json_object_set_array_member (root, "cables", cables);

  if (suppressions->len > 0)
    {
      JsonArray *list = json_array_new ();

      for (guint i = 0; i < suppressions->len; i++)
        {
          PwSuppression *s = &g_array_index (suppressions, PwSuppression, i);
          JsonObject *obj = json_object_new ();

          json_object_set_string_member (obj, "code", s->code);
          if (s->cable != NULL)
            json_object_set_string_member (obj, "cable", s->cable);
          json_array_add_object_element (list, obj);
        }
      json_object_set_array_member (root, "suppressions", list);
    }

  if (pw_document_get_revisions (doc)->len > 0)
    {
      GArray *revisions = pw_document_get_revisions (doc);
      JsonArray *list = json_array_new ();

      for (guint i = 0; i < revisions->len; i++)
        {
          PwRevision *r = &g_array_index (revisions, PwRevision, i);
          JsonObject *obj = json_object_new ();

          json_object_set_string_member (obj, "revision", r->revision);
          json_object_set_string_member (obj, "date", r->date);
          json_object_set_string_member (obj, "changes", r->changes);
          json_array_add_object_element (list, obj);
        }
      json_object_set_array_member (root, "revisions", list);
    }
  if (pw_document_has_numbering (doc))
    json_object_set_member (root, "numbering",
                            pw_numbering_to_json (pw_document_get_numbering (doc)));
  if (pw_document_has_stock_lengths (doc))
    json_object_set_member (root, "stock_lengths_m",
                            pw_stock_lengths_to_json (pw_document_get_stock_lengths (doc)));
  append_extra (root, pw_document_get_extra (doc));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

/* json-glib 1.6 writes a double that prints with an exponent and no
 * point (1e+41) as "1e+41.0", which is not JSON and would not read back.
 * Such numbers come only from what is kept as it was read (unknown fields,
 * embedded types). Take the stray ".0" out, outside strings. */
static void
repair_exponents (char *text)
{
  gboolean in_string = FALSE;
  const char *r = text;
  char *w = text;

  while (*r != '\0')
    {
      if (in_string)
        {
          if (*r == '\\' && r[1] != '\0')
            *w++ = *r++;
          else if (*r == '"')
            in_string = FALSE;
          *w++ = *r++;
        }
      else if (*r == '"')
        {
          in_string = TRUE;
          *w++ = *r++;
        }
      else if ((*r == 'e' || *r == 'E') && w > text && g_ascii_isdigit (w[-1]))
        {
          *w++ = *r++;
          if (*r == '+' || *r == '-')
            *w++ = *r++;
          while (g_ascii_isdigit (*r))
            *w++ = *r++;
          if (r[0] == '.' && r[1] == '0' && !g_ascii_isdigit (r[2]))
            r += 2;
        }
      else
        *w++ = *r++;
    }
  *w = '\0';
}

char *
pw_format_save_data (PwDocument *document,
                     gsize      *length)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  g_return_val_if_fail (PW_IS_DOCUMENT (document), NULL);

  root = document_to_json (document);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  repair_exponents (text);
  if (length != NULL)
    *length = strlen (text) + 1;
  /* End the file with a newline, as text files do. */
  return g_strconcat (text, "\n", NULL);
}

/* Writes a temporary file beside @path and renames it over @path, so that
 * a failed save (full disk, read-only folder) leaves the old file whole. */
gboolean
pw_format_save_file (PwDocument  *document,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (PW_IS_DOCUMENT (document), FALSE);

  data = pw_format_save_data (document, &length);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644,
                                 &local_error))
    {
      g_set_error (error, G_FILE_ERROR, local_error->code, "Could not save “%s”: %s",
                   path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
