/* test-diff.c: what changed between two plans, each change once with the
 * right kind and fields, pin by pin; and the saved file that a text diff
 * reads well.
 *
 * tests/diff/ holds base.patchwise and one variant per kind of change.
 * NAME.expected lists, one a line, every change the diff of base and NAME
 * must report ("changed cable C1 type,ends"), every finding that appeared
 * ("+ code cable") or went away ("- code cable"), nothing else; and "~ ID
 * TEXT" lines, each a text the detail of ID's change must hold.
 * NAME.positions.expected is the same with device positions compared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pw-diff.h"
#include "pw-format.h"
#include "pw-history.h"

static PwDocument *
load_or_fail (const char *path)
{
  g_autoptr(GError) error = NULL;
  PwDocument *doc = pw_format_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "diff", name, NULL);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_findings (GPtrArray  *lines,
              const char *sign,
              PwDocument *doc,
              guint       n,
              const PwFinding *(*get) (PwDiff *, guint),
              PwDiff     *diff)
{
  for (guint i = 0; i < n; i++)
    {
      const PwFinding *f = get (diff, i);

      g_ptr_array_add (lines, g_strdup_printf ("%s %s %s", sign, pw_code_get_info (f->code)->code,
                                               f->cable >= 0
                                               ? pw_document_get_cable (doc, f->cable)->id
                                               : "-"));
    }
}

/* The diff as the lines of an expectation, sorted. */
static GPtrArray *
diff_lines (PwDiff *diff)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < pw_diff_get_n_changes (diff); i++)
    {
      const PwChange *c = pw_diff_get_change (diff, i);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_printf (line, "%s %s %s", pw_change_kind_to_string (c->kind),
                       pw_change_what_to_string (c->what), c->id);
      for (guint k = 0, n = 0; k < PW_DIFF_N_FIELDS; k++)
        if (c->fields & (1u << k))
          g_string_append_printf (line, "%s%s", n++ ? "," : " ", pw_diff_field_to_string (1u << k));
      /* Added and removed name no fields. */
      g_assert_true ((c->kind == PW_CHANGE_CHANGED) == (c->fields != 0));
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  add_findings (lines, "+", pw_diff_get_new_document (diff), pw_diff_get_n_appeared (diff),
                pw_diff_get_appeared, diff);
  add_findings (lines, "-", pw_diff_get_old_document (diff), pw_diff_get_n_gone (diff),
                pw_diff_get_gone, diff);
  g_ptr_array_sort (lines, compare_lines);
  return lines;
}

static const PwChange *
find_change (PwDiff     *diff,
             const char *id)
{
  for (guint i = 0; i < pw_diff_get_n_changes (diff); i++)
    if (g_str_equal (pw_diff_get_change (diff, i)->id, id))
      return pw_diff_get_change (diff, i);
  return NULL;
}

static void
check_expected (PwDiff     *diff,
                const char *expected_path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) expected_lines = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) got = diff_lines (diff);
  g_autofree char *got_text = NULL;
  g_autofree char *expected_text = NULL;

  g_file_get_contents (expected_path, &text, NULL, &error);
  g_assert_no_error (error);
  expected_lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; expected_lines[i] != NULL; i++)
    {
      const char *line = expected_lines[i];

      if (*line == '\0')
        continue;
      if (g_str_has_prefix (line, "~ "))
        {
          g_autofree char *id = g_strndup (line + 2, strcspn (line + 2, " "));
          const char *wanted = line + 2 + strlen (id) + 1;
          const PwChange *change = find_change (diff, id);

          if (change == NULL)
            g_error ("%s: no change of %s", expected_path, id);
          if (strstr (change->detail, wanted) == NULL)
            g_error ("%s: the detail of %s is “%s”, without “%s”", expected_path, id,
                     change->detail, wanted);
          continue;
        }
      g_ptr_array_add (expected, (gpointer) line);
    }
  g_ptr_array_sort (expected, compare_lines);
  g_ptr_array_add (expected, NULL);
  g_ptr_array_add (got, NULL);
  expected_text = g_strjoinv ("\n", (char **) expected->pdata);
  got_text = g_strjoinv ("\n", (char **) got->pdata);
  g_assert_cmpstr (got_text, ==, expected_text);
  g_assert_true (pw_diff_is_empty (diff) == (*expected_text == '\0'));
}

