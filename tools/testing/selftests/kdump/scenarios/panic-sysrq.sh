# SPDX-License-Identifier: GPL-2.0
# panic-sysrq: sysrq c with crash_kexec_kmsg_dump on the command line.  The
# capture kernel finds this boot's panic record in pstore, no panic notifier
# ran before the crash kexec, and every CPU has its NT_PRSTATUS note.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
