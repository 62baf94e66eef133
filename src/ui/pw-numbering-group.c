/* pw-numbering-group.c: the plan's cable numbering rule (DESIGN.md §9),
 * edited in the Plan Properties window
 *
 * Each applied row is one undoable edit of the whole rule; the rows follow
 * the document after an undo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-numbering-group.h"

/* The classes with a row of their own; the rest take "*". */
static const struct
{
  const char *klass;
  const char *title;
} prefix_rows[] = {
  { "balanced", N_("Prefix of balanced cables") },
  { "unbalanced", N_("Prefix of unbalanced cables") },
  { "speaker", N_("Prefix of speaker cables") },
  { "digital", N_("Prefix of digital cables") },
  { "*", N_("Prefix of other cables") },
};

#define N_ROWS (1 + G_N_ELEMENTS (prefix_rows))

struct _PwNumberingGroup
{
  AdwPreferencesGroup  parent_instance;

  PwHistory           *history;
  PwDocument          *document;
  AdwEntryRow         *rows[N_ROWS];     /* format, then prefix_rows */
};

G_DEFINE_FINAL_TYPE (PwNumberingGroup, pw_numbering_group, ADW_TYPE_PREFERENCES_GROUP)

static const char *
row_value (PwNumberingGroup *self,
           guint             i)
{
  const PwNumbering *numbering = pw_document_get_numbering (self->document);

  return i == 0 ? numbering->format : pw_numbering_get_prefix (numbering, prefix_rows[i - 1].klass);
}

static void
show_example (PwNumberingGroup *self)
{
  const PwNumbering *numbering = pw_document_get_numbering (self->document);
  g_autofree char *a = pw_numbering_format_label (numbering,
                                                  pw_numbering_get_prefix (numbering, "balanced"),
                                                  12);
  g_autofree char *text = g_strdup_printf (_("New cables are numbered by the link class the "
                                             "analysis gives them, the twelfth balanced cable "
                                             "“%s”. Renumber Cables in the main menu numbers "
                                             "them all again in signal-flow order. Press Enter "
                                             "to apply a change."), a);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), text);
}

/* What the document holds, into the rows that differ. */
static void
document_changed_cb (PwNumberingGroup *self)
{
  for (guint i = 0; i < N_ROWS; i++)
    {
      const char *value = row_value (self, i);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->rows[i])), value) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), value);
      gtk_widget_remove_css_class (GTK_WIDGET (self->rows[i]), "error");
    }
  show_example (self);
}

static void
row_apply_cb (PwNumberingGroup *self,
              AdwEntryRow      *row)
{
  g_autoptr(PwNumbering) numbering = pw_numbering_copy (pw_document_get_numbering (self->document));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *why = NULL;
  guint i;

  for (i = 0; i < N_ROWS && self->rows[i] != row; i++)
    ;
  g_return_if_fail (i < N_ROWS);

  if (i == 0)
    {
      if (!pw_numbering_check_format (text, &why))
        {
          g_autofree char *tip = g_strdup_printf (_("Not a label format: %s"), why);

          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (row), tip);
          return;
        }
      g_free (numbering->format);
      numbering->format = g_steal_pointer (&text);
    }
  else
    {
      if (strpbrk (text, "{}") != NULL || g_utf8_strlen (text, -1) > 32)
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (row),
                                       _("A prefix has at most 32 characters and no braces"));
          return;
        }
      /* A plan with its own prefixes names every class it wants: keep the
       * ones shown, so that changing one does not change the others. */
      for (guint k = 0; k < G_N_ELEMENTS (prefix_rows); k++)
        pw_numbering_set_prefix (numbering, prefix_rows[k].klass,
                                 pw_numbering_get_prefix (numbering, prefix_rows[k].klass));
      pw_numbering_set_prefix (numbering, prefix_rows[i - 1].klass, text);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  pw_edit_set_numbering (self->history, numbering);
  document_changed_cb (self);
}

static void
pw_numbering_group_dispose (GObject *object)
{
  PwNumberingGroup *self = PW_NUMBERING_GROUP (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (pw_numbering_group_parent_class)->dispose (object);
}

static void
pw_numbering_group_class_init (PwNumberingGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pw_numbering_group_dispose;
}

static void
pw_numbering_group_init (PwNumberingGroup *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Cable Numbering"));
  for (guint i = 0; i < N_ROWS; i++)
    {
      self->rows[i] = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]),
                                     i == 0 ? _("Label format, such as {prefix}{n:03}")
                                            : _(prefix_rows[i - 1].title));
      adw_entry_row_set_show_apply_button (self->rows[i], TRUE);
      g_signal_connect_swapped (self->rows[i], "apply", G_CALLBACK (row_apply_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->rows[i]));
    }
}

PwNumberingGroup *
pw_numbering_group_new (PwHistory *history)
{
  PwNumberingGroup *self;

  g_return_val_if_fail (PW_IS_HISTORY (history), NULL);

  self = g_object_new (PW_TYPE_NUMBERING_GROUP, NULL);
  self->history = g_object_ref (history);
  self->document = g_object_ref (pw_history_get_document (history));
  g_signal_connect_swapped (self->document, "changed", G_CALLBACK (document_changed_cb), self);
  document_changed_cb (self);
  return self;
}

AdwEntryRow *
pw_numbering_group_get_row (PwNumberingGroup *self,
                            guint             index)
{
  g_return_val_if_fail (PW_IS_NUMBERING_GROUP (self), NULL);
  g_return_val_if_fail (index < N_ROWS, NULL);
  return self->rows[index];
}
