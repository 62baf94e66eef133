/* pw-core.c: start-up of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "pw-core.h"
#include "pw-data-resources.h"

/* Registers the compiled-in data (connector table, catalogue). Called by
 * every getter that needs it, so that no caller can forget. */
void
pw_core_init (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      pw_data_register_resource ();
      g_once_init_leave (&done, 1);
    }
}
