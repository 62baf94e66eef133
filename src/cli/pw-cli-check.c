/* pw-cli-check.c: patchwise check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <unistd.h>

#include "pw-analysis.h"
#include "pw-cli.h"
#include "pw-format.h"

enum {
  EXIT_CLEAN = 0,
  EXIT_FINDINGS = 1,
  EXIT_INVALID = 2,
};

typedef struct
{
  gboolean json;
  gboolean strict;
  gboolean color;
} CheckOptions;

static const char *
severity_color (PwSeverity severity)
{
  switch (severity)
    {
    case PW_SEVERITY_ERROR:
      return "\033[1;31m";
    case PW_SEVERITY_WARNING:
      return "\033[1;33m";
    case PW_SEVERITY_INFO:
    default:
      return "\033[1;36m";
    }
}

/* "Desk:Ch 3" for a cable end's device and port. */
static void
append_plug (GString *str,
             PwPlug  *plug)
{
  g_string_append_printf (str, "%s:%s", plug->device->name,
                          plug->device->type->ports[plug->port].label);
}

static char *
describe_cable (PwCable *cable)
{
  GString *str = g_string_new (cable->label);
  gboolean first = TRUE;

  g_string_append (str, " (");
  for (guint e = 0; e < cable->type->n_ends; e++)
    {
      if (!first)
        g_string_append (str, " → ");
      first = FALSE;
      if (cable->ends[e].device != NULL)
        append_plug (str, &cable->ends[e]);
      else
        g_string_append_printf (str, _("end %s open"), cable->type->ends[e].id);
    }
  g_string_append (str, ")");
  return g_string_free (str, FALSE);
}

char *
pw_cli_finding_where (PwDocument      *doc,
                      const PwFinding *f)
{
  g_autofree char *where = NULL;

  if (f->cable >= 0)
    where = describe_cable (pw_document_get_cable (doc, f->cable));
  if (f->device >= 0)
    {
      PwDevice *d = pw_document_get_device (doc, f->device);
      g_autofree char *port = g_strdup_printf ("%s:%s", d->name, d->type->ports[f->port].label);
      char *joined = where ? g_strdup_printf ("%s, at %s", where, port) : g_strdup (port);

      g_free (where);
      where = joined;
    }
  return g_steal_pointer (&where);
}

static void
print_text (const char   *file,
            PwDocument   *doc,
            PwAnalysis   *analysis,
            CheckOptions *opts)
{
  guint n_suppressed = 0;
  guint counts[PW_LINK_OPEN + 1] = { 0 };
  g_autoptr(GString) links = g_string_new (NULL);

  for (guint i = 0; i < pw_analysis_get_n_findings (analysis); i++)
    {
      const PwFinding *f = pw_analysis_get_finding (analysis, i);
      g_autofree char *where = pw_cli_finding_where (doc, f);

      if (f->suppressed)
        n_suppressed++;

      printf ("%s: %s: %s%s%s: %s [%s]%s\n",
              file, where ? where : "",
              opts->color ? severity_color (f->severity) : "",
              pw_severity_to_string (f->severity),
              opts->color ? "\033[0m" : "",
              pw_code_get_message (f->code),
              pw_code_get_info (f->code)->code,
              f->suppressed ? _(" (suppressed)") : "");
    }

  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    counts[pw_analysis_get_link_class (analysis, c)]++;
  for (guint k = 0; k <= PW_LINK_OPEN; k++)
    if (counts[k] > 0)
      g_string_append_printf (links, "%s%u %s", links->len ? ", " : "", counts[k],
                              pw_link_class_to_string (k));

  printf (_("%s: %u errors, %u warnings, %u infos"),
          file,
          pw_analysis_count (analysis, PW_SEVERITY_ERROR, FALSE),
          pw_analysis_count (analysis, PW_SEVERITY_WARNING, FALSE),
          pw_analysis_count (analysis, PW_SEVERITY_INFO, FALSE));
  if (n_suppressed > 0)
    printf (_(" (%u suppressed)"), n_suppressed);
  printf (_("; %u devices, %u cables"), pw_document_get_n_devices (doc),
          pw_document_get_n_cables (doc));
  if (links->len > 0)
    printf (": %s", links->str);
  printf ("\n");
}

