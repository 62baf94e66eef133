/* pw-types.c: device types, cable types and the sets that hold them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <gio/gio.h>
#include <string.h>

#include "pw-errors.h"
#include "pw-parse-private.h"
#include "pw-types.h"

static const char * const direction_names[] = { "out", "in", "insert", "passive" };
static const char * const signal_names[] = {
  "analog", "aes3", "spdif", "adat", "midi", "dmx", "usb", "network"
};
static const char * const level_names[] = {
  NULL, "mic", "instrument", "line_consumer", "line_pro", "headphone", "speaker", "phono"
};
static const char * const output_names[] = {
  "single_ended", "balanced", "impedance_balanced", "floating", "servo_balanced"
};
static const char * const input_names[] = { "single_ended", "differential" };
static const char * const phantom_names[] = { NULL, "available", "requires", "harmed" };
static const char * const kind_names[] = { "cable", "adapter" };
static const char * const coupling_names[] = { "transformer", "pad" };

const char *
pw_direction_to_string (PwDirection dir)
{
  return direction_names[dir];
}

const char *
pw_signal_to_string (PwSignal signal)
{
  return signal_names[signal];
}

const char *
pw_level_to_string (PwLevel level)
{
  return level == PW_LEVEL_NONE ? "none" : level_names[level];
}

const char *
pw_output_kind_to_string (PwOutputKind kind)
{
  return output_names[kind];
}

gboolean
pw_signal_is_digital (PwSignal signal)
{
  return signal != PW_SIGNAL_ANALOG;
}

const char *
pw_direction_label (PwDirection dir)
{
  switch (dir)
    {
    case PW_DIRECTION_OUT:
      return _("Output");
    case PW_DIRECTION_IN:
      return _("Input");
    case PW_DIRECTION_INSERT:
      return _("Insert");
    case PW_DIRECTION_PASSIVE:
    default:
      return _("Passive");
    }
}

const char *
pw_signal_label (PwSignal signal)
{
  switch (signal)
    {
    case PW_SIGNAL_ANALOG:
      return _("Analog");
    case PW_SIGNAL_AES3:
      return "AES3";
    case PW_SIGNAL_SPDIF:
      return "S/PDIF";
    case PW_SIGNAL_ADAT:
      return "ADAT";
    case PW_SIGNAL_MIDI:
      return "MIDI";
    case PW_SIGNAL_DMX:
      return "DMX";
    case PW_SIGNAL_USB:
      return "USB";
    case PW_SIGNAL_NETWORK:
    default:
      return _("Network");
    }
}

const char *
pw_level_label (PwLevel level)
{
  switch (level)
    {
    case PW_LEVEL_MIC:
      return _("Microphone");
    case PW_LEVEL_INSTRUMENT:
      return _("Instrument (Hi-Z)");
    case PW_LEVEL_LINE_CONSUMER:
      return _("Line (−10 dBV)");
    case PW_LEVEL_LINE_PRO:
      return _("Line (+4 dBu)");
    case PW_LEVEL_HEADPHONE:
      return _("Headphone");
    case PW_LEVEL_SPEAKER:
      return _("Speaker");
    case PW_LEVEL_PHONO:
      return _("Phono");
    case PW_LEVEL_NONE:
    default:
      return _("None");
    }
}

char *
pw_cable_type_title (const PwCableType *type,
                     char             **qualifier)
{
  const char *name = pw_catalogue_type_name (type->name);
  const char *open = name ? strrchr (name, '(') : NULL;
  char *title;

  if (open != NULL && open > name && g_str_has_suffix (name, ")"))
    {
      title = g_strstrip (g_strndup (name, open - name));
      if (qualifier != NULL)
        *qualifier = g_strndup (open + 1, strlen (open + 1) - 1);
      return title;
    }
  if (qualifier != NULL)
    *qualifier = g_strdup (type->n_ends > 2 ? _("breakout")
                           : type->kind == PW_CABLE_KIND_ADAPTER ? _("adapter")
                           : type->balanced ? _("balanced") : _("unbalanced"));
  return g_strdup (name != NULL && *name != '\0' ? name : type->id);
}

char *
pw_connector_label (const PwFamily *family,
                    PwGender        gender)
{
  /* Translators: a connector and its gender, "6.35 mm TRS plug". */
  return g_strdup_printf (gender == PW_GENDER_MALE ? _("%s plug") : _("%s socket"), family->name);
}

/* Device types */

