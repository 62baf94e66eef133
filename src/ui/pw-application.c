/* pw-application.c: one instance per session, a window per plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-application.h"
#include "pw-icon-resources.h"
#include "pw-ui-resources.h"
#include <glib/gstdio.h>

#include "pw-autosave.h"
#include "pw-format.h"
#include "pw-window.h"

/* A plan named on the command line, read by a worker thread while GTK starts. */
typedef struct
{
  char       *path;
  PwDocument *document;
  GError     *error;
} Preload;

struct _PwApplication
{
  AdwApplication parent_instance;
  gboolean       recovery_offered;

  /* Start-up (DESIGN.md §7): gtk_init takes a core for a good fraction of a
   * second, mostly loading the GL driver; the plans load on the other. */
  GPtrArray     *preloads;   /* of Preload */
  GThread       *preload_thread;
};

G_DEFINE_FINAL_TYPE (PwApplication, pw_application, ADW_TYPE_APPLICATION)

static void
preload_free (Preload *preload)
{
  g_free (preload->path);
  g_clear_object (&preload->document);
  g_clear_error (&preload->error);
  g_free (preload);
}

static gpointer
preload_thread_func (gpointer data)
{
  GPtrArray *preloads = data;

  /* Only the worker touches the entries until it is joined. */
  for (guint i = 0; i < preloads->len; i++)
    {
      Preload *preload = g_ptr_array_index (preloads, i);

      preload->document = pw_format_load_file (preload->path, &preload->error);
    }
  return NULL;
}

static void
preload_join (PwApplication *self)
{
  if (self->preload_thread != NULL)
    g_thread_join (g_steal_pointer (&self->preload_thread));
}

/* The plan read ahead for @file, if there is one: the document, or else the
 * error reading it gave. Each is handed out once. */
static gboolean
preload_take (PwApplication  *self,
              GFile          *file,
              PwDocument    **document,
              GError        **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL || self->preloads == NULL)
    return FALSE;
  for (guint i = 0; i < self->preloads->len; i++)
    {
      Preload *preload = g_ptr_array_index (self->preloads, i);

      if (preload->path == NULL || !g_str_equal (preload->path, path))
        continue;
      preload_join (self);
      *document = g_steal_pointer (&preload->document);
      if (preload->error != NULL)
        g_propagate_error (error, g_steal_pointer (&preload->error));
      g_clear_pointer (&preload->path, g_free);
      return TRUE;
    }
  return FALSE;
}

static PwWindow *
reusable_window (PwApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (PW_IS_WINDOW (l->data) && pw_window_is_pristine (l->data))
      return l->data;
  return NULL;
}

static void
recover_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PwApplication    *self)
{
  GPtrArray *paths = g_object_get_data (G_OBJECT (dialog), "paths");

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_str_equal (response, "recover"))
        {
          g_autoptr(GError) error = NULL;
          PwWindow *window = reusable_window (self);

          if (window == NULL)
            window = pw_window_new (GTK_APPLICATION (self));
          if (pw_window_load_recovered (window, path, &error))
            gtk_window_present (GTK_WINDOW (window));
          else
            g_printerr ("%s\n", error->message);
        }
      else
        pw_autosave_discard (path);
    }
}

/* Autosaves on disk that no living Patchwise holds belong to a session that
 * ended without saving: a crash, a kill, a power cut. One that is held is a
 * plan open right now in another Patchwise (another session or sandbox). */
