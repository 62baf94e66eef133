/* pw-compat.h: GTK 4.8 / libadwaita 1.2 here, newer API where the runtime
 * has it — the one place with version checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the chosen file, or NULL when the user cancelled. */
typedef void (*PwFileChosenFunc) (GFile    *file,
                                  gpointer  data);

void       pw_compat_choose_open_file (GtkWindow        *parent,
                                       const char       *title,
                                       const char       *mime_type,
                                       const char       *filter_name,
                                       PwFileChosenFunc  callback,
                                       gpointer          data);
void       pw_compat_choose_save_file (GtkWindow        *parent,
                                       const char       *title,
                                       const char       *initial_name,
                                       GFile            *initial_file,
                                       const char       *mime_type,
                                       const char       *filter_name,
                                       PwFileChosenFunc  callback,
                                       gpointer          data);

/* The application's settings; an uninstalled build finds its schema in
 * the build tree. NULL when no schema can be found anywhere. */
GSettings *pw_settings_new            (void);

G_END_DECLS
