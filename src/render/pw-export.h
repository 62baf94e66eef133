/* pw-export.h: the plan as PDF (diagram, cable schedule, pinout sheets),
 * PNG or SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "pw-analysis.h"
#include "pw-document.h"
#include "pw-paperwork.h"

G_BEGIN_DECLS

typedef enum {
  PW_EXPORT_PDF,
  PW_EXPORT_PNG,
  PW_EXPORT_SVG,
  PW_EXPORT_CSV,
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
  PwTableKind table;       /* CSV: which table; PDF: PW_TABLE_LABELS for the label sheet */
  double      label_w_mm;  /* label sheet: one label; 0 = 38.1 × 21.2 */
  double      label_h_mm;
} PwExportOptions;

#define PW_LABEL_DEFAULT_W_MM 38.1
#define PW_LABEL_DEFAULT_H_MM 21.2

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

/* The label sheet: @paper upright, labels of @w_mm × @h_mm in a grid.
 * FALSE when not one label fits on the sheet. */
gboolean pw_export_label_grid       (PwPaper          paper,
                                     double           w_mm,
                                     double           h_mm,
                                     guint           *columns,
                                     guint           *rows);
/* Draws sheet @page of the labels (points, the sheet's top left at the
 * origin): the export and the application's preview. Returns the number
 * of sheets. */
guint    pw_export_draw_label_sheet (cairo_t               *cr,
                                     PwDocument            *doc,
                                     PwAnalysis            *analysis,
                                     const PwExportOptions *options,
                                     guint                  page);

G_END_DECLS
