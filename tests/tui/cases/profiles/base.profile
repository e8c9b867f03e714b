# name: base
# description: what every kernel here has
# source: the explorer's tests (tests/tui/cases/profiles)

CONFIG_NET=y            # networking
CONFIG_INET=y           # TCP/IP
CONFIG_SWAP=y           # [recommended] swap space
CONFIG_NR_CPUS=16       # a bigger machine than the default 8
