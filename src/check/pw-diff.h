/* pw-diff.h: what changed between two plans, by ids and pin by pin
 *
 * Devices and cables are matched by id. A change is reported once: added,
 * removed, or changed with the fields that differ; a changed cable's
 * detail says what it now joins contact to contact against what it
 * joined. The findings of the two plans are matched by code and by the
 * ids they name, and those that appeared or went away are listed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-analysis.h"

G_BEGIN_DECLS

typedef enum {
  PW_CHANGE_ADDED,
  PW_CHANGE_REMOVED,
  PW_CHANGE_CHANGED,
} PwChangeKind;

typedef enum {
  PW_CHANGE_DEVICE,
  PW_CHANGE_CABLE,
} PwChangeWhat;

/* The fields of a change, in the order they are listed. */
typedef enum {
  PW_DIFF_FIELD_TYPE     = 1 << 0,   /* another type, or the type's definition changed */
  PW_DIFF_FIELD_NAME     = 1 << 1,   /* device */
  PW_DIFF_FIELD_LABEL    = 1 << 2,   /* cable */
  PW_DIFF_FIELD_ENDS     = 1 << 3,   /* cable: where its ends plug in */
  PW_DIFF_FIELD_LENGTH   = 1 << 4,   /* cable */
  PW_DIFF_FIELD_PHANTOM  = 1 << 5,   /* device */
  PW_DIFF_FIELD_LIFT     = 1 << 6,   /* device: ground lift */
  PW_DIFF_FIELD_POSITION = 1 << 7,   /* device: only with PW_DIFF_POSITIONS */
} PwDiffField;

#define PW_DIFF_N_FIELDS 8

typedef enum {
  PW_DIFF_NONE      = 0,
  PW_DIFF_POSITIONS = 1 << 0,        /* a device moved is a change */
} PwDiffFlags;

typedef struct
{
  PwChangeKind  kind;
  PwChangeWhat  what;
  char         *id;
  guint         fields;              /* PwDiffField bits; 0 for added and removed */
  char         *detail;              /* one line, in the user's language */
  int           old_index;           /* in the old document, or -1 when added */
  int           new_index;           /* in the new document, or -1 when removed */
} PwChange;

typedef struct _PwDiff PwDiff;

PwDiff           *pw_diff_new                (PwDocument  *old_document,
                                              PwDocument  *new_document,
                                              PwDiffFlags  flags);
void              pw_diff_free               (PwDiff      *self);

/* Whether the plans are the same: no change and no finding came or went. */
gboolean          pw_diff_is_empty           (PwDiff      *self);
guint             pw_diff_get_n_changes      (PwDiff      *self);
const PwChange   *pw_diff_get_change         (PwDiff      *self,
                                              guint        index);

PwDocument       *pw_diff_get_old_document   (PwDiff      *self);
PwDocument       *pw_diff_get_new_document   (PwDiff      *self);
PwAnalysis       *pw_diff_get_old_analysis   (PwDiff      *self);
PwAnalysis       *pw_diff_get_new_analysis   (PwDiff      *self);

/* Findings (not suppressed) of the new plan that the old one lacks, and
 * of the old plan that the new one lacks; each in its own plan's
 * analysis. */
guint             pw_diff_get_n_appeared     (PwDiff      *self);
const PwFinding  *pw_diff_get_appeared       (PwDiff      *self,
                                              guint        index);
guint             pw_diff_get_n_gone         (PwDiff      *self);
const PwFinding  *pw_diff_get_gone           (PwDiff      *self,
                                              guint        index);

/* What changed, in one line for a revision list: "changed cables C1, C4
 * and device mic1; added device mic3; removed cable C2; findings: 1 new,
 * 2 gone" ("no change" when empty). */
char             *pw_diff_dup_summary        (PwDiff      *self);

/* "device", "cable"; "added", …; "type", "ends", … for one field bit. */
const char       *pw_change_what_to_string   (PwChangeWhat what);
const char       *pw_change_kind_to_string   (PwChangeKind kind);
const char       *pw_diff_field_to_string    (PwDiffField  field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwDiff, pw_diff_free)

G_END_DECLS
