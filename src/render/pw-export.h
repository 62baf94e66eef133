/* pw-export.h: the plan as PDF (diagram, cable schedule, pinout sheets),
 * PNG or SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-analysis.h"
#include "pw-document.h"

G_BEGIN_DECLS

typedef enum {
  PW_EXPORT_PDF,
  PW_EXPORT_PNG,
  PW_EXPORT_SVG,
} PwExportFormat;

typedef enum {
  PW_PAPER_A4,
  PW_PAPER_A3,
  PW_PAPER_LETTER,
} PwPaper;

typedef struct
{
  PwPaper     paper;       /* PDF: the sheet, always landscape */
  double      scale;       /* PNG: pixels per unit; SVG: points per unit; 0 = 1 */
  gboolean    dark;        /* the dark palette */
  const char *date;        /* for the title block; NULL = today (or SOURCE_DATE_EPOCH) */
} PwExportOptions;

/* Largest PNG side in pixels: past it, the scale is reduced to fit. */
#define PW_EXPORT_MAX_PIXELS 16000

gboolean pw_export_format_from_path (const char      *path,
                                     PwExportFormat  *format);
gboolean pw_paper_from_string       (const char      *name,
                                     PwPaper         *paper);

/* Places the devices that have no position, checks the plan (unless
 * @analysis is given) and writes @path through a temporary file in the
 * same folder, renamed into place only when complete. */
gboolean pw_export_to_file          (PwDocument            *doc,
                                     PwAnalysis            *analysis,
                                     const char            *path,
                                     PwExportFormat         format,
                                     const PwExportOptions *options,
                                     GError               **error);

G_END_DECLS
