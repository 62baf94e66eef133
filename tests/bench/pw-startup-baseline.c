/* pw-startup-baseline.c: the floor under Patchwise's start-up
 *
 * An empty libadwaita window of Patchwise's default size that reports its
 * first frame the way Patchwise does (PATCHWISE_REPORT_STARTUP, see
 * pw-window.c), so that tests/bench/startup.py can time what GTK and
 * libadwaita take on this machine before any of Patchwise's own work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <stdio.h>

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  gulong *handler = data;

  fprintf (stderr, "patchwise: first frame at %" G_GINT64_FORMAT " us\n",
           g_get_monotonic_time ());
  g_signal_handler_disconnect (clock, *handler);
}

static void
map_cb (GtkWidget *window,
        gpointer   data)
{
  static gulong handler;

  handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                              G_CALLBACK (after_paint_cb), &handler);
}

static void
activate_cb (GApplication *app,
             gpointer      data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app =
    adw_application_new ("io.github.patchwise.StartupBaseline", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
