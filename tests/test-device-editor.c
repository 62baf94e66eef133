/* test-device-editor.c: the device type editor builds and finalizes, fills
 * a new type and saves it to the user library, pre-fills an existing one,
 * and refuses what does not make a valid type.
 *
 * Set PW_TEST_SHOW_EDITOR=SECONDS to keep the filled-in dialog on screen
 * that long (for a screenshot).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pw-application.h"
#include "pw-device-editor.h"
#include "pw-types.h"

static char *library_dir;

static void
run_main_loop_briefly (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
show_if_asked (PwDeviceEditor *editor)
{
  const char *seconds = g_getenv ("PW_TEST_SHOW_EDITOR");
  gint64 end;

  if (seconds == NULL)
    return;
  gtk_window_present (GTK_WINDOW (editor));
  end = g_get_monotonic_time () + g_ascii_strtoll (seconds, NULL, 10) * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
}

static guint
count_library_files (void)
{
  g_autoptr(GDir) dir = g_dir_open (library_dir, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Reads <library>/<id>.json back as a device type. */
static PwDeviceType *
read_saved_type (const char *id)
{
  g_autofree char *file_name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (library_dir, file_name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  PwParseContext ctx = { 0 };
  JsonObject *types;
  PwDeviceType *type;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  types = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "device_types");
  g_assert_nonnull (types);
  g_assert_true (json_object_has_member (types, id));
  type = pw_device_type_parse (id, json_object_get_member (types, id), &ctx, &error);
  g_assert_no_error (error);
  g_assert_nonnull (type);
  return type;
}

static void
destroy_and_check_finalized (PwDeviceEditor *editor)
{
  gpointer weak = editor;

  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  gtk_window_destroy (GTK_WINDOW (editor));
  run_main_loop_briefly ();
  g_assert_null (weak);
}

static void
test_build_and_finalize (void)
{
  PwDeviceType *mic = pw_type_set_lookup_device (pw_catalogue_get_builtin (), "dynamic-mic");
  g_autoptr(GtkWindow) parent = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  PwDeviceEditor *editor;

  editor = pw_device_editor_new (NULL, NULL);
  g_assert_true (PW_IS_DEVICE_EDITOR (editor));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  g_assert_cmpuint (pw_device_editor_get_n_ports (editor), ==, 0);
  pw_device_editor_add_port (editor);
  pw_device_editor_add_port (editor);
  pw_device_editor_remove_port (editor, 0);
  g_assert_cmpuint (pw_device_editor_get_n_ports (editor), ==, 1);
  gtk_window_present (GTK_WINDOW (editor));
  run_main_loop_briefly ();
  destroy_and_check_finalized (editor);

  g_assert_nonnull (mic);
  editor = pw_device_editor_new (parent, mic);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == parent);
  destroy_and_check_finalized (editor);
  gtk_window_destroy (parent);
}

static void
saved_cb (PwDeviceEditor *editor,
          const char     *id,
          char          **saved_id)
{
  g_free (*saved_id);
  *saved_id = g_strdup (id);
}

