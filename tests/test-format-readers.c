/* test-format-readers.c: the loader's fast readers against json-glib
 *
 * A plan is read by the direct reader (devices and cables straight from
 * the text), else by the tree reader, else by json-glib, which also gives
 * every error message. Whatever reads it, the document must be the same:
 * the same saved text, or the same error. Each plan here is loaded three
 * ways (all readers, the tree reader only, json-glib only) and compared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pw-format-private.h"

#define SEED 20261127

typedef struct
{
  guint n_plans;
  guint n_direct;
  guint n_tree;
  guint n_json_glib;
  guint n_refused;
} Tally;

static Tally tally;

static PwDocument *
load_with (const char      *text,
           gsize            length,
           PwFormatReaders  readers,
           PwFormatReaders *used,
           GError         **error)
{
  return pw_format_load_data_with (text, length, "plan.patchwise", readers, used, error);
}

static void
assert_same (PwDocument *expected,
             GError     *expected_error,
             PwDocument *doc,
             GError     *error,
             const char *label,
             const char *reader)
{
  if (expected == NULL)
    {
      if (doc != NULL)
        g_test_fail_printf ("%s: the %s reader loads what json-glib refuses (%s)",
                            label, reader, expected_error->message);
      else if (g_strcmp0 (expected_error->message, error->message) != 0 ||
               expected_error->code != error->code)
        g_test_fail_printf ("%s: the %s reader's error\n  %s\ndiffers from json-glib's\n  %s",
                            label, reader, error->message, expected_error->message);
      return;
    }
  if (doc == NULL)
    {
      g_test_fail_printf ("%s: the %s reader refuses what json-glib loads: %s",
                          label, reader, error->message);
      return;
    }
  {
    g_autofree char *want = pw_format_save_data (expected, NULL);
    g_autofree char *got = pw_format_save_data (doc, NULL);

    if (strcmp (want, got) != 0)
      g_test_fail_printf ("%s: the %s reader's document differs from json-glib's", label, reader);
  }
}

/* Loads @text three ways and compares. Returns the reader that read it
 * when all were allowed (0: json-glib, or refused). */
static PwFormatReaders
compare_readers (const char *text,
                 gsize       length,
                 const char *label)
{
  g_autoptr(GError) json_error = NULL, tree_error = NULL, all_error = NULL;
  g_autoptr(PwDocument) json = NULL, tree = NULL, all = NULL;
  PwFormatReaders used = 0, tree_used = 0;

  json = load_with (text, length, 0, NULL, &json_error);
  tree = load_with (text, length, PW_FORMAT_READER_TREE, &tree_used, &tree_error);
  all = load_with (text, length, PW_FORMAT_READER_ALL, &used, &all_error);

  g_assert_true ((json == NULL) == (json_error != NULL));
  assert_same (json, json_error, tree, tree_error, label, "tree");
  assert_same (json, json_error, all, all_error, label, "direct");

  tally.n_plans++;
  if (json == NULL)
    tally.n_refused++;
  else if (used == PW_FORMAT_READER_DIRECT)
    tally.n_direct++;
  else if (used == PW_FORMAT_READER_TREE)
    tally.n_tree++;
  else
    tally.n_json_glib++;
  return used;
}

static GPtrArray *
read_dir (const char *dir_path)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".patchwise"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      char *contents;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_ptr_array_add (texts, g_bytes_new_take (contents, length));
    }
  return texts;
}

/* The examples as written by hand (no types, "key": value) and as
 * Patchwise saves them (types first, "key" : value). */
static GPtrArray *
examples (void)
{
  const char *root = g_getenv ("PW_SOURCE_ROOT");
  g_autofree char *path = NULL;
  GPtrArray *texts;
  guint n;

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "examples", NULL);
  texts = read_dir (path);
  n = texts->len;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length;
      const char *text = g_bytes_get_data (g_ptr_array_index (texts, i), &length);
      g_autoptr(PwDocument) doc = pw_format_load_data (text, length, "example", &error);
      char *saved;

      g_assert_no_error (error);
      saved = pw_format_save_data (doc, &length);
      g_ptr_array_add (texts, g_bytes_new_take (saved, strlen (saved)));
    }
  return texts;
}

