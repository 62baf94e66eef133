/* pw-suggest.h: which cable fits between two ports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-types.h"

G_BEGIN_DECLS

typedef struct
{
  PwCableType *type;
  guint        end_a;     /* the end that goes into the first port */
  guint        end_b;     /* the end that goes into the second port */
  int          score;     /* higher is a better fit */
} PwCableChoice;

/* Every cable type of @types that mates @a at one end and @b at another,
 * best fit first. Returns an array of PwCableChoice. */
GArray *pw_suggest_cables (PwTypeSet        *types,
                           const PwPortType *a,
                           const PwPortType *b);

/* The user library's cables, then the catalogue's, then the direct
 * connection: what the canvas and the inspector offer between two ports. */
GArray *pw_suggest_connections (const PwPortType *a,
                                const PwPortType *b);

/* Adds the direct connection (no cable) to @choices where @a and @b mate
 * each other: first when the plug is on an input device's own lead, else
 * last. */
void pw_suggest_add_direct (GArray           *choices,
                            const PwPortType *a,
                            const PwPortType *b);

typedef struct
{
  PwCableType *type;
  guint        end_source;  /* into the stereo output */
  guint        end_left;    /* into the input that is to hear the left channel */
  guint        end_right;   /* into the input that is to hear the right channel */
  int          score;
} PwBreakoutChoice;

/* The cable type of @types with three ends that fits a stereo output
 * @source at one end and carries its left channel to @left and its right
 * channel to @right (a phone's 3.5 mm TRS to two mono inputs), best fit;
 * FALSE when none fits. */
gboolean pw_suggest_breakout (PwTypeSet        *types,
                              const PwPortType *source,
                              const PwPortType *left,
                              const PwPortType *right,
                              PwBreakoutChoice *choice);

G_END_DECLS
