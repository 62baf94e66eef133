/* pw-history.h: undoable edits of a plan
 *
 * Every edit of a document goes through one PwHistory: each operation is a
 * command that can be applied and reverted, and the commands of one user
 * action form one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pw-document.h"

G_BEGIN_DECLS

#define PW_TYPE_HISTORY (pw_history_get_type ())

G_DECLARE_FINAL_TYPE (PwHistory, pw_history, PW, HISTORY, GObject)

PwHistory  *pw_history_new            (PwDocument *document);
PwDocument *pw_history_get_document   (PwHistory  *self);

gboolean    pw_history_can_undo       (PwHistory  *self);
gboolean    pw_history_can_redo       (PwHistory  *self);
const char *pw_history_get_undo_label (PwHistory  *self);
const char *pw_history_get_redo_label (PwHistory  *self);
gboolean    pw_history_undo           (PwHistory  *self);
gboolean    pw_history_redo           (PwHistory  *self);
void        pw_history_clear          (PwHistory  *self);

/* Whether the document differs from the last time it was marked saved. */
gboolean    pw_history_get_modified   (PwHistory  *self);
void        pw_history_mark_saved     (PwHistory  *self);
/* The plan differs from any saved file (a recovered autosave, say). */
void        pw_history_mark_unsaved   (PwHistory  *self);

/* Groups the edits between begin and end into one undo step. Groups nest;
 * the outermost names the step. */
void        pw_history_begin          (PwHistory  *self,
                                       const char *label);
void        pw_history_end            (PwHistory  *self);

/* The edits. Each is one undo step unless inside begin/end. */
PwDevice   *pw_edit_add_device        (PwHistory    *self,
                                       PwDeviceType *type,
                                       const char   *name,
                                       double        x,
                                       double        y);
void        pw_edit_remove_device     (PwHistory  *self,
                                       PwDevice   *device);
void        pw_edit_move_device       (PwHistory  *self,
                                       PwDevice   *device,
                                       double      x,
                                       double      y);
void        pw_edit_set_device_name   (PwHistory  *self,
                                       PwDevice   *device,
                                       const char *name);
void        pw_edit_set_phantom       (PwHistory  *self,
                                       PwDevice   *device,
                                       guint       port,
                                       gboolean    on);
void        pw_edit_set_ground_lift   (PwHistory  *self,
                                       PwDevice   *device,
                                       gboolean    on);
PwCable    *pw_edit_add_cable         (PwHistory   *self,
                                       PwCableType *type,
                                       const char  *label,
                                       double       length_m,
                                       gboolean     has_length);
void        pw_edit_remove_cable      (PwHistory  *self,
                                       PwCable    *cable);
void        pw_edit_plug              (PwHistory  *self,
                                       PwCable    *cable,
                                       guint       end,
                                       PwDevice   *device,
                                       int         port);
void        pw_edit_plug_into_cable   (PwHistory  *self,
                                       PwCable    *cable,
                                       guint       end,
                                       PwCable    *into,
                                       int         into_end);
void        pw_edit_set_cable_label   (PwHistory  *self,
                                       PwCable    *cable,
                                       const char *label);
void        pw_edit_set_cable_length  (PwHistory  *self,
                                       PwCable    *cable,
                                       double      length_m,
                                       gboolean    has_length);
PwCable    *pw_edit_set_cable_type    (PwHistory   *self,
                                       PwCable     *cable,
                                       PwCableType *type);
void        pw_edit_set_title         (PwHistory  *self,
                                       const char *title);
void        pw_edit_set_plan_field    (PwHistory   *self,
                                       PwPlanField  field,
                                       const char  *text);
/* Appends an entry to the plan's revision list. */
void        pw_edit_add_revision      (PwHistory   *self,
                                       const char  *revision,
                                       const char  *date,
                                       const char  *changes);
void        pw_edit_suppress          (PwHistory  *self,
                                       const char *code,
                                       const char *cable_id);
void        pw_edit_unsuppress        (PwHistory  *self,
                                       guint       index);
void        pw_edit_set_numbering     (PwHistory         *self,
                                       const PwNumbering *numbering);

G_END_DECLS
