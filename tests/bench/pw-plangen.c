/* pw-plangen.c: realistic synthetic plans for the benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>

#include "pw-plangen.h"
#include "pw-render.h"

#define N_COLUMNS    8
#define COLUMN_STEP  (PW_RENDER_CARD_WIDTH + 170.0)
#define CARD_GAP     28.0
#define UNIT_GAP     240.0
#define N_CHANNELS   16
#define N_WEDGES     6

typedef enum {
  SOURCE_DYNAMIC,
  SOURCE_CONDENSER,
  SOURCE_SDC,
  SOURCE_BOUNDARY,
  SOURCE_RIBBON,
  SOURCE_DI_GUITAR,
  SOURCE_DI_BASS,
  SOURCE_DI_KEYS,
} Source;

typedef struct
{
  PwDocument *doc;
  PwTypeSet  *catalogue;
  guint64     state;
  guint       n_mistakes;

  /* The unit being built: its prefix, cable count, and how far down each
   * column its cards reach. */
  char        prefix;
  guint       unit;
  guint       unit_cables;
  guint       unit_first;
  double      column_y[N_COLUMNS];
  GArray     *columns;           /* guint8 per device: its column in its unit */
  GArray     *units;             /* Unit */
} Gen;

typedef struct
{
  guint  first, n;
  double width, height;
} Unit;

static const char * const channel_names[N_CHANNELS] = {
  "Kick", "Snare", "Hi-hat", "Tom 1", "Tom 2", "Floor tom", "OH L", "OH R",
  "Bass", "Guitar 1", "Guitar 2", "Keys", "Vox 1", "Vox 2", "Vox 3", "Spare",
};

