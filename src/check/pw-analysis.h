/* pw-analysis.h: net analysis, link classes and findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pw-connector.h"
#include "pw-document.h"
#include "pw-finding.h"

G_BEGIN_DECLS

typedef enum {
  PW_LINK_BALANCED,
  PW_LINK_UNBALANCED,
  PW_LINK_UNBALANCED_STEREO,
  PW_LINK_BALANCED_STEREO,
  PW_LINK_SPEAKER,
  PW_LINK_DIGITAL,
  PW_LINK_BROKEN,
  PW_LINK_OPEN,
} PwLinkClass;

typedef enum {
  PW_END_OPEN,               /* not plugged in */
  PW_END_MATED,
  PW_END_GENDER_MISMATCH,
  PW_END_CONNECTOR_MISMATCH,
} PwEndState;

typedef struct
{
  PwCode     code;
  PwSeverity severity;
  int        cable;          /* index in the document, or -1 */
  int        device;         /* index in the document, or -1 */
  int        port;           /* index in the device's type, or -1 */
  int        end;            /* index in the cable's type, or -1 */
  gboolean   suppressed;
} PwFinding;

typedef struct _PwAnalysis PwAnalysis;

PwAnalysis       *pw_analysis_new                (PwDocument *document);
void              pw_analysis_free               (PwAnalysis *self);

guint             pw_analysis_get_n_findings     (PwAnalysis *self);
const PwFinding  *pw_analysis_get_finding        (PwAnalysis *self,
                                                  guint       index);
guint             pw_analysis_count              (PwAnalysis *self,
                                                  PwSeverity  severity,
                                                  gboolean    include_suppressed);
PwLinkClass       pw_analysis_get_link_class     (PwAnalysis *self,
                                                  guint       cable);
PwEndState        pw_analysis_get_end_state      (PwAnalysis *self,
                                                  guint       cable,
                                                  guint       end);
/* Which contacts are joined, for drawing: equal numbers are one net. A
 * port contact that no plug touches gives -1. */
int               pw_analysis_get_cable_contact_net (PwAnalysis *self,
                                                     guint       cable,
                                                     guint       end,
                                                     guint       contact);
/* The end of another cable that a cable end plugs into, or that plugs
 * into it (DESIGN.md §4); FALSE when it meets none. */
gboolean          pw_analysis_get_end_partner    (PwAnalysis *self,
                                                  guint       cable,
                                                  guint       end,
                                                  guint      *other_cable,
                                                  guint      *other_end);
int               pw_analysis_get_port_contact_net  (PwAnalysis *self,
                                                     guint       device,
                                                     guint       port,
                                                     guint       contact);

/* What reaches an input: one entry per output port and input channel that
 * a driven net joins (DESIGN.md §5.3), sorted by the input's device, port
 * and channel, then by the output's device and port. */
typedef struct
{
  int       out_device;      /* device index */
  int       out_port;        /* port index in the device's type */
  int       in_device;
  int       in_port;
  PwChannel channel;         /* of the input: none for a mono input */
  int       net;             /* one net that carries it */
} PwReachInfo;

guint             pw_analysis_get_n_reaches      (PwAnalysis *self);
const PwReachInfo *pw_analysis_get_reach         (PwAnalysis *self,
                                                  guint       index);

const char       *pw_link_class_to_string        (PwLinkClass klass);
/* In people's words, translated: "Unbalanced stereo". */
const char       *pw_link_class_label            (PwLinkClass klass);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwAnalysis, pw_analysis_free)

G_END_DECLS
