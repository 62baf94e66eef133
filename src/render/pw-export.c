/* pw-export.c: PDF, PNG and SVG through the same drawing as the canvas
 *
 * A PDF is a drawing set, landscape:
 *   1. the whole diagram fitted to the sheet, with legend and title block;
 *   2. when that is too small to read, the diagram again in parts at a
 *      legible scale;
 *   3. the cable schedule, the bill of materials and the input list, each
 *      with its header row repeated on every sheet;
 *   4. a pinout sheet for each cable with findings and each cable type used.
 * Every sheet carries the title block with its number, so the page count
 * is worked out before the first one is drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "pw-export.h"
#include "pw-layout.h"
#include "pw-pinout.h"
#include "pw-render-private.h"

#define MARGIN          24.0
#define COLUMN_GAP      12.0
#define TITLE_HEIGHT    88.0
#define TITLE_WIDTH     240.0
#define DIAGRAM_PAD     12.0
/* A diagram scale below which the parts are drawn again, legibly. */
#define LEGIBLE_SCALE   0.6
#define DETAIL_SCALE    0.8
#define MAX_DETAIL_PAGES 40
#define TILE_OVERLAP    60.0
#define ROW_PAD         3.0
#define TABLE_FONT      7.5

typedef struct
{
  const char *title;
  double      fraction;
  gboolean    repeats;     /* the same few texts over and over */
} Column;

static const Column schedule_columns[] = {
  { N_("Label"), 0.07, FALSE },
  { N_("From (device: port)"), 0.17, FALSE },
  { N_("To (device: port)"), 0.17, FALSE },
  { N_("Cable type"), 0.17, TRUE },
  { N_("Length"), 0.06, TRUE },
  { N_("Link"), 0.09, TRUE },
  { N_("Findings"), 0.27, TRUE },
};

/* The bill of materials and the input list: the columns of DESIGN.md §9. */
static const Column bom_columns[] = {
  { N_("Type"), 0.22, TRUE },
  { N_("Name"), 0.48, TRUE },
  { N_("Length (m)"), 0.15, TRUE },
  { N_("Count"), 0.15, FALSE },
};

static const Column inputs_columns[] = {
  { N_("Channel"), 0.20, FALSE },
  { N_("Source"), 0.20, FALSE },
  { N_("Path"), 0.26, FALSE },
  { N_("Phantom"), 0.16, TRUE },
  { N_("Level"), 0.08, TRUE },
  { N_("Link"), 0.10, TRUE },
};

#define MAX_COLUMNS 8

typedef struct
{
  PangoLayout *layout;    /* wrapped at the column's width */
  PangoLayout *header;    /* the title, in bold */
  int          width;     /* Pango units */
  GHashTable  *cache;     /* text → PangoLayout, in a repeating column */
} ColumnText;

/* A table drawn over as many sheets as it takes, its header row on each:
 * the cable schedule, the bill of materials, the input list. */
typedef struct
{
  const Column    *columns;
  guint            n_columns;
  const char      *heading;         /* "Cable schedule, sheet %u of %u" */
  PwTable         *table;           /* the rows; NULL: the cable schedule's own */
  ColumnText       column_text[MAX_COLUMNS];
  GArray          *row_heights;     /* double, per row */
  GArray          *breaks;          /* guint: first row of each sheet, then n */
  double           header_height;
} Sheets;

typedef struct
{
  PwDocument      *doc;
  PwAnalysis      *analysis;
  PwRender        *render;
  const PwPalette *palette;
  char            *date;
  double           page_w, page_h;
  guint            page;
  guint            n_pages;
  /* Detail parts of the diagram. */
  guint            tiles_x, tiles_y;
  double           tile_w, tile_h;
  /* Cable schedule, bill of materials, input list. */
  Sheets           schedule;
  Sheets           bom;
  Sheets           inputs;
  GArray          *findings_start;  /* finding indices by cable, CSR */
  GArray          *findings_list;
  PangoLayout     *char_layout;     /* one character, to measure it */
  PangoFont       *table_font;      /* the font the table text is in */
  int              line_height;     /* of one line of table text, Pango units */
  double           baseline;        /* of that line, from its top */
  PangoAttrList   *table_attrs;     /* the table font, for itemizing a cell */
  GHashTable      *glyph_cache;     /* kept PangoLayout → CellGlyphs */
  GHashTable      *advances;        /* gunichar → advance, Pango units, or -1 */
  int              latin_advance[0x250];  /* the same below U+0250; 0: not yet measured */
  /* Pinout sheets: items, and the first item of each sheet. */
  GArray          *pinout_items;    /* PinoutItem */
  GArray          *pinout_breaks;
} Export;

typedef struct
{
  int          cable;          /* -1: a cable type */
  PwCableType *type;
  double       height;         /* the diagram's, at the sheet width */
} PinoutItem;

static void schedule_text_clear (Export *ex);
static void sheets_clear (Sheets *t);

static void
export_clear (Export *ex)
{
  schedule_text_clear (ex);
  g_clear_pointer (&ex->findings_start, g_array_unref);
  g_clear_pointer (&ex->findings_list, g_array_unref);
  g_clear_pointer (&ex->render, pw_render_free);
  g_clear_pointer (&ex->date, g_free);
  sheets_clear (&ex->schedule);
  sheets_clear (&ex->bom);
  sheets_clear (&ex->inputs);
  g_clear_pointer (&ex->pinout_items, g_array_unref);
  g_clear_pointer (&ex->pinout_breaks, g_array_unref);
}

gboolean
pw_export_format_from_path (const char     *path,
                            PwExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *format = PW_EXPORT_PDF;
  else if (g_str_has_suffix (lower, ".png"))
    *format = PW_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = PW_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".csv"))
    *format = PW_EXPORT_CSV;
  else
    return FALSE;
  return TRUE;
}

gboolean
pw_paper_from_string (const char *name,
                      PwPaper    *paper)
{
  if (g_ascii_strcasecmp (name, "a4") == 0)
    *paper = PW_PAPER_A4;
  else if (g_ascii_strcasecmp (name, "a3") == 0)
    *paper = PW_PAPER_A3;
  else if (g_ascii_strcasecmp (name, "letter") == 0)
    *paper = PW_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

static void
paper_size (PwPaper paper,
            double *w,
            double *h)
{
  /* Landscape, in points. */
  switch (paper)
    {
    case PW_PAPER_A3:
      *w = 1190.55;
      *h = 841.89;
      break;
    case PW_PAPER_LETTER:
      *w = 792;
      *h = 612;
      break;
    case PW_PAPER_A4:
    default:
      *w = 841.89;
      *h = 595.28;
      break;
    }
}

static char *
default_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) now = NULL;

  /* Reproducible builds and tests set the date from outside. */
  if (epoch != NULL && *epoch != '\0')
    now = g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10));
  if (now == NULL)
    now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* "Desk: Ch 1" for a plugged end, "end b open" otherwise. */
static char *
describe_end (PwCable *cable,
              guint    end)
{
  char *text = pw_paperwork_describe_end (cable, end);

  return text != NULL ? text : g_strdup_printf (_("end %s open"), cable->type->ends[end].id);
}

static char *
cable_findings_text (Export *ex,
                     guint   cable,
                     GArray *by_cable_start,
                     GArray *by_cable)
{
  GString *str = g_string_new (NULL);
  guint start = g_array_index (by_cable_start, guint, cable);
  guint end = g_array_index (by_cable_start, guint, cable + 1);

  for (guint k = start; k < end; k++)
    {
      const PwFinding *f = pw_analysis_get_finding (ex->analysis, g_array_index (by_cable, guint, k));

      if (str->len > 0)
        g_string_append_c (str, '\n');
      g_string_append_printf (str, "%s %s: %s%s",
                              f->severity == PW_SEVERITY_ERROR ? "✖" :
                              f->severity == PW_SEVERITY_WARNING ? "▲" : "●",
                              pw_severity_to_string (f->severity),
                              pw_code_get_message (f->code),
                              f->suppressed ? _(" (suppressed)") : "");
    }
  return g_string_free (str, FALSE);
}

/* Finding indices grouped by cable, as a CSR list. */
static void
group_findings (Export  *ex,
                GArray **out_start,
                GArray **out_list)
{
  guint n_cables = pw_document_get_n_cables (ex->doc);
  guint n = pw_analysis_get_n_findings (ex->analysis);
  GArray *start = g_array_new (FALSE, TRUE, sizeof (guint));
  GArray *list = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *fill = NULL;

  g_array_set_size (start, n_cables + 1);
  for (guint i = 0; i < n; i++)
    {
      const PwFinding *f = pw_analysis_get_finding (ex->analysis, i);

      if (f->cable >= 0)
        g_array_index (start, guint, f->cable + 1)++;
    }
  for (guint c = 0; c < n_cables; c++)
    g_array_index (start, guint, c + 1) += g_array_index (start, guint, c);
  g_array_set_size (list, g_array_index (start, guint, n_cables));
  fill = g_memdup2 (start->data, sizeof (guint) * (n_cables + 1));
  for (guint i = 0; i < n; i++)
    {
      const PwFinding *f = pw_analysis_get_finding (ex->analysis, i);

      if (f->cable >= 0)
        g_array_index (list, guint, fill[f->cable]++) = i;
    }
  *out_start = start;
  *out_list = list;
}

