# name: wifi
# description: an Intel wireless card
# requires: base

CONFIG_PCI=y            # the card sits on the PCI bus
CONFIG_IWLWIFI=m        # [y/m] the driver
CONFIG_IWLMVM=m         # [y/m] the firmware interface of recent cards
