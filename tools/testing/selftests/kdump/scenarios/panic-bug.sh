# SPDX-License-Identifier: GPL-2.0
# panic-bug: BUG() in process context with panic_on_oops, the policy set
# through the sysctl kernel.crash_kexec_kmsg_dump at run time.
SMP=2
KEXEC=load
PANIC_TRIGGER=bug
PANIC_POLICY=sysctl
# shellcheck source=/dev/null
. "$LIB/panic.sh"
