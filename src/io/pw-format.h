/* pw-format.h: reading and writing .patchwise files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-document.h"
#include "pw-errors.h"

G_BEGIN_DECLS

#define PW_FORMAT_VERSION 1

/* Limits on what a file may hold; past them the file is refused. */
#define PW_FORMAT_MAX_FILE_SIZE (64 * 1024 * 1024)
#define PW_FORMAT_MAX_DEVICES   100000
#define PW_FORMAT_MAX_CABLES    200000
#define PW_FORMAT_MAX_DEPTH     64
/* A revision is a short text ("B", "2.1", "for tender"). */
#define PW_FORMAT_MAX_REVISION_CHARS 32

PwDocument *pw_format_load_data  (const char  *data,
                                  gsize        length,
                                  const char  *display_name,
                                  GError     **error);
PwDocument *pw_format_load_file  (const char  *path,
                                  GError     **error);
char       *pw_format_save_data  (PwDocument  *document,
                                  gsize       *length);
gboolean    pw_format_save_file  (PwDocument  *document,
                                  const char  *path,
                                  GError     **error);

G_END_DECLS
