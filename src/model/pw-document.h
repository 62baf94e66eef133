/* pw-document.h: a plan — devices, cables and the types they use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pw-numbering.h"
#include "pw-types.h"

G_BEGIN_DECLS

typedef struct
{
  char         *id;
  char         *type_id;
  PwDeviceType *type;
  char         *name;
  double        x;
  double        y;
  gboolean      has_position;
  gboolean     *phantom_on;      /* one per port of the type */
  gboolean      ground_lift_on;
  JsonObject   *extra;           /* members this version does not know, kept for saving */
  guint         index;           /* position in the document, kept current by it */
} PwDevice;

/* Where a cable end is plugged: into a port of a device, into an end of
 * another cable (an extension, an adapter on a lead), or nowhere. */
typedef struct _PwCable PwCable;

typedef struct
{
  PwDevice *device;              /* NULL: not in a port */
  int       port;
  PwCable  *cable;               /* NULL: not in another cable's end */
  int       end;
} PwPlug;

struct _PwCable
{
  char        *id;
  char        *type_id;
  PwCableType *type;
  char        *label;
  double       length_m;
  gboolean     has_length;
  PwPlug      *ends;             /* one per end of the type */
  JsonObject  *extra;
  guint        index;
};

typedef struct
{
  char *code;
  char *cable;                   /* NULL: every cable */
} PwSuppression;

/* One entry of the plan's revision list, oldest first: the plan's revision
 * when it was recorded, the date (YYYY-MM-DD) and what changed. */
typedef struct
{
  char *revision;
  char *date;
  char *changes;
} PwRevision;

PwDevice   *pw_device_new        (const char   *id,
                                  PwDeviceType *type);
void        pw_device_free       (PwDevice     *device);
PwCable    *pw_cable_new         (const char   *id,
                                  PwCableType  *type);
void        pw_cable_free        (PwCable      *cable);

/* The plan's own short texts, printed in every title block and in the
 * PDF's metadata. Each is also a property of the document, named as its
 * field in the file. */
typedef enum {
  PW_PLAN_TITLE,
  PW_PLAN_CLIENT,
  PW_PLAN_VENUE,
  PW_PLAN_REVISION,
  PW_PLAN_N_FIELDS
} PwPlanField;

/* The field's name in the file and the property's name: "title", … */
const char *pw_plan_field_to_key           (PwPlanField field);

#define PW_TYPE_DOCUMENT (pw_document_get_type ())

G_DECLARE_FINAL_TYPE (PwDocument, pw_document, PW, DOCUMENT, GObject)

PwDocument *pw_document_new                (void);
const char *pw_document_get_title          (PwDocument *self);
void        pw_document_set_title          (PwDocument *self,
                                            const char *title);
const char *pw_document_get_field          (PwDocument *self,
                                            PwPlanField field);
void        pw_document_set_field          (PwDocument *self,
                                            PwPlanField field,
                                            const char *text);
/* The title to show: the title, else the name of the file the plan was
 * read from or saved to (without its extension), else NULL. */
char       *pw_document_dup_display_title  (PwDocument *self);
const char *pw_document_get_file_name      (PwDocument *self);
void        pw_document_set_file_name      (PwDocument *self,
                                            const char *path);
PwTypeSet  *pw_document_get_types          (PwDocument *self);
PwDeviceType *pw_document_resolve_device_type (PwDocument *self,
                                               const char *id);
PwCableType *pw_document_resolve_cable_type   (PwDocument *self,
                                               const char *id);

guint       pw_document_get_n_devices      (PwDocument *self);
PwDevice   *pw_document_get_device         (PwDocument *self,
                                            guint       index);
PwDevice   *pw_document_lookup_device      (PwDocument *self,
                                            const char *id);
void        pw_document_add_device         (PwDocument *self,
                                            PwDevice   *device);

guint       pw_document_get_n_cables       (PwDocument *self);
PwCable    *pw_document_get_cable          (PwDocument *self,
                                            guint       index);
PwCable    *pw_document_lookup_cable       (PwDocument *self,
                                            const char *id);
void        pw_document_add_cable          (PwDocument *self,
                                            PwCable    *cable);
PwCable    *pw_document_find_cable_into_end (PwDocument *self,
                                             PwCable    *cable,
                                             guint       end,
                                             int        *plugging_end);
PwCable    *pw_document_find_cable_at      (PwDocument *self,
                                            PwDevice   *device,
                                            int         port,
                                            int        *end);

/* Low-level edits. They keep the indices and look-up tables right but
 * record nothing: undoable edits go through PwHistory. */
void        pw_document_insert_device      (PwDocument *self,
                                            PwDevice   *device,
                                            guint       index);
PwDevice   *pw_document_steal_device       (PwDocument *self,
                                            PwDevice   *device);
void        pw_document_insert_cable       (PwDocument *self,
                                            PwCable    *cable,
                                            guint       index);
PwCable    *pw_document_steal_cable        (PwDocument *self,
                                            PwCable    *cable);
void        pw_document_set_plug           (PwDocument *self,
                                            PwCable    *cable,
                                            guint       end,
                                            PwDevice   *device,
                                            int         port);
void        pw_document_set_plug_into_cable (PwDocument *self,
                                             PwCable    *cable,
                                             guint       end,
                                             PwCable    *into,
                                             int         into_end);
char       *pw_document_make_device_id     (PwDocument *self,
                                            const char *stem);
char       *pw_document_make_cable_id      (PwDocument *self);
void        pw_document_emit_changed       (PwDocument *self);

GArray     *pw_document_get_suppressions   (PwDocument *self);
void        pw_document_add_suppression    (PwDocument *self,
                                            const char *code,
                                            const char *cable);
void        pw_document_remove_suppression (PwDocument *self,
                                            guint       index);
/* The document's numbering rule and stock lengths (DESIGN.md §9): the
 * defaults where the plan sets none. */
const PwNumbering *pw_document_get_numbering (PwDocument        *self);
gboolean    pw_document_has_numbering      (PwDocument *self);
/* NULL: back to the defaults (and nothing written on save). */
void        pw_document_set_numbering      (PwDocument        *self,
                                            const PwNumbering *numbering);
GArray     *pw_document_get_stock_lengths  (PwDocument *self);
gboolean    pw_document_has_stock_lengths  (PwDocument *self);
void        pw_document_set_stock_lengths  (PwDocument *self,
                                            GArray     *lengths);
GArray     *pw_document_get_revisions     (PwDocument *self);
void        pw_document_insert_revision   (PwDocument *self,
                                           guint       index,
                                           const char *revision,
                                           const char *date,
                                           const char *changes);
void        pw_document_remove_revision   (PwDocument *self,
                                           guint       index);
JsonObject *pw_document_get_extra          (PwDocument *self);
void        pw_document_set_extra          (PwDocument *self,
                                            JsonObject *extra);

G_END_DECLS