/* The cells of one schedule row. */
static void
row_cells (Export *ex,
           guint   c,
           char  **cells,
           GArray *by_cable_start,
           GArray *by_cable)
{
  PwCable *cable = pw_document_get_cable (ex->doc, c);
  guint from = pw_paperwork_cable_from_end (cable);
  GString *to = g_string_new (NULL);

  for (guint e = 0; e < cable->type->n_ends; e++)
    {
      g_autofree char *d = NULL;

      if (e == from)
        continue;
      d = describe_end (cable, e);
      if (to->len > 0)
        g_string_append (to, "; ");
      g_string_append (to, d);
    }
  cells[0] = g_strdup (cable->label && *cable->label ? cable->label : cable->id);
  cells[1] = describe_end (cable, from);
  cells[2] = g_string_free (to, FALSE);
  cells[3] = g_strdup (pw_catalogue_type_name (cable->type->name ? cable->type->name : cable->type_id));
  if (cable->type->kind == PW_CABLE_KIND_ADAPTER)
    cells[4] = g_strdup (_("adapter"));
  else if (cable->has_length)
    cells[4] = g_strdup_printf ("%g m", cable->length_m);
  else
    cells[4] = g_strdup ("–");
  {
    PwLinkClass klass = pw_analysis_get_link_class (ex->analysis, c);

    cells[5] = g_strdup_printf ("%s (%s)", pw_link_class_label (klass),
                                pw_render_link_class_label (klass));
  }
  cells[6] = cable_findings_text (ex, c, by_cable_start, by_cable);
}

static double
table_width (Export *ex)
{
  return ex->page_w - 2 * MARGIN;
}

static double
table_bottom (Export *ex)
{
  return ex->page_h - MARGIN - TITLE_HEIGHT - COLUMN_GAP;
}

/* The schedule's text.
 *
 * A schedule of a big plan is tens of thousands of cells, and shaping
 * their text was most of the PDF's time. So each cell is shaped at most
 * once: a column whose cells repeat (cable types, lengths, link classes,
 * findings) keeps one laid-out PangoLayout per distinct text, measured
 * once and drawn as often as it occurs; in the other columns a text that
 * surely fits on one line is measured from the advances of its
 * characters, and only the rest are laid out to be measured. */

static void
column_text_clear (ColumnText *ct)
{
  g_clear_object (&ct->layout);
  g_clear_object (&ct->header);
  g_clear_pointer (&ct->cache, g_hash_table_unref);
}

static PangoLayout *
cell_layout (Export       *ex,
             const Column *column,
             gboolean      bold)
{
  PangoContext *context = pw_render_get_pango_context (ex->render);
  PangoLayout *layout = pw_render_create_layout (context, "", TABLE_FONT, bold);
  double w = table_width (ex) * column->fraction - 2 * ROW_PAD - 2;

  pango_layout_set_width (layout, w * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static void
sheets_text_init (Export *ex,
                  Sheets *t)
{
  for (guint k = 0; k < t->n_columns; k++)
    {
      ColumnText *ct = &t->column_text[k];

      ct->layout = cell_layout (ex, &t->columns[k], FALSE);
      ct->header = cell_layout (ex, &t->columns[k], TRUE);
      pango_layout_set_text (ct->header, _(t->columns[k].title), -1);
      ct->width = pango_layout_get_width (ct->layout);
      if (t->columns[k].repeats)
        ct->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
    }
}

static void
sheets_clear (Sheets *t)
{
  for (guint k = 0; k < t->n_columns; k++)
    column_text_clear (&t->column_text[k]);
  g_clear_pointer (&t->table, pw_table_free);
  g_clear_pointer (&t->row_heights, g_array_unref);
  g_clear_pointer (&t->breaks, g_array_unref);
}

/* What every table's text shares: its font, measured once. */
static void
schedule_text_init (Export *ex)
{
  PangoContext *context = pw_render_get_pango_context (ex->render);
  int height;

  ex->char_layout = pw_render_create_layout (context, "x", TABLE_FONT, FALSE);
  pango_layout_get_size (ex->char_layout, NULL, &height);
  ex->line_height = height;
  ex->baseline = (double) pango_layout_get_baseline (ex->char_layout) / PANGO_SCALE;
  {
    PangoLayoutLine *line = pango_layout_get_line_readonly (ex->char_layout, 0);
    PangoGlyphItem *run = line->runs != NULL ? line->runs->data : NULL;

    ex->table_font = run != NULL ? g_object_ref (run->item->analysis.font) : NULL;
  }
  ex->table_attrs = pango_attr_list_new ();
  pango_attr_list_insert (ex->table_attrs, pango_attr_font_desc_new (
                            pango_layout_get_font_description (ex->char_layout)));
  ex->advances = g_hash_table_new (NULL, NULL);
}

static void
schedule_text_clear (Export *ex)
{
  g_clear_object (&ex->char_layout);
  g_clear_object (&ex->table_font);
  g_clear_pointer (&ex->table_attrs, pango_attr_list_unref);
  g_clear_pointer (&ex->glyph_cache, g_hash_table_unref);
  g_clear_pointer (&ex->advances, g_hash_table_unref);
}

/* A character whose advance can be added to its neighbours': one that
 * the table font shapes alone, left to right and without joining or
 * combining. */
static gboolean
char_is_simple (gunichar ch)
{
  return (ch >= 0x20 && ch < 0x7f) ||
         (ch >= 0xa0 && ch < 0x250 && ch != 0xad) ||
         (ch >= 0x2010 && ch < 0x2028) ||
         (ch >= 0x2030 && ch < 0x205f);
}

/* The advance of @ch in the table font, in Pango units, or -1 when it is
 * not a simple character or the font lacks it (a fallback font may make
 * the line taller or move its baseline). */
static int
char_advance (Export   *ex,
              gunichar  ch)
{
  gpointer value;
  int advance = -1;

  /* Stored plus one, so that 0 means "not measured yet". */
  if (ch < G_N_ELEMENTS (ex->latin_advance) && ex->latin_advance[ch] != 0)
    return ex->latin_advance[ch] - 1;
  if (ch >= G_N_ELEMENTS (ex->latin_advance) &&
      g_hash_table_lookup_extended (ex->advances, GUINT_TO_POINTER (ch), NULL, &value))
    return GPOINTER_TO_INT (value);

  if (char_is_simple (ch))
    {
      char utf8[8];
      int len = g_unichar_to_utf8 (ch, utf8);
      PangoLayoutLine *line;
      PangoLayoutRun *run;
      int w, h;

      pango_layout_set_text (ex->char_layout, utf8, len);
      pango_layout_get_size (ex->char_layout, &w, &h);
      line = pango_layout_get_line_readonly (ex->char_layout, 0);
      run = line != NULL && line->runs != NULL ? line->runs->data : NULL;
      if (h == ex->line_height && run != NULL && line->runs->next == NULL &&
          run->item->analysis.font == ex->table_font && run->glyphs->num_glyphs == 1 &&
          (run->glyphs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0)
        advance = w;
    }
  if (ch < G_N_ELEMENTS (ex->latin_advance))
    ex->latin_advance[ch] = advance + 1;
  else
    g_hash_table_insert (ex->advances, GUINT_TO_POINTER (ch), GINT_TO_POINTER (advance));
  return advance;
}

/* Whether @text surely takes one line of @width (Pango units). The sum
 * of the characters' advances is an estimate: kerning and ligatures move
 * it by far less than the margin allowed here. */
static gboolean
text_fits_one_line (Export     *ex,
                    const char *text,
                    int         width)
{
  gint64 sum = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int advance = char_advance (ex, g_utf8_get_char (p));

      if (advance < 0)
        return FALSE;
      sum += advance;
    }
  return sum + sum / 8 + PANGO_SCALE <= width;
}

/* The laid-out text of a cell of a repeating column, made on first use. */
static PangoLayout *
cached_cell (ColumnText *ct,
             const char *text)
{
  PangoLayout *layout = g_hash_table_lookup (ct->cache, text);

  if (layout == NULL)
    {
      layout = pango_layout_copy (ct->layout);
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (ct->cache, g_strdup (text), layout);
    }
  return layout;
}

/* The height of a cell, in Pango units. */
static int
cell_height (Export     *ex,
             ColumnText *ct,
             const char *text)
{
  PangoLayout *layout;
  int h;

  if (ct->cache != NULL)
    layout = cached_cell (ct, text);
  else if (text_fits_one_line (ex, text, ct->width))
    return ex->line_height;
  else
    {
      layout = ct->layout;
      pango_layout_set_text (layout, text, -1);
    }
  pango_layout_get_size (layout, NULL, &h);
  return h;
}

/* The layout that draws a cell. */
static PangoLayout *
cell_layout_for (ColumnText *ct,
                 const char *text)
{
  if (ct->cache != NULL)
    return cached_cell (ct, text);
  pango_layout_set_text (ct->layout, text, -1);
  return ct->layout;
}

/* The cells of row @r of a table (freed by the caller). */
static void
sheets_row_cells (Export *ex,
                  Sheets *t,
                  guint   r,
                  char  **cells)
{
  if (t->table == NULL)
    row_cells (ex, r, cells, ex->findings_start, ex->findings_list);
  else
    {
      char **row = g_ptr_array_index (t->table->rows, r);

      for (guint k = 0; k < t->n_columns; k++)
        cells[k] = g_strdup (row[k]);
    }
}

/* Measures every row and cuts a table into sheets. */
static void
plan_sheets (Export       *ex,
             Sheets       *t,
             const Column *columns,
             guint         n_columns,
             const char   *heading,
             PwTable      *table)
{
  guint n_rows = table != NULL ? table->rows->len : pw_document_get_n_cables (ex->doc);
  double y, top = MARGIN, bottom = table_bottom (ex);

  g_assert (n_columns <= MAX_COLUMNS);
  t->columns = columns;
  t->n_columns = n_columns;
  t->heading = heading;
  t->table = table;
  sheets_text_init (ex, t);

  {
    double h = 0;

    /* Measured in the regular weight, as it always was. */
    for (guint k = 0; k < n_columns; k++)
      {
        PangoLayout *layout = t->column_text[k].layout;
        int lh;

        pango_layout_set_text (layout, _(columns[k].title), -1);
        pango_layout_get_size (layout, NULL, &lh);
        h = MAX (h, (double) lh / PANGO_SCALE);
      }
    t->header_height = h + 2 * ROW_PAD + 2;
  }

  t->row_heights = g_array_sized_new (FALSE, FALSE, sizeof (double), n_rows);
  t->breaks = g_array_new (FALSE, FALSE, sizeof (guint));
  y = bottom + 1;
  for (guint r = 0; r < n_rows; r++)
    {
      char *cells[MAX_COLUMNS];
      int lh = 0;
      double h;

      sheets_row_cells (ex, t, r, cells);
      for (guint k = 0; k < n_columns; k++)
        {
          lh = MAX (lh, cell_height (ex, &t->column_text[k], cells[k]));
          g_free (cells[k]);
        }
      h = (double) lh / PANGO_SCALE + 2 * ROW_PAD;
      g_array_append_val (t->row_heights, h);
      if (y + h > bottom)
        {
          g_array_append_val (t->breaks, r);
          y = top + t->header_height;
        }
      y += h;
    }
  g_array_append_val (t->breaks, n_rows);
}

/* The drawing set's tables: the schedule, then the bill of materials and
 * the input list of DESIGN.md §9. */
static void
plan_tables (Export *ex)
{
  group_findings (ex, &ex->findings_start, &ex->findings_list);
  schedule_text_init (ex);
  plan_sheets (ex, &ex->schedule, schedule_columns, G_N_ELEMENTS (schedule_columns),
               N_("Cable schedule, sheet %u of %u"), NULL);
  plan_sheets (ex, &ex->bom, bom_columns, G_N_ELEMENTS (bom_columns),
               N_("Bill of materials, sheet %u of %u"),
               pw_paperwork_table (ex->doc, ex->analysis, PW_TABLE_BOM));
  plan_sheets (ex, &ex->inputs, inputs_columns, G_N_ELEMENTS (inputs_columns),
               N_("Input list, sheet %u of %u"),
               pw_paperwork_table (ex->doc, ex->analysis, PW_TABLE_INPUTS));
}

static guint
sheets_count (Sheets *t)
{
  return t->breaks->len - 1;
}

/* Text of one font and colour gathered over a sheet, to be shown in one
 * call: a sheet of the schedule is then a handful of text operations for
 * the PDF surface to record and write out instead of one per cell. */
typedef struct
{
  cairo_scaled_font_t *font;
  const PwColor       *color;
  GArray              *glyphs;     /* cairo_glyph_t */
  GArray              *clusters;   /* cairo_text_cluster_t */
  GString             *utf8;
} TextBatch;

static void
text_batch_clear (gpointer data)
{
  TextBatch *b = data;

  cairo_scaled_font_destroy (b->font);
  g_array_unref (b->glyphs);
  g_array_unref (b->clusters);
  g_string_free (b->utf8, TRUE);
}

static TextBatch *
text_batch_get (GArray              *batches,
                cairo_scaled_font_t *font,
                const PwColor       *color)
{
  TextBatch b;

  for (guint i = 0; i < batches->len; i++)
    {
      TextBatch *o = &g_array_index (batches, TextBatch, i);

      if (o->font == font && o->color == color)
        return o;
    }
  b.font = cairo_scaled_font_reference (font);
  b.color = color;
  b.glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  b.clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  b.utf8 = g_string_new (NULL);
  g_array_append_val (batches, b);
  return &g_array_index (batches, TextBatch, batches->len - 1);
}

/* Adds one run of glyphs, its baseline starting at (@x, @y), to the
 * batches, with the text of each glyph cluster so that the PDF's text can
 * be searched and copied. */
static void
text_batch_add_run (GArray         *batches,
                    PangoGlyphItem *run,
                    const char     *text,
                    const PwColor  *color,
                    double          x,
                    double          y)
{
  PangoCairoFont *font = PANGO_CAIRO_FONT (run->item->analysis.font);
  TextBatch *b = text_batch_get (batches, pango_cairo_font_get_scaled_font (font), color);
  const PangoGlyphString *glyphs = run->glyphs;
  const char *item_text = text + run->item->offset;
  int pos = 0;

  /* Left to right, a cluster is a stretch of glyphs with the same
   * log_clusters entry, which is where its text starts in the item. */
  for (int i = 0; i < glyphs->num_glyphs;)
    {
      int start = glyphs->log_clusters[i];
      cairo_text_cluster_t cluster = { 0, 0 };

      for (; i < glyphs->num_glyphs && glyphs->log_clusters[i] == start; i++)
        {
          const PangoGlyphInfo *info = &glyphs->glyphs[i];

          if (info->glyph != PANGO_GLYPH_EMPTY)
            {
              cairo_glyph_t glyph = {
                info->glyph,
                x + (double) (pos + info->geometry.x_offset) / PANGO_SCALE,
                y + (double) info->geometry.y_offset / PANGO_SCALE,
              };

              g_array_append_val (b->glyphs, glyph);
              cluster.num_glyphs++;
            }
          pos += info->geometry.width;
        }
      cluster.num_bytes = (i < glyphs->num_glyphs ? glyphs->log_clusters[i] : run->item->length) -
                          start;
      if (cluster.num_bytes == 0 && cluster.num_glyphs == 0)
        continue;
      g_string_append_len (b->utf8, item_text + start, cluster.num_bytes);
      g_array_append_val (b->clusters, cluster);
    }
}

static gboolean
run_is_plain (PangoGlyphItem *run)
{
  if (run->item->analysis.level % 2 != 0 ||
      !PANGO_IS_CAIRO_FONT (run->item->analysis.font) ||
      pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font)) == NULL)
    return FALSE;
  for (int i = 0; i < run->glyphs->num_glyphs; i++)
    if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
      return FALSE;
  return TRUE;
}

