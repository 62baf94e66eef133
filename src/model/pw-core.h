/* pw-core.h: start-up of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void pw_core_init (void);

G_END_DECLS
