;; extra-options for make-linux-libre, as Guix users keep them.
(define %my-options
  `(("CONFIG_ZRAM" . m)
    ("CONFIG_IWLWIFI" . m)
    ("CONFIG_WLAN" . #f)
    ("CONFIG_NR_CPUS" . "32")
    ("CONFIG_CMDLINE" . "quiet")
    ("CONFIG_BTRFS_FS" . #t)
    ,@%default-extra-linux-options))