/* Whether every run of @layout can be shown as plain glyphs: left to
 * right, in a cairo font, with no missing glyph for Pango to draw as a
 * box. */
static gboolean
layout_is_plain (PangoLayout *layout)
{
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    for (GSList *r = ((PangoLayoutLine *) l->data)->runs; r != NULL; r = r->next)
      if (!run_is_plain (r->data))
        return FALSE;
  return TRUE;
}

/* Adds @layout with its top left corner at (@x, @y). */
static void
text_batch_add_layout (GArray        *batches,
                       PangoLayout   *layout,
                       const PwColor *color,
                       double         x,
                       double         y)
{
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;

      if (run == NULL)
        continue;
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      text_batch_add_run (batches, run, text, color, x + (double) logical.x / PANGO_SCALE,
                          y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
}

/* Adds @text, known to fit on one line in the table font, with its top
 * left corner at (@x, @y): itemized and shaped as a PangoLayout would,
 * without the rest of a layout's work. FALSE, and nothing added, when it
 * is not plain. */
static gboolean
text_batch_add_line (Export        *ex,
                     GArray        *batches,
                     const char    *text,
                     const PwColor *color,
                     double         x,
                     double         y)
{
  PangoContext *context = pw_render_get_pango_context (ex->render);
  int len = strlen (text);
  GList *items = pango_itemize (context, text, 0, len, ex->table_attrs, NULL);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (PangoGlyphItem));
  gboolean plain = TRUE;
  double run_x = x;

  for (GList *l = items; l != NULL; l = l->next)
    {
      PangoGlyphItem run = { l->data, pango_glyph_string_new (), 0, 0, 0 };

      pango_shape_with_flags (text + run.item->offset, run.item->length, text, len,
                              &run.item->analysis, run.glyphs, PANGO_SHAPE_NONE);
      g_array_append_val (runs, run);
      plain = plain && run_is_plain (&run);
    }
  for (guint i = 0; i < runs->len; i++)
    {
      PangoGlyphItem *run = &g_array_index (runs, PangoGlyphItem, i);

      if (plain)
        {
          text_batch_add_run (batches, run, text, color, run_x, y + ex->baseline);
          run_x += (double) pango_glyph_string_get_width (run->glyphs) / PANGO_SCALE;
        }
      pango_glyph_string_free (run->glyphs);
      pango_item_free (run->item);
    }
  g_list_free (items);
  return plain;
}

static void
text_batch_show (GArray  *batches,
                 cairo_t *cr)
{
  cairo_save (cr);
  for (guint i = 0; i < batches->len; i++)
    {
      TextBatch *b = &g_array_index (batches, TextBatch, i);

      if (b->glyphs->len == 0)
        continue;
      cairo_set_scaled_font (cr, b->font);
      pw_palette_set_source (cr, b->color);
      cairo_show_text_glyphs (cr, b->utf8->str, b->utf8->len,
                              (cairo_glyph_t *) b->glyphs->data, b->glyphs->len,
                              (cairo_text_cluster_t *) b->clusters->data, b->clusters->len, 0);
    }
  cairo_restore (cr);
}

/* The glyphs of a kept layout (a header, or a cell of a repeating
 * column) at the origin, in no colour yet: a layout drawn on every
 * sheet is walked once, then copied into each sheet's batches. */
typedef struct
{
  gboolean plain;
  GArray  *batches;   /* TextBatch, color NULL */
} CellGlyphs;

static void
cell_glyphs_free (gpointer data)
{
  CellGlyphs *cg = data;

  g_clear_pointer (&cg->batches, g_array_unref);
  g_free (cg);
}

/* Draws @layout, which lives as long as @ex, at (@x, @y). */
static void
draw_kept_layout (Export        *ex,
                  cairo_t       *cr,
                  GArray        *batches,
                  PangoLayout   *layout,
                  const PwColor *color,
                  double         x,
                  double         y)
{
  CellGlyphs *cg;

  if (ex->glyph_cache == NULL)
    ex->glyph_cache = g_hash_table_new_full (NULL, NULL, NULL, cell_glyphs_free);
  cg = g_hash_table_lookup (ex->glyph_cache, layout);
  if (cg == NULL)
    {
      cg = g_new0 (CellGlyphs, 1);
      cg->plain = layout_is_plain (layout);
      if (cg->plain)
        {
          cg->batches = g_array_new (FALSE, FALSE, sizeof (TextBatch));
          g_array_set_clear_func (cg->batches, text_batch_clear);
          text_batch_add_layout (cg->batches, layout, NULL, 0, 0);
        }
      g_hash_table_insert (ex->glyph_cache, layout, cg);
    }
  if (!cg->plain)
    {
      pw_palette_set_source (cr, color);
      cairo_move_to (cr, x, y);
      pw_render_show_layout (cr, layout);
      return;
    }
  for (guint i = 0; i < cg->batches->len; i++)
    {
      TextBatch *t = &g_array_index (cg->batches, TextBatch, i);
      TextBatch *b = text_batch_get (batches, t->font, color);
      guint first = b->glyphs->len;

      g_array_append_vals (b->glyphs, t->glyphs->data, t->glyphs->len);
      for (guint k = first; k < b->glyphs->len; k++)
        {
          cairo_glyph_t *g = &g_array_index (b->glyphs, cairo_glyph_t, k);

          g->x += x;
          g->y += y;
        }
      g_array_append_vals (b->clusters, t->clusters->data, t->clusters->len);
      g_string_append_len (b->utf8, t->utf8->str, t->utf8->len);
    }
}

