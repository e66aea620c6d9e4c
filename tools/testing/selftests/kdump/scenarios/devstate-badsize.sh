# SPDX-License-Identifier: GPL-2.0
# devstate-badsize: a ramoops.devstate_size that leaves the dmesg records no
# room (all of mem_size) costs the device state zone, with a warning, and
# nothing else: ramoops registers, the panic log is saved before the reboot
# and found in pstore by the next boot.
SMP=2
KEXEC=none
PANIC_TRIGGER=sysrq
PANIC_POLICY=param
DEVSTATE_SIZE=0x100000
DEVSTATE_WARN="devstate_size 1048576: less than 4096, or no room left by the other zones"
# shellcheck source=/dev/null
. "$LIB/panic.sh"
