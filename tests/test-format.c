/* test-format.c: the .patchwise file format — what a save writes is what a
 * load reads, unknown fields survive, types travel with the plan, type
 * look-up follows the documented order, and a failed save leaves the old
 * file whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pw-format.h"

/* A scratch folder for the whole run; the user library lives in it. */
static char *tmp_dir;

/* The user library: one type of its own, one cable type of its own, and one
 * type that shadows a built-in id (the library comes before the catalogue). */
static const char user_library[] =
  "{\n"
  "  \"device_types\": {\n"
  "    \"my-box\": {\n"
  "      \"name\": \"My box\", \"category\": \"processors\", \"earthed\": true,\n"
  "      \"ports\": [\n"
  "        { \"id\": \"in\", \"direction\": \"in\", \"connector\": \"xlr3\", \"gender\": \"female\",\n"
  "          \"signal\": \"analog\", \"level\": \"line_pro\",\n"
  "          \"pins\": { \"1\": \"ground\", \"2\": \"hot\", \"3\": \"cold\" } },\n"
  "        { \"id\": \"out\", \"direction\": \"out\", \"connector\": \"xlr3\", \"gender\": \"male\",\n"
  "          \"signal\": \"analog\", \"level\": \"line_pro\",\n"
  "          \"pins\": { \"1\": \"ground\", \"2\": \"hot\", \"3\": \"cold\" } }\n"
  "      ]\n"
  "    },\n"
  "    \"turntable\": {\n"
  "      \"name\": \"My turntable\", \"category\": \"sources\",\n"
  "      \"ports\": [\n"
  "        { \"id\": \"my-out\", \"direction\": \"out\", \"connector\": \"rca\", \"gender\": \"female\",\n"
  "          \"signal\": \"analog\", \"level\": \"phono\", \"pins\": { \"pin\": \"signal\", \"shield\": \"ground\" } }\n"
  "      ]\n"
  "    }\n"
  "  },\n"
  "  \"cable_types\": {\n"
  "    \"my-lead\": {\n"
  "      \"name\": \"My lead\", \"kind\": \"cable\", \"balanced\": true,\n"
  "      \"ends\": [ { \"id\": \"a\", \"connector\": \"xlr3\", \"gender\": \"female\" },\n"
  "                { \"id\": \"b\", \"connector\": \"xlr3\", \"gender\": \"male\" } ],\n"
  "      \"wires\": [ { \"join\": [ \"a.2\", \"b.2\" ], \"pair\": 1 },\n"
  "                 { \"join\": [ \"a.3\", \"b.3\" ], \"pair\": 1 },\n"
  "                 { \"join\": [ \"a.1\", \"b.1\" ], \"shield\": true } ]\n"
  "    }\n"
  "  }\n"
  "}\n";

/* Built-in types, an embedded one, positions (whole and not), phantom,
 * ground lift, lengths, labels, an unplugged end and suppressions. */
static const char full_plan[] =
  "{\n"
  "  \"format\": \"patchwise\",\n"
  "  \"version\": 1,\n"
  "  \"title\": \"Vocal booth \\u2014 \\\"A\\\"\",\n"
  "  \"device_types\": {\n"
  "    \"t-wedge\": {\n"
  "      \"name\": \"Wedge\", \"category\": \"monitoring\", \"earthed\": true,\n"
  "      \"ports\": [\n"
  "        { \"id\": \"in\", \"label\": \"Input\", \"direction\": \"in\", \"connector\": \"xlr3\",\n"
  "          \"gender\": \"female\", \"signal\": \"analog\", \"level\": \"line_pro\",\n"
  "          \"pins\": { \"1\": \"ground\", \"2\": \"hot\", \"3\": \"cold\" } }\n"
  "      ]\n"
  "    }\n"
  "  },\n"
  "  \"devices\": [\n"
  "    { \"id\": \"mic1\", \"type\": \"condenser-mic\", \"name\": \"Vocal mic\", \"x\": 40, \"y\": 80.25 },\n"
  "    { \"id\": \"desk\", \"type\": \"small-mixer\", \"x\": -300, \"y\": 0,\n"
  "      \"phantom_on\": [ \"ch2\", \"ch1\" ] },\n"
  "    { \"id\": \"di\", \"type\": \"passive-di\", \"ground_lift_on\": true },\n"
  "    { \"id\": \"wedge\", \"type\": \"t-wedge\", \"x\": 500, \"y\": 1e3 }\n"
  "  ],\n"
  "  \"cables\": [\n"
  "    { \"id\": \"C1\", \"type\": \"xlr-f-m\", \"label\": \"Vocal\", \"length_m\": 10,\n"
  "      \"ends\": { \"a\": { \"device\": \"mic1\", \"port\": \"out\" },\n"
  "                \"b\": { \"device\": \"desk\", \"port\": \"ch1\" } } },\n"
  "    { \"id\": \"C2\", \"type\": \"xlr-f-m\", \"length_m\": 2.5,\n"
  "      \"ends\": { \"b\": { \"device\": \"wedge\", \"port\": \"in\" } } },\n"
  "    { \"id\": \"C3\", \"type\": \"xlr-f-m\" }\n"
  "  ],\n"
  "  \"suppressions\": [\n"
  "    { \"code\": \"phantom-into-unbalanced\" },\n"
  "    { \"code\": \"level-mismatch\", \"cable\": \"C2\" }\n"
  "  ]\n"
  "}\n";

/* Helpers */