PwDeviceType *
pw_device_type_ref (PwDeviceType *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
device_type_clear (PwDeviceType *self)
{
  g_free (self->id);
  g_free (self->name);
  g_free (self->category);
  for (guint i = 0; i < self->n_ports; i++)
    {
      g_free (self->ports[i].id);
      g_free (self->ports[i].label);
    }
  g_free (self->ports);
  for (guint i = 0; i < self->n_bridges; i++)
    g_free (self->bridges[i].contacts);
  g_free (self->bridges);
  g_free (self->couplings);
  g_free (self->contact_offset);
  g_clear_pointer (&self->source, json_node_unref);
}

void
pw_device_type_unref (PwDeviceType *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) device_type_clear);
}

int
pw_device_type_find_port (const PwDeviceType *self,
                          const char         *port_id)
{
  for (guint i = 0; i < self->n_ports; i++)
    if (strcmp (self->ports[i].id, port_id) == 0)
      return i;
  return -1;
}

int
pw_port_type_find_role (const PwPortType *port,
                        PwRole            role)
{
  for (guint c = 0; c < port->family->n_contacts; c++)
    if (port->roles[c] == role)
      return c;
  return -1;
}

gboolean
pw_port_type_has_role (const PwPortType *port,
                       PwRole            role)
{
  return pw_port_type_find_role (port, role) >= 0;
}

PwRoleKind
pw_port_type_role_kind (const PwPortType *port,
                        PwRole            role)
{
  if (role == PW_ROLE_NC || port->direction == PW_DIRECTION_PASSIVE)
    return PW_ROLE_KIND_NONE;

  /* A speaker's negative terminal is the return of a floating load, not a
   * ground: at an input it is a signal terminal, so that swapped speaker
   * leads read as inverted polarity. */
  if (port->direction == PW_DIRECTION_IN &&
      (role == PW_ROLE_SPK1_NEG || role == PW_ROLE_SPK2_NEG))
    return PW_ROLE_KIND_SINK;
  if (pw_role_is_reference (role))
    return PW_ROLE_KIND_REFERENCE;

  /* A headset's capsule talks back up its plug (an input port), and a
   * phone's headset socket (an output port) listens to it: the other way
   * round from the port, like send and return. */
  if (role == PW_ROLE_MIC)
    {
      if (port->direction == PW_DIRECTION_IN)
        return PW_ROLE_KIND_DRIVER;
      if (port->direction == PW_DIRECTION_OUT)
        return PW_ROLE_KIND_SINK;
      return PW_ROLE_KIND_NONE;
    }

  switch (port->direction)
    {
    case PW_DIRECTION_OUT:
      /* An impedance-balanced output's cold is a reference. */
      return role == PW_ROLE_COLD && port->output == PW_OUTPUT_IMPEDANCE_BALANCED
             ? PW_ROLE_KIND_REFERENCE : PW_ROLE_KIND_DRIVER;
    case PW_DIRECTION_IN:
      return PW_ROLE_KIND_SINK;
    case PW_DIRECTION_INSERT:
      if (role == PW_ROLE_SEND)
        return PW_ROLE_KIND_DRIVER;
      if (role == PW_ROLE_RETURN)
        return PW_ROLE_KIND_SINK;
      return PW_ROLE_KIND_NONE;
    case PW_DIRECTION_PASSIVE:
    default:
      return PW_ROLE_KIND_NONE;
    }
}

/* The level a role is at: a headset's `mic` is at mic level whatever its
 * port's level, and a combo's jack part has a level of its own. */
PwLevel
pw_port_type_role_level (const PwPortType *port,
                         PwRole            role,
                         gboolean          jack_part)
{
  if (port->signal != PW_SIGNAL_ANALOG)
    return PW_LEVEL_NONE;
  if (role == PW_ROLE_MIC)
    return PW_LEVEL_MIC;
  return jack_part ? port->jack_level : port->level;
}

static gboolean
port_has_pair (const PwPortType *port)
{
  return (pw_port_type_has_role (port, PW_ROLE_HOT) && pw_port_type_has_role (port, PW_ROLE_COLD)) ||
         (pw_port_type_has_role (port, PW_ROLE_LEFT_HOT) &&
          pw_port_type_has_role (port, PW_ROLE_LEFT_COLD)) ||
         (pw_port_type_has_role (port, PW_ROLE_RIGHT_HOT) &&
          pw_port_type_has_role (port, PW_ROLE_RIGHT_COLD));
}

