/* test-export.c: patchwise export, run as a user runs it; the outputs
 * read back with pdfinfo, pdftotext and rsvg-convert.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "pw-analysis.h"
#include "pw-format.h"
#include "pw-render.h"

static char *tmpdir;

static char *
plan_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "render", name, NULL);
}

/* Runs argv; returns the exit status, and stdout/stderr when asked. */
static int
run (const char * const *argv,
     char              **out,
     char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL, *e = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &o, &e, &status,
                &error);
  g_assert_no_error (error);
  if (out)
    *out = g_steal_pointer (&o);
  if (err)
    *err = g_steal_pointer (&e);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static int
export (const char  *plan,
        const char  *output,
        const char  *extra,
        char       **err)
{
  const char *exe = g_getenv ("PATCHWISE");
  const char *argv[] = { exe, "export", plan, "-o", output, extra, NULL };

  g_assert_nonnull (exe);
  return run (argv, NULL, err);
}

static gboolean
tool_missing (const char *tool)
{
  g_autofree char *path = g_find_program_in_path (tool);

  if (path != NULL)
    return FALSE;
  /* build-aux/dev installs the tools: a missing one is a failure, not a skip. */
  g_test_fail_printf ("%s is not installed (build-aux/dev installs it)", tool);
  return TRUE;
}

/* pdftotext output with runs of white space made single spaces, so that
 * a wrapped message still reads as one. */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  g_assert_cmpint (run (argv, &out, NULL), ==, 0);
  return g_regex_replace_literal (space, out, -1, 0, " ", 0, NULL);
}

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  const char *line;

  g_assert_cmpint (run (argv, &out, NULL), ==, 0);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static void
test_pdf (void)
{
  g_autofree char *plan = plan_path ("studio.patchwise");
  g_autofree char *pdf = g_build_filename (tmpdir, "studio.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = NULL;
  g_autoptr(PwAnalysis) analysis = NULL;
  guint pages;

  if (tool_missing ("pdftotext") || tool_missing ("pdfinfo"))
    return;

  g_assert_cmpint (export (plan, pdf, "--paper=a4", NULL), ==, 0);
  pages = pdf_pages (pdf);
  /* Diagram, cable schedule, and at least one pinout sheet. */
  g_assert_cmpuint (pages, >=, 3);
  text = pdf_text (pdf);

  g_assert_nonnull (strstr (text, "Project studio"));
  g_assert_nonnull (strstr (text, "Cable schedule"));
  g_assert_nonnull (strstr (text, "Sheet 1 of"));

  doc = pw_format_load_file (plan, &error);
  g_assert_no_error (error);
  analysis = pw_analysis_new (doc);

  /* Every finding's message is printed. */
  g_assert_cmpuint (pw_analysis_get_n_findings (analysis), >, 0);
  for (guint i = 0; i < pw_analysis_get_n_findings (analysis); i++)
    {
      const char *message = pw_code_get_message (pw_analysis_get_finding (analysis, i)->code);

      if (strstr (text, message) == NULL)
        g_error ("the PDF lacks the finding “%s”", message);
    }
  /* Schedule rows: each cable's label and its ends. */
  g_assert_nonnull (strstr (text, "Vocal mic: Out Desk: Ch 1"));
  g_assert_nonnull (strstr (text, "Desk: Tape out L Recorder: In 1"));
  g_assert_nonnull (strstr (text, "Desk: Aux 1 end b open"));
  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    g_assert_nonnull (strstr (text, pw_document_get_cable (doc, c)->id));
}

/* Writes @to: the plan @from with the text @find, found once, replaced. */
static void
write_edited (const char *from,
              const char *to,
              const char *find,
              const char *replace)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) edited = NULL;

  g_file_get_contents (from, &contents, NULL, &error);
  g_assert_no_error (error);
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, find, replace, 1), ==, 1);
  g_file_set_contents (to, edited->str, edited->len, &error);
  g_assert_no_error (error);
}

