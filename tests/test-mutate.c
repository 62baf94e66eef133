/* test-mutate.c: ten thousand damaged plans crash nothing
 *
 * The example plans and the check plans are damaged at random, but the
 * same way every run (byte flips, deleted and repeated spans, numbers made
 * strings, NaN or huge, strings made numbers, truncation). Every mutant is
 * loaded and, when it loads, checked, saved and read back, in this
 * process; a sample is also given to the real `patchwise check`, which
 * must exit 0, 1 or 2 and say something: on standard output for 0 and 1,
 * on standard error for 2. PW_MUTANTS sets how many (default 10000).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "pw-analysis.h"
#include "pw-format.h"

#define SEED 20240611
#define SPAWN_EVERY 50

typedef struct
{
  GPtrArray *texts;   /* GBytes of the original plans */
  guint      n_loaded;
  guint      n_refused;
  guint      n_spawned;
} Corpus;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_dir (GPtrArray  *texts,
         const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".patchwise"))
      g_ptr_array_add (names, g_strdup (name));
  /* Sorted, so that the same seed damages the same plans the same way. */
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autofree char *text = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      g_ptr_array_add (texts, g_bytes_new_take (g_steal_pointer (&text), length));
    }
}

/* Where a JSON token of one kind starts: a number, or a string. */
static gssize
find_token (GByteArray *buf,
            GRand      *rand,
            gboolean    number)
{
  gsize start = g_rand_int_range (rand, 0, MAX (buf->len, 1));

  for (gsize k = 0; k < buf->len; k++)
    {
      gsize i = (start + k) % buf->len;
      char c = buf->data[i];
      char before = i > 0 ? buf->data[i - 1] : ' ';

      if (number && (g_ascii_isdigit (c) || c == '-') && (before == ' ' || before == ':' ||
                                                         before == '[' || before == ','))
        return i;
      if (!number && c == '"' && (before == ' ' || before == ':' || before == '['))
        return i;
    }
  return -1;
}

static gsize
token_end (GByteArray *buf,
           gsize       start)
{
  gsize i = start;

  if (buf->data[i] == '"')
    {
      for (i++; i < buf->len && buf->data[i] != '"'; i++)
        if (buf->data[i] == '\\')
          i++;
      return MIN (i + 1, buf->len);
    }
  while (i < buf->len && (g_ascii_isalnum (buf->data[i]) || buf->data[i] == '.' ||
                          buf->data[i] == '-' || buf->data[i] == '+'))
    i++;
  return i;
}

static void
replace_span (GByteArray *buf,
              gsize       start,
              gsize       end,
              const char *with)
{
  g_byte_array_remove_range (buf, start, end - start);
  /* g_byte_array has no insert; make room and copy. */
  {
    gsize n = strlen (with), old_len = buf->len;

    g_byte_array_set_size (buf, old_len + n);
    memmove (buf->data + start + n, buf->data + start, old_len - start);
    memcpy (buf->data + start, with, n);
  }
}

static const char * const number_replacements[] = {
  "\"7\"", "NaN", "1e400", "-1e400", "1e308", "-0", "99999999999999999999999", "1e41",
  "null", "true", "[]", "{}", "0.5", "-5", "2147483648", "1e-320",
};
static const char * const string_replacements[] = {
  "1", "null", "{}", "[]", "\"\"", "\"C1\"", "\"mic1\"", "\"desk\"", "\"\\u0000\"",
  "\"\\ud800\"", "\"xlr3\"", "\"out\"", "\"in\"", "\"a\"", "\"passive\"", "-1e400",
};

static void
mutate_once (GByteArray *buf,
             GRand      *rand)
{
  gsize len = buf->len, a, b;
  gssize t;

  if (len == 0)
    return;
  a = g_rand_int_range (rand, 0, len);
  b = a + g_rand_int_range (rand, 1, 64);   /* not inside MIN (), which would draw twice */
  b = MIN (b, len);

  switch (g_rand_int_range (rand, 0, 9))
    {
    case 0:   /* a random byte */
      buf->data[a] = g_rand_int_range (rand, 0, 256);
      break;
    case 1:   /* a flipped bit */
      buf->data[a] ^= 1 << g_rand_int_range (rand, 0, 8);
      break;
    case 2:   /* a span deleted */
      g_byte_array_remove_range (buf, a, b - a);
      break;
    case 3:   /* a span repeated elsewhere */
      {
        g_autofree char *span = g_strndup ((const char *) buf->data + a, b - a);
        gsize at = g_rand_int_range (rand, 0, len);

        if (strlen (span) == b - a)
          replace_span (buf, at, at, span);
      }
      break;
    case 4:   /* a number swapped for a string, NaN, a huge value … */
      if ((t = find_token (buf, rand, TRUE)) >= 0)
        replace_span (buf, t, token_end (buf, t),
                      number_replacements[g_rand_int_range (rand, 0,
                                                            G_N_ELEMENTS (number_replacements))]);
      break;
    case 5:   /* a string swapped for something else */
      if ((t = find_token (buf, rand, FALSE)) >= 0)
        replace_span (buf, t, token_end (buf, t),
                      string_replacements[g_rand_int_range (rand, 0,
                                                            G_N_ELEMENTS (string_replacements))]);
      break;
    case 6:   /* truncated */
      g_byte_array_set_size (buf, a);
      break;
    case 7:   /* a bracket or quote dropped in */
      {
        static const char structural[] = "{}[]\",:";
        char c[2] = { structural[g_rand_int_range (rand, 0, 7)], '\0' };

        replace_span (buf, a, a, c);
      }
      break;
    default:  /* one string copied over another: duplicate or dangling ids */
      {
        gssize s1 = find_token (buf, rand, FALSE), s2 = find_token (buf, rand, FALSE);

        if (s1 >= 0 && s2 >= 0 && s1 != s2)
          {
            g_autofree char *copy = g_strndup ((const char *) buf->data + s1,
                                               token_end (buf, s1) - s1);

            if (strlen (copy) == token_end (buf, s1) - (gsize) s1)
              replace_span (buf, s2, token_end (buf, s2), copy);
          }
      }
      break;
    }
}