static gboolean
parse_port (PwDeviceType   *type,
            GHashTable     *port_index,
            PwPortType     *port,
            guint           index,
            JsonNode       *node,
            PwParseContext *ctx,
            GError        **error)
{
  PwConnectorTable *table = pw_connector_table_get_default ();
  g_autofree char *what = g_strdup_printf ("device type '%s': port %u", type->id, index + 1);
  JsonObject *obj, *pins;
  JsonNode *pins_node;
  const char *id = NULL, *label = NULL, *connector = NULL, *gender = NULL;
  int value;
  g_autoptr(GList) names = NULL;

  if ((obj = pw_parse_object (ctx, node, what, error)) == NULL)
    return FALSE;
  if (!pw_parse_string (ctx, obj, "id", TRUE, what, &id, error))
    return FALSE;
  g_free (what);
  what = g_strdup_printf ("device type '%s': port '%s'", type->id, id);
  if (g_hash_table_contains (port_index, id))
    return pw_parse_fail (ctx, json_object_get_member (obj, "id"), error,
                          PW_FORMAT_ERROR_INVALID, "device type '%s' has two ports with id '%s'",
                          type->id, id);
  port->id = g_strdup (id);
  g_hash_table_insert (port_index, port->id, GUINT_TO_POINTER (index));

  if (!pw_parse_string (ctx, obj, "label", FALSE, what, &label, error))
    return FALSE;
  port->label = g_strdup (label != NULL ? label : id);

  value = -1;
  if (!pw_parse_enum (ctx, obj, "direction", what, direction_names,
                      G_N_ELEMENTS (direction_names), &value, error))
    return FALSE;
  if (value < 0)
    return pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                          "%s has no field 'direction'", what);
  port->direction = value;

  if (!pw_parse_string (ctx, obj, "connector", TRUE, what, &connector, error))
    return FALSE;
  port->family = pw_connector_table_lookup (table, connector);
  if (port->family == NULL)
    return pw_parse_fail (ctx, json_object_get_member (obj, "connector"), error,
                          PW_FORMAT_ERROR_INVALID,
                          "%s: connector '%s' is not a known connector family", what, connector);

  if (!pw_parse_string (ctx, obj, "gender", TRUE, what, &gender, error))
    return FALSE;
  if (!pw_gender_from_string (gender, &port->gender))
    return pw_parse_fail (ctx, json_object_get_member (obj, "gender"), error,
                          PW_FORMAT_ERROR_INVALID,
                          "%s: field 'gender' is '%s'; it must be 'male' or 'female'", what, gender);
  if (port->family->female_only && port->gender == PW_GENDER_MALE)
    return pw_parse_fail (ctx, json_object_get_member (obj, "gender"), error,
                          PW_FORMAT_ERROR_INVALID,
                          "%s: a '%s' connector is female only", what, port->family->id);

  value = PW_SIGNAL_ANALOG;
  if (!pw_parse_enum (ctx, obj, "signal", what, signal_names, G_N_ELEMENTS (signal_names),
                      &value, error))
    return FALSE;
  port->signal = value;

  value = PW_LEVEL_NONE;
  if (!pw_parse_enum (ctx, obj, "level", what, level_names, G_N_ELEMENTS (level_names),
                      &value, error))
    return FALSE;
  port->level = value;
  value = port->level;
  if (!pw_parse_enum (ctx, obj, "jack_level", what, level_names, G_N_ELEMENTS (level_names),
                      &value, error))
    return FALSE;
  port->jack_level = value;

  value = PW_PHANTOM_NONE;
  if (!pw_parse_enum (ctx, obj, "phantom", what, phantom_names, G_N_ELEMENTS (phantom_names),
                      &value, error))
    return FALSE;
  port->phantom = value;
  if (!pw_parse_bool (ctx, obj, "phantom_on_jack", what, &port->phantom_on_jack, error))
    return FALSE;

  if (!pw_parse_bool (ctx, obj, "se_adapter_safe", what, &port->se_adapter_safe, error))
    return FALSE;

  pins_node = json_object_get_member (obj, "pins");
  if (pins_node == NULL)
    return pw_parse_fail (ctx, node, error, PW_FORMAT_ERROR_INVALID,
                          "%s has no field 'pins'", what);
  {
    g_autofree char *pins_what = g_strdup_printf ("%s: field 'pins'", what);

    if ((pins = pw_parse_object (ctx, pins_node, pins_what, error)) == NULL)
      return FALSE;
  }
  for (guint c = 0; c < PW_MAX_CONTACTS; c++)
    port->roles[c] = PW_ROLE_NC;
  names = json_object_get_members (pins);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *role_node = json_object_get_member (pins, l->data);
      int c = pw_family_find_contact (port->family, l->data);
      const char *role_name;

      if (c < 0)
        return pw_parse_fail (ctx, role_node, error, PW_FORMAT_ERROR_INVALID,
                              "%s: pin '%s' is not a contact of a '%s' connector",
                              what, (const char *) l->data, port->family->id);
      role_name = JSON_NODE_HOLDS_VALUE (role_node) &&
                  json_node_get_value_type (role_node) == G_TYPE_STRING
                  ? json_node_get_string (role_node) : NULL;
      if (role_name == NULL)
        return pw_parse_fail (ctx, role_node, error, PW_FORMAT_ERROR_INVALID,
                              "%s: pin '%s' must name its role as a string",
                              what, (const char *) l->data);
      if (!pw_role_from_string (role_name, &port->roles[c]))
        return pw_parse_fail (ctx, role_node, error, PW_FORMAT_ERROR_INVALID,
                              "%s: pin '%s' has role '%s', which is not a known role",
                              what, (const char *) l->data, role_name);
    }

  value = port_has_pair (port) ? PW_OUTPUT_BALANCED : PW_OUTPUT_SINGLE_ENDED;
  if (!pw_parse_enum (ctx, obj, "output", what, output_names, G_N_ELEMENTS (output_names),
                      &value, error))
    return FALSE;
  port->output = value;

  value = port_has_pair (port) ? PW_INPUT_DIFFERENTIAL : PW_INPUT_SINGLE_ENDED;
  if (!pw_parse_enum (ctx, obj, "input", what, input_names, G_N_ELEMENTS (input_names),
                      &value, error))
    return FALSE;
  port->input = value;

  /* A Hi-Z jack takes a guitar's unbalanced signal as it is. */
  value = port->jack_level == PW_LEVEL_INSTRUMENT ? PW_INPUT_SINGLE_ENDED : port->input;
  if (!pw_parse_enum (ctx, obj, "jack_input", what, input_names, G_N_ELEMENTS (input_names),
                      &value, error))
    return FALSE;
  port->jack_input = value;

  return TRUE;
}