/* The schedule shows most of its text in batches of glyphs and the rest
 * (right-to-left runs, missing glyphs) through Pango: both must come out
 * as text, in any script. */
static void
test_pdf_scripts (void)
{
  g_autofree char *studio = plan_path ("studio.patchwise");
  g_autofree char *plan = g_build_filename (tmpdir, "scripts.patchwise", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "scripts.pdf", NULL);
  g_autofree char *text = NULL;

  if (tool_missing ("pdftotext") || tool_missing ("pdfinfo"))
    return;

  write_edited (studio, plan, "\"name\": \"Vocal mic\"",
                "\"name\": \"Vocal mic מיקרופון マイク \U0001F3A4\"");

  g_assert_cmpint (export (plan, pdf, "--paper=a4", NULL), ==, 0);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Vocal mic"));
  g_assert_nonnull (strstr (text, "מיקרופון"));
  g_assert_nonnull (strstr (text, "マイク"));
  g_assert_nonnull (strstr (text, "Desk: Tape out L Recorder: In 1"));
  g_assert_nonnull (strstr (text, "Desk: Aux 1 end b open"));
}

/* Three leads chained end to end: the pinout sheet draws the run whole,
 * naming each cable in order and the contacts joined at each junction; a
 * direct connection's sheet shows the two ports that mate. */
