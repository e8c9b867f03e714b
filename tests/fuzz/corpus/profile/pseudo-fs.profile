# name: pseudo-fs
# description: the usual pseudo filesystems: proc, sysfs, devtmpfs, devpts, tmpfs, debugfs
# source: stal/IX KERNEL.md (updated 2024-01-22): "all the usual pseudo filesystems like proc, debugfs, sysfs, devptsfs, tmpfs"
# source: systemd 252 README (Debian systemd 252.38-1~deb12u1): DEVTMPFS, SYSFS, PROC_FS, TMPFS_XATTR, TMPFS_POSIX_ACL

CONFIG_PROC_FS=y		# /proc
CONFIG_SYSFS=y			# /sys
CONFIG_DEVTMPFS=y		# /dev populated by the kernel; udev and systemd need it
CONFIG_UNIX98_PTYS=y		# /dev/pts (devpts), what terminals, ssh and containers use
CONFIG_TMPFS=y			# tmpfs for /tmp, /run, /dev/shm
CONFIG_DEBUG_FS=y		# /sys/kernel/debug

# [recommended] Conveniences on top.
CONFIG_DEVTMPFS_MOUNT=y		# the kernel mounts devtmpfs on /dev itself when there is no initramfs
CONFIG_TMPFS_POSIX_ACL=y	# ACLs on tmpfs (systemd-logind grants device access with them)
CONFIG_TMPFS_XATTR=y		# extended attributes on tmpfs (systemd "optional but strongly recommended")
CONFIG_PROC_SYSCTL=y		# /proc/sys, where sysctl writes
