# name: containers
# description: what container engines need: docker/moby (and podman, which uses the same kernel features) and LXC
# requires: namespaces cgroups-v2
# source: docker 20.10.24 contrib/check-config.sh (Debian docker.io 20.10.24+dfsg1-1+deb12u1, /usr/share/docker.io/contrib/check-config.sh)
# source: LXC 5.0.2 lxc-checkconfig (Debian lxc 1:5.0.2-1+deb12u4, /usr/bin/lxc-checkconfig)
#
# check-config.sh's "Generally Necessary" flags are required here, its
# "Optional Features" and the storage and network drivers are [recommended],
# except OVERLAY_FS: overlay2 is the default storage driver of docker, podman
# and containerd. lxc-checkconfig's "required" flags are required, the rest
# recommended. check-config.sh accepts y or m for every flag, so do these
# items ([y/m]); it also tests things that are not kernel options (mounts,
# apparmor_parser, keys limits), which a profile cannot.
# Not taken: AUFS_FS (not in mainline Linux), the ext3 flags (check-config.sh
# skips them when EXT4_USE_FOR_EXT2 is set, as Debian and most configs do).

# [y/m] Generally necessary (check-config.sh); namespaces and CGROUPS come from the required profiles.
CONFIG_NAMESPACES=y		# LXC: required
CONFIG_NET_NS=y			# a network stack per container
CONFIG_PID_NS=y			# LXC: required
CONFIG_IPC_NS=y			# LXC: required
CONFIG_UTS_NS=y			# a hostname per container
CONFIG_CGROUP_CPUACCT=y		# cgroup v1 cpuacct controller (docker on cgroup v1 hosts)
CONFIG_CGROUP_DEVICE=y		# cgroup v1 devices controller (docker on cgroup v1 hosts)
CONFIG_CGROUP_FREEZER=y		# cgroup v1 freezer: docker pause/unpause on v1 hosts
CONFIG_CGROUP_SCHED=y		# cpu shares and quotas
CONFIG_CPUSETS=y		# docker run --cpuset-cpus
CONFIG_MEMCG=y			# docker run --memory
CONFIG_KEYS=y			# session keyrings per container
CONFIG_VETH=m			# the virtual ethernet pair between a container and the bridge
CONFIG_BRIDGE=m			# the docker0 / lxcbr0 bridge
CONFIG_BRIDGE_NETFILTER=m	# iptables sees bridged traffic (inter-container rules)
CONFIG_IP_NF_FILTER=m		# iptables filter table for the DOCKER chains
CONFIG_IP_NF_TARGET_MASQUERADE=m	# outgoing NAT for containers
CONFIG_NETFILTER_XT_MATCH_ADDRTYPE=m	# -m addrtype in docker's NAT rules
CONFIG_NETFILTER_XT_MATCH_CONNTRACK=m	# -m conntrack in docker's filter rules
CONFIG_NETFILTER_XT_MATCH_IPVS=m	# -m ipvs, for swarm service load balancing
CONFIG_NETFILTER_XT_MARK=m	# -j MARK / -m mark (swarm ingress)
CONFIG_IP_NF_NAT=m		# iptables nat table: published ports (-p 8080:80)
CONFIG_NF_NAT=m			# the NAT core under it
CONFIG_POSIX_MQUEUE=y		# bind-mounting /dev/mqueue into containers
CONFIG_OVERLAY_FS=m		# overlay2, the default storage driver
CONFIG_DEVPTS_MULTIPLE_INSTANCES=y	# [linux<4.8] one devpts per container (always so since 4.7)
CONFIG_NF_NAT_IPV4=m		# [linux<5.2] split out of NF_NAT before 5.1
CONFIG_NF_NAT_NEEDED=y		# [linux<5.3] idem, before 5.2

