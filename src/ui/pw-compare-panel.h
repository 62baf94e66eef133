/* pw-compare-panel.h: the open plan compared with another version of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pw-diff.h"
#include "pw-render.h"

G_BEGIN_DECLS

#define PW_TYPE_COMPARE_PANEL (pw_compare_panel_get_type ())

G_DECLARE_FINAL_TYPE (PwComparePanel, pw_compare_panel, PW, COMPARE_PANEL, GtkWidget)

GtkWidget  *pw_compare_panel_new          (void);
/* Compares @document, as it is now and after every edit, with @old (a
 * saved version, called @name in the panel's heading). NULL @old ends the
 * comparison. */
void        pw_compare_panel_compare      (PwComparePanel *self,
                                           PwDocument     *document,
                                           PwDocument     *old,
                                           const char     *name);
gboolean    pw_compare_panel_is_comparing (PwComparePanel *self);
/* The comparison as it stands (NULL when none), and what it marks on the
 * drawing (PwComparePanel:marks). */
PwDiff     *pw_compare_panel_get_diff     (PwComparePanel *self);
PwMarks    *pw_compare_panel_get_marks    (PwComparePanel *self);
/* One line that says what changed: "2 cables changed (C1, C4), 1 device
 * added (mic3); findings: 1 new". */
char       *pw_compare_panel_dup_summary  (PwComparePanel *self);
/* The rows of the list, for the tests: its GListModel of entries, and an
 * entry's title. */
GListModel *pw_compare_panel_get_entries  (PwComparePanel *self);
const char *pw_compare_entry_get_title    (GObject        *entry);

G_END_DECLS
