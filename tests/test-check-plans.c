/* test-check-plans.c: every plan in tests/checks/ gets exactly the findings
 * and link classes it declares in its "x-test" member.
 *
 * A plan declares
 *   "x-test": { "findings": ["code cable device.port", ...],
 *               "links": { "C1": "balanced", ... } }
 * with "-" for what a finding does not concern. The list is compared as a
 * set: no finding more, none fewer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "pw-analysis.h"
#include "pw-format.h"

static char *
finding_key (PwDocument      *doc,
             const PwFinding *f)
{
  g_autofree char *port = NULL;

  if (f->device >= 0)
    {
      PwDevice *d = pw_document_get_device (doc, f->device);

      port = g_strdup_printf ("%s.%s", d->id, d->type->ports[f->port].id);
    }
  return g_strdup_printf ("%s %s %s", pw_code_get_info (f->code)->code,
                          f->cable >= 0 ? pw_document_get_cable (doc, f->cable)->id : "-",
                          port ? port : "-");
}

static int
compare_str (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_sorted (GPtrArray *list)
{
  GString *s = g_string_new (NULL);

  g_ptr_array_sort (list, compare_str);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (s, "  %s\n", (const char *) g_ptr_array_index (list, i));
  return g_string_free (s, FALSE);
}

static void
test_plan (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = pw_format_load_file (path, &error);
  g_autoptr(PwAnalysis) analysis = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *want = NULL, *got = NULL;
  JsonObject *extra, *spec;
  JsonArray *findings;

  g_assert_no_error (error);
  if (doc == NULL)
    return;

  extra = pw_document_get_extra (doc);
  g_assert_true (extra != NULL && json_object_has_member (extra, "x-test"));
  if (extra == NULL || !json_object_has_member (extra, "x-test"))
    return;
  spec = json_object_get_object_member (extra, "x-test");
  findings = json_object_get_array_member (spec, "findings");
  g_assert_nonnull (findings);
  if (findings == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    g_ptr_array_add (expected, g_strdup (json_array_get_string_element (findings, i)));

  analysis = pw_analysis_new (doc);
  for (guint i = 0; i < pw_analysis_get_n_findings (analysis); i++)
    g_ptr_array_add (actual, finding_key (doc, pw_analysis_get_finding (analysis, i)));

  want = join_sorted (expected);
  got = join_sorted (actual);
  if (g_strcmp0 (want, got) != 0)
    g_test_message ("%s\nexpected:\n%sgot:\n%s", path, want, got);
  g_assert_cmpstr (got, ==, want);

  if (json_object_has_member (spec, "links"))
    {
      JsonObject *links = json_object_get_object_member (spec, "links");
      g_autoptr(GList) names = json_object_get_members (links);

      for (GList *l = names; l != NULL; l = l->next)
        {
          PwCable *cable = pw_document_lookup_cable (doc, l->data);
          g_autofree char *label = NULL, *wanted = NULL;

          g_assert_nonnull (cable);
          if (cable == NULL)
            continue;
          label = g_strdup_printf ("%s %s", (const char *) l->data,
                                   pw_link_class_to_string (pw_analysis_get_link_class (analysis,
                                                                                        cable->index)));
          wanted = g_strdup_printf ("%s %s", (const char *) l->data,
                                    json_object_get_string_member (links, l->data));
          g_assert_cmpstr (label, ==, wanted);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);
  /* One wrong plan must not hide the others: report every failure. */
  g_test_set_nonfatal_assertions ();

  dir = g_test_build_filename (G_TEST_DIST, "checks", NULL);
  d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".patchwise"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_str);
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *base = g_strndup (file, strlen (file) - strlen (".patchwise"));
      g_autofree char *test_path = g_strdup_printf ("/check/plans/%s", base);

      g_test_add_data_func_full (test_path, g_build_filename (dir, file, NULL), test_plan, g_free);
    }

  return g_test_run ();
}
