/* pw-plangen.h: realistic synthetic plans for the benchmark
 *
 * A plan is a row of festival stages (and the odd broadcast truck) built
 * from the built-in catalogue: microphones and DI boxes through splitters
 * into a front-of-house and a monitor stage box, their tails into two
 * desks, the desks into a speaker processor, amplifiers, speakers and
 * wedges. About two cables per device, and a few percent of them wrong the
 * way real plans are wrong (a polarity adapter, phantom on a vintage
 * ribbon, a condenser without phantom, a long instrument lead, an
 * unplugged end, a turnaround where a cable belongs, a speaker cable into
 * an active wedge). The same size and seed give the same plan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-document.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_units;          /* stages and trucks */
  guint n_mistakes;       /* cables or devices set up wrong on purpose */
} PwPlangenStats;

/* A plan of exactly @n_devices devices, every one placed (units side by
 * side in a grid, signal flowing left to right inside each). @stats may
 * be NULL. */
PwDocument *pw_plangen_generate (guint           n_devices,
                                 guint64         seed,
                                 PwPlangenStats *stats);

G_END_DECLS
