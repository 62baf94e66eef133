/* pw-cli-export.c: patchwise export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-cli.h"
#include "pw-export.h"
#include "pw-format.h"

enum {
  EXIT_OK = 0,
  EXIT_WRITE_FAILED = 1,
  EXIT_INVALID = 2,
};

#define USAGE N_("Usage: patchwise export FILE -o OUT.pdf|OUT.png|OUT.svg [--scale N] " \
                 "[--paper a4|a3|letter] [--dark]")

int
pw_cli_export (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *paper_name = NULL;
  g_auto(GStrv) files = NULL;
  double scale = 1.0;
  gboolean dark = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write: the extension (.pdf, .png, .svg) chooses the format"), N_("OUT") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("PNG: pixels per diagram unit; SVG: points per unit (default 1)"), N_("N") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name,
      N_("PDF sheet, landscape: a4 (the default), a3 or letter"), N_("PAPER") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Use the dark palette"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — export a plan as PDF, PNG or SVG"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = NULL;
  PwExportOptions options = { PW_PAPER_A4, 1.0, FALSE, NULL };
  PwExportFormat format;

  g_option_context_set_summary (context,
    _("Writes the diagram (PNG, SVG), or the diagram, the cable schedule and the pinout\n"
      "sheets (PDF). Devices without a position are laid out first.\n"
      "Exit status: 0 on success, 1 when the output cannot be written,\n"
      "2 when the plan cannot be read or is invalid, or on a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("patchwise export: %s\n%s\n", error->message, _(USAGE));
      return EXIT_INVALID;
    }
  if (files == NULL || files[0] == NULL)
    {
      g_printerr (_("patchwise export: no plan given.\n%s\n"), _(USAGE));
      return EXIT_INVALID;
    }
  if (files[1] != NULL)
    {
      g_printerr (_("patchwise export: one plan at a time (got “%s” and “%s”).\n%s\n"),
                  files[0], files[1], _(USAGE));
      return EXIT_INVALID;
    }
  if (output == NULL)
    {
      g_printerr (_("patchwise export: %s: no output given (-o OUT.pdf, OUT.png or OUT.svg).\n"),
                  files[0]);
      return EXIT_INVALID;
    }
  if (!pw_export_format_from_path (output, &format))
    {
      g_printerr (_("patchwise export: %s: unknown output format; the name must end in "
                    ".pdf, .png or .svg.\n"), output);
      return EXIT_INVALID;
    }
  if (!(scale > 0.01 && scale <= 16))
    {
      g_printerr (_("patchwise export: scale %g is out of range (0.01 to 16).\n"), scale);
      return EXIT_INVALID;
    }
  if (paper_name != NULL && !pw_paper_from_string (paper_name, &options.paper))
    {
      g_printerr (_("patchwise export: unknown paper “%s”: use a4, a3 or letter.\n"), paper_name);
      return EXIT_INVALID;
    }
  options.scale = scale;
  options.dark = dark;

  doc = pw_format_load_file (files[0], &error);
  if (doc == NULL)
    {
      /* The loader names the file, line and column. */
      g_printerr ("patchwise export: %s\n", error->message);
      return EXIT_INVALID;
    }

  if (!pw_export_to_file (doc, NULL, output, format, &options, &error))
    {
      g_printerr ("patchwise export: %s: %s\n", files[0], error->message);
      return EXIT_WRITE_FAILED;
    }
  return EXIT_OK;
}
