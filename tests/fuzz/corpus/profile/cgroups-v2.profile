# name: cgroups-v2
# description: the unified cgroup hierarchy (cgroup2) and its controllers
# source: Linux 6.12 Documentation/admin-guide/cgroup-v2.rst ("Controllers" section)
# source: systemd 252 README (Debian systemd 252.38-1~deb12u1), "Kernel Config Options"
#
# Only what cgroup v2 uses: the v1-only controllers (CGROUP_CPUACCT,
# CGROUP_DEVICE, CGROUP_FREEZER, NET_CLS_CGROUP...) are in the containers
# profile, because docker's check-config.sh still asks for them.

CONFIG_CGROUPS=y		# the cgroup core and the cgroup2 filesystem
CONFIG_MEMCG=y			# memory controller: memory.max, memory.high, memory.pressure
CONFIG_CGROUP_SCHED=y		# cpu controller
CONFIG_FAIR_GROUP_SCHED=y	# cpu.weight for normal tasks (systemd CPUWeight=)
CONFIG_BLK_CGROUP=y		# io controller: io.weight, io.stat
CONFIG_CGROUP_PIDS=y		# pids controller: pids.max (systemd TasksMax=)
CONFIG_CPUSETS=y		# cpuset controller: cpuset.cpus, cpuset.mems
CONFIG_CGROUP_BPF=y		# v2 has no device controller: device access is a BPF program on the cgroup
CONFIG_BPF_SYSCALL=y		# needed to load those BPF programs (systemd DeviceAllow=, IPAddressDeny=)

# [recommended] Controllers and interfaces that are useful but not needed to run.
CONFIG_CFS_BANDWIDTH=y		# cpu.max quotas (systemd CPUQuota=)
CONFIG_BLK_DEV_THROTTLING=y	# io.max limits
CONFIG_CGROUP_WRITEBACK=y	# buffered writes are charged to the right cgroup (needs MEMCG and BLK_CGROUP)
CONFIG_PSI=y			# pressure stall information (cpu/memory/io.pressure), used by systemd-oomd
CONFIG_CGROUP_HUGETLB=y		# hugetlb controller
CONFIG_CGROUP_PERF=y		# perf_event controller: perf per cgroup
CONFIG_CGROUP_RDMA=y		# rdma controller
CONFIG_CGROUP_MISC=y		# misc controller (e.g. SEV ASIDs)
