/* pw-errors.h: error domains of the Patchwise core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_FORMAT_ERROR (pw_format_error_quark ())

typedef enum {
  PW_FORMAT_ERROR_SYNTAX,       /* not JSON */
  PW_FORMAT_ERROR_INVALID,      /* JSON, but not a valid plan or type */
  PW_FORMAT_ERROR_VERSION,      /* written by a newer Patchwise */
  PW_FORMAT_ERROR_UNKNOWN_TYPE, /* names a type found nowhere */
  PW_FORMAT_ERROR_TOO_LARGE,    /* past a size or count limit */
} PwFormatError;

GQuark pw_format_error_quark (void);

G_END_DECLS
