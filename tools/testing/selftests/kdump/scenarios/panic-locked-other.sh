# SPDX-License-Identifier: GPL-2.0
# panic-locked-other: sysrq c on CPU 0 while a kexec_file_load() on CPU 1
# holds the kexec lock, crash kernel loaded before (seed case 6): as
# panic-locked.
SMP=2
KEXEC=load
PANIC_TRIGGER=locked
LOCK_CPU=other
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
