# name: ix-baseline
# description: the stal/IX kernel baseline: MGLRU, THP, cgroups v2, pseudo filesystems, zram, everything built in
# requires: mglru thp cgroups-v2 pseudo-fs zram
# source: stal/IX KERNEL.md, "Also you can use any suitable kernel for your hardware that: ..." (page updated 2024-01-22, as of 2025-05-19)
#
# The page's list, item by item:
#   MGLRU enabled, transparent huge pages, cgroups v2, proc/debugfs/sysfs/devpts/tmpfs, zram
#                                  -> the required profiles
#   "is statically linked"         -> no loadable modules: MODULES off builds every m option in
#   "has firmware built-in"        -> FW_LOADER built in; the blobs themselves go in
#                                     CONFIG_EXTRA_FIRMWARE, and only you know which ones
#                                     ('dmesg | grep firmware' on a running system, says the page)
#   "add support for cgroups, user namespaces, network namespaces" -> USER_NS, NET_NS

# CONFIG_MODULES is not set	# statically linked: everything is built in, nothing is loaded later
CONFIG_ZRAM=y			# built in, as everything else
CONFIG_FW_LOADER=y		# firmware loading, with the blobs linked into the image (EXTRA_FIRMWARE)
CONFIG_NAMESPACES=y		# the menu the namespaces below are in
CONFIG_USER_NS=y		# "don't forget ... user namespaces"
CONFIG_NET_NS=y			# "don't forget ... network namespaces"
