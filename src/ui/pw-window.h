/* pw-window.h: one plan in one window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pw-canvas.h"
#include "pw-compare-panel.h"
#include "pw-history.h"

G_BEGIN_DECLS

#define PW_TYPE_WINDOW (pw_window_get_type ())

G_DECLARE_FINAL_TYPE (PwWindow, pw_window, PW, WINDOW, AdwApplicationWindow)

PwWindow   *pw_window_new              (GtkApplication *application);
gboolean    pw_window_load_file        (PwWindow       *self,
                                        GFile          *file,
                                        GError        **error);
/* Shows @document, already read from @file (the application reads the files
 * named on the command line while GTK starts). */
void        pw_window_load_document    (PwWindow       *self,
                                        GFile          *file,
                                        PwDocument     *document);
/* Opens a recovered autosave: the plan as it was, still unsaved. */
gboolean    pw_window_load_recovered   (PwWindow       *self,
                                        const char     *autosave_path,
                                        GError        **error);
gboolean    pw_window_save_to          (PwWindow       *self,
                                        GFile          *file,
                                        GError        **error);
gboolean    pw_window_is_pristine      (PwWindow       *self);
GFile      *pw_window_get_file         (PwWindow       *self);
PwHistory  *pw_window_get_history      (PwWindow       *self);
PwCanvas   *pw_window_get_canvas       (PwWindow       *self);
/* Compares the open plan with @old (a saved version, called @name) until
 * pw_window_end_comparison (): the changes page lists what changed and the
 * canvas marks it. */
void        pw_window_compare_with     (PwWindow       *self,
                                        PwDocument     *old,
                                        const char     *name);
void        pw_window_end_comparison   (PwWindow       *self);
PwComparePanel *pw_window_get_compare_panel (PwWindow  *self);
/* Writes the autosave now (tests use it rather than waiting). */
void        pw_window_autosave         (PwWindow       *self);

/* Where autosaves live: $XDG_DATA_HOME/patchwise/autosave. */
char       *pw_autosave_dir            (void);

G_END_DECLS
