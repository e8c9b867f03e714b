# name: thp
# description: transparent huge pages
# source: Linux 6.12 Documentation/admin-guide/mm/transhuge.rst and mm/Kconfig
# source: stal/IX KERNEL.md (updated 2024-01-22): "has transparent huge pages enabled"
#
# Whether THP is used always or on madvise() is a run-time choice
# (/sys/kernel/mm/transparent_hugepage/enabled); the profile does not pick one.

CONFIG_TRANSPARENT_HUGEPAGE=y	# THP support itself
