{ lib, ... }:
with lib.kernel;
{
  ZRAM = module;
  IWLWIFI = module;
  CRC = module;
  CMDLINE = freeform "console=ttyS0";
  NR_CPUS = freeform "128";
  BTRFS_FS = yes;
  OLD_NAME = yes;
  VERSION_GATED = whenAtLeast "6.13" yes;
  CRYPTO = lib.mkForce no;
  DEBUG_X = option yes;
  "9P_FS" = mkMerge [ (whenOlder "6.1" yes) (whenAtLeast "6.1" module) ];
  SOMETHING = lib.mkIf config.foo.enable yes;
}
