# SPDX-License-Identifier: GPL-2.0
# panic-locked-nokdump: a hard-IRQ panic on the CPU where a
# kexec_file_load() holds the kexec lock, no crash kernel before (seed
# case 3): notifiers, log, reboot.
SMP=2
KEXEC=none
PANIC_TRIGGER=locked
LOCK_CPU=self
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
