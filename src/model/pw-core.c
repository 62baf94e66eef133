/* pw-core.c: start-up of the core library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

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
#ifdef __GLIBC__
      /* A check of a large plan allocates a few megabytes and frees them at
       * once; glibc would map and unmap them from the kernel every time
       * (page faults took two thirds of a check). Keep them in the heap. */
      mallopt (M_MMAP_THRESHOLD, 64 * 1024 * 1024);
      mallopt (M_TRIM_THRESHOLD, 128 * 1024 * 1024);
#endif
      pw_data_register_resource ();
      g_once_init_leave (&done, 1);
    }
}
