/* test-hostile.c: files from strangers — refused whole with a clear
 * message, or loaded and checked without a hang; and a failed save that
 * leaves the previous file as it was.
 *
 * tests/hostile/NAME.patchwise has a NAME.expected of one line: either
 * the start of the error message, with the file's name written as FILE
 * (so that it names file:line:col), or LOADS for a plan that must load,
 * check, save and read back the same (cycles through passive bridges,
 * numbers and escapes that once broke the round trip).
 * tests/hostile/connectors-*.json and types-*.json are fed to the connector
 * table and type loaders; their .expected holds a part of the message.
 * Files too large to keep in git (a million devices, 65 MiB, ten thousand
 * levels of nesting) are made here, at run time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pw-analysis.h"
#include "pw-format.h"

#define MIN_HOSTILE_FILES 40

static char *
read_expected (const char *path,
               const char *suffix)
{
  g_autofree char *base = g_strndup (path, strlen (path) - strlen (suffix));
  g_autofree char *expected_path = g_strconcat (base, ".expected", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (expected_path, &text, NULL, &error);
  g_assert_no_error (error);
  g_strchomp (text);
  g_assert_null (strchr (text, '\n'));
  return text;
}

/* A plan that loads must check, save, and read back with the same parts. */
static void
assert_round_trip (PwDocument *doc,
                   const char *name)
{
  g_autoptr(PwAnalysis) analysis = pw_analysis_new (doc);
  g_autoptr(PwDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;

  g_assert_nonnull (analysis);
  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    (void) pw_analysis_get_link_class (analysis, c);

  saved = pw_format_save_data (doc, NULL);
  again = pw_format_load_data (saved, strlen (saved), name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (pw_document_get_n_devices (again), ==, pw_document_get_n_devices (doc));
  g_assert_cmpuint (pw_document_get_n_cables (again), ==, pw_document_get_n_cables (doc));
  /* Saved twice, the text is the same: nothing drifts. */
  saved_again = pw_format_save_data (again, NULL);
  g_assert_cmpstr (saved_again, ==, saved);
}

static void
test_plan_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *expected_text = read_expected (path, ".patchwise");
  g_autoptr(PwDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = pw_format_load_file (path, &error);

  if (g_str_equal (expected_text, "LOADS"))
    {
      g_assert_no_error (error);
      g_assert_nonnull (doc);
      assert_round_trip (doc, path);
      return;
    }

  {
    g_autofree char *expected = NULL;

    g_assert_true (g_str_has_prefix (expected_text, "FILE"));
    expected = g_strconcat (path, expected_text + strlen ("FILE"), NULL);
    if (doc != NULL)
      {
        g_test_fail_printf ("%s loaded, but should be refused with: %s", path, expected);
        return;
      }
    g_assert_nonnull (error);
    g_assert_true (error->domain == PW_FORMAT_ERROR);
    if (!g_str_has_prefix (error->message, expected))
      g_test_fail_printf ("%s: expected a message starting\n  %s\nbut got\n  %s",
                          path, expected, error->message);
  }
}

static void
test_connector_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *expected = read_expected (path, ".json");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwConnectorTable) table = NULL;
  gsize length;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  table = pw_connector_table_new_from_data (text, length, &error);
  g_assert_null (table);
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_test_fail_printf ("%s: expected '%s' in '%s'", path, expected, error->message);
}

static void
test_types_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *expected = read_expected (path, ".json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PwTypeSet) set = pw_type_set_new ();
  g_autoptr(GError) error = NULL;
  PwParseContext ctx = { 0 };
  JsonNode *root;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (root != NULL && JSON_NODE_HOLDS_OBJECT (root));
  g_assert_false (pw_type_set_add_from_json (set, json_node_get_object (root), &ctx, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, expected) == NULL)
    g_test_fail_printf ("%s: expected '%s' in '%s'", path, expected, error->message);
}

/* Generated files */

static void
assert_refused (const char *text,
                gsize       length,
                int         code,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = pw_format_load_data (text, length, "big.patchwise", &error);

  g_assert_null (doc);
  g_assert_error (error, PW_FORMAT_ERROR, code);
  if (!g_str_has_prefix (error->message, expected))
    g_test_fail_printf ("expected a message starting '%s', got '%s'", expected, error->message);
}