static void
test_new_type (void)
{
  PwDeviceEditor *editor = pw_device_editor_new (NULL, NULL);
  g_autoptr(PwDeviceType) type = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_id = NULL;
  PwDeviceType *found;
  guint port;

  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);

  /* The id follows the name, in kebab case, until it is edited. */
  pw_device_editor_set_name (editor, "Tube Preamp Mk II");
  g_assert_cmpstr (pw_device_editor_get_id (editor), ==, "tube-preamp-mk-ii");
  pw_device_editor_set_category (editor, "processors");

  /* A new port starts as a balanced XLR input. */
  port = pw_device_editor_add_port (editor);
  g_assert_cmpuint (port, ==, 0);
  g_assert_cmpstr (pw_device_editor_get_port_choice (editor, 0, "connector"), ==, "xlr3");
  g_assert_cmpstr (pw_device_editor_get_port_choice (editor, 0, "gender"), ==, "female");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, 0, "1"), ==, "ground");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, 0, "2"), ==, "hot");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, 0, "3"), ==, "cold");

  /* A combo socket: mic on the XLR, instrument on the jack, phantom. The
   * combo is female only, so the gender follows. */
  pw_device_editor_set_port_text (editor, 0, "label", "Mic & Inst <In>");
  pw_device_editor_set_port_choice (editor, 0, "gender", "male");
  pw_device_editor_set_port_choice (editor, 0, "connector", "combo");
  g_assert_cmpstr (pw_device_editor_get_port_choice (editor, 0, "gender"), ==, "female");
  pw_device_editor_set_port_choice (editor, 0, "level", "mic");
  pw_device_editor_set_port_choice (editor, 0, "jack_level", "instrument");
  pw_device_editor_set_port_choice (editor, 0, "phantom", "available");
  /* A Hi-Z jack defaults to single-ended; this one is wired differential,
   * and its phantom reaches the jack too (the rare combo). */
  pw_device_editor_set_port_choice (editor, 0, "jack_input", "differential");
  pw_device_editor_set_port_choice (editor, 0, "phantom_on_jack", "jack");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, 0, "tip"), ==, "hot");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, 0, "sleeve"), ==, "ground");

  /* A TRS output: the pins are refreshed for the new family. */
  port = pw_device_editor_add_port (editor);
  pw_device_editor_set_port_text (editor, port, "id", "out");
  pw_device_editor_set_port_text (editor, port, "label", "Line Out");
  pw_device_editor_set_port_choice (editor, port, "direction", "out");
  pw_device_editor_set_port_choice (editor, port, "connector", "trs-6.35");
  pw_device_editor_set_port_choice (editor, port, "output", "impedance_balanced");
  g_assert_null (pw_device_editor_get_port_role (editor, port, "1"));
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, port, "tip"), ==, "hot");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, port, "ring"), ==, "cold");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, port, "sleeve"), ==, "ground");

  /* A speaker output, both pairs used. */
  port = pw_device_editor_add_port (editor);
  pw_device_editor_set_port_text (editor, port, "id", "spk");
  pw_device_editor_set_port_choice (editor, port, "direction", "out");
  pw_device_editor_set_port_choice (editor, port, "level", "speaker");
  pw_device_editor_set_port_choice (editor, port, "connector", "speakon-nl4");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, port, "1+"), ==, "spk1_pos");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, port, "1-"), ==, "spk1_neg");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, port, "2+"), ==, "nc");
  pw_device_editor_set_port_role (editor, port, "2+", "spk2_pos");
  pw_device_editor_set_port_role (editor, port, "2-", "spk2_neg");

  show_if_asked (editor);

  g_assert_true (pw_device_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_null (pw_device_editor_get_message (editor));
  g_assert_cmpstr (saved_id, ==, "tube-preamp-mk-ii");

  type = read_saved_type ("tube-preamp-mk-ii");
  g_assert_cmpstr (type->name, ==, "Tube Preamp Mk II");
  g_assert_cmpstr (type->category, ==, "processors");
  g_assert_cmpuint (type->n_ports, ==, 3);

  g_assert_cmpstr (type->ports[0].id, ==, "in1");
  g_assert_cmpstr (type->ports[0].label, ==, "Mic & Inst <In>");
  g_assert_cmpint (type->ports[0].direction, ==, PW_DIRECTION_IN);
  g_assert_cmpstr (type->ports[0].family->id, ==, "combo");
  g_assert_cmpint (type->ports[0].gender, ==, PW_GENDER_FEMALE);
  g_assert_cmpint (type->ports[0].level, ==, PW_LEVEL_MIC);
  g_assert_cmpint (type->ports[0].jack_level, ==, PW_LEVEL_INSTRUMENT);
  g_assert_cmpint (type->ports[0].phantom, ==, PW_PHANTOM_AVAILABLE);
  g_assert_cmpint (type->ports[0].input, ==, PW_INPUT_DIFFERENTIAL);
  g_assert_cmpint (type->ports[0].jack_input, ==, PW_INPUT_DIFFERENTIAL);
  g_assert_true (type->ports[0].phantom_on_jack);

  g_assert_cmpstr (type->ports[1].family->id, ==, "trs-6.35");
  g_assert_cmpint (type->ports[1].direction, ==, PW_DIRECTION_OUT);
  g_assert_cmpint (type->ports[1].output, ==, PW_OUTPUT_IMPEDANCE_BALANCED);
  g_assert_cmpint (type->ports[1].roles[pw_family_find_contact (type->ports[1].family, "tip")],
                   ==, PW_ROLE_HOT);
  g_assert_cmpint (type->ports[1].roles[pw_family_find_contact (type->ports[1].family, "ring")],
                   ==, PW_ROLE_COLD);

  g_assert_cmpstr (type->ports[2].family->id, ==, "speakon-nl4");
  g_assert_cmpint (type->ports[2].level, ==, PW_LEVEL_SPEAKER);
  g_assert_cmpint (type->ports[2].roles[pw_family_find_contact (type->ports[2].family, "2+")],
                   ==, PW_ROLE_SPK2_POS);
  g_assert_cmpint (type->ports[2].roles[pw_family_find_contact (type->ports[2].family, "2-")],
                   ==, PW_ROLE_SPK2_NEG);

  /* The running process sees it without reading the library again. */
  found = pw_type_set_lookup_device (pw_catalogue_get_user (), "tube-preamp-mk-ii");
  g_assert_nonnull (found);
  g_assert_cmpuint (found->n_ports, ==, 3);

  /* Saving again overwrites the same type, and a new dialog may not take its id. */
  g_assert_true (pw_device_editor_save (editor, &error));
  g_assert_no_error (error);
  destroy_and_check_finalized (editor);

  editor = pw_device_editor_new (NULL, NULL);
  pw_device_editor_set_name (editor, "Tube preamp MK-II");
  pw_device_editor_add_port (editor);
  g_assert_false (pw_device_editor_save (editor, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (pw_device_editor_get_message (editor));
  destroy_and_check_finalized (editor);
}

static void
test_edit_builtin (void)
{
  PwDeviceType *mic = pw_type_set_lookup_device (pw_catalogue_get_builtin (), "dynamic-mic");
  PwDeviceEditor *editor;
  g_autoptr(PwDeviceType) type = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (mic);
  editor = pw_device_editor_new (NULL, mic);

  /* A built-in type is saved as a copy. */
  g_assert_cmpstr (pw_device_editor_get_id (editor), ==, "dynamic-mic-custom");
  g_assert_cmpuint (pw_device_editor_get_n_ports (editor), ==, mic->n_ports);
  g_assert_cmpstr (pw_device_editor_get_port_choice (editor, 0, "direction"), ==, "out");
  g_assert_cmpstr (pw_device_editor_get_port_choice (editor, 0, "connector"), ==, "xlr3");
  g_assert_cmpstr (pw_device_editor_get_port_choice (editor, 0, "gender"), ==, "male");
  g_assert_cmpstr (pw_device_editor_get_port_choice (editor, 0, "signal"), ==, "analog");
  g_assert_cmpstr (pw_device_editor_get_port_choice (editor, 0, "level"), ==, "mic");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, 0, "1"), ==, "ground");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, 0, "2"), ==, "hot");
  g_assert_cmpstr (pw_device_editor_get_port_role (editor, 0, "3"), ==, "cold");

  /* Editing the name of an existing type leaves its id alone. */
  pw_device_editor_set_name (editor, "My dynamic mic");
  g_assert_cmpstr (pw_device_editor_get_id (editor), ==, "dynamic-mic-custom");
  show_if_asked (editor);

  g_assert_true (pw_device_editor_save (editor, &error));
  g_assert_no_error (error);
  type = read_saved_type ("dynamic-mic-custom");
  g_assert_cmpstr (type->name, ==, "My dynamic mic");
  g_assert_cmpstr (type->category, ==, mic->category);
  g_assert_cmpuint (type->n_ports, ==, 1);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (type->ports[0].roles[c], ==, mic->ports[0].roles[c]);
  g_assert_nonnull (pw_type_set_lookup_device (pw_catalogue_get_user (), "dynamic-mic-custom"));
  /* The built-in type itself is untouched. */
  g_assert_cmpstr (pw_type_set_lookup_device (pw_catalogue_get_builtin (), "dynamic-mic")->name,
                   !=, "My dynamic mic");
  destroy_and_check_finalized (editor);
}

