/* pw-autosave.h: who an autosave belongs to.
 *
 * An autosave is unsaved work of a plan that is open somewhere. The process that writes it holds
 * an exclusive lock on a lock file beside it for as long as the plan is open; the kernel drops
 * the lock when that process ends, however it ends. Recovery offers only the autosaves that
 * nobody holds, so a second Patchwise (another session, another sandbox) never offers the plan
 * that is still open in the first.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int       pw_autosave_claim        (const char  *autosave_path,
                                    GError     **error);
void      pw_autosave_release      (int          lock_fd,
                                    const char  *autosave_path);
gboolean  pw_autosave_is_orphaned  (const char  *autosave_path);
void      pw_autosave_discard      (const char  *autosave_path);

G_END_DECLS
