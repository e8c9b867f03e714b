# name: kvm-guest
# description: bootable as a KVM (virtio) guest
# source: Linux 6.12 kernel/configs/kvm_guest.config ("Bootable as a KVM guest", make kvm_guest.config)
# source: Guix %default-extra-linux-options (2019 blog post "Creating and using a custom Linux kernel on Guix System") for the virtio modules
#
# kvm_guest.config sets everything to y, so that the guest boots without an
# initramfs; drivers are [y/m] here: a module works when an initramfs loads it.

CONFIG_NET=y			# networking
CONFIG_NET_CORE=y		# network device support
CONFIG_NETDEVICES=y		# idem
CONFIG_BLOCK=y			# block devices
CONFIG_BLK_DEV=y		# idem
CONFIG_NETWORK_FILESYSTEMS=y	# the menu 9p is in
CONFIG_INET=y			# TCP/IP
CONFIG_TTY=y			# consoles
CONFIG_SERIAL_8250=y		# the emulated serial port
CONFIG_SERIAL_8250_CONSOLE=y	# console=ttyS0
CONFIG_BINFMT_ELF=y		# run programs
CONFIG_PCI=y			# virtio devices sit on PCI
CONFIG_PCI_MSI=y		# virtio-pci interrupts
CONFIG_VIRTUALIZATION=y		# the menu below
CONFIG_HYPERVISOR_GUEST=y	# [arch=x86] guest support (x86)
CONFIG_PARAVIRT=y		# [arch=x86,arm64,arm,loongarch,riscv,powerpc] paravirtual clock and spinlocks
CONFIG_KVM_GUEST=y		# [arch=x86,loongarch,powerpc,mips] KVM guest support
CONFIG_S390_GUEST=y		# [arch=s390] s390 KVM guest support
CONFIG_VIRTIO=y			# virtio core
CONFIG_VIRTIO_MENU=y		# virtio drivers menu
CONFIG_VIRTIO_PCI=y		# virtio over PCI (what QEMU offers by default on x86)
CONFIG_VIRTIO_BLK=y		# [y/m] virtio disks (/dev/vda)
CONFIG_VIRTIO_CONSOLE=y		# [y/m] virtio console (hvc0)
CONFIG_VIRTIO_NET=y		# [y/m] virtio network
CONFIG_SCSI_LOWLEVEL=y		# the menu virtio-scsi is in
CONFIG_SCSI_VIRTIO=y		# [y/m] virtio-scsi disks
CONFIG_VIRTIO_INPUT=y		# [y/m] virtio keyboard and mouse
CONFIG_DRM_VIRTIO_GPU=y		# [y/m] virtio GPU
CONFIG_NET_9P=y			# [y/m] 9p shares (virtfs)
CONFIG_NET_9P_VIRTIO=y		# [y/m] idem, over virtio
CONFIG_9P_FS=y			# [y/m] idem, the filesystem
CONFIG_IP_PNP=y			# [recommended] ip= on the command line (kvm_guest.config sets it)
CONFIG_IP_PNP_DHCP=y		# [recommended] idem, by DHCP
CONFIG_DEBUG_KERNEL=y		# [recommended] kvm_guest.config sets it; a guest does not need it

# [recommended] [y/m] Also used by guests (Guix's list, QEMU's arm64 virt machine).
CONFIG_VIRTIO_BALLOON=m		# memory ballooning
CONFIG_VIRTIO_MMIO=m		# virtio without PCI (arm64 "virt" machines, microvms)
CONFIG_HW_RANDOM_VIRTIO=m	# entropy from the host
CONFIG_FUSE_FS=m		# virtiofs and FUSE
