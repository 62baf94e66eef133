/* pw-finding.h: finding codes, their severities and their words
 *
 * The codes are a public contract (DESIGN.md §6): never rename one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PW_SEVERITY_INFO,
  PW_SEVERITY_WARNING,
  PW_SEVERITY_ERROR,
} PwSeverity;

typedef enum {
  PW_CODE_CONNECTOR_MISMATCH,
  PW_CODE_GENDER_MISMATCH,
  PW_CODE_SIGNAL_MISMATCH,
  PW_CODE_OUTPUTS_JOINED,
  PW_CODE_OUTPUT_SHORT,
  PW_CODE_STEREO_INTO_BALANCED_INPUT,
  PW_CODE_LEVEL_SPEAKER_INTO_LINE,
  PW_CODE_PHANTOM_INTO_UNBALANCED,
  PW_CODE_PHANTOM_HARM,
  PW_CODE_DIGITAL_SPLIT,
  PW_CODE_STEREO_TRS_NOT_BALANCED,
  PW_CODE_COLD_FLOATING,
  PW_CODE_COLD_LEG_GROUNDED,
  PW_CODE_POLARITY_INVERTED,
  PW_CODE_PHANTOM_MISSING,
  PW_CODE_LEVEL_LINE_INTO_MIC,
  PW_CODE_LEVEL_MIC_INTO_LINE,
  PW_CODE_LEVEL_INSTRUMENT_INTO_LINE,
  PW_CODE_LEVEL_PRO_INTO_CONSUMER,
  PW_CODE_LEVEL_PHONO_NEEDS_PREAMP,
  PW_CODE_LONG_UNBALANCED_RUN,
  PW_CODE_CABLE_TOO_LONG,
  PW_CODE_GROUND_LOOP_RISK,
  PW_CODE_UNBALANCED_SOURCE,
  PW_CODE_LEVEL_CONSUMER_INTO_PRO,
  PW_CODE_ONE_CHANNEL_ONLY,
  PW_CODE_CABLE_END_OPEN,
  PW_CODE_NO_SOURCE,
  PW_CODE_REFERENCE_MISSING,
  PW_CODE_DIGITAL_FORMAT_ADAPTED,
  PW_N_CODES
} PwCode;

typedef struct
{
  const char *code;         /* stable id, e.g. "output-short" */
  PwSeverity  severity;
  const char *message;      /* one line, translatable (N_) */
  const char *explanation;  /* a paragraph, translatable */
  const char *fix;          /* translatable; NULL where none exists */
} PwCodeInfo;

const PwCodeInfo *pw_code_get_info         (PwCode      code);
gboolean          pw_code_from_string      (const char *str,
                                            PwCode     *code);
const char       *pw_severity_to_string    (PwSeverity  severity);

/* Translated words, for display. */
const char       *pw_code_get_message      (PwCode      code);
const char       *pw_code_get_explanation  (PwCode      code);
const char       *pw_code_get_fix          (PwCode      code);

G_END_DECLS