static void
assert_refused (PwDeviceEditor *editor,
                const char     *fragment)
{
  g_autoptr(GError) error = NULL;
  guint before = count_library_files ();
  const char *message;

  g_assert_false (pw_device_editor_save (editor, &error));
  g_assert_nonnull (error);
  message = pw_device_editor_get_message (editor);
  g_assert_nonnull (message);
  g_assert_cmpstr (message, ==, error->message);
  if (strstr (message, fragment) == NULL)
    g_error ("'%s' does not say '%s'", message, fragment);
  g_assert_cmpuint (count_library_files (), ==, before);
}

static void
test_refuse_invalid (void)
{
  PwDeviceEditor *editor = pw_device_editor_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  guint port;

  /* No name. */
  pw_device_editor_add_port (editor);
  assert_refused (editor, "name");

  /* Two ports with one id. */
  pw_device_editor_set_name (editor, "Broken box");
  g_assert_cmpstr (pw_device_editor_get_id (editor), ==, "broken-box");
  port = pw_device_editor_add_port (editor);
  pw_device_editor_set_port_text (editor, port, "id", "in1");
  assert_refused (editor, "in1");

  /* An empty port id. */
  pw_device_editor_set_port_text (editor, port, "id", "  ");
  assert_refused (editor, "identifier");

  /* A built-in id. */
  pw_device_editor_set_port_text (editor, port, "id", "in2");
  pw_device_editor_set_id (editor, "dynamic-mic");
  assert_refused (editor, "built-in");

  /* An id that is not a file name. */
  pw_device_editor_set_id (editor, "../escape");
  assert_refused (editor, "../escape");

  /* No ports at all. */
  pw_device_editor_set_id (editor, "broken-box");
  pw_device_editor_remove_port (editor, 1);
  pw_device_editor_remove_port (editor, 0);
  assert_refused (editor, "port");
  g_assert_null (pw_type_set_lookup_device (pw_catalogue_get_user (), "broken-box"));

  /* Fixed, it saves and the message goes away. */
  pw_device_editor_add_port (editor);
  g_assert_true (pw_device_editor_save (editor, &error));
  g_assert_no_error (error);
  g_assert_null (pw_device_editor_get_message (editor));
  destroy_and_check_finalized (editor);
}

