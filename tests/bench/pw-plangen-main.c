/* pw-plangen-main.c: patchwise-plangen N SEED > plan.patchwise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "pw-format.h"
#include "pw-plangen.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(PwDocument) doc = NULL;
  g_autofree char *data = NULL;
  PwPlangenStats stats;
  guint64 n, seed = 1;
  gsize length;

  if (argc < 2 || argc > 3 || !g_ascii_string_to_unsigned (argv[1], 10, 1, 100000, &n, NULL) ||
      (argc == 3 && !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT64, &seed, NULL)))
    {
      fprintf (stderr, "usage: patchwise-plangen N [SEED] > plan.patchwise\n"
                       "A realistic plan of N devices (1 to 100000) and about 2N cables.\n");
      return 2;
    }
  doc = pw_plangen_generate ((guint) n, seed, &stats);
  data = pw_format_save_data (doc, &length);
  if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      perror ("patchwise-plangen");
      return 1;
    }
  fprintf (stderr, "patchwise-plangen: %u devices, %u cables in %u units, %u planted mistakes\n",
           pw_document_get_n_devices (doc), pw_document_get_n_cables (doc), stats.n_units,
           stats.n_mistakes);
  return 0;
}
