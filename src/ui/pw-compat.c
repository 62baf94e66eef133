/* pw-compat.c: GTK 4.8 / libadwaita 1.2 here, newer API where the runtime
 * has it — the one place with version checks
 *
 * GtkFileDialog arrived in GTK 4.10; Debian 12 has 4.8, where
 * GtkFileChooserNative is the way to reach the portal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-compat.h"

typedef struct
{
  PwFileChosenFunc callback;
  gpointer         data;
} Chooser;

#if GTK_CHECK_VERSION (4, 10, 0)

static void
dialog_open_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Chooser *chooser = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  chooser->callback (file, chooser->data);
  g_free (chooser);
}

static void
dialog_save_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Chooser *chooser = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  chooser->callback (file, chooser->data);
  g_free (chooser);
}

static GtkFileDialog *
dialog_new (const char *title,
            const char *mime_type,
            const char *filter_name)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  if (mime_type != NULL)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

      gtk_file_filter_set_name (filter, filter_name);
      gtk_file_filter_add_mime_type (filter, mime_type);
      gtk_file_filter_add_suffix (filter, "patchwise");
      g_list_store_append (filters, filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    }
  return dialog;
}

void
pw_compat_choose_open_file (GtkWindow        *parent,
                            const char       *title,
                            const char       *mime_type,
                            const char       *filter_name,
                            PwFileChosenFunc  callback,
                            gpointer          data)
{
  g_autoptr(GtkFileDialog) dialog = dialog_new (title, mime_type, filter_name);
  Chooser *chooser = g_new0 (Chooser, 1);

  chooser->callback = callback;
  chooser->data = data;
  gtk_file_dialog_open (dialog, parent, NULL, dialog_open_done_cb, chooser);
}

void
pw_compat_choose_save_file (GtkWindow        *parent,
                            const char       *title,
                            const char       *initial_name,
                            GFile            *initial_file,
                            const char       *mime_type,
                            const char       *filter_name,
                            PwFileChosenFunc  callback,
                            gpointer          data)
{
  g_autoptr(GtkFileDialog) dialog = dialog_new (title, mime_type, filter_name);
  Chooser *chooser = g_new0 (Chooser, 1);

  if (initial_file != NULL)
    gtk_file_dialog_set_initial_file (dialog, initial_file);
  else
    gtk_file_dialog_set_initial_name (dialog, initial_name);
  chooser->callback = callback;
  chooser->data = data;
  gtk_file_dialog_save (dialog, parent, NULL, dialog_save_done_cb, chooser);
}

#else

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  Chooser *chooser = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  chooser->callback (file, chooser->data);
  g_free (chooser);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static GtkFileChooserNative *
native_new (GtkWindow            *parent,
            const char           *title,
            GtkFileChooserAction  action,
            const char           *mime_type,
            const char           *filter_name)
{
  GtkFileChooserNative *native =
    gtk_file_chooser_native_new (title, parent, action,
                                 action == GTK_FILE_CHOOSER_ACTION_SAVE ? _("_Save") : _("_Open"),
                                 _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (mime_type != NULL)
    {
      GtkFileFilter *filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, filter_name);
      gtk_file_filter_add_mime_type (filter, mime_type);
      gtk_file_filter_add_suffix (filter, "patchwise");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      g_object_unref (filter);
    }
  return native;
}

void
pw_compat_choose_open_file (GtkWindow        *parent,
                            const char       *title,
                            const char       *mime_type,
                            const char       *filter_name,
                            PwFileChosenFunc  callback,
                            gpointer          data)
{
  GtkFileChooserNative *native = native_new (parent, title, GTK_FILE_CHOOSER_ACTION_OPEN,
                                             mime_type, filter_name);
  Chooser *chooser = g_new0 (Chooser, 1);

  chooser->callback = callback;
  chooser->data = data;
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
pw_compat_choose_save_file (GtkWindow        *parent,
                            const char       *title,
                            const char       *initial_name,
                            GFile            *initial_file,
                            const char       *mime_type,
                            const char       *filter_name,
                            PwFileChosenFunc  callback,
                            gpointer          data)
{
  GtkFileChooserNative *native = native_new (parent, title, GTK_FILE_CHOOSER_ACTION_SAVE,
                                             mime_type, filter_name);
  Chooser *chooser = g_new0 (Chooser, 1);

  if (initial_file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), initial_file, NULL);
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  chooser->callback = callback;
  chooser->data = data;
  g_signal_connect (native, "response", G_CALLBACK (native_response_cb), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

GSettings *
pw_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, PW_APP_ID, TRUE);
  if (schema == NULL)
    {
      /* Uninstalled: the schema compiled in the build tree. */
      g_autoptr(GSettingsSchemaSource) local =
        g_settings_schema_source_new_from_directory (PW_BUILD_SCHEMA_DIR, source, FALSE, NULL);

      if (local != NULL)
        schema = g_settings_schema_source_lookup (local, PW_APP_ID, FALSE);
    }
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}
