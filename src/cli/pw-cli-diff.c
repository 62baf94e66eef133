/* pw-cli-diff.c: patchwise diff OLD NEW
 *
 * What changed between two plans, by ids and pin by pin (DESIGN.md §8,
 * §9 Revisions). Exit status as diff(1): 0 the same, 1 different, 2 when
 * a plan cannot be read or on a usage error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "pw-cli.h"
#include "pw-diff.h"
#include "pw-format.h"

enum {
  EXIT_SAME = 0,
  EXIT_DIFFERENT = 1,
  EXIT_INVALID = 2,
};

static JsonArray *
fields_to_json (guint fields)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < PW_DIFF_N_FIELDS; i++)
    if (fields & (1u << i))
      json_array_add_string_element (array, pw_diff_field_to_string (1u << i));
  return array;
}

static JsonArray *
findings_to_json (PwDiff  *diff,
                  gboolean appeared)
{
  JsonArray *array = json_array_new ();
  PwDocument *doc = appeared ? pw_diff_get_new_document (diff) : pw_diff_get_old_document (diff);
  guint n = appeared ? pw_diff_get_n_appeared (diff) : pw_diff_get_n_gone (diff);

  for (guint i = 0; i < n; i++)
    json_array_add_element (array, pw_cli_finding_to_json (doc, appeared
                                                             ? pw_diff_get_appeared (diff, i)
                                                             : pw_diff_get_gone (diff, i)));
  return array;
}

static void
print_json (const char *old_file,
            const char *new_file,
            PwDiff     *diff)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();
  JsonObject *findings = json_object_new ();
  JsonArray *changes = json_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < pw_diff_get_n_changes (diff); i++)
    {
      const PwChange *c = pw_diff_get_change (diff, i);
      JsonObject *change = json_object_new ();

      json_object_set_string_member (change, "kind", pw_change_kind_to_string (c->kind));
      json_object_set_string_member (change, "what", pw_change_what_to_string (c->what));
      json_object_set_string_member (change, "id", c->id);
      json_object_set_array_member (change, "fields", fields_to_json (c->fields));
      json_object_set_string_member (change, "detail", c->detail);
      json_array_add_object_element (changes, change);
    }
  json_object_set_array_member (findings, "appeared", findings_to_json (diff, TRUE));
  json_object_set_array_member (findings, "gone", findings_to_json (diff, FALSE));

  json_object_set_string_member (obj, "old", old_file);
  json_object_set_string_member (obj, "new", new_file);
  json_object_set_array_member (obj, "changes", changes);
  json_object_set_object_member (obj, "findings", findings);
  json_node_take_object (root, obj);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

static void
print_finding (const char      *sign,
               PwDocument      *doc,
               const PwFinding *f)
{
  g_autofree char *where = pw_cli_finding_where (doc, f);

  printf ("%s %s: %s: %s [%s]\n", sign, where ? where : "", pw_severity_to_string (f->severity),
          pw_code_get_message (f->code), pw_code_get_info (f->code)->code);
}

/* One line per change, then one per finding that came ("+") or went
 * ("-"), then a summary; nothing at all when the plans are the same, as
 * diff(1) does. */
static void
print_text (const char *old_file,
            const char *new_file,
            PwDiff     *diff)
{
  guint counts[3] = { 0 };

  if (pw_diff_is_empty (diff))
    return;
  for (guint i = 0; i < pw_diff_get_n_changes (diff); i++)
    {
      const PwChange *c = pw_diff_get_change (diff, i);
      g_autoptr(GString) fields = g_string_new (NULL);

      counts[c->kind]++;
      for (guint k = 0; k < PW_DIFF_N_FIELDS; k++)
        if (c->fields & (1u << k))
          g_string_append_printf (fields, "%s%s", fields->len ? ", " : " [",
                                  pw_diff_field_to_string (1u << k));
      if (fields->len > 0)
        g_string_append (fields, "]");
      printf ("%s %s %s%s: %s\n", pw_change_kind_to_string (c->kind),
              pw_change_what_to_string (c->what), c->id, fields->str, c->detail);
    }
  for (guint i = 0; i < pw_diff_get_n_appeared (diff); i++)
    print_finding ("+", pw_diff_get_new_document (diff), pw_diff_get_appeared (diff, i));
  for (guint i = 0; i < pw_diff_get_n_gone (diff); i++)
    print_finding ("-", pw_diff_get_old_document (diff), pw_diff_get_gone (diff, i));

  printf (_("%s → %s: %u added, %u removed, %u changed; findings: %u new, %u gone\n"),
          old_file, new_file, counts[PW_CHANGE_ADDED], counts[PW_CHANGE_REMOVED],
          counts[PW_CHANGE_CHANGED], pw_diff_get_n_appeared (diff), pw_diff_get_n_gone (diff));
}

int
pw_cli_diff (int    argc,
             char **argv)
{
  g_autofree char *format = NULL;
  g_auto(GStrv) files = NULL;
  gboolean positions = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: text (the default) or json"), N_("FORMAT") },
    { "positions", 0, 0, G_OPTION_ARG_NONE, &positions,
      N_("Count a device moved on the drawing as a change"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("OLD NEW — what changed between two plans, pin by pin"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) old_doc = NULL;
  g_autoptr(PwDocument) new_doc = NULL;
  g_autoptr(PwDiff) diff = NULL;

  g_option_context_set_summary (context,
    _("Compares two plans by the ids of their devices and cables: what was added, removed\n"
      "and changed, what each changed cable now joins contact to contact, and the findings\n"
      "that appeared and went away.\n"
      "Exit status: 0 when the plans are the same, 1 when they differ, 2 when a plan\n"
      "cannot be read or is invalid, or on a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("patchwise diff: %s\n", error->message);
      return EXIT_INVALID;
    }
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr (_("patchwise diff: unknown format “%s”: use text or json\n"), format);
      return EXIT_INVALID;
    }
  if (files == NULL || g_strv_length (files) != 2)
    {
      g_printerr (_("patchwise diff: give two plans. Usage: patchwise diff [--format=text|json] "
                    "[--positions] OLD NEW\n"));
      return EXIT_INVALID;
    }

  /* The same messages as check, for each file that cannot be read. */
  old_doc = pw_format_load_file (files[0], &error);
  if (old_doc == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_INVALID;
    }
  new_doc = pw_format_load_file (files[1], &error);
  if (new_doc == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_INVALID;
    }

  diff = pw_diff_new (old_doc, new_doc, positions ? PW_DIFF_POSITIONS : PW_DIFF_NONE);
  if (format != NULL && g_str_equal (format, "json"))
    print_json (files[0], files[1], diff);
  else
    print_text (files[0], files[1], diff);
  fflush (stdout);
  return pw_diff_is_empty (diff) ? EXIT_SAME : EXIT_DIFFERENT;
}
