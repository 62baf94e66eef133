/* test-cli.c: patchwise check as a user runs it — exit codes, text and the
 * JSON shape of DESIGN.md §8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "cli", name, NULL);
}

/* Runs the real executable with the arguments, NULL-terminated. */
static void
run_patchwise (Run *run,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("PATCHWISE");
  const char *arg;
  va_list args;
  int wait_status;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* One line, ended: scripts read it with `read` and a shell prompt must not
 * land behind it. */
static void
test_version (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *expected = g_strdup_printf ("patchwise %s\n", PW_VERSION);

  run_patchwise (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_exit_clean (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *file = fixture ("clean.patchwise");

  run_patchwise (&run, "check", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (strstr (run.out, "0 errors, 0 warnings, 0 infos") != NULL);
  g_assert_true (strstr (run.out, "1 balanced") != NULL);
}

static void
test_exit_error (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *file = fixture ("error.patchwise");

  run_patchwise (&run, "check", file, NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* One line per finding: file, cable with its devices, severity, message, code. */
  g_assert_true (strstr (run.out, "C2 (Phone:USB-C → ") != NULL);
  g_assert_true (strstr (run.out, "error: The cable's connector does not fit this port "
                                  "[connector-mismatch]") != NULL);
  g_assert_true (strstr (run.out, "info: A cable end is not plugged in [cable-end-open]") != NULL);
}

static void
test_exit_strict (void)
{
  g_autofree char *file = fixture ("warning.patchwise");

  {
    g_auto(Run) run = { 0 };

    run_patchwise (&run, "check", file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (strstr (run.out, "[polarity-inverted]") != NULL);
  }
  {
    g_auto(Run) run = { 0 };

    run_patchwise (&run, "check", "--strict", file, NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
}

static void
test_exit_invalid (void)
{
  g_autofree char *file = fixture ("invalid.patchwise");
  g_autofree char *expected = g_strdup_printf ("%s:4:28: device 'mic': type 'no-such-type'", file);

  {
    g_auto(Run) run = { 0 };

    run_patchwise (&run, "check", file, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (g_str_has_prefix (run.err, expected));
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(Run) run = { 0 };

    run_patchwise (&run, "check", "/nonexistent/plan.patchwise", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (strstr (run.err, "/nonexistent/plan.patchwise") != NULL);
  }
}

static void
test_usage (void)
{
  g_autofree char *file = fixture ("clean.patchwise");

  {
    g_auto(Run) run = { 0 };

    run_patchwise (&run, "check", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (strstr (run.err, "no file given") != NULL);
  }
  {
    g_auto(Run) run = { 0 };

    run_patchwise (&run, "check", "--format=xml", file, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_true (strstr (run.err, "xml") != NULL);
  }
  {
    g_auto(Run) run = { 0 };

    run_patchwise (&run, "check", "--frobnicate", file, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    run_patchwise (&run, "check", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (strstr (run.out, "--strict") != NULL);
    g_assert_true (strstr (run.out, "--format") != NULL);
  }
}

static void
assert_members (JsonObject         *obj,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (json_object_has_member (obj, names[i]));
}

static JsonObject *
parse_line (JsonParser *parser,
            const char *line)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_json_shape (void)
{
  static const char * const file_members[] = { "file", "findings", "links", "suppressed", NULL };
  static const char * const finding_members[] = {
    "code", "severity", "cable", "device", "port", "channel", "message", "detail", "fixes", NULL
  };
  static const char * const link_members[] = { "cable", "class", NULL };
  g_auto(Run) run = { 0 };
  g_autofree char *file = fixture ("error.patchwise");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj, *f;
  JsonArray *findings, *links;
  gboolean saw_open = FALSE, saw_mismatch = FALSE;

  run_patchwise (&run, "check", "--format=json", file, NULL);
  g_assert_cmpint (run.status, ==, 1);
  obj = parse_line (parser, run.out);
  assert_members (obj, file_members);
  g_assert_cmpstr (json_object_get_string_member (obj, "file"), ==, file);

  findings = json_object_get_array_member (obj, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 2);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      f = json_array_get_object_element (findings, i);
      assert_members (f, finding_members);
      if (g_str_equal (json_object_get_string_member (f, "code"), "cable-end-open"))
        {
          saw_open = TRUE;
          g_assert_cmpstr (json_object_get_string_member (f, "severity"), ==, "info");
          g_assert_cmpstr (json_object_get_string_member (f, "cable"), ==, "C1");
          /* What a finding does not concern is null, not missing. */
          g_assert_true (json_object_get_null_member (f, "device"));
          g_assert_true (json_object_get_null_member (f, "port"));
          g_assert_true (json_object_get_null_member (f, "channel"));
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (f, "fixes")),
                            ==, 0);
        }
      else
        {
          saw_mismatch = TRUE;
          g_assert_cmpstr (json_object_get_string_member (f, "code"), ==, "connector-mismatch");
          g_assert_cmpstr (json_object_get_string_member (f, "severity"), ==, "error");
          g_assert_cmpstr (json_object_get_string_member (f, "device"), ==, "phone");
          g_assert_cmpstr (json_object_get_string_member (f, "port"), ==, "usb");
        }
    }
  g_assert_true (saw_open && saw_mismatch);

  links = json_object_get_array_member (obj, "links");
  g_assert_cmpuint (json_array_get_length (links), ==, 2);
  assert_members (json_array_get_object_element (links, 0), link_members);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 0), "class"),
                   ==, "open");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (links, 1), "class"),
                   ==, "broken");
}

static void
test_json_suppressed (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *file = fixture ("suppressed.patchwise");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  JsonArray *suppressed;

  run_patchwise (&run, "check", "--format=json", file, NULL);
  /* A suppressed error no longer fails the check, but is still listed. */
  g_assert_cmpint (run.status, ==, 0);
  obj = parse_line (parser, run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "findings")), ==, 0);
  suppressed = json_object_get_array_member (obj, "suppressed");
  g_assert_cmpuint (json_array_get_length (suppressed), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (suppressed, 0),
                                                  "code"), ==, "connector-mismatch");
}

static void
test_several_files (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *clean = fixture ("clean.patchwise");
  g_autofree char *error = fixture ("error.patchwise");
  g_autofree char *invalid = fixture ("invalid.patchwise");
  g_auto(GStrv) lines = NULL;

  run_patchwise (&run, "check", "--format=json", clean, error, invalid, NULL);
  /* The worst status wins; the files that could be read are still reported. */
  g_assert_cmpint (run.status, ==, 2);
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      parse_line (parser, lines[i]);
    }
  g_assert_true (strstr (run.err, "invalid.patchwise") != NULL);
}

static void
test_example_plans (void)
{
  static const char * const examples[] = {
    "home-studio.patchwise", "live-band.patchwise", "headphone-rig.patchwise"
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *file = g_build_filename (g_getenv ("PW_SOURCE_ROOT"), "data", "examples",
                                                examples[i], NULL);

      /* Every example is a valid plan with some real mistakes in it. */
      run_patchwise (&run, "check", file, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.err, ==, "");
    }
}

static char *
diff_case (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "diff", name, NULL);
}

/* The same plan: exit 0 and, as diff(1), nothing printed. */
static void
test_diff_same (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *base = diff_case ("base.patchwise");
  g_autofree char *moved = diff_case ("device-moved.patchwise");

  run_patchwise (&run, "diff", base, base, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  /* A device moved is no change unless --positions. */
  run_patchwise (&run, "diff", base, moved, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_patchwise (&run, "diff", "--positions", base, moved, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "changed device monr [position]: moved from (800, 200) to "
                                     "(820, 260)\n"));
}

static void
test_diff_text (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *base = diff_case ("base.patchwise");
  g_autofree char *swapped = diff_case ("cable-type.patchwise");

  run_patchwise (&run, "diff", base, swapped, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "changed cable C1 [type]: type xlr-f-m → "
                                            "xlr-polarity-reverse; now joins Vocal mic:Out pin 2 "
                                            "(hot) = Desk:Ch 1 pin 3 (cold)"));
  g_assert_nonnull (strstr (run.out, "\n+ C1 (Vocal mic:Out → Desk:Ch 1), at Desk:Ch 1: warning: "));
  g_assert_nonnull (strstr (run.out, "[polarity-inverted]\n"));
  g_assert_true (g_str_has_suffix (run.out, ": 0 added, 0 removed, 1 changed; findings: 1 new, "
                                            "0 gone\n"));
}

/* The object of `check --format=json FILE` for the finding @code on @cable. */
static JsonNode *
checked_finding (const char *file,
                 const char *code,
                 const char *cable)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *findings;

  run_patchwise (&run, "check", "--format=json", file, NULL);
  findings = json_object_get_array_member (parse_line (parser, run.out), "findings");
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);

      if (g_str_equal (json_object_get_string_member (f, "code"), code) &&
          g_strcmp0 (json_object_get_string_member (f, "cable"), cable) == 0)
        return json_node_copy (json_array_get_element (findings, i));
    }
  g_assert_not_reached ();
}