static void
compare_dir (const char *name,
             gboolean    plain)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, name, NULL);
  g_autoptr(GPtrArray) texts = read_dir (path);

  g_assert_cmpuint (texts->len, >, 0);
  for (guint i = 0; i < texts->len; i++)
    {
      gsize length;
      const char *text = g_bytes_get_data (g_ptr_array_index (texts, i), &length);
      g_autofree char *label = g_strdup_printf ("%s #%u", name, i + 1);
      PwFormatReaders used = compare_readers (text, length, label);

      /* Plans as Patchwise writes them take the direct way. */
      if (plain)
        g_assert_cmpint (used, ==, PW_FORMAT_READER_DIRECT);
    }
}

static void
test_examples (void)
{
  g_autoptr(GPtrArray) texts = examples ();

  for (guint i = 0; i < texts->len; i++)
    {
      gsize length;
      const char *text = g_bytes_get_data (g_ptr_array_index (texts, i), &length);
      g_autofree char *label = g_strdup_printf ("example #%u", i + 1);

      g_assert_cmpint (compare_readers (text, length, label), ==, PW_FORMAT_READER_DIRECT);
    }
}

static void
test_checks (void)
{
  compare_dir ("checks", FALSE);
}

static void
test_malformed (void)
{
  compare_dir ("malformed", FALSE);
}

static void
test_hostile (void)
{
  compare_dir ("hostile", FALSE);
}

/* Edits of a plan's tree, each making what the direct reader must hand
 * on (or refuse) in one way. */

typedef void (*EditFunc) (JsonObject *obj,
                          gboolean    is_device,
                          guint       n);

static JsonObject *
reversed (JsonObject *obj)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) names = json_object_get_members (obj);

  names = g_list_reverse (names);
  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (obj, l->data)));
  return copy;
}

static void
edit_unknown_fields (JsonObject *obj,
                     gboolean    is_device,
                     guint       n)
{
  if (n % 3 != 0)
    return;
  json_object_set_string_member (obj, "zz_note", "kept");
  json_object_set_null_member (obj, "aa");
  json_object_set_double_member (obj, "m", 0.125 * n);
  if (n % 2 == 0)
    {
      JsonObject *nested = json_object_new ();

      json_object_set_int_member (nested, "k", n);
      json_object_set_object_member (obj, "nested", nested);
    }
}

static void
edit_unknown_end_fields (JsonObject *obj,
                         gboolean    is_device,
                         guint       n)
{
  JsonNode *ends = json_object_get_member (obj, "ends");
  JsonObjectIter iter;
  JsonNode *end;

  if (is_device || ends == NULL || !JSON_NODE_HOLDS_OBJECT (ends))
    return;
  json_object_iter_init (&iter, json_node_get_object (ends));
  while (json_object_iter_next (&iter, NULL, &end))
    if (JSON_NODE_HOLDS_OBJECT (end))
      json_object_set_string_member (json_node_get_object (end), "colour", "red");
}

static void
edit_numbers (JsonObject *obj,
              gboolean    is_device,
              guint       n)
{
  static const double values[] = { 0.5, -0.0, 1e-7, 123.456, 9999999.5, 1e7, 0.1, 2.675 };
  const char *member = is_device ? (n % 2 ? "x" : "y") : "length_m";

  if (json_object_has_member (obj, member))
    json_object_set_double_member (obj, member, values[n % G_N_ELEMENTS (values)]);
}

static void
edit_nulls (JsonObject *obj,
            gboolean    is_device,
            guint       n)
{
  JsonNode *ends = json_object_get_member (obj, "ends");

  if (is_device || ends == NULL || !JSON_NODE_HOLDS_OBJECT (ends))
    return;
  if (n % 4 == 0)
    json_object_set_null_member (obj, "ends");
  else if (n % 4 == 1)
    {
      g_autoptr(GList) names = json_object_get_members (json_node_get_object (ends));

      if (names != NULL)
        json_object_set_null_member (json_node_get_object (ends), names->data);
    }
}