static void
test_corpus_case (gconstpointer data)
{
  const char *name = data;
  g_autofree char *base_path = corpus_path ("base.patchwise");
  g_autofree char *file = g_strconcat (name, ".patchwise", NULL);
  g_autofree char *path = corpus_path (file);
  g_autofree char *expected = g_strconcat (name, ".expected", NULL);
  g_autofree char *expected_path = corpus_path (expected);
  g_autofree char *positions = g_strconcat (name, ".positions.expected", NULL);
  g_autofree char *positions_path = corpus_path (positions);
  g_autoptr(PwDocument) base = load_or_fail (base_path);
  g_autoptr(PwDocument) doc = load_or_fail (path);
  g_autoptr(PwDiff) diff = pw_diff_new (base, doc, PW_DIFF_NONE);
  g_autoptr(PwDiff) back = pw_diff_new (doc, base, PW_DIFF_NONE);

  check_expected (diff, expected_path);

  /* Backwards, what was added is removed and what appeared is gone. */
  g_assert_cmpuint (pw_diff_get_n_changes (back), ==, pw_diff_get_n_changes (diff));
  g_assert_cmpuint (pw_diff_get_n_appeared (back), ==, pw_diff_get_n_gone (diff));
  g_assert_cmpuint (pw_diff_get_n_gone (back), ==, pw_diff_get_n_appeared (diff));
  for (guint i = 0; i < pw_diff_get_n_changes (diff); i++)
    {
      const PwChange *c = pw_diff_get_change (diff, i);
      const PwChange *r = find_change (back, c->id);

      g_assert_nonnull (r);
      g_assert_cmpuint (r->fields, ==, c->fields);
      g_assert_cmpint (r->kind, ==, c->kind == PW_CHANGE_ADDED ? PW_CHANGE_REMOVED
                                    : c->kind == PW_CHANGE_REMOVED ? PW_CHANGE_ADDED
                                    : PW_CHANGE_CHANGED);
    }

  /* The one-line summary names every change by id. */
  {
    g_autofree char *summary = pw_diff_dup_summary (diff);

    if (pw_diff_is_empty (diff))
      g_assert_cmpstr (summary, ==, "no change");
    for (guint i = 0; i < pw_diff_get_n_changes (diff); i++)
      g_assert_nonnull (strstr (summary, pw_diff_get_change (diff, i)->id));
  }

  if (g_file_test (positions_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(PwDiff) moved = pw_diff_new (base, doc, PW_DIFF_POSITIONS);

      check_expected (moved, positions_path);
    }
}

/* A lead extended: the first cable's end now mates the extension, and
 * pin to pin it joins the same contacts as before, through it. */
static void
test_extension_joins (void)
{
  g_autofree char *base_path = corpus_path ("base.patchwise");
  g_autofree char *path = corpus_path ("cable-extension.patchwise");
  g_autoptr(PwDocument) base = load_or_fail (base_path);
  g_autoptr(PwDocument) doc = load_or_fail (path);
  g_autoptr(PwDiff) diff = pw_diff_new (base, doc, PW_DIFF_NONE);
  const PwChange *c = find_change (diff, "C1");

  g_assert_nonnull (c);
  g_assert_cmpstr (c->detail, ==, "end b Desk:Ch 1 → C7 end a");
}

static void
test_summary (void)
{
  g_autofree char *base_path = corpus_path ("base.patchwise");
  g_autofree char *added_path = corpus_path ("cable-added.patchwise");
  g_autofree char *removed_path = corpus_path ("device-removed.patchwise");
  g_autoptr(PwDocument) base = load_or_fail (base_path);
  g_autoptr(PwDocument) added = load_or_fail (added_path);
  g_autoptr(PwDocument) removed = load_or_fail (removed_path);
  g_autoptr(PwDiff) a = pw_diff_new (base, added, PW_DIFF_NONE);
  g_autoptr(PwDiff) r = pw_diff_new (base, removed, PW_DIFF_NONE);
  g_autofree char *sa = pw_diff_dup_summary (a);
  g_autofree char *sr = pw_diff_dup_summary (r);

  g_assert_cmpstr (sa, ==, "changed cable C5; added cable C7; findings: 2 new, 0 gone");
  g_assert_cmpstr (sr, ==, "removed device gtr and cable C3");
}

/* Plans that a load and a save took through report nothing, positions
 * included; a second save writes the same bytes. */
static void
test_same_after_save (void)
{
  const char *folders[] = { "diff", "checks", "render", "cli", "../data/examples" };
  guint n_plans = 0;

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, folders[f], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);
          g_autoptr(PwDocument) doc = NULL;
          g_autoptr(PwDocument) again = NULL;
          g_autoptr(PwDiff) diff = NULL;
          g_autofree char *saved = NULL;
          g_autofree char *saved_again = NULL;
          g_autoptr(GError) error = NULL;

          if (!g_str_has_suffix (name, ".patchwise"))
            continue;
          doc = pw_format_load_file (path, NULL);
          if (doc == NULL)
            continue;
          saved = pw_format_save_data (doc, NULL);
          again = pw_format_load_data (saved, strlen (saved), name, &error);
          g_assert_no_error (error);
          diff = pw_diff_new (doc, again, PW_DIFF_POSITIONS);
          if (!pw_diff_is_empty (diff))
            g_error ("%s: a load and a save changed the plan", path);
          saved_again = pw_format_save_data (again, NULL);
          g_assert_cmpstr (saved_again, ==, saved);
          n_plans++;
        }
    }
  g_assert_cmpuint (n_plans, >=, 40);
}

