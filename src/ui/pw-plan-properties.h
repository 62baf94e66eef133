/* pw-plan-properties.h: the plan's own texts — title, client, venue,
 * revision — and, in groups added by others, the plan's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pw-history.h"

G_BEGIN_DECLS

#define PW_TYPE_PLAN_PROPERTIES (pw_plan_properties_get_type ())

G_DECLARE_FINAL_TYPE (PwPlanProperties, pw_plan_properties, PW, PLAN_PROPERTIES,
                      AdwPreferencesWindow)

/* Each applied field (Enter, or the row's apply button) is one undoable
 * command through @history; the rows follow the document, undo included. */
PwPlanProperties *pw_plan_properties_new       (GtkWindow           *parent,
                                                PwHistory           *history);
PwHistory        *pw_plan_properties_get_history (PwPlanProperties  *self);
/* The row that edits @field. */
AdwEntryRow      *pw_plan_properties_get_row   (PwPlanProperties    *self,
                                                PwPlanField          field);
/* Adds @group to the page, below the groups already there (the plan's
 * texts first): how other settings of the plan join this window. */
void              pw_plan_properties_add_group (PwPlanProperties    *self,
                                                AdwPreferencesGroup *group);

G_END_DECLS
