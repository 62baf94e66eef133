/* pw-parse-private.h: helpers shared by the JSON readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-types.h"

G_BEGIN_DECLS

gboolean    pw_parse_fail        (PwParseContext *ctx,
                                  JsonNode       *at,
                                  GError        **error,
                                  int             code,
                                  const char     *format,
                                  ...) G_GNUC_PRINTF (5, 6);
JsonObject *pw_parse_object      (PwParseContext *ctx,
                                  JsonNode       *node,
                                  const char     *what,
                                  GError        **error);
gboolean    pw_parse_string      (PwParseContext *ctx,
                                  JsonObject     *obj,
                                  const char     *member,
                                  gboolean        required,
                                  const char     *what,
                                  const char    **out,
                                  GError        **error);
gboolean    pw_parse_bool        (PwParseContext *ctx,
                                  JsonObject     *obj,
                                  const char     *member,
                                  const char     *what,
                                  gboolean       *out,
                                  GError        **error);
gboolean    pw_parse_number      (PwParseContext *ctx,
                                  JsonObject     *obj,
                                  const char     *member,
                                  const char     *what,
                                  double          min,
                                  double          max,
                                  double         *out,
                                  gboolean       *present,
                                  GError        **error);
JsonArray  *pw_parse_array       (PwParseContext *ctx,
                                  JsonObject     *obj,
                                  const char     *member,
                                  gboolean        required,
                                  const char     *what,
                                  GError        **error);
gboolean    pw_parse_enum        (PwParseContext *ctx,
                                  JsonObject     *obj,
                                  const char     *member,
                                  const char     *what,
                                  const char * const *names,
                                  int             n_names,
                                  int            *out,
                                  GError        **error);

G_END_DECLS