static void
draw_cell (cairo_t       *cr,
           GArray        *batches,
           PangoLayout   *layout,
           const PwColor *color,
           double         x,
           double         y)
{
  if (layout_is_plain (layout))
    text_batch_add_layout (batches, layout, color, x, y);
  else
    {
      pw_palette_set_source (cr, color);
      cairo_move_to (cr, x, y);
      pw_render_show_layout (cr, layout);
    }
}

/* A cell of the schedule; one that surely fits on one line skips the
 * layout. */
static void
draw_schedule_cell (Export        *ex,
                    cairo_t       *cr,
                    GArray        *batches,
                    ColumnText    *ct,
                    const char    *text,
                    const PwColor *color,
                    double         x,
                    double         y)
{
  if (ct->cache != NULL)
    draw_kept_layout (ex, cr, batches, cached_cell (ct, text), color, x, y);
  else if (!text_fits_one_line (ex, text, ct->width) ||
           !text_batch_add_line (ex, batches, text, color, x, y))
    draw_cell (cr, batches, cell_layout_for (ct, text), color, x, y);
}

static void
draw_heading (Export     *ex,
              cairo_t    *cr,
              const char *text,
              double      x,
              double      y)
{
  g_autoptr(PangoLayout) layout =
    pw_render_create_layout (pw_render_get_pango_context (ex->render), text, 10, TRUE);

  pw_palette_set_source (cr, &ex->palette->foreground);
  cairo_move_to (cr, x, y);
  pw_render_show_layout (cr, layout);
}

static void
draw_title_block (Export  *ex,
                  cairo_t *cr)
{
  PwRect r = { ex->page_w - MARGIN - TITLE_WIDTH, ex->page_h - MARGIN - TITLE_HEIGHT,
               TITLE_WIDTH, TITLE_HEIGHT };

  pw_render_draw_title_block (ex->render, cr, ex->palette, &r, ex->date, ex->page, ex->n_pages);
}

static void
draw_sheets_page (Export  *ex,
                  cairo_t *cr,
                  Sheets  *t,
                  guint    sheet)
{
  const PwPalette *p = ex->palette;
  guint first = g_array_index (t->breaks, guint, sheet);
  guint last = g_array_index (t->breaks, guint, sheet + 1);
  g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (TextBatch));
  double column_x[MAX_COLUMNS];
  double width = table_width (ex);
  double y = MARGIN;

  g_array_set_clear_func (batches, text_batch_clear);
  column_x[0] = MARGIN;
  for (guint k = 1; k < t->n_columns; k++)
    column_x[k] = column_x[k - 1] + width * t->columns[k - 1].fraction;

  /* The header: its band, titles and rule. */
  cairo_rectangle (cr, MARGIN, y, width, t->header_height);
  pw_palette_set_source (cr, &p->grid);
  cairo_fill (cr);
  for (guint k = 0; k < t->n_columns; k++)
    draw_kept_layout (ex, cr, batches, t->column_text[k].header, &p->foreground,
                      column_x[k] + ROW_PAD, y + ROW_PAD);
  y += t->header_height;
  cairo_move_to (cr, MARGIN, y);
  cairo_line_to (cr, MARGIN + width, y);
  pw_palette_set_source (cr, &p->foreground);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);

  /* The rows, and then the rules under them in one path: a cell drawn by
   * Pango (a missing glyph's box) would stroke a path left open. */
  for (guint c = first; c < last; c++)
    {
      char *cells[MAX_COLUMNS];
      /* The schedule's findings in the colour of the worst. */
      guint8 worst = t->table == NULL ? pw_render_get_cable_worst (ex->render, c) : 0;

      sheets_row_cells (ex, t, c, cells);
      for (guint k = 0; k < t->n_columns; k++)
        {
          const PwColor *color = &p->foreground;

          if (k == 6 && worst > 0)
            color = pw_palette_severity_color (p, worst - 1);
          draw_schedule_cell (ex, cr, batches, &t->column_text[k], cells[k], color,
                              column_x[k] + ROW_PAD, y + ROW_PAD);
          g_free (cells[k]);
        }
      y += g_array_index (t->row_heights, double, c);
    }
  cairo_new_path (cr);
  y = MARGIN + t->header_height;
  for (guint c = first; c < last; c++)
    {
      y += g_array_index (t->row_heights, double, c);
      cairo_move_to (cr, MARGIN, y);
      cairo_line_to (cr, MARGIN + width, y);
    }
  pw_palette_set_source (cr, &p->grid);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
  text_batch_show (batches, cr);

  {
    g_autofree char *heading = NULL;

    /* The heading is one of plan_tables ()'s formats. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    heading = g_strdup_printf (_(t->heading), sheet + 1, sheets_count (t));
#pragma GCC diagnostic pop

    draw_heading (ex, cr, heading, MARGIN, ex->page_h - MARGIN - 14);
  }
  draw_title_block (ex, cr);
}

/* A sheet item for @cable, which draws its whole run: the run's cables
 * are then covered. */
static void
add_cable_pinout (Export     *ex,
                  guint       cable,
                  double      width,
                  GHashTable *covered)
{
  g_autoptr(GArray) run = pw_pinout_get_run (ex->doc, ex->analysis, cable);
  PinoutItem item = { (int) cable, pw_document_get_cable (ex->doc, cable)->type, 0 };

  item.height = pw_pinout_get_height (ex->doc, ex->analysis, cable, width);
  g_array_append_val (ex->pinout_items, item);
  for (guint i = 0; i < run->len; i++)
    g_hash_table_add (covered, GUINT_TO_POINTER (g_array_index (run, guint, i) + 1));
}

/* Pinout sheets: cables with findings; runs of cables chained end to end
 * and direct connections, whose ports no type sheet shows; then each
 * cable type used. */
static void
plan_pinouts (Export *ex)
{
  guint n_cables = pw_document_get_n_cables (ex->doc);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) covered = g_hash_table_new (NULL, NULL);
  double width = table_width (ex);
  double avail = table_bottom (ex) - MARGIN;
  double y = avail + 1;

  ex->pinout_items = g_array_new (FALSE, FALSE, sizeof (PinoutItem));
  ex->pinout_breaks = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint c = 0; c < n_cables; c++)
    if (pw_render_get_cable_worst (ex->render, c) > 0 &&
        !g_hash_table_contains (covered, GUINT_TO_POINTER (c + 1)))
      add_cable_pinout (ex, c, width, covered);
  for (guint c = 0; c < n_cables; c++)
    {
      g_autoptr(GArray) run = NULL;

      if (g_hash_table_contains (covered, GUINT_TO_POINTER (c + 1)))
        continue;
      run = pw_pinout_get_run (ex->doc, ex->analysis, c);
      if (run->len > 1 || pw_cable_type_is_direct (pw_document_get_cable (ex->doc, c)->type))
        add_cable_pinout (ex, c, width, covered);
    }
  for (guint c = 0; c < n_cables; c++)
    {
      PwCableType *type = pw_document_get_cable (ex->doc, c)->type;
      PinoutItem item = { -1, type, 0 };

      if (g_hash_table_contains (seen, type) || pw_cable_type_is_direct (type))
        continue;
      g_hash_table_add (seen, type);
      item.height = pw_pinout_type_get_height (type, width);
      g_array_append_val (ex->pinout_items, item);
    }

  for (guint i = 0; i < ex->pinout_items->len; i++)
    {
      PinoutItem *item = &g_array_index (ex->pinout_items, PinoutItem, i);
      double h = 20 + MIN (item->height, avail - 20) + 14;

      if (y + h > avail)
        {
          g_array_append_val (ex->pinout_breaks, i);
          y = 0;
        }
      y += h;
    }
  g_array_append_val (ex->pinout_breaks, ex->pinout_items->len);
}

static void
draw_pinout_page (Export  *ex,
                  cairo_t *cr,
                  guint    sheet)
{
  guint first = g_array_index (ex->pinout_breaks, guint, sheet);
  guint last = g_array_index (ex->pinout_breaks, guint, sheet + 1);
  double width = table_width (ex);
  double avail = table_bottom (ex) - MARGIN;
  double y = MARGIN;

  for (guint i = first; i < last; i++)
    {
      PinoutItem *item = &g_array_index (ex->pinout_items, PinoutItem, i);
      g_autofree char *heading = NULL;
      double h = MIN (item->height, avail - 20);
      double s = item->height > 0 ? h / item->height : 1;

      g_autoptr(GArray) run = item->cable >= 0 ? pw_pinout_get_run (ex->doc, ex->analysis,
                                                                    (guint) item->cable) : NULL;

      if (run != NULL && run->len > 1)
        {
          PwCable *head = pw_document_get_cable (ex->doc, g_array_index (run, guint, 0));
          PwCable *tail = pw_document_get_cable (ex->doc, g_array_index (run, guint, run->len - 1));

          heading = g_strdup_printf (_("Pinout of the run %s to %s, %u cables end to end"),
                                     head->label && *head->label ? head->label : head->id,
                                     tail->label && *tail->label ? tail->label : tail->id,
                                     run->len);
        }
      else if (item->cable >= 0)
        {
          PwCable *cable = pw_document_get_cable (ex->doc, item->cable);
          guint from = pw_paperwork_cable_from_end (cable);
          g_autofree char *a = describe_end (cable, from);
          g_autofree char *b = describe_end (cable, from == 0 && cable->type->n_ends > 1 ? 1 : 0);

          heading = g_strdup_printf (_("Pinout of cable %s: %s → %s"),
                                     cable->label && *cable->label ? cable->label : cable->id, a, b);
        }
      else
        heading = g_strdup_printf (_("Cable type %s: %s"), item->type->id,
                                   item->type->name ? item->type->name : "");
      draw_heading (ex, cr, heading, MARGIN, y);
      y += 20;

      cairo_save (cr);
      cairo_translate (cr, MARGIN + (width - width * s) / 2, y);
      cairo_scale (cr, s, s);
      if (item->cable >= 0)
        pw_pinout_draw (cr, ex->doc, ex->analysis, item->cable, ex->palette, width);
      else
        pw_pinout_draw_type (cr, item->type, ex->palette, width);
      cairo_restore (cr);
      y += h + 14;
    }
  draw_title_block (ex, cr);
}

