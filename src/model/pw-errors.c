/* pw-errors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-errors.h"

G_DEFINE_QUARK (pw-format-error-quark, pw_format_error)
