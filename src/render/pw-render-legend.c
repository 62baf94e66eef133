/* pw-render-legend.c: the legend and the title block
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-render-private.h"

#define LEGEND_WIDTH 168.0
#define ROW          13.0
#define HEADING      16.0

static const char * const legend_families[] = {
  "xlr3", "combo", "trs-6.35", "ts-6.35", "rca", "bnc", "speakon-nl4", "binding-post",
  "toslink", "din5", "usb-b", "rj45",
};

static const char *
family_caption (const char *id)
{
  if (g_str_equal (id, "xlr3"))
    return _("XLR (pins shown)");
  if (g_str_equal (id, "combo"))
    return _("XLR/jack combo");
  if (g_str_equal (id, "trs-6.35"))
    return _("jack TRS (rings shown)");
  if (g_str_equal (id, "ts-6.35"))
    return _("jack TS");
  if (g_str_equal (id, "rca"))
    return _("RCA / phono");
  if (g_str_equal (id, "bnc"))
    return _("BNC");
  if (g_str_equal (id, "speakon-nl4"))
    return _("speakON");
  if (g_str_equal (id, "binding-post"))
    return _("binding posts");
  if (g_str_equal (id, "toslink"))
    return _("TOSLINK optical");
  if (g_str_equal (id, "din5"))
    return _("DIN-5 (MIDI)");
  if (g_str_equal (id, "usb-b"))
    return _("USB");
  return _("RJ45 network");
}

void
pw_render_legend_size (PwRender *self,
                       double   *width,
                       double   *height)
{
  *width = LEGEND_WIDTH;
  *height = 3 * HEADING + (PW_LINK_OPEN + 1 + 3 + G_N_ELEMENTS (legend_families) + 1) * ROW + 6;
}

/* The legend and the title block repeat on every sheet of a PDF with the
 * same words; their layouts are kept with the renderer, so that each is
 * shaped once. (Not on the Pango context: the layouts hold it.) */
static PangoLayout *
kept_layout (PwRender     *self,
             const char   *text,
             double        size,
             gboolean      bold,
             double        max_width)
{
  g_autofree char *id = g_strdup_printf ("%g %d %g %s", size, bold, max_width, text);
  GHashTable *kept;
  PangoLayout *layout;

  if (self->legend_layouts == NULL)
    self->legend_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  g_object_unref);
  kept = self->legend_layouts;
  layout = g_hash_table_lookup (kept, id);
  if (layout == NULL)
    {
      layout = pw_render_create_layout (self->pango, text, size, bold);
      if (max_width > 0)
        {
          pango_layout_set_width (layout, max_width * PANGO_SCALE);
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
        }
      g_hash_table_insert (kept, g_steal_pointer (&id), layout);
    }
  return layout;
}

static void
show_at (cairo_t       *cr,
         PangoLayout   *layout,
         const PwColor *color,
         double         x,
         double         y)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  pw_palette_set_source (cr, color);
  cairo_move_to (cr, x, y - (double) h / PANGO_SCALE / 2);
  pw_render_show_layout (cr, layout);
}

/* Text vertically centred on @y, in words that recur. */
static void
text_at (cairo_t         *cr,
         PwRender        *self,
         const PwColor   *color,
         const char      *text,
         double           size,
         gboolean         bold,
         double           x,
         double           y)
{
  show_at (cr, kept_layout (self, text, size, bold, 0), color, x, y);
}

void
pw_render_draw_legend (PwRender        *self,
                       cairo_t         *cr,
                       const PwPalette *palette,
                       double           x,
                       double           y)
{
  PwConnectorTable *table = pw_connector_table_get_default ();
  double w, h, cy;

  pw_render_legend_size (self, &w, &h);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  pw_palette_set_source (cr, &palette->background);
  cairo_fill_preserve (cr);
  pw_palette_set_source (cr, &palette->card_border);
  cairo_set_line_width (cr, 0.75);
  cairo_stroke (cr);

  cy = y + HEADING / 2 + 2;
  text_at (cr, self, &palette->foreground, _("Links"), 8, TRUE, x + 6, cy);
  cy += HEADING / 2 + ROW / 2;
  for (guint k = 0; k <= PW_LINK_OPEN; k++)
    {
      cairo_move_to (cr, x + 6, cy);
      cairo_line_to (cr, x + 40, cy);
      pw_palette_set_source (cr, &palette->link[k]);
      cairo_set_line_width (cr, 1.8);
      pw_palette_set_link_dash (cr, k, 1.8);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      text_at (cr, self, &palette->foreground, pw_render_link_class_label (k), 7, TRUE,
               x + 46, cy);
      text_at (cr, self, &palette->dim, pw_link_class_label (k), 7, FALSE, x + 98, cy);
      cy += ROW;
    }

  cy += HEADING / 2 - ROW / 2;
  text_at (cr, self, &palette->foreground, _("Findings"), 8, TRUE, x + 6, cy);
  cy += HEADING / 2 + ROW / 2;
  for (int s = PW_SEVERITY_ERROR; s >= PW_SEVERITY_INFO; s--)
    {
      pw_render_draw_badge (cr, palette, s, x + 23, cy, 10);
      text_at (cr, self, &palette->foreground,
               s == PW_SEVERITY_ERROR ? _("error: damage or no signal") :
               s == PW_SEVERITY_WARNING ? _("warning: audible problem") :
                                          _("info: best practice"),
               7, FALSE, x + 46, cy);
      cy += ROW;
    }

  cy += HEADING / 2 - ROW / 2;
  text_at (cr, self, &palette->foreground, _("Connectors"), 8, TRUE, x + 6, cy);
  cy += HEADING / 2 + ROW / 2;
  for (guint i = 0; i < G_N_ELEMENTS (legend_families); i++)
    {
      const PwFamily *family = pw_connector_table_lookup (table, legend_families[i]);

      if (family != NULL)
        pw_render_draw_glyph (cr, palette, family, PW_GENDER_FEMALE, x + 23, cy, 10);
      text_at (cr, self, &palette->foreground, family_caption (legend_families[i]), 7, FALSE,
               x + 46, cy);
      cy += ROW;
    }
  text_at (cr, self, &palette->dim, _("filled: plug (male); hollow: socket"), 6.5, FALSE,
           x + 6, cy);
  cairo_restore (cr);
}

