/* pw-panels.h: the panels around the canvas — palette, inspector,
 * findings and outline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pw-canvas.h"
#include "pw-history.h"
#include "pw-render.h"

G_BEGIN_DECLS

#define PW_TYPE_PALETTE_PANEL (pw_palette_panel_get_type ())
G_DECLARE_FINAL_TYPE (PwPalettePanel, pw_palette_panel, PW, PALETTE_PANEL, GtkBox)

/* Prefix of the string a palette row drags onto the canvas. */
#define PW_DEVICE_TYPE_DRAG_PREFIX "patchwise-device-type:"

void        pw_palette_panel_reload       (PwPalettePanel *self);
void        pw_palette_panel_focus_search (PwPalettePanel *self);
GtkWidget  *pw_palette_panel_get_list    (PwPalettePanel *self);
const char *pw_palette_panel_get_selected_type (PwPalettePanel *self);

#define PW_TYPE_INSPECTOR (pw_inspector_get_type ())
G_DECLARE_FINAL_TYPE (PwInspector, pw_inspector, PW, INSPECTOR, GtkBox)

void        pw_inspector_show             (PwInspector *self,
                                           PwHistory   *history,
                                           PwRender    *render,
                                           PwDevice    *device,
                                           PwCable     *cable);

/* Puts the focus in the Name (device) or Label (cable) field. */
void        pw_inspector_focus_name       (PwInspector *self);
/* Opens the cable type's choices. */
void        pw_inspector_popup_type       (PwInspector *self);

#define PW_TYPE_FINDINGS_PANEL (pw_findings_panel_get_type ())
G_DECLARE_FINAL_TYPE (PwFindingsPanel, pw_findings_panel, PW, FINDINGS_PANEL, GtkBox)

void        pw_findings_panel_update      (PwFindingsPanel *self,
                                           PwDocument      *document,
                                           PwAnalysis      *analysis);

#define PW_TYPE_OUTLINE (pw_outline_get_type ())
G_DECLARE_FINAL_TYPE (PwOutline, pw_outline, PW, OUTLINE, GtkBox)

void        pw_outline_update             (PwOutline  *self,
                                           PwDocument *document);

/* The words shown for a finding's place: "C4 · Phone → Desk:Ch 3". */
char       *pw_describe_finding_place     (PwDocument      *document,
                                           const PwFinding *finding);
char       *pw_describe_port              (PwDevice        *device,
                                           guint            port);

G_END_DECLS