static PwDocument *
load (const char *text)
{
  g_autoptr(GError) error = NULL;
  PwDocument *doc = pw_format_load_data (text, strlen (text), "test.patchwise", &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static char *
save (PwDocument *doc)
{
  gsize length = 0;
  char *text = pw_format_save_data (doc, &length);

  g_assert_nonnull (text);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_true (g_str_has_suffix (text, "}\n"));
  return text;
}

/* The saved text as JSON, to look at what was written. */
static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
member_object (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static JsonObject *
element_object (JsonObject *obj,
                const char *array_name,
                guint       index)
{
  JsonNode *node = json_object_get_member (obj, array_name);
  JsonArray *array;

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  array = json_node_get_array (node);
  g_assert_cmpuint (index, <, json_array_get_length (array));
  return json_array_get_object_element (array, index);
}

static void
assert_json_member (JsonObject *obj,
                    const char *name,
                    const char *expected_json)
{
  g_autoptr(JsonNode) expected = parse_json (expected_json);
  JsonNode *actual = json_object_get_member (obj, name);

  g_assert_nonnull (actual);
  if (!json_node_equal (actual, expected))
    {
      g_autofree char *text = json_to_string (actual, FALSE);

      g_test_fail_printf ("member '%s' is %s, expected %s", name, text, expected_json);
    }
}

static PwDevice *
device (PwDocument *doc,
        const char *id)
{
  PwDevice *d = pw_document_lookup_device (doc, id);

  g_assert_nonnull (d);
  g_assert_cmpstr (d->id, ==, id);
  return d;
}

static PwCable *
cable (PwDocument *doc,
       const char *id)
{
  PwCable *c = pw_document_lookup_cable (doc, id);

  g_assert_nonnull (c);
  g_assert_cmpstr (c->id, ==, id);
  return c;
}

static int
port_index (PwDevice   *d,
            const char *port_id)
{
  int p = pw_device_type_find_port (d->type, port_id);

  g_assert_cmpint (p, >=, 0);
  return p;
}

/* Asserts that end @end_id of @c plugs into @device_id.@port_id, or, with
 * @device_id NULL, into nothing. */
static void
assert_end (PwCable    *c,
            const char *end_id,
            const char *device_id,
            const char *port_id)
{
  int e = pw_cable_type_find_end (c->type, end_id);

  g_assert_cmpint (e, >=, 0);
  if (device_id == NULL)
    {
      g_assert_null (c->ends[e].device);
      return;
    }
  g_assert_nonnull (c->ends[e].device);
  g_assert_cmpstr (c->ends[e].device->id, ==, device_id);
  g_assert_cmpstr (c->ends[e].device->type->ports[c->ends[e].port].id, ==, port_id);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static char *
make_scratch_dir (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
  return path;
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0755);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* What the full plan holds, checked on any document loaded from it or from
 * a save of it. */
static void
assert_full_plan (PwDocument *doc)
{
  PwDevice *mic1, *desk, *di, *wedge;
  PwCable *c1, *c2, *c3;
  GArray *suppressions;
  PwSuppression *s;

  g_assert_cmpstr (pw_document_get_title (doc), ==, "Vocal booth \u2014 \"A\"");
  g_assert_cmpuint (pw_document_get_n_devices (doc), ==, 4);
  g_assert_cmpuint (pw_document_get_n_cables (doc), ==, 3);

  /* Order is kept. */
  g_assert_cmpstr (pw_document_get_device (doc, 0)->id, ==, "mic1");
  g_assert_cmpstr (pw_document_get_device (doc, 3)->id, ==, "wedge");
  g_assert_cmpstr (pw_document_get_cable (doc, 0)->id, ==, "C1");
  g_assert_cmpstr (pw_document_get_cable (doc, 2)->id, ==, "C3");

  mic1 = device (doc, "mic1");
  g_assert_cmpstr (mic1->type_id, ==, "condenser-mic");
  g_assert_cmpstr (mic1->name, ==, "Vocal mic");
  g_assert_true (mic1->has_position);
  g_assert_cmpfloat (mic1->x, ==, 40);
  g_assert_cmpfloat (mic1->y, ==, 80.25);
  g_assert_false (mic1->ground_lift_on);

  desk = device (doc, "desk");
  g_assert_cmpstr (desk->type_id, ==, "small-mixer");
  g_assert_cmpstr (desk->name, ==, desk->type->name);
  g_assert_cmpfloat (desk->x, ==, -300);
  g_assert_cmpfloat (desk->y, ==, 0);
  g_assert_true (desk->phantom_on[port_index (desk, "ch1")]);
  g_assert_true (desk->phantom_on[port_index (desk, "ch2")]);
  g_assert_false (desk->phantom_on[port_index (desk, "ch3")]);
  g_assert_false (desk->phantom_on[port_index (desk, "ch4")]);

  di = device (doc, "di");
  g_assert_true (di->ground_lift_on);
  g_assert_false (di->has_position);

  wedge = device (doc, "wedge");
  g_assert_cmpstr (wedge->type->id, ==, "t-wedge");
  g_assert_cmpstr (wedge->name, ==, "Wedge");
  g_assert_cmpfloat (wedge->x, ==, 500);
  g_assert_cmpfloat (wedge->y, ==, 1000);
  g_assert_true (pw_type_set_lookup_device (pw_document_get_types (doc), "t-wedge") == wedge->type);

  c1 = cable (doc, "C1");
  g_assert_cmpstr (c1->type_id, ==, "xlr-f-m");
  g_assert_cmpstr (c1->label, ==, "Vocal");
  g_assert_true (c1->has_length);
  g_assert_cmpfloat (c1->length_m, ==, 10);
  assert_end (c1, "a", "mic1", "out");
  assert_end (c1, "b", "desk", "ch1");
  g_assert_true (pw_document_find_cable_at (doc, desk, port_index (desk, "ch1"), NULL) == c1);

  c2 = cable (doc, "C2");
  g_assert_cmpstr (c2->label, ==, "C2");
  g_assert_true (c2->has_length);
  g_assert_cmpfloat (c2->length_m, ==, 2.5);
  assert_end (c2, "a", NULL, NULL);
  assert_end (c2, "b", "wedge", "in");

  c3 = cable (doc, "C3");
  g_assert_false (c3->has_length);
  assert_end (c3, "a", NULL, NULL);
  assert_end (c3, "b", NULL, NULL);

  suppressions = pw_document_get_suppressions (doc);
  g_assert_cmpuint (suppressions->len, ==, 2);
  s = &g_array_index (suppressions, PwSuppression, 0);
  g_assert_cmpstr (s->code, ==, "phantom-into-unbalanced");
  g_assert_null (s->cable);
  s = &g_array_index (suppressions, PwSuppression, 1);
  g_assert_cmpstr (s->code, ==, "level-mismatch");
  g_assert_cmpstr (s->cable, ==, "C2");
}

/* Tests */

/* Direct connections, cable ends in cable ends, lift bridges and
 * couplings survive a save and a load, and the direct type is never
 * embedded. */
static const char topology_plan[] =
  "{ \"format\": \"patchwise\", \"version\": 1,\n"
  "  \"device_types\": {\n"
  "    \"t-amp\": { \"name\": \"Amp\", \"ports\": [\n"
  "      { \"id\": \"phones\", \"direction\": \"out\", \"connector\": \"trs-6.35\", \"gender\": \"female\",\n"
  "        \"level\": \"headphone\", \"pins\": { \"tip\": \"left\", \"ring\": \"right\", \"sleeve\": \"ground\" } } ] },\n"
  "    \"t-hp\": { \"name\": \"Headphones\", \"ports\": [\n"
  "      { \"id\": \"plug\", \"direction\": \"in\", \"connector\": \"trs-6.35\", \"gender\": \"male\",\n"
  "        \"level\": \"headphone\", \"pins\": { \"tip\": \"left\", \"ring\": \"right\", \"sleeve\": \"ground\" } } ] },\n"
  "    \"t-di\": { \"name\": \"DI\", \"ports\": [\n"
  "      { \"id\": \"in\", \"direction\": \"passive\", \"connector\": \"ts-6.35\", \"gender\": \"female\",\n"
  "        \"pins\": { \"tip\": \"signal\", \"sleeve\": \"ground\" } },\n"
  "      { \"id\": \"out\", \"direction\": \"passive\", \"connector\": \"xlr3\", \"gender\": \"male\",\n"
  "        \"pins\": { \"1\": \"ground\", \"2\": \"hot\", \"3\": \"cold\" } } ],\n"
  "      \"bridges\": [ { \"join\": [ \"in.sleeve\", \"out.1\" ], \"lift\": true } ],\n"
  "      \"couplings\": [ { \"from\": \"in\", \"to\": \"out\", \"kind\": \"transformer\", \"pad_db\": 20 } ] }\n"
  "  },\n"
  "  \"cable_types\": {\n"
  "    \"t-ext\": { \"name\": \"Extension\", \"ends\": [ { \"id\": \"a\", \"connector\": \"trs-6.35\", \"gender\": \"female\" },\n"
  "                                              { \"id\": \"b\", \"connector\": \"trs-6.35\", \"gender\": \"male\" } ],\n"
  "      \"wires\": [ { \"join\": [ \"a.tip\", \"b.tip\" ] }, { \"join\": [ \"a.ring\", \"b.ring\" ] },\n"
  "                 { \"join\": [ \"a.sleeve\", \"b.sleeve\" ] } ] }\n"
  "  },\n"
  "  \"devices\": [ { \"id\": \"amp\", \"type\": \"t-amp\" }, { \"id\": \"hp\", \"type\": \"t-hp\" },\n"
  "               { \"id\": \"di\", \"type\": \"t-di\", \"ground_lift_on\": true } ],\n"
  "  \"cables\": [\n"
  "    { \"id\": \"C1\", \"type\": \"t-ext\", \"length_m\": 5, \"ends\": { \"b\": { \"cable\": \"C2\", \"end\": \"a\" } } },\n"
  "    { \"id\": \"C2\", \"type\": \"t-ext\", \"length_m\": 5, \"ends\": { \"b\": { \"device\": \"amp\", \"port\": \"phones\" } } },\n"
  "    { \"id\": \"D1\", \"type\": \"direct\", \"ends\": { \"a\": { \"cable\": \"C1\", \"end\": \"a\" },\n"
  "                                                \"b\": { \"device\": \"hp\", \"port\": \"plug\" } } }\n"
  "  ] }\n";

static void
assert_topology_plan (PwDocument *doc)
{
  PwCable *c1 = pw_document_lookup_cable (doc, "C1");
  PwCable *c2 = pw_document_lookup_cable (doc, "C2");
  PwCable *d1 = pw_document_lookup_cable (doc, "D1");
  PwDevice *di = pw_document_lookup_device (doc, "di");

  g_assert_nonnull (c1);
  g_assert_nonnull (d1);
  g_assert_true (c1->ends[1].cable == c2);
  g_assert_cmpint (c1->ends[1].end, ==, 0);
  g_assert_null (c2->ends[0].device);
  g_assert_null (c2->ends[0].cable);
  g_assert_true (pw_cable_type_is_direct (d1->type));
  g_assert_true (d1->ends[0].cable == c1);
  g_assert_cmpint (d1->ends[0].end, ==, 0);
  g_assert_cmpstr (d1->ends[1].device->id, ==, "hp");
  g_assert_true (di->type->ground_lift);
  g_assert_true (di->type->bridges[0].lift);
  g_assert_cmpuint (di->type->n_couplings, ==, 1);
  g_assert_cmpint (di->type->couplings[0].kind, ==, PW_COUPLING_TRANSFORMER);
  g_assert_cmpfloat (di->type->couplings[0].pad_db, ==, 20);
}

static void
test_round_trip_topology (void)
{
  g_autoptr(PwDocument) first = load (topology_plan);
  g_autoptr(PwDocument) second = NULL;
  g_autofree char *saved1 = NULL;
  g_autofree char *saved2 = NULL;
  g_autoptr(JsonNode) root = NULL;

  assert_topology_plan (first);
  saved1 = save (first);
  root = json_from_string (saved1, NULL);
  g_assert_false (json_object_has_member (json_object_get_object_member (json_node_get_object (root),
                                                                         "cable_types"),
                                          "direct"));
  second = load (saved1);
  assert_topology_plan (second);
  saved2 = save (second);
  g_assert_cmpstr (saved2, ==, saved1);
}

static void
test_round_trip (void)
{
  g_autoptr(PwDocument) first = load (full_plan);
  g_autoptr(PwDocument) second = NULL;
  g_autoptr(PwDocument) third = NULL;
  g_autofree char *saved1 = NULL;
  g_autofree char *saved2 = NULL;
  g_autofree char *saved3 = NULL;

  assert_full_plan (first);

  saved1 = save (first);
  second = load (saved1);
  assert_full_plan (second);

  saved2 = save (second);
  g_assert_cmpstr (saved2, ==, saved1);

  third = load (saved2);
  assert_full_plan (third);
  saved3 = save (third);
  g_assert_cmpstr (saved3, ==, saved1);
}

static void
test_round_trip_numbers (void)
{
  g_autoptr(PwDocument) doc = load (full_plan);
  g_autofree char *saved = save (doc);
  g_autoptr(JsonNode) root = parse_json (saved);
  JsonObject *mic1, *c1, *c2;

  /* Whole numbers stay whole, so that a file reads back as it was written. */
  mic1 = element_object (json_node_get_object (root), "devices", 0);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (mic1, "x")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (mic1, "x"), ==, 40);
  g_assert_cmpfloat (json_object_get_double_member (mic1, "y"), ==, 80.25);

  c1 = element_object (json_node_get_object (root), "cables", 0);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (c1, "length_m")), ==,
                   G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (c1, "length_m"), ==, 10);
  c2 = element_object (json_node_get_object (root), "cables", 1);
  g_assert_cmpfloat (json_object_get_double_member (c2, "length_m"), ==, 2.5);

  /* A device without a position is written without one. */
  g_assert_false (json_object_has_member (element_object (json_node_get_object (root),
                                                          "devices", 2), "x"));
}

static void
test_round_trip_fractions (void)
{
  static const char plan[] =
    "{ \"format\": \"patchwise\", \"version\": 1,\n"
    "  \"devices\": [ { \"id\": \"m\", \"type\": \"dynamic-mic\", \"x\": 0.1, \"y\": -12.3 } ],\n"
    "  \"cables\": [ { \"id\": \"C1\", \"type\": \"xlr-f-m\", \"length_m\": 0.3 } ] }\n";
  g_autoptr(PwDocument) first = load (plan);
  g_autofree char *saved1 = save (first);
  g_autoptr(PwDocument) second = load (saved1);
  g_autofree char *saved2 = save (second);

  /* The exact double comes back, however the generator spells it. */
  g_assert_cmpfloat (device (second, "m")->x, ==, 0.1);
  g_assert_cmpfloat (device (second, "m")->y, ==, -12.3);
  g_assert_cmpfloat (cable (second, "C1")->length_m, ==, 0.3);
  g_assert_cmpstr (saved2, ==, saved1);
}

static void
test_unknown_fields (void)
{
  static const char plan[] =
    "{\n"
    "  \"format\": \"patchwise\", \"version\": 1, \"title\": \"Extras\",\n"
    "  \"x-editor\": { \"zoom\": 1.5, \"grid\": [ 10, 20 ], \"snap\": true },\n"
    "  \"x-comment\": \"kept\",\n"
    "  \"device_types\": {\n"
    "    \"t-box\": { \"name\": \"Box\", \"x-vendor\": \"Acme\",\n"
    "      \"ports\": [ { \"id\": \"in\", \"direction\": \"in\", \"connector\": \"xlr3\",\n"
    "                   \"gender\": \"female\", \"x-note\": \"front\",\n"
    "                   \"pins\": { \"1\": \"ground\", \"2\": \"hot\", \"3\": \"cold\" } } ] }\n"
    "  },\n"
    "  \"devices\": [\n"
    "    { \"id\": \"box\", \"type\": \"t-box\", \"x-color\": \"red\",\n"
    "      \"x-tags\": [ \"a\", 1, null, { \"deep\": [ false ] } ] },\n"
    "    { \"id\": \"mic\", \"type\": \"dynamic-mic\" }\n"
    "  ],\n"
    "  \"cables\": [\n"
    "    { \"id\": \"C1\", \"type\": \"xlr-f-m\", \"x-note\": { \"colour\": \"blue\", \"n\": 2.5 },\n"
    "      \"ends\": { \"a\": { \"device\": \"mic\", \"port\": \"out\" },\n"
    "                \"b\": { \"device\": \"box\", \"port\": \"in\" } } }\n"
    "  ]\n"
    "}\n";
  g_autoptr(PwDocument) first = load (plan);
  g_autofree char *saved1 = save (first);
  g_autoptr(PwDocument) second = load (saved1);
  g_autofree char *saved2 = save (second);
  g_autoptr(JsonNode) root_node = parse_json (saved2);
  JsonObject *root = json_node_get_object (root_node);
  JsonObject *box, *mic, *c1, *type, *port;

  /* In memory. */
  g_assert_nonnull (pw_document_get_extra (second));
  g_assert_true (json_object_has_member (pw_document_get_extra (second), "x-editor"));
  g_assert_nonnull (device (second, "box")->extra);
  g_assert_null (device (second, "mic")->extra);
  g_assert_nonnull (cable (second, "C1")->extra);

  /* On disk, after two saves. */
  g_assert_cmpstr (saved2, ==, saved1);
  assert_json_member (root, "x-editor", "{ \"zoom\": 1.5, \"grid\": [ 10, 20 ], \"snap\": true }");
  assert_json_member (root, "x-comment", "\"kept\"");

  box = element_object (root, "devices", 0);
  assert_json_member (box, "x-color", "\"red\"");
  assert_json_member (box, "x-tags", "[ \"a\", 1, null, { \"deep\": [ false ] } ]");
  mic = element_object (root, "devices", 1);
  g_assert_false (json_object_has_member (mic, "x-color"));

  c1 = element_object (root, "cables", 0);
  assert_json_member (c1, "x-note", "{ \"colour\": \"blue\", \"n\": 2.5 }");

  /* Unknown fields of an embedded type travel with the type. */
  type = member_object (member_object (root, "device_types"), "t-box");
  assert_json_member (type, "x-vendor", "\"Acme\"");
  port = json_array_get_object_element (json_object_get_array_member (type, "ports"), 0);
  assert_json_member (port, "x-note", "\"front\"");
}

static void
test_embeds_builtin_types (void)
{
  static const char plan[] =
    "{ \"format\": \"patchwise\", \"version\": 1,\n"
    "  \"devices\": [ { \"id\": \"mic1\", \"type\": \"dynamic-mic\" },\n"
    "                 { \"id\": \"mic2\", \"type\": \"dynamic-mic\" },\n"
    "                 { \"id\": \"desk\", \"type\": \"small-mixer\" } ],\n"
    "  \"cables\": [ { \"id\": \"C1\", \"type\": \"xlr-f-m\",\n"
    "                \"ends\": { \"a\": { \"device\": \"mic1\", \"port\": \"out\" },\n"
    "                          \"b\": { \"device\": \"desk\", \"port\": \"ch1\" } } } ] }\n";
  g_autoptr(PwDocument) first = load (plan);
  PwTypeSet *builtin = pw_catalogue_get_builtin ();
  PwTypeSet *own;
  g_autofree char *saved = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(PwDocument) second = NULL;
  JsonObject *root, *device_types, *cable_types;

  /* Loaded from the catalogue: the document holds no types of its own. */
  own = pw_document_get_types (first);
  g_assert_null (pw_type_set_lookup_device (own, "dynamic-mic"));
  g_assert_true (device (first, "mic1")->type ==
                 pw_type_set_lookup_device (builtin, "dynamic-mic"));

  saved = save (first);
  root_node = parse_json (saved);
  root = json_node_get_object (root_node);

  /* Every type in use, and only those, once each. */
  device_types = member_object (root, "device_types");
  g_assert_cmpuint (json_object_get_size (device_types), ==, 2);
  g_assert_true (json_object_has_member (device_types, "dynamic-mic"));
  g_assert_true (json_object_has_member (device_types, "small-mixer"));
  cable_types = member_object (root, "cable_types");
  g_assert_cmpuint (json_object_get_size (cable_types), ==, 1);
  g_assert_true (json_node_equal (json_object_get_member (cable_types, "xlr-f-m"),
                                  pw_type_set_lookup_cable (builtin, "xlr-f-m")->source));
  g_assert_true (json_node_equal (json_object_get_member (device_types, "dynamic-mic"),
                                  pw_type_set_lookup_device (builtin, "dynamic-mic")->source));

  /* Loaded again, the types come from the document itself. */
  second = load (saved);
  own = pw_document_get_types (second);
  g_assert_nonnull (pw_type_set_lookup_device (own, "dynamic-mic"));
  g_assert_nonnull (pw_type_set_lookup_device (own, "small-mixer"));
  g_assert_nonnull (pw_type_set_lookup_cable (own, "xlr-f-m"));
  g_assert_true (device (second, "mic1")->type == pw_type_set_lookup_device (own, "dynamic-mic"));
  g_assert_true (device (second, "desk")->type == pw_type_set_lookup_device (own, "small-mixer"));
  g_assert_true (cable (second, "C1")->type == pw_type_set_lookup_cable (own, "xlr-f-m"));
  g_assert_true (pw_document_resolve_device_type (second, "dynamic-mic") ==
                 pw_type_set_lookup_device (own, "dynamic-mic"));
  assert_end (cable (second, "C1"), "b", "desk", "ch1");
}

/* The port fields of DESIGN.md v2 §3 are read, resolved and written back. */
static const char v2_ports_plan[] =
  "{ \"format\": \"patchwise\", \"version\": 1,\n"
  "  \"device_types\": { \"t-box\": { \"name\": \"Box\", \"ports\": [\n"
  "    { \"id\": \"in1\", \"direction\": \"in\", \"connector\": \"combo\", \"gender\": \"female\",\n"
  "      \"level\": \"mic\", \"jack_level\": \"instrument\", \"phantom\": \"available\",\n"
  "      \"phantom_on_jack\": true,\n"
  "      \"pins\": { \"1\": \"ground\", \"2\": \"hot\", \"3\": \"cold\",\n"
  "                \"tip\": \"hot\", \"ring\": \"cold\", \"sleeve\": \"ground\" } },\n"
  "    { \"id\": \"in2\", \"direction\": \"in\", \"connector\": \"combo\", \"gender\": \"female\",\n"
  "      \"level\": \"mic\", \"jack_level\": \"instrument\", \"jack_input\": \"differential\",\n"
  "      \"pins\": { \"1\": \"ground\", \"2\": \"hot\", \"3\": \"cold\",\n"
  "                \"tip\": \"hot\", \"ring\": \"cold\", \"sleeve\": \"ground\" } },\n"
  "    { \"id\": \"out\", \"direction\": \"out\", \"connector\": \"trs-6.35\", \"gender\": \"female\",\n"
  "      \"level\": \"line_pro\", \"output\": \"servo_balanced\",\n"
  "      \"pins\": { \"tip\": \"hot\", \"ring\": \"cold\", \"sleeve\": \"ground\" } },\n"
  "    { \"id\": \"headset\", \"direction\": \"out\", \"connector\": \"trrs-3.5\", \"gender\": \"female\",\n"
  "      \"level\": \"headphone\",\n"
  "      \"pins\": { \"tip\": \"left\", \"ring1\": \"right\", \"ring2\": \"ground\", \"sleeve\": \"mic\" } },\n"
  "    { \"id\": \"multi\", \"direction\": \"in\", \"connector\": \"db25\", \"gender\": \"female\",\n"
  "      \"level\": \"line_pro\", \"pins\": { \"24\": \"hot\", \"12\": \"cold\", \"25\": \"ground\" } }\n"
  "  ] } },\n"
  "  \"devices\": [ { \"id\": \"box\", \"type\": \"t-box\" } ] }\n";

static void
assert_v2_ports (PwDocument *doc)
{
  const PwDeviceType *type = device (doc, "box")->type;
  const PwPortType *in1 = &type->ports[0], *in2 = &type->ports[1];
  const PwPortType *out = &type->ports[2], *headset = &type->ports[3], *multi = &type->ports[4];

  g_assert_cmpint (in1->jack_level, ==, PW_LEVEL_INSTRUMENT);
  g_assert_true (in1->phantom_on_jack);
  /* A Hi-Z jack is single-ended unless the type says otherwise; the XLR
   * part stays differential. */
  g_assert_cmpint (in1->jack_input, ==, PW_INPUT_SINGLE_ENDED);
  g_assert_cmpint (in1->input, ==, PW_INPUT_DIFFERENTIAL);
  g_assert_cmpint (in2->jack_input, ==, PW_INPUT_DIFFERENTIAL);
  g_assert_false (in2->phantom_on_jack);
  g_assert_cmpint (out->output, ==, PW_OUTPUT_SERVO_BALANCED);
  /* The mic of a headset socket listens; its port's level is not its own. */
  g_assert_cmpint (pw_port_type_role_kind (headset, PW_ROLE_MIC), ==, PW_ROLE_KIND_SINK);
  g_assert_cmpint (pw_port_type_role_kind (headset, PW_ROLE_LEFT), ==, PW_ROLE_KIND_DRIVER);
  g_assert_cmpint (pw_port_type_role_level (headset, PW_ROLE_MIC, FALSE), ==, PW_LEVEL_MIC);
  g_assert_cmpint (pw_port_type_role_level (headset, PW_ROLE_LEFT, FALSE), ==, PW_LEVEL_HEADPHONE);
  g_assert_cmpint (pw_port_type_role_level (in1, PW_ROLE_HOT, TRUE), ==, PW_LEVEL_INSTRUMENT);
  g_assert_cmpint (multi->roles[pw_family_find_contact (multi->family, "24")], ==, PW_ROLE_HOT);
}

static void
test_v2_port_fields (void)
{
  g_autoptr(PwDocument) first = load (v2_ports_plan);
  g_autoptr(PwDocument) second = NULL;
  g_autofree char *saved1 = NULL, *saved2 = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  JsonObject *port;

  assert_v2_ports (first);
  saved1 = save (first);
  root_node = parse_json (saved1);
  port = json_array_get_object_element (
    json_object_get_array_member (member_object (member_object (json_node_get_object (root_node),
                                                                "device_types"), "t-box"),
                                  "ports"), 1);
  assert_json_member (port, "jack_input", "\"differential\"");
  second = load (saved1);
  assert_v2_ports (second);
  saved2 = save (second);
  g_assert_cmpstr (saved2, ==, saved1);
}

static void
test_embedded_type_wins (void)
{
  /* A document's own "dynamic-mic" with two outputs; the built-in has one,
   * named "out". */
  static const char plan[] =
    "{ \"format\": \"patchwise\", \"version\": 1,\n"
    "  \"device_types\": {\n"
    "    \"dynamic-mic\": { \"name\": \"Stereo dynamic\",\n"
    "      \"ports\": [\n"
    "        { \"id\": \"left\", \"direction\": \"out\", \"connector\": \"xlr3\", \"gender\": \"male\",\n"
    "          \"level\": \"mic\", \"pins\": { \"1\": \"ground\", \"2\": \"hot\", \"3\": \"cold\" } },\n"
    "        { \"id\": \"right\", \"direction\": \"out\", \"connector\": \"xlr3\", \"gender\": \"male\",\n"
    "          \"level\": \"mic\", \"pins\": { \"1\": \"ground\", \"2\": \"hot\", \"3\": \"cold\" } } ] } },\n"
    "  \"devices\": [ { \"id\": \"mic\", \"type\": \"dynamic-mic\" },\n"
    "                 { \"id\": \"desk\", \"type\": \"small-mixer\" } ],\n"
    "  \"cables\": [ { \"id\": \"C1\", \"type\": \"xlr-f-m\",\n"
    "                \"ends\": { \"a\": { \"device\": \"mic\", \"port\": \"right\" },\n"
    "                          \"b\": { \"device\": \"desk\", \"port\": \"ch2\" } } } ] }\n";
  g_autoptr(PwDocument) doc = load (plan);
  g_autoptr(PwDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) wrong = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GString) old_port = NULL;
  g_autoptr(JsonNode) root = NULL;
  PwDevice *mic = device (doc, "mic");
  JsonObject *type;

  g_assert_true (mic->type == pw_type_set_lookup_device (pw_document_get_types (doc),
                                                         "dynamic-mic"));
  g_assert_true (mic->type != pw_type_set_lookup_device (pw_catalogue_get_builtin (),
                                                         "dynamic-mic"));
  g_assert_cmpstr (mic->name, ==, "Stereo dynamic");
  g_assert_cmpuint (mic->type->n_ports, ==, 2);
  g_assert_cmpint (pw_device_type_find_port (mic->type, "out"), ==, -1);
  assert_end (cable (doc, "C1"), "a", "mic", "right");

  /* The built-in's port is not there. */
  old_port = g_string_new (plan);
  g_assert_cmpuint (g_string_replace (old_port, "\"port\": \"right\"", "\"port\": \"out\"", 0),
                    ==, 1);
  wrong = pw_format_load_data (old_port->str, old_port->len, "wrong.patchwise", &error);
  g_assert_null (wrong);
  g_assert_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message,
                            "cable C1: end a names port 'out', which device 'mic' does not have"));

  /* Saved, the document's version is what is embedded. */
  saved = save (doc);
  root = parse_json (saved);
  type = member_object (member_object (json_node_get_object (root), "device_types"),
                        "dynamic-mic");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (type, "ports")), ==, 2);
  again = load (saved);
  g_assert_cmpuint (device (again, "mic")->type->n_ports, ==, 2);
}

