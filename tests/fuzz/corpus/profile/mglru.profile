# name: mglru
# description: the multi-generational LRU page reclaim (MGLRU), on by default
# source: Linux 6.12 Documentation/admin-guide/mm/multigen_lru.rst and mm/Kconfig
# source: stal/IX KERNEL.md (updated 2024-01-22): "has MGLRU enabled"

CONFIG_LRU_GEN=y		# [linux>=6.1] the multi-gen LRU (merged in 6.1)
CONFIG_LRU_GEN_ENABLED=y	# [linux>=6.1] on at boot, without writing /sys/kernel/mm/lru_gen/enabled
# CONFIG_LRU_GEN_STATS is not set	# [recommended] [linux>=6.1] debugging statistics; cost memory and time