static void
edit_strings (JsonObject *obj,
              gboolean    is_device,
              guint       n)
{
  const char *member = is_device ? "name" : "label";
  g_autofree char *text = g_strdup_printf ("\"Quoted\" \\ é – ✓ \t%u/", n);

  json_object_set_string_member (obj, member, n % 5 == 0 ? "" : text);
}

static void
edit_remove_optional (JsonObject *obj,
                      gboolean    is_device,
                      guint       n)
{
  if (is_device)
    {
      json_object_remove_member (obj, n % 2 ? "name" : "phantom_on");
      if (n % 3 == 0)
        json_object_remove_member (obj, "ground_lift_on");
    }
  else
    json_object_remove_member (obj, n % 2 ? "label" : "length_m");
}

/* Applies @edit to every device and cable of @text (reversing the
 * members of each as well when @reverse) and writes it out again. */
static char *
edited_plan (GBytes    *text,
             EditFunc   edit,
             gboolean   reverse,
             gboolean   pretty)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  const char *data = g_bytes_get_data (text, &length);
  JsonObject *root;
  const char * const lists[] = { "devices", "cables" };

  g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *array;

      if (!json_object_has_member (root, lists[l]))
        continue;
      array = json_object_get_array_member (root, lists[l]);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *el = json_array_get_element (array, i);
          JsonObject *obj = json_node_get_object (el);

          if (edit != NULL)
            edit (obj, l == 0, i);
          if (reverse)
            json_node_take_object (el, reversed (obj));
        }
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, pretty);
  return json_generator_to_data (generator, NULL);
}

static void
test_edits (void)
{
  g_autoptr(GPtrArray) texts = examples ();
  const struct
  {
    const char *name;
    EditFunc    edit;
  } edits[] = {
    { "unchanged", NULL },
    { "unknown fields", edit_unknown_fields },
    { "unknown end fields", edit_unknown_end_fields },
    { "numbers", edit_numbers },
    { "nulls", edit_nulls },
    { "strings", edit_strings },
    { "optional fields left out", edit_remove_optional },
  };

  for (guint t = 0; t < texts->len; t++)
    for (guint e = 0; e < G_N_ELEMENTS (edits); e++)
      for (guint v = 0; v < 4; v++)
        {
          gboolean reverse = v & 1, pretty = v & 2;
          g_autofree char *plan = edited_plan (g_ptr_array_index (texts, t), edits[e].edit,
                                               reverse, pretty);
          g_autofree char *label = g_strdup_printf ("example #%u, %s%s%s", t + 1, edits[e].name,
                                                    reverse ? ", members reversed" : "",
                                                    pretty ? ", pretty" : "");

          compare_readers (plan, strlen (plan), label);
        }
}

