# name: systemd
# description: what systemd documents as required or strongly recommended
# requires: pseudo-fs
# source: systemd 252 README, "REQUIREMENTS" (Debian systemd 252.38-1~deb12u1, /usr/share/doc/systemd/README.gz)
#
# The README's "Kernel Config Options" are required; so are NET_NS and USER_NS
# ("effectively required"). Its "optional but strongly recommended" list and the
# options behind particular unit settings are [recommended].

CONFIG_DEVTMPFS=y		# /dev is devtmpfs
CONFIG_CGROUPS=y		# "it is OK to disable all controllers"
CONFIG_INOTIFY_USER=y		# path units, udev, journald
CONFIG_SIGNALFD=y		# the event loop of every systemd daemon
CONFIG_TIMERFD=y		# idem
CONFIG_EPOLL=y			# idem
CONFIG_NET=y			# CONFIG_UNIX requires it
CONFIG_UNIX=y			# the D-Bus, journal and notify sockets (needed before any module could load)
CONFIG_SYSFS=y			# udev, device units
CONFIG_PROC_FS=y		# everything
CONFIG_FHANDLE=y		# libudev, mount and bind mount handling
# CONFIG_SYSFS_DEPRECATED is not set	# udev does not work with the legacy sysfs layout
CONFIG_UEVENT_HELPER_PATH=""	# legacy hotplug helper: slows boot, confuses udev
# CONFIG_FW_LOADER_USER_HELPER is not set	# userspace firmware loading is not supported
CONFIG_DMIID=y			# [arch=x86,arm64,arm,loongarch,riscv,mips] udev rules and virtualization detection read /sys/class/dmi/id
CONFIG_NET_NS=y			# PrivateNetwork= (systemd-localed and others use it)
CONFIG_USER_NS=y		# PrivateUsers=

# [recommended] "Optional but strongly recommended"
CONFIG_BLK_DEV_BSG=y		# serial numbers of some SCSI devices for /dev/disk/by-id and /dev/tape links
CONFIG_IPV6=y			# networkd, resolved
CONFIG_AUTOFS_FS=y		# [y/m] automount units (the option was AUTOFS4_FS before 5.18)
CONFIG_TMPFS_XATTR=y		# tmpfs extended attributes
CONFIG_TMPFS_POSIX_ACL=y	# tmpfs ACLs (logind device access)
CONFIG_EXT4_FS_POSIX_ACL=y	# ACLs on ext4 (the README's {TMPFS,EXT4_FS,XFS,BTRFS_FS,...}_POSIX_ACL)
CONFIG_SECCOMP=y		# SystemCallFilter= and friends
CONFIG_SECCOMP_FILTER=y		# "required for seccomp support"
CONFIG_KCMP=y			# the kcmp() system call

# [recommended] Resource control unit settings.
CONFIG_CGROUP_SCHED=y		# CPUShares=/CPUWeight=
CONFIG_FAIR_GROUP_SCHED=y	# idem
CONFIG_CFS_BANDWIDTH=y		# CPUQuota=
CONFIG_BPF=y			# IPAddressDeny=, SocketBind*=, RestrictNetworkInterfaces=
CONFIG_BPF_SYSCALL=y		# idem
CONFIG_BPF_JIT=y		# idem
CONFIG_HAVE_EBPF_JIT=y		# idem (the architecture must have an eBPF JIT)
CONFIG_CGROUP_BPF=y		# idem
CONFIG_BPF_LSM=y		# RestrictFileSystems= (also needs "bpf" in CONFIG_LSM or lsm=)
CONFIG_DEBUG_INFO_BTF=y		# idem
CONFIG_PSI=y			# systemd-oomd
CONFIG_MEMCG=y			# systemd-oomd
# CONFIG_RT_GROUP_SCHED is not set	# RT group scheduling makes RT scheduling unusable for most units

# [recommended] UEFI systems.
CONFIG_EFIVAR_FS=y		# [arch=x86,arm64,arm,loongarch,riscv] [y/m] bootctl, systemd-boot, EFI variables
CONFIG_EFI_PARTITION=y		# GPT partition tables

CONFIG_DM_VERITY_VERIFY_ROOTHASH_SIG=y	# [recommended] signed Verity images
# CONFIG_AUDIT is not set	# [recommended] auditing is broken with systemd's container code (or boot with audit=0)
