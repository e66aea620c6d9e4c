# SPDX-License-Identifier: GPL-2.0
# panic-locked: a hard-IRQ panic on the CPU where a kexec_file_load() holds
# the kexec lock, crash kernel loaded before (seed case 4): the crash kexec
# returns at once; the log is in pstore and the machine reboots.
SMP=2
KEXEC=load
PANIC_TRIGGER=locked
LOCK_CPU=self
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