static void
run_check (const char *path,
           gboolean    loaded)
{
  const char *exe = g_getenv ("PATCHWISE");
  const char *argv[] = { exe, "check", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status, status;

  g_assert_nonnull (exe);
  /* In a tree where others build at the same time, the executable may be
   * in the middle of being linked: wait for it rather than fail. */
  for (guint attempt = 0; ; attempt++)
    {
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                    &wait_status, &error);
      if (attempt == 20 || !(g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_ACCES) ||
                             g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_TXTBUSY) ||
                             g_error_matches (error, G_SPAWN_ERROR, G_SPAWN_ERROR_NOENT)))
        break;
      g_clear_error (&error);
      g_usleep (G_USEC_PER_SEC / 2);
    }
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    {
      g_autofree char *text = NULL;

      g_file_get_contents (path, &text, NULL, NULL);
      g_test_fail_printf ("patchwise check died (status %d) on:\n%s\n%s", wait_status,
                          text ? text : "", err);
      return;
    }
  status = WEXITSTATUS (wait_status);
  g_assert_cmpint (status, >=, 0);
  g_assert_cmpint (status, <=, 2);
  /* The check agrees with the loader in this process. */
  g_assert_cmpint (status == 2, ==, !loaded);
  if (status == 2)
    g_assert_cmpstr (g_strstrip (err), !=, "");
  else
    g_assert_cmpstr (g_strstrip (out), !=, "");
}

static void
test_mutants (gconstpointer data)
{
  Corpus *corpus = (Corpus *) data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  const char *env = g_getenv ("PW_MUTANTS");
  guint n = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 10000;
  g_autoptr(GError) tmp_error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("patchwise-mutate-XXXXXX", &tmp_error);
  g_autofree char *path = NULL;

  g_assert_no_error (tmp_error);
  path = g_build_filename (dir, "mutant.patchwise", NULL);

  for (guint i = 0; i < n; i++)
    {
      GBytes *original = g_ptr_array_index (corpus->texts,
                                            g_rand_int_range (rand, 0, corpus->texts->len));
      g_autoptr(GByteArray) buf = g_byte_array_new ();
      g_autoptr(PwDocument) doc = NULL;
      g_autoptr(GError) error = NULL;
      guint n_mutations = g_rand_int_range (rand, 1, 4);
      gsize size;
      const guint8 *bytes = g_bytes_get_data (original, &size);

      g_byte_array_append (buf, bytes, size);
      for (guint m = 0; m < n_mutations; m++)
        mutate_once (buf, rand);

      doc = pw_format_load_data ((const char *) buf->data, buf->len, "mutant.patchwise", &error);
      if (doc != NULL)
        {
          g_autoptr(PwAnalysis) analysis = pw_analysis_new (doc);
          g_autoptr(PwDocument) again = NULL;
          g_autofree char *saved = pw_format_save_data (doc, NULL);

          g_assert_no_error (error);
          again = pw_format_load_data (saved, strlen (saved), "saved.patchwise", &error);
          if (again == NULL)
            g_test_fail_printf ("mutant %u loaded, but its saved text does not: %s", i,
                                error->message);
          corpus->n_loaded++;
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == PW_FORMAT_ERROR);
          g_assert_true (g_str_has_prefix (error->message, "mutant.patchwise"));
          corpus->n_refused++;
        }

      if (i % SPAWN_EVERY == 0)
        {
          g_assert_true (g_file_set_contents (path, (const char *) buf->data, buf->len, NULL));
          run_check (path, doc != NULL);
          corpus->n_spawned++;
        }
    }

  g_unlink (path);
  g_rmdir (dir);
  g_test_message ("%u mutants: %u loaded, %u refused; %u given to patchwise check",
                  n, corpus->n_loaded, corpus->n_refused, corpus->n_spawned);
  /* Both outcomes happen, or the mutations are too weak or too strong. */
  if (n >= 1000)
    {
      g_assert_cmpuint (corpus->n_loaded, >, n / 50);
      g_assert_cmpuint (corpus->n_refused, >, n / 2);
    }
}

int
main (int    argc,
      char **argv)
{
  Corpus corpus = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref), 0, 0, 0 };
  const char *root = g_getenv ("PW_SOURCE_ROOT");
  g_autofree char *examples = NULL;
  g_autofree char *checks = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  checks = g_test_build_filename (G_TEST_DIST, "checks", NULL);

  g_assert_nonnull (root);
  examples = g_build_filename (root, "data", "examples", NULL);
  add_dir (corpus.texts, examples);
  add_dir (corpus.texts, checks);
  g_assert_cmpuint (corpus.texts->len, >=, 10);

  g_test_add_data_func ("/mutate/plans", &corpus, test_mutants);
  status = g_test_run ();
  g_ptr_array_unref (corpus.texts);
  return status;
}
