/* test-paperwork.c: cable numbers by the plan's rule, and the rule itself
 *
 * The tables are read back as CSV and PDF by test-paperwork-csv.py.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-analysis.h"
#include "pw-format.h"
#include "pw-history.h"
#include "pw-paperwork.h"

static PwDocument *
load_split (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "paperwork", "split.patchwise",
                                                 NULL);
  g_autoptr(GError) error = NULL;
  PwDocument *doc = pw_format_load_file (path, &error);

  g_assert_no_error (error);
  return doc;
}

static void
test_format (void)
{
  g_autoptr(PwNumbering) n = pw_numbering_new_default ();
  g_autofree char *why = NULL;
  g_autofree char *a12 = pw_numbering_format_label (n, "A", 12);
  g_autofree char *c1234 = pw_numbering_format_label (n, "C", 1234);
  const char *bad[] = { "", "{prefix}", "{n}{n}", "{prefix}{prefix}{n}", "{x}{n}", "{n:3}",
                        "{n:00}", "{n", "n}", "{n:010}" };

  g_assert_cmpstr (a12, ==, "A012");
  g_assert_cmpstr (c1234, ==, "C1234");
  g_assert_cmpuint (pw_numbering_match_label (n, "A", "A012"), ==, 12);
  g_assert_cmpuint (pw_numbering_match_label (n, "A", "A1234"), ==, 1234);
  g_assert_cmpuint (pw_numbering_match_label (n, "A", "A12"), ==, 0);     /* three digits */
  g_assert_cmpuint (pw_numbering_match_label (n, "A", "U012"), ==, 0);
  g_assert_cmpuint (pw_numbering_match_label (n, "A", "A012b"), ==, 0);
  g_assert_cmpuint (pw_numbering_match_label (n, "A", "A000"), ==, 0);

  g_assert_true (pw_numbering_check_format ("{prefix}{n:03}", NULL));
  g_assert_true (pw_numbering_check_format ("Cable {n} ({prefix})", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pw_numbering_check_format (bad[i], &why));
      g_assert_nonnull (why);
      g_clear_pointer (&why, g_free);
    }

  /* §9's defaults, and "*" for every class not named. */
  g_assert_cmpstr (pw_numbering_get_prefix (n, "balanced"), ==, "A");
  g_assert_cmpstr (pw_numbering_get_prefix (n, "unbalanced"), ==, "U");
  g_assert_cmpstr (pw_numbering_get_prefix (n, "speaker"), ==, "S");
  g_assert_cmpstr (pw_numbering_get_prefix (n, "digital"), ==, "D");
  g_assert_cmpstr (pw_numbering_get_prefix (n, "unbalanced-stereo"), ==, "C");
  g_assert_cmpstr (pw_numbering_get_prefix (n, "open"), ==, "C");
}

/* The model keeps the names of the analysis's link classes. */
static void
test_classes_known (void)
{
  for (PwLinkClass k = PW_LINK_BALANCED; k <= PW_LINK_OPEN; k++)
    g_assert_true (pw_numbering_class_is_known (pw_link_class_to_string (k)));
  g_assert_true (pw_numbering_class_is_known ("*"));
  g_assert_false (pw_numbering_class_is_known ("balancd"));
}

static void
test_round_trip (void)
{
  g_autoptr(PwDocument) doc = load_split ();
  g_autoptr(PwDocument) again = NULL;
  g_autoptr(PwDocument) plain = pw_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pw_format_save_data (doc, NULL);
  g_autofree char *plain_text = pw_format_save_data (plain, NULL);
  GArray *stock;

  g_assert_true (pw_document_has_numbering (doc));
  g_assert_cmpstr (pw_document_get_numbering (doc)->format, ==, "{prefix}-{n:02}");
  /* Prefixes given: the classes not named take "*". */
  g_assert_cmpstr (pw_numbering_get_prefix (pw_document_get_numbering (doc), "balanced"), ==,
                   "MIC");
  g_assert_cmpstr (pw_numbering_get_prefix (pw_document_get_numbering (doc), "speaker"), ==, "X");

  again = pw_format_load_data (text, strlen (text), "saved", &error);
  g_assert_no_error (error);
  g_assert_true (pw_numbering_equal (pw_document_get_numbering (doc),
                                     pw_document_get_numbering (again)));
  stock = pw_document_get_stock_lengths (again);
  g_assert_cmpuint (stock->len, ==, 5);
  g_assert_cmpfloat (g_array_index (stock, double, 4), ==, 100);

  /* A plan that sets neither gets the defaults and writes neither. */
  g_assert_false (pw_document_has_numbering (plain));
  g_assert_cmpuint (pw_document_get_stock_lengths (plain)->len, ==, 11);
  g_assert_null (strstr (plain_text, "numbering"));
  g_assert_null (strstr (plain_text, "stock_lengths_m"));
}