static void
test_user_library (void)
{
  static const char plan[] =
    "{ \"format\": \"patchwise\", \"version\": 1,\n"
    "  \"devices\": [ { \"id\": \"box\", \"type\": \"my-box\" },\n"
    "                 { \"id\": \"mic\", \"type\": \"dynamic-mic\" },\n"
    "                 { \"id\": \"deck\", \"type\": \"turntable\" } ],\n"
    "  \"cables\": [ { \"id\": \"C1\", \"type\": \"my-lead\",\n"
    "                \"ends\": { \"a\": { \"device\": \"mic\", \"port\": \"out\" },\n"
    "                          \"b\": { \"device\": \"box\", \"port\": \"in\" } } } ] }\n";
  g_autoptr(PwDocument) doc = load (plan);
  g_autoptr(PwDocument) again = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(JsonNode) root = NULL;
  PwTypeSet *user = pw_catalogue_get_user ();
  PwDevice *box = device (doc, "box");
  PwDevice *deck = device (doc, "deck");

  g_assert_nonnull (pw_type_set_lookup_device (user, "my-box"));
  g_assert_true (box->type == pw_type_set_lookup_device (user, "my-box"));
  g_assert_cmpstr (box->name, ==, "My box");
  g_assert_cmpuint (box->type->n_ports, ==, 2);
  g_assert_true (cable (doc, "C1")->type == pw_type_set_lookup_cable (user, "my-lead"));
  assert_end (cable (doc, "C1"), "b", "box", "in");

  /* The library comes before the built-in catalogue. */
  g_assert_nonnull (pw_type_set_lookup_device (pw_catalogue_get_builtin (), "turntable"));
  g_assert_true (deck->type == pw_type_set_lookup_device (user, "turntable"));
  g_assert_cmpint (pw_device_type_find_port (deck->type, "my-out"), ==, 0);

  /* Saved, the plan carries the library's types, and opens without it. */
  saved = save (doc);
  root = parse_json (saved);
  g_assert_true (json_object_has_member (member_object (json_node_get_object (root),
                                                        "device_types"), "my-box"));
  g_assert_true (json_object_has_member (member_object (json_node_get_object (root),
                                                        "cable_types"), "my-lead"));
  again = load (saved);
  g_assert_nonnull (pw_type_set_lookup_device (pw_document_get_types (again), "my-box"));
  g_assert_true (device (again, "box")->type ==
                 pw_type_set_lookup_device (pw_document_get_types (again), "my-box"));
}

