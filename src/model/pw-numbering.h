/* pw-numbering.h: how cables are numbered, and the stock lengths they are
 * bought in (DESIGN.md §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pw-types.h"

G_BEGIN_DECLS

#define PW_NUMBERING_DEFAULT_FORMAT "{prefix}{n:03}"

/* A document's "numbering": a label format and a prefix per link class
 * ("*" for the classes not named). */
typedef struct
{
  char      *format;
  GPtrArray *classes;     /* char*, in the order written */
  GPtrArray *prefixes;    /* char*, beside classes */
} PwNumbering;

PwNumbering *pw_numbering_new_default   (void);
PwNumbering *pw_numbering_new           (const char         *format);
void         pw_numbering_set_prefix    (PwNumbering        *self,
                                         const char         *klass,
                                         const char         *prefix);
PwNumbering *pw_numbering_copy          (const PwNumbering  *self);
void         pw_numbering_free          (PwNumbering        *self);
gboolean     pw_numbering_equal         (const PwNumbering  *a,
                                         const PwNumbering  *b);

/* Whether @format is a label format: "{prefix}" at most once, "{n}" or
 * "{n:0W}" (W from 1 to 9) exactly once, no other braces. */
gboolean     pw_numbering_check_format  (const char         *format,
                                         char              **why);
/* Whether @klass may key a prefix: a link class name or "*". */
gboolean     pw_numbering_class_is_known (const char        *klass);

const char  *pw_numbering_get_prefix    (const PwNumbering  *self,
                                         const char         *klass);
char        *pw_numbering_format_label  (const PwNumbering  *self,
                                         const char         *prefix,
                                         guint               n);
/* The number of @label when it has the format with @prefix, else 0. */
guint        pw_numbering_match_label   (const PwNumbering  *self,
                                         const char         *prefix,
                                         const char         *label);

PwNumbering *pw_numbering_parse         (JsonNode           *node,
                                         PwParseContext     *ctx,
                                         GError            **error);
JsonNode    *pw_numbering_to_json       (const PwNumbering  *self);

/* Stock lengths, metres, ascending. */
GArray      *pw_stock_lengths_new_default (void);
GArray      *pw_stock_lengths_parse     (JsonNode           *node,
                                         PwParseContext     *ctx,
                                         GError            **error);
JsonNode    *pw_stock_lengths_to_json   (GArray             *lengths);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwNumbering, pw_numbering_free)

G_END_DECLS