/* splitmix64: small, fast and the same everywhere, unlike rand (). */
static guint64
next_random (Gen *g)
{
  guint64 z = (g->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static double
uniform (Gen *g)
{
  return (next_random (g) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
chance (Gen    *g,
        double  p)
{
  return uniform (g) < p;
}

static double
length_between (Gen    *g,
                double  lo,
                double  hi)
{
  /* Cables come in whole and half metres. */
  return round ((lo + uniform (g) * (hi - lo)) * 2) / 2;
}

G_GNUC_PRINTF (4, 5)
static PwDevice *
add_device (Gen        *g,
            const char *type_id,
            guint       column,
            const char *format,
            ...)
{
  PwDeviceType *type = pw_type_set_lookup_device (g->catalogue, type_id);
  guint n = pw_document_get_n_devices (g->doc);
  g_autofree char *id = g_strdup_printf ("d%u", n + 1);
  g_autofree char *name = NULL;
  PwDevice *device;
  double width, height;
  guint8 col = column;
  va_list args;

  g_assert (type != NULL && column < N_COLUMNS);
  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);

  device = pw_device_new (id, type);
  device->name = g_strdup_printf ("%c%u %s", g->prefix, g->unit, name);
  pw_render_card_size (type, &width, &height);
  device->x = column * COLUMN_STEP;
  device->y = g->column_y[column];
  device->has_position = TRUE;
  g->column_y[column] += height + CARD_GAP;
  pw_document_add_device (g->doc, device);
  g_array_append_val (g->columns, col);
  return device;
}

static void
plug (PwCable    *cable,
      guint       end,
      PwDevice   *device,
      const char *port)
{
  if (device == NULL || port == NULL)
    return;
  cable->ends[end].device = device;
  cable->ends[end].port = pw_device_type_find_port (device->type, port);
  g_assert (cable->ends[end].port >= 0);
}

/* End a of the cable type into (@a, @pa), end b into (@b, @pb); a NULL
 * port leaves that end unplugged. */
static PwCable *
connect (Gen        *g,
         const char *cable_type,
         PwDevice   *a,
         const char *pa,
         PwDevice   *b,
         const char *pb,
         double      length_m)
{
  PwCableType *type = pw_type_set_lookup_cable (g->catalogue, cable_type);
  g_autofree char *id = g_strdup_printf ("C%u", pw_document_get_n_cables (g->doc) + 1);
  PwCable *cable;

  g_assert (type != NULL && type->n_ends >= 2);
  cable = pw_cable_new (id, type);
  cable->label = g_strdup_printf ("%c%u-%u", g->prefix, g->unit, ++g->unit_cables);
  if (type->kind == PW_CABLE_KIND_CABLE)
    {
      cable->length_m = length_m;
      cable->has_length = TRUE;
    }
  plug (cable, 0, a, pa);
  plug (cable, 1, b, pb);
  pw_document_add_cable (g->doc, cable);
  return cable;
}

static void
set_phantom (PwDevice   *device,
             const char *port)
{
  device->phantom_on[pw_device_type_find_port (device->type, port)] = TRUE;
}

static void
begin_unit (Gen  *g,
            char  prefix)
{
  g->prefix = prefix;
  g->unit++;
  g->unit_cables = 0;
  g->unit_first = pw_document_get_n_devices (g->doc);
  for (guint i = 0; i < N_COLUMNS; i++)
    g->column_y[i] = 0;
}

/* Each column of the unit centred on the tallest. */
static void
end_unit (Gen *g)
{
  Unit unit = { g->unit_first, pw_document_get_n_devices (g->doc) - g->unit_first, 0, 0 };
  guint last = 0;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      unit.height = MAX (unit.height, g->column_y[i] - CARD_GAP);
      if (g->column_y[i] > 0)
        last = i;
    }
  unit.width = last * COLUMN_STEP + PW_RENDER_CARD_WIDTH;
  for (guint i = unit.first; i < unit.first + unit.n; i++)
    {
      PwDevice *d = pw_document_get_device (g->doc, i);
      guint8 col = g_array_index (g->columns, guint8, i);

      d->y += floor ((unit.height - (g->column_y[col] - CARD_GAP)) / 2);
    }
  g_array_append_val (g->units, unit);
}

static guint
source_devices (Source s)
{
  return s >= SOURCE_DI_GUITAR ? 2 : 1;
}

static Source
pick_source (Gen   *g,
             guint  channel)
{
  double r = uniform (g);

  /* Drums and vocals on dynamics, overheads on condensers, bass, guitars
   * and keys often through DI boxes. */
  if (channel == 8)
    return r < 0.7 ? SOURCE_DI_BASS : SOURCE_DYNAMIC;
  if (channel == 11)
    return r < 0.8 ? SOURCE_DI_KEYS : SOURCE_CONDENSER;
  if (channel == 9 || channel == 10)
    return r < 0.25 ? SOURCE_DI_GUITAR : r < 0.92 ? SOURCE_DYNAMIC : SOURCE_RIBBON;
  if (channel == 6 || channel == 7)
    return r < 0.7 ? SOURCE_CONDENSER : r < 0.9 ? SOURCE_SDC : SOURCE_RIBBON;
  if (channel == 0)
    return r < 0.8 ? SOURCE_DYNAMIC : SOURCE_BOUNDARY;
  if (channel == 15)
    return r < 0.5 ? SOURCE_CONDENSER : SOURCE_DYNAMIC;
  return r < 0.88 ? SOURCE_DYNAMIC : r < 0.97 ? SOURCE_CONDENSER : SOURCE_SDC;
}

/* A festival stage: @n_channels inputs split to front of house and
 * monitors, a PA of four boxes on two amplifiers, @n_wedges wedges. */
static void
add_stage (Gen          *g,
           const Source *sources,
           guint         n_channels,
           guint         n_wedges)
{
  PwDevice *foh_box, *mon_box, *foh_desk, *mon_desk, *processor, *amps[2];
  PwDevice *splitters[N_CHANNELS], *inputs[N_CHANNELS];
  gboolean phantom[N_CHANNELS];

  begin_unit (g, 'S');

  for (guint c = 0; c < n_channels; c++)
    {
      const char *name = channel_names[c];
      PwDevice *di;

      phantom[c] = FALSE;
      switch (sources[c])
        {
        case SOURCE_DYNAMIC:
          inputs[c] = add_device (g, "dynamic-mic", 1, "%s mic", name);
          break;
        case SOURCE_CONDENSER:
        case SOURCE_SDC:
          inputs[c] = add_device (g, sources[c] == SOURCE_CONDENSER ? "condenser-mic"
                                                                   : "sdc-condenser-mic",
                                  1, "%s mic", name);
          /* Now and then someone forgets the phantom switch. */
          phantom[c] = !chance (g, 0.08);
          g->n_mistakes += !phantom[c];
          break;
        case SOURCE_BOUNDARY:
          inputs[c] = add_device (g, "boundary-mic", 1, "%s mic", name);
          phantom[c] = TRUE;
          break;
        case SOURCE_RIBBON:
          inputs[c] = add_device (g, "ribbon-mic-vintage", 1, "%s ribbon", name);
          /* … and sometimes leaves it on for a vintage ribbon. */
          phantom[c] = chance (g, 0.5);
          g->n_mistakes += phantom[c];
          break;
        case SOURCE_DI_GUITAR:
        case SOURCE_DI_BASS:
        case SOURCE_DI_KEYS:
        default:
          {
            static const char * const instruments[] = { "electric-guitar", "electric-bass", "keyboard" };
            static const char * const outs[] = { "out", "out", "out-l" };
            guint k = sources[c] - SOURCE_DI_GUITAR;
            PwDevice *instrument = add_device (g, instruments[k], 0, "%s", name);
            gboolean long_run = chance (g, 0.12);

            di = add_device (g, chance (g, 0.5) ? "active-di" : "passive-di", 1, "%s DI", name);
            /* A long instrument lead across the stage instead of a DI
             * beside the amp. */
            connect (g, "ts-ts", instrument, outs[k], di, "in",
                     long_run ? length_between (g, 8, 15) : length_between (g, 1, 3));
            g->n_mistakes += long_run;
            inputs[c] = di;
          }
          break;
        }
    }

  for (guint c = 0; c < n_channels; c++)
    {
      gboolean polarity = chance (g, 0.015);

      splitters[c] = add_device (g, "mic-splitter", 2, "Split %u", c + 1);
      /* A polarity-reverse adapter left in from the last show. */
      connect (g, polarity ? "xlr-polarity-reverse" : "xlr-f-m", inputs[c], "out",
               splitters[c], "in", length_between (g, 3, 15));
      g->n_mistakes += polarity;
    }

  foh_box = add_device (g, "stage-box-16", 3, "FOH stage box");
  mon_box = add_device (g, "stage-box-16", 3, "MON stage box");
  foh_desk = add_device (g, "live-desk-16", 4, "FOH desk");
  mon_desk = add_device (g, "live-desk-16", 4, "MON desk");

  for (guint c = 0; c < n_channels; c++)
    {
      g_autofree char *in = g_strdup_printf ("in%u", c + 1);
      g_autofree char *tail = g_strdup_printf ("tail%u", c + 1);
      g_autofree char *ch = g_strdup_printf ("ch%u", c + 1);
      gboolean open = chance (g, 0.01);

      connect (g, "xlr-f-m", splitters[c], "out-a", foh_box, in, 1);
      /* A cable laid out but not plugged in yet. */
      connect (g, "xlr-f-m", splitters[c], "out-b", mon_box, open ? NULL : in, 1);
      g->n_mistakes += open;
      connect (g, "xlr-f-m", foh_box, tail, foh_desk, ch, 2);
      connect (g, "xlr-f-m", mon_box, tail, mon_desk, ch, 2);
      /* Both desks switch phantom on for a split condenser: each input
       * must see it, whichever powers the microphone. */
      if (phantom[c])
        {
          set_phantom (foh_desk, ch);
          set_phantom (mon_desk, ch);
        }
    }

  processor = add_device (g, "speaker-processor", 5, "PA processor");
  {
    /* An XLR-to-jack lead where an XLR belongs. */
    gboolean wrong = chance (g, 0.05);

    connect (g, wrong ? "xlr-f-trs" : "xlr-f-m", foh_desk, "main-l", processor, "in-a", 30);
    connect (g, "xlr-f-m", foh_desk, "main-r", processor, "in-b", 30);
    g->n_mistakes += wrong;
  }
  for (guint a = 0; a < 2; a++)
    {
      amps[a] = add_device (g, "power-amp", 6, "Amp %c", 'A' + a);
      connect (g, "xlr-f-m", processor, a == 0 ? "out1" : "out3", amps[a], "in-a", 1);
      connect (g, "xlr-f-m", processor, a == 0 ? "out2" : "out4", amps[a], "in-b", 1);
    }
  for (guint s = 0; s < 4; s++)
    {
      PwDevice *speaker = add_device (g, "passive-speaker", 7, "PA %s%u", s % 2 ? "R" : "L",
                                      s / 2 + 1);

      connect (g, "nl4-nl4", amps[s / 2], s % 2 ? "out-b" : "out-a", speaker, "in",
               length_between (g, 10, 25));
    }
  for (guint w = 0; w < n_wedges; w++)
    {
      g_autofree char *aux = g_strdup_printf ("aux%u", w + 1);
      PwDevice *wedge = add_device (g, "active-speaker", 5, "Wedge %u", w + 1);
      /* A male-male turnaround grabbed instead of a cable. */
      gboolean turnaround = chance (g, 0.03);

      connect (g, turnaround ? "xlr-turnaround-mm" : "xlr-f-m", mon_desk, aux, wedge, "in",
               length_between (g, 10, 20));
      g->n_mistakes += turnaround;
    }
  end_unit (g);
}

#define TRUCK_DEVICES 16

/* A broadcast truck: presenter microphones through wall plates, a CD
 * player and a DAT machine on the line inputs, programme out to an ADC
 * and an AES3 recorder, monitors and headphones. */
static void
add_truck (Gen *g)
{
  PwDevice *console, *cd, *dat, *adc, *recorder, *headphones;

  begin_unit (g, 'T');
  console = add_device (g, "broadcast-console", 3, "Console");
  for (guint m = 0; m < 4; m++)
    {
      g_autofree char *port = g_strdup_printf ("mic%u", m + 1);
      PwDevice *mic = add_device (g, m == 3 ? "lavalier-mic" : chance (g, 0.5) ? "dynamic-mic"
                                                                               : "condenser-mic",
                                  0, "Presenter mic %u", m + 1);
      PwDevice *plate = add_device (g, "wall-plate-xlr-trs", 1, "Studio plate %u", m + 1);

      connect (g, "xlr-f-m", mic, "out", plate, "front-xlr", 5);
      connect (g, "xlr-f-m", plate, "back-xlr", console, port, 20);
      if (!g_str_equal (mic->type_id, "dynamic-mic"))
        set_phantom (console, port);
    }
  cd = add_device (g, "cd-player", 2, "CD");
  dat = add_device (g, "dat-recorder", 2, "DAT");
  connect (g, "rca-xlr-m", cd, "out-l", console, "line1-l", 2);
  connect (g, "rca-xlr-m", cd, "out-r", console, "line1-r", 2);
  connect (g, "xlr-f-m", dat, "out-l", console, "line2-l", 2);
  connect (g, "xlr-f-m", dat, "out-r", console, "line2-r", 2);
  connect (g, "aes3-110", console, "aes-pgm", dat, "aes-in", 3);
  adc = add_device (g, "adc", 4, "Programme ADC");
  recorder = add_device (g, "aes3-recorder", 5, "Programme recorder");
  connect (g, "xlr-f-m", console, "pgm-l", adc, "in-l", 1);
  connect (g, "xlr-f-m", console, "pgm-r", adc, "in-r", 1);
  connect (g, "aes3-110", adc, "aes-out", recorder, "aes-in", 2);
  for (guint s = 0; s < 2; s++)
    {
      PwDevice *speaker = add_device (g, "active-speaker", 4, "Monitor %s", s ? "R" : "L");

      connect (g, "xlr-m-trs", speaker, "in", console, s ? "mon-r" : "mon-l", 3);
    }
  headphones = add_device (g, "headphones-635", 4, "Producer phones");
  connect (g, "hp-ext-635", headphones, "in", console, "phones", 3);
  end_unit (g);
}

/* What is left when no unit fits: microphones with their cables laid out
 * but not yet plugged in at the far end. */
static void
add_spares (Gen   *g,
            guint  n)
{
  begin_unit (g, 'X');
  for (guint i = 0; i < n; i++)
    {
      PwDevice *mic = add_device (g, "dynamic-mic", i % 2, "Spare mic %u", i + 1);

      connect (g, "xlr-f-m", mic, "out", NULL, NULL, 10);
    }
  end_unit (g);
}

/* Units in rows, about as wide as a 16:9 screen is. */
static void
place_units (Gen *g)
{
  guint n = g->units->len;
  double sum_w = 0, sum_h = 0, x = 0, y = 0, row_h = 0;
  guint per_row;

  for (guint i = 0; i < n; i++)
    {
      sum_w += g_array_index (g->units, Unit, i).width + UNIT_GAP;
      sum_h += g_array_index (g->units, Unit, i).height + UNIT_GAP;
    }
  if (n == 0)
    return;
  per_row = MAX (1, (guint) round (sqrt (16.0 / 9.0 * n * (sum_h / n) / (sum_w / n))));

  for (guint i = 0; i < n; i++)
    {
      Unit *u = &g_array_index (g->units, Unit, i);

      if (i > 0 && i % per_row == 0)
        {
          x = 0;
          y += row_h + UNIT_GAP;
          row_h = 0;
        }
      for (guint d = u->first; d < u->first + u->n; d++)
        {
          PwDevice *device = pw_document_get_device (g->doc, d);

          device->x += x;
          device->y += y;
        }
      x += (N_COLUMNS - 1) * COLUMN_STEP + PW_RENDER_CARD_WIDTH + UNIT_GAP;
      row_h = MAX (row_h, u->height);
    }
}

PwDocument *
pw_plangen_generate (guint           n_devices,
                     guint64         seed,
                     PwPlangenStats *stats)
{
  Gen g = { 0 };

  g.doc = pw_document_new ();
  g.catalogue = pw_catalogue_get_builtin ();
  g.state = seed;
  g.columns = g_array_new (FALSE, FALSE, sizeof (guint8));
  g.units = g_array_new (FALSE, FALSE, sizeof (Unit));
  pw_document_set_title (g.doc, "Festival (generated)");

  for (;;)
    {
      guint remaining = n_devices - pw_document_get_n_devices (g.doc);
      Source sources[N_CHANNELS];
      guint n_channels = N_CHANNELS, n_wedges = N_WEDGES, needed;

      if (remaining == 0)
        break;
      if (remaining >= TRUCK_DEVICES && chance (&g, 0.1))
        {
          add_truck (&g);
          continue;
        }

      /* Stage boxes, desks, processor, two amps and four PA boxes. */
      needed = 11 + n_wedges;
      for (guint c = 0; c < N_CHANNELS; c++)
        {
          sources[c] = pick_source (&g, c);
          needed += 1 + source_devices (sources[c]);
        }
      /* The last stage is a smaller one that fits what is left. */
      while (needed > remaining && n_wedges > 2)
        n_wedges--, needed--;
      while (needed > remaining && n_channels > 4)
        {
          n_channels--;
          needed -= 1 + source_devices (sources[n_channels]);
        }
      if (needed > remaining)
        {
          if (remaining >= TRUCK_DEVICES)
            add_truck (&g);
          else
            add_spares (&g, remaining);
          continue;
        }
      add_stage (&g, sources, n_channels, n_wedges);
    }
  place_units (&g);

  if (stats != NULL)
    {
      stats->n_units = g.units->len;
      stats->n_mistakes = g.n_mistakes;
    }
  g_array_unref (g.columns);
  g_array_unref (g.units);
  return g.doc;
}