/* DESIGN.md §9: {"old", "new", "changes": [{"kind", "what", "id", "fields",
 * "detail"}], "findings": {"appeared", "gone"}}, each finding as check
 * prints it. */
static void
test_diff_json_shape (void)
{
  static const char * const root_members[] = { "old", "new", "changes", "findings", NULL };
  static const char * const change_members[] = { "kind", "what", "id", "fields", "detail", NULL };
  static const char * const findings_members[] = { "appeared", "gone", NULL };
  g_auto(Run) run = { 0 };
  g_autofree char *base = diff_case ("base.patchwise");
  g_autofree char *added = diff_case ("cable-added.patchwise");
  g_autofree char *swapped = diff_case ("cable-type.patchwise");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonNode) expected = NULL;
  JsonObject *root, *change, *findings;
  JsonArray *changes, *fields;

  run_patchwise (&run, "diff", "--format=json", base, added, NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* One line. */
  g_assert_cmpuint (strchr (run.out, '\n') - run.out, ==, strlen (run.out) - 1);
  root = parse_line (parser, run.out);
  assert_members (root, root_members);
  g_assert_cmpstr (json_object_get_string_member (root, "old"), ==, base);
  g_assert_cmpstr (json_object_get_string_member (root, "new"), ==, added);
  changes = json_object_get_array_member (root, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);

  change = json_array_get_object_element (changes, 0);
  assert_members (change, change_members);
  g_assert_cmpstr (json_object_get_string_member (change, "kind"), ==, "changed");
  g_assert_cmpstr (json_object_get_string_member (change, "what"), ==, "cable");
  g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, "C5");
  fields = json_object_get_array_member (change, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "ends");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (change, "detail"),
                                   "end a Desk:Main L → open"));

  change = json_array_get_object_element (changes, 1);
  assert_members (change, change_members);
  g_assert_cmpstr (json_object_get_string_member (change, "kind"), ==, "added");
  g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, "C7");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (change, "fields")), ==, 0);

  findings = json_object_get_object_member (root, "findings");
  assert_members (findings, findings_members);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (findings, "appeared")),
                    ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (findings, "gone")), ==, 0);
  run_clear (&run);

  /* A finding that went away is listed as check printed it for the old plan. */
  run_patchwise (&run, "diff", "--format=json", swapped, base, NULL);
  g_assert_cmpint (run.status, ==, 1);
  root = parse_line (parser, run.out);
  findings = json_object_get_object_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (findings, "gone")), ==, 1);
  expected = checked_finding (swapped, "polarity-inverted", "C1");
  g_assert_true (json_node_equal (json_array_get_element (
                                    json_object_get_array_member (findings, "gone"), 0),
                                  expected));
  run_clear (&run);

  /* The same plans: empty lists, exit 0. */
  run_patchwise (&run, "diff", "--format=json", base, base, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_line (parser, run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "changes")), ==, 0);
}

