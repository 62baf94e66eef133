/* pw-types.h: device types, cable types and the sets that hold them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "pw-connector.h"

G_BEGIN_DECLS

typedef enum {
  PW_DIRECTION_OUT,
  PW_DIRECTION_IN,
  PW_DIRECTION_INSERT,
  PW_DIRECTION_PASSIVE,
} PwDirection;

typedef enum {
  PW_SIGNAL_ANALOG,
  PW_SIGNAL_AES3,
  PW_SIGNAL_SPDIF,
  PW_SIGNAL_ADAT,
  PW_SIGNAL_MIDI,
  PW_SIGNAL_DMX,
  PW_SIGNAL_USB,
  PW_SIGNAL_NETWORK,
} PwSignal;

typedef enum {
  PW_LEVEL_NONE,
  PW_LEVEL_MIC,
  PW_LEVEL_INSTRUMENT,
  PW_LEVEL_LINE_CONSUMER,
  PW_LEVEL_LINE_PRO,
  PW_LEVEL_HEADPHONE,
  PW_LEVEL_SPEAKER,
  PW_LEVEL_PHONO,
} PwLevel;

typedef enum {
  PW_OUTPUT_SINGLE_ENDED,
  PW_OUTPUT_BALANCED,
  PW_OUTPUT_IMPEDANCE_BALANCED,
  PW_OUTPUT_FLOATING,
  PW_OUTPUT_SERVO_BALANCED,        /* cross-coupled: built to have its cold grounded */
} PwOutputKind;

typedef enum {
  PW_INPUT_SINGLE_ENDED,
  PW_INPUT_DIFFERENTIAL,
} PwInputKind;

typedef enum {
  PW_PHANTOM_NONE,
  PW_PHANTOM_AVAILABLE,
  PW_PHANTOM_REQUIRES,
  PW_PHANTOM_HARMED,
} PwPhantom;

typedef struct
{
  char           *id;
  char           *label;
  PwDirection     direction;
  const PwFamily *family;
  PwGender        gender;
  PwSignal        signal;
  PwLevel         level;
  PwLevel         jack_level;      /* combo: the jack part's level */
  PwOutputKind    output;          /* resolved: the default applied */
  PwInputKind     input;           /* resolved: the default applied */
  PwInputKind     jack_input;      /* combo: the jack part's input, resolved */
  PwPhantom       phantom;
  gboolean        phantom_on_jack; /* combo: phantom also reaches the jack's tip and ring */
  gboolean        se_adapter_safe;
  PwRole          roles[PW_MAX_CONTACTS];
} PwPortType;

/* What a contact of an active port does (DESIGN.md §5.3): drives, receives,
 * or is a reference; passive ports and `nc` do none of these. */
typedef enum {
  PW_ROLE_KIND_NONE,
  PW_ROLE_KIND_DRIVER,
  PW_ROLE_KIND_SINK,
  PW_ROLE_KIND_REFERENCE,
} PwRoleKind;

typedef struct
{
  guint16 port;
  guint8  contact;
} PwContactRef;

typedef struct
{
  guint         n_contacts;
  PwContactRef *contacts;
  gboolean      lift;              /* open while the instance's ground lift is on */
} PwBridge;

typedef enum {
  PW_COUPLING_TRANSFORMER,
  PW_COUPLING_PAD,
} PwCouplingKind;

/* What reaches port @from is carried to port @to (both passive): a
 * transformer isolates ground and phantom power, a pad passes both. */
typedef struct
{
  guint16        from;
  guint16        to;
  PwCouplingKind kind;
  double         pad_db;
} PwCoupling;

typedef struct
{
  char       *id;
  char       *name;
  char       *category;
  gboolean    earthed;
  gboolean    ground_lift;
  guint       n_ports;
  PwPortType *ports;
  guint       n_bridges;
  PwBridge   *bridges;
  guint       n_couplings;
  PwCoupling *couplings;           /* in chain order: a coupling comes after the one feeding it */
  guint       n_contacts;          /* sum over the ports */
  guint      *contact_offset;      /* per port: index of its first contact */
  JsonNode   *source;              /* the JSON it was read from, written back on save */
} PwDeviceType;

typedef struct
{
  char           *id;
  char           *label;
  const PwFamily *family;
  PwGender        gender;
} PwCableEndType;

typedef struct
{
  guint         n_joins;
  PwContactRef *joins;             /* port = end index */
  int           pair;              /* 0 = none */
  gboolean      shield;
} PwWire;

typedef enum {
  PW_CABLE_KIND_CABLE,
  PW_CABLE_KIND_ADAPTER,
  PW_CABLE_KIND_DIRECT,            /* no cable: its two ends mate each other */
} PwCableKind;

typedef struct
{
  char           *id;
  char           *name;
  PwCableKind     kind;
  gboolean        balanced;
  double          capacitance_pf_per_m;   /* 0 = unknown */
  gboolean        has_signal;      /* made for one signal kind (AES3, MIDI …) */
  PwSignal        signal;
  guint           n_ends;
  PwCableEndType *ends;
  guint           n_wires;
  PwWire         *wires;
  guint           n_contacts;
  guint          *contact_offset;  /* per end */
  JsonNode       *source;
} PwCableType;

