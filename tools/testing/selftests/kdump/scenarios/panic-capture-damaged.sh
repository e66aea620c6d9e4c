# SPDX-License-Identifier: GPL-2.0
# panic-capture-damaged: sysrq c with crash_kexec_kmsg_dump on the command
# line, the capture kernel loaded from a damaged image: its decompressor
# stops, the host resets the machine (a watchdog's part), and the first
# kernel, booted again, finds this boot's panic record in pstore.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=param
CAPTURE_FAILS=damaged
# shellcheck source=/dev/null
. "$LIB/panic.sh"
