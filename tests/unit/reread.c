/* reread.c - one loaded tree, several configs read in turn: each result must
 * equal what the kernel's conf gives for that config alone (the shell test
 * tests/unit/reread.sh compares). Evaluation order is shuffled on purpose:
 * every symbol is asked for in definition order first, as a diff or a UI
 * would, before the config is written.
 *
 * usage: reread TREE ARCH OUTDIR CONFIG...   writes OUTDIR/N.config per CONFIG
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/kconfig.h"

int
main(int argc, char **argv)
{
	struct kc_load_opts o = { 0 };
	struct kc_tree *t = NULL;
	int i, rc = 0;

	if (argc < 5) {
		fprintf(stderr, "usage: reread TREE ARCH OUTDIR CONFIG...\n");
		return 2;
	}
	o.srctree = argv[1];
	o.arch = argv[2];
	if (kc_tree_load(&o, &t) != KC_OK) {
		fprintf(stderr, "reread: cannot load %s\n", argv[1]);
		kc_tree_free(t);
		return 1;
	}
	for (i = 4; i < argc; i++) {
		char path[4096], *s;
		size_t k;
		FILE *f;

		if (kc_config_read(t, argv[i]) != KC_OK) {
			rc = 1;
			continue;
		}
		for (k = 0; k < kc_tree_nsyms(t); k++)
			(void)kc_sym_string(kc_tree_sym(t, k));
		s = kc_config_str(t);
		snprintf(path, sizeof(path), "%s/%d.config", argv[3], i - 4);
		f = fopen(path, "w");
		if (!f || fputs(s, f) == EOF || fclose(f))
			rc = 1;
		free(s);
	}
	kc_tree_free(t);
	return rc;
}
