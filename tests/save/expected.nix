# Changes from the base to new.config
# 9 options; minimal diff from base.config, made by kexplore
# NixOS: boot.kernelPatches = [ { name = "kexplore"; patch = null;
#   structuredExtraConfig = import ./THIS-FILE { inherit lib; }; } ];
{ lib, ... }:
with lib.kernel;
{
  ZRAM = module;
  ZRAM_DEF_COMP_ZSTD = yes;
  LRU_GEN = yes;
  PREEMPT_NONE = yes;
  NR_CPUS = freeform "128";
  PHYSICAL_START = freeform "0x1000000";
  CMDLINE = freeform "console=ttyS0 \"quoted\" \${x}";
  DEBUG_STUFF = no;
  "9P_FS" = module;
}
