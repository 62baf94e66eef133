/* pw-history.c: undoable edits of a plan
 *
 * The model follows Dia's: every operation is a change with apply and
 * revert. A command owns the object it took out of the document (a removed
 * device, an added cable that was undone), so nothing is ever freed while
 * an undo or redo step may still need it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-history.h"

typedef enum {
  CMD_INSERT_DEVICE,
  CMD_REMOVE_DEVICE,
  CMD_INSERT_CABLE,
  CMD_REMOVE_CABLE,
  CMD_PLUG,
  CMD_PLUG_INTO_CABLE,
  CMD_MOVE,
  CMD_DEVICE_NAME,
  CMD_PHANTOM,
  CMD_GROUND_LIFT,
  CMD_CABLE_LABEL,
  CMD_CABLE_LENGTH,
  CMD_PLAN_FIELD,
  CMD_SUPPRESS,
  CMD_UNSUPPRESS,
  CMD_NUMBERING,
  CMD_ADD_REVISION,
} CommandKind;

typedef struct
{
  CommandKind kind;
  gboolean    applied;
  PwDevice   *device;
  PwCable    *cable;
  guint       index;          /* position in the document, end or port */
  PwDevice   *old_device;     /* plug: where the end was */
  int         old_port;
  PwDevice   *new_device;
  int         new_port;
  PwCable    *old_into;       /* plug into a cable end: where the end was */
  int         old_into_end;
  PwCable    *new_into;
  int         new_into_end;
  double      old_x, old_y, new_x, new_y;
  gboolean    old_flag, new_flag;
  char       *old_text;       /* also: a revision's changes */
  char       *new_text;       /* also: suppression code, revision */
  char       *extra_text;     /* suppression cable, revision date */
  PwNumbering *old_numbering; /* NULL: the defaults */
  PwNumbering *new_numbering;
} Command;

typedef struct
{
  char      *label;
  GPtrArray *commands;        /* Command* */
  gint64     serial;          /* tells apart the states the plan has been in */
} Step;

struct _PwHistory
{
  GObject     parent_instance;

  PwDocument *document;
  GPtrArray  *undo;           /* Step* */
  GPtrArray  *redo;           /* Step* */
  Step       *open;           /* the step being built by begin/end */
  guint       depth;
  gint64      serial;         /* the last serial given to a step */
  gint64      saved_serial;   /* the serial of the state last saved */
};

