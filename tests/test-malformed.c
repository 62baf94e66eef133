/* test-malformed.c: every file of the malformed corpus is refused whole,
 * with the message its sibling .expected file spells out.
 *
 * Each tests/malformed/NN-name.patchwise has a NN-name.expected holding one
 * line, the exact error message, with the file's name written as FILE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pw-format.h"

#define MIN_CORPUS_FILES 30

static void
test_malformed_file (gconstpointer data)
{
  const char *path = data;
  g_autofree char *base = NULL;
  g_autofree char *expected_path = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PwDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) read_error = NULL;

  g_assert_true (g_str_has_suffix (path, ".patchwise"));
  base = g_strndup (path, strlen (path) - strlen (".patchwise"));
  expected_path = g_strconcat (base, ".expected", NULL);
  g_file_get_contents (expected_path, &expected_text, NULL, &read_error);
  g_assert_no_error (read_error);

  /* One line, ended by a newline or not. */
  g_strchomp (expected_text);
  g_assert_null (strchr (expected_text, '\n'));
  g_assert_true (g_str_has_prefix (expected_text, "FILE"));
  expected = g_strconcat (path, expected_text + strlen ("FILE"), NULL);

  doc = pw_format_load_file (path, &error);
  if (doc != NULL)
    {
      g_test_fail_printf ("%s loaded, but should be refused with: %s", path, expected);
      return;
    }
  if (error == NULL)
    {
      g_test_fail_printf ("%s was refused without an error", path);
      return;
    }
  g_assert_true (error->domain == PW_FORMAT_ERROR);
  g_assert_cmpstr (error->message, ==, expected);
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
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Report every file of the corpus, not just the first that fails. */
  g_test_set_nonfatal_assertions ();

  dir_path = g_test_build_filename (G_TEST_DIST, "malformed", NULL);
  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".patchwise"))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (paths, compare_names);

  /* A corpus that shrank by accident would pass quietly; refuse that. */
  g_assert_cmpuint (paths->len, >=, MIN_CORPUS_FILES);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *basename = g_path_get_basename (path);
      g_autofree char *test_path = NULL;

      basename[strlen (basename) - strlen (".patchwise")] = '\0';
      test_path = g_strconcat ("/format/malformed/", basename, NULL);
      g_test_add_data_func (test_path, path, test_malformed_file);
    }

  status = g_test_run ();
  return status;
}