char *
pw_render_dup_client_venue (PwDocument *doc)
{
  const char *client = pw_document_get_field (doc, PW_PLAN_CLIENT);
  const char *venue = pw_document_get_field (doc, PW_PLAN_VENUE);

  if (*client != '\0' && *venue != '\0')
    /* Translators: the client and the venue of a plan, in its title block */
    return g_strdup_printf (_("%s · %s"), client, venue);
  return g_strdup (*client != '\0' ? client : venue);
}

void
pw_render_draw_title_block (PwRender        *self,
                            cairo_t         *cr,
                            const PwPalette *palette,
                            const PwRect    *r,
                            const char      *date,
                            guint            page,
                            guint            n_pages)
{
  PangoContext *context = pw_render_get_pango_context (self);
  PwDocument *doc = pw_render_get_document (self);
  PwAnalysis *analysis = pw_render_get_analysis (self);
  g_autofree char *title = pw_document_dup_display_title (doc);
  g_autofree char *for_whom = pw_render_dup_client_venue (doc);
  const char *revision = pw_document_get_field (doc, PW_PLAN_REVISION);
  PangoLayout *title_layout;
  g_autofree char *sheet = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *findings = NULL;
  double row = (r->height - 24) / 4;
  double right = r->x + r->width / 2 + 6;

  cairo_save (cr);
  cairo_rectangle (cr, r->x, r->y, r->width, r->height);
  pw_palette_set_source (cr, &palette->background);
  cairo_fill_preserve (cr);
  pw_palette_set_source (cr, &palette->foreground);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  title_layout = kept_layout (self, title != NULL ? title : _("Untitled plan"), 11, TRUE,
                              r->width - 12);
  pw_palette_set_source (cr, &palette->foreground);
  cairo_move_to (cr, r->x + 6, r->y + 5);
  pw_render_show_layout (cr, title_layout);

  cairo_move_to (cr, r->x, r->y + 24);
  cairo_line_to (cr, r->x + r->width, r->y + 24);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);

  /* Whom and where the plan is for, on a row of its own: it may be long. */
  if (*for_whom != '\0')
    show_at (cr, kept_layout (self, for_whom, 7.5, FALSE, r->width - 12), &palette->foreground,
             r->x + 6, r->y + 24 + row * 0.5);

  sheet = g_strdup_printf (_("Sheet %u of %u"), page, n_pages);
  counts = g_strdup_printf (_("%u devices, %u cables"), pw_document_get_n_devices (doc),
                            pw_document_get_n_cables (doc));
  findings = g_strdup_printf (_("%u errors, %u warnings, %u infos"),
                              pw_analysis_count (analysis, PW_SEVERITY_ERROR, FALSE),
                              pw_analysis_count (analysis, PW_SEVERITY_WARNING, FALSE),
                              pw_analysis_count (analysis, PW_SEVERITY_INFO, FALSE));
  text_at (cr, self, &palette->foreground, date ? date : "", 7.5, FALSE, r->x + 6,
           r->y + 24 + row * 1.5);
  {
    /* A new sheet number on every sheet: not worth keeping. */
    g_autoptr(PangoLayout) layout = pw_render_create_layout (context, sheet, 7.5, TRUE);

    show_at (cr, layout, &palette->foreground, right, r->y + 24 + row * 1.5);
  }
  if (*revision != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Revision %s"), revision);

      show_at (cr, kept_layout (self, text, 7.5, TRUE, r->width / 2 - 12), &palette->foreground,
               right, r->y + 24 + row * 2.5);
    }
  text_at (cr, self, &palette->foreground, counts, 7.5, FALSE, r->x + 6, r->y + 24 + row * 2.5);
  text_at (cr, self, &palette->foreground, findings, 7.5, FALSE, r->x + 6,
           r->y + 24 + row * 3.5);
  text_at (cr, self, &palette->dim, "Patchwise " PW_VERSION, 6.5, FALSE, right,
           r->y + 24 + row * 3.5);
  cairo_restore (cr);
}