static void
expect_load_error (const char *json,
                   const char *where,
                   const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = pw_format_load_data (json, strlen (json), "bad.patchwise", &error);

  g_assert_null (doc);
  g_assert_nonnull (error);
  if (strstr (error->message, where) == NULL || strstr (error->message, what) == NULL)
    g_error ("“%s” lacks “%s” or “%s”", error->message, where, what);
}

static void
test_load_errors (void)
{
  expect_load_error ("{\"format\": \"patchwise\", \"version\": 1,\n"
                     " \"numbering\": {\"format\": \"{prefix}\"}}",
                     "bad.patchwise:2:", "exactly once");
  expect_load_error ("{\"format\": \"patchwise\", \"version\": 1,\n"
                     " \"numbering\": {\"prefixes\": {\"balancd\": \"B\"}}}",
                     "bad.patchwise:2:", "'balancd' is not a link class");
  expect_load_error ("{\"format\": \"patchwise\", \"version\": 1,\n"
                     " \"numbering\": {\"prefixes\": {\"balanced\": 7}}}",
                     "bad.patchwise:2:", "prefix of 'balanced' must be a string");
  expect_load_error ("{\"format\": \"patchwise\", \"version\": 1, \"numbering\": []}",
                     "bad.patchwise:1:", "numbering");
  expect_load_error ("{\"format\": \"patchwise\", \"version\": 1,\n\n"
                     " \"stock_lengths_m\": [1, 2, 0]}",
                     "bad.patchwise:3:", "entry 3");
  expect_load_error ("{\"format\": \"patchwise\", \"version\": 1, \"stock_lengths_m\": []}",
                     "bad.patchwise:1:", "at least one");
  expect_load_error ("{\"format\": \"patchwise\", \"version\": 1,\n"
                     " \"stock_lengths_m\": [1, \"5 m\"]}",
                     "bad.patchwise:2:", "entry 2 must be a number");
}

static PwCable *
connect (PwHistory  *history,
         const char *cable_type,
         PwDevice   *from,
         const char *from_port,
         PwDevice   *to,
         const char *to_port)
{
  PwCableType *type = pw_type_set_lookup_cable (pw_catalogue_get_builtin (), cable_type);
  PwCable *cable;

  /* As the canvas connects: one step, numbered once plugged in. */
  pw_history_begin (history, "Connect");
  cable = pw_edit_add_cable (history, type, NULL, 3, TRUE);
  pw_edit_plug (history, cable, 0, from, pw_device_type_find_port (from->type, from_port));
  pw_edit_plug (history, cable, 1, to, pw_device_type_find_port (to->type, to_port));
  pw_edit_number_cables (history, &cable, 1);
  pw_history_end (history);
  return cable;
}

static PwDevice *
add_device (PwHistory  *history,
            const char *type)
{
  return pw_edit_add_device (history, pw_type_set_lookup_device (pw_catalogue_get_builtin (), type),
                             NULL, 0, 0);
}

/* DESIGN.md §9 numbers a new cable by its link class, which only the
 * analysis knows: the cable is classed as the analysis sees it once both
 * ends are plugged in, in the plan as it then is. */
