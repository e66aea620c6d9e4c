# SPDX-License-Identifier: GPL-2.0
# panic-bug: BUG() in process context with panic_on_oops, the policy set
# at run time, through /sys/module/kernel/parameters/crash_kexec_kmsg_dump.
SMP=2
KEXEC=load
PANIC_TRIGGER=bug
PANIC_POLICY=runtime
# shellcheck source=/dev/null
. "$LIB/panic.sh"
