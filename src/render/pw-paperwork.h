/* pw-paperwork.h: what a crew needs on the day (DESIGN.md §9) — cable
 * schedule, bill of materials, input list and labels as tables, cable
 * numbers by the plan's rule
 *
 * Pure functions of a document and its analysis: no drawing, no GTK. The
 * CSV export, the PDF drawing set, the label sheet and the application
 * all read these tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-analysis.h"
#include "pw-document.h"
#include "pw-history.h"

G_BEGIN_DECLS

typedef enum {
  PW_TABLE_NONE,
  PW_TABLE_SCHEDULE,
  PW_TABLE_BOM,
  PW_TABLE_INPUTS,
  PW_TABLE_LABELS,
} PwTableKind;

typedef struct
{
  guint       n_columns;
  const char * const *header;   /* the column names of DESIGN.md §9 */
  GPtrArray  *rows;             /* GStrv of n_columns cells each */
} PwTable;

gboolean    pw_table_kind_from_string (const char  *name,
                                       PwTableKind *kind);
const char *pw_table_kind_to_string   (PwTableKind  kind);

PwTable    *pw_paperwork_table        (PwDocument  *doc,
                                       PwAnalysis  *analysis,
                                       PwTableKind  kind);
void        pw_table_free             (PwTable     *table);
/* RFC 4180: CRLF line ends, fields with a comma, quote or line break
 * quoted, quotes doubled; UTF-8, the header row first. */
char       *pw_table_to_csv           (const PwTable *table,
                                       gsize         *length);

/* "Desk: Ch 1" for a plugged end; NULL for an open one. */
char       *pw_paperwork_describe_end (PwCable     *cable,
                                       guint        end);
/* The end a cable's signal leaves from: the first at an output-side port. */
guint       pw_paperwork_cable_from_end (PwCable   *cable);

/* The label a cable gets by the plan's numbering rule: the next number of
 * the prefix of its link class, one past the highest that any other cable
 * carries. */
char       *pw_paperwork_next_label   (PwDocument  *doc,
                                       PwAnalysis  *analysis,
                                       PwCable     *cable);
/* Every cable's label after renumbering in signal-flow order, by cable
 * index. */
GPtrArray  *pw_paperwork_renumber     (PwDocument  *doc,
                                       PwAnalysis  *analysis);
/* Edits (one undo step each, or part of the open one): number cables just
 * connected, as the analysis sees them once plugged in; renumber every
 * cable. */
void        pw_edit_number_cables     (PwHistory   *history,
                                       PwCable    **cables,
                                       guint        n_cables);
void        pw_edit_renumber_cables   (PwHistory   *history,
                                       PwAnalysis  *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwTable, pw_table_free)

G_END_DECLS
