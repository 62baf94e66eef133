/* test-autosave.c: an autosave is offered for recovery only when the process that wrote it is
 * gone (src/io/pw-autosave.c). The other process is a real one: a subprocess of this test. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pw-autosave.h"

static char *
autosave_in (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "1-2.patchwise", NULL);

  g_assert_true (g_file_set_contents (path, "{}", -1, NULL));
  return g_steal_pointer (&path);
}

/* Held by this process: not offered, and no second window may take it. */
static void
test_held_here (void)
{
  g_autofree char *dir = g_dir_make_tmp ("patchwise-autosave-XXXXXX", NULL);
  g_autofree char *path = autosave_in (dir);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);
  g_autoptr(GError) error = NULL;
  int fd, again;

  g_assert_true (pw_autosave_is_orphaned (path));   /* nobody has claimed it yet */
  fd = pw_autosave_claim (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_assert_false (pw_autosave_is_orphaned (path));

  again = pw_autosave_claim (path, &error);
  g_assert_cmpint (again, ==, -1);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_AGAIN);
  g_assert_nonnull (strstr (error->message, "open in another window"));

  /* Saved or closed: the autosave and its lock go. */
  pw_autosave_release (fd, path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* Another process holds it while it runs, and gives it up when it ends, however it ends. */
static void
test_other_process (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int fd;

  if (g_test_subprocess ())
    {
      const char *held = g_getenv ("PW_TEST_AUTOSAVE");

      /* The parent holds it: this process must not offer it. */
      if (!pw_autosave_is_orphaned (held))
        {
          /* Now claim one of its own and die without letting go. */
          g_autofree char *own = g_strconcat (held, ".mine.patchwise", NULL);

          g_assert_true (g_file_set_contents (own, "{}", -1, NULL));
          g_assert_cmpint (pw_autosave_claim (own, NULL), >=, 0);
          _exit (0);
        }
      _exit (1);
    }

  dir = g_dir_make_tmp ("patchwise-autosave-XXXXXX", NULL);
  path = autosave_in (dir);
  fd = pw_autosave_claim (path, NULL);
  g_assert_cmpint (fd, >=, 0);
  g_setenv ("PW_TEST_AUTOSAVE", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* The child is gone: its autosave is orphaned, and a new window may claim it. */
  {
    g_autofree char *own = g_strconcat (path, ".mine.patchwise", NULL);
    g_autoptr(GError) error = NULL;
    int taken;

    g_assert_true (g_file_test (own, G_FILE_TEST_EXISTS));
    g_assert_true (pw_autosave_is_orphaned (own));
    taken = pw_autosave_claim (own, &error);
    g_assert_no_error (error);
    g_assert_false (pw_autosave_is_orphaned (own));
    pw_autosave_release (taken, own);
  }
  pw_autosave_release (fd, path);
  g_rmdir (dir);
}

/* Discarding an orphan takes its lock file too, so nothing is left behind. */
static void
test_discard (void)
{
  g_autofree char *dir = g_dir_make_tmp ("patchwise-autosave-XXXXXX", NULL);
  g_autofree char *path = autosave_in (dir);
  g_autofree char *lock = g_strconcat (path, ".lock", NULL);
  int fd = pw_autosave_claim (path, NULL);

  close (fd);                             /* a crash: the lock file stays, unlocked */
  g_assert_true (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_assert_true (pw_autosave_is_orphaned (path));
  pw_autosave_discard (path);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (lock, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/autosave/held-here", test_held_here);
  g_test_add_func ("/autosave/other-process", test_other_process);
  g_test_add_func ("/autosave/discard", test_discard);
  return g_test_run ();
}