/* Text-level edits: what a generator never writes. */
static void
test_spellings (void)
{
  g_autoptr(GPtrArray) texts = examples ();
  const struct
  {
    const char *pattern;
    const char *replacement;
  } spellings[] = {
    { "\"type\"", "\"typ\\u0065\"" },                  /* an escaped field name */
    { "\"id\" : \"", "\"id\" : \"\\u00e9\\/" },       /* escapes in an id */
    { "\"device\" : \"", "\"device\" : \"\\u0064\\u0031" },
    { "\"port\" : \"", "\"port\" : \"\\n" },
    { "\"x\" : ", "\"x\" : -0" },                     /* -0370 and the like: leading zeros */
    { "\"x\" : ", "\"x\" : 1e2 , \"_\" : " },
    { "\"y\" : ", "\"y\" : 12345678901234567890 , \"_y\" : " },
    { "\"y\" : ", "\"y\" : 1e400 , \"_y\" : " },
    { "\"length_m\" : ", "\"length_m\" : 1.0E+1 , \"_l\" : " },
    { "\"length_m\" : ", "\"length_m\" : \"10\" , \"_l\" : " },
    { "\"phantom_on\" : [", "\"phantom_on\" : [ \"no-such-port\", " },
    { "\"phantom_on\" : [", "\"phantom_on\" : [ 1, " },
    { "\"ground_lift_on\" : false", "\"ground_lift_on\" : true" },
    { "\"ground_lift_on\" : false", "\"ground_lift_on\" : null" },
    { "\"name\" : ", "\"name\" : null, \"_n\" : " },
    { "\"ends\" : {", "\"ends\" : { \"zz\" : null, " },
    { "\"ends\" : {", "\"ends\" : { \"a\" : null, " },
    { "\"label\" : ", "\"label\" : 7, \"_l\" : " },
    { "\"devices\" : [", "\"devices\" : [ 1, " },
    { "\"devices\" : [", "\"devices\" : [ {}, " },
    { "\"cables\" : [", "\"cables\" : [ { \"id\" : \"C1\", \"type\" : \"xlr-f-m\" }, " },
    { "\"version\" : 1", "\"version\" : 2" },
    { "\"version\" : 1", "\"version\" : 1.0" },
    { "\"format\" : \"patchwise\"", "\"format\" : \"patchwis\\u0065\"" },
    { "\"title\"", "\"zz_unknown\" : [1, {\"a\": null}], \"title\"" },
    { "\"devices\"", "\"suppressions\" : [ { \"code\" : \"cable-end-open\" } ], \"devices\"" },
    { "\"devices\"", "\"devic\\u0065s\"" },
    /* Fields named twice: the precheck's to refuse. */
    { "\"name\" : ", "\"name\" : \"x\", \"name\" : " },
    { "\"name\" : ", "\"name\" : \"x\", \"n\\u0061me\" : " },
    { "\"id\" : ", "\"id\" : \"x\", \"id\" : " },
    { "\"type\" : ", "\"type\" : \"x\", \"type\" : " },
    { "\"x\" : ", "\"x\" : 1, \"x\" : " },
    { "\"phantom_on\" : ", "\"phantom_on\" : [], \"phantom_on\" : " },
    { "\"ground_lift_on\" : ", "\"ground_lift_on\" : false, \"ground_lift_on\" : " },
    { "\"label\" : ", "\"label\" : \"x\", \"label\" : " },
    { "\"length_m\" : ", "\"length_m\" : 1, \"length_m\" : " },
    { "\"ends\" : ", "\"ends\" : null, \"ends\" : " },
    { "\"port\" : ", "\"port\" : \"x\", \"port\" : " },
    { "\"device\" : ", "\"device\" : \"x\", \"device\" : " },
    { "\"b\" : {", "\"b\" : null, \"b\" : {" },
    { "\"title\" : ", "\"title\" : \"x\", \"title\" : " },
    { "\"format\" : ", "\"devices\" : [], \"format\" : " },
    { "\"id\" : ", "\"zz\" : { \"k\" : 1, \"k\" : 2 }, \"id\" : " },
    { "\"title\" : ", "\"zz\" : { \"k\" : 1, \"\\u006b\" : 2 }, \"title\" : " },
    /* What JSON has not, in the direct reader's way. */
    { "\"name\" : ", "\"name\" : 'x', \"_\" : " },
    { "\"name\" : ", "/* c */ \"name\" : " },
    { "\"id\" : \"", "\"id\" : \"\\ud800" },
    { "\"id\" : \"", "\"id\" : \"\\u0000" },
    { "\"id\" : \"", "\"id\" : \"\\u12" },
    { "\"id\" : \"", "\"id\" : \"\\x" },
    { "\"id\" : \"", "\"id\" : \"\t" },
  };

  for (guint t = 0; t < texts->len; t++)
    {
      gsize length;
      const char *text = g_bytes_get_data (g_ptr_array_index (texts, t), &length);

      for (guint s = 0; s < 2 * G_N_ELEMENTS (spellings); s++)
        {
          g_autoptr(GString) plan = g_string_new_len (text, length);
          g_autoptr(GString) pattern = g_string_new (spellings[s / 2].pattern);
          g_autoptr(GString) replacement = g_string_new (spellings[s / 2].replacement);
          g_autofree char *label = NULL;
          guint n;

          /* As Patchwise writes a field, and as people do. */
          if (s % 2 == 1)
            {
              g_string_replace (pattern, "\" : ", "\": ", 0);
              g_string_replace (replacement, "\" : ", "\": ", 0);
            }
          /* Every occurrence, then only the first. */
          n = g_string_replace (plan, pattern->str, replacement->str, 0);
          if (n == 0)
            continue;
          label = g_strdup_printf ("example #%u, every %s", t + 1, pattern->str);
          compare_readers (plan->str, plan->len, label);

          g_string_assign (plan, "");
          g_string_append_len (plan, text, length);
          g_string_replace (plan, pattern->str, replacement->str, 1);
          g_free (label);
          label = g_strdup_printf ("example #%u, first %s", t + 1, pattern->str);
          compare_readers (plan->str, plan->len, label);
        }
    }
}

