/* help.c - each command's help text, the one source of `kexplore help CMD` and `kexplore CMD --help`. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmds.h"

#ifndef KX_PROFILE_DIR
#define KX_PROFILE_DIR "/usr/local/share/kexplore/profiles"
#endif

#define OUT_OPT \
	"  -o, --output OUT   write there (\"-\": standard output) instead of the config file;\n" \
	"                     files are written atomically, the previous one kept as OUT.old\n"

#define PLAN_OPTS \
	"  --allow-off        accept a plan that turns values off (y->m, y->n, m->n)\n" \
	"  --apply            write the resulting config to the config file (.old kept)\n" \
	"  -o, --output OUT   write it there instead (implies --apply; \"-\": standard output)\n" \
	"  --fragment FILE    also write the plan's assignments as a fragment (merge_config.sh)\n" \
	"  --json             the plan, the changes and the failures as JSON\n"

#define VALUE_NOTE \
	"A VALUE is written as in .config: a string may be quoted, with \\\" and \\\\ inside\n" \
	"(kexplore enable 'CMDLINE=\"console=ttyS0 quiet\"'); a bare string is taken as typed.\n" \
	"Symbol names are accepted in any case, with or without CONFIG_.\n"

struct help {
	const char *cmd;
	const char *body;
};

static const struct help helps[] = {
	{ "olddefconfig", "Options:\n" OUT_OPT },
	{ "defconfig",
	  "FILE is a path relative to the tree (arch/x86/configs/x86_64_defconfig) or an\n"
	  "absolute one, or a defconfig make target (ppc64le_defconfig).\n"
	  "\nOptions:\n" OUT_OPT },
	{ "savedefconfig", "Options:\n" OUT_OPT },
	{ "alldefconfig", "Options:\n" OUT_OPT },
	{ "allnoconfig", "Options:\n" OUT_OPT },
	{ "allyesconfig", "Options:\n" OUT_OPT },
	{ "allmodconfig", "Options:\n" OUT_OPT },
	{ "save",
	  "Options:\n"
	  "  --base BASE        the base of the diff: a config file, or \"defconfig\" for the\n"
	  "                     arch's default defconfig (default: FILE as it was before)\n"
	  "  -o, --output FILE  the config to write (default: the config file itself)\n"
	  "  --fragment FRAG    where the diff goes (default: FILE.fragment)\n" },
	{ "mindiff",
	  "Options:\n"
	  "  --base BASE        the config the diff applies to, or \"defconfig\"\n"
	  "  --format FORMAT    kconfig (default, for merge_config.sh), nix\n"
	  "                     (structuredExtraConfig), guix (#:extra-options), changelog\n"
	  "  -o, --output OUT   write the diff there (default: standard output)\n" },
	{ "diff-apply",
	  "Options:\n"
	  "  --config BASE      the config the fragment goes on (default: the config file)\n" OUT_OPT },
	{ "upgrade",
	  "The config (--config OLD, else the tree's .config) is read on this tree and on\n"
	  "NEWTREE, both as olddefconfig; the report lists symbols gone, renamed, new (as\n"
	  "make listnewconfig lists them), changed, and the config's own values that no\n"
	  "longer take, with why and a plan. Nothing is written.\n"
	  "\nOptions:\n"
	  "  --to NEWTREE       the kernel tree the config moves to (required)\n"
	  "  --config OLD       the config written for this tree\n"
	  "  --json             every item as JSON\n"
	  "  --tui              the report over the explorer on NEWTREE, names as links\n" },
	{ "check",
	  "FRAGMENT is a Kconfig fragment, a NixOS structuredExtraConfig attrset (.nix) or\n"
	  "a Guix extra-options alist (.scm). The settings are applied to the base config\n"
	  "as the distro does; what does not take is reported in the distro's own words\n"
	  "(nixpkgs: unused option / option not set correctly; Guix: verify-config;\n"
	  "fragments: merge_config.sh), with why and a plan. Exit status 1 when a required\n"
	  "setting does not take. Nothing is written.\n"
	  "\nOptions:\n"
	  "  --form FORM        kconfig, nix or guix (default: from the name, else the text)\n"
	  "  --config BASE      the config the settings go on (default: the config file)\n"
	  "  --list             print the settings as read; check nothing\n"
	  "  --json             every setting with its verdict and the value it got\n"
	  "  -v, --verbose      also the settings skipped for this kernel version\n" },
	{ "dump",
	  "Options:\n"
	  "  --json             JSON (the only format)\n"
	  "  --all              also the symbols that are only referenced, never defined\n" },
	{ "info", "" },
	{ "diff",
	  "Each file (plain, gzip or xz) is evaluated as olddefconfig would; one file is\n"
	  "compared with the config file (--config).\n"
	  "\nOptions:\n"
	  "  --choices-only     only the choices, each with the differences it explains\n"
	  "  --common           what every config sets alike instead\n"
	  "  --stats            counts per top-level menu\n"
	  "  --menu RE          only symbols whose menu path matches (PCRE2, any case)\n"
	  "  --grep RE          only symbols whose name or prompt matches\n"
	  "  --json, --markdown, --csv   output format (default: aligned text)\n" },
	{ "modules",
	  "Options:\n"
	  "  NAME...            module names (snd_hda_intel, snd-hda-intel, iwlwifi.ko)\n"
	  "  --loaded           the modules loaded now\n"
	  "  --hardware         the modules this machine's devices ask for (sysfs modalias)\n"
	  "  --sysfs DIR        devices folder for --hardware (default /sys/devices)\n"
	  "  --lsmod FILE       module names from saved `lsmod` output\n"
	  "  --lspci FILE       drivers and modules from saved `lspci -k` output\n"
	  "  --root DIR         use the module indexes of the system mounted at DIR\n"
	  "  --modules-dir DIR  use the module indexes in DIR (modules.alias.bin, ...)\n"
	  "  --json             machine-readable output\n"
	  "  --enable           change the config so that all of them are built (one plan)\n"
	  "  --localmodconfig   keep (and enable) these modules, switch every other module off\n"
	  "  --localyesconfig   as --localmodconfig, and build the kept modules in (m -> y)\n"
	  "  -o, --output FILE  with --enable/--localmodconfig: write the config there\n"
	  "                     (default: the config file)\n"
	  "  --allow-off        let the plan turn symbols off (y->m, y->n, m->n) to reach them\n"
	  "  --fragment FILE    with --enable/--localmodconfig: also write the changes as a\n"
	  "                     fragment\n"
	  "\nA named module the tree does not have, or a --lsmod/--lspci file that cannot be\n"
	  "read, writes nothing and exits 1. A module's plan includes the options that add\n"
	  "device support to it and that the kernel turns on with it by default (iwlwifi:\n"
	  "IWLMVM), and for modules from the hardware or a list, the sub-drivers also named.\n" },
	{ "profile",
	  "  list               the profiles found, with their descriptions\n"
	  "  show NAME          its header and items; --all merges in the profiles it\n"
	  "                     requires; --fragment prints that as a plain Kconfig fragment\n"
	  "  check NAME...      each item: met, met as module, missing or impossible here,\n"
	  "                     with the reason; exit 0 only when every required item is met.\n"
	  "                     Without NAME, one summary line per profile. --running checks\n"
	  "                     the running kernel (/proc/config.gz); --brief lists only the\n"
	  "                     unmet items; --why prints the whole explanation under each;\n"
	  "                     items naming symbols the tree lacks are counted in one line\n"
	  "                     (-v lists them)\n"
	  "  apply NAME...      plan every unmet item together (dependencies included), show\n"
	  "                     the plan and what else changes, write the config (atomically,\n"
	  "                     keeping OUT.old), then re-check and list what did not take\n"
	  "\nOptions:\n"
	  "  --config FILE      check or apply to FILE instead of the config file\n"
	  "  --running          check: the running kernel's config\n"
	  "  --brief            check: only the unmet items\n"
	  "  --why              check: the whole explanation under each unmet item\n"
	  "  --all              show: with the profiles it requires\n"
	  "  --fragment         show: as a plain Kconfig fragment\n"
	  "  --fragment FILE    apply: also write the plan's assignments there\n"
	  "  -n, --dry-run      apply: only show the plan\n"
	  "  --allow-off        apply: let the plan turn off options that are on\n"
	  "  --required-only    apply: leave out [recommended] items\n"
	  "  -o, --output OUT   apply: write there (\"-\": standard output)\n"
	  "  --json             check, apply: JSON\n"
	  "  -P, --profile-dir DIR   also read the profiles in DIR (repeatable)\n"
	  "\nNAME is a profile name (any case) or a path to a .profile file. Profiles are\n"
	  "read from $KEXPLORE_PROFILE_PATH (dirs separated by ':') when set, else\n"
	  "the shipped folder (the source tree's profiles/ when kexplore runs from its\n"
	  "build tree, else " KX_PROFILE_DIR ") and ~/.config/kexplore/profiles;\n"
	  "then from each -P DIR (--profile-dir, before or after the command); a later\n"
	  "profile of the same name wins.\n"
	  "\nProfile format (Kconfig fragment syntax plus a header and markers):\n"
	  "  # name: containers                    defaults to the file name\n"
	  "  # description: what docker, podman and LXC need\n"
	  "  # requires: namespaces cgroups-v2     other profiles, included first\n"
	  "  # source: docker 20.10.24 contrib/check-config.sh   (repeatable)\n"
	  "  CONFIG_VETH=m          # [y/m] containers reach the host through veth pairs\n"
	  "  # CONFIG_LEGACY_PTYS is not set   # devpts only\n"
	  "  CONFIG_LSM=\"landlock,lockdown,yama,bpf\"\n"
	  "  Markers are [bracketed] words at the start of a comment, on the item's line or\n"
	  "  on a comment line above a group of items (a group ends at a blank line):\n"
	  "    [y/m]            y or m both satisfy (apply asks for at least m)\n"
	  "    [recommended]    reported, but check does not fail on it\n"
	  "    [linux>=6.1] [linux<4.8]   kernel versions the item applies to\n"
	  "    [arch=x86,arm64] [arch!=s390]   SRCARCHes the item applies to\n"
	  "  The rest of the comments say why an item is there.\n" },
	{ "why",
	  "Options:\n"
	  "  --json             the explanation graph as JSON\n"
	  "  --dot              as a Graphviz digraph\n"
	  "\nExit status 0 when some change of the config can give the value, 1 when none can.\n"
	  VALUE_NOTE },
	{ "enable",
	  "Without VALUE a bool is asked for y, a tristate for at least m; NAME=m+ asks for\n"
	  "m or y, NAME=m- for m or n.\n"
	  "\nOptions:\n" PLAN_OPTS "\n" VALUE_NOTE },
	{ "disable", "Options:\n" PLAN_OPTS },
};

const char *
help_body(const char *cmd)
{
	size_t i;

	for (i = 0; i < sizeof(helps) / sizeof(helps[0]); i++)
		if (!strcmp(helps[i].cmd, cmd))
			return helps[i].body;
	return NULL;
}
