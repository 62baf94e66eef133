/* pw-device-editor.c: a dialog that creates or edits a device type and
 * saves it to the user library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-connector.h"
#include "pw-device-editor.h"

/* One port: an expander row whose widgets are read back on save. The row
 * owns the struct (object data), so a removed row takes it along. */
typedef struct
{
  PwDeviceEditor *editor;          /* unowned */
  AdwExpanderRow *row;
  AdwEntryRow    *id;
  AdwEntryRow    *label;
  AdwComboRow    *direction;
  AdwComboRow    *connector;
  AdwComboRow    *gender;
  AdwComboRow    *signal;
  AdwComboRow    *level;
  AdwComboRow    *jack_level;
  AdwComboRow    *jack_input;
  AdwComboRow    *jack_phantom;
  AdwComboRow    *output;
  AdwComboRow    *input;
  AdwComboRow    *phantom;
  AdwActionRow   *se_safe_row;
  GtkSwitch      *se_safe;
  AdwActionRow   *pins_header;
  GPtrArray      *pin_rows;        /* AdwComboRow, one per contact of family */
  const PwFamily *family;          /* the family the pin rows are for */
  JsonObject     *source;          /* the port as read, for fields not edited here */
  gboolean        loading;         /* fields set from a type: keep its pins */
} PortRow;

struct _PwDeviceEditor
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  AdwToastOverlay     *toasts;
  AdwPreferencesPage  *page;
  AdwEntryRow         *name_row;
  AdwEntryRow         *id_row;
  AdwComboRow         *category_row;
  GtkSwitch           *earthed_switch;
  GtkSwitch           *ground_lift_switch;
  AdwPreferencesGroup *ports_group;
  AdwActionRow        *no_ports_row;

  GPtrArray           *ports;            /* PortRow, owned by their rows */
  GtkStringList       *roles_model;
  char                *original_id;      /* the edited type, NULL for a new one */
  gboolean             original_builtin;
  JsonObject          *source;           /* the edited type's JSON */
  guint                port_serial;
  gboolean             id_edited;        /* the user typed an id: stop deriving it */
  gboolean             setting_id;
};

G_DEFINE_FINAL_TYPE (PwDeviceEditor, pw_device_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *value;
  const char *label;
} Choice;

static const Choice direction_choices[] = {
  { "out", N_("Output") },
  { "in", N_("Input") },
  { "insert", N_("Insert (send and return)") },
  { "passive", N_("Passive (wired through)") },
  { NULL, NULL }
};

static const Choice gender_choices[] = {
  { "male", N_("Male (plug, pins)") },
  { "female", N_("Female (socket)") },
  { NULL, NULL }
};

static const Choice signal_choices[] = {
  { "analog", N_("Analog") },
  { "aes3", N_("AES3") },
  { "spdif", N_("S/PDIF") },
  { "adat", N_("ADAT") },
  { "midi", N_("MIDI") },
  { "dmx", N_("DMX") },
  { "usb", N_("USB") },
  { "network", N_("Network") },
  { NULL, NULL }
};

static const Choice level_choices[] = {
  { "", N_("None") },
  { "mic", N_("Microphone") },
  { "instrument", N_("Instrument") },
  { "line_consumer", N_("Consumer line, −10 dBV") },
  { "line_pro", N_("Pro line, +4 dBu") },
  { "headphone", N_("Headphone") },
  { "speaker", N_("Speaker") },
  { "phono", N_("Phono") },
  { NULL, NULL }
};

static const Choice output_choices[] = {
  { "", N_("Default (from the pins)") },
  { "balanced", N_("Balanced (active)") },
  { "impedance_balanced", N_("Impedance-balanced") },
  { "floating", N_("Floating (transformer)") },
  { "servo_balanced", N_("Servo-balanced (cross-coupled)") },
  { "single_ended", N_("Single-ended") },
  { NULL, NULL }
};

static const Choice input_choices[] = {
  { "", N_("Default (from the pins)") },
  { "differential", N_("Differential") },
  { "single_ended", N_("Single-ended") },
  { NULL, NULL }
};

static const Choice jack_input_choices[] = {
  { "", N_("Default (single-ended at instrument level)") },
  { "differential", N_("Differential") },
  { "single_ended", N_("Single-ended") },
  { NULL, NULL }
};

/* Written as `phantom_on_jack` (DESIGN.md §3). */
static const Choice jack_phantom_choices[] = {
  { "", N_("XLR contacts only") },
  { "jack", N_("XLR contacts and the jack") },
  { NULL, NULL }
};

static const Choice phantom_choices[] = {
  { "", N_("None") },
  { "available", N_("Available on this input") },
  { "requires", N_("Required (condenser mic)") },
  { "harmed", N_("Harmful (ribbon mic)") },
  { NULL, NULL }
};

/* Choice rows: a string list of labels, the values beside them as data. */

static AdwComboRow *
choice_row_new_take (const char *title,
                     GStrv       labels,
                     GStrv       values)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  g_object_set_data_full (G_OBJECT (row), "values", values, (GDestroyNotify) g_strfreev);
  g_strfreev (labels);
  return row;
}

static AdwComboRow *
choice_row_new (const char   *title,
                const Choice *choices)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();

  for (const Choice *c = choices; c->value != NULL; c++)
    {
      g_strv_builder_add (labels, _(c->label));
      g_strv_builder_add (values, c->value);
    }
  return choice_row_new_take (title, g_strv_builder_end (labels), g_strv_builder_end (values));
}

static const char *
choice_row_get (AdwComboRow *row)
{
  const char * const *values = g_object_get_data (G_OBJECT (row), "values");
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length ((GStrv) values))
    return "";
  return values[selected];
}

static gboolean
choice_row_set (AdwComboRow *row,
                const char  *value)
{
  const char * const *values = g_object_get_data (G_OBJECT (row), "values");

  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], value != NULL ? value : ""))
      {
        adw_combo_row_set_selected (row, i);
        return TRUE;
      }
  return FALSE;
}

