/* pw-connector.h: connector families, contact roles and the mating map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PW_MAX_CONTACTS 32   /* a mate map is a bit set of socket contacts: at most 32 */

typedef enum {
  PW_GENDER_MALE,
  PW_GENDER_FEMALE,
} PwGender;

/* The order is part of no contract; names are (see pw_role_to_string ()). */
typedef enum {
  PW_ROLE_NC,
  PW_ROLE_GROUND,
  PW_ROLE_CHASSIS,
  PW_ROLE_HOT,
  PW_ROLE_COLD,
  PW_ROLE_SIGNAL,
  PW_ROLE_LEFT,
  PW_ROLE_RIGHT,
  PW_ROLE_LEFT_HOT,
  PW_ROLE_LEFT_COLD,
  PW_ROLE_RIGHT_HOT,
  PW_ROLE_RIGHT_COLD,
  PW_ROLE_SEND,
  PW_ROLE_RETURN,
  PW_ROLE_SPK1_POS,
  PW_ROLE_SPK1_NEG,
  PW_ROLE_SPK2_POS,
  PW_ROLE_SPK2_NEG,
  PW_ROLE_DATA_POS,
  PW_ROLE_DATA_NEG,
  PW_ROLE_DATA2_POS,
  PW_ROLE_DATA2_NEG,
  PW_ROLE_MIC,
  PW_ROLE_LIGHT,
  PW_ROLE_DATA,
  PW_N_ROLES
} PwRole;

typedef enum {
  PW_CHANNEL_NONE,
  PW_CHANNEL_LEFT,
  PW_CHANNEL_RIGHT,
} PwChannel;

typedef struct _PwFamily PwFamily;
typedef struct _PwMate PwMate;
typedef struct _PwConnectorTable PwConnectorTable;

struct _PwFamily
{
  guint        index;
  char        *id;
  char        *name;
  guint        n_contacts;
  char        *contacts[PW_MAX_CONTACTS];
  /* For a family made of parts (combo): which part each contact belongs to. */
  guint8       part_of[PW_MAX_CONTACTS];
  guint        n_parts;
  char        *parts[2];
  gboolean     female_only;
};

/* A plug (male) of one family in a socket (female) of another, or the same. */
struct _PwMate
{
  const PwFamily *plug;
  const PwFamily *socket;
  /* For each plug contact, the bit set of socket contacts it touches; 0 = floats. */
  guint32         map[PW_MAX_CONTACTS];
};

typedef enum {
  PW_MATE_OK,
  PW_MATE_GENDER,     /* both plugs or both sockets of families that would mate */
  PW_MATE_CONNECTOR,  /* the families do not mate */
} PwMateResult;

const char      *pw_role_to_string          (PwRole          role);
gboolean         pw_role_from_string        (const char     *str,
                                             PwRole         *role);
gboolean         pw_role_is_reference       (PwRole          role);
PwChannel        pw_role_channel            (PwRole          role);

const char      *pw_gender_to_string        (PwGender        gender);
gboolean         pw_gender_from_string      (const char     *str,
                                             PwGender       *gender);

PwConnectorTable *pw_connector_table_get_default (void);
PwConnectorTable *pw_connector_table_new_from_data (const char  *data,
                                                    gssize        length,
                                                    GError     **error);
void             pw_connector_table_free    (PwConnectorTable *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwConnectorTable, pw_connector_table_free)

guint            pw_connector_table_get_n_families (PwConnectorTable *self);
const PwFamily  *pw_connector_table_get_family     (PwConnectorTable *self,
                                                    guint             index);
const PwFamily  *pw_connector_table_lookup         (PwConnectorTable *self,
                                                    const char       *id);
const PwMate    *pw_connector_table_find_mate      (PwConnectorTable *self,
                                                    const PwFamily   *plug,
                                                    const PwFamily   *socket);
PwMateResult     pw_connector_table_mate           (PwConnectorTable *self,
                                                    const PwFamily   *a,
                                                    PwGender          a_gender,
                                                    const PwFamily   *b,
                                                    PwGender          b_gender,
                                                    const PwMate    **mate,
                                                    gboolean         *a_is_plug);

int              pw_family_find_contact     (const PwFamily *family,
                                             const char     *name);

G_END_DECLS