static void
test_million_devices (void)
{
  g_autoptr(GString) text = g_string_new ("{\n  \"format\": \"patchwise\",\n  \"version\": 1,\n"
                                          "  \"devices\": [\n");
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < 1000000; i++)
    g_string_append_printf (text, "%s    { \"id\": \"d%u\", \"type\": \"dynamic-mic\" }",
                            i ? ",\n" : "", i);
  g_string_append (text, "\n  ]\n}\n");
  assert_refused (text->str, text->len, PW_FORMAT_ERROR_TOO_LARGE,
                  "big.patchwise:4:14: the plan has 1000000 devices; at most 100000 are read");
  g_test_message ("a million devices refused in %.2f s",
                  (g_get_monotonic_time () - start) / 1e6);
}

static void
test_too_many_cables (void)
{
  g_autoptr(GString) text = g_string_new ("{ \"format\": \"patchwise\", \"version\": 1, "
                                          "\"cables\": [");

  for (guint i = 0; i < PW_FORMAT_MAX_CABLES + 1; i++)
    g_string_append_printf (text, "%s{\"id\":\"C%u\",\"type\":\"xlr-f-m\"}", i ? "," : "", i);
  g_string_append (text, "] }\n");
  assert_refused (text->str, text->len, PW_FORMAT_ERROR_TOO_LARGE,
                  "big.patchwise:1:50: the plan has 200001 cables; at most 200000 are read");
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("{\n  \"format\": \"patchwise\",\n  \"version\": 1,\n"
                                          "  \"x-deep\": ");

  for (guint i = 0; i < 10000; i++)
    g_string_append (text, i % 2 ? "[" : "{\"a\":");
  for (guint i = 10000; i > 0; i--)
    g_string_append (text, (i - 1) % 2 ? "]" : "}");
  g_string_append (text, "\n}\n");
  /* The 64th level opens at column 13 + 5 × 32 + 31 = 204. */
  assert_refused (text->str, text->len, PW_FORMAT_ERROR_TOO_LARGE,
                  "big.patchwise:4:204: nesting deeper than 64 levels");
}

/* A comment with a quote in it once hid the rest of the file from the
 * nesting limit, and json-glib overflowed the stack on what followed. */
static void
test_nesting_behind_comment (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"patchwise\", \"version\": 1, "
                                          "\"x\": /*\"*/ ");

  for (guint i = 0; i < 300000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (text, ']');
  g_string_append (text, " /*\"*/}\n");
  assert_refused (text->str, text->len, PW_FORMAT_ERROR_SYNTAX,
                  "big.patchwise:1:44: unexpected '/': JSON has no comments");
}

static void
test_many_keys (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"patchwise\", \"version\": 1, "
                                          "\"x-index\": {");

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (text, "%s\"k%u\": %u", i ? ", " : "", i, i);
  /* The same name again, once plainly and once spelt with an escape. */
  g_string_append (text, ", \"k\\u0034\\u0032\": 0}}\n");
  assert_refused (text->str, text->len, PW_FORMAT_ERROR_INVALID, "big.patchwise:1:");
  g_assert_true (g_str_has_suffix (text->str, "}}\n"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PwDocument) doc = pw_format_load_data (text->str, text->len, "big.patchwise",
                                                     &error);

    g_assert_nonnull (strstr (error->message, "field 'k42' appears twice in the same object"));
  }
}