/* Roles as a data sheet names them; the model keeps the PwRole order. */
static const char *
role_label (PwRole role)
{
  static const Choice labels[] = {
    { "nc", N_("Not connected") },
    { "ground", N_("Ground (shield)") },
    { "chassis", N_("Chassis") },
    { "hot", N_("Hot (+)") },
    { "cold", N_("Cold (−)") },
    { "signal", N_("Signal (unbalanced)") },
    { "left", N_("Left") },
    { "right", N_("Right") },
    { "left_hot", N_("Left hot (+)") },
    { "left_cold", N_("Left cold (−)") },
    { "right_hot", N_("Right hot (+)") },
    { "right_cold", N_("Right cold (−)") },
    { "send", N_("Send") },
    { "return", N_("Return") },
    { "spk1_pos", N_("Speaker 1 +") },
    { "spk1_neg", N_("Speaker 1 −") },
    { "spk2_pos", N_("Speaker 2 +") },
    { "spk2_neg", N_("Speaker 2 −") },
    { "data_pos", N_("Data +") },
    { "data_neg", N_("Data −") },
    { "data2_pos", N_("Data 2 +") },
    { "data2_neg", N_("Data 2 −") },
    { "mic", N_("Headset microphone") },
    { "light", N_("Light (optical)") },
    { "data", N_("Data") },
  };
  const char *name = pw_role_to_string (role);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].value, name))
      return _(labels[i].label);
  return name;
}

/* "2" → "Pin 2", "ring1" → "Ring 1": how the contacts are called on a
 * data sheet. */
