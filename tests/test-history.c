/* test-history.c: undo and redo never lie
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-analysis.h"
#include "pw-format.h"
#include "pw-history.h"

static PwDeviceType *
device_type (const char *id)
{
  PwDeviceType *type = pw_type_set_lookup_device (pw_catalogue_get_builtin (), id);

  g_assert_nonnull (type);
  return type;
}

static PwCableType *
cable_type (const char *id)
{
  PwCableType *type = pw_type_set_lookup_cable (pw_catalogue_get_builtin (), id);

  g_assert_nonnull (type);
  return type;
}

static char *
snapshot (PwDocument *doc)
{
  return pw_format_save_data (doc, NULL);
}

static void
test_basic (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  g_autofree char *empty = snapshot (doc);
  g_autofree char *wired = NULL;
  g_autofree char *removed = NULL;
  PwDevice *mic, *desk;
  PwCable *cable;

  g_assert_false (pw_history_can_undo (history));
  g_assert_false (pw_history_get_modified (history));

  mic = pw_edit_add_device (history, device_type ("dynamic-mic"), NULL, 10, 20);
  desk = pw_edit_add_device (history, device_type ("small-mixer"), "FOH", 400, 20);
  g_assert_cmpstr (mic->id, ==, "dynamic-mic1");
  g_assert_cmpstr (desk->name, ==, "FOH");

  /* One user action, one step. */
  pw_history_begin (history, "Connect");
  cable = pw_edit_add_cable (history, cable_type ("xlr-f-m"), NULL, 10, TRUE);
  pw_edit_plug (history, cable, 0, mic, pw_device_type_find_port (mic->type, "out"));
  pw_edit_plug (history, cable, 1, desk, pw_device_type_find_port (desk->type, "ch1"));
  pw_history_end (history);
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Connect");
  g_assert_true (pw_history_get_modified (history));
  g_assert_true (pw_document_find_cable_at (doc, desk, pw_device_type_find_port (desk->type, "ch1"),
                                            NULL) == cable);
  wired = snapshot (doc);

  /* Removing the desk takes its cable along; undo brings both back. */
  pw_edit_remove_device (history, desk);
  g_assert_cmpuint (pw_document_get_n_devices (doc), ==, 1);
  g_assert_cmpuint (pw_document_get_n_cables (doc), ==, 0);
  removed = snapshot (doc);
  g_assert_true (pw_history_undo (history));
  {
    g_autofree char *back = snapshot (doc);

    g_assert_cmpstr (back, ==, wired);
  }

  g_assert_true (pw_history_undo (history));
  g_assert_cmpuint (pw_document_get_n_cables (doc), ==, 0);
  g_assert_true (pw_history_undo (history));
  g_assert_true (pw_history_undo (history));
  g_assert_false (pw_history_undo (history));
  {
    g_autofree char *back = snapshot (doc);

    g_assert_cmpstr (back, ==, empty);
  }
  g_assert_false (pw_history_get_modified (history));

  while (pw_history_redo (history))
    ;
  {
    g_autofree char *back = snapshot (doc);

    g_assert_cmpstr (back, ==, removed);
  }
  pw_history_mark_saved (history);
  g_assert_false (pw_history_get_modified (history));
  pw_history_undo (history);
  g_assert_true (pw_history_get_modified (history));
  pw_history_redo (history);
  g_assert_false (pw_history_get_modified (history));
}

static void
test_plug_replaces (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  PwDevice *mic = pw_edit_add_device (history, device_type ("dynamic-mic"), NULL, 0, 0);
  PwCable *a = pw_edit_add_cable (history, cable_type ("xlr-f-m"), NULL, 0, FALSE);
  PwCable *b = pw_edit_add_cable (history, cable_type ("xlr-f-m"), NULL, 0, FALSE);

  /* A port takes one plug: plugging another end in pulls the first out. */
  pw_edit_plug (history, a, 0, mic, 0);
  pw_edit_plug (history, b, 0, mic, 0);
  g_assert_null (a->ends[0].device);
  g_assert_true (b->ends[0].device == mic);
  pw_history_undo (history);
  g_assert_true (a->ends[0].device == mic);
  g_assert_null (b->ends[0].device);
}

