# name: hardening
# description: a reasoned subset of the kernel self-protection (KSPP) recommendations
# source: Linux 6.12 kernel/configs/hardening.config, arch/x86/configs/hardening.config, arch/arm64/configs/hardening.config (make hardening.config)
# source: KSPP "Recommended Settings" (kernsec.org wiki, as of 2024) for the [recommended] attack-surface items
#
# Required: hardening.config's options that cost little and break nothing a
# general-purpose system needs. [recommended]: those with a real cost
# (performance, debugging, compatibility) or that need particular hardware or
# a particular compiler (CFI_CLANG needs clang; INIT_STACK_ALL_ZERO needs
# GCC 12 or clang). Left out: UBSAN_TRAP (a bounds error panics the machine),
# PAGE_TABLE_CHECK_ENFORCED and KFENCE (debug features with a cost),
# RESET_ATTACK_MITIGATION (slow reboots on some firmware).

# Reporting of hardening actions.
CONFIG_BUG=y			# BUG()/WARN() reports are where hardening failures show up

# Kernel memory permissions.
CONFIG_STRICT_KERNEL_RWX=y	# kernel text read-only, data not executable
CONFIG_VMAP_STACK=y		# guard pages around kernel stacks
CONFIG_STRICT_MODULE_RWX=y	# [recommended] the same for modules (not there when MODULES is off)

# Address space layout randomization.
CONFIG_RANDOMIZE_BASE=y		# KASLR
CONFIG_RANDOMIZE_MEMORY=y	# [arch=x86] randomized direct map and vmalloc base
CONFIG_RANDOMIZE_KSTACK_OFFSET_DEFAULT=y	# random kernel stack offset at each system call

# Allocator hardening.
CONFIG_SLAB_FREELIST_RANDOM=y	# unpredictable slab layout
CONFIG_SLAB_FREELIST_HARDENED=y	# freelist pointers are checked and obfuscated
CONFIG_SHUFFLE_PAGE_ALLOCATOR=y	# unpredictable page allocation
CONFIG_SLAB_BUCKETS=y		# [linux>=6.11] user-controlled allocations kept apart
CONFIG_RANDOM_KMALLOC_CACHES=y	# [linux>=6.6] several kmalloc caches chosen at random
CONFIG_LIST_HARDENED=y		# [linux>=6.6] linked list integrity checks

# Stack and buffer overflows.
CONFIG_STACKPROTECTOR=y		# stack canaries
CONFIG_STACKPROTECTOR_STRONG=y	# in every function with arrays or address-taken locals
CONFIG_HARDENED_USERCOPY=y	# copy_to/from_user bounds checks
CONFIG_FORTIFY_SOURCE=y		# compile-time and run-time checks of string and memory functions
CONFIG_UBSAN=y			# [recommended] array bounds checking (with UBSAN_BOUNDS) ...
CONFIG_UBSAN_BOUNDS=y		# [recommended] ... reported, not trapped, here

# Memory initialization.
CONFIG_INIT_ON_ALLOC_DEFAULT_ON=y	# heap memory zeroed on allocation
CONFIG_INIT_STACK_ALL_ZERO=y	# [recommended] stack variables zeroed (GCC 12+ or clang)

# Devices and DMA.
CONFIG_IOMMU_SUPPORT=y		# DMA isolation
CONFIG_STRICT_DEVMEM=y		# /dev/mem cannot read normal RAM
CONFIG_IO_STRICT_DEVMEM=y	# nor memory claimed by a driver
CONFIG_IOMMU_DEFAULT_DMA_STRICT=y	# [recommended] no stale IOTLB entries (costs I/O speed)
CONFIG_EFI_DISABLE_PCI_DMA=y	# [recommended] [arch=x86,arm64,arm,loongarch,riscv] no DMA between EFI and the IOMMU setup (some firmware hangs)

# System call surface.
CONFIG_SECCOMP=y		# programs can restrict their own system calls
CONFIG_SECCOMP_FILTER=y		# with BPF filters
CONFIG_SYN_COOKIES=y		# SYN flood protection

# Dangerous or legacy interfaces off.
# CONFIG_LDISC_AUTOLOAD is not set	# no auto-loading of TTY line disciplines
# CONFIG_COMPAT_BRK is not set	# brk randomization stays on
# CONFIG_PROC_KCORE is not set	# /proc/kcore exposes the kernel layout
# CONFIG_COMPAT_VDSO is not set	# [arch=x86,arm64] vDSO randomization stays on
# CONFIG_LEGACY_PTYS is not set	# devpts only
CONFIG_CFI_CLANG=y		# [recommended] forward-edge control flow integrity (clang only)

# x86 (arch/x86/configs/hardening.config).
CONFIG_LEGACY_VSYSCALL_NONE=y	# [arch=x86] [recommended] no fixed-address vsyscall page (breaks glibc older than 2.14)
CONFIG_X86_KERNEL_IBT=y		# [arch=x86] [recommended] CET indirect branch tracking (needs CPU and compiler support)
CONFIG_X86_USER_SHADOW_STACK=y	# [arch=x86] [recommended] [linux>=6.6] CET shadow stacks for user programs

# arm64 (arch/arm64/configs/hardening.config).
CONFIG_ARM64_SW_TTBR0_PAN=y	# [arch=arm64] privileged-access-never emulation
CONFIG_ARM64_PTR_AUTH=y		# [arch=arm64] pointer authentication (ARMv8.3)
CONFIG_ARM64_PTR_AUTH_KERNEL=y	# [arch=arm64] [recommended] idem, in the kernel (needs compiler and assembler support)
CONFIG_ARM64_BTI=y		# [arch=arm64] branch target identification (ARMv8.5)
CONFIG_ARM64_BTI_KERNEL=y	# [arch=arm64] [recommended] idem, in the kernel (needs compiler support)
CONFIG_ARM64_E0PD=y		# [arch=arm64] user/kernel address split (ARMv8.5)
CONFIG_ARM64_EPAN=y		# [arch=arm64] enhanced PAN (ARMv8.7)
CONFIG_SHADOW_CALL_STACK=y	# [arch=arm64] [recommended] return address protection (clang, or GCC 12+)

# [recommended] KSPP attack surface reduction beyond hardening.config.
CONFIG_SECURITY_YAMA=y		# ptrace limited to descendants
CONFIG_SECURITY_DMESG_RESTRICT=y	# dmesg for root only
CONFIG_BUG_ON_DATA_CORRUPTION=y	# list/refcount corruption stops the kernel
CONFIG_SCHED_STACK_END_CHECK=y	# kernel stack overrun detection
CONFIG_DEBUG_WX=y		# warn about writable and executable kernel mappings at boot
CONFIG_INIT_ON_FREE_DEFAULT_ON=y	# freed memory zeroed (costs a few percent)
CONFIG_ZERO_CALL_USED_REGS=y	# registers cleared on function return (GCC 11+)
# CONFIG_LEGACY_TIOCSTI is not set	# [linux>=6.2] no faking of terminal input
# CONFIG_USELIB is not set	# uselib(2) is long obsolete
# CONFIG_MODIFY_LDT_SYSCALL is not set	# [arch=x86] rarely needed (old 16-bit programs, Wine)
# CONFIG_KEXEC is not set	# no replacing the running kernel
# CONFIG_HIBERNATION is not set	# no writing kernel memory to disk

# [recommended] [arch=x86,arm64] KSPP: keep the lowest pages unmappable (NULL dereferences)
CONFIG_DEFAULT_MMAP_MIN_ADDR=65536