static char *
contact_title (const char *contact)
{
  GString *s;

  if (g_ascii_isdigit (contact[0]) || contact[0] == '+' || contact[0] == '-')
    return g_strdup_printf (_("Pin %s"), contact);
  s = g_string_new (NULL);
  for (const char *p = contact; *p != '\0'; p++)
    {
      if (p == contact)
        g_string_append_c (s, g_ascii_toupper (*p));
      else
        {
          if (g_ascii_isdigit (*p) && !g_ascii_isdigit (p[-1]))
            g_string_append_c (s, ' ');
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

/* The wiring a family usually has, by what the port carries: a starting
 * point the user corrects where the device differs. */
static void
default_roles (const PwFamily *family,
               const char     *direction,
               const char     *signal,
               const char     *level,
               PwRole          roles[PW_MAX_CONTACTS])
{
  const char *id = family->id;
  gboolean data = !g_str_equal (signal, "analog");
  gboolean headphone = g_str_equal (level, "headphone");

  for (guint c = 0; c < PW_MAX_CONTACTS; c++)
    roles[c] = PW_ROLE_NC;

#define SET(contact, role) G_STMT_START { \
    int c_ = pw_family_find_contact (family, contact); \
    if (c_ >= 0) \
      roles[c_] = role; \
  } G_STMT_END

  if (g_str_equal (id, "xlr3"))
    {
      SET ("1", PW_ROLE_GROUND);
      SET ("2", data ? PW_ROLE_DATA_POS : PW_ROLE_HOT);
      SET ("3", data ? PW_ROLE_DATA_NEG : PW_ROLE_COLD);
    }
  else if (g_str_equal (id, "xlr4"))
    {
      SET ("1", headphone ? PW_ROLE_LEFT_HOT : PW_ROLE_GROUND);
      SET ("2", headphone ? PW_ROLE_LEFT_COLD : PW_ROLE_HOT);
      SET ("3", headphone ? PW_ROLE_RIGHT_HOT : PW_ROLE_COLD);
      SET ("4", headphone ? PW_ROLE_RIGHT_COLD : PW_ROLE_NC);
    }
  else if (g_str_equal (id, "xlr5"))
    {
      SET ("1", PW_ROLE_GROUND);
      SET ("2", data ? PW_ROLE_DATA_NEG : PW_ROLE_LEFT_HOT);
      SET ("3", data ? PW_ROLE_DATA_POS : PW_ROLE_LEFT_COLD);
      SET ("4", data ? PW_ROLE_DATA2_NEG : PW_ROLE_RIGHT_HOT);
      SET ("5", data ? PW_ROLE_DATA2_POS : PW_ROLE_RIGHT_COLD);
    }
  else if (g_str_equal (id, "combo"))
    {
      SET ("1", PW_ROLE_GROUND);
      SET ("2", PW_ROLE_HOT);
      SET ("3", PW_ROLE_COLD);
      SET ("tip", PW_ROLE_HOT);
      SET ("ring", PW_ROLE_COLD);
      SET ("sleeve", PW_ROLE_GROUND);
    }
  else if (g_str_has_prefix (id, "trs-") || g_str_equal (id, "tt"))
    {
      if (g_str_equal (direction, "insert"))
        {
          SET ("tip", PW_ROLE_SEND);
          SET ("ring", PW_ROLE_RETURN);
        }
      else if (headphone)
        {
          SET ("tip", PW_ROLE_LEFT);
          SET ("ring", PW_ROLE_RIGHT);
        }
      else
        {
          SET ("tip", PW_ROLE_HOT);
          SET ("ring", PW_ROLE_COLD);
        }
      SET ("sleeve", PW_ROLE_GROUND);
    }
  else if (g_str_has_prefix (id, "ts-"))
    {
      SET ("tip", PW_ROLE_SIGNAL);
      SET ("sleeve", PW_ROLE_GROUND);
    }
  else if (g_str_equal (id, "trrs-2.5"))
    {
      /* Balanced headphone (Astell&Kern layout). */
      SET ("tip", PW_ROLE_RIGHT_COLD);
      SET ("ring1", PW_ROLE_RIGHT_HOT);
      SET ("ring2", PW_ROLE_LEFT_HOT);
      SET ("sleeve", PW_ROLE_LEFT_COLD);
    }
  else if (g_str_has_prefix (id, "trrs-"))
    {
      /* Headset (CTIA). */
      SET ("tip", PW_ROLE_LEFT);
      SET ("ring1", PW_ROLE_RIGHT);
      SET ("ring2", PW_ROLE_GROUND);
      SET ("sleeve", PW_ROLE_MIC);
    }
  else if (g_str_equal (id, "pentaconn-4.4"))
    {
      SET ("tip", PW_ROLE_LEFT_HOT);
      SET ("ring1", PW_ROLE_LEFT_COLD);
      SET ("ring2", PW_ROLE_RIGHT_HOT);
      SET ("ring3", PW_ROLE_RIGHT_COLD);
      SET ("sleeve", PW_ROLE_GROUND);
    }
  else if (g_str_equal (id, "rca") || g_str_equal (id, "bnc"))
    {
      SET ("pin", data ? PW_ROLE_DATA_POS : PW_ROLE_SIGNAL);
      SET ("shield", PW_ROLE_GROUND);
    }
  else if (g_str_has_prefix (id, "speakon-"))
    {
      SET ("1+", PW_ROLE_SPK1_POS);
      SET ("1-", PW_ROLE_SPK1_NEG);
    }
  else if (g_str_equal (id, "binding-post"))
    {
      SET ("+", PW_ROLE_SPK1_POS);
      SET ("-", PW_ROLE_SPK1_NEG);
    }
  else if (g_str_equal (id, "din5"))
    {
      /* MIDI: the shield is grounded at the out end only. */
      SET ("2", g_str_equal (direction, "out") ? PW_ROLE_GROUND : PW_ROLE_NC);
      SET ("4", PW_ROLE_DATA_POS);
      SET ("5", PW_ROLE_DATA_NEG);
    }
  else if (g_str_equal (id, "toslink"))
    SET ("light", PW_ROLE_LIGHT);
  else if (family->n_contacts == 1)
    roles[0] = PW_ROLE_DATA;

#undef SET
}

static PortRow *
port_row_at (PwDeviceEditor *self,
             guint           port)
{
  g_return_val_if_fail (port < self->ports->len, NULL);
  return g_ptr_array_index (self->ports, port);
}

static const PwFamily *
port_row_family (PortRow *pr)
{
  return pw_connector_table_lookup (pw_connector_table_get_default (),
                                    choice_row_get (pr->connector));
}

static void
port_row_update_title (PortRow *pr)
{
  const char *label = gtk_editable_get_text (GTK_EDITABLE (pr->label));
  const char *id = gtk_editable_get_text (GTK_EDITABLE (pr->id));
  const PwFamily *family = port_row_family (pr);
  GtkStringObject *direction = adw_combo_row_get_selected_item (pr->direction);
  gboolean male = g_str_equal (choice_row_get (pr->gender), "male");
  g_autofree char *subtitle = NULL;

  if (*label == '\0')
    label = *id != '\0' ? id : _("Unnamed port");
  /* Translators: a port's summary, "Input · XLR-3 female". */
  subtitle = g_strdup_printf (male ? _("%s · %s male") : _("%s · %s female"),
                              direction ? gtk_string_object_get_string (direction) : "",
                              family ? family->name : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr->row), label);
  adw_expander_row_set_subtitle (pr->row, subtitle);
}

/* Shows the rows that apply to what the port is now. */
static void
port_row_update_visibility (PortRow *pr)
{
  const PwFamily *family = port_row_family (pr);
  const char *direction = choice_row_get (pr->direction);
  gboolean analog = g_str_equal (choice_row_get (pr->signal), "analog");
  gboolean female_only = family != NULL && family->female_only;

  gtk_widget_set_visible (GTK_WIDGET (pr->level), analog);
  gtk_widget_set_visible (GTK_WIDGET (pr->jack_level),
                          analog && family != NULL && g_str_equal (family->id, "combo"));
  gtk_widget_set_visible (GTK_WIDGET (pr->jack_input),
                          analog && family != NULL && g_str_equal (family->id, "combo"));
  gtk_widget_set_visible (GTK_WIDGET (pr->jack_phantom),
                          family != NULL && g_str_equal (family->id, "combo"));
  gtk_widget_set_visible (GTK_WIDGET (pr->output), !g_str_equal (direction, "in"));
  gtk_widget_set_visible (GTK_WIDGET (pr->input), !g_str_equal (direction, "out"));
  gtk_widget_set_visible (GTK_WIDGET (pr->se_safe_row),
                          analog && g_str_equal (choice_row_get (pr->level), "headphone") &&
                          !g_str_equal (direction, "in"));
  if (female_only)
    choice_row_set (pr->gender, "female");
  gtk_widget_set_sensitive (GTK_WIDGET (pr->gender), !female_only);
}

static void
port_row_fill_default_roles (PortRow *pr)
{
  PwRole roles[PW_MAX_CONTACTS];

  if (pr->family == NULL)
    return;
  default_roles (pr->family, choice_row_get (pr->direction), choice_row_get (pr->signal),
                 choice_row_get (pr->level), roles);
  for (guint c = 0; c < pr->pin_rows->len; c++)
    adw_combo_row_set_selected (g_ptr_array_index (pr->pin_rows, c), roles[c]);
}

/* One role row per contact of the chosen family. */
static void
port_row_rebuild_pins (PortRow *pr)
{
  const PwFamily *family = port_row_family (pr);

  if (family == pr->family)
    return;
  for (guint i = 0; i < pr->pin_rows->len; i++)
    adw_expander_row_remove (pr->row, g_ptr_array_index (pr->pin_rows, i));
  g_ptr_array_set_size (pr->pin_rows, 0);
  pr->family = family;
  if (family == NULL)
    return;
  {
    g_autofree char *subtitle = g_strdup_printf (_("What each contact of the %s carries"),
                                                 family->name);

    adw_action_row_set_subtitle (pr->pins_header, subtitle);
  }

  for (guint c = 0; c < family->n_contacts; c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      g_autofree char *title = contact_title (family->contacts[c]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_combo_row_set_model (row, G_LIST_MODEL (pr->editor->roles_model));
      gtk_widget_add_css_class (GTK_WIDGET (row), "pin-role");
      adw_expander_row_add_row (pr->row, GTK_WIDGET (row));
      g_ptr_array_add (pr->pin_rows, row);
    }
  if (!pr->loading)
    port_row_fill_default_roles (pr);
}

static void
port_connector_changed_cb (PortRow *pr)
{
  port_row_update_visibility (pr);
  port_row_rebuild_pins (pr);
  port_row_update_title (pr);
}

/* A different use for the same connector changes the usual wiring (a TRS
 * jack is balanced mono, stereo headphones or an insert), so the pins
 * follow — unless the port is being filled from a type. */
static void
port_usage_changed_cb (PortRow *pr)
{
  port_row_update_visibility (pr);
  port_row_update_title (pr);
  if (!pr->loading)
    port_row_fill_default_roles (pr);
}

static void
port_text_changed_cb (PortRow *pr)
{
  port_row_update_title (pr);
}

static void
port_row_free (PortRow *pr)
{
  g_clear_pointer (&pr->pin_rows, g_ptr_array_unref);
  g_clear_pointer (&pr->source, json_object_unref);
  g_free (pr);
}

static void update_no_ports (PwDeviceEditor *self);

static void
remove_port_clicked_cb (GtkButton *button,
                        PortRow   *pr)
{
  PwDeviceEditor *self = pr->editor;
  guint index;

  if (g_ptr_array_find (self->ports, pr, &index))
    pw_device_editor_remove_port (self, index);
}

static AdwEntryRow *
entry_row_new (const char *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static PortRow *
port_row_new (PwDeviceEditor *self)
{
  PwConnectorTable *table = pw_connector_table_get_default ();
  PortRow *pr = g_new0 (PortRow, 1);
  g_autoptr(GStrvBuilder) family_labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) family_values = g_strv_builder_new ();
  GtkWidget *remove;

  pr->editor = self;
  pr->pin_rows = g_ptr_array_new ();
  pr->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  /* The title is the user's label: "Send & Return" is text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (pr->row), FALSE);
  g_object_set_data_full (G_OBJECT (pr->row), "pw-port", pr, (GDestroyNotify) port_row_free);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove Port"));
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_port_clicked_cb), pr);
  adw_expander_row_add_action (pr->row, remove);

  for (guint i = 0; i < pw_connector_table_get_n_families (table); i++)
    {
      const PwFamily *family = pw_connector_table_get_family (table, i);

      g_strv_builder_add (family_labels, family->name);
      g_strv_builder_add (family_values, family->id);
    }

  pr->id = entry_row_new (_("Identifier"));
  pr->label = entry_row_new (_("Label"));
  pr->direction = choice_row_new (_("Direction"), direction_choices);
  pr->connector = choice_row_new_take (_("Connector"), g_strv_builder_end (family_labels),
                                       g_strv_builder_end (family_values));
  pr->gender = choice_row_new (_("Gender"), gender_choices);
  pr->signal = choice_row_new (_("Signal"), signal_choices);
  pr->level = choice_row_new (_("Level"), level_choices);
  pr->jack_level = choice_row_new (_("Jack Level"), level_choices);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (pr->jack_level),
                               _("The level of the jack part of the combo socket"));
  pr->jack_input = choice_row_new (_("Jack Input Kind"), jack_input_choices);
  pr->jack_phantom = choice_row_new (_("Phantom Power Reaches"), jack_phantom_choices);
  pr->output = choice_row_new (_("Output Kind"), output_choices);
  pr->input = choice_row_new (_("Input Kind"), input_choices);
  pr->phantom = choice_row_new (_("Phantom Power"), phantom_choices);

  pr->se_safe_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr->se_safe_row),
                                 _("Safe with Single-Ended Adapters"));
  adw_action_row_set_subtitle (pr->se_safe_row, _("Its negative legs may be grounded"));
  pr->se_safe = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (pr->se_safe), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (pr->se_safe_row, GTK_WIDGET (pr->se_safe));
  adw_action_row_set_activatable_widget (pr->se_safe_row, GTK_WIDGET (pr->se_safe));

  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->id));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->label));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->direction));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->connector));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->gender));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->signal));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->level));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->jack_level));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->jack_input));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->output));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->input));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->phantom));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->jack_phantom));
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->se_safe_row));

  /* The pin rows follow this one. */
  pr->pins_header = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (pr->pins_header), _("Pins"));
  gtk_widget_add_css_class (GTK_WIDGET (pr->pins_header), "pins-header");
  adw_expander_row_add_row (pr->row, GTK_WIDGET (pr->pins_header));

  g_signal_connect_swapped (pr->id, "changed", G_CALLBACK (port_text_changed_cb), pr);
  g_signal_connect_swapped (pr->label, "changed", G_CALLBACK (port_text_changed_cb), pr);
  g_signal_connect_swapped (pr->connector, "notify::selected",
                            G_CALLBACK (port_connector_changed_cb), pr);
  g_signal_connect_swapped (pr->direction, "notify::selected",
                            G_CALLBACK (port_usage_changed_cb), pr);
  g_signal_connect_swapped (pr->signal, "notify::selected",
                            G_CALLBACK (port_usage_changed_cb), pr);
  g_signal_connect_swapped (pr->level, "notify::selected",
                            G_CALLBACK (port_usage_changed_cb), pr);
  g_signal_connect_swapped (pr->gender, "notify::selected",
                            G_CALLBACK (port_text_changed_cb), pr);

  return pr;
}

static void
update_no_ports (PwDeviceEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->no_ports_row), self->ports->len == 0);
}