G_DEFINE_FINAL_TYPE (PwHistory, pw_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
command_free (Command *cmd)
{
  /* Whoever is out of the document belongs to the command. */
  switch (cmd->kind)
    {
    case CMD_INSERT_DEVICE:
      if (!cmd->applied)
        pw_device_free (cmd->device);
      break;
    case CMD_REMOVE_DEVICE:
      if (cmd->applied)
        pw_device_free (cmd->device);
      break;
    case CMD_INSERT_CABLE:
      if (!cmd->applied)
        pw_cable_free (cmd->cable);
      break;
    case CMD_REMOVE_CABLE:
      if (cmd->applied)
        pw_cable_free (cmd->cable);
      break;
    default:
      break;
    }
  g_free (cmd->old_text);
  g_free (cmd->new_text);
  g_free (cmd->extra_text);
  g_clear_pointer (&cmd->old_numbering, pw_numbering_free);
  g_clear_pointer (&cmd->new_numbering, pw_numbering_free);
  g_free (cmd);
}

static void
step_free (Step *step)
{
  g_free (step->label);
  /* Free the newest first: a later command may own what an earlier names. */
  for (guint i = step->commands->len; i > 0; i--)
    command_free (g_ptr_array_index (step->commands, i - 1));
  g_ptr_array_free (step->commands, TRUE);
  g_free (step);
}

static void
set_text (char       **field,
          const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static void
command_run (Command    *cmd,
             PwDocument *doc,
             gboolean    forward)
{
  switch (cmd->kind)
    {
    case CMD_INSERT_DEVICE:
    case CMD_REMOVE_DEVICE:
      if (forward == (cmd->kind == CMD_INSERT_DEVICE))
        pw_document_insert_device (doc, cmd->device, cmd->index);
      else
        pw_document_steal_device (doc, cmd->device);
      break;

    case CMD_INSERT_CABLE:
    case CMD_REMOVE_CABLE:
      if (forward == (cmd->kind == CMD_INSERT_CABLE))
        pw_document_insert_cable (doc, cmd->cable, cmd->index);
      else
        pw_document_steal_cable (doc, cmd->cable);
      break;

    case CMD_PLUG:
      if (forward)
        pw_document_set_plug (doc, cmd->cable, cmd->index, cmd->new_device, cmd->new_port);
      else
        pw_document_set_plug (doc, cmd->cable, cmd->index, cmd->old_device, cmd->old_port);
      break;

    case CMD_PLUG_INTO_CABLE:
      if (forward)
        pw_document_set_plug_into_cable (doc, cmd->cable, cmd->index, cmd->new_into,
                                         cmd->new_into_end);
      else
        pw_document_set_plug_into_cable (doc, cmd->cable, cmd->index, cmd->old_into,
                                         cmd->old_into_end);
      break;

    case CMD_MOVE:
      cmd->device->x = forward ? cmd->new_x : cmd->old_x;
      cmd->device->y = forward ? cmd->new_y : cmd->old_y;
      cmd->device->has_position = forward ? cmd->new_flag : cmd->old_flag;
      break;

    case CMD_DEVICE_NAME:
      set_text (&cmd->device->name, forward ? cmd->new_text : cmd->old_text);
      break;

    case CMD_PHANTOM:
      cmd->device->phantom_on[cmd->index] = forward ? cmd->new_flag : cmd->old_flag;
      break;

    case CMD_GROUND_LIFT:
      cmd->device->ground_lift_on = forward ? cmd->new_flag : cmd->old_flag;
      break;

    case CMD_CABLE_LABEL:
      set_text (&cmd->cable->label, forward ? cmd->new_text : cmd->old_text);
      break;

    case CMD_CABLE_LENGTH:
      cmd->cable->length_m = forward ? cmd->new_x : cmd->old_x;
      cmd->cable->has_length = forward ? cmd->new_flag : cmd->old_flag;
      break;

    case CMD_PLAN_FIELD:
      pw_document_set_field (doc, cmd->index, forward ? cmd->new_text : cmd->old_text);
      break;

    case CMD_ADD_REVISION:
      if (forward)
        pw_document_insert_revision (doc, cmd->index, cmd->new_text, cmd->extra_text,
                                     cmd->old_text);
      else
        pw_document_remove_revision (doc, cmd->index);
      break;

    case CMD_SUPPRESS:
    case CMD_UNSUPPRESS:
      if (forward == (cmd->kind == CMD_SUPPRESS))
        {
          GArray *list = pw_document_get_suppressions (doc);
          PwSuppression s = { g_strdup (cmd->new_text), g_strdup (cmd->extra_text) };

          g_array_insert_val (list, cmd->index, s);
        }
      else
        pw_document_remove_suppression (doc, cmd->index);
      break;

    case CMD_NUMBERING:
      pw_document_set_numbering (doc, forward ? cmd->new_numbering : cmd->old_numbering);
      break;

    default:
      g_assert_not_reached ();
    }
  cmd->applied = forward;
}

static void
notify_all (PwHistory *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
push_step (PwHistory *self,
           Step      *step)
{
  if (step->commands->len == 0)
    {
      step_free (step);
      return;
    }
  /* A new step after an undo: what was undone can no longer be redone. As in
   * finalize, the redo steps go first, newest action first. */
  while (self->redo->len > 0)
    step_free (g_ptr_array_steal_index (self->redo, 0));
  step->serial = ++self->serial;
  g_ptr_array_add (self->undo, step);
  pw_document_emit_changed (self->document);
  notify_all (self);
}

/* Applies a command at once and files it in the open step, or in a step of
 * its own. */
static void
run (PwHistory  *self,
     Command    *cmd,
     const char *label)
{
  command_run (cmd, self->document, TRUE);

  if (self->open != NULL)
    g_ptr_array_add (self->open->commands, cmd);
  else
    {
      Step *step = g_new0 (Step, 1);

      step->label = g_strdup (label);
      step->commands = g_ptr_array_new ();
      g_ptr_array_add (step->commands, cmd);
      push_step (self, step);
    }
}

static Command *
command_new (CommandKind kind)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->kind = kind;
  return cmd;
}

static void
pw_history_finalize (GObject *object)
{
  PwHistory *self = (PwHistory *) object;

  /* The redo steps were undone after the undo steps were done: free them
   * first, newest action first. */
  while (self->redo->len > 0)
    step_free (g_ptr_array_steal_index (self->redo, 0));
  while (self->undo->len > 0)
    step_free (g_ptr_array_steal_index (self->undo, self->undo->len - 1));
  g_ptr_array_unref (self->redo);
  g_ptr_array_unref (self->undo);
  if (self->open != NULL)
    step_free (self->open);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pw_history_parent_class)->finalize (object);
}

static void
pw_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PwHistory *self = PW_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pw_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pw_history_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, pw_history_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_history_class_init (PwHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_history_finalize;
  object_class->get_property = pw_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_history_init (PwHistory *self)
{
  self->undo = g_ptr_array_new ();
  self->redo = g_ptr_array_new ();
}

PwHistory *
pw_history_new (PwDocument *document)
{
  PwHistory *self;

  g_return_val_if_fail (PW_IS_DOCUMENT (document), NULL);

  self = g_object_new (PW_TYPE_HISTORY, NULL);
  self->document = g_object_ref (document);
  return self;
}

PwDocument *
pw_history_get_document (PwHistory *self)
{
  g_return_val_if_fail (PW_IS_HISTORY (self), NULL);
  return self->document;
}

gboolean
pw_history_can_undo (PwHistory *self)
{
  return self->undo->len > 0 && self->open == NULL;
}

gboolean
pw_history_can_redo (PwHistory *self)
{
  return self->redo->len > 0 && self->open == NULL;
}

const char *
pw_history_get_undo_label (PwHistory *self)
{
  return self->undo->len ? ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->label : NULL;
}

const char *
pw_history_get_redo_label (PwHistory *self)
{
  return self->redo->len ? ((Step *) g_ptr_array_index (self->redo, self->redo->len - 1))->label : NULL;
}

static gint64
current_serial (PwHistory *self)
{
  return self->undo->len ? ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->serial
                         : 0;
}

gboolean
pw_history_undo (PwHistory *self)
{
  Step *step;

  g_return_val_if_fail (PW_IS_HISTORY (self), FALSE);

  if (!pw_history_can_undo (self))
    return FALSE;
  step = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  for (guint i = step->commands->len; i > 0; i--)
    command_run (g_ptr_array_index (step->commands, i - 1), self->document, FALSE);
  g_ptr_array_add (self->redo, step);
  pw_document_emit_changed (self->document);
  notify_all (self);
  return TRUE;
}

gboolean
pw_history_redo (PwHistory *self)
{
  Step *step;

  g_return_val_if_fail (PW_IS_HISTORY (self), FALSE);

  if (!pw_history_can_redo (self))
    return FALSE;
  step = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  for (guint i = 0; i < step->commands->len; i++)
    command_run (g_ptr_array_index (step->commands, i), self->document, TRUE);
  /* A redone step keeps its serial: redoing to a saved state is unmodified. */
  g_ptr_array_add (self->undo, step);
  pw_document_emit_changed (self->document);
  notify_all (self);
  return TRUE;
}

void
pw_history_clear (PwHistory *self)
{
  while (self->redo->len > 0)
    step_free (g_ptr_array_steal_index (self->redo, 0));
  while (self->undo->len > 0)
    step_free (g_ptr_array_steal_index (self->undo, self->undo->len - 1));
  self->saved_serial = 0;
  notify_all (self);
}

gboolean
pw_history_get_modified (PwHistory *self)
{
  return current_serial (self) != self->saved_serial;
}

void
pw_history_mark_saved (PwHistory *self)
{
  self->saved_serial = current_serial (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
pw_history_mark_unsaved (PwHistory *self)
{
  /* No state carries this serial, so every state counts as modified. */
  self->saved_serial = -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
pw_history_begin (PwHistory  *self,
                  const char *label)
{
  g_return_if_fail (PW_IS_HISTORY (self));

  if (self->depth++ == 0)
    {
      self->open = g_new0 (Step, 1);
      self->open->label = g_strdup (label);
      self->open->commands = g_ptr_array_new ();
    }
}

void
pw_history_end (PwHistory *self)
{
  Step *step;

  g_return_if_fail (PW_IS_HISTORY (self));
  g_return_if_fail (self->depth > 0);

  if (--self->depth > 0)
    return;
  step = g_steal_pointer (&self->open);
  push_step (self, step);
}

/* The edits */

static gboolean
device_name_taken (PwDocument *doc,
                   const char *name)
{
  for (guint i = 0; i < pw_document_get_n_devices (doc); i++)
    if (g_strcmp0 (pw_document_get_device (doc, i)->name, name) == 0)
      return TRUE;
  return FALSE;
}

/* A name no other device of the plan has: "Powered studio monitor", then
 * "Powered studio monitor 2", 3 … (a copy of "Monitor 2" is "Monitor 3"). */
static char *
unique_device_name (PwDocument *doc,
                    const char *name)
{
  g_autofree char *stem = NULL;
  const char *space;
  guint n = 2;

  if (!device_name_taken (doc, name))
    return g_strdup (name);
  space = strrchr (name, ' ');
  if (space != NULL && space[1] != '\0' && strspn (space + 1, "0123456789") == strlen (space + 1))
    {
      stem = g_strndup (name, space - name);
      n = (guint) MAX (2, g_ascii_strtoull (space + 1, NULL, 10) + 1);
    }
  else
    stem = g_strdup (name);
  for (;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s %u", stem, n);

      if (!device_name_taken (doc, candidate))
        return g_steal_pointer (&candidate);
    }
}

PwDevice *
pw_edit_add_device (PwHistory    *self,
                    PwDeviceType *type,
                    const char   *name,
                    double        x,
                    double        y)
{
  Command *cmd = command_new (CMD_INSERT_DEVICE);
  g_autofree char *id = NULL;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (PW_IS_HISTORY (self), NULL);

  /* Ids read like the type: "dynamic-mic3". */
  stem = g_strdup (type->id);
  id = pw_document_make_device_id (self->document, stem);
  cmd->device = pw_device_new (id, type);
  /* A new device is named after its type, in the user's language. */
  cmd->device->name = unique_device_name (self->document,
                                          name != NULL ? name : pw_catalogue_type_name (type->name));
  cmd->device->x = x;
  cmd->device->y = y;
  cmd->device->has_position = TRUE;
  cmd->index = pw_document_get_n_devices (self->document);
  run (self, cmd, _("Add Device"));
  return cmd->device;
}

void
pw_edit_remove_cable (PwHistory *self,
                      PwCable   *cable)
{
  Command *cmd = command_new (CMD_REMOVE_CABLE);
  int end;
  PwCable *other;

  /* Whatever plugs into its ends comes out with it, in the same step. */
  pw_history_begin (self, _("Remove Cable"));
  for (guint e = 0; e < cable->type->n_ends; e++)
    if ((other = pw_document_find_cable_into_end (self->document, cable, e, &end)) != NULL)
      pw_edit_plug_into_cable (self, other, end, NULL, 0);
  cmd->cable = cable;
  cmd->index = cable->index;
  run (self, cmd, NULL);
  pw_history_end (self);
}

/* Removing a device removes the cables plugged into it, as one step. */
void
pw_edit_remove_device (PwHistory *self,
                       PwDevice  *device)
{
  Command *cmd;

  pw_history_begin (self, _("Remove Device"));
  for (guint p = 0; p < device->type->n_ports; p++)
    {
      PwCable *cable = pw_document_find_cable_at (self->document, device, p, NULL);

      if (cable != NULL)
        pw_edit_remove_cable (self, cable);
    }
  cmd = command_new (CMD_REMOVE_DEVICE);
  cmd->device = device;
  cmd->index = device->index;
  run (self, cmd, NULL);
  pw_history_end (self);
}

void
pw_edit_move_device (PwHistory *self,
                     PwDevice  *device,
                     double     x,
                     double     y)
{
  Command *cmd;

  if (device->has_position && device->x == x && device->y == y)
    return;
  cmd = command_new (CMD_MOVE);
  cmd->device = device;
  cmd->old_x = device->x;
  cmd->old_y = device->y;
  cmd->old_flag = device->has_position;
  cmd->new_x = x;
  cmd->new_y = y;
  cmd->new_flag = TRUE;
  run (self, cmd, _("Move Device"));
}

void
pw_edit_set_device_name (PwHistory  *self,
                         PwDevice   *device,
                         const char *name)
{
  Command *cmd;

  if (g_strcmp0 (device->name, name) == 0)
    return;
  cmd = command_new (CMD_DEVICE_NAME);
  cmd->device = device;
  cmd->old_text = g_strdup (device->name);
  cmd->new_text = g_strdup (name);
  run (self, cmd, _("Rename Device"));
}

void
pw_edit_set_phantom (PwHistory *self,
                     PwDevice  *device,
                     guint      port,
                     gboolean   on)
{
  Command *cmd;

  g_return_if_fail (port < device->type->n_ports);
  g_return_if_fail (!on || device->type->ports[port].phantom == PW_PHANTOM_AVAILABLE);

  if (device->phantom_on[port] == on)
    return;
  cmd = command_new (CMD_PHANTOM);
  cmd->device = device;
  cmd->index = port;
  cmd->old_flag = device->phantom_on[port];
  cmd->new_flag = on;
  run (self, cmd, on ? _("Phantom Power On") : _("Phantom Power Off"));
}

void
pw_edit_set_ground_lift (PwHistory *self,
                         PwDevice  *device,
                         gboolean   on)
{
  Command *cmd;

  g_return_if_fail (!on || device->type->ground_lift);

  if (device->ground_lift_on == on)
    return;
  cmd = command_new (CMD_GROUND_LIFT);
  cmd->device = device;
  cmd->old_flag = device->ground_lift_on;
  cmd->new_flag = on;
  run (self, cmd, on ? _("Lift Ground") : _("Restore Ground"));
}

PwCable *
pw_edit_add_cable (PwHistory   *self,
                   PwCableType *type,
                   const char  *label,
                   double       length_m,
                   gboolean     has_length)
{
  Command *cmd = command_new (CMD_INSERT_CABLE);
  g_autofree char *id = pw_document_make_cable_id (self->document);

  cmd->cable = pw_cable_new (id, type);
  cmd->cable->label = g_strdup (label != NULL ? label : id);
  cmd->cable->length_m = length_m;
  cmd->cable->has_length = has_length;
  cmd->index = pw_document_get_n_cables (self->document);
  run (self, cmd, _("Add Cable"));
  return cmd->cable;
}

/* Plugs an end into a port, pulling out whatever cable end was there. */
void
pw_edit_plug (PwHistory *self,
              PwCable   *cable,
              guint      end,
              PwDevice  *device,
              int        port)
{
  PwCable *occupant;
  int occupant_end = -1;
  Command *cmd;

  g_return_if_fail (end < cable->type->n_ends);

  if (cable->ends[end].device == device && (device == NULL || cable->ends[end].port == port) &&
      cable->ends[end].cable == NULL)
    return;

  pw_history_begin (self, device ? _("Connect") : _("Disconnect"));
  if (cable->ends[end].cable != NULL)
    pw_edit_plug_into_cable (self, cable, end, NULL, 0);
  occupant = device ? pw_document_find_cable_at (self->document, device, port, &occupant_end) : NULL;
  if (occupant != NULL)
    pw_edit_plug (self, occupant, occupant_end, NULL, 0);
  /* An end in a port takes no plug of another cable. */
  occupant = device ? pw_document_find_cable_into_end (self->document, cable, end, &occupant_end)
                    : NULL;
  if (occupant != NULL)
    pw_edit_plug_into_cable (self, occupant, occupant_end, NULL, 0);

  cmd = command_new (CMD_PLUG);
  cmd->cable = cable;
  cmd->index = end;
  cmd->old_device = cable->ends[end].device;
  cmd->old_port = cable->ends[end].port;
  cmd->new_device = device;
  cmd->new_port = device ? port : 0;
  run (self, cmd, NULL);
  pw_history_end (self);
}

/* Plugs a cable end into another cable's end (an adapter on a lead, an
 * extension), pulling out what was in the way; @into NULL pulls it out. */
void
pw_edit_plug_into_cable (PwHistory *self,
                         PwCable   *cable,
                         guint      end,
                         PwCable   *into,
                         int        into_end)
{
  Command *cmd;
  PwCable *occupant;
  int occupant_end = -1;

  g_return_if_fail (PW_IS_HISTORY (self));
  g_return_if_fail (end < cable->type->n_ends);
  g_return_if_fail (into == NULL || (into != cable && into_end >= 0 &&
                                     (guint) into_end < into->type->n_ends));

  if (cable->ends[end].cable == into && (into == NULL || cable->ends[end].end == into_end) &&
      cable->ends[end].device == NULL)
    return;

  pw_history_begin (self, into ? _("Connect") : _("Disconnect"));
  if (cable->ends[end].device != NULL)
    pw_edit_plug (self, cable, end, NULL, 0);
  if (into != NULL)
    {
      /* The end it goes into takes one plug and sits nowhere itself. */
      occupant = pw_document_find_cable_into_end (self->document, into, into_end, &occupant_end);
      if (occupant != NULL)
        pw_edit_plug_into_cable (self, occupant, occupant_end, NULL, 0);
      if (into->ends[into_end].device != NULL)
        pw_edit_plug (self, into, into_end, NULL, 0);
      else if (into->ends[into_end].cable != NULL)
        pw_edit_plug_into_cable (self, into, into_end, NULL, 0);
      /* Nothing may plug into the end that now plugs in. */
      occupant = pw_document_find_cable_into_end (self->document, cable, end, &occupant_end);
      if (occupant != NULL)
        pw_edit_plug_into_cable (self, occupant, occupant_end, NULL, 0);
    }
  cmd = command_new (CMD_PLUG_INTO_CABLE);
  cmd->cable = cable;
  cmd->index = end;
  cmd->old_into = cable->ends[end].cable;
  cmd->old_into_end = cable->ends[end].end;
  cmd->new_into = into;
  cmd->new_into_end = into ? into_end : 0;
  run (self, cmd, NULL);
  pw_history_end (self);
}

void
pw_edit_set_cable_label (PwHistory  *self,
                         PwCable    *cable,
                         const char *label)
{
  Command *cmd;

  if (g_strcmp0 (cable->label, label) == 0)
    return;
  cmd = command_new (CMD_CABLE_LABEL);
  cmd->cable = cable;
  cmd->old_text = g_strdup (cable->label);
  cmd->new_text = g_strdup (label);
  run (self, cmd, _("Rename Cable"));
}

void
pw_edit_set_cable_length (PwHistory *self,
                          PwCable   *cable,
                          double     length_m,
                          gboolean   has_length)
{
  Command *cmd;

  if (cable->has_length == has_length && (!has_length || cable->length_m == length_m))
    return;
  cmd = command_new (CMD_CABLE_LENGTH);
  cmd->cable = cable;
  cmd->old_x = cable->length_m;
  cmd->old_flag = cable->has_length;
  cmd->new_x = has_length ? length_m : 0;
  cmd->new_flag = has_length;
  run (self, cmd, _("Change Cable Length"));
}

/* A new type is a new cable in the old one's place: same id, label and
 * length, its ends plugged where ends of the same id were. */
PwCable *
pw_edit_set_cable_type (PwHistory   *self,
                        PwCable     *cable,
                        PwCableType *type)
{
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  g_autofree PwPlug *plugs = NULL;
  guint index;
  Command *cmd;
  PwCableType *old_type;

  if (cable->type == type)
    return cable;

  pw_history_begin (self, _("Change Cable Type"));
  id = g_strdup (cable->id);
  label = g_strdup (cable->label);
  index = cable->index;
  old_type = pw_cable_type_ref (cable->type);
  plugs = g_memdup2 (cable->ends, sizeof (PwPlug) * cable->type->n_ends);

  pw_edit_remove_cable (self, cable);

  cmd = command_new (CMD_INSERT_CABLE);
  cmd->cable = pw_cable_new (id, type);
  cmd->cable->label = g_strdup (label);
  /* A direct connection has no length; a cable that replaces one has none yet. */
  cmd->cable->length_m = pw_cable_type_is_direct (type) ? 0 : cable->length_m;
  cmd->cable->has_length = !pw_cable_type_is_direct (type) && cable->has_length;
  cmd->index = index;
  run (self, cmd, NULL);

  for (guint e = 0; e < old_type->n_ends; e++)
    {
      int new_end = pw_cable_type_find_end (type, old_type->ends[e].id);

      if (new_end >= 0 && plugs[e].device != NULL)
        pw_edit_plug (self, cmd->cable, new_end, plugs[e].device, plugs[e].port);
    }
  pw_cable_type_unref (old_type);
  pw_history_end (self);
  return cmd->cable;
}

void
pw_edit_set_plan_field (PwHistory   *self,
                        PwPlanField  field,
                        const char  *text)
{
  static const char * const labels[PW_PLAN_N_FIELDS] = {
    N_("Change Title"), N_("Change Client"), N_("Change Venue"), N_("Change Revision")
  };
  Command *cmd;

  g_return_if_fail (PW_IS_HISTORY (self));
  g_return_if_fail (field < PW_PLAN_N_FIELDS);

  if (text == NULL)
    text = "";
  if (g_strcmp0 (pw_document_get_field (self->document, field), text) == 0)
    return;
  cmd = command_new (CMD_PLAN_FIELD);
  cmd->index = field;
  cmd->old_text = g_strdup (pw_document_get_field (self->document, field));
  cmd->new_text = g_strdup (text);
  run (self, cmd, _(labels[field]));
}

void
pw_edit_set_title (PwHistory  *self,
                   const char *title)
{
  pw_edit_set_plan_field (self, PW_PLAN_TITLE, title);
}

void
pw_edit_add_revision (PwHistory  *self,
                      const char *revision,
                      const char *date,
                      const char *changes)
{
  Command *cmd;

  g_return_if_fail (PW_IS_HISTORY (self));

  cmd = command_new (CMD_ADD_REVISION);
  cmd->index = pw_document_get_revisions (self->document)->len;
  cmd->new_text = g_strdup (revision);
  cmd->extra_text = g_strdup (date);
  cmd->old_text = g_strdup (changes);
  run (self, cmd, _("Record Revision"));
}

void
pw_edit_suppress (PwHistory  *self,
                  const char *code,
                  const char *cable_id)
{
  Command *cmd = command_new (CMD_SUPPRESS);

  cmd->index = pw_document_get_suppressions (self->document)->len;
  cmd->new_text = g_strdup (code);
  cmd->extra_text = g_strdup (cable_id);
  run (self, cmd, _("Suppress Finding"));
}

void
pw_edit_unsuppress (PwHistory *self,
                    guint      index)
{
  GArray *list = pw_document_get_suppressions (self->document);
  PwSuppression *s;
  Command *cmd;

  g_return_if_fail (index < list->len);
  s = &g_array_index (list, PwSuppression, index);
  cmd = command_new (CMD_UNSUPPRESS);
  cmd->index = index;
  cmd->new_text = g_strdup (s->code);
  cmd->extra_text = g_strdup (s->cable);
  run (self, cmd, _("Restore Finding"));
}

/* Sets the plan's numbering rule; NULL goes back to the defaults. */
void
pw_edit_set_numbering (PwHistory         *self,
                       const PwNumbering *numbering)
{
  Command *cmd;

  g_return_if_fail (PW_IS_HISTORY (self));

  if (pw_document_has_numbering (self->document)
        ? numbering != NULL &&
          pw_numbering_equal (pw_document_get_numbering (self->document), numbering)
        : numbering == NULL)
    return;
  cmd = command_new (CMD_NUMBERING);
  if (pw_document_has_numbering (self->document))
    cmd->old_numbering = pw_numbering_copy (pw_document_get_numbering (self->document));
  cmd->new_numbering = numbering ? pw_numbering_copy (numbering) : NULL;
  run (self, cmd, _("Change Cable Numbering"));
}