static void
test_unknown_type (void)
{
  static const char plan[] =
    "{ \"format\": \"patchwise\", \"version\": 1,\n"
    "  \"devices\": [ { \"id\": \"box\", \"type\": \"nobodys-box\" } ] }\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = pw_format_load_data (plan, strlen (plan), "u.patchwise", &error);

  g_assert_null (doc);
  g_assert_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_UNKNOWN_TYPE);
  g_assert_true (g_str_has_prefix (error->message, "u.patchwise:2:"));
  g_assert_true (g_str_has_suffix (error->message,
                                   ": device 'box': type 'nobodys-box' is not in the plan's "
                                   "device_types, the user library or the built-in catalogue"));
}

static void
test_newer_version (void)
{
  static const char * const plans[] = {
    "{ \"format\": \"patchwise\", \"version\": 2, \"devices\": [] }",
    "{ \"format\": \"patchwise\", \"version\": 99,\n"
    "  \"devices\": [ { \"id\": \"x\", \"type\": \"a-type-from-the-future\" } ],\n"
    "  \"hologram\": true }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwDocument) doc = pw_format_load_data (plans[i], strlen (plans[i]),
                                                       "new.patchwise", &error);

      g_assert_null (doc);
      g_assert_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_VERSION);
      g_assert_true (g_str_has_prefix (error->message, "new.patchwise:1:"));
      g_assert_nonnull (strstr (error->message, "newer Patchwise"));
      g_assert_nonnull (strstr (error->message, i == 0 ? "version 2" : "version 99"));
    }
}