static gboolean
parse_contact_ref (const char     *str,
                   GHashTable     *item_index,
                   guint           n_items,
                   const char *  (*item_id) (gconstpointer owner, guint i),
                   const PwFamily *(*item_family) (gconstpointer owner, guint i),
                   gconstpointer   owner,
                   PwContactRef   *ref)
{
  const char *dot = strrchr (str, '.');
  g_autofree char *item = NULL;

  /* Contact names have no dots but item ids might; split at the last dot. */
  if (dot == NULL)
    return FALSE;
  item = g_strndup (str, dot - str);
  if (item_index != NULL)
    {
      gpointer value;
      guint i;
      int c;

      /* A type may have thousands of ports: look them up, not along. */
      if (!g_hash_table_lookup_extended (item_index, item, NULL, &value))
        return FALSE;
      i = GPOINTER_TO_UINT (value);
      if ((c = pw_family_find_contact (item_family (owner, i), dot + 1)) < 0)
        return FALSE;
      ref->port = i;
      ref->contact = c;
      return TRUE;
    }
  for (guint i = 0; i < n_items; i++)
    {
      if (g_str_equal (item_id (owner, i), item))
        {
          int c = pw_family_find_contact (item_family (owner, i), dot + 1);

          if (c < 0)
            return FALSE;
          ref->port = i;
          ref->contact = c;
          return TRUE;
        }
    }
  return FALSE;
}

static const char *
device_port_id (gconstpointer owner, guint i)
{
  return ((const PwDeviceType *) owner)->ports[i].id;
}

static const PwFamily *
device_port_family (gconstpointer owner, guint i)
{
  return ((const PwDeviceType *) owner)->ports[i].family;
}

static gboolean
parse_join_list (JsonArray      *array,
                 const char     *what,
                 GHashTable     *item_index,
                 guint           n_items,
                 const char *  (*item_id) (gconstpointer owner, guint i),
                 const PwFamily *(*item_family) (gconstpointer owner, guint i),
                 gconstpointer   owner,
                 guint          *n_out,
                 PwContactRef  **out,
                 PwParseContext *ctx,
                 GError        **error)
{
  guint n = json_array_get_length (array);

  if (n < 2)
    return pw_parse_fail (ctx, ctx->current, error, PW_FORMAT_ERROR_INVALID,
                          "%s must join at least two contacts", what);
  *out = g_new0 (PwContactRef, n);
  *n_out = n;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *el = json_array_get_element (array, i);
      const char *str = JSON_NODE_HOLDS_VALUE (el) &&
                        json_node_get_value_type (el) == G_TYPE_STRING
                        ? json_node_get_string (el) : NULL;

      if (str == NULL || !parse_contact_ref (str, item_index, n_items, item_id, item_family, owner, &(*out)[i]))
        return pw_parse_fail (ctx, el, error, PW_FORMAT_ERROR_INVALID,
                              "%s: '%s' does not name a contact as \"%s.contact\"",
                              what, str ? str : "(not a string)",
                              item_id == device_port_id ? "port" : "end");
    }
  return TRUE;
}

