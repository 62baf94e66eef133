/* pw-layout.h: placing devices so that signal flows left to right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-document.h"

G_BEGIN_DECLS

#define PW_LAYOUT_LAYER_GAP 170.0   /* between the columns: room for cable labels */
#define PW_LAYOUT_CARD_GAP  28.0    /* between the cards of one column */

/* Places devices in layers (sources left), orders each layer to reduce
 * crossings and stacks cards without overlap. With @all FALSE only the
 * devices without a position are placed, below those that have one.
 * Returns the number of devices placed. */
guint pw_layout_arrange (PwDocument *doc,
                         gboolean    all);

/* Each device's place in signal-flow order: every source first, then by
 * the longest chain of cables from a source, as pw_layout_arrange () finds
 * it. A rank from 0, per device index. Free with g_free (). */
guint *pw_layout_signal_order (PwDocument *doc);

G_END_DECLS
