/* pw-cli.c: dispatch of the command line's sub-commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-cli.h"

gboolean
pw_cli_is_command (const char *name)
{
  return g_strcmp0 (name, "check") == 0 || g_strcmp0 (name, "export") == 0 ||
         g_strcmp0 (name, "diff") == 0;
}

/* Runs argv[1] as a sub-command; argv[0] becomes "patchwise check" so that
 * option parsing and --help read naturally. */
int
pw_cli_run (int    argc,
            char **argv)
{
  g_return_val_if_fail (argc >= 2 && pw_cli_is_command (argv[1]), 2);

  if (g_str_equal (argv[1], "check"))
    return pw_cli_check (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "export"))
    return pw_cli_export (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "diff"))
    return pw_cli_diff (argc - 1, argv + 1);
  return 2;
}