JsonNode *
pw_cli_finding_to_json (PwDocument      *doc,
                        const PwFinding *f)
{
  JsonObject *obj = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "code", pw_code_get_info (f->code)->code);
  json_object_set_string_member (obj, "severity", pw_severity_to_string (f->severity));
  if (f->cable >= 0)
    json_object_set_string_member (obj, "cable", pw_document_get_cable (doc, f->cable)->id);
  else
    json_object_set_null_member (obj, "cable");
  if (f->device >= 0)
    {
      PwDevice *d = pw_document_get_device (doc, f->device);

      json_object_set_string_member (obj, "device", d->id);
      json_object_set_string_member (obj, "port", d->type->ports[f->port].id);
    }
  else
    {
      json_object_set_null_member (obj, "device");
      json_object_set_null_member (obj, "port");
    }
  /* No port carries channels yet (issue #14): every finding's channel is
   * null, as §8 asks for single-channel ports. */
  json_object_set_null_member (obj, "channel");
  json_object_set_string_member (obj, "message", pw_code_get_message (f->code));
  /* The plan-specific detail and the verified fixes of §6 are issue #15:
   * until then no detail is claimed and no fix is offered. */
  json_object_set_null_member (obj, "detail");
  json_object_set_array_member (obj, "fixes", json_array_new ());
  json_node_take_object (node, obj);
  return node;
}

static void
print_json (const char *file,
            PwDocument *doc,
            PwAnalysis *analysis)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();
  JsonArray *findings = json_array_new ();
  JsonArray *suppressed = json_array_new ();
  JsonArray *links = json_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < pw_analysis_get_n_findings (analysis); i++)
    {
      const PwFinding *f = pw_analysis_get_finding (analysis, i);

      json_array_add_element (f->suppressed ? suppressed : findings, pw_cli_finding_to_json (doc, f));
    }
  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      JsonObject *link = json_object_new ();

      json_object_set_string_member (link, "cable", pw_document_get_cable (doc, c)->id);
      json_object_set_string_member (link, "class",
                                     pw_link_class_to_string (pw_analysis_get_link_class (analysis, c)));
      json_array_add_object_element (links, link);
    }

  json_object_set_string_member (obj, "file", file);
  json_object_set_array_member (obj, "findings", findings);
  json_object_set_array_member (obj, "links", links);
  json_object_set_array_member (obj, "suppressed", suppressed);
  json_node_take_object (root, obj);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  printf ("%s\n", text);
}

static int
check_one (const char   *file,
           CheckOptions *opts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = NULL;
  g_autoptr(PwAnalysis) analysis = NULL;
  gboolean failed;

  doc = pw_format_load_file (file, &error);
  if (doc == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_INVALID;
    }
  analysis = pw_analysis_new (doc);

  if (opts->json)
    print_json (file, doc, analysis);
  else
    print_text (file, doc, analysis, opts);

  failed = pw_analysis_count (analysis, PW_SEVERITY_ERROR, FALSE) > 0 ||
           (opts->strict && pw_analysis_count (analysis, PW_SEVERITY_WARNING, FALSE) > 0);
  return failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

int
pw_cli_check (int    argc,
              char **argv)
{
  g_autofree char *format = NULL;
  g_auto(GStrv) files = NULL;
  gboolean strict = FALSE;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: text (the default) or json"), N_("FORMAT") },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict,
      N_("Fail on warnings as well as errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE… — check plans pin by pin"));
  g_autoptr(GError) error = NULL;
  CheckOptions opts = { 0 };
  int status = EXIT_CLEAN;

  g_option_context_set_summary (context,
    _("Checks every cable of each plan and prints its findings.\n"
      "Exit status: 0 when no finding is an error (with --strict, no warning either),\n"
      "1 otherwise, 2 when a file cannot be read or is invalid, or on a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("patchwise check: %s\n", error->message);
      return EXIT_INVALID;
    }
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr (_("patchwise check: unknown format “%s”: use text or json\n"), format);
      return EXIT_INVALID;
    }
  if (files == NULL || files[0] == NULL)
    {
      g_printerr (_("patchwise check: no file given. Usage: patchwise check [--format=text|json] "
                    "[--strict] FILE…\n"));
      return EXIT_INVALID;
    }

  opts.json = format != NULL && g_str_equal (format, "json");
  opts.strict = strict;
  opts.color = !opts.json && isatty (STDOUT_FILENO) && g_getenv ("NO_COLOR") == NULL;

  for (guint i = 0; files[i] != NULL; i++)
    {
      int file_status = check_one (files[i], &opts);

      status = MAX (status, file_status);
    }
  fflush (stdout);
  return status;
}
