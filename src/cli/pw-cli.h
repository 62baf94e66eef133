/* pw-cli.h: the command line (patchwise check, export, diff)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pw-analysis.h"

G_BEGIN_DECLS

gboolean pw_cli_is_command  (const char *name);
int      pw_cli_run         (int         argc,
                             char      **argv);
int      pw_cli_check       (int         argc,
                             char      **argv);
int      pw_cli_export      (int         argc,
                             char      **argv);
int      pw_cli_diff        (int         argc,
                             char      **argv);

/* A finding as `check --format=json` prints it: {"code", "severity",
 * "cable", "device", "port", "message"}. */
JsonNode *pw_cli_finding_to_json (PwDocument      *doc,
                                  const PwFinding *finding);
/* Where a finding is, as `check` prints it: "C4 (Phone:Out → Mixer:Ch 3),
 * at Mixer:Ch 3"; NULL when it names nothing. */
char     *pw_cli_finding_where   (PwDocument      *doc,
                                  const PwFinding *finding);

G_END_DECLS