/* A bridge: a list of "port.contact" strings, or an object that joins
 * such a list and says when it opens. */
static gboolean
parse_bridge (PwDeviceType   *self,
              GHashTable     *port_index,
              PwBridge       *bridge,
              guint           index,
              JsonNode       *el,
              const char     *what,
              PwParseContext *ctx,
              GError        **error)
{
  g_autofree char *bwhat = g_strdup_printf ("%s: bridge %u", what, index + 1);
  JsonArray *join;

  if (JSON_NODE_HOLDS_OBJECT (el))
    {
      JsonObject *bobj = json_node_get_object (el);

      ctx->current = el;
      if ((join = pw_parse_array (ctx, bobj, "join", TRUE, bwhat, error)) == NULL ||
          !pw_parse_bool (ctx, bobj, "lift", bwhat, &bridge->lift, error))
        return FALSE;
      ctx->current = json_object_get_member (bobj, "join");
    }
  else if (JSON_NODE_HOLDS_ARRAY (el))
    {
      join = json_node_get_array (el);
      ctx->current = el;
    }
  else
    return pw_parse_fail (ctx, el, error, PW_FORMAT_ERROR_INVALID,
                          "%s must be an array of \"port.contact\" strings, or an object "
                          "with field 'join'", bwhat);
  return parse_join_list (join, bwhat, port_index, self->n_ports,
                          device_port_id, device_port_family, self,
                          &bridge->n_contacts, &bridge->contacts, ctx, error);
}

/* One end of a coupling: a passive port of the type. */
static gboolean
parse_coupling_port (PwDeviceType   *self,
                     GHashTable     *port_index,
                     JsonObject     *cobj,
                     const char     *member,
                     const char     *cwhat,
                     guint16        *out,
                     PwParseContext *ctx,
                     GError        **error)
{
  const char *port_id = NULL;
  gpointer value;

  if (!pw_parse_string (ctx, cobj, member, TRUE, cwhat, &port_id, error))
    return FALSE;
  if (!g_hash_table_lookup_extended (port_index, port_id, NULL, &value))
    return pw_parse_fail (ctx, json_object_get_member (cobj, member), error,
                          PW_FORMAT_ERROR_INVALID,
                          "%s: field '%s' names port '%s', which the type does not have",
                          cwhat, member, port_id);
  *out = GPOINTER_TO_UINT (value);
  if (self->ports[*out].direction != PW_DIRECTION_PASSIVE)
    return pw_parse_fail (ctx, json_object_get_member (cobj, member), error,
                          PW_FORMAT_ERROR_INVALID,
                          "%s: field '%s' names port '%s', which is not passive: a coupling "
                          "joins passive ports", cwhat, member, port_id);
  return TRUE;
}

/* The couplings, put in chain order: each after the one whose 'to' port
 * it takes from. A loop of couplings carries nothing from anywhere and is
 * refused. */