static void
append_port_row (PwDeviceEditor *self,
                 PortRow        *pr)
{
  g_ptr_array_add (self->ports, pr);
  adw_preferences_group_add (self->ports_group, GTK_WIDGET (pr->row));
  update_no_ports (self);
}

/* An id of the form "in3" that no port has yet. */
static char *
unique_port_id (PwDeviceEditor *self,
                const char     *stem)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", stem, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < self->ports->len && !taken; i++)
        {
          PortRow *pr = g_ptr_array_index (self->ports, i);

          taken = g_str_equal (gtk_editable_get_text (GTK_EDITABLE (pr->id)), id);
        }
      if (!taken)
        return g_steal_pointer (&id);
    }
}

guint
pw_device_editor_add_port (PwDeviceEditor *self)
{
  PortRow *pr;
  g_autofree char *id = NULL;

  g_return_val_if_fail (PW_IS_DEVICE_EDITOR (self), 0);

  pr = port_row_new (self);
  id = unique_port_id (self, "in");
  /* The label stays empty (the id stands in) until the user gives one. */
  gtk_editable_set_text (GTK_EDITABLE (pr->id), id);
  choice_row_set (pr->direction, "in");
  choice_row_set (pr->gender, "female");
  choice_row_set (pr->signal, "analog");
  choice_row_set (pr->level, "line_pro");
  choice_row_set (pr->jack_level, "line_pro");
  choice_row_set (pr->connector, "xlr3");
  /* Selecting the first family notifies nothing: build the pins here. */
  port_connector_changed_cb (pr);
  port_row_fill_default_roles (pr);

  append_port_row (self, pr);
  return self->ports->len - 1;
}

