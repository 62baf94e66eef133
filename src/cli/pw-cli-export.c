/* pw-cli-export.c: patchwise export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-cli.h"
#include "pw-export.h"
#include "pw-format.h"

enum {
  EXIT_OK = 0,
  EXIT_WRITE_FAILED = 1,
  EXIT_INVALID = 2,
};

#define USAGE N_("Usage: patchwise export FILE -o OUT.pdf|OUT.png|OUT.svg [--scale N] " \
                 "[--paper a4|a3|letter] [--dark]\n" \
                 "       patchwise export FILE -o OUT.csv --table=schedule|bom|inputs|labels\n" \
                 "       patchwise export FILE -o OUT.pdf --table=labels [--label-size=WxH] " \
                 "[--paper a4|a3|letter]")

/* "38.1x21.2" (millimetres; "×" too). */
static gboolean
parse_label_size (const char *text,
                  double     *w,
                  double     *h)
{
  g_autofree char *copy = g_strdup (text);
  char *sep = strstr (copy, "×");
  char *end;
  gsize sep_len = 2;

  if (sep == NULL)
    sep = strpbrk (copy, "xX"), sep_len = 1;
  if (sep == NULL)
    return FALSE;
  *sep = '\0';
  *w = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0')
    return FALSE;
  *h = g_ascii_strtod (sep + sep_len, &end);
  if (end == sep + sep_len || *end != '\0')
    return FALSE;
  return *w > 0 && *h > 0 && *w < 10000 && *h < 10000;
}

int
pw_cli_export (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *table_name = NULL;
  g_autofree char *label_size = NULL;
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
    { "table", 0, 0, G_OPTION_ARG_STRING, &table_name,
      N_("CSV: schedule, bom, inputs or labels; PDF: labels for a label sheet"), N_("TABLE") },
    { "label-size", 0, 0, G_OPTION_ARG_STRING, &label_size,
      N_("Label sheet: one label in millimetres (default 38.1x21.2)"), N_("WxH") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — export a plan as PDF, PNG or SVG"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = NULL;
  PwExportOptions options = { PW_PAPER_A4, 1.0, FALSE, NULL, PW_TABLE_NONE, 0, 0 };
  PwExportFormat format;

  g_option_context_set_summary (context,
    _("Writes the diagram (PNG, SVG), or the drawing set (PDF): the diagram, the cable\n"
      "schedule, the bill of materials, the input list and the pinout sheets. Devices\n"
      "without a position are laid out first. With --table, one table as CSV, or the\n"
      "cable labels as a PDF label sheet.\n"
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
                    ".pdf, .png, .svg or .csv.\n"), output);
      return EXIT_INVALID;
    }
  if (table_name != NULL && !pw_table_kind_from_string (table_name, &options.table))
    {
      g_printerr (_("patchwise export: unknown table “%s”: use schedule, bom, inputs or "
                    "labels.\n%s\n"), table_name, _(USAGE));
      return EXIT_INVALID;
    }
  if (format == PW_EXPORT_CSV && options.table == PW_TABLE_NONE)
    {
      g_printerr (_("patchwise export: %s: a CSV holds one table: give "
                    "--table=schedule, bom, inputs or labels.\n"), output);
      return EXIT_INVALID;
    }
  if ((format == PW_EXPORT_PNG || format == PW_EXPORT_SVG) && options.table != PW_TABLE_NONE)
    {
      g_printerr (_("patchwise export: %s: --table writes a CSV, or labels as a PDF; not a PNG "
                    "or SVG.\n"), output);
      return EXIT_INVALID;
    }
  if (format == PW_EXPORT_PDF && options.table != PW_TABLE_NONE &&
      options.table != PW_TABLE_LABELS)
    {
      g_printerr (_("patchwise export: %s: the PDF drawing set holds the %s already; "
                    "--table with a PDF is for labels only.\n"),
                  output, table_name);
      return EXIT_INVALID;
    }
  if (label_size != NULL)
    {
      guint columns, rows;

      if (options.table != PW_TABLE_LABELS || format != PW_EXPORT_PDF)
        {
          g_printerr (_("patchwise export: --label-size is for a label sheet "
                        "(-o OUT.pdf --table=labels).\n"));
          return EXIT_INVALID;
        }
      if (!parse_label_size (label_size, &options.label_w_mm, &options.label_h_mm))
        {
          g_printerr (_("patchwise export: label size “%s” is not WIDTHxHEIGHT in millimetres "
                        "(such as 38.1x21.2).\n"), label_size);
          return EXIT_INVALID;
        }
      if (paper_name != NULL && !pw_paper_from_string (paper_name, &options.paper))
        ; /* Reported below. */
      else if (!pw_export_label_grid (options.paper, options.label_w_mm, options.label_h_mm,
                                      &columns, &rows))
        {
          g_printerr (_("patchwise export: a label of %s mm does not fit on the sheet.\n"),
                      label_size);
          return EXIT_INVALID;
        }
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
