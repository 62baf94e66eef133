/* main.c: a known sub-command runs the command line without a display;
 * anything else starts the application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pw-application.h"
#include "pw-cli.h"
#include "pw-core.h"

int
main (int    argc,
      char **argv)
{
  const char *localedir;

  setlocale (LC_ALL, "");
  /* PATCHWISE_LOCALEDIR points an uninstalled build (the tests) at its own catalogues. */
  localedir = g_getenv ("PATCHWISE_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  pw_core_init ();

  if (argc >= 2 && pw_cli_is_command (argv[1]))
    return pw_cli_run (argc, argv);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print (_("Usage:\n"
                 "  patchwise [FILE…]\n"
                 "  patchwise check [--format=text|json] [--strict] FILE…\n"
                 "  patchwise export FILE -o OUT.pdf|OUT.png|OUT.svg [--scale N] "
                 "[--paper a4|a3|letter]\n"
                 "  patchwise diff [--format=text|json] [--positions] OLD NEW\n"
                 "\n"
                 "Plans audio signal chains and checks every cable pin by pin.\n"));
      return 0;
    }
  if (argc >= 2 && g_str_equal (argv[1], "--version"))
    {
      g_print ("patchwise %s\n", PW_VERSION);
      return 0;
    }

  /* Anything else starts the application, with FILE… opened. */
  {
    g_autoptr(PwApplication) app = pw_application_new ();

    return g_application_run (G_APPLICATION (app), argc, argv);
  }
}
