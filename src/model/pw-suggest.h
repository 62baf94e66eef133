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

G_END_DECLS