static gboolean
parse_couplings (PwDeviceType   *self,
                 GHashTable     *port_index,
                 JsonObject     *obj,
                 const char     *what,
                 PwParseContext *ctx,
                 GError        **error)
{
  JsonArray *couplings;
  g_autofree PwCoupling *read = NULL;
  g_autofree guint8 *placed = NULL;
  guint n;

  if ((couplings = pw_parse_array (ctx, obj, "couplings", FALSE, what, error)) == NULL)
    return FALSE;
  n = json_array_get_length (couplings);
  read = g_new0 (PwCoupling, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *el = json_array_get_element (couplings, i);
      g_autofree char *cwhat = g_strdup_printf ("%s: coupling %u", what, i + 1);
      PwCoupling *c = &read[i];
      JsonObject *cobj;
      int kind = -1;

      if ((cobj = pw_parse_object (ctx, el, cwhat, error)) == NULL ||
          !parse_coupling_port (self, port_index, cobj, "from", cwhat, &c->from, ctx, error) ||
          !parse_coupling_port (self, port_index, cobj, "to", cwhat, &c->to, ctx, error) ||
          !pw_parse_enum (ctx, cobj, "kind", cwhat, coupling_names, G_N_ELEMENTS (coupling_names),
                          &kind, error) ||
          !pw_parse_number (ctx, cobj, "pad_db", cwhat, 0, 200, &c->pad_db, NULL, error))
        return FALSE;
      if (kind < 0)
        return pw_parse_fail (ctx, el, error, PW_FORMAT_ERROR_INVALID,
                              "%s has no field 'kind' ('transformer' or 'pad')", cwhat);
      c->kind = kind;
      if (c->from == c->to)
        return pw_parse_fail (ctx, json_object_get_member (cobj, "to"), error,
                              PW_FORMAT_ERROR_INVALID,
                              "%s: port '%s' is both 'from' and 'to'", cwhat,
                              self->ports[c->to].id);
      for (guint j = 0; j < i; j++)
        if (read[j].to == c->to)
          return pw_parse_fail (ctx, json_object_get_member (cobj, "to"), error,
                                PW_FORMAT_ERROR_INVALID,
                                "%s: port '%s' is already driven by coupling %u: a port is "
                                "the 'to' of one coupling", cwhat, self->ports[c->to].id, j + 1);
    }

  /* Chain order: take a coupling once nothing unplaced drives its 'from'. */
  self->couplings = g_new0 (PwCoupling, MAX (n, 1));
  placed = g_new0 (guint8, MAX (n, 1));
  while (self->n_couplings < n)
    {
      gboolean progress = FALSE;

      for (guint i = 0; i < n; i++)
        {
          gboolean waits = FALSE;

          if (placed[i])
            continue;
          for (guint j = 0; j < n && !waits; j++)
            waits = !placed[j] && j != i && read[j].to == read[i].from;
          if (waits)
            continue;
          self->couplings[self->n_couplings++] = read[i];
          placed[i] = progress = TRUE;
        }
      if (!progress)
        {
          guint first = 0;

          while (placed[first])
            first++;
          return pw_parse_fail (ctx, json_array_get_element (couplings, first), error,
                                PW_FORMAT_ERROR_INVALID,
                                "%s: coupling %u is part of a loop of couplings (port '%s' is "
                                "fed, through them, by what it feeds)", what, first + 1,
                                self->ports[read[first].from].id);
        }
    }
  return TRUE;
}

static void
compute_offsets (guint          n,
                 const PwFamily *(*item_family) (gconstpointer owner, guint i),
                 gconstpointer  owner,
                 guint        **offsets,
                 guint         *total)
{
  *offsets = g_new (guint, n + 1);
  *total = 0;
  for (guint i = 0; i < n; i++)
    {
      (*offsets)[i] = *total;
      *total += item_family (owner, i)->n_contacts;
    }
  (*offsets)[n] = *total;
}

PwDeviceType *
pw_device_type_parse (const char     *id,
                      JsonNode       *node,
                      PwParseContext *ctx,
                      GError        **error)
{
  g_autoptr(PwDeviceType) self = g_atomic_rc_box_new0 (PwDeviceType);
  g_autoptr(GHashTable) port_index = g_hash_table_new (g_str_hash, g_str_equal);  /* id → index */
  g_autofree char *what = g_strdup_printf ("device type '%s'", id);
  JsonObject *obj;
  JsonArray *ports, *bridges;
  const char *name = NULL, *category = NULL;

  self->id = g_strdup (id);
  if ((obj = pw_parse_object (ctx, node, what, error)) == NULL)
    return NULL;
  self->source = json_node_ref (node);

  if (!pw_parse_string (ctx, obj, "name", FALSE, what, &name, error) ||
      !pw_parse_string (ctx, obj, "category", FALSE, what, &category, error) ||
      !pw_parse_bool (ctx, obj, "earthed", what, &self->earthed, error) ||
      !pw_parse_bool (ctx, obj, "ground_lift", what, &self->ground_lift, error))
    return NULL;
  self->name = g_strdup (name != NULL ? name : id);
  self->category = g_strdup (category != NULL ? category : "other");

  if ((ports = pw_parse_array (ctx, obj, "ports", TRUE, what, error)) == NULL ||
      (bridges = pw_parse_array (ctx, obj, "bridges", FALSE, what, error)) == NULL)
    return NULL;
  if (json_array_get_length (ports) > G_MAXUINT16)
    return pw_parse_fail (ctx, json_object_get_member (obj, "ports"), error,
                          PW_FORMAT_ERROR_TOO_LARGE, "%s has too many ports", what), NULL;

  self->ports = g_new0 (PwPortType, json_array_get_length (ports));
  for (guint i = 0; i < json_array_get_length (ports); i++)
    {
      if (!parse_port (self, port_index, &self->ports[i], i, json_array_get_element (ports, i),
                       ctx, error))
        {
          /* Keep what was allocated so that clearing frees it. */
          self->n_ports = i + 1;
          return NULL;
        }
      self->n_ports = i + 1;
    }

  self->bridges = g_new0 (PwBridge, json_array_get_length (bridges));
  for (guint i = 0; i < json_array_get_length (bridges); i++)
    {
      self->n_bridges = i + 1;
      if (!parse_bridge (self, port_index, &self->bridges[i], i,
                         json_array_get_element (bridges, i), what, ctx, error))
        return NULL;
      /* A bridge that lifts is a lift switch on the device. */
      self->ground_lift |= self->bridges[i].lift;
    }

  if (!parse_couplings (self, port_index, obj, what, ctx, error))
    return NULL;

  compute_offsets (self->n_ports, device_port_family, self, &self->contact_offset,
                   &self->n_contacts);

  return g_steal_pointer (&self);
}

