# SPDX-License-Identifier: GPL-2.0
# panic-nokdump: the policy on and no crash kernel loaded: the notifiers run,
# kmsg_dump() saves the log, panic=1 reboots, and the next boot (QEMU keeps
# its RAM) reads the record from pstore.
SMP=2
KEXEC=none
PANIC_TRIGGER=sysrq
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