void
pw_device_editor_remove_port (PwDeviceEditor *self,
                              guint           port)
{
  PortRow *pr;

  g_return_if_fail (PW_IS_DEVICE_EDITOR (self));

  if ((pr = port_row_at (self, port)) == NULL)
    return;
  g_ptr_array_remove_index (self->ports, port);
  /* The row owns pr: it goes with it. */
  adw_preferences_group_remove (self->ports_group, GTK_WIDGET (pr->row));
  update_no_ports (self);
}

static void
add_port_from_type (PwDeviceEditor   *self,
                    const PwPortType *port,
                    JsonObject       *source)
{
  PortRow *pr = port_row_new (self);

  pr->loading = TRUE;
  if (source != NULL)
    pr->source = json_object_ref (source);
  gtk_editable_set_text (GTK_EDITABLE (pr->id), port->id);
  gtk_editable_set_text (GTK_EDITABLE (pr->label), port->label);
  choice_row_set (pr->direction, pw_direction_to_string (port->direction));
  choice_row_set (pr->gender, pw_gender_to_string (port->gender));
  choice_row_set (pr->signal, pw_signal_to_string (port->signal));
  choice_row_set (pr->level, port->level == PW_LEVEL_NONE ? "" : pw_level_to_string (port->level));
  choice_row_set (pr->jack_level,
                  port->jack_level == PW_LEVEL_NONE ? "" : pw_level_to_string (port->jack_level));
  choice_row_set (pr->connector, port->family->id);
  /* output and input are stored resolved: show them as written. */
  choice_row_set (pr->output, source != NULL && json_object_has_member (source, "output")
                              ? json_object_get_string_member_with_default (source, "output", "")
                              : "");
  choice_row_set (pr->input, source != NULL && json_object_has_member (source, "input")
                             ? json_object_get_string_member_with_default (source, "input", "")
                             : "");
  /* jack_input is stored resolved too: show it as written. */
  choice_row_set (pr->jack_input, source != NULL && json_object_has_member (source, "jack_input")
                                  ? json_object_get_string_member_with_default (source, "jack_input", "")
                                  : "");
  choice_row_set (pr->jack_phantom, port->phantom_on_jack ? "jack" : "");
  choice_row_set (pr->phantom, port->phantom == PW_PHANTOM_NONE ? ""
                               : port->phantom == PW_PHANTOM_AVAILABLE ? "available"
                               : port->phantom == PW_PHANTOM_REQUIRES ? "requires" : "harmed");
  gtk_switch_set_active (pr->se_safe, port->se_adapter_safe);
  port_connector_changed_cb (pr);
  for (guint c = 0; c < pr->pin_rows->len; c++)
    adw_combo_row_set_selected (g_ptr_array_index (pr->pin_rows, c), port->roles[c]);
  pr->loading = FALSE;

  append_port_row (self, pr);
}

/* The id derived from the name: "Vintage Ribbon Mic" → "vintage-ribbon-mic". */
static char *
kebab_case (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *s = g_string_new (NULL);
  gboolean dash = FALSE;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && s->len > 0)
            g_string_append_c (s, '-');
          g_string_append_c (s, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  return g_string_free (s, FALSE);
}

static void
set_id_text (PwDeviceEditor *self,
             const char     *id)
{
  self->setting_id = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), id);
  self->setting_id = FALSE;
}

static void
name_changed_cb (PwDeviceEditor *self)
{
  g_autofree char *id = NULL;

  if (self->id_edited || self->original_id != NULL)
    return;
  id = kebab_case (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  set_id_text (self, id);
}

static void
id_changed_cb (PwDeviceEditor *self)
{
  if (!self->setting_id)
    self->id_edited = TRUE;
}

static void
show_message (PwDeviceEditor *self,
              const char     *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Categories: those of the built-in catalogue and the user library. */
static void
fill_categories (PwDeviceEditor *self,
                 const char     *extra)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GtkStringList) model = NULL;
  PwTypeSet *sets[] = { pw_catalogue_get_builtin (), pw_catalogue_get_user () };
  GStrv label_strv;

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      g_autoptr(GPtrArray) types = pw_type_set_list_device_types (sets[s]);

      for (guint i = 0; i < types->len; i++)
        {
          PwDeviceType *type = g_ptr_array_index (types, i);

          if (g_hash_table_add (seen, type->category))
            g_ptr_array_add (ids, type->category);
        }
    }
  if (g_hash_table_add (seen, (gpointer) "other"))
    g_ptr_array_add (ids, (gpointer) "other");
  if (extra != NULL && g_hash_table_add (seen, (gpointer) extra))
    g_ptr_array_add (ids, (gpointer) extra);
  g_ptr_array_sort (ids, compare_strings);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *label = g_strdelimit (g_strdup (id), "-_", ' ');

      label[0] = g_ascii_toupper (label[0]);
      g_strv_builder_add (labels, label);
      g_strv_builder_add (values, id);
    }
  label_strv = g_strv_builder_end (labels);
  model = gtk_string_list_new ((const char * const *) label_strv);
  g_strfreev (label_strv);
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (model));
  g_object_set_data_full (G_OBJECT (self->category_row), "values", g_strv_builder_end (values),
                          (GDestroyNotify) g_strfreev);
}