/* Where a parse went wrong: the node at fault, so that the caller can find
 * its line and column. */
typedef struct
{
  JsonNode *error_node;
  JsonNode *current;    /* the object being read: where a missing field is reported */
} PwParseContext;

const char   *pw_direction_to_string     (PwDirection dir);
const char   *pw_signal_to_string        (PwSignal    signal);
const char   *pw_level_to_string         (PwLevel     level);
const char   *pw_output_kind_to_string   (PwOutputKind kind);
gboolean      pw_signal_is_digital       (PwSignal    signal);
/* People's words for the ids above, translated: "Line (+4 dBu)", "Input".
 * The one home of these labels: the inspector, the cards, the device
 * editor and every export use them. */
const char   *pw_direction_label         (PwDirection dir);
const char   *pw_signal_label            (PwSignal    signal);
const char   *pw_level_label             (PwLevel     level);
/* A cable type's translated name split into what it joins and its
 * qualifier: "3.5 mm TRS to 6.35 mm TS" and "left only" (the qualifier
 * made up from the type where the name has none: "balanced", "breakout"). */
char         *pw_cable_type_title        (const PwCableType *type,
                                          char             **qualifier);
/* "6.35 mm TRS socket", "XLR 3-pin plug". */
char         *pw_connector_label         (const PwFamily *family,
                                          PwGender        gender);

PwDeviceType *pw_device_type_ref         (PwDeviceType *self);
void          pw_device_type_unref       (PwDeviceType *self);
PwDeviceType *pw_device_type_parse       (const char     *id,
                                          JsonNode       *node,
                                          PwParseContext *ctx,
                                          GError        **error);
int           pw_device_type_find_port   (const PwDeviceType *self,
                                          const char         *port_id);
gboolean      pw_port_type_has_role      (const PwPortType *port,
                                          PwRole            role);
int           pw_port_type_find_role     (const PwPortType *port,
                                          PwRole            role);
PwRoleKind    pw_port_type_role_kind     (const PwPortType *port,
                                          PwRole            role);
PwLevel       pw_port_type_role_level    (const PwPortType *port,
                                          PwRole            role,
                                          gboolean          jack_part);

PwCableType  *pw_cable_type_ref          (PwCableType *self);
void          pw_cable_type_unref        (PwCableType *self);
PwCableType  *pw_cable_type_parse        (const char     *id,
                                          JsonNode       *node,
                                          PwParseContext *ctx,
                                          GError        **error);
int           pw_cable_type_find_end     (const PwCableType *self,
                                          const char        *end_id);
/* The one type of every direct connection: ends "a" and "b" of a family
 * with no contacts, no wires. */
PwCableType  *pw_cable_type_get_direct   (void);
gboolean      pw_cable_type_is_direct    (const PwCableType *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwDeviceType, pw_device_type_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwCableType, pw_cable_type_unref)

/* A set of types by id: the built-in catalogue, a user library, or the
 * types embedded in a document. */
typedef struct _PwTypeSet PwTypeSet;

PwTypeSet    *pw_type_set_new            (void);
PwTypeSet    *pw_type_set_ref            (PwTypeSet *self);
void          pw_type_set_unref          (PwTypeSet *self);
gboolean      pw_type_set_add_from_json  (PwTypeSet      *self,
                                          JsonObject     *root,
                                          PwParseContext *ctx,
                                          GError        **error);
void          pw_type_set_add_device_type (PwTypeSet    *self,
                                           PwDeviceType *type);
void          pw_type_set_add_cable_type (PwTypeSet   *self,
                                          PwCableType *type);
PwDeviceType *pw_type_set_lookup_device  (PwTypeSet  *self,
                                          const char *id);
PwCableType  *pw_type_set_lookup_cable   (PwTypeSet  *self,
                                          const char *id);
GPtrArray    *pw_type_set_list_device_types (PwTypeSet *self);
GPtrArray    *pw_type_set_list_cable_types  (PwTypeSet *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwTypeSet, pw_type_set_unref)

/* The built-in catalogue (compiled in) and the user library
 * ($XDG_DATA_HOME/patchwise/library/ *.json). */
PwTypeSet    *pw_catalogue_get_builtin   (void);
/* A catalogue name (device or cable type, category) in the user's
 * language: po/ translates the built-in ones (data/catalogue/catalogue-strings.h);
 * any other name comes back as it is. */
const char   *pw_catalogue_type_name     (const char *name);
PwTypeSet    *pw_catalogue_get_user      (void);
void          pw_catalogue_set_user_dir  (const char *dir);
/* Adds a type to the in-memory user library (which is read only once). */
void          pw_catalogue_add_user_device_type  (PwDeviceType *type);
/* Validates @type_json, writes it atomically to <user library>/<id>.json
 * and adds it to the user library. */
gboolean      pw_catalogue_save_user_device_type (JsonNode    *type_json,
                                                  const char  *id,
                                                  GError     **error);

G_END_DECLS
