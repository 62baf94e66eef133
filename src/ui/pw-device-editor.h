/* pw-device-editor.h: a dialog that creates or edits a device type and
 * saves it to the user library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pw-types.h"

G_BEGIN_DECLS

#define PW_TYPE_DEVICE_EDITOR (pw_device_editor_get_type ())

G_DECLARE_FINAL_TYPE (PwDeviceEditor, pw_device_editor, PW, DEVICE_EDITOR, AdwWindow)

/* @type NULL creates a new type. A built-in type is saved as a copy,
 * "<id>-custom" unless the user picks another id. */
PwDeviceEditor *pw_device_editor_new             (GtkWindow      *parent,
                                                  PwDeviceType   *type);

/* Builds the type from the fields, validates it and writes it to the user
 * library; on failure the message is also shown in the dialog. The Save
 * button calls this, emits PwDeviceEditor::saved and closes the dialog. */
gboolean        pw_device_editor_save            (PwDeviceEditor *self,
                                                  GError        **error);
/* The JSON object of the type as the fields describe it now. */
JsonNode       *pw_device_editor_build_json      (PwDeviceEditor *self);

/* Setters and getters on the fields, as a person would fill them: used by
 * the tests. Choice values are the JSON strings ("in", "xlr3", "female",
 * "line_pro" …); "" selects "not set" where a field is optional. */
void            pw_device_editor_set_name        (PwDeviceEditor *self,
                                                  const char     *name);
void            pw_device_editor_set_id          (PwDeviceEditor *self,
                                                  const char     *id);
const char     *pw_device_editor_get_id          (PwDeviceEditor *self);
void            pw_device_editor_set_category    (PwDeviceEditor *self,
                                                  const char     *category);
guint           pw_device_editor_get_n_ports     (PwDeviceEditor *self);
guint           pw_device_editor_add_port        (PwDeviceEditor *self);
void            pw_device_editor_remove_port     (PwDeviceEditor *self,
                                                  guint           port);
void            pw_device_editor_set_port_text   (PwDeviceEditor *self,
                                                  guint           port,
                                                  const char     *field,
                                                  const char     *value);
void            pw_device_editor_set_port_choice (PwDeviceEditor *self,
                                                  guint           port,
                                                  const char     *field,
                                                  const char     *value);
const char     *pw_device_editor_get_port_choice (PwDeviceEditor *self,
                                                  guint           port,
                                                  const char     *field);
void            pw_device_editor_set_port_role   (PwDeviceEditor *self,
                                                  guint           port,
                                                  const char     *contact,
                                                  const char     *role);
const char     *pw_device_editor_get_port_role   (PwDeviceEditor *self,
                                                  guint           port,
                                                  const char     *contact);
/* The error shown in the dialog, or NULL. */
const char     *pw_device_editor_get_message     (PwDeviceEditor *self);

G_END_DECLS