/* Two devices of one type are told apart by their names: a new one and a
 * copy are numbered, and undo gives the number back. */
static void
test_device_names_numbered (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  PwDevice *a = pw_edit_add_device (history, device_type ("powered-monitor"), NULL, 0, 0);
  PwDevice *b = pw_edit_add_device (history, device_type ("powered-monitor"), NULL, 0, 0);
  PwDevice *c = pw_edit_add_device (history, device_type ("powered-monitor"), b->name, 0, 0);
  g_autofree char *second = g_strdup_printf ("%s 2", a->name);
  g_autofree char *third = g_strdup_printf ("%s 3", a->name);

  g_assert_cmpstr (a->name, ==, a->type->name);
  g_assert_cmpstr (b->name, ==, second);
  g_assert_cmpstr (c->name, ==, third);
  pw_history_undo (history);
  pw_history_undo (history);
  b = pw_edit_add_device (history, device_type ("powered-monitor"), "Left", 0, 0);
  g_assert_cmpstr (b->name, ==, "Left");
  c = pw_edit_add_device (history, device_type ("powered-monitor"), NULL, 0, 0);
  g_assert_cmpstr (c->name, ==, second);
}

static void
test_cable_type_change (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  PwDevice *mic = pw_edit_add_device (history, device_type ("dynamic-mic"), NULL, 0, 0);
  PwCable *cable = pw_edit_add_cable (history, cable_type ("xlr-f-m"), "Vocal", 5, TRUE);
  PwCable *changed;

  pw_edit_plug (history, cable, 0, mic, 0);
  changed = pw_edit_set_cable_type (history, cable, cable_type ("xlr-f-trs"));
  g_assert_cmpstr (changed->id, ==, "C1");
  g_assert_cmpstr (changed->label, ==, "Vocal");
  g_assert_true (changed->ends[0].device == mic);
  g_assert_true (pw_document_get_cable (doc, 0) == changed);
  pw_history_undo (history);
  g_assert_true (pw_document_get_cable (doc, 0)->type == cable_type ("xlr-f-m"));
}

/* Thousands of random edits, undone all and redone all: every state on the
 * way back is byte for byte the state on the way there. */