/* Cable types */

PwCableType *
pw_cable_type_ref (PwCableType *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
cable_type_clear (PwCableType *self)
{
  g_free (self->id);
  g_free (self->name);
  for (guint i = 0; i < self->n_ends; i++)
    {
      g_free (self->ends[i].id);
      g_free (self->ends[i].label);
    }
  g_free (self->ends);
  for (guint i = 0; i < self->n_wires; i++)
    g_free (self->wires[i].joins);
  g_free (self->wires);
  g_free (self->contact_offset);
  g_clear_pointer (&self->source, json_node_unref);
}

void
pw_cable_type_unref (PwCableType *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) cable_type_clear);
}

int
pw_cable_type_find_end (const PwCableType *self,
                        const char        *end_id)
{
  for (guint i = 0; i < self->n_ends; i++)
    if (strcmp (self->ends[i].id, end_id) == 0)
      return i;
  return -1;
}

PwCableType *
pw_cable_type_get_direct (void)
{
  static PwFamily family = { .index = G_MAXUINT, .id = (char *) "direct",
                             .name = (char *) "Direct" };
  static PwCableType *direct;

  if (g_once_init_enter (&direct))
    {
      PwCableType *type = g_atomic_rc_box_new0 (PwCableType);
      JsonObject *obj = json_object_new ();

      type->id = g_strdup ("direct");
      type->name = g_strdup ("Direct connection");
      type->kind = PW_CABLE_KIND_DIRECT;
      type->n_ends = 2;
      type->ends = g_new0 (PwCableEndType, 2);
      for (guint e = 0; e < 2; e++)
        {
          type->ends[e].id = g_strdup (e == 0 ? "a" : "b");
          type->ends[e].label = g_strdup (type->ends[e].id);
          type->ends[e].family = &family;
        }
      type->contact_offset = g_new0 (guint, 3);
      json_object_set_string_member (obj, "name", type->name);
      type->source = json_node_init_object (json_node_alloc (), obj);
      json_object_unref (obj);
      g_once_init_leave (&direct, type);
    }
  return direct;
}

gboolean
pw_cable_type_is_direct (const PwCableType *self)
{
  return self->kind == PW_CABLE_KIND_DIRECT;
}

static const char *
cable_end_id (gconstpointer owner, guint i)
{
  return ((const PwCableType *) owner)->ends[i].id;
}

static const PwFamily *
cable_end_family (gconstpointer owner, guint i)
{
  return ((const PwCableType *) owner)->ends[i].family;
}

