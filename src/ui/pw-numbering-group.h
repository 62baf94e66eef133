/* pw-numbering-group.h: the plan's cable numbering rule, edited in the
 * Plan Properties window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pw-history.h"

G_BEGIN_DECLS

#define PW_TYPE_NUMBERING_GROUP (pw_numbering_group_get_type ())

G_DECLARE_FINAL_TYPE (PwNumberingGroup, pw_numbering_group, PW, NUMBERING_GROUP,
                      AdwPreferencesGroup)

PwNumberingGroup *pw_numbering_group_new        (PwHistory        *history);
/* The rows, for tests and the window: the format, then the prefix rows of
 * balanced, unbalanced, speaker, digital and "*" cables. */
AdwEntryRow      *pw_numbering_group_get_row    (PwNumberingGroup *self,
                                                 guint             index);

G_END_DECLS