static void
test_catalogue_save_validates (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{ \"name\": \"X\", \"ports\": ["
                                               "{ \"id\": \"a\", \"direction\": \"in\","
                                               "  \"connector\": \"xlr3\", \"gender\": \"female\","
                                               "  \"pins\": { \"9\": \"hot\" } } ] }", NULL);
  g_autoptr(GError) error = NULL;
  guint before = count_library_files ();

  g_assert_false (pw_catalogue_save_user_device_type (node, "bad-pins", &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (count_library_files (), ==, before);
  g_assert_null (pw_type_set_lookup_device (pw_catalogue_get_user (), "bad-pins"));
}

static void
remove_library (void)
{
  g_autoptr(GDir) dir = g_dir_open (library_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (library_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (library_dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmp = NULL;
  int status;

  /* Before anything reads the user library. */
  tmp = g_dir_make_tmp ("pw-device-editor-XXXXXX", NULL);
  g_assert_nonnull (tmp);
  library_dir = g_build_filename (tmp, "library", NULL);
  pw_catalogue_set_user_dir (library_dir);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The dialog's template lives in the application's resources. */
  g_object_unref (pw_application_new ());

  g_test_add_func ("/device-editor/build-and-finalize", test_build_and_finalize);
  g_test_add_func ("/device-editor/new-type", test_new_type);
  g_test_add_func ("/device-editor/edit-builtin", test_edit_builtin);
  g_test_add_func ("/device-editor/refuse-invalid", test_refuse_invalid);
  g_test_add_func ("/device-editor/catalogue-save-validates", test_catalogue_save_validates);

  status = g_test_run ();
  remove_library ();
  g_rmdir (tmp);
  g_free (library_dir);
  return status;
}
