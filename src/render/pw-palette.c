/* pw-palette.c: the colours and line styles every drawing shares
 *
 * The colours follow the GNOME palette, checked for contrast on both the
 * light and the dark background.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-palette.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

static const PwPalette light = {
  .dark = FALSE,
  .background = RGB (0xffffff),
  .grid = RGB (0xebebed),
  .foreground = RGB (0x241f31),
  .dim = RGB (0x77767b),
  .card = RGB (0xfafafb),
  .card_border = RGB (0x9a9996),
  .selection = RGB (0x3584e4),
  .mark = RGB (0x9141ac),
  .error = RGB (0xc01c28),
  .warning = RGB (0xc64600),
  .info = RGB (0x1f7a8c),          /* teal: never the selection's blue */
  .link = {
    [PW_LINK_BALANCED] = RGB (0x26a269),
    [PW_LINK_UNBALANCED] = RGB (0xc64600),
    [PW_LINK_UNBALANCED_STEREO] = RGB (0xa51d2d),
    [PW_LINK_BALANCED_STEREO] = RGB (0x1c71d8),
    [PW_LINK_SPEAKER] = RGB (0x613583),
    [PW_LINK_DIGITAL] = RGB (0x1a5fb4),
    [PW_LINK_BROKEN] = RGB (0xc01c28),
    [PW_LINK_OPEN] = RGB (0x9a9996),
  },
  .role_hot = RGB (0xc01c28),
  .role_cold = RGB (0x1c71d8),
  .role_ground = RGB (0x5e5c64),
  .role_left = RGB (0x26a269),
  .role_right = RGB (0xe66100),
  .role_signal = RGB (0xa51d2d),
  .role_speaker = RGB (0x813d9c),
  .role_data = RGB (0x1a5fb4),
  .role_nc = RGB (0xc0bfbc),
};

static const PwPalette dark = {
  .dark = TRUE,
  .background = RGB (0x1e1e1e),
  .grid = RGB (0x2a2a2e),
  .foreground = RGB (0xf6f5f4),
  .dim = RGB (0x9a9996),
  .card = RGB (0x303034),
  .card_border = RGB (0x5e5c64),
  .selection = RGB (0x78aeed),
  .mark = RGB (0xdc8add),
  .error = RGB (0xff7b63),
  .warning = RGB (0xf8e45c),
  .info = RGB (0x5fc4c4),
  .link = {
    [PW_LINK_BALANCED] = RGB (0x57e389),
    [PW_LINK_UNBALANCED] = RGB (0xffa348),
    [PW_LINK_UNBALANCED_STEREO] = RGB (0xf66151),
    [PW_LINK_BALANCED_STEREO] = RGB (0x62a0ea),
    [PW_LINK_SPEAKER] = RGB (0xc061cb),
    [PW_LINK_DIGITAL] = RGB (0x99c1f1),
    [PW_LINK_BROKEN] = RGB (0xff7b63),
    [PW_LINK_OPEN] = RGB (0x77767b),
  },
  .role_hot = RGB (0xff7b63),
  .role_cold = RGB (0x62a0ea),
  .role_ground = RGB (0xc0bfbc),
  .role_left = RGB (0x57e389),
  .role_right = RGB (0xffa348),
  .role_signal = RGB (0xf66151),
  .role_speaker = RGB (0xdc8add),
  .role_data = RGB (0x99c1f1),
  .role_nc = RGB (0x5e5c64),
};

const PwPalette *
pw_palette_get (gboolean is_dark)
{
  return is_dark ? &dark : &light;
}

void
pw_palette_set_source (cairo_t       *cr,
                       const PwColor *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

void
pw_palette_set_link_dash (cairo_t     *cr,
                          PwLinkClass  klass,
                          double       w)
{
  switch (klass)
    {
    case PW_LINK_BALANCED:
    case PW_LINK_SPEAKER:
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case PW_LINK_BALANCED_STEREO:
      {
        const double d[] = { 12 * w, 2 * w };
        cairo_set_dash (cr, d, 2, 0);
      }
      break;
    case PW_LINK_UNBALANCED:
      {
        const double d[] = { 6 * w, 3 * w };
        cairo_set_dash (cr, d, 2, 0);
      }
      break;
    case PW_LINK_UNBALANCED_STEREO:
      {
        const double d[] = { 6 * w, 2 * w, 1.5 * w, 2 * w };
        cairo_set_dash (cr, d, 4, 0);
      }
      break;
    case PW_LINK_DIGITAL:
      {
        const double d[] = { 1.5 * w, 2.5 * w };
        cairo_set_dash (cr, d, 2, 0);
      }
      break;
    case PW_LINK_BROKEN:
    case PW_LINK_OPEN:
    default:
      {
        const double d[] = { 3 * w, 4 * w };
        cairo_set_dash (cr, d, 2, 0);
      }
      break;
    }
}

const PwColor *
pw_palette_role_color (const PwPalette *p,
                       PwRole           role)
{
  switch (role)
    {
    case PW_ROLE_HOT:
    case PW_ROLE_LEFT_HOT:
    case PW_ROLE_RIGHT_HOT:
      return &p->role_hot;
    case PW_ROLE_COLD:
    case PW_ROLE_LEFT_COLD:
    case PW_ROLE_RIGHT_COLD:
      return &p->role_cold;
    case PW_ROLE_GROUND:
    case PW_ROLE_CHASSIS:
      return &p->role_ground;
    case PW_ROLE_LEFT:
      return &p->role_left;
    case PW_ROLE_RIGHT:
      return &p->role_right;
    case PW_ROLE_SIGNAL:
    case PW_ROLE_SEND:
    case PW_ROLE_RETURN:
    case PW_ROLE_MIC:
      return &p->role_signal;
    case PW_ROLE_SPK1_POS:
    case PW_ROLE_SPK1_NEG:
    case PW_ROLE_SPK2_POS:
    case PW_ROLE_SPK2_NEG:
      return &p->role_speaker;
    case PW_ROLE_DATA_POS:
    case PW_ROLE_DATA_NEG:
    case PW_ROLE_DATA2_POS:
    case PW_ROLE_DATA2_NEG:
    case PW_ROLE_LIGHT:
    case PW_ROLE_DATA:
      return &p->role_data;
    case PW_ROLE_NC:
    default:
      return &p->role_nc;
    }
}

const PwColor *
pw_palette_severity_color (const PwPalette *p,
                           PwSeverity       severity)
{
  switch (severity)
    {
    case PW_SEVERITY_ERROR:
      return &p->error;
    case PW_SEVERITY_WARNING:
      return &p->warning;
    case PW_SEVERITY_INFO:
    default:
      return &p->info;
    }
}
