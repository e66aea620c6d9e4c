# SPDX-License-Identifier: GPL-2.0
# panic-locked-other-nokdump: sysrq c on CPU 0 while a kexec_file_load()
# on CPU 1 holds the kexec lock, no crash kernel before (seed case 5):
# notifiers, log, reboot.
SMP=2
KEXEC=none
PANIC_TRIGGER=locked
LOCK_CPU=other
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
