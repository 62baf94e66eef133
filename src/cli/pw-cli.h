/* pw-cli.h: the command line (patchwise check, patchwise export)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean pw_cli_is_command  (const char *name);
int      pw_cli_run         (int         argc,
                             char      **argv);
int      pw_cli_check       (int         argc,
                             char      **argv);
int      pw_cli_export      (int         argc,
                             char      **argv);

G_END_DECLS