static void
test_random_edits (void)
{
  static const char * const device_ids[] = {
    "dynamic-mic", "condenser-mic", "small-mixer", "phone", "passive-di", "power-amp",
    "passive-speaker", "wall-plate-xlr-trs", "headphone-amp", "headphones-44",
  };
  static const char * const cable_ids[] = {
    "xlr-f-m", "trs-trs", "ts-ts", "xlr-f-ts", "insert-y", "nl4-nl4", "trs35-pentaconn",
  };
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);
  guint n_steps = g_test_slow () ? 20000 : 3000;

  g_ptr_array_add (states, snapshot (doc));

  for (guint step = 0; step < n_steps; step++)
    {
      guint n_devices = pw_document_get_n_devices (doc);
      guint n_cables = pw_document_get_n_cables (doc);
      guint op = g_rand_int_range (rand, 0, 14);
      gboolean grouped = g_rand_int_range (rand, 0, 8) == 0;
      PwDevice *device = n_devices ? pw_document_get_device (doc, g_rand_int_range (rand, 0, n_devices)) : NULL;
      PwCable *cable = n_cables ? pw_document_get_cable (doc, g_rand_int_range (rand, 0, n_cables)) : NULL;
      const char *before = g_ptr_array_index (states, states->len - 1);

      if (grouped)
        pw_history_begin (history, "Group");

      if (op <= 2 || device == NULL)
        pw_edit_add_device (history,
                            device_type (device_ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (device_ids))]),
                            NULL, g_rand_int_range (rand, 0, 2000), g_rand_int_range (rand, 0, 2000));
      else if (op == 3 && n_devices > 3)
        pw_edit_remove_device (history, device);
      else if (op == 4)
        pw_edit_move_device (history, device, g_rand_double_range (rand, -500, 500),
                             g_rand_int_range (rand, 0, 900));
      else if (op == 5)
        {
          g_autofree char *name = g_strdup_printf ("Device %u", step);

          pw_edit_set_device_name (history, device, name);
        }
      else if (op == 6)
        {
          for (guint p = 0; p < device->type->n_ports; p++)
            if (device->type->ports[p].phantom == PW_PHANTOM_AVAILABLE)
              {
                pw_edit_set_phantom (history, device, p, !device->phantom_on[p]);
                break;
              }
          if (device->type->ground_lift)
            pw_edit_set_ground_lift (history, device, !device->ground_lift_on);
        }
      else if (op <= 8 || cable == NULL)
        pw_edit_add_cable (history,
                           cable_type (cable_ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (cable_ids))]),
                           NULL, g_rand_int_range (rand, 1, 40), TRUE);
      else if (op == 9)
        pw_edit_remove_cable (history, cable);
      else if (op <= 11)
        {
          guint end = g_rand_int_range (rand, 0, cable->type->n_ends);

          if (g_rand_boolean (rand))
            pw_edit_plug (history, cable, end, device,
                          g_rand_int_range (rand, 0, device->type->n_ports));
          else
            pw_edit_plug (history, cable, end, NULL, 0);
        }
      else if (op == 12)
        {
          if (g_rand_boolean (rand))
            pw_edit_set_cable_length (history, cable, g_rand_double_range (rand, 0, 100),
                                      g_rand_boolean (rand));
          else
            pw_edit_set_cable_type (history, cable,
                                    cable_type (cable_ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (cable_ids))]));
        }
      else
        {
          g_autofree char *title = g_strdup_printf ("Plan %u", step);
          GArray *sup = pw_document_get_suppressions (doc);

          if (g_rand_boolean (rand))
            pw_edit_set_title (history, title);
          else if (sup->len > 0 && g_rand_boolean (rand))
            pw_edit_unsuppress (history, g_rand_int_range (rand, 0, sup->len));
          else
            pw_edit_suppress (history, "cable-end-open", cable ? cable->id : NULL);
        }

      if (grouped)
        pw_history_end (history);

      /* An edit that changed nothing makes no step. */
      {
        char *after = snapshot (doc);

        if (g_str_equal (before, after))
          g_free (after);
        else
          g_ptr_array_add (states, after);
      }

      if (step % 97 == 0)
        {
          g_autoptr(PwAnalysis) analysis = pw_analysis_new (doc);

          g_assert_nonnull (analysis);
        }
    }

  g_assert_cmpuint (states->len, >, n_steps / 2);

  for (guint i = states->len - 1; i > 0; i--)
    {
      g_autofree char *now = snapshot (doc);

      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
      g_assert_true (pw_history_undo (history));
    }
  {
    g_autofree char *first = snapshot (doc);

    g_assert_cmpstr (first, ==, g_ptr_array_index (states, 0));
    g_assert_false (pw_history_undo (history));
  }

  for (guint i = 1; i < states->len; i++)
    {
      g_autofree char *now = NULL;

      g_assert_true (pw_history_redo (history));
      now = snapshot (doc);
      g_assert_cmpstr (now, ==, g_ptr_array_index (states, i));
    }
  g_assert_false (pw_history_redo (history));

  /* And what the plan became loads back as the same plan. */
  {
    g_autofree char *last = snapshot (doc);
    g_autoptr(GError) error = NULL;
    g_autoptr(PwDocument) reloaded = pw_format_load_data (last, strlen (last), "last", &error);
    g_autofree char *again = NULL;

    g_assert_no_error (error);
    again = snapshot (reloaded);
    g_assert_cmpstr (again, ==, last);
  }
}

/* A lead plugged into an extension: one undoable step; removing the
 * extension pulls the lead out, and undo puts both back. */
