/* profile-dirs.c - where the CLI and the explorer find baseline profiles: the
 * shipped folder (the build tree's when the binary runs from it) and -P folders. */
#include "config.h"

#include "common.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <kexplore/profile.h>

#ifndef KX_PROFILE_DIR
#define KX_PROFILE_DIR "/usr/local/share/kexplore/profiles"
#endif

static bool
is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* The folder of the running executable, or "" (caller frees). */
static char *
exe_dir(void)
{
	char *real = realpath("/proc/self/exe", NULL), *slash;

	if (!real)
		return strdup("");
	slash = strrchr(real, '/');
	if (slash)
		*slash = 0;
	return real;
}

/* Same folder, however spelled (symlinks, trailing slashes)? */
static bool
same_dir(const char *a, const char *b)
{
	struct stat sa, sb;

	return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

const char *
kx_profile_datadir(void)
{
	static char path[PATH_MAX];
	char *dir;

	if (path[0])
		return path;
	dir = exe_dir();
	/* A binary in its build tree (quickstart, make check) has no installed
	 * data: it reads the profiles it was built with, not an older install. */
#if defined(KX_BUILDDIR) && defined(KX_SRCDIR)
	if (*dir && same_dir(dir, KX_BUILDDIR))
		snprintf(path, sizeof(path), "%s/profiles", KX_SRCDIR);
	else
#endif
	if (*dir && strlen(dir) + 32 < sizeof(path) &&
	    (snprintf(path, sizeof(path), "%s/src/cmd-profile.c", dir), !access(path, F_OK)))
		/* a source tree that was moved after the build */
		snprintf(path, sizeof(path), "%s/profiles", dir);
	else
		snprintf(path, sizeof(path), "%s", KX_PROFILE_DIR);
	free(dir);
	if (!is_dir(path))
		snprintf(path, sizeof(path), "%s", KX_PROFILE_DIR);
	return path;
}

void
kx_add_profile_dir(const char *dir)
{
	if (kx.nprofile_dirs == sizeof(kx.profile_dirs) / sizeof(kx.profile_dirs[0]))
		kx_usage_error("profile", "too many -P folders");
	kx.profile_dirs[kx.nprofile_dirs++] = dir;
}

void
kx_profile_search(struct kc_profile_set *set)
{
	size_t i;

	kc_profile_set_add_search_path(set, kx_profile_datadir());
	for (i = 0; i < kx.nprofile_dirs; i++)
		if (kc_profile_set_add_dir(set, kx.profile_dirs[i]) == KC_ENOENT)
			kx_warn("profile: %s: no such folder", kx.profile_dirs[i]);
}
