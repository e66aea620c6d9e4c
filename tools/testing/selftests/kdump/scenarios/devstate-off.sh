# SPDX-License-Identifier: GPL-2.0
# devstate-off: the control of devstate: without crash_kexec_kmsg_dump the
# crash kexec comes before any log dump (upstream order), so nothing is
# copied and the capture kernel finds no device state.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=off
DEVSTATE=1
# shellcheck source=/dev/null
. "$LIB/panic.sh"