/* The lines of @a and @b (of as many lines) that differ, by number. */
static GArray *
differing_lines (const char *a,
                 const char *b)
{
  g_auto(GStrv) la = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (b, "\n", -1);
  GArray *differ = g_array_new (FALSE, FALSE, sizeof (guint));

  g_assert_cmpuint (g_strv_length (la), ==, g_strv_length (lb));
  for (guint i = 0; la[i] != NULL; i++)
    if (!g_str_equal (la[i], lb[i]))
      g_array_append_val (differ, i);
  return differ;
}

/* The first and last line of the object in @text that holds @member. */
static void
object_lines (const char *text,
              const char *member,
              guint      *first,
              guint      *last)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint at = 0, indent;

  while (lines[at] != NULL && strstr (lines[at], member) == NULL)
    at++;
  g_assert_nonnull (lines[at]);
  indent = strspn (lines[at], " ") - 2;
  *first = at;
  while (*first > 0 && !(strspn (lines[*first], " ") == indent && lines[*first][indent] == '{'))
    (*first)--;
  *last = at;
  while (lines[*last] != NULL && !(strspn (lines[*last], " ") == indent &&
                                    lines[*last][indent] == '}'))
    (*last)++;
  g_assert_nonnull (lines[*last]);
}

/* A text diff of two saves shows only what changed: edit one cable (its
 * label, length and type) or one device, and only its lines differ. */
static void
test_git_friendly (void)
{
  g_autofree char *path = corpus_path ("base.patchwise");
  g_autoptr(PwDocument) doc = load_or_fail (path);
  g_autoptr(PwHistory) history = pw_history_new (doc);
  g_autofree char *before = pw_format_save_data (doc, NULL);
  g_autofree char *after = NULL;
  g_autofree char *after_device = NULL;
  g_autoptr(GArray) differ = NULL;
  PwCable *cable = pw_document_lookup_cable (doc, "C4");
  PwCableType *type = pw_document_resolve_cable_type (doc, "xlr-f-m");
  guint first, last;

  pw_history_begin (history, "Edit C4");
  pw_edit_set_cable_label (history, cable, "A004");
  pw_edit_set_cable_length (history, cable, 7.5, TRUE);
  pw_history_end (history);
  after = pw_format_save_data (doc, NULL);
  differ = differing_lines (before, after);
  object_lines (after, "\"id\" : \"C4\"", &first, &last);
  g_assert_cmpuint (differ->len, ==, 2);
  for (guint i = 0; i < differ->len; i++)
    {
      g_assert_cmpuint (g_array_index (differ, guint, i), >, first);
      g_assert_cmpuint (g_array_index (differ, guint, i), <, last);
    }
  g_clear_pointer (&differ, g_array_unref);

  /* Another type of cable the plan already uses: one line. */
  pw_edit_set_cable_type (history, pw_document_lookup_cable (doc, "C3"), type);
  g_clear_pointer (&before, g_free);
  before = g_steal_pointer (&after);
  after = pw_format_save_data (doc, NULL);
  g_assert_null (strstr (after, "\"ts-ts\""));

  /* Phantom on one more input: the lines of that device only. */
  pw_edit_set_phantom (history, pw_document_lookup_device (doc, "desk"),
                       pw_device_type_find_port (pw_document_lookup_device (doc, "desk")->type,
                                                 "ch1"), TRUE);
  after_device = pw_format_save_data (doc, NULL);
  {
    g_auto(GStrv) la = g_strsplit (after, "\n", -1);
    g_auto(GStrv) lb = g_strsplit (after_device, "\n", -1);
    guint extra = g_strv_length (lb) - g_strv_length (la);

    object_lines (after_device, "\"id\" : \"desk\"", &first, &last);
    /* Everything before the device and after it is the same. */
    for (guint i = 0; i < first; i++)
      g_assert_cmpstr (la[i], ==, lb[i]);
    for (guint i = last + 1; lb[i] != NULL; i++)
      g_assert_cmpstr (la[i - extra], ==, lb[i]);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);

  dir_path = g_test_build_filename (G_TEST_DIST, "diff", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".patchwise") && !g_str_equal (name, "base.patchwise"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".patchwise")));
  g_ptr_array_sort (names, compare_lines);
  /* Every kind of change has its case. */
  g_assert_cmpuint (names->len, >=, 15);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *test_path = g_strconcat ("/diff/corpus/",
                                                (char *) g_ptr_array_index (names, i), NULL);

      g_test_add_data_func (test_path, g_ptr_array_index (names, i), test_corpus_case);
    }
  g_test_add_func ("/diff/same-after-save", test_same_after_save);
  g_test_add_func ("/diff/summary", test_summary);
  g_test_add_func ("/diff/extension-joins", test_extension_joins);
  g_test_add_func ("/format/save/git-friendly", test_git_friendly);

  return g_test_run ();
}
