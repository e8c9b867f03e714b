# name: namespaces
# description: every kind of namespace (uts, ipc, pid, net, user, time, cgroup)
# source: Linux 6.12 init/Kconfig, menu "Namespaces support", and namespaces(7) (man-pages 6.03)
#
# Mount namespaces are always built; the cgroup namespace comes with CGROUPS.

CONFIG_NAMESPACES=y		# the menu all the others live in
CONFIG_UTS_NS=y			# own hostname and domain name
CONFIG_IPC_NS=y			# own System V IPC objects and POSIX message queues
CONFIG_SYSVIPC=y		# what an IPC namespace isolates (IPC_NS depends on it or on POSIX_MQUEUE)
CONFIG_POSIX_MQUEUE=y		# POSIX message queues (/dev/mqueue), isolated by IPC_NS
CONFIG_PID_NS=y			# own process ids; a container's init is pid 1
CONFIG_NET_NS=y			# own network stack; systemd PrivateNetwork=
CONFIG_USER_NS=y		# own uid/gid mapping: rootless containers, systemd PrivateUsers=
CONFIG_CGROUPS=y		# the cgroup namespace (clone flag CLONE_NEWCGROUP) has no option of its own
CONFIG_TIME_NS=y		# [linux>=5.6] own CLOCK_MONOTONIC/BOOTTIME offsets (CRIU, checkpoint/restore)
