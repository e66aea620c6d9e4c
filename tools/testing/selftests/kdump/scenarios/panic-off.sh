# SPDX-License-Identifier: GPL-2.0
# panic-off: sysrq c with the policy off: upstream's order.  The crash kexec
# comes first, so pstore has no panic record and no notifier ran.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=off
# shellcheck source=/dev/null
. "$LIB/panic.sh"