/* The plan's parts in another order: types after the devices, cables
 * before the devices. */
static void
test_member_order (void)
{
  g_autoptr(GPtrArray) texts = examples ();
  const char * const orders[][8] = {
    { "devices", "cables", "device_types", "cable_types", "title", "version", "format", NULL },
    { "format", "version", "device_types", "cable_types", "cables", "devices", "title", NULL },
    { "version", "format", "cable_types", "device_types", "devices", "title", "cables", NULL },
    { "device_types", "devices", "cable_types", "cables", "format", "version", "title", NULL },
  };

  for (guint t = 0; t < texts->len; t++)
    for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
        JsonObject *from, *to = json_object_new ();
        gsize length;
        const char *text = g_bytes_get_data (g_ptr_array_index (texts, t), &length);
        g_autofree char *plan = NULL;
        g_autofree char *label = g_strdup_printf ("example #%u, order %u", t + 1, o + 1);

        g_assert_true (json_parser_load_from_data (parser, text, length, NULL));
        from = json_node_get_object (json_parser_get_root (parser));
        for (guint m = 0; orders[o][m] != NULL; m++)
          if (json_object_has_member (from, orders[o][m]))
            json_object_set_member (to, orders[o][m],
                                    json_node_copy (json_object_get_member (from, orders[o][m])));
        json_node_take_object (root, to);
        json_generator_set_root (generator, root);
        plan = json_generator_to_data (generator, NULL);
        compare_readers (plan, strlen (plan), label);
      }
}

/* Nesting at the limit and past it, in each place the direct reader
 * hands a value on to the tree reader. */
static void
test_depth (void)
{
  g_autoptr(GPtrArray) texts = examples ();
  const struct
  {
    const char *pattern;
    guint       above;   /* the levels open around the value */
  } places[] = {
    { "\"title\"", 1 },
    { "\"id\"", 3 },         /* in a device or a cable */
  };

  for (guint t = 0; t < texts->len; t++)
    for (guint p = 0; p < G_N_ELEMENTS (places); p++)
      for (int extra = -1; extra <= 1; extra++)
        {
          gsize length;
          const char *text = g_bytes_get_data (g_ptr_array_index (texts, t), &length);
          g_autoptr(GString) plan = g_string_new_len (text, length);
          g_autoptr(GString) deep = g_string_new ("\"zz\": ");
          g_autofree char *label = NULL;
          guint levels = PW_FORMAT_MAX_DEPTH - places[p].above + extra;
          PwFormatReaders used;

          for (guint l = 0; l < levels; l++)
            g_string_append (deep, l % 2 ? "[" : "{\"k\": ");
          g_string_append (deep, "0");
          for (guint l = levels; l > 0; l--)
            g_string_append (deep, (l - 1) % 2 ? "]" : "}");
          g_string_append (deep, ", ");
          g_string_append (deep, places[p].pattern);
          g_string_replace (plan, places[p].pattern, deep->str, 0);
          label = g_strdup_printf ("example #%u, %u levels before %s", t + 1, levels,
                                   places[p].pattern);
          used = compare_readers (plan->str, plan->len, label);
          /* Port ids nest deeper than device ids: only plans without types
           * say exactly where the limit falls. */
          if (extra > 0)
            g_assert_cmpint (used, ==, 0);
          else if (strstr (text, "device_types") == NULL)
            g_assert_cmpint (used, ==, PW_FORMAT_READER_DIRECT);
        }
}