static void
load_type (PwDeviceEditor *self,
           PwDeviceType   *type)
{
  JsonArray *source_ports = NULL;
  g_autofree char *id = NULL;

  self->original_id = g_strdup (type->id);
  self->original_builtin = pw_type_set_lookup_device (pw_catalogue_get_builtin (), type->id) == type;
  if (type->source != NULL && JSON_NODE_HOLDS_OBJECT (type->source))
    {
      self->source = json_object_ref (json_node_get_object (type->source));
      if (json_object_has_member (self->source, "ports") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (self->source, "ports")))
        source_ports = json_object_get_array_member (self->source, "ports");
    }

  fill_categories (self, type->category);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), type->name);
  id = self->original_builtin ? g_strconcat (type->id, "-custom", NULL) : g_strdup (type->id);
  set_id_text (self, id);
  choice_row_set (self->category_row, type->category);
  gtk_switch_set_active (self->earthed_switch, type->earthed);
  gtk_switch_set_active (self->ground_lift_switch, type->ground_lift);

  for (guint i = 0; i < type->n_ports; i++)
    {
      JsonObject *port_source = NULL;

      if (source_ports != NULL && i < json_array_get_length (source_ports) &&
          JSON_NODE_HOLDS_OBJECT (json_array_get_element (source_ports, i)))
        port_source = json_array_get_object_element (source_ports, i);
      add_port_from_type (self, &type->ports[i], port_source);
    }

  adw_window_title_set_title (self->window_title, _("Edit Device Type"));
  adw_window_title_set_subtitle (self->window_title, type->name);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Device Type"));
  if (self->original_builtin)
    adw_window_title_set_subtitle (self->window_title, _("Saved as a copy in your library"));
}

/* Building the JSON */

static void
copy_other_members (JsonObject         *to,
                    JsonObject         *from,
                    const char * const *edited)
{
  g_autoptr(GList) names = NULL;

  if (from == NULL)
    return;
  /* Fields this dialog does not edit (and ones it does not know) stay. */
  names = json_object_get_members (from);
  for (GList *l = names; l != NULL; l = l->next)
    if (!g_strv_contains (edited, l->data))
      json_object_set_member (to, l->data, json_node_copy (json_object_get_member (from, l->data)));
}

static void
set_optional_string (JsonObject *obj,
                     const char *member,
                     const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (obj, member, value);
}

static JsonObject *
port_row_build (PortRow *pr)
{
  static const char * const edited[] = {
    "id", "label", "direction", "connector", "gender", "signal", "level", "jack_level",
    "jack_input", "output", "input", "phantom", "phantom_on_jack", "se_adapter_safe", "pins", NULL
  };
  JsonObject *obj = json_object_new ();
  JsonObject *pins = json_object_new ();
  const char *direction = choice_row_get (pr->direction);
  gboolean analog = g_str_equal (choice_row_get (pr->signal), "analog");
  g_autofree char *id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (pr->id))));
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (pr->label))));

  json_object_set_string_member (obj, "id", id);
  json_object_set_string_member (obj, "label", *label != '\0' ? label : id);
  json_object_set_string_member (obj, "direction", direction);
  json_object_set_string_member (obj, "connector", choice_row_get (pr->connector));
  json_object_set_string_member (obj, "gender", choice_row_get (pr->gender));
  json_object_set_string_member (obj, "signal", choice_row_get (pr->signal));
  if (analog)
    {
      set_optional_string (obj, "level", choice_row_get (pr->level));
      if (pr->family != NULL && g_str_equal (pr->family->id, "combo"))
        {
          set_optional_string (obj, "jack_level", choice_row_get (pr->jack_level));
          set_optional_string (obj, "jack_input", choice_row_get (pr->jack_input));
        }
    }
  if (!g_str_equal (direction, "in"))
    set_optional_string (obj, "output", choice_row_get (pr->output));
  if (!g_str_equal (direction, "out"))
    set_optional_string (obj, "input", choice_row_get (pr->input));
  set_optional_string (obj, "phantom", choice_row_get (pr->phantom));
  if (pr->family != NULL && g_str_equal (pr->family->id, "combo") &&
      g_str_equal (choice_row_get (pr->jack_phantom), "jack"))
    json_object_set_boolean_member (obj, "phantom_on_jack", TRUE);
  if (gtk_widget_get_visible (GTK_WIDGET (pr->se_safe_row)) && gtk_switch_get_active (pr->se_safe))
    json_object_set_boolean_member (obj, "se_adapter_safe", TRUE);

  for (guint c = 0; pr->family != NULL && c < pr->pin_rows->len; c++)
    {
      guint role = adw_combo_row_get_selected (g_ptr_array_index (pr->pin_rows, c));

      json_object_set_string_member (pins, pr->family->contacts[c],
                                     pw_role_to_string (role < PW_N_ROLES ? role : PW_ROLE_NC));
    }
  json_object_set_object_member (obj, "pins", pins);
  copy_other_members (obj, pr->source, edited);
  return obj;
}

