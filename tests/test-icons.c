/* test-icons.c: the symbolic icons the interface uses are in the GResource, at the path
 * where GtkApplication's icon theme looks for them, and each is a 16×16 SVG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pw-icon-resources.h"

#define ICON_PATH PW_RESOURCE_PREFIX "/icons/scalable/actions/"

static const char * const icons[] = {
  "connector-xlr-symbolic",
  "connector-jack-symbolic",
  "connector-rca-symbolic",
  "connector-speakon-symbolic",
  "severity-error-symbolic",
  "severity-warning-symbolic",
  "severity-info-symbolic",
};

static void
test_icons_present (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      g_autofree char *path = g_strconcat (ICON_PATH, icons[i], ".svg", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                         &error);
      g_autofree char *text = NULL;
      gsize size;

      g_test_message ("%s", path);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      text = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
      g_assert_nonnull (strstr (text, "<svg"));
      g_assert_nonnull (strstr (text, "width=\"16\""));
      g_assert_nonnull (strstr (text, "height=\"16\""));
      /* Symbolic icons are recoloured by GTK: one foreground colour only. */
      g_assert_nonnull (strstr (text, "#2e3436"));
    }
}

static void
test_icons_nothing_else (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = g_resources_enumerate_children (ICON_PATH,
                                                           G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                           &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (children), ==, G_N_ELEMENTS (icons));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  pw_icons_register_resource ();

  g_test_add_func ("/icons/present", test_icons_present);
  g_test_add_func ("/icons/nothing-else", test_icons_nothing_else);

  return g_test_run ();
}
