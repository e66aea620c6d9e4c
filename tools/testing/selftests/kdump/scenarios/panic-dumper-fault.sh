# SPDX-License-Identifier: GPL-2.0
# panic-dumper-fault: a kmsg dumper that declares itself crash-safe faults
# in the dump before the crash kexec.  The oops must start the crash kernel
# (not recurse into panic() or kill the panicking task): the capture kernel
# saves the vmcore, whose log shows the fault.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=param
DUMPER_FAULT=1
# shellcheck source=/dev/null
. "$LIB/panic.sh"
