obj-$(CONFIG_MISC_INCLUDED) += included.o
