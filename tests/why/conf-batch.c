/*
 * conf-batch.c - the kernel's own `conf --olddefconfig`, for many configs in one run.
 *
 * Built by tests/why/real-tree.sh against the kernel tree's scripts/kconfig
 * objects (everything of conf but conf.o), and put in place of scripts/kconfig/conf
 * in a scratch O= dir, so that `make olddefconfig` runs it with kbuild's exact
 * environment. It parses Kconfig once (the toolchain probes run once), then for
 * each "INPUT OUTPUT" line of $KX_CONF_BATCH does what olddefconfig does:
 * conf_read(INPUT) and conf_write(OUTPUT). conf_read_simple() forgets every user
 * value and cached value before reading, so the runs do not leak into each other.
 */
#include <stdio.h>
#include <stdlib.h>

#include "lkc.h"

int
main(int argc, char **argv)
{
	const char *list = getenv("KX_CONF_BATCH");
	char in[4096], out[4096];
	FILE *f;
	int n = 0;

	if (!list || argc < 2) {
		fprintf(stderr, "conf-batch: set KX_CONF_BATCH to a file of 'INPUT OUTPUT' lines\n");
		return 1;
	}
	conf_set_message_callback(NULL);
	conf_parse(argv[argc - 1]);
	f = fopen(list, "r");
	if (!f) {
		perror(list);
		return 1;
	}
	while (fscanf(f, "%4095s %4095s", in, out) == 2) {
		if (conf_read(in) || conf_write(out)) {
			fprintf(stderr, "conf-batch: %s -> %s failed\n", in, out);
			return 1;
		}
		n++;
	}
	fclose(f);
	fprintf(stderr, "conf-batch: %d configs\n", n);
	return 0;
}
