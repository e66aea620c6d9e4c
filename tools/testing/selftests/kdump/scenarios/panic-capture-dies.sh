# SPDX-License-Identifier: GPL-2.0
# panic-capture-dies: sysrq c with crash_kexec_kmsg_dump on the command
# line; the capture kernel starts and panics in its own init, saving
# nothing, and the machine resets.  The first kernel, booted again, finds
# this boot's panic record in pstore: the case the option exists for.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=param
CAPTURE_FAILS=dies
# shellcheck source=/dev/null
. "$LIB/panic.sh"