static void
test_pdf_run (void)
{
  static const char run_plan[] =
    "{ \"format\": \"patchwise\", \"version\": 1, \"title\": \"Run\",\n"
    "  \"devices\": [ { \"id\": \"mic1\", \"type\": \"dynamic-mic\", \"name\": \"Vocal mic\" },\n"
    "                 { \"id\": \"desk\", \"type\": \"live-desk-16\", \"name\": \"Desk\" } ],\n"
    "  \"cables\": [\n"
    "    { \"id\": \"C3\", \"type\": \"xlr-f-m\", \"label\": \"C3\",\n"
    "      \"ends\": { \"b\": { \"device\": \"desk\", \"port\": \"ch1\" } } },\n"
    "    { \"id\": \"C1\", \"type\": \"xlr-f-m\", \"label\": \"C1\",\n"
    "      \"ends\": { \"a\": { \"device\": \"mic1\", \"port\": \"out\" },\n"
    "                \"b\": { \"cable\": \"C2\", \"end\": \"a\" } } },\n"
    "    { \"id\": \"C2\", \"type\": \"xlr-f-m\", \"label\": \"C2\",\n"
    "      \"ends\": { \"b\": { \"cable\": \"C3\", \"end\": \"a\" } } } ] }\n";
  g_autofree char *plan = g_build_filename (tmpdir, "run.patchwise", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "run.pdf", NULL);
  g_autofree char *direct = g_test_build_filename (G_TEST_DIST, "checks",
                                                   "output-short-quiet-direct-headphones.patchwise",
                                                   NULL);
  g_autofree char *direct_pdf = g_build_filename (tmpdir, "direct.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (tool_missing ("pdftotext") || tool_missing ("pdfinfo"))
    return;

  g_file_set_contents (plan, run_plan, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (export (plan, pdf, "--paper=a4", NULL), ==, 0);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Pinout of the run C1 to C3, 3 cables end to end"));
  g_assert_nonnull (strstr (text, "C1 → C2 → C3"));
  g_assert_nonnull (strstr (text, "C1 b (XLR 3-pin male) ⇄ C2 a (XLR 3-pin female)"));
  g_assert_nonnull (strstr (text, "C2 b (XLR 3-pin male) ⇄ C3 a (XLR 3-pin female)"));
  /* One sheet for the run, not one per cable of it. */
  g_assert_null (strstr (text, "Pinout of cable C2"));
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (export (direct, direct_pdf, "--paper=a4", NULL), ==, 0);
  text = pdf_text (direct_pdf);
  g_assert_nonnull (strstr (text, "plugged straight in, no cable"));
  g_assert_nonnull (strstr (text, "Pinout of cable D1: Headphone amplifier"));
  g_assert_null (strstr (text, "Cable type direct"));
}

/* The plan's client, venue and revision are in every title block and in
 * the PDF's metadata; an untitled plan is called by its file's name. */
static void
test_pdf_plan_fields (void)
{
  g_autofree char *studio = plan_path ("studio.patchwise");
  g_autofree char *plan = g_build_filename (tmpdir, "Hall 2 stage.patchwise", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "fields.pdf", NULL);
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  guint pages, found = 0;
  const char *at;

  if (tool_missing ("pdftotext") || tool_missing ("pdfinfo"))
    return;

  write_edited (studio, plan, "\"title\": \"Project studio\",",
                "\"client\": \"Radio Nord\", \"venue\": \"Studio 4\", \"revision\": \"C2\", "
                "\"revisions\": [{\"revision\": \"C1\", \"date\": \"2026-11-02\", "
                "\"changes\": \"first issue\"}, {\"revision\": \"C2\", \"date\": "
                "\"2026-11-20\", \"changes\": \"changed cable C4; added device mic3\"}],");

  g_assert_cmpint (export (plan, pdf, "--paper=a4", NULL), ==, 0);
  pages = pdf_pages (pdf);
  text = pdf_text (pdf);
  g_assert_null (strstr (text, "Untitled plan"));
  for (at = text; (at = strstr (at, "Radio Nord · Studio 4")) != NULL; at++)
    found++;
  g_assert_cmpuint (found, ==, pages);
  found = 0;
  for (at = text; (at = strstr (at, "Revision C2")) != NULL; at++)
    found++;
  g_assert_cmpuint (found, ==, pages);
  g_assert_nonnull (strstr (text, "Hall 2 stage"));
  /* The revision list, on the first sheet. */
  g_assert_nonnull (strstr (text, "What changed"));
  g_assert_nonnull (strstr (text, "2026-11-02"));
  g_assert_nonnull (strstr (text, "first issue"));
  g_assert_nonnull (strstr (text, "changed cable C4; added device mic3"));

  g_assert_cmpint (run (argv, &info, NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^Title: +Hall 2 stage$", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Subject: +Radio Nord · Studio 4$", info,
                                          G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Keywords: +Revision C2$", info, G_REGEX_MULTILINE, 0));
}

static void
test_pdf_paper (void)
{
  g_autofree char *plan = plan_path ("speakers.patchwise");
  g_autofree char *pdf = g_build_filename (tmpdir, "speakers-a3.pdf", NULL);
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;

  if (tool_missing ("pdfinfo"))
    return;
  g_assert_cmpint (export (plan, pdf, "--paper=a3", NULL), ==, 0);
  g_assert_cmpint (run (argv, &out, NULL), ==, 0);
  /* A3 landscape. */
  g_assert_nonnull (strstr (out, "1190.55 x 841.89"));
}

static void
test_svg (void)
{
  g_autofree char *plan = plan_path ("speakers.patchwise");
  g_autofree char *svg = g_build_filename (tmpdir, "speakers.svg", NULL);
  g_autofree char *png = g_build_filename (tmpdir, "speakers-from-svg.png", NULL);
  const char *argv[] = { "rsvg-convert", "-o", png, svg, NULL };
  g_autofree char *err = NULL;
  cairo_surface_t *surface;

  if (tool_missing ("rsvg-convert"))
    return;
  g_assert_cmpint (export (plan, svg, "--dark", NULL), ==, 0);
  g_assert_cmpint (run (argv, NULL, &err), ==, 0);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), >, 800);
  cairo_surface_destroy (surface);
}

/* The text content of every <text> element of an SVG, read with a real
 * XML parser: one string per element, its <tspan>s joined. */
typedef struct
{
  GPtrArray *texts;
  GString   *current;       /* inside a <text> */
} SvgTexts;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgTexts *st = user_data;

  if (g_str_equal (element, "text"))
    {
      g_assert_null (st->current);
      st->current = g_string_new (NULL);
    }
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  SvgTexts *st = user_data;

  if (g_str_equal (element, "text"))
    {
      g_assert_nonnull (st->current);
      g_ptr_array_add (st->texts, g_string_free (g_steal_pointer (&st->current), FALSE));
    }
}

static void
svg_chars (GMarkupParseContext  *context,
           const char           *text,
           gsize                 len,
           gpointer              user_data,
           GError              **error)
{
  SvgTexts *st = user_data;

  if (st->current != NULL)
    g_string_append_len (st->current, text, len);
}

static GPtrArray *
svg_texts (const char *contents)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_chars, NULL, NULL };
  SvgTexts st = { g_ptr_array_new_with_free_func (g_free), NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &st, NULL);
  g_autoptr(GError) error = NULL;

  g_markup_parse_context_parse (context, contents, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_null (st.current);
  return st.texts;
}