/* The diagram inside @area: all of it fitted (detail < 0), or part
 * @detail of the tiles at DETAIL_SCALE. */
/* The revision list: a ruled table of the newest revisions (revision,
 * date, what changed), oldest at the top as drawing registers read. */
#define REVISIONS_SHOWN 6
#define REVISIONS_ROW   12.0
#define REVISIONS_GAP   8.0

static double
revisions_height (Export *ex)
{
  guint n = MIN (pw_document_get_revisions (ex->doc)->len, REVISIONS_SHOWN);

  return n == 0 ? 0 : REVISIONS_GAP + (n + 1) * REVISIONS_ROW + 4;
}

static void
revisions_cell (Export     *ex,
                cairo_t    *cr,
                const char *text,
                gboolean    bold,
                double      x,
                double      y,
                double      width)
{
  g_autoptr(PangoLayout) layout =
    pw_render_create_layout (pw_render_get_pango_context (ex->render), text, 7.5, bold);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pw_palette_set_source (cr, &ex->palette->foreground);
  cairo_move_to (cr, x, y + 1.5);
  pw_render_show_layout (cr, layout);
}

static void
draw_revisions (Export  *ex,
                cairo_t *cr,
                double   x,
                double   y,
                double   width)
{
  GArray *revisions = pw_document_get_revisions (ex->doc);
  guint n = MIN (revisions->len, REVISIONS_SHOWN);
  double rev_w = 60, date_w = 64;
  double height = (n + 1) * REVISIONS_ROW + 4;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  pw_palette_set_source (cr, &ex->palette->card_border);
  cairo_set_line_width (cr, 0.75);
  cairo_stroke (cr);

  revisions_cell (ex, cr, _("Revision"), TRUE, x + 4, y + 1, rev_w - 8);
  revisions_cell (ex, cr, _("Date"), TRUE, x + rev_w + 4, y + 1, date_w - 8);
  revisions_cell (ex, cr, _("What changed"), TRUE, x + rev_w + date_w + 4, y + 1,
                  width - rev_w - date_w - 8);
  for (guint i = 0; i < n; i++)
    {
      PwRevision *r = &g_array_index (revisions, PwRevision, revisions->len - n + i);
      double ry = y + 1 + (i + 1) * REVISIONS_ROW;

      cairo_move_to (cr, x, ry);
      cairo_line_to (cr, x + width, ry);
      pw_palette_set_source (cr, &ex->palette->grid);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
      revisions_cell (ex, cr, r->revision, TRUE, x + 4, ry, rev_w - 8);
      revisions_cell (ex, cr, r->date, FALSE, x + rev_w + 4, ry, date_w - 8);
      revisions_cell (ex, cr, r->changes, FALSE, x + rev_w + date_w + 4, ry,
                      width - rev_w - date_w - 8);
    }
  cairo_restore (cr);
}

static void
draw_diagram_page (Export       *ex,
                   cairo_t      *cr,
                   int           detail)
{
  PwRect bounds, area, visible;
  double legend_w, legend_h, scale, ox, oy;

  pw_render_get_bounds (ex->render, &bounds);
  pw_render_legend_size (ex->render, &legend_w, &legend_h);
  area.x = MARGIN;
  area.y = MARGIN;
  area.width = ex->page_w - 2 * MARGIN - MAX (legend_w, TITLE_WIDTH) - COLUMN_GAP;
  area.height = ex->page_h - 2 * MARGIN;
  /* The first sheet carries the revision list under the diagram. */
  if (detail < 0)
    area.height -= revisions_height (ex);

  bounds.x -= DIAGRAM_PAD;
  bounds.y -= DIAGRAM_PAD;
  bounds.width += 2 * DIAGRAM_PAD;
  bounds.height += 2 * DIAGRAM_PAD;

  if (detail < 0)
    {
      scale = MIN (area.width / MAX (bounds.width, 1), area.height / MAX (bounds.height, 1));
      scale = MIN (scale, 1.5);
      ox = area.x + (area.width - bounds.width * scale) / 2 - bounds.x * scale;
      oy = area.y + (area.height - bounds.height * scale) / 2 - bounds.y * scale;
      visible = bounds;
    }
  else
    {
      guint tx = detail % ex->tiles_x, ty = detail / ex->tiles_x;

      scale = DETAIL_SCALE;
      visible.x = bounds.x + tx * (ex->tile_w - TILE_OVERLAP);
      visible.y = bounds.y + ty * (ex->tile_h - TILE_OVERLAP);
      visible.width = ex->tile_w;
      visible.height = ex->tile_h;
      ox = area.x - visible.x * scale;
      oy = area.y - visible.y * scale;
    }

  cairo_save (cr);
  cairo_rectangle (cr, area.x, area.y, area.width, area.height);
  cairo_clip (cr);
  cairo_translate (cr, ox, oy);
  cairo_scale (cr, scale, scale);
  /* Paper is read up close: draw text at any scale a reader could zoom to. */
  pw_render_draw (ex->render, cr, ex->palette, &visible, scale * 4);
  cairo_restore (cr);

  cairo_rectangle (cr, area.x, area.y, area.width, area.height);
  pw_palette_set_source (cr, &ex->palette->card_border);
  cairo_set_line_width (cr, 0.75);
  cairo_stroke (cr);

  if (detail >= 0)
    {
      g_autofree char *caption =
        g_strdup_printf (_("Diagram, part %d of %u (row %u, column %u)"), detail + 1,
                         ex->tiles_x * ex->tiles_y, detail / ex->tiles_x + 1,
                         detail % ex->tiles_x + 1);

      draw_heading (ex, cr, caption, area.x + 6, area.y + 4);
    }

  if (detail < 0 && revisions_height (ex) > 0)
    draw_revisions (ex, cr, area.x, area.y + area.height + REVISIONS_GAP, area.width);

  pw_render_draw_legend (ex->render, cr, ex->palette,
                         ex->page_w - MARGIN - MAX (legend_w, TITLE_WIDTH), MARGIN);
  draw_title_block (ex, cr);
}

static void
plan_details (Export *ex)
{
  PwRect bounds;
  double legend_w, legend_h, aw, ah, fit;

  pw_render_get_bounds (ex->render, &bounds);
  pw_render_legend_size (ex->render, &legend_w, &legend_h);
  aw = ex->page_w - 2 * MARGIN - MAX (legend_w, TITLE_WIDTH) - COLUMN_GAP;
  ah = ex->page_h - 2 * MARGIN;
  bounds.width += 2 * DIAGRAM_PAD;
  bounds.height += 2 * DIAGRAM_PAD;
  fit = MIN (aw / MAX (bounds.width, 1), ah / MAX (bounds.height, 1));

  ex->tiles_x = ex->tiles_y = 0;
  if (fit >= LEGIBLE_SCALE || pw_document_get_n_devices (ex->doc) == 0)
    return;
  /* Parts overlap by TILE_OVERLAP, so that a card cut at one edge is
   * whole on the next sheet. */
  ex->tile_w = aw / DETAIL_SCALE;
  ex->tile_h = ah / DETAIL_SCALE;
  ex->tiles_x = (guint) MAX (1, ceil ((bounds.width - TILE_OVERLAP) / (ex->tile_w - TILE_OVERLAP)));
  ex->tiles_y = (guint) MAX (1, ceil ((bounds.height - TILE_OVERLAP) / (ex->tile_h - TILE_OVERLAP)));
  /* A plan that would need a wall of sheets is printed as the overview
   * and the schedule only. */
  if (ex->tiles_x * ex->tiles_y > MAX_DETAIL_PAGES)
    ex->tiles_x = ex->tiles_y = 0;
}

