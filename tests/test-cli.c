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
    g_assert_true (strstr (run.out, "[phantom-missing]") != NULL);
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
    "code", "severity", "cable", "device", "port", "message", NULL
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

  return g_test_run ();
}