static void
test_current_version (void)
{
  /* A plan of the current version with nothing in it loads empty. */
  g_autofree char *plan = g_strdup_printf ("{ \"format\": \"patchwise\", \"version\": %d }",
                                           PW_FORMAT_VERSION);
  g_autoptr(PwDocument) doc = load (plan);

  g_assert_cmpuint (pw_document_get_n_devices (doc), ==, 0);
  g_assert_cmpuint (pw_document_get_n_cables (doc), ==, 0);
  g_assert_cmpstr (pw_document_get_title (doc), ==, "");
}

static void
test_title (void)
{
  g_autofree char *dir = make_scratch_dir ("title");
  g_autofree char *path = g_build_filename (dir, "plan.patchwise", NULL);
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *title = "Studio B \u2014 \"live\" room\tA\\B\nsecond line";

  pw_document_set_title (doc, title);
  g_assert_cmpstr (pw_document_get_title (doc), ==, title);
  g_assert_true (pw_format_save_file (doc, path, &error));
  g_assert_no_error (error);

  loaded = pw_format_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (pw_document_get_title (loaded), ==, title);
}

/* Client, venue and revision read back as written; a plan without them
 * is written without them, and its title is its file's name. */
static void
test_plan_fields (void)
{
  g_autofree char *dir = make_scratch_dir ("plan-fields");
  g_autofree char *path = g_build_filename (dir, "Main stage.v2.patchwise", NULL);
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwDocument) loaded = NULL;
  g_autoptr(PwDocument) bare = load ("{ \"format\": \"patchwise\", \"version\": 1 }");
  g_autoptr(GError) error = NULL;
  g_autofree char *bare_text = save (bare);
  g_autofree char *display = NULL;

  g_assert_null (strstr (bare_text, "\"client\""));
  g_assert_null (strstr (bare_text, "\"venue\""));
  g_assert_null (strstr (bare_text, "\"revision\""));
  g_assert_null (pw_document_dup_display_title (bare));

  pw_document_set_field (doc, PW_PLAN_CLIENT, "Théâtre \"Nord\"");
  pw_document_set_field (doc, PW_PLAN_VENUE, "Hall 2");
  pw_document_set_field (doc, PW_PLAN_REVISION, "C");
  g_assert_true (pw_format_save_file (doc, path, &error));
  g_assert_no_error (error);

  loaded = pw_format_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_document_get_field (loaded, PW_PLAN_TITLE), ==, "");
  g_assert_cmpstr (pw_document_get_field (loaded, PW_PLAN_CLIENT), ==, "Théâtre \"Nord\"");
  g_assert_cmpstr (pw_document_get_field (loaded, PW_PLAN_VENUE), ==, "Hall 2");
  g_assert_cmpstr (pw_document_get_field (loaded, PW_PLAN_REVISION), ==, "C");
  g_object_get (loaded, "revision", &display, NULL);
  g_assert_cmpstr (display, ==, "C");
  g_clear_pointer (&display, g_free);

  /* The revision list reads back in its order. */
  {
    g_autoptr(PwDocument) listed = pw_document_new ();
    g_autoptr(PwDocument) back = NULL;
    g_autofree char *text = NULL;
    GArray *revisions;

    pw_document_insert_revision (listed, 0, "A", "2026-11-02", "first issue");
    pw_document_insert_revision (listed, 1, "B", "2026-11-20", "changed cable C4; added "
                                 "device mic3");
    text = save (listed);
    back = load (text);
    revisions = pw_document_get_revisions (back);
    g_assert_cmpuint (revisions->len, ==, 2);
    g_assert_cmpstr (g_array_index (revisions, PwRevision, 0).revision, ==, "A");
    g_assert_cmpstr (g_array_index (revisions, PwRevision, 1).date, ==, "2026-11-20");
    g_assert_cmpstr (g_array_index (revisions, PwRevision, 1).changes, ==,
                     "changed cable C4; added device mic3");
    g_assert_null (strstr (bare_text, "\"revisions\""));
  }

  /* No title: the file's name without its last extension. */
  display = pw_document_dup_display_title (loaded);
  g_assert_cmpstr (display, ==, "Main stage.v2");
  g_clear_pointer (&display, g_free);
  pw_document_set_title (loaded, "FOH");
  display = pw_document_dup_display_title (loaded);
  g_assert_cmpstr (display, ==, "FOH");
}