static gboolean
check_surface (cairo_surface_t *surface,
               const char      *path,
               GError         **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

/* A PDF at @tmp with the plan's title, client, venue and revision, or
 * NULL with @error set. */
static cairo_surface_t *
pdf_surface_new (Export      *ex,
                 const char  *tmp,
                 const char  *path,
                 double       w,
                 double       h,
                 GError     **error)
{
  g_autofree char *title = pw_document_dup_display_title (ex->doc);
  g_autofree char *subject = pw_render_dup_client_venue (ex->doc);
  const char *revision = pw_document_get_field (ex->doc, PW_PLAN_REVISION);
  cairo_surface_t *surface = cairo_pdf_surface_create (tmp, w, h);

  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  title != NULL ? title : _("Untitled plan"));
  if (*subject != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  if (*revision != '\0')
    {
      g_autofree char *keywords = g_strdup_printf (_("Revision %s"), revision);

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Patchwise " PW_VERSION);
  return surface;
}

static gboolean
write_pdf (Export     *ex,
           const char *tmp,
           const char *path,
           PwPaper     paper,
           GError    **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_details, n_tables, n_pinout;
  gboolean ok;

  paper_size (paper, &ex->page_w, &ex->page_h);
  plan_details (ex);
  plan_tables (ex);
  plan_pinouts (ex);
  n_details = ex->tiles_x * ex->tiles_y;
  n_tables = sheets_count (&ex->schedule) + sheets_count (&ex->bom) +
             sheets_count (&ex->inputs);
  n_pinout = ex->pinout_breaks->len - 1;
  ex->n_pages = 1 + n_details + n_tables + n_pinout;

  if ((surface = pdf_surface_new (ex, tmp, path, ex->page_w, ex->page_h, error)) == NULL)
    return FALSE;
  cr = cairo_create (surface);

  ex->page = 1;
  draw_diagram_page (ex, cr, -1);
  cairo_show_page (cr);
  for (guint i = 0; i < n_details; i++)
    {
      ex->page++;
      draw_diagram_page (ex, cr, i);
      cairo_show_page (cr);
    }
  {
    Sheets *tables[] = { &ex->schedule, &ex->bom, &ex->inputs };

    for (guint k = 0; k < G_N_ELEMENTS (tables); k++)
      for (guint i = 0; i < sheets_count (tables[k]); i++)
        {
          ex->page++;
          draw_sheets_page (ex, cr, tables[k], i);
          cairo_show_page (cr);
        }
  }
  for (guint i = 0; i < n_pinout; i++)
    {
      ex->page++;
      draw_pinout_page (ex, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

/* PNG and SVG: the diagram at @scale with the legend and title block in a
 * column on its right. */
static void
image_size (Export *ex,
            double  scale,
            double *w,
            double *h)
{
  PwRect bounds;
  double legend_w, legend_h;

  pw_render_get_bounds (ex->render, &bounds);
  pw_render_legend_size (ex->render, &legend_w, &legend_h);
  *w = (bounds.width + 2 * DIAGRAM_PAD + COLUMN_GAP + MAX (legend_w, TITLE_WIDTH) + MARGIN) * scale;
  *h = (MAX (bounds.height + 2 * DIAGRAM_PAD, legend_h + COLUMN_GAP + TITLE_HEIGHT) + 2 * MARGIN) *
       scale;
}

static void
draw_image (Export  *ex,
            cairo_t *cr,
            double   scale,
            gboolean vector)
{
  PwRect bounds, title;
  double legend_w, legend_h, w, h, column_x;

  pw_render_get_bounds (ex->render, &bounds);
  pw_render_legend_size (ex->render, &legend_w, &legend_h);
  image_size (ex, 1, &w, &h);

  cairo_scale (cr, scale, scale);
  pw_palette_set_source (cr, &ex->palette->background);
  cairo_paint (cr);

  cairo_save (cr);
  cairo_translate (cr, MARGIN + DIAGRAM_PAD - bounds.x, MARGIN + DIAGRAM_PAD - bounds.y);
  pw_render_draw (ex->render, cr, ex->palette, NULL, vector ? MAX (scale * 4, 1) : scale);
  cairo_restore (cr);

  column_x = w - MARGIN - MAX (legend_w, TITLE_WIDTH);
  pw_render_draw_legend (ex->render, cr, ex->palette, column_x, MARGIN);
  title = (PwRect) { column_x, MARGIN + legend_h + COLUMN_GAP, TITLE_WIDTH, TITLE_HEIGHT };
  pw_render_draw_title_block (ex->render, cr, ex->palette, &title, ex->date, 1, 1);
}

/* A PNG of a large plan is a hundred million pixels or more, and libpng's
 * choice of a filter for every row at zlib's default level took most of
 * the export. The same pixels (8-bit RGBA, unpremultiplied, as cairo
 * writes them) go out here with the "up" filter, which turns the plain
 * background of a diagram into zeros, and fast deflate. */

static guint32 png_crc_table[256];

static guint32
png_crc (guint32       crc,
         const guint8 *data,
         gsize         length)
{
  for (gsize i = 0; i < length; i++)
    crc = png_crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc;
}

static gboolean
png_chunk (FILE         *out,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  guint8 head[8] = { length >> 24, length >> 16, length >> 8, length, type[0], type[1], type[2],
                     type[3] };
  guint32 crc = png_crc (png_crc (0xffffffff, head + 4, 4), data, length) ^ 0xffffffff;
  guint8 tail[4] = { crc >> 24, crc >> 16, crc >> 8, crc };

  return fwrite (head, 1, 8, out) == 8 && (length == 0 || fwrite (data, 1, length, out) == length) &&
         fwrite (tail, 1, 4, out) == 4;
}

static gboolean
write_png_file (cairo_surface_t *surface,
                const char      *path)
{
  static gsize crc_ready = 0;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *pixels;
  g_autoptr(GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 1);
  g_autofree guint8 *row = g_new (guint8, 1 + 4 * (gsize) width);
  g_autofree guint8 *previous = g_new0 (guint8, 4 * (gsize) width);
  g_autofree guint8 *filtered = g_new (guint8, 1 + 4 * (gsize) width);
  gsize out_size = 1 << 20, out_len = 0;
  g_autofree guint8 *out_buf = g_malloc (out_size);
  guint8 ihdr[13] = { width >> 24, width >> 16, width >> 8, width,
                      height >> 24, height >> 16, height >> 8, height,
                      8, 6, 0, 0, 0 };
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gboolean ok;
  FILE *out;

  if (g_once_init_enter (&crc_ready))
    {
      for (guint32 n = 0; n < 256; n++)
        {
          guint32 c = n;

          for (guint k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
          png_crc_table[n] = c;
        }
      g_once_init_leave (&crc_ready, 1);
    }

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  if ((out = g_fopen (path, "wb")) == NULL)
    return FALSE;
  ok = fwrite (signature, 1, 8, out) == 8 && png_chunk (out, "IHDR", ihdr, sizeof ihdr);

  for (int y = 0; ok && y <= height; y++)
    {
      const guint8 *in = NULL;
      gsize in_len = 0;
      GConverterFlags flags = G_CONVERTER_NO_FLAGS;

      if (y < height)
        {
          const guint32 *src = (const guint32 *) (pixels + (gsize) y * stride);
          guint8 *rgba = row + 1;

          /* Premultiplied native-endian ARGB to straight RGBA. */
          for (int x = 0; x < width; x++, rgba += 4)
            {
              guint32 p = src[x];
              guint a = p >> 24;

              if (a == 0xff)
                {
                  rgba[0] = p >> 16;
                  rgba[1] = p >> 8;
                  rgba[2] = p;
                }
              else if (a == 0)
                rgba[0] = rgba[1] = rgba[2] = 0;
              else
                {
                  rgba[0] = (((p >> 16) & 0xff) * 255 + a / 2) / a;
                  rgba[1] = (((p >> 8) & 0xff) * 255 + a / 2) / a;
                  rgba[2] = ((p & 0xff) * 255 + a / 2) / a;
                }
              rgba[3] = a;
            }
          /* The "up" filter: each byte less the one above it. */
          filtered[0] = 2;
          for (gsize i = 0; i < 4 * (gsize) width; i++)
            filtered[1 + i] = row[1 + i] - previous[i];
          memcpy (previous, row + 1, 4 * (gsize) width);
          in = filtered;
          in_len = 1 + 4 * (gsize) width;
        }
      else
        flags = G_CONVERTER_INPUT_AT_END;

      for (;;)
        {
          gsize read = 0, written = 0;
          GConverterResult result;

          if (out_size - out_len < 65536)
            {
              ok = png_chunk (out, "IDAT", out_buf, out_len);
              out_len = 0;
              if (!ok)
                break;
            }
          result = g_converter_convert (G_CONVERTER (zlib), in, in_len, out_buf + out_len,
                                        out_size - out_len, flags, &read, &written, NULL);
          if (result == G_CONVERTER_ERROR)
            {
              ok = FALSE;
              break;
            }
          out_len += written;
          in += read;
          in_len -= read;
          if (result == G_CONVERTER_FINISHED || (in_len == 0 && flags == G_CONVERTER_NO_FLAGS))
            break;
        }
    }
  if (ok && out_len > 0)
    ok = png_chunk (out, "IDAT", out_buf, out_len);
  ok = ok && png_chunk (out, "IEND", NULL, 0);
  ok = (fclose (out) == 0) && ok;
  return ok;
}

static gboolean
write_png (Export     *ex,
           const char *tmp,
           const char *path,
           double      scale,
           GError    **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double w, h;

  image_size (ex, scale, &w, &h);
  if (MAX (w, h) > PW_EXPORT_MAX_PIXELS)
    {
      scale *= PW_EXPORT_MAX_PIXELS / MAX (w, h);
      image_size (ex, scale, &w, &h);
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (w), (int) ceil (h));
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cr = cairo_create (surface);
  draw_image (ex, cr, scale, FALSE);
  cairo_destroy (cr);
  status = write_png_file (surface, tmp) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* SVG text. cairo 1.16 writes each glyph as an outline (a <use> of a
 * <symbol>), which nothing can search or select. The glyphs are drawn as
 * usual, and every run of text the renderer draws is recorded beside them;
 * afterwards each group of glyphs cairo wrote is replaced, in place, by
 * the run it came from as <text>: a <text> per line, a <tspan> per run at
 * the place pango put it, in the font pango chose. Replacing in place
 * keeps the stacking (a cable label still covers a card's text beneath
 * it). textLength holds a run to pango's width where a viewer lacks the
 * font. Should cairo's groups not match the runs one for one, the glyphs
 * stay and the text goes on top, transparent: searchable all the same. */
typedef struct
{
  char    *text;
  char    *family;
  double   x, y, width, size, angle;
  int      weight;
  gboolean italic;
  gboolean line_start;
  double   rgba[4];
} SvgRun;

static void
svg_run_clear (gpointer data)
{
  SvgRun *r = data;

  g_free (r->text);
  g_free (r->family);
}

static void
svg_record_run (const PwTextRun *run,
                gpointer         user_data)
{
  GArray *runs = user_data;
  SvgRun r = { 0 };

  r.text = g_strdup (run->text);
  r.family = g_strdup (run->family ? run->family : "DejaVu Sans");
  r.x = run->x;
  r.y = run->y;
  r.width = run->width;
  r.size = run->size;
  r.angle = run->angle;
  r.weight = run->weight;
  r.italic = run->italic;
  r.line_start = run->line_start;
  memcpy (r.rgba, run->rgba, sizeof r.rgba);
  g_array_append_val (runs, r);
}

static const char *
svg_num (char   *buf,
         double  value)
{
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", value);
}

/* The line of text that starts at run @first, as one <text>; returns the
 * run after it. */
static guint
svg_append_line (GString *out,
                 GArray  *runs,
                 guint    first,
                 gboolean hidden)
{
  SvgRun *r0 = &g_array_index (runs, SvgRun, first);
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean rotated = fabs (r0->angle) > 1e-6;
  guint i;

  g_string_append_printf (out, "<text fill=\"#%02x%02x%02x\"",
                          (int) round (CLAMP (r0->rgba[0], 0, 1) * 255),
                          (int) round (CLAMP (r0->rgba[1], 0, 1) * 255),
                          (int) round (CLAMP (r0->rgba[2], 0, 1) * 255));
  if (hidden)
    g_string_append (out, " fill-opacity=\"0\"");
  else if (r0->rgba[3] < 1)
    g_string_append_printf (out, " fill-opacity=\"%s\"",
                            g_ascii_formatd (a, sizeof a, "%.3f", CLAMP (r0->rgba[3], 0, 1)));
  if (rotated)
    g_string_append_printf (out, " transform=\"rotate(%s %s %s)\"",
                            g_ascii_formatd (a, sizeof a, "%.4f", r0->angle * 180 / G_PI),
                            svg_num (b, r0->x), svg_num (c, r0->y));
  g_string_append_c (out, '>');

  for (i = first; i < runs->len; i++)
    {
      SvgRun *r = &g_array_index (runs, SvgRun, i);
      g_autofree char *text = NULL;
      g_autofree char *family = NULL;
      double x = r->x, y = r->y;

      if (i > first && r->line_start)
        break;
      if (rotated)
        {
          /* Positions in the frame of the line, which the transform turns. */
          double co = cos (-r0->angle), si = sin (-r0->angle);
          double ux = r->x - r0->x, uy = r->y - r0->y;

          x = r0->x + co * ux - si * uy;
          y = r0->y + si * ux + co * uy;
        }
      text = g_markup_escape_text (r->text, -1);
      family = g_markup_escape_text (r->family, -1);
      g_string_append_printf (out, "<tspan x=\"%s\" y=\"%s\" font-family=\"%s%s\" ",
                              svg_num (a, x), svg_num (b, y), family,
                              g_str_equal (r->family, "DejaVu Sans")
                                ? ", Cantarell, sans-serif"
                                : ", DejaVu Sans, Cantarell, sans-serif");
      g_string_append_printf (out, "font-size=\"%s\" font-weight=\"%d\"%s",
                              g_ascii_formatd (a, sizeof a, "%.3f", r->size), r->weight,
                              r->italic ? " font-style=\"italic\"" : "");
      if (r->width > 0)
        g_string_append_printf (out, " textLength=\"%s\" lengthAdjust=\"spacingAndGlyphs\"",
                                svg_num (a, r->width));
      g_string_append_printf (out, ">%s</tspan>", text);
    }
  g_string_append (out, "</text>\n");
  return i;
}

/* cairo 1.16 writes each run of glyphs as
 *   <g style="…">\n
 *     <use xlink:href="#glyphN-M" x="…" y="…"/>\n   (one or more)
 *   </g>\n
 * and each glyph's outline as a <symbol id="glyphN-M">…</symbol>. These
 * are read by hand: a regular expression over a plan of thousands of
 * devices is slow without PCRE's JIT, and the JIT reads past the end of
 * its subject, which memory checkers cannot tell from a bug. */

/* Finds @needle in [@p, @end). Not strstr (): the sanitizers check the
 * whole rest of the subject on every call, which turns a pass over a
 * large SVG into a quadratic one. */
static const char *
find (const char *p,
      const char *end,
      const char *needle)
{
  gsize n = strlen (needle);

  while (p < end && (p = memchr (p, needle[0], end - p)) != NULL)
    {
      if ((gsize) (end - p) >= n && memcmp (p, needle, n) == 0)
        return p;
      p++;
    }
  return NULL;
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Reads one <use …/> line; returns the end of it, or NULL. */
static const char *
read_use (const char *p,
          double     *x,
          double     *y)
{
  static const char head[] = "<use xlink:href=\"#glyph";
  char *end;

  p = skip_blanks (p);
  if (strncmp (p, head, sizeof head - 1) != 0)
    return NULL;
  /* Past the glyph's name to the quote that closes it. */
  p = strchr (p + sizeof head - 1, '"');
  if (p == NULL || strncmp (p, "\" x=\"", 5) != 0)
    return NULL;
  *x = g_ascii_strtod (p + 5, &end);
  if (strncmp (end, "\" y=\"", 5) != 0)
    return NULL;
  *y = g_ascii_strtod (end + 5, &end);
  if (strncmp (end, "\"/>\n", 4) != 0)
    return NULL;
  return end + 4;
}

/* Reads a whole glyph group at @p; returns its end and its first glyph's
 * place, or NULL when @p holds something else. */
static const char *
read_glyph_group (const char *p,
                  double     *x,
                  double     *y)
{
  const char *next;
  double ux, uy;

  p = strchr (p + strlen ("<g style=\""), '"');
  if (p == NULL || strncmp (p, "\">\n", 3) != 0)
    return NULL;
  p += 3;
  if ((next = read_use (p, x, y)) == NULL)
    return NULL;
  for (p = next; (next = read_use (p, &ux, &uy)) != NULL; p = next)
    ;
  p = skip_blanks (p);
  if (strncmp (p, "</g>\n", 5) != 0)
    return NULL;
  return p + 5;
}

/* Each glyph group replaced by its run, in place; FALSE, and @out
 * untouched, when groups and runs do not pair up. */
static gboolean
svg_replace_glyphs (const char *contents,
                    GArray     *runs,
                    GString    *out)
{
  static const char group_head[] = "<g style=\"";
  static const char symbol_head[] = "<symbol overflow=\"visible\" id=\"glyph";
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) result = g_string_new (NULL);
  const char *done = contents, *p = contents;
  const char *contents_end = contents + strlen (contents);
  const char *body_end;
  guint k = 0;

  while ((p = find (p, contents_end, group_head)) != NULL)
    {
      double gx, gy;
      const char *end = read_glyph_group (p, &gx, &gy);
      SvgRun *r;

      if (end == NULL)
        {
          p += sizeof group_head - 1;
          continue;
        }
      if (k >= runs->len)
        return FALSE;
      r = &g_array_index (runs, SvgRun, k);
      /* The first glyph sits at the start of the run's baseline (give or
       * take a glyph offset). */
      if (fabs (gx - r->x) > MAX (r->size, 1) || fabs (gy - r->y) > MAX (r->size, 1) / 2)
        return FALSE;
      g_string_append_len (body, done, p - done);
      if (r->line_start)
        svg_append_line (body, runs, k, FALSE);
      done = p = end;
      k++;
    }
  if (k != runs->len)
    return FALSE;
  g_string_append (body, done);

  /* No glyph is used any more: drop their outlines. */
  done = p = body->str;
  body_end = body->str + body->len;
  while ((p = find (p, body_end, symbol_head)) != NULL)
    {
      const char *end = find (p, body_end, "</symbol>\n");

      if (end == NULL)
        return FALSE;
      g_string_append_len (result, done, p - done);
      done = p = end + strlen ("</symbol>\n");
    }
  g_string_append (result, done);
  g_string_append_len (out, result->str, result->len);
  return TRUE;
}

static gboolean
svg_add_text (const char *tmp,
              const char *path,
              GArray     *runs,
              GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (tmp, &contents, NULL, &local))
    goto fail;
  if (!svg_replace_glyphs (contents, runs, out))
    {
      const char *end = g_strrstr (contents, "</svg>");

      g_debug ("SVG export: glyphs and text runs do not pair up; text goes on top");
      if (end == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                       _("the SVG has no end"));
          return FALSE;
        }
      g_string_append_len (out, contents, end - contents);
      g_string_append (out, "<g id=\"text\">\n");
      for (guint i = 0; i < runs->len;)
        i = svg_append_line (out, runs, i, TRUE);
      g_string_append (out, "</g>\n");
      g_string_append (out, end);
    }
  if (!g_file_set_contents (tmp, out->str, out->len, &local))
    goto fail;
  return TRUE;

fail:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
               local->message);
  return FALSE;
}

static gboolean
write_svg (Export     *ex,
           const char *tmp,
           const char *path,
           double      scale,
           GError    **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  gboolean ok;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (SvgRun));

  g_array_set_clear_func (runs, svg_run_clear);
  image_size (ex, scale, &w, &h);
  surface = cairo_svg_surface_create (tmp, w, h);
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cr = cairo_create (surface);
  pw_render_set_text_sink (cr, svg_record_run, runs, TRUE);
  draw_image (ex, cr, scale, TRUE);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  return ok && svg_add_text (tmp, path, runs, error);
}

/* Labels */

#define MM 2.834645669   /* points per millimetre */
#define LABEL_SHEET_EDGE_MM 4.0   /* what printers leave unprinted */
#define LABEL_GAP_MM 2.5

static void
paper_size_upright (PwPaper paper,
                    double *w,
                    double *h)
{
  paper_size (paper, h, w);
}

gboolean
pw_export_label_grid (PwPaper paper,
                      double  w_mm,
                      double  h_mm,
                      guint  *n_columns,
                      guint  *n_rows)
{
  double pw, ph;

  paper_size_upright (paper, &pw, &ph);
  pw /= MM;
  ph /= MM;
  if (!(w_mm > 0 && h_mm > 0))
    return FALSE;
  /* The grid of the common sheets: as many as fit inside the edge the
   * printer leaves, columns a little apart, rows touching (65 per A4 at
   * 38.1 × 21.2 mm). */
  *n_columns = (guint) floor ((pw - 2 * LABEL_SHEET_EDGE_MM + LABEL_GAP_MM) /
                              (w_mm + LABEL_GAP_MM));
  if (*n_columns == 0 || floor ((pw - 2 * LABEL_SHEET_EDGE_MM) / w_mm) > *n_columns)
    *n_columns = (guint) floor ((pw - 2 * LABEL_SHEET_EDGE_MM) / w_mm);
  *n_rows = (guint) floor ((ph - 2 * LABEL_SHEET_EDGE_MM) / h_mm);
  return *n_columns > 0 && *n_rows > 0;
}

static PwLinkClass
link_class_from_string (const char *name)
{
  for (PwLinkClass k = PW_LINK_BALANCED; k <= PW_LINK_OPEN; k++)
    if (g_str_equal (pw_link_class_to_string (k), name))
      return k;
  return PW_LINK_BROKEN;
}

static void
label_text_size (PangoLayout *layout,
                 double       size)
{
  PangoFontDescription *desc = pango_font_description_copy (
    pango_layout_get_font_description (layout));

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

/* One label: the text as large as fits above the link-class mark (a
 * stretch of the class's line and its short name, as on the diagram). */
static void
draw_label (cairo_t         *cr,
            PangoContext    *context,
            const PwPalette *palette,
            const char      *text,
            PwLinkClass      klass,
            double           x,
            double           y,
            double           w,
            double           h)
{
  double pad = MIN (w, h) * 0.08;
  double mark_h = MIN (h * 0.22, 9);
  double tw = w - 2 * pad, th = h - 2 * pad - mark_h - pad / 2;
  g_autoptr(PangoLayout) layout = pw_render_create_layout (context, text, 12, TRUE);
  g_autoptr(PangoLayout) mark = NULL;
  int lo = 0, hi = 22, lw, lh;   /* sizes 3 + k / 2 pt: 3 to 14 */

  pango_layout_set_width (layout, tw * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* The largest size whose wrapped text fits the height (the width it
   * always fits, breaking a long word if it must). */
  while (lo < hi)
    {
      int mid = (lo + hi + 1) / 2;

      label_text_size (layout, 3 + mid / 2.0);
      pango_layout_get_size (layout, &lw, &lh);
      if ((double) lh / PANGO_SCALE <= th)
        lo = mid;
      else
        hi = mid - 1;
    }
  label_text_size (layout, 3 + lo / 2.0);
  pango_layout_get_size (layout, &lw, &lh);
  if ((double) lh / PANGO_SCALE > th)
    {
      pango_layout_set_height (layout, th * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  pw_palette_set_source (cr, &palette->foreground);
  cairo_move_to (cr, x + pad, y + pad);
  pw_render_show_layout (cr, layout);

  mark = pw_render_create_layout (context, pw_render_link_class_label (klass), mark_h * 0.8, TRUE);
  pango_layout_get_size (mark, &lw, &lh);
  {
    double my = y + h - pad - mark_h / 2;
    double label_x = x + w - pad - (double) lw / PANGO_SCALE;

    cairo_move_to (cr, label_x, my - (double) lh / PANGO_SCALE / 2);
    pw_render_show_layout (cr, mark);
    cairo_move_to (cr, x + pad, my);
    cairo_line_to (cr, label_x - pad, my);
    pw_palette_set_source (cr, &palette->link[klass]);
    cairo_set_line_width (cr, 1.2);
    pw_palette_set_link_dash (cr, klass, 1.2);
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
  }
  cairo_restore (cr);
}

static void
label_size (const PwExportOptions *options,
            double                *w_mm,
            double                *h_mm)
{
  *w_mm = options->label_w_mm > 0 ? options->label_w_mm : PW_LABEL_DEFAULT_W_MM;
  *h_mm = options->label_h_mm > 0 ? options->label_h_mm : PW_LABEL_DEFAULT_H_MM;
}

static guint
draw_label_sheet (cairo_t               *cr,
                  PangoContext          *context,
                  const PwTable         *labels,
                  const PwExportOptions *options,
                  guint                  page)
{
  const PwPalette *palette = pw_palette_get (FALSE);
  double pw, ph, w_mm, h_mm, w, h, gap, x0, y0;
  guint n_columns, n_rows, per_sheet, n_sheets;

  label_size (options, &w_mm, &h_mm);
  if (!pw_export_label_grid (options->paper, w_mm, h_mm, &n_columns, &n_rows))
    return 0;
  paper_size_upright (options->paper, &pw, &ph);
  w = w_mm * MM;
  h = h_mm * MM;
  gap = n_columns > 1 ? MIN (LABEL_GAP_MM * MM,
                             (pw - 2 * LABEL_SHEET_EDGE_MM * MM - n_columns * w) / (n_columns - 1))
                      : 0;
  x0 = (pw - n_columns * w - (n_columns - 1) * gap) / 2;
  y0 = (ph - n_rows * h) / 2;
  per_sheet = n_columns * n_rows;
  n_sheets = MAX (1, (labels->rows->len + per_sheet - 1) / per_sheet);

  for (guint i = page * per_sheet; cr != NULL && i < MIN (labels->rows->len, (page + 1) * per_sheet);
       i++)
    {
      char **row = g_ptr_array_index (labels->rows, i);
      guint k = i - page * per_sheet;

      /* row: label, end, text, link class */
      draw_label (cr, context, palette, row[2], link_class_from_string (row[3]),
                  x0 + (k % n_columns) * (w + gap), y0 + (k / n_columns) * h, w, h);
    }
  return n_sheets;
}

guint
pw_export_draw_label_sheet (cairo_t               *cr,
                            PwDocument            *doc,
                            PwAnalysis            *analysis,
                            const PwExportOptions *options,
                            guint                  page)
{
  g_autoptr(PwTable) labels = pw_paperwork_table (doc, analysis, PW_TABLE_LABELS);
  PangoContext *context = pw_render_create_pango_context ();
  guint n = draw_label_sheet (cr, context, labels, options, page);

  g_object_unref (context);
  return n;
}

static gboolean
write_label_pdf (Export                *ex,
                 const PwExportOptions *options,
                 const char            *tmp,
                 const char            *path,
                 GError               **error)
{
  g_autoptr(PwTable) labels = pw_paperwork_table (ex->doc, ex->analysis, PW_TABLE_LABELS);
  g_autoptr(GObject) context = G_OBJECT (pw_render_create_pango_context ());
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_sheets;
  double pw, ph;
  gboolean ok;

  paper_size_upright (options->paper, &pw, &ph);
  if ((surface = pdf_surface_new (ex, tmp, path, pw, ph, error)) == NULL)
    return FALSE;
  cr = cairo_create (surface);
  n_sheets = draw_label_sheet (NULL, PANGO_CONTEXT (context), labels, options, 0);
  for (guint page = 0; page < n_sheets; page++)
    {
      draw_label_sheet (cr, PANGO_CONTEXT (context), labels, options, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (ok && n_sheets == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Could not write “%s”: not one label of that size fits on the sheet"), path);
      ok = FALSE;
    }
  return ok;
}

static gboolean
write_csv (Export                *ex,
           PwTableKind            kind,
           const char            *tmp,
           const char            *path,
           GError               **error)
{
  g_autoptr(PwTable) table = pw_paperwork_table (ex->doc, ex->analysis, kind);
  g_autoptr(GError) local = NULL;
  g_autofree char *csv = NULL;
  gsize length;

  csv = pw_table_to_csv (table, &length);
  if (g_file_set_contents (tmp, csv, length, &local))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
               local->message);
  return FALSE;
}

gboolean
pw_export_to_file (PwDocument            *doc,
                   PwAnalysis            *analysis,
                   const char            *path,
                   PwExportFormat         format,
                   const PwExportOptions *options,
                   GError               **error)
{
  g_autoptr(PwAnalysis) own = NULL;
  g_autofree char *tmp = NULL;
  PwExportOptions defaults = { PW_PAPER_A4, 1.0, FALSE, NULL, PW_TABLE_NONE, 0, 0 };
  Export ex = { 0 };
  double scale;
  gboolean ok = FALSE, paperwork;
  int fd;

  g_return_val_if_fail (PW_IS_DOCUMENT (doc), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  scale = options->scale > 0 ? options->scale : 1.0;

  /* The tables and the label sheet draw no diagram: they need neither
   * positions nor the renderer. */
  paperwork = format == PW_EXPORT_CSV ||
              (format == PW_EXPORT_PDF && options->table == PW_TABLE_LABELS);

  /* Devices without coordinates get them; a new analysis then sees the
   * same document (positions do not change findings). */
  if (!paperwork)
    pw_layout_arrange (doc, FALSE);
  if (analysis == NULL)
    analysis = own = pw_analysis_new (doc);

  ex.doc = doc;
  ex.analysis = analysis;
  ex.render = paperwork ? NULL : pw_render_new (doc, analysis);
  ex.palette = pw_palette_get (options->dark);
  ex.date = options->date ? g_strdup (options->date) : default_date ();

  /* A temporary file beside the target, renamed over it when complete:
   * a failed export never leaves half a file. */
  tmp = g_strdup_printf ("%s.XXXXXX", path);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not write “%s”: %s"),
                   path, g_strerror (saved));
      export_clear (&ex);
      return FALSE;
    }
  close (fd);

  switch (format)
    {
    case PW_EXPORT_PDF:
      if (options->table == PW_TABLE_LABELS)
        ok = write_label_pdf (&ex, options, tmp, path, error);
      else
        ok = write_pdf (&ex, tmp, path, options->paper, error);
      break;
    case PW_EXPORT_CSV:
      ok = write_csv (&ex, options->table != PW_TABLE_NONE ? options->table : PW_TABLE_SCHEDULE,
                      tmp, path, error);
      break;
    case PW_EXPORT_PNG:
      ok = write_png (&ex, tmp, path, scale, error);
      break;
    case PW_EXPORT_SVG:
    default:
      ok = write_svg (&ex, tmp, path, scale, error);
      break;
    }

  if (ok)
    {
      /* mkstemp made the file private; an export is an ordinary file. */
      mode_t mask = umask (0);

      umask (mask);
      g_chmod (tmp, 0666 & ~mask);
      if (g_rename (tmp, path) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not write “%s”: %s"), path, g_strerror (saved));
          ok = FALSE;
        }
    }
  if (!ok)
    g_unlink (tmp);
  export_clear (&ex);
  return ok;
}
