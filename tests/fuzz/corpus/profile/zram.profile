# name: zram
# description: compressed RAM block devices, for swap on zram
# source: Linux 6.12 Documentation/admin-guide/blockdev/zram.rst and drivers/block/zram/Kconfig

CONFIG_SWAP=y			# zram is mostly used as a swap device
CONFIG_BLK_DEV=y		# the block device menu zram lives in
CONFIG_ZRAM=m			# [y/m] the zram driver itself (zramctl, zram-generator, zram-tools)
CONFIG_ZSMALLOC=y		# [y/m] the allocator zram stores compressed pages in (ZRAM selects it)

# [recommended] Compression backends: 6.12 made them options of their own.
CONFIG_ZRAM_BACKEND_LZ4=y	# [linux>=6.12] fast; the usual choice for swap
CONFIG_ZRAM_BACKEND_ZSTD=y	# [linux>=6.12] better ratio (zram-generator users often pick zstd)
CONFIG_CRYPTO_LZ4=y		# [linux<6.12] [y/m] before 6.12 zram compressed through the crypto API
CONFIG_CRYPTO_ZSTD=y		# [linux<6.12] [y/m] idem, for zstd

CONFIG_ZRAM_WRITEBACK=y		# [recommended] idle or incompressible pages can go to a backing device