PwCableType *
pw_cable_type_parse (const char     *id,
                     JsonNode       *node,
                     PwParseContext *ctx,
                     GError        **error)
{
  PwConnectorTable *table = pw_connector_table_get_default ();
  g_autoptr(PwCableType) self = g_atomic_rc_box_new0 (PwCableType);
  g_autofree char *what = g_strdup_printf ("cable type '%s'", id);
  JsonObject *obj;
  JsonArray *ends, *wires;
  const char *name = NULL;
  int kind = PW_CABLE_KIND_CABLE;

  self->id = g_strdup (id);
  if ((obj = pw_parse_object (ctx, node, what, error)) == NULL)
    return NULL;
  self->source = json_node_ref (node);

  if (!pw_parse_string (ctx, obj, "name", FALSE, what, &name, error) ||
      !pw_parse_enum (ctx, obj, "kind", what, kind_names, G_N_ELEMENTS (kind_names), &kind, error) ||
      !pw_parse_bool (ctx, obj, "balanced", what, &self->balanced, error) ||
      !pw_parse_number (ctx, obj, "capacitance_pf_per_m", what, 0, 1e6,
                        &self->capacitance_pf_per_m, NULL, error))
    return NULL;
  self->name = g_strdup (name != NULL ? name : id);
  self->kind = kind;
  {
    int sig = -1;

    if (!pw_parse_enum (ctx, obj, "signal", what, signal_names, G_N_ELEMENTS (signal_names),
                        &sig, error))
      return NULL;
    self->has_signal = sig >= 0;
    self->signal = sig >= 0 ? sig : PW_SIGNAL_ANALOG;
  }

  if ((ends = pw_parse_array (ctx, obj, "ends", TRUE, what, error)) == NULL ||
      (wires = pw_parse_array (ctx, obj, "wires", TRUE, what, error)) == NULL)
    return NULL;
  if (json_array_get_length (ends) == 0 || json_array_get_length (ends) > 16)
    return pw_parse_fail (ctx, json_object_get_member (obj, "ends"), error,
                          PW_FORMAT_ERROR_INVALID, "%s must have 1 to 16 ends", what), NULL;

  self->ends = g_new0 (PwCableEndType, json_array_get_length (ends));
  for (guint i = 0; i < json_array_get_length (ends); i++)
    {
      JsonNode *el = json_array_get_element (ends, i);
      g_autofree char *ewhat = g_strdup_printf ("%s: end %u", what, i + 1);
      PwCableEndType *end = &self->ends[i];
      const char *end_id = NULL, *connector = NULL, *gender = NULL, *label = NULL;
      JsonObject *eobj;

      if ((eobj = pw_parse_object (ctx, el, ewhat, error)) == NULL ||
          !pw_parse_string (ctx, eobj, "id", TRUE, ewhat, &end_id, error))
        return NULL;
      if (pw_cable_type_find_end (self, end_id) >= 0)
        return pw_parse_fail (ctx, json_object_get_member (eobj, "id"), error,
                              PW_FORMAT_ERROR_INVALID, "%s has two ends with id '%s'",
                              what, end_id), NULL;
      g_free (ewhat);
      ewhat = g_strdup_printf ("%s: end '%s'", what, end_id);
      if (!pw_parse_string (ctx, eobj, "connector", TRUE, ewhat, &connector, error) ||
          !pw_parse_string (ctx, eobj, "gender", TRUE, ewhat, &gender, error) ||
          !pw_parse_string (ctx, eobj, "label", FALSE, ewhat, &label, error))
        return NULL;
      end->family = pw_connector_table_lookup (table, connector);
      if (end->family == NULL)
        return pw_parse_fail (ctx, json_object_get_member (eobj, "connector"), error,
                              PW_FORMAT_ERROR_INVALID,
                              "%s: connector '%s' is not a known connector family",
                              ewhat, connector), NULL;
      if (!pw_gender_from_string (gender, &end->gender))
        return pw_parse_fail (ctx, json_object_get_member (eobj, "gender"), error,
                              PW_FORMAT_ERROR_INVALID,
                              "%s: field 'gender' is '%s'; it must be 'male' or 'female'",
                              ewhat, gender), NULL;
      if (end->family->female_only && end->gender == PW_GENDER_MALE)
        return pw_parse_fail (ctx, json_object_get_member (eobj, "gender"), error,
                              PW_FORMAT_ERROR_INVALID, "%s: a '%s' connector is female only",
                              ewhat, end->family->id), NULL;
      end->id = g_strdup (end_id);
      end->label = g_strdup (label != NULL ? label : end_id);
      self->n_ends = i + 1;
    }

  self->wires = g_new0 (PwWire, json_array_get_length (wires));
  for (guint i = 0; i < json_array_get_length (wires); i++)
    {
      JsonNode *el = json_array_get_element (wires, i);
      g_autofree char *wwhat = g_strdup_printf ("%s: wire %u", what, i + 1);
      PwWire *wire = &self->wires[i];
      JsonObject *wobj;
      JsonArray *join;
      double pair = 0;

      self->n_wires = i + 1;
      if ((wobj = pw_parse_object (ctx, el, wwhat, error)) == NULL ||
          (join = pw_parse_array (ctx, wobj, "join", TRUE, wwhat, error)) == NULL ||
          !pw_parse_number (ctx, wobj, "pair", wwhat, 0, 1000, &pair, NULL, error) ||
          !pw_parse_bool (ctx, wobj, "shield", wwhat, &wire->shield, error))
        return NULL;
      wire->pair = (int) pair;
      ctx->current = json_object_get_member (wobj, "join");
      if (!parse_join_list (join, wwhat, NULL, self->n_ends, cable_end_id, cable_end_family, self,
                            &wire->n_joins, &wire->joins, ctx, error))
        return NULL;
    }

  compute_offsets (self->n_ends, cable_end_family, self, &self->contact_offset,
                   &self->n_contacts);

  return g_steal_pointer (&self);
}