JsonNode *
pw_device_editor_build_json (PwDeviceEditor *self)
{
  static const char * const edited[] = {
    "name", "category", "earthed", "ground_lift", "ports", NULL
  };
  JsonObject *obj;
  JsonArray *ports;
  JsonNode *node;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PW_IS_DEVICE_EDITOR (self), NULL);

  obj = json_object_new ();
  ports = json_array_new ();
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  json_object_set_string_member (obj, "name", name);
  json_object_set_string_member (obj, "category", choice_row_get (self->category_row));
  json_object_set_boolean_member (obj, "earthed", gtk_switch_get_active (self->earthed_switch));
  if (gtk_switch_get_active (self->ground_lift_switch))
    json_object_set_boolean_member (obj, "ground_lift", TRUE);
  for (guint i = 0; i < self->ports->len; i++)
    json_array_add_object_element (ports, port_row_build (g_ptr_array_index (self->ports, i)));
  json_object_set_array_member (obj, "ports", ports);
  /* Bridges and unknown fields come from the type as it was. */
  copy_other_members (obj, self->source, edited);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, obj);
  return node;
}

static gboolean
valid_type_id (const char *id)
{
  if (*id == '\0' || !g_ascii_isalnum (*id))
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

/* What the parser would say less plainly, said first in a person's terms. */
static gboolean
check_fields (PwDeviceEditor *self,
              const char     *id,
              GError        **error)
{
  g_autoptr(GHashTable) port_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The device type needs a name."));
      return FALSE;
    }
  if (!valid_type_id (id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot be an identifier: use letters, digits and dashes, "
                     "starting with a letter or digit."), id);
      return FALSE;
    }
  if (pw_type_set_lookup_device (pw_catalogue_get_builtin (), id) != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” is a built-in device type: choose another identifier."), id);
      return FALSE;
    }
  if (pw_type_set_lookup_device (pw_catalogue_get_user (), id) != NULL &&
      g_strcmp0 (id, self->original_id) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("Your library already has a device type “%s”: choose another identifier."),
                   id);
      return FALSE;
    }
  if (self->ports->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The device type needs at least one port."));
      return FALSE;
    }
  for (guint i = 0; i < self->ports->len; i++)
    {
      PortRow *pr = g_ptr_array_index (self->ports, i);
      g_autofree char *port_id =
        g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (pr->id))));

      if (*port_id == '\0')
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Port %u needs an identifier."), i + 1);
          return FALSE;
        }
      if (strchr (port_id, '.') != NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("Port identifier “%s” cannot contain a dot."), port_id);
          return FALSE;
        }
      if (!g_hash_table_add (port_ids, g_steal_pointer (&port_id)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("Two ports have the identifier “%s”: each port needs its own."),
                       gtk_editable_get_text (GTK_EDITABLE (pr->id)));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pw_device_editor_save (PwDeviceEditor *self,
                       GError        **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (PW_IS_DEVICE_EDITOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->id_row))));
  if (check_fields (self, id, &local_error))
    {
      node = pw_device_editor_build_json (self);
      pw_catalogue_save_user_device_type (node, id, &local_error);
    }
  if (local_error != NULL)
    {
      show_message (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  show_message (self, NULL);
  g_free (self->original_id);
  self->original_id = g_steal_pointer (&id);
  self->original_builtin = FALSE;
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->original_id);
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PwDeviceEditor *self = PW_DEVICE_EDITOR (widget);

  /* The error, if any, is shown in the dialog, which stays open. */
  if (pw_device_editor_save (self, NULL))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
add_port_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  PwDeviceEditor *self = PW_DEVICE_EDITOR (widget);
  guint port = pw_device_editor_add_port (self);
  PortRow *pr = g_ptr_array_index (self->ports, port);

  adw_expander_row_set_expanded (pr->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (pr->label));
}

/* Testing API */

void
pw_device_editor_set_name (PwDeviceEditor *self,
                           const char     *name)
{
  g_return_if_fail (PW_IS_DEVICE_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

void
pw_device_editor_set_id (PwDeviceEditor *self,
                         const char     *id)
{
  g_return_if_fail (PW_IS_DEVICE_EDITOR (self));
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), id);
}

const char *
pw_device_editor_get_id (PwDeviceEditor *self)
{
  g_return_val_if_fail (PW_IS_DEVICE_EDITOR (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->id_row));
}

void
pw_device_editor_set_category (PwDeviceEditor *self,
                               const char     *category)
{
  g_return_if_fail (PW_IS_DEVICE_EDITOR (self));
  if (!choice_row_set (self->category_row, category))
    {
      fill_categories (self, category);
      choice_row_set (self->category_row, category);
    }
}

guint
pw_device_editor_get_n_ports (PwDeviceEditor *self)
{
  g_return_val_if_fail (PW_IS_DEVICE_EDITOR (self), 0);
  return self->ports->len;
}

static AdwComboRow *
port_choice_row (PortRow    *pr,
                 const char *field)
{
  static const struct { const char *field; gsize offset; } fields[] = {
    { "direction", G_STRUCT_OFFSET (PortRow, direction) },
    { "connector", G_STRUCT_OFFSET (PortRow, connector) },
    { "gender", G_STRUCT_OFFSET (PortRow, gender) },
    { "signal", G_STRUCT_OFFSET (PortRow, signal) },
    { "level", G_STRUCT_OFFSET (PortRow, level) },
    { "jack_level", G_STRUCT_OFFSET (PortRow, jack_level) },
    { "jack_input", G_STRUCT_OFFSET (PortRow, jack_input) },
    { "phantom_on_jack", G_STRUCT_OFFSET (PortRow, jack_phantom) },
    { "output", G_STRUCT_OFFSET (PortRow, output) },
    { "input", G_STRUCT_OFFSET (PortRow, input) },
    { "phantom", G_STRUCT_OFFSET (PortRow, phantom) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].field, field))
      return G_STRUCT_MEMBER (AdwComboRow *, pr, fields[i].offset);
  g_critical ("A port has no choice field '%s'", field);
  return NULL;
}