static void
test_save_file_writes_save_data (void)
{
  g_autofree char *dir = make_scratch_dir ("same-bytes");
  g_autofree char *path = g_build_filename (dir, "plan.patchwise", NULL);
  g_autoptr(PwDocument) doc = load (full_plan);
  g_autoptr(PwDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = save (doc);
  g_autofree char *on_disk = NULL;

  g_assert_true (pw_format_save_file (doc, path, &error));
  g_assert_no_error (error);
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, data);

  loaded = pw_format_load_file (path, &error);
  g_assert_no_error (error);
  assert_full_plan (loaded);
}

static void
test_save_replaces_whole (void)
{
  g_autofree char *dir = make_scratch_dir ("replace");
  g_autofree char *path = g_build_filename (dir, "plan.patchwise", NULL);
  g_autoptr(PwDocument) doc = load (full_plan);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = save (doc);
  g_autofree char *on_disk = NULL;
  g_autoptr(GString) old = g_string_new (NULL);

  /* An old file much longer than the new one: nothing of it may remain. */
  for (guint i = 0; i < 2000; i++)
    g_string_append (old, "old content that must not survive the save\n");
  write_file (path, old->str);

  g_assert_true (pw_format_save_file (doc, path, &error));
  g_assert_no_error (error);
  on_disk = read_file (path);
  g_assert_cmpstr (on_disk, ==, data);

  /* No temporary file is left beside it. */
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

static void
test_save_missing_folder (void)
{
  g_autofree char *parent = g_build_filename (tmp_dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (parent, "plan.patchwise", NULL);
  g_autoptr(PwDocument) doc = load (full_plan);
  g_autoptr(GError) error = NULL;

  g_assert_false (g_file_test (parent, G_FILE_TEST_EXISTS));
  g_assert_false (pw_format_save_file (doc, path, &error));
  g_assert_nonnull (error);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  /* The message names the file, for the user to see where. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (parent, G_FILE_TEST_EXISTS));
}

static void
test_save_read_only_folder (void)
{
  g_autofree char *dir = make_scratch_dir ("read-only");
  g_autofree char *path = g_build_filename (dir, "plan.patchwise", NULL);
  g_autoptr(PwDocument) old_doc = pw_document_new ();
  g_autoptr(PwDocument) new_doc = load (full_plan);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = save (new_doc);
  g_autofree char *on_disk = NULL;
  gboolean saved;

  pw_document_set_title (old_doc, "Old plan");
  g_assert_true (pw_format_save_file (old_doc, path, &error));
  g_assert_no_error (error);
  old_text = read_file (path);

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  saved = pw_format_save_file (new_doc, path, &error);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  on_disk = read_file (path);
  if (saved)
    {
      /* Permissions do not bind root: then the save went through, whole. */
      g_autoptr(PwDocument) loaded = NULL;

      g_test_message ("the read-only folder was written to (running as root?)");
      g_assert_no_error (error);
      g_assert_cmpstr (on_disk, ==, new_text);
      loaded = pw_format_load_file (path, &error);
      g_assert_no_error (error);
      assert_full_plan (loaded);
    }
  else
    {
      /* The old file is untouched, and the error says why. */
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_cmpstr (on_disk, ==, old_text);
    }

  /* Either way, the plan is the only file there. */
  g_assert_cmpuint (count_entries (dir), ==, 1);
}

static void
test_empty_document (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autofree char *saved = save (doc);
  g_autoptr(PwDocument) loaded = load (saved);
  g_autofree char *again = save (loaded);

  g_assert_cmpuint (pw_document_get_n_devices (loaded), ==, 0);
  g_assert_cmpstr (again, ==, saved);
}

static void
test_load_is_all_or_nothing (void)
{
  /* The failure comes late, in the last cable: nothing may be returned. */
  static const char plan[] =
    "{ \"format\": \"patchwise\", \"version\": 1,\n"
    "  \"devices\": [ { \"id\": \"mic\", \"type\": \"dynamic-mic\" },\n"
    "                 { \"id\": \"desk\", \"type\": \"small-mixer\" } ],\n"
    "  \"cables\": [ { \"id\": \"C1\", \"type\": \"xlr-f-m\",\n"
    "                \"ends\": { \"a\": { \"device\": \"mic\", \"port\": \"out\" } } },\n"
    "              { \"id\": \"C2\", \"type\": \"xlr-f-m\",\n"
    "                \"ends\": { \"b\": { \"device\": \"desk\", \"port\": \"ch9\" } } } ] }\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = pw_format_load_data (plan, strlen (plan), "late.patchwise",
                                                   &error);

  g_assert_null (doc);
  g_assert_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "late.patchwise:7:"));
  g_assert_true (g_str_has_suffix (error->message,
                                   ": cable C2: end b names port 'ch9', which device 'desk' "
                                   "does not have"));
}

