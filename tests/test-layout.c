/* test-layout.c: auto-layout of generated plans from 10 to 2,000 devices
 * leaves no card overlapping another and puts sources left of sinks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "pw-export.h"
#include "pw-layout.h"
#include "pw-render.h"

static void
connect (PwDocument *doc,
         const char *type_id,
         PwDevice   *from,
         const char *from_port,
         PwDevice   *to,
         const char *to_port)
{
  PwCableType *type = pw_type_set_lookup_cable (pw_catalogue_get_builtin (), type_id);
  g_autofree char *id = g_strdup_printf ("C%u", pw_document_get_n_cables (doc) + 1);
  PwCable *cable;

  g_assert_nonnull (type);
  cable = pw_cable_new (id, type);
  cable->label = g_strdup (id);
  cable->length_m = 3;
  cable->has_length = TRUE;
  cable->ends[0].device = from;
  cable->ends[0].port = pw_device_type_find_port (from->type, from_port);
  cable->ends[1].device = to;
  cable->ends[1].port = pw_device_type_find_port (to->type, to_port);
  g_assert_cmpint (cable->ends[0].port, >=, 0);
  g_assert_cmpint (cable->ends[1].port, >=, 0);
  pw_document_add_cable (doc, cable);
}

static PwDevice *
add_device (PwDocument *doc,
            const char *type_id)
{
  PwDeviceType *type = pw_type_set_lookup_device (pw_catalogue_get_builtin (), type_id);
  g_autofree char *id = g_strdup_printf ("d%u", pw_document_get_n_devices (doc) + 1);
  PwDevice *device;

  g_assert_nonnull (type);
  device = pw_device_new (id, type);
  device->name = g_strdup_printf ("%s %u", type->name, pw_document_get_n_devices (doc) + 1);
  pw_document_add_device (doc, device);
  return device;
}

/* Groups of three microphones into a mixer that feeds a monitor and the
 * next mixer; every tenth mixer feeds back into the one before it (a
 * cycle the layout must break). */
static PwDocument *
generate_plan (guint n_devices)
{
  PwDocument *doc = pw_document_new ();
  PwDevice *previous = NULL;
  guint group = 0;

  pw_document_set_title (doc, "Generated plan");
  while (pw_document_get_n_devices (doc) + 5 <= n_devices)
    {
      PwDevice *mixer = add_device (doc, "small-mixer");
      PwDevice *monitor = add_device (doc, "powered-monitor");
      const char *inputs[] = { "ch1", "ch2", "ch3" };

      for (guint i = 0; i < 3; i++)
        connect (doc, "xlr-f-m", add_device (doc, "dynamic-mic"), "out", mixer, inputs[i]);
      connect (doc, "xlr-f-m", mixer, "main-l", monitor, "in");
      if (previous != NULL && group % 10 != 0)
        {
          connect (doc, "xlr-f-trs", previous, "main-r", mixer, "ch4");
          if (group % 10 == 9)
            connect (doc, "rca-rca", mixer, "tape-out-l", previous, "tape-in-l");
        }
      previous = mixer;
      group++;
    }
  while (pw_document_get_n_devices (doc) < n_devices)
    add_device (doc, "dynamic-mic");
  return doc;
}

typedef struct
{
  PwRect rect;
  guint  device;
} Card;

static int
compare_x (gconstpointer a,
           gconstpointer b)
{
  const Card *ca = a, *cb = b;

  return ca->rect.x < cb->rect.x ? -1 : ca->rect.x > cb->rect.x;
}

static void
assert_no_overlap (PwDocument *doc)
{
  guint n = pw_document_get_n_devices (doc);
  g_autofree Card *cards = g_new (Card, n);

  for (guint i = 0; i < n; i++)
    {
      PwDevice *d = pw_document_get_device (doc, i);

      g_assert_true (d->has_position);
      cards[i].rect.x = d->x;
      cards[i].rect.y = d->y;
      pw_render_card_size (d->type, &cards[i].rect.width, &cards[i].rect.height);
      cards[i].device = i;
    }
  qsort (cards, n, sizeof (Card), compare_x);
  /* Sweep along x: only cards whose x ranges meet can overlap. */
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n && cards[j].rect.x < cards[i].rect.x + cards[i].rect.width; j++)
      {
        const PwRect *a = &cards[i].rect, *b = &cards[j].rect;
        gboolean overlap = a->y < b->y + b->height && b->y < a->y + a->height;

        if (overlap)
          g_error ("devices %u and %u overlap: (%g, %g %gx%g) and (%g, %g %gx%g)",
                   cards[i].device, cards[j].device, a->x, a->y, a->width, a->height,
                   b->x, b->y, b->width, b->height);
      }
}

static void
test_generated (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);
  g_autoptr(PwDocument) doc = generate_plan (n);
  gint64 start;
  guint placed;

  g_assert_cmpuint (pw_document_get_n_devices (doc), ==, n);
  start = g_get_monotonic_time ();
  placed = pw_layout_arrange (doc, TRUE);
  g_test_message ("%u devices, %u cables laid out in %.1f ms", n, pw_document_get_n_cables (doc),
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (placed, ==, n);
  assert_no_overlap (doc);

  /* Every microphone sits left of the mixer it feeds. */
  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);

      if (g_str_equal (cable->type_id, "xlr-f-m"))
        g_assert_cmpfloat (cable->ends[0].device->x, <, cable->ends[1].device->x);
    }
}

/* With all = FALSE, devices that have a position keep it. */
static void
test_keep_positions (void)
{
  g_autoptr(PwDocument) doc = generate_plan (50);
  guint placed;

  for (guint i = 0; i < 20; i++)
    {
      PwDevice *d = pw_document_get_device (doc, i);

      d->x = 1000 + (i % 5) * 400;
      d->y = (i / 5) * 500;
      d->has_position = TRUE;
    }
  placed = pw_layout_arrange (doc, FALSE);
  g_assert_cmpuint (placed, ==, 30);
  for (guint i = 0; i < 20; i++)
    {
      PwDevice *d = pw_document_get_device (doc, i);

      g_assert_cmpfloat (d->x, ==, 1000 + (i % 5) * 400);
      g_assert_cmpfloat (d->y, ==, (i / 5) * 500);
    }
  assert_no_overlap (doc);
  g_assert_cmpuint (pw_layout_arrange (doc, FALSE), ==, 0);
}

/* The largest plan exports to every format; the time is reported, not
 * asserted (budgets are the benchmark's business). */
static void
test_export_large (void)
{
  g_autoptr(PwDocument) doc = generate_plan (2000);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("patchwise-layout-XXXXXX", &error);
  const char *names[] = { "large.pdf", "large.png", "large.svg" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      PwExportFormat format;
      gint64 start = g_get_monotonic_time ();

      g_assert_true (pw_export_format_from_path (path, &format));
      g_assert_true (pw_export_to_file (doc, NULL, path, format, NULL, &error));
      g_assert_no_error (error);
      g_test_message ("2000 devices to %s in %.0f ms", names[i],
                      (g_get_monotonic_time () - start) / 1000.0);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  const guint sizes[] = { 10, 37, 100, 500, 2000 };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/layout/generated/%u", sizes[i]);

      g_test_add_data_func (path, GUINT_TO_POINTER (sizes[i]), test_generated);
    }
  g_test_add_func ("/layout/keep-positions", test_keep_positions);
  g_test_add_func ("/layout/export-large", test_export_large);

  return g_test_run ();
}
