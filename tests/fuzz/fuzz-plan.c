/* fuzz-plan.c: the .patchwise loader under libFuzzer
 *
 * Every input either loads or is refused with an error. A plan that loads
 * is also checked and saved, and what was saved must load again: a file
 * Patchwise writes and cannot read back is a plan lost. The fast readers
 * must agree with json-glib: the same document, or the same error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "pw-analysis.h"
#include "pw-format-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PwDocument) doc = NULL;
  g_autoptr(PwDocument) again = NULL;
  g_autoptr(PwAnalysis) analysis = NULL;
  g_autoptr(PwDocument) slow = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) slow_error = NULL;
  g_autofree char *saved = NULL;
  gsize saved_length;

  fuzz_init ();

  doc = pw_format_load_data ((const char *) data, size, "fuzz.patchwise", &error);
  slow = pw_format_load_data_with ((const char *) data, size, "fuzz.patchwise", 0, NULL,
                                   &slow_error);
  if ((doc == NULL) != (slow == NULL))
    {
      g_printerr ("The fast readers %s what json-glib %s\n", doc ? "load" : "refuse",
                  doc ? "refuses" : "loads");
      abort ();
    }
  if (doc == NULL)
    {
      /* Refused: there must be a message saying why, json-glib's. */
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      if (g_strcmp0 (error->message, slow_error->message) != 0)
        {
          g_printerr ("The fast readers' error differs from json-glib's:\n%s\n%s\n",
                      error->message, slow_error->message);
          abort ();
        }
      return 0;
    }
  if (error != NULL)
    abort ();

  analysis = pw_analysis_new (doc);
  for (guint i = 0; i < pw_analysis_get_n_findings (analysis); i++)
    (void) pw_analysis_get_finding (analysis, i);

  saved = pw_format_save_data (doc, &saved_length);
  {
    g_autofree char *slow_saved = pw_format_save_data (slow, NULL);

    if (strcmp (saved, slow_saved) != 0)
      {
        g_printerr ("The fast readers' document differs from json-glib's:\n%s\n%s\n",
                    saved, slow_saved);
        abort ();
      }
  }
  again = pw_format_load_data (saved, strlen (saved), "saved.patchwise", &error);
  if (again == NULL)
    {
      g_printerr ("A plan that loaded was saved as text that does not load: %s\n%s\n",
                  error->message, saved);
      abort ();
    }
  if (pw_document_get_n_devices (again) != pw_document_get_n_devices (doc) ||
      pw_document_get_n_cables (again) != pw_document_get_n_cables (doc))
    {
      g_printerr ("The saved plan reads back with other devices or cables\n");
      abort ();
    }
  return 0;
}
