# SPDX-License-Identifier: GPL-2.0
# devstate-tinysize: a ramoops.devstate_size too small for a record set
# (2 KiB) costs the device state zone, with a warning, and nothing else: the
# zone would be smaller than the minimum, and the panic log is saved and
# found in pstore after the reboot.
SMP=2
KEXEC=none
PANIC_TRIGGER=sysrq
PANIC_POLICY=param
DEVSTATE_SIZE=0x800
DEVSTATE_WARN="devstate_size 2048: less than 4096, or no room left by the other zones"
# shellcheck source=/dev/null
. "$LIB/panic.sh"