static void
test_many_ports (void)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"patchwise\", \"version\": 1, "
                                          "\"device_types\": {\"t-huge\": {\"ports\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = NULL;
  gint64 start = g_get_monotonic_time ();

  /* The most ports a type may have, and a bridge across all of them:
   * reading it must take a moment, not minutes. */
  for (guint i = 0; i < G_MAXUINT16; i++)
    g_string_append_printf (text, "%s{\"id\":\"p%u\",\"direction\":\"passive\",\"connector\":"
                            "\"ts-6.35\",\"gender\":\"female\",\"pins\":{}}", i ? "," : "", i);
  g_string_append (text, "], \"bridges\": [[");
  for (guint i = 0; i < G_MAXUINT16; i++)
    g_string_append_printf (text, "%s\"p%u.tip\"", i ? "," : "", G_MAXUINT16 - 1 - i);
  g_string_append (text, "]]}}, \"devices\": [{\"id\": \"d\", \"type\": \"t-huge\"}]}\n");
  doc = pw_format_load_data (text->str, text->len, "big.patchwise", &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_test_message ("65535 ports read in %.2f s", (g_get_monotonic_time () - start) / 1e6);

  /* One more is refused. */
  g_string_truncate (text, 0);
  g_string_append (text, "{\"format\": \"patchwise\", \"version\": 1, "
                   "\"device_types\": {\"t-huge\": {\"ports\": [");
  for (guint i = 0; i <= G_MAXUINT16; i++)
    g_string_append_printf (text, "%s{}", i ? "," : "");
  g_string_append (text, "]}}}\n");
  assert_refused (text->str, text->len, PW_FORMAT_ERROR_TOO_LARGE,
                  "big.patchwise:1:76: device type 't-huge' has too many ports");
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("patchwise-hostile-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
test_file_too_large (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "big.patchwise", NULL);
  g_autofree char *sparse = g_build_filename (dir, "sparse.patchwise", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = NULL;
  g_autofree char *expected = NULL;
  gsize size = 65 * 1024 * 1024;
  g_autofree char *text = g_malloc (size);
  int fd;

  /* 65 MiB of a plan that would be valid but for its size: a title of
   * spaces. */
  memset (text, ' ', size);
  memcpy (text, "{\"format\": \"patchwise\", \"version\": 1, \"title\": \"", 48);
  memcpy (text + size - 4, "\"}\n\n", 4);
  g_file_set_contents (path, text, size, &error);
  g_assert_no_error (error);
  doc = pw_format_load_file (path, &error);
  g_assert_null (doc);
  g_assert_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_TOO_LARGE);
  expected = g_strdup_printf ("%s: the file is 68157440 bytes; a plan may be at most 64 MiB",
                              path);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  /* Ten gigabytes (sparse, so no disk is used) are refused unread. */
  fd = g_open (sparse, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 10 * 1024 * 1024 * 1024), ==, 0);
  close (fd);
  doc = pw_format_load_file (sparse, &error);
  g_assert_null (doc);
  g_assert_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, sparse));
  g_clear_error (&error);

  /* A folder, and something endless. */
  doc = pw_format_load_file (dir, &error);
  g_assert_null (doc);
  g_assert_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_SYNTAX);
  g_clear_error (&error);
  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      doc = pw_format_load_file ("/dev/zero", &error);
      g_assert_null (doc);
      g_assert_error (error, PW_FORMAT_ERROR, PW_FORMAT_ERROR_TOO_LARGE);
      g_clear_error (&error);
    }

  remove_tree (dir);
}

/* Saving */

static PwDocument *
load_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cli", "clean.patchwise", NULL);
  g_autoptr(GError) error = NULL;
  PwDocument *doc = pw_format_load_file (path, &error);

  g_assert_no_error (error);
  return doc;
}

static const char previous_text[] = "{ \"format\": \"patchwise\", \"version\": 1, "
                                    "\"title\": \"the plan as it was\" }\n";