static void
offer_recovery (PwApplication *self,
                GtkWindow     *parent)
{
  g_autofree char *dir_path = pw_autosave_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  AdwMessageDialog *dialog;
  const char *name;

  if (self->recovery_offered)
    return;
  self->recovery_offered = TRUE;
  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".patchwise"))
      {
        g_autofree char *path = g_build_filename (dir_path, name, NULL);

        if (pw_autosave_is_orphaned (path))
          g_ptr_array_add (paths, g_steal_pointer (&path));
      }
  if (paths->len == 0)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Recover Unsaved Work?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "Patchwise closed while a plan had unsaved changes. "
                                               "It was kept and can be opened again.",
                                               "Patchwise closed while %u plans had unsaved changes. "
                                               "They were kept and can be opened again.",
                                               paths->len),
                                  paths->len);
  adw_message_dialog_add_responses (dialog, "discard", _("_Discard"), "recover", _("_Recover"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover");
  adw_message_dialog_set_close_response (dialog, "recover");
  g_object_set_data_full (G_OBJECT (dialog), "paths", g_steal_pointer (&paths),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (recover_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pw_application_activate (GApplication *app)
{
  PwApplication *self = PW_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (pw_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
  offer_recovery (self, window);
}

static void
pw_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PwApplication *self = PW_APPLICATION (app);
  GtkWindow *last = NULL;

  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwDocument) document = NULL;
      PwWindow *window = reusable_window (self);
      gboolean loaded;

      /* Each plan opens in a window of its own. */
      if (window == NULL)
        window = pw_window_new (GTK_APPLICATION (app));
      if (preload_take (self, files[i], &document, &error))
        {
          if (document != NULL)
            pw_window_load_document (window, files[i], document);
          loaded = document != NULL;
        }
      else
        loaded = pw_window_load_file (window, files[i], &error);
      if (!loaded)
        {
          AdwMessageDialog *dialog;

          gtk_window_present (GTK_WINDOW (window));
          dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                               _("Could Not Open the Plan"),
                                                               error->message));
          adw_message_dialog_add_response (dialog, "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      gtk_window_present (GTK_WINDOW (window));
      last = GTK_WINDOW (window);
    }
  if (last != NULL)
    offer_recovery (self, last);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       data)
{
  gtk_window_present (GTK_WINDOW (pw_window_new (GTK_APPLICATION (data))));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       data)
{
  /* Each window asks about its own unsaved work. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       data)
{
  static const char *developers[] = { "The Patchwise developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (data));

  adw_show_about_window (parent,
                         "application-name", _("Patchwise"),
                         "application-icon", PW_APP_ID,
                         "version", PW_VERSION,
                         "developer-name", _("The Patchwise developers"),
                         "developers", developers,
                         "comments", _("Plan audio signal chains and check every cable pin by pin"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Patchwise developers",
                         NULL);
}

static void
pw_application_startup (GApplication *app)
{
  PwApplication *self = PW_APPLICATION (app);
  static const GActionEntry entries[] = {
    { "new-window", new_window_action },
    { "quit", quit_action },
    { "about", about_action },
  };
  /* Copy, paste, select all and delete act on the canvas: they are its key
   * bindings, not global accelerators, so that text fields keep theirs. */
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new-window", { "<Control>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Shift><Control>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Shift><Control>z", "<Control>y", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "win.zoom-fit", { "<Control>1", NULL } },
    { "win.arrange", { "<Control>l", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  /* Only the primary instance starts up: plans handed to another instance
   * are read there. */
  if (self->preloads != NULL && self->preloads->len > 0)
    self->preload_thread = g_thread_new ("pw-preload", preload_thread_func, self->preloads);

  G_APPLICATION_CLASS (pw_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

/* Notes the local files on the command line, to be read ahead in startup. */
static gboolean
pw_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  PwApplication *self = PW_APPLICATION (app);
  char **argv = *arguments;

  g_clear_pointer (&self->preloads, g_ptr_array_unref);
  self->preloads = g_ptr_array_new_with_free_func ((GDestroyNotify) preload_free);
  for (guint i = 1; argv[i] != NULL; i++)
    {
      g_autoptr(GFile) file = NULL;
      Preload *preload;

      /* Options are GApplication's business: nothing to read ahead. */
      if (argv[i][0] == '-')
        continue;
      file = g_file_new_for_commandline_arg (argv[i]);
      preload = g_new0 (Preload, 1);
      preload->path = g_file_get_path (file);
      if (preload->path != NULL)
        g_ptr_array_add (self->preloads, preload);
      else
        preload_free (preload);
    }

  return G_APPLICATION_CLASS (pw_application_parent_class)->local_command_line (app, arguments,
                                                                               exit_status);
}

static void
pw_application_shutdown (GApplication *app)
{
  PwApplication *self = PW_APPLICATION (app);

  preload_join (self);
  g_clear_pointer (&self->preloads, g_ptr_array_unref);
  G_APPLICATION_CLASS (pw_application_parent_class)->shutdown (app);
}

static void
pw_application_finalize (GObject *object)
{
  PwApplication *self = PW_APPLICATION (object);

  preload_join (self);
  g_clear_pointer (&self->preloads, g_ptr_array_unref);
  G_OBJECT_CLASS (pw_application_parent_class)->finalize (object);
}

static void
pw_application_class_init (PwApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pw_application_finalize;
  app_class->local_command_line = pw_application_local_command_line;
  app_class->shutdown = pw_application_shutdown;
  app_class->activate = pw_application_activate;
  app_class->open = pw_application_open;
  app_class->startup = pw_application_startup;
}

static void
pw_application_init (PwApplication *self)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      pw_ui_register_resource ();
      pw_icons_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

PwApplication *
pw_application_new (void)
{
  return g_object_new (PW_TYPE_APPLICATION,
                       "application-id", PW_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/patchwise/Patchwise",
                       NULL);
}