void
pw_device_editor_set_port_text (PwDeviceEditor *self,
                                guint           port,
                                const char     *field,
                                const char     *value)
{
  PortRow *pr;

  g_return_if_fail (PW_IS_DEVICE_EDITOR (self));
  if ((pr = port_row_at (self, port)) == NULL)
    return;
  if (g_str_equal (field, "id"))
    gtk_editable_set_text (GTK_EDITABLE (pr->id), value);
  else if (g_str_equal (field, "label"))
    gtk_editable_set_text (GTK_EDITABLE (pr->label), value);
  else
    g_critical ("A port has no text field '%s'", field);
}

void
pw_device_editor_set_port_choice (PwDeviceEditor *self,
                                  guint           port,
                                  const char     *field,
                                  const char     *value)
{
  PortRow *pr;
  AdwComboRow *row;

  g_return_if_fail (PW_IS_DEVICE_EDITOR (self));
  if ((pr = port_row_at (self, port)) == NULL || (row = port_choice_row (pr, field)) == NULL)
    return;
  if (!choice_row_set (row, value))
    g_critical ("'%s' is not a choice for a port's %s", value, field);
}

const char *
pw_device_editor_get_port_choice (PwDeviceEditor *self,
                                  guint           port,
                                  const char     *field)
{
  PortRow *pr;
  AdwComboRow *row;

  g_return_val_if_fail (PW_IS_DEVICE_EDITOR (self), NULL);
  if ((pr = port_row_at (self, port)) == NULL || (row = port_choice_row (pr, field)) == NULL)
    return NULL;
  return choice_row_get (row);
}

static AdwComboRow *
port_pin_row (PortRow    *pr,
              const char *contact)
{
  int c = pr->family != NULL ? pw_family_find_contact (pr->family, contact) : -1;

  if (c < 0 || (guint) c >= pr->pin_rows->len)
    return NULL;
  return g_ptr_array_index (pr->pin_rows, c);
}

void
pw_device_editor_set_port_role (PwDeviceEditor *self,
                                guint           port,
                                const char     *contact,
                                const char     *role)
{
  PortRow *pr;
  AdwComboRow *row;
  PwRole value;

  g_return_if_fail (PW_IS_DEVICE_EDITOR (self));
  if ((pr = port_row_at (self, port)) == NULL)
    return;
  if ((row = port_pin_row (pr, contact)) == NULL || !pw_role_from_string (role, &value))
    {
      g_critical ("Cannot give contact '%s' the role '%s'", contact, role);
      return;
    }
  adw_combo_row_set_selected (row, value);
}

const char *
pw_device_editor_get_port_role (PwDeviceEditor *self,
                                guint           port,
                                const char     *contact)
{
  PortRow *pr;
  AdwComboRow *row;
  guint role;

  g_return_val_if_fail (PW_IS_DEVICE_EDITOR (self), NULL);
  if ((pr = port_row_at (self, port)) == NULL || (row = port_pin_row (pr, contact)) == NULL)
    return NULL;
  role = adw_combo_row_get_selected (row);
  return role < PW_N_ROLES ? pw_role_to_string (role) : NULL;
}

const char *
pw_device_editor_get_message (PwDeviceEditor *self)
{
  g_return_val_if_fail (PW_IS_DEVICE_EDITOR (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

/* The class */

static void
pw_device_editor_dispose (GObject *object)
{
  PwDeviceEditor *self = PW_DEVICE_EDITOR (object);

  /* The rows own the port structs; drop the borrowed pointers first. */
  if (self->ports != NULL)
    g_ptr_array_set_size (self->ports, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_DEVICE_EDITOR);

  G_OBJECT_CLASS (pw_device_editor_parent_class)->dispose (object);
}

static void
pw_device_editor_finalize (GObject *object)
{
  PwDeviceEditor *self = PW_DEVICE_EDITOR (object);

  g_clear_pointer (&self->ports, g_ptr_array_unref);
  g_clear_object (&self->roles_model);
  g_clear_pointer (&self->original_id, g_free);
  g_clear_pointer (&self->source, json_object_unref);

  G_OBJECT_CLASS (pw_device_editor_parent_class)->finalize (object);
}

static void
pw_device_editor_class_init (PwDeviceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_device_editor_dispose;
  object_class->finalize = pw_device_editor_finalize;

  /**
   * PwDeviceEditor::saved:
   * @self: the editor
   * @id: the id of the device type, now in the user library
   *
   * Emitted after the type has been written to the user library and added
   * to pw_catalogue_get_user (), so that the palette can be reloaded.
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               PW_RESOURCE_PREFIX "/pw-device-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, toasts);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, page);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, earthed_switch);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, ground_lift_switch);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, ports_group);
  gtk_widget_class_bind_template_child (widget_class, PwDeviceEditor, no_ports_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-port", NULL, add_port_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_device_editor_init (PwDeviceEditor *self)
{
  g_autoptr(GStrvBuilder) roles = g_strv_builder_new ();
  g_auto(GStrv) role_names = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ports = g_ptr_array_new ();
  for (guint r = 0; r < PW_N_ROLES; r++)
    g_strv_builder_add (roles, role_label (r));
  role_names = g_strv_builder_end (roles);
  self->roles_model = gtk_string_list_new ((const char * const *) role_names);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->id_row, "changed", G_CALLBACK (id_changed_cb), self);
  update_no_ports (self);
}

PwDeviceEditor *
pw_device_editor_new (GtkWindow    *parent,
                      PwDeviceType *type)
{
  PwDeviceEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PW_TYPE_DEVICE_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  if (type != NULL)
    load_type (self, type);
  else
    {
      fill_categories (self, NULL);
      choice_row_set (self->category_row, "other");
    }
  return self;
}