# [recommended] [y/m] Optional features (check-config.sh).
CONFIG_USER_NS=y		# rootless containers, userns-remap
CONFIG_SECCOMP=y		# docker's default seccomp profile
CONFIG_SECCOMP_FILTER=y		# the BPF filters that profile is made of
CONFIG_CGROUP_PIDS=y		# docker run --pids-limit
CONFIG_MEMCG_SWAP=y		# [linux<6.1] swap limits; always on since 6.1 (the option is gone)
CONFIG_MEMCG_SWAP_ENABLED=y	# [linux<5.9] idem, until 5.8
CONFIG_MEMCG_KMEM=y		# [linux<4.6] kernel memory accounting, before 4.6
CONFIG_RESOURCE_COUNTERS=y	# [linux<3.19] before 3.19
CONFIG_IOSCHED_CFQ=y		# [linux<5.0] blkio weights, before blk-mq
CONFIG_CFQ_GROUP_IOSCHED=y	# [linux<5.0] idem
CONFIG_BLK_CGROUP=y		# docker run --blkio-weight
CONFIG_BLK_DEV_THROTTLING=y	# docker run --device-read-bps
CONFIG_CGROUP_PERF=y		# perf inside containers
CONFIG_CGROUP_HUGETLB=y		# hugetlb limits
CONFIG_NET_CLS_CGROUP=m		# cgroup v1 net_cls
CONFIG_CGROUP_NET_PRIO=y	# cgroup v1 net_prio
CONFIG_CFS_BANDWIDTH=y		# docker run --cpus
CONFIG_FAIR_GROUP_SCHED=y	# docker run --cpu-shares
CONFIG_RT_GROUP_SCHED=y		# docker run --cpu-rt-runtime (systemd's README advises against it)
CONFIG_IP_NF_TARGET_REDIRECT=m	# -j REDIRECT (userland-proxy=false hairpin)
CONFIG_IP_VS=m			# swarm service VIPs
CONFIG_IP_VS_NFCT=y		# idem, with conntrack
CONFIG_IP_VS_PROTO_TCP=y	# idem, TCP
CONFIG_IP_VS_PROTO_UDP=y	# idem, UDP
CONFIG_IP_VS_RR=m		# idem, round robin
CONFIG_EXT4_FS=y		# ext4 as backing filesystem
CONFIG_EXT4_FS_POSIX_ACL=y	# idem, with ACLs
CONFIG_EXT4_FS_SECURITY=y	# idem, with security labels

# [recommended] [y/m] Network drivers (check-config.sh).
CONFIG_VXLAN=m			# overlay networks
CONFIG_BRIDGE_VLAN_FILTERING=y	# overlay networks
CONFIG_CRYPTO=y			# encrypted overlay networks
CONFIG_CRYPTO_AEAD=y		# idem
CONFIG_CRYPTO_GCM=y		# idem
CONFIG_CRYPTO_SEQIV=y		# idem
CONFIG_CRYPTO_GHASH=y		# idem
CONFIG_XFRM=y			# idem (IPsec)
CONFIG_XFRM_USER=y		# idem
CONFIG_XFRM_ALGO=y		# idem
CONFIG_INET_ESP=m		# idem
CONFIG_INET_XFRM_MODE_TRANSPORT=m	# [linux<5.4] idem, before 5.4
CONFIG_IPVLAN=m			# ipvlan networks
CONFIG_MACVLAN=m		# macvlan networks; LXC macvlan interfaces
CONFIG_DUMMY=m			# macvlan networks
CONFIG_NF_NAT_FTP=m		# ftp client in a container
CONFIG_NF_CONNTRACK_FTP=m	# idem
CONFIG_NF_NAT_TFTP=m		# tftp client in a container
CONFIG_NF_CONNTRACK_TFTP=m	# idem

# [recommended] [y/m] Storage drivers other than overlay2 (check-config.sh).
CONFIG_BTRFS_FS=m		# btrfs driver
CONFIG_BTRFS_FS_POSIX_ACL=y	# idem
CONFIG_BLK_DEV_DM=m		# devicemapper driver
CONFIG_DM_THIN_PROVISIONING=m	# idem

# [recommended] [y/m] LXC (lxc-checkconfig "Misc" and "Checkpoint/Restore").
CONFIG_VLAN_8021Q=m		# VLAN interfaces
CONFIG_NETFILTER_ADVANCED=y	# "Advanced netfilter"
CONFIG_IP6_NF_TARGET_MASQUERADE=m	# IPv6 NAT for lxcbr0
CONFIG_NETFILTER_XT_TARGET_CHECKSUM=m	# DHCP checksum fix-up on lxcbr0
CONFIG_NETFILTER_XT_MATCH_COMMENT=m	# comments in LXC's rules
CONFIG_FUSE_FS=m		# lxcfs
CONFIG_CHECKPOINT_RESTORE=y	# CRIU (lxc-checkpoint)
CONFIG_FHANDLE=y		# idem
CONFIG_EVENTFD=y		# idem
CONFIG_EPOLL=y			# idem
CONFIG_UNIX_DIAG=m		# idem
CONFIG_INET_DIAG=m		# idem
CONFIG_PACKET_DIAG=m		# idem
CONFIG_NETLINK_DIAG=m		# idem