static void
test_plug_into_cable (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);
  g_autofree char *apart = NULL;
  g_autofree char *joined = NULL;
  PwDevice *mic, *desk;
  PwCable *lead, *ext;

  mic = pw_edit_add_device (history, device_type ("dynamic-mic"), NULL, 10, 20);
  desk = pw_edit_add_device (history, device_type ("small-mixer"), "FOH", 400, 20);
  lead = pw_edit_add_cable (history, cable_type ("xlr-f-m"), NULL, 5, TRUE);
  ext = pw_edit_add_cable (history, cable_type ("xlr-f-m"), NULL, 10, TRUE);
  pw_edit_plug (history, lead, 0, mic, pw_device_type_find_port (mic->type, "out"));
  pw_edit_plug (history, ext, 1, desk, pw_device_type_find_port (desk->type, "ch1"));
  apart = snapshot (doc);

  pw_edit_plug_into_cable (history, lead, 1, ext, 0);
  g_assert_true (lead->ends[1].cable == ext);
  joined = snapshot (doc);
  {
    g_autoptr(PwAnalysis) analysis = pw_analysis_new (doc);

    g_assert_cmpint (pw_analysis_get_link_class (analysis, lead->index), ==, PW_LINK_BALANCED);
    g_assert_cmpint (pw_analysis_get_link_class (analysis, ext->index), ==, PW_LINK_BALANCED);
  }

  pw_history_undo (history);
  g_assert_null (lead->ends[1].cable);
  {
    g_autofree char *now = snapshot (doc);

    g_assert_cmpstr (now, ==, apart);
  }
  pw_history_redo (history);

  /* Plugging the lead into a port pulls it out of the extension. */
  pw_edit_plug (history, lead, 1, desk, pw_device_type_find_port (desk->type, "ch2"));
  g_assert_null (lead->ends[1].cable);
  pw_history_undo (history);
  g_assert_true (lead->ends[1].cable == ext);

  pw_edit_remove_cable (history, ext);
  g_assert_null (lead->ends[1].cable);
  g_assert_cmpuint (pw_document_get_n_cables (doc), ==, 1);
  pw_history_undo (history);
  g_assert_true (lead->ends[1].cable == ext);
  {
    g_autofree char *now = snapshot (doc);

    g_assert_cmpstr (now, ==, joined);
  }
}

/* Each plan field is its own undo step, named after the field. */
static void
test_plan_fields (void)
{
  g_autoptr(PwDocument) doc = pw_document_new ();
  g_autoptr(PwHistory) history = pw_history_new (doc);

  pw_edit_set_plan_field (history, PW_PLAN_CLIENT, "Radio Nord");
  pw_edit_set_plan_field (history, PW_PLAN_REVISION, "B");
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Change Revision");
  /* Setting what is there already records nothing. */
  pw_edit_set_plan_field (history, PW_PLAN_REVISION, "B");
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Change Revision");

  g_assert_true (pw_history_undo (history));
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_REVISION), ==, "");
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_CLIENT), ==, "Radio Nord");
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Change Client");
  g_assert_true (pw_history_undo (history));
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_CLIENT), ==, "");
  g_assert_false (pw_history_can_undo (history));
  g_assert_true (pw_history_redo (history));
  g_assert_cmpstr (pw_document_get_field (doc, PW_PLAN_CLIENT), ==, "Radio Nord");

  /* A revision recorded is one step too. */
  pw_edit_add_revision (history, "B", "2026-12-06", "changed cable C1");
  g_assert_cmpstr (pw_history_get_undo_label (history), ==, "Record Revision");
  g_assert_cmpuint (pw_document_get_revisions (doc)->len, ==, 1);
  g_assert_true (pw_history_undo (history));
  g_assert_cmpuint (pw_document_get_revisions (doc)->len, ==, 0);
  g_assert_true (pw_history_redo (history));
  g_assert_cmpstr (g_array_index (pw_document_get_revisions (doc), PwRevision, 0).changes, ==,
                   "changed cable C1");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/basic", test_basic);
  g_test_add_func ("/history/plug-replaces", test_plug_replaces);
  g_test_add_func ("/history/device-names-numbered", test_device_names_numbered);
  g_test_add_func ("/history/plug-into-cable", test_plug_into_cable);
  g_test_add_func ("/history/cable-type-change", test_cable_type_change);
  g_test_add_func ("/history/random-edits", test_random_edits);
  g_test_add_func ("/history/plan-fields", test_plan_fields);

  return g_test_run ();
}
