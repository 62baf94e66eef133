/* test-connector.c: the connector table and its mating map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-connector.h"

static PwConnectorTable *table;

static const PwFamily *
family (const char *id)
{
  const PwFamily *f = pw_connector_table_lookup (table, id);

  g_assert_nonnull (f);
  return f;
}

/* The set of socket contacts a plug contact touches, as names. */
static char *
touches (const char *plug,
         const char *socket,
         const char *contact)
{
  const PwFamily *p = family (plug), *s = family (socket);
  const PwMate *mate = pw_connector_table_find_mate (table, p, s);
  g_autoptr(GString) out = g_string_new (NULL);
  int c;

  g_assert_nonnull (mate);
  c = pw_family_find_contact (p, contact);
  g_assert_cmpint (c, >=, 0);
  for (guint i = 0; i < s->n_contacts; i++)
    if (mate->map[c] & (1u << i))
      g_string_append_printf (out, "%s%s", out->len ? "+" : "", s->contacts[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_touches(plug, socket, contact, expected) \
  G_STMT_START { \
    g_autofree char *got_ = touches (plug, socket, contact); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_families (void)
{
  static const struct { const char *id; guint n; } expected[] = {
    { "xlr3", 3 }, { "xlr4", 4 }, { "xlr5", 5 }, { "combo", 6 }, { "trs-6.35", 3 },
    { "trs-3.5", 3 }, { "ts-6.35", 2 }, { "ts-3.5", 2 }, { "trrs-3.5", 4 }, { "trrs-2.5", 4 },
    { "pentaconn-4.4", 5 }, { "tt", 3 }, { "rca", 2 }, { "bnc", 2 }, { "speakon-nl2", 2 },
    { "speakon-nl4", 4 }, { "binding-post", 2 }, { "toslink", 1 }, { "din5", 5 },
    { "usb-a", 1 }, { "usb-b", 1 }, { "usb-c", 1 }, { "rj45", 1 }, { "ta3", 3 }, { "ta4", 4 },
    { "ta5", 5 }, { "speakon-nl8", 8 }, { "db25", 26 }, { "ethercon", 1 },
  };

  g_assert_cmpuint (pw_connector_table_get_n_families (table), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (family (expected[i].id)->n_contacts, ==, expected[i].n);

  g_assert_true (family ("combo")->female_only);
  g_assert_false (family ("xlr3")->female_only);
  g_assert_cmpint (pw_family_find_contact (family ("pentaconn-4.4"), "ring3"), ==, 3);
  g_assert_cmpint (pw_family_find_contact (family ("speakon-nl4"), "2-"), ==, 3);
  g_assert_cmpint (pw_family_find_contact (family ("xlr3"), "4"), ==, -1);
  g_assert_cmpint (pw_family_find_contact (family ("speakon-nl8"), "4-"), ==, 7);
  g_assert_cmpint (pw_family_find_contact (family ("db25"), "25"), ==, 24);
  g_assert_cmpint (pw_family_find_contact (family ("db25"), "shell"), ==, 25);
}

static void
test_same_family (void)
{
  assert_touches ("xlr3", "xlr3", "1", "1");
  assert_touches ("xlr3", "xlr3", "3", "3");
  assert_touches ("trs-6.35", "trs-6.35", "ring", "ring");
  assert_touches ("pentaconn-4.4", "pentaconn-4.4", "ring2", "ring2");
  /* A combo socket has no plug. */
  g_assert_null (pw_connector_table_find_mate (table, family ("combo"), family ("combo")));
}

static void
test_cross_family (void)
{
  /* A TS plug in a TRS socket: the socket's ring touches the plug sleeve. */
  assert_touches ("ts-6.35", "trs-6.35", "tip", "tip");
  assert_touches ("ts-6.35", "trs-6.35", "sleeve", "ring+sleeve");
  assert_touches ("ts-3.5", "trs-3.5", "sleeve", "ring+sleeve");
  /* A TRS plug in a TS socket: the plug's ring floats. */
  assert_touches ("trs-6.35", "ts-6.35", "ring", "");
  assert_touches ("trs-6.35", "ts-6.35", "sleeve", "sleeve");
  assert_touches ("trs-3.5", "ts-3.5", "ring", "");
  /* The combo socket's two halves. */
  assert_touches ("xlr3", "combo", "2", "2");
  assert_touches ("trs-6.35", "combo", "ring", "ring");
  assert_touches ("ts-6.35", "combo", "sleeve", "ring+sleeve");
  /* A stereo plug in a headset socket. */
  assert_touches ("trs-3.5", "trrs-3.5", "ring", "ring1");
  assert_touches ("trs-3.5", "trrs-3.5", "sleeve", "ring2+sleeve");
  /* NL2 in NL4 mates on 1± only; NL4 into NL2 does not mate. */
  assert_touches ("speakon-nl2", "speakon-nl4", "1+", "1+");
  g_assert_null (pw_connector_table_find_mate (table, family ("speakon-nl4"),
                                               family ("speakon-nl2")));
  /* A headset plug in a stereo socket: the socket's sleeve spring touches
   * both ring2 and the sleeve of the plug, shorting them. */
  assert_touches ("trrs-3.5", "trs-3.5", "tip", "tip");
  assert_touches ("trrs-3.5", "trs-3.5", "ring1", "ring");
  assert_touches ("trrs-3.5", "trs-3.5", "ring2", "sleeve");
  assert_touches ("trrs-3.5", "trs-3.5", "sleeve", "sleeve");
  /* A mono plug in a headset socket: both rings touch the plug sleeve. */
  assert_touches ("ts-3.5", "trrs-3.5", "tip", "tip");
  assert_touches ("ts-3.5", "trrs-3.5", "sleeve", "ring1+ring2+sleeve");
  /* NL2 and NL4 plugs in an NL8 socket mate on their own contacts. */
  assert_touches ("speakon-nl2", "speakon-nl8", "1-", "1-");
  assert_touches ("speakon-nl4", "speakon-nl8", "2+", "2+");
  assert_touches ("speakon-nl4", "speakon-nl8", "2-", "2-");
  g_assert_null (pw_connector_table_find_mate (table, family ("speakon-nl8"),
                                               family ("speakon-nl4")));
  /* An RJ45 plug in an etherCON socket and an etherCON plug in an RJ45 one. */
  assert_touches ("rj45", "ethercon", "data", "data");
  assert_touches ("ethercon", "rj45", "data", "data");
  /* Mini-XLR does not mate full-size XLR, nor a TRRS plug a 2.5 mm socket. */
  g_assert_null (pw_connector_table_find_mate (table, family ("ta3"), family ("xlr3")));
  g_assert_null (pw_connector_table_find_mate (table, family ("trrs-3.5"), family ("ts-3.5")));
}

static void
test_mate_results (void)
{
  const PwMate *mate;
  gboolean a_is_plug;

  /* A female cable end on a male port: the port is the plug. */
  g_assert_cmpint (pw_connector_table_mate (table, family ("xlr3"), PW_GENDER_FEMALE,
                                            family ("xlr3"), PW_GENDER_MALE, &mate, &a_is_plug),
                   ==, PW_MATE_OK);
  g_assert_false (a_is_plug);
  g_assert_nonnull (mate);

  g_assert_cmpint (pw_connector_table_mate (table, family ("xlr3"), PW_GENDER_MALE,
                                            family ("xlr3"), PW_GENDER_MALE, &mate, &a_is_plug),
                   ==, PW_MATE_GENDER);
  g_assert_cmpint (pw_connector_table_mate (table, family ("xlr3"), PW_GENDER_MALE,
                                            family ("xlr4"), PW_GENDER_FEMALE, &mate, &a_is_plug),
                   ==, PW_MATE_CONNECTOR);
  g_assert_cmpint (pw_connector_table_mate (table, family ("rca"), PW_GENDER_MALE,
                                            family ("ts-6.35"), PW_GENDER_FEMALE, &mate, &a_is_plug),
                   ==, PW_MATE_CONNECTOR);
  g_assert_cmpint (pw_connector_table_mate (table, family ("speakon-nl4"), PW_GENDER_MALE,
                                            family ("speakon-nl2"), PW_GENDER_FEMALE, &mate,
                                            &a_is_plug),
                   ==, PW_MATE_CONNECTOR);
  /* A TRS plug on the device side in a TS socket at the cable end. */
  g_assert_cmpint (pw_connector_table_mate (table, family ("ts-6.35"), PW_GENDER_FEMALE,
                                            family ("trs-6.35"), PW_GENDER_MALE, &mate, &a_is_plug),
                   ==, PW_MATE_OK);
  g_assert_false (a_is_plug);
  /* XLR female end into a combo socket: both are sockets. */
  g_assert_cmpint (pw_connector_table_mate (table, family ("xlr3"), PW_GENDER_FEMALE,
                                            family ("combo"), PW_GENDER_FEMALE, &mate, &a_is_plug),
                   ==, PW_MATE_GENDER);
}

static void
test_roles (void)
{
  PwRole role;

  g_assert_true (pw_role_from_string ("left_cold", &role));
  g_assert_cmpint (role, ==, PW_ROLE_LEFT_COLD);
  g_assert_cmpstr (pw_role_to_string (role), ==, "left_cold");
  g_assert_false (pw_role_from_string ("Left", &role));
  g_assert_true (pw_role_is_reference (PW_ROLE_GROUND));
  g_assert_true (pw_role_is_reference (PW_ROLE_SPK1_NEG));
  g_assert_false (pw_role_is_reference (PW_ROLE_COLD));
  g_assert_cmpint (pw_role_channel (PW_ROLE_RIGHT_HOT), ==, PW_CHANNEL_RIGHT);
  g_assert_cmpint (pw_role_channel (PW_ROLE_HOT), ==, PW_CHANNEL_NONE);
}

static void
test_bad_tables (void)
{
  static const char * const bad[] = {
    "[]",
    "{\"families\": 3}",
    "{\"families\": {\"x\": {\"contacts\": []}}}",
    "{\"families\": {\"x\": {\"contacts\": [\"a\", \"a\"]}}}",
    "{\"families\": {\"x\": {\"contacts\": [\"a\"]}}, \"mates\": [{\"plug\": \"x\", \"socket\": \"y\", \"map\": {}}]}",
    "{\"families\": {\"x\": {\"contacts\": [\"a\"]}}, \"mates\": [{\"plug\": \"x\", \"socket\": \"x\", \"map\": {\"b\": [\"a\"]}}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwConnectorTable) t = pw_connector_table_new_from_data (bad[i], -1, &error);

      g_assert_null (t);
      g_assert_nonnull (error);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  table = pw_connector_table_get_default ();

  g_test_add_func ("/connector/families", test_families);
  g_test_add_func ("/connector/mate/same-family", test_same_family);
  g_test_add_func ("/connector/mate/cross-family", test_cross_family);
  g_test_add_func ("/connector/mate/results", test_mate_results);
  g_test_add_func ("/connector/roles", test_roles);
  g_test_add_func ("/connector/bad-tables", test_bad_tables);

  return g_test_run ();
}
