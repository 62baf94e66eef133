/* test-suggest.c: the cable chosen between two ports is the one an
 * engineer would reach for, with the alternatives after it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-suggest.h"

static const PwPortType *
port_of (const char *type_id,
         const char *port_id)
{
  PwDeviceType *type = pw_type_set_lookup_device (pw_catalogue_get_builtin (), type_id);

  g_assert_nonnull (type);
  g_assert_cmpint (pw_device_type_find_port (type, port_id), >=, 0);
  return &type->ports[pw_device_type_find_port (type, port_id)];
}

static const char *
best (const char *from_type,
      const char *from_port,
      const char *to_type,
      const char *to_port)
{
  g_autoptr(GArray) choices = pw_suggest_cables (pw_catalogue_get_builtin (),
                                                 port_of (from_type, from_port),
                                                 port_of (to_type, to_port));

  pw_suggest_add_direct (choices, port_of (from_type, from_port), port_of (to_type, to_port));
  if (choices->len == 0)
    return NULL;
  return g_array_index (choices, PwCableChoice, 0).type->id;
}

static void
test_best_fit (void)
{
  /* Mic into a desk's XLR input: a plain XLR cable. */
  g_assert_cmpstr (best ("dynamic-mic", "out", "live-desk-16", "ch1"), ==, "xlr-f-m");
  /* Mic into a combo input: still XLR, not a jack. */
  g_assert_cmpstr (best ("dynamic-mic", "out", "small-mixer", "ch1"), ==, "xlr-f-m");
  /* Guitar into a DI: an instrument cable. */
  g_assert_cmpstr (best ("electric-guitar", "out", "passive-di", "in"), ==, "ts-ts");
  /* Amplifier to a speaker: speakON. */
  g_assert_cmpstr (best ("power-amp", "out-a", "passive-speaker", "in"), ==, "nl4-nl4");
}

/* A plug on an input device's own lead goes straight in (DESIGN.md §4
 * "direct"); a chassis plug (a microphone's XLR) takes a cable, with the
 * direct connection only as the last alternative. */
static void
test_direct (void)
{
  g_autoptr(GArray) mic = pw_suggest_cables (pw_catalogue_get_builtin (),
                                             port_of ("dynamic-mic", "out"),
                                             port_of ("live-desk-16", "ch1"));
  PwCableChoice *last;

  pw_suggest_add_direct (mic, port_of ("dynamic-mic", "out"), port_of ("live-desk-16", "ch1"));
  g_assert_cmpstr (best ("headphones-635", "in", "headphone-amp", "out-635"), ==, "direct");
  g_assert_cmpstr (best ("headphone-amp", "out-635", "headphones-635", "in"), ==, "direct");
  g_assert_cmpstr (best ("bodypack-transmitter-ta4", "in", "lavalier-mic-ta4", "out"), ==,
                   "direct");
  g_assert_cmpstr (best ("headphones-xlr4", "in", "headphone-amp", "out-xlr4"), ==, "direct");

  g_assert_cmpstr (g_array_index (mic, PwCableChoice, 0).type->id, ==, "xlr-f-m");
  last = &g_array_index (mic, PwCableChoice, mic->len - 1);
  g_assert_true (pw_cable_type_is_direct (last->type));
  /* Sockets on both sides never mate directly. */
  g_assert_cmpstr (best ("dynamic-mic", "out", "headphone-amp", "out-xlr4"), !=, "direct");
}

static void
test_alternatives (void)
{
  g_autoptr(GArray) choices = pw_suggest_cables (pw_catalogue_get_builtin (),
                                                 port_of ("phone", "phones"),
                                                 port_of ("small-mixer", "ch1"));
  gboolean has_trs = FALSE;

  /* A phone's 3.5 mm socket and a combo input: some 3.5 mm to 6.35 mm cable. */
  g_assert_cmpuint (choices->len, >, 0);
  for (guint i = 0; i < choices->len; i++)
    {
      PwCableChoice *c = &g_array_index (choices, PwCableChoice, i);

      has_trs |= g_str_equal (c->type->id, "trs35-trs635");
      if (i > 0)
        g_assert_cmpint (c->score, <=, g_array_index (choices, PwCableChoice, i - 1).score);
    }
  g_assert_true (has_trs);
}

static void
test_nothing_fits (void)
{
  g_autoptr(GArray) choices = pw_suggest_cables (pw_catalogue_get_builtin (),
                                                 port_of ("midi-controller", "midi-out"),
                                                 port_of ("passive-speaker", "in"));

  g_assert_cmpuint (choices->len, ==, 0);
}

static const char *
breakout (const char *source_type,
          const char *source_port,
          const char *to_type,
          const char *left_port,
          const char *right_port)
{
  PwBreakoutChoice choice;

  if (!pw_suggest_breakout (pw_catalogue_get_builtin (), port_of (source_type, source_port),
                            port_of (to_type, left_port), port_of (to_type, right_port),
                            &choice))
    return NULL;
  /* The source end in the stereo output, the legs in the inputs named. */
  g_assert_cmpstr (choice.type->ends[choice.end_source].family->id, ==,
                   choice.type->ends[0].family->id);
  g_assert_cmpstr (choice.type->ends[choice.end_left].label, ==, "L");
  g_assert_cmpstr (choice.type->ends[choice.end_right].label, ==, "R");
  return choice.type->id;
}

static void
test_breakout (void)
{
  /* A phone into two combo inputs: the 3.5 mm TRS to two 6.35 mm TS lead. */
  g_assert_cmpstr (breakout ("phone", "phones", "interface-2in", "in1", "in2"), ==, "trs35-2ts");
  /* Into two RCA inputs: the 3.5 mm to two RCA lead. */
  g_assert_cmpstr (breakout ("phone", "phones", "cassette-deck", "rec-l", "rec-r"), ==,
                   "trs35-2rca");
  /* A 6.35 mm stereo out: the stereo breakout, not the insert cable. */
  g_assert_cmpstr (breakout ("cassette-deck", "phones", "interface-2in", "in1", "in2"), ==,
                   "trs-2ts");
  /* A mono output has no breakout. */
  g_assert_null (breakout ("dynamic-mic", "out", "interface-2in", "in1", "in2"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggest/best-fit", test_best_fit);
  g_test_add_func ("/suggest/alternatives", test_alternatives);
  g_test_add_func ("/suggest/direct", test_direct);
  g_test_add_func ("/suggest/nothing-fits", test_nothing_fits);
  g_test_add_func ("/suggest/breakout", test_breakout);

  return g_test_run ();
}