static void
test_load_missing_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "absent.patchwise", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = pw_format_load_file (path, &error);

  g_assert_null (doc);
  g_assert_nonnull (error);
  g_assert_true (error->domain == PW_FORMAT_ERROR);
  g_assert_nonnull (strstr (error->message, path));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;
  g_autofree char *library_file = NULL;
  int status;

  /* The user library is read once per process: point it at our own folder
   * before anything can look a type up. */
  tmp_dir = g_dir_make_tmp ("patchwise-test-format-XXXXXX", &error);
  g_assert_no_error (error);
  library = g_build_filename (tmp_dir, "library", NULL);
  g_assert_cmpint (g_mkdir_with_parents (library, 0755), ==, 0);
  library_file = g_build_filename (library, "my-types.json", NULL);
  g_file_set_contents (library_file, user_library, -1, &error);
  g_assert_no_error (error);
  /* A hostile file in the library is skipped, not a crash: nesting a
   * hundred thousand levels deep would overflow json-glib's stack. */
  {
    g_autofree char *deep_file = g_build_filename (library, "deep.json", NULL);
    GString *deep = g_string_new ("{\"device_types\": ");

    for (int i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    g_file_set_contents (deep_file, deep->str, deep->len, &error);
    g_assert_no_error (error);
    g_string_free (deep, TRUE);
  }
  pw_catalogue_set_user_dir (library);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/round-trip", test_round_trip);
  g_test_add_func ("/format/round-trip/topology", test_round_trip_topology);
  g_test_add_func ("/format/round-trip/numbers", test_round_trip_numbers);
  g_test_add_func ("/format/round-trip/fractions", test_round_trip_fractions);
  g_test_add_func ("/format/round-trip/empty", test_empty_document);
  g_test_add_func ("/format/unknown-fields", test_unknown_fields);
  g_test_add_func ("/format/types/embeds-builtin", test_embeds_builtin_types);
  g_test_add_func ("/format/types/embedded-wins", test_embedded_type_wins);
  g_test_add_func ("/format/types/v2-port-fields", test_v2_port_fields);
  g_test_add_func ("/format/types/user-library", test_user_library);
  g_test_add_func ("/format/types/unknown", test_unknown_type);
  g_test_add_func ("/format/version/newer", test_newer_version);
  g_test_add_func ("/format/version/current", test_current_version);
  g_test_add_func ("/format/load/all-or-nothing", test_load_is_all_or_nothing);
  g_test_add_func ("/format/load/missing-file", test_load_missing_file);
  g_test_add_func ("/format/save/title", test_title);
  g_test_add_func ("/format/save/plan-fields", test_plan_fields);
  g_test_add_func ("/format/save/same-bytes", test_save_file_writes_save_data);
  g_test_add_func ("/format/save/replaces-whole", test_save_replaces_whole);
  g_test_add_func ("/format/save/missing-folder", test_save_missing_folder);
  g_test_add_func ("/format/save/read-only-folder", test_save_read_only_folder);

  status = g_test_run ();

  remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
  return status;
}