static gboolean
has_text (GPtrArray  *texts,
          const char *wanted,
          gboolean    prefix)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const char *t = g_ptr_array_index (texts, i);

      if (prefix ? g_str_has_prefix (t, wanted) : g_str_equal (t, wanted))
        return TRUE;
    }
  return FALSE;
}

/* A PNG scaled to @w × @h, on white. */
static cairo_surface_t *
load_scaled (const char *png,
             int         w,
             int         h)
{
  cairo_surface_t *src = cairo_image_surface_create_from_png (png);
  cairo_surface_t *dst = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (dst);

  g_assert_cmpint (cairo_surface_status (src), ==, CAIRO_STATUS_SUCCESS);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, (double) w / cairo_image_surface_get_width (src),
               (double) h / cairo_image_surface_get_height (src));
  cairo_set_source_surface (cr, src, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (src);
  cairo_surface_flush (dst);
  return dst;
}

/* Mean absolute difference of two images of one size, per channel, 0–255. */
static double
mean_difference (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  const guint8 *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  guint64 sum = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        sum += ABS ((int) da[y * sa + 4 * x + c] - (int) db[y * sb + 4 * x + c]);
  return (double) sum / ((double) w * h * 3);
}

static double
svg_png_difference (const char *svg,
                    const char *png,
                    const char *from_svg)
{
  /* At 72 dpi a point of the SVG is a pixel, as in the PNG at scale 1. */
  const char *argv[] = { "rsvg-convert", "--dpi-x=72", "--dpi-y=72", "-o", from_svg, svg, NULL };
  g_autofree char *err = NULL;
  cairo_surface_t *ref, *img, *probe;
  double diff;
  int w, h;

  g_assert_cmpint (run (argv, NULL, &err), ==, 0);
  probe = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (probe), ==, CAIRO_STATUS_SUCCESS);
  /* A quarter of the size: what differs then is what is drawn, not how a
   * renderer antialiases an edge or rounds the page to whole pixels. */
  w = cairo_image_surface_get_width (probe) / 4;
  h = cairo_image_surface_get_height (probe) / 4;
  cairo_surface_destroy (probe);
  ref = load_scaled (png, w, h);
  img = load_scaled (from_svg, w, h);
  diff = mean_difference (ref, img);
  cairo_surface_destroy (ref);
  cairo_surface_destroy (img);
  return diff;
}

/* The SVG carries its text as <text>, not as outlines of glyphs, and
 * still looks like the PNG. */