static void
test_new_cables (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  PwDevice *mic = add_device (history, "dynamic-mic");
  PwDevice *mic2 = add_device (history, "dynamic-mic");
  PwDevice *split = add_device (history, "mic-splitter");
  PwDevice *desk = add_device (history, "live-desk-16");
  PwDevice *keys = add_device (history, "stage-piano");
  PwDevice *di = add_device (history, "passive-di");
  PwCable *a, *b, *c, *d;

  a = connect (history, "xlr-f-m", mic, "out", desk, "ch1");
  g_assert_cmpstr (a->label, ==, "A001");
  b = connect (history, "ts-ts", keys, "out-l", di, "in");
  g_assert_cmpstr (b->label, ==, "U001");
  /* Splitter to desk: nothing drives it yet, so not balanced (yet). */
  c = connect (history, "xlr-f-m", split, "out-a", desk, "ch2");
  g_assert_cmpstr (c->label, ==, "C001");
  /* The mic into the splitter is balanced through to the desk. */
  d = connect (history, "xlr-f-m", mic2, "out", split, "in");
  g_assert_cmpstr (d->label, ==, "A002");

  /* Connecting and numbering are one step. */
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Connect");
  pw_history_undo (history);
  g_assert_cmpuint (pw_document_get_n_cables (doc), ==, 3);

  /* The next free number is one past the highest, not a gap. */
  pw_edit_set_cable_label (history, a, "A007");
  d = connect (history, "xlr-f-m", mic2, "out", split, "in");
  g_assert_cmpstr (d->label, ==, "A008");
}

static void
test_renumber (void)
{
  g_autoptr(PwDocument) doc = load_split ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  g_autoptr(PwAnalysis) analysis = pw_analysis_new (doc);
  g_autofree char *before = pw_format_save_data (doc, NULL);
  g_autofree char *undone = NULL;
  const char *expected[] = { "MIC-01", "MIC-02", "MIC-03", "MIC-04", "X-01", "X-02", "X-03",
                             "D1" };

  pw_edit_renumber_cables (history, analysis);
  /* Signal flow: the sources' cables first (the condenser, then the kick
   * straight to FOH), then the splitter's two outputs; the unplugged
   * cables last, in plan order. */
  g_assert_cmpstr (pw_document_get_cable (doc, 0)->label, ==, "MIC-01");
  g_assert_cmpstr (pw_document_get_cable (doc, 3)->label, ==, "MIC-02");
  g_assert_cmpstr (pw_document_get_cable (doc, 1)->label, ==, "MIC-03");
  g_assert_cmpstr (pw_document_get_cable (doc, 2)->label, ==, "MIC-04");
  /* A direct connection (D1, the talkback mic into FOH) is no cable to number. */
  for (guint c = 4; c < 8; c++)
    g_assert_cmpstr (pw_document_get_cable (doc, c)->label, ==, expected[c]);

  /* One step undoes it all. */
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Renumber Cables");
  pw_history_undo (history);
  undone = pw_format_save_data (doc, NULL);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (pw_history_can_undo (history));
}

static void
test_edit_numbering (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  g_autoptr(PwNumbering) rule = pw_numbering_new ("{prefix}{n:04}");

  pw_numbering_set_prefix (rule, "*", "K");
  pw_edit_set_numbering (history, rule);
  g_assert_true (pw_document_has_numbering (doc));
  g_assert_cmpstr (pw_numbering_get_prefix (pw_document_get_numbering (doc), "balanced"), ==, "K");
  /* Setting the same rule again is no edit. */
  pw_edit_set_numbering (history, rule);
  pw_history_undo (history);
  g_assert_false (pw_document_has_numbering (doc));
  g_assert_false (pw_history_can_undo (history));
  pw_history_redo (history);
  g_assert_cmpstr (pw_document_get_numbering (doc)->format, ==, "{prefix}{n:04}");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/paperwork/numbering/format", test_format);
  g_test_add_func ("/paperwork/numbering/classes-known", test_classes_known);
  g_test_add_func ("/paperwork/numbering/round-trip", test_round_trip);
  g_test_add_func ("/paperwork/numbering/load-errors", test_load_errors);
  g_test_add_func ("/paperwork/numbering/new-cables", test_new_cables);
  g_test_add_func ("/paperwork/numbering/renumber", test_renumber);
  g_test_add_func ("/paperwork/numbering/edit", test_edit_numbering);
  return g_test_run ();
}