static void
assert_file_is_previous (const char *path)
{
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (text, length, previous_text, strlen (previous_text));
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A full disk, as root can have it without mounting anything: a file size
 * limit makes every write past it fail (EFBIG), as ENOSPC would. */
static void
test_save_disk_full (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_strdup (g_getenv ("PW_TEST_DIR"));
      g_autofree char *path = g_build_filename (dir, "plan.patchwise", NULL);
      g_autoptr(PwDocument) doc = load_example ();
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 64, 64 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      g_assert_false (pw_format_save_file (doc, path, &error));
      g_assert_nonnull (error);
      /* The user is told, with the file's name. */
      g_assert_nonnull (strstr (error->message, path));
      g_printerr ("%s\n", error->message);
      return;
    }

  {
    g_autofree char *dir = make_temp_dir ();
    g_autofree char *path = g_build_filename (dir, "plan.patchwise", NULL);
    g_autoptr(GError) error = NULL;

    g_file_set_contents (path, previous_text, -1, &error);
    g_assert_no_error (error);
    g_setenv ("PW_TEST_DIR", dir, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stderr ("*Could not save*plan.patchwise*");

    assert_file_is_previous (path);
    /* No temporary file is left behind. */
    g_assert_cmpuint (count_entries (dir), ==, 1);
    remove_tree (dir);
  }
}

/* The folder cannot take a new file: here the "folder" is a regular file,
 * which stops root as well as anyone. */
static void
test_save_folder_not_writable (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *blocker = g_build_filename (dir, "plan.patchwise", NULL);
  g_autofree char *path = g_build_filename (blocker, "inner.patchwise", NULL);
  g_autoptr(PwDocument) doc = load_example ();
  g_autoptr(GError) error = NULL;

  g_file_set_contents (blocker, previous_text, -1, &error);
  g_assert_no_error (error);
  g_assert_false (pw_format_save_file (doc, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  assert_file_is_previous (blocker);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_tree (dir);
}

/* The target is a folder: the rename fails, and the folder and what it
 * holds stay as they were. */
static void
test_save_over_folder (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "plan.patchwise", NULL);
  g_autofree char *inside = g_build_filename (target, "keep.patchwise", NULL);
  g_autoptr(PwDocument) doc = load_example ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (target, 0755), ==, 0);
  g_file_set_contents (inside, previous_text, -1, &error);
  g_assert_no_error (error);
  g_assert_false (pw_format_save_file (doc, target, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, target));
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
  assert_file_is_previous (inside);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_tree (dir);
}

/* And when the save works, the new plan replaces the old one whole. */
static void
test_save_replaces (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "plan.patchwise", NULL);
  g_autoptr(PwDocument) doc = load_example ();
  g_autoptr(PwDocument) again = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, previous_text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (pw_format_save_file (doc, path, &error));
  g_assert_no_error (error);
  again = pw_format_load_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_document_get_n_cables (again), ==, pw_document_get_n_cables (doc));
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_tree (dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  guint n_refused = 0;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  dir_path = g_test_build_filename (G_TEST_DIST, "hostile", NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".patchwise") || g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, compare_names);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *test_path = NULL;

      *strrchr (basename, '.') = '\0';
      if (g_str_has_prefix (basename, "connectors-"))
        {
          test_path = g_strconcat ("/hostile/connectors/", basename, NULL);
          g_test_add_data_func (test_path, path, test_connector_file);
        }
      else if (g_str_has_prefix (basename, "types-"))
        {
          test_path = g_strconcat ("/hostile/types/", basename, NULL);
          g_test_add_data_func (test_path, path, test_types_file);
        }
      else
        {
          g_autofree char *expected = read_expected (path, ".patchwise");

          if (!g_str_equal (expected, "LOADS"))
            n_refused++;
          test_path = g_strconcat ("/hostile/plan/", basename, NULL);
          g_test_add_data_func (test_path, path, test_plan_file);
        }
    }
  /* A corpus that shrank by accident would pass quietly; refuse that. */
  g_assert_cmpuint (n_refused, >=, MIN_HOSTILE_FILES);

  g_test_add_func ("/hostile/generated/million-devices", test_million_devices);
  g_test_add_func ("/hostile/generated/too-many-cables", test_too_many_cables);
  g_test_add_func ("/hostile/generated/deep-nesting", test_deep_nesting);
  g_test_add_func ("/hostile/generated/nesting-behind-comment", test_nesting_behind_comment);
  g_test_add_func ("/hostile/generated/many-keys", test_many_keys);
  g_test_add_func ("/hostile/generated/many-ports", test_many_ports);
  g_test_add_func ("/hostile/generated/file-too-large", test_file_too_large);
  g_test_add_func ("/hostile/save/disk-full", test_save_disk_full);
  g_test_add_func ("/hostile/save/folder-not-writable", test_save_folder_not_writable);
  g_test_add_func ("/hostile/save/over-folder", test_save_over_folder);
  g_test_add_func ("/hostile/save/replaces", test_save_replaces);

  return g_test_run ();
}