/* A plan that cannot be read: exit 2 with the message check gives. */
static void
test_diff_invalid (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) check = { 0 };
  g_autofree char *base = diff_case ("base.patchwise");
  g_autofree char *invalid = fixture ("invalid.patchwise");

  run_patchwise (&check, "check", invalid, NULL);
  g_assert_cmpint (check.status, ==, 2);
  run_patchwise (&run, "diff", base, invalid, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, check.err);
  run_clear (&run);
  run_patchwise (&run, "diff", "--format=json", invalid, base, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, check.err);
  run_clear (&run);
  run_patchwise (&run, "diff", base, "/nonexistent/plan.patchwise", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "/nonexistent/plan.patchwise"));
}

static void
test_diff_usage (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *base = diff_case ("base.patchwise");

  run_patchwise (&run, "diff", base, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "Usage: patchwise diff"));
  run_clear (&run);
  run_patchwise (&run, "diff", base, base, base, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_patchwise (&run, "diff", "--format=xml", base, base, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "xml"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/check/exit-clean", test_exit_clean);
  g_test_add_func ("/cli/check/exit-error", test_exit_error);
  g_test_add_func ("/cli/check/exit-strict", test_exit_strict);
  g_test_add_func ("/cli/check/exit-invalid", test_exit_invalid);
  g_test_add_func ("/cli/check/usage", test_usage);
  g_test_add_func ("/cli/check/json-shape", test_json_shape);
  g_test_add_func ("/cli/check/json-suppressed", test_json_suppressed);
  g_test_add_func ("/cli/check/several-files", test_several_files);
  g_test_add_func ("/cli/check/examples", test_example_plans);
  g_test_add_func ("/cli/diff/same", test_diff_same);
  g_test_add_func ("/cli/diff/text", test_diff_text);
  g_test_add_func ("/cli/diff/json-shape", test_diff_json_shape);
  g_test_add_func ("/cli/diff/invalid", test_diff_invalid);
  g_test_add_func ("/cli/diff/usage", test_diff_usage);

  return g_test_run ();
}