/* Small random damage, of the kind that keeps most of a plan plain JSON. */
static void
test_mutants (void)
{
  g_autoptr(GPtrArray) texts = examples ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  static const char * const tokens[] = {
    "null", "true", "false", "0", "-0", "1.5", "1e400", "007", "\"\"", "\"x\"", "{}", "[]",
    "\"zz\": 1, ", ",", ":", "\"", "\\u0041", "\\u0000", " ", "\n", "}", "]", "{", "[",
    "\"d1\"", "\"out\"", "\"in\"", "\"a\"", "\"b\"", "\"xlr-f-m\"",
  };
  static const char * const values[] = {
    "null", "true", "false", "0", "-0", "1.5", "-2.25e1", "1e400", "1e7", "10000001", "100000",
    "100001", "0.1", "\"\"", "\"x\"", "\"d1\"", "\"d2\"", "\"in\"", "\"out\"", "\"a\"",
    "\"xlr-f-m\"", "\"C1\"", "\"\\u0064\\u0031\"", "{}", "[]", "[\"in\"]", "[1]",
    "{\"device\": \"d1\", \"port\": \"out\"}", "\"x\", \"zz\": {\"k\": [1, 2]}",
  };
  const char *env = g_getenv ("PW_MUTANTS");
  guint n = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 1000;
  Tally before = tally;

  for (guint i = 0; i < n; i++)
    {
      GBytes *original = g_ptr_array_index (texts, g_rand_int_range (rand, 0, texts->len));
      gsize length;
      const char *text = g_bytes_get_data (original, &length);
      g_autoptr(GString) plan = g_string_new_len (text, length);
      g_autofree char *label = g_strdup_printf ("mutant %u", i);
      guint n_edits = g_rand_int_range (rand, 1, 3);

      for (guint e = 0; e < n_edits; e++)
        {
          gsize at = g_rand_int_range (rand, 0, plan->len);
          gsize span = g_rand_int_range (rand, 1, 12);
          const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];

          span = MIN (span, plan->len - at);

          switch (g_rand_int_range (rand, 0, 5))
            {
            case 3:
            case 4:
              {
                /* A value replaced: the text from a colon to the end of
                 * the line, or to the next comma. */
                const char *colon = strstr (plan->str + at, ": ");
                gsize from, to;

                if (colon == NULL)
                  break;
                from = colon - plan->str + 2;
                for (to = from; to < plan->len && plan->str[to] != ',' && plan->str[to] != '\n';
                     to++)
                  ;
                if (plan->str[from] == '{' || plan->str[from] == '[')
                  break;
                g_string_erase (plan, from, to - from);
                g_string_insert (plan, from, values[g_rand_int_range (rand, 0,
                                                                      G_N_ELEMENTS (values))]);
              }
              break;
            case 0:
              g_string_erase (plan, at, span);
              break;
            case 1:
              g_string_insert (plan, at, token);
              break;
            default:
              g_string_erase (plan, at, span);
              g_string_insert (plan, at, token);
              break;
            }
        }
      compare_readers (plan->str, plan->len, label);
    }
  g_test_message ("%u mutants: %u read directly, %u by json-glib, %u refused", n,
                  tally.n_direct - before.n_direct, tally.n_json_glib - before.n_json_glib,
                  tally.n_refused - before.n_refused);
  /* Enough of them load, or the damage is too strong to test much. */
  g_assert_cmpuint (tally.n_direct - before.n_direct, >, n / 10);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format-readers/examples", test_examples);
  g_test_add_func ("/format-readers/checks", test_checks);
  g_test_add_func ("/format-readers/malformed", test_malformed);
  g_test_add_func ("/format-readers/hostile", test_hostile);
  g_test_add_func ("/format-readers/edits", test_edits);
  g_test_add_func ("/format-readers/spellings", test_spellings);
  g_test_add_func ("/format-readers/member-order", test_member_order);
  g_test_add_func ("/format-readers/depth", test_depth);
  g_test_add_func ("/format-readers/mutants", test_mutants);
  status = g_test_run ();
  g_test_message ("%u plans: %u read directly, %u as a tree, %u by json-glib, %u refused",
                  tally.n_plans, tally.n_direct, tally.n_tree, tally.n_json_glib, tally.n_refused);
  return status;
}
