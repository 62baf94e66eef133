/* pw-autosave.c: who an autosave belongs to (see pw-autosave.h).
 *
 * flock() rather than a process id in the file: process ids are not unique across PID
 * namespaces (each Flatpak instance has its own), are reused, and a living process cannot be
 * told from a dead one that had the same id. A lock held on an open file is released by the
 * kernel when the process ends, crash or kill included, and is seen by every process that can
 * open the file.
 */
/* flock () and O_CLOEXEC are not in C11 alone. */
#define _GNU_SOURCE

#include "config.h"

#include "pw-autosave.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

static char *
lock_path (const char *autosave_path)
{
  return g_strconcat (autosave_path, ".lock", NULL);
}

/* Takes @autosave_path for this process: returns the descriptor that holds the lock (keep it
 * open while the plan is open), or -1 with @error set when another process holds it. */
int
pw_autosave_claim (const char  *autosave_path,
                   GError     **error)
{
  g_autofree char *path = NULL;
  int fd;

  g_return_val_if_fail (autosave_path != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  path = lock_path (autosave_path);
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot lock the autosave “%s”: %s"), path, g_strerror (saved));
      return -1;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      close (fd);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   saved == EWOULDBLOCK
                     ? _("The autosave “%s” belongs to a plan that is open in another window")
                     : _("Cannot lock the autosave “%s”"),
                   autosave_path);
      return -1;
    }
  return fd;
}

/* The plan was saved or closed: its autosave and the lock go. */
void
pw_autosave_release (int         lock_fd,
                     const char *autosave_path)
{
  g_return_if_fail (autosave_path != NULL);

  pw_autosave_discard (autosave_path);
  if (lock_fd >= 0)
    close (lock_fd);
}

/* TRUE when no living process holds @autosave_path: the work of a plan whose window is gone. */
gboolean
pw_autosave_is_orphaned (const char *autosave_path)
{
  g_autofree char *path = NULL;
  int fd;
  gboolean orphaned;

  g_return_val_if_fail (autosave_path != NULL, FALSE);

  path = lock_path (autosave_path);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  /* No lock file: written by a Patchwise that did not lock, or its lock was removed with it. */
  if (fd < 0)
    return TRUE;
  orphaned = flock (fd, LOCK_EX | LOCK_NB) == 0;
  close (fd);
  return orphaned;
}

/* Removes an autosave and its lock file. */
void
pw_autosave_discard (const char *autosave_path)
{
  g_autofree char *path = NULL;

  g_return_if_fail (autosave_path != NULL);

  path = lock_path (autosave_path);
  g_unlink (autosave_path);
  g_unlink (path);
}
