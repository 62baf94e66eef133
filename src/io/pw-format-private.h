/* pw-format-private.h: the loader's readers, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-format.h"

G_BEGIN_DECLS

/* The fast readers a load may use. json-glib is always there behind them:
 * for whatever they leave, and for every error message. */
typedef enum
{
  PW_FORMAT_READER_DIRECT = 1 << 0,  /* devices and cables straight from the text */
  PW_FORMAT_READER_TREE   = 1 << 1,  /* a tree of JsonNodes, read by the same code as json-glib's */
} PwFormatReaders;

#define PW_FORMAT_READER_ALL (PW_FORMAT_READER_DIRECT | PW_FORMAT_READER_TREE)

/* As pw_format_load_data (), with only @readers in front of json-glib;
 * @used (if not NULL) tells which one read the plan, 0 for json-glib. */
PwDocument *pw_format_load_data_with (const char       *data,
                                      gsize             length,
                                      const char       *display_name,
                                      PwFormatReaders   readers,
                                      PwFormatReaders  *used,
                                      GError          **error);

G_END_DECLS