static void
test_svg_text (void)
{
  g_autofree char *plan = plan_path ("studio.patchwise");
  g_autofree char *svg = g_build_filename (tmpdir, "studio.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwDocument) doc = NULL;
  g_autoptr(PwAnalysis) analysis = NULL;

  g_assert_cmpint (export (plan, svg, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  /* No glyph outlines left. */
  g_assert_null (strstr (contents, "<symbol"));
  g_assert_null (strstr (contents, "#glyph"));
  texts = svg_texts (contents);

  doc = pw_format_load_file (plan, &error);
  g_assert_no_error (error);
  analysis = pw_analysis_new (doc);

  /* Every device's name, whole, in a <text> of its own. */
  g_assert_cmpuint (pw_document_get_n_devices (doc), >, 0);
  for (guint i = 0; i < pw_document_get_n_devices (doc); i++)
    {
      PwDevice *d = pw_document_get_device (doc, i);
      const char *name = d->name ? d->name : d->id;

      if (!has_text (texts, name, FALSE))
        g_error ("the SVG lacks the device name “%s” as text", name);
    }
  /* Every plugged cable's label: "C1 · BAL · 10 m", then its type in
   * words, never its id. */
  for (guint c = 0; c < pw_document_get_n_cables (doc); c++)
    {
      PwCable *cable = pw_document_get_cable (doc, c);
      g_autofree char *label = NULL;

      if (cable->ends[0].device == NULL && cable->ends[1].device == NULL)
        continue;
      label = g_strdup_printf ("%s · %s", cable->label && *cable->label ? cable->label : cable->id,
                               pw_render_link_class_label (pw_analysis_get_link_class (analysis, c)));
      if (!has_text (texts, label, TRUE))
        g_error ("the SVG lacks the cable label “%s” as text", label);
      if (has_text (texts, cable->type_id, FALSE))
        g_error ("the SVG shows the cable type's id “%s” where its name belongs", cable->type_id);
    }
  /* The diagram shows findings as badges; their words are in the legend
   * and their counts in the title block. */
  g_assert_true (has_text (texts, "error: damage or no signal", FALSE));
  g_assert_true (has_text (texts, "warning: audible problem", FALSE));
  summary = g_strdup_printf ("%u errors, %u warnings, %u infos",
                             pw_analysis_count (analysis, PW_SEVERITY_ERROR, FALSE),
                             pw_analysis_count (analysis, PW_SEVERITY_WARNING, FALSE),
                             pw_analysis_count (analysis, PW_SEVERITY_INFO, FALSE));
  g_assert_true (has_text (texts, summary, FALSE));
  g_assert_true (has_text (texts, "Project studio", FALSE));

}

/* ...and still looks like the PNG: rsvg-convert renders it like the PNG
 * export of the plan; the same SVG with its text taken out is the measure
 * of what text contributes. */
static void
test_svg_text_render (void)
{
  g_autofree char *plan = plan_path ("studio.patchwise");
  g_autofree char *svg = g_build_filename (tmpdir, "studio-render.svg", NULL);
  g_autofree char *bare = g_build_filename (tmpdir, "studio-no-text.svg", NULL);
  g_autofree char *png = g_build_filename (tmpdir, "studio.png", NULL);
  g_autofree char *from_svg = g_build_filename (tmpdir, "studio-from-svg.png", NULL);
  g_autofree char *from_bare = g_build_filename (tmpdir, "studio-no-text.png", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *no_text = NULL;
  g_autoptr(GRegex) text_element = NULL;
  double diff, diff_bare;

  if (tool_missing ("rsvg-convert"))
    return;
  g_assert_cmpint (export (plan, svg, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_cmpint (export (plan, png, NULL, NULL), ==, 0);
  diff = svg_png_difference (svg, png, from_svg);
  text_element = g_regex_new ("<text[^>]*>.*?</text>\\n?", G_REGEX_DOTALL, 0, NULL);
  no_text = g_regex_replace_literal (text_element, contents, -1, 0, "", 0, NULL);
  g_assert_true (g_file_set_contents (bare, no_text, -1, NULL));
  diff_bare = svg_png_difference (bare, png, from_bare);
  g_test_message ("mean difference from the PNG: %.3f; without text: %.3f", diff, diff_bare);
  g_assert_cmpfloat (diff, <, 1.0);
  g_assert_cmpfloat (diff, <, diff_bare / 4);
}

static void
test_png_scale (void)
{
  g_autofree char *plan = plan_path ("speakers.patchwise");
  g_autofree char *one = g_build_filename (tmpdir, "one.png", NULL);
  g_autofree char *two = g_build_filename (tmpdir, "two.png", NULL);
  cairo_surface_t *a, *b;

  g_assert_cmpint (export (plan, one, "--scale=1", NULL), ==, 0);
  g_assert_cmpint (export (plan, two, "--scale=2", NULL), ==, 0);
  a = cairo_image_surface_create_from_png (one);
  b = cairo_image_surface_create_from_png (two);
  g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (ABS (cairo_image_surface_get_width (b) - 2 * cairo_image_surface_get_width (a)),
                   <=, 2);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static gboolean
dir_has_stray_files (const char *dir,
                     const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return TRUE;
  return FALSE;
}

static void
test_bad_input (void)
{
  g_autofree char *bad = g_build_filename (tmpdir, "broken.patchwise", NULL);
  g_autofree char *out = g_build_filename (tmpdir, "broken.pdf", NULL);
  g_autofree char *missing = g_build_filename (tmpdir, "no-such-plan.patchwise", NULL);
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (bad, "{ \"format\": \"patchwise\", \"version\": 1, ", -1, NULL));
  g_assert_cmpint (export (bad, out, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "broken.patchwise"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (dir_has_stray_files (tmpdir, "broken.pdf"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (export (missing, out, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no-such-plan.patchwise"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_usage (void)
{
  g_autofree char *plan = plan_path ("speakers.patchwise");
  g_autofree char *doc = g_build_filename (tmpdir, "plan.docx", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "usage.pdf", NULL);
  const char *exe = g_getenv ("PATCHWISE");
  const char *no_output[] = { exe, "export", plan, NULL };
  const char *no_plan[] = { exe, "export", "-o", pdf, NULL };
  g_autofree char *err = NULL;

  g_assert_cmpint (export (plan, doc, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "plan.docx"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (export (plan, pdf, "--paper=a5", &err), ==, 2);
  g_assert_nonnull (strstr (err, "a5"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (export (plan, pdf, "--scale=0", NULL), ==, 2);
  g_assert_cmpint (run (no_output, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "speakers.patchwise"));
  g_assert_cmpint (run (no_plan, NULL, NULL), ==, 2);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* A folder that does not exist: the export fails and writes nothing. */
static void
test_unwritable (void)
{
  g_autofree char *plan = plan_path ("speakers.patchwise");
  g_autofree char *out = g_build_filename (tmpdir, "no-such-dir", "out.png", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (export (plan, out, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "out.png"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Replacing an existing export leaves no temporary file beside it. */
static void
test_replace (void)
{
  g_autofree char *plan = plan_path ("speakers.patchwise");
  g_autofree char *out = g_build_filename (tmpdir, "replace.svg", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (out, "old", -1, NULL));
  g_assert_cmpint (export (plan, out, NULL, NULL), ==, 0);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_false (dir_has_stray_files (tmpdir, "replace.svg."));
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("SOURCE_DATE_EPOCH", "1767225600", TRUE);
  tmpdir = g_dir_make_tmp ("patchwise-export-XXXXXX", &error);
  g_assert_no_error (error);

  /* /export/tools/: read back with poppler's and librsvg's command-line tools, which the
   * Flatpak SDK's build sandbox lacks (tests/meson.build runs them as the export-tools test);
   * /export/core/: patchwise alone. */
  g_test_add_func ("/export/tools/pdf", test_pdf);
  g_test_add_func ("/export/tools/pdf-paper", test_pdf_paper);
  g_test_add_func ("/export/tools/pdf-plan-fields", test_pdf_plan_fields);
  g_test_add_func ("/export/tools/pdf-scripts", test_pdf_scripts);
  g_test_add_func ("/export/tools/pdf-run", test_pdf_run);
  g_test_add_func ("/export/tools/svg", test_svg);
  g_test_add_func ("/export/tools/svg-text-render", test_svg_text_render);
  g_test_add_func ("/export/core/svg-text", test_svg_text);
  g_test_add_func ("/export/core/png-scale", test_png_scale);
  g_test_add_func ("/export/core/bad-input", test_bad_input);
  g_test_add_func ("/export/core/usage", test_usage);
  g_test_add_func ("/export/core/unwritable", test_unwritable);
  g_test_add_func ("/export/core/replace", test_replace);

  status = g_test_run ();
  remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
