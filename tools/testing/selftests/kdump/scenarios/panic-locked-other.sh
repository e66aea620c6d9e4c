# SPDX-License-Identifier: GPL-2.0
# panic-locked-other: panic() while another CPU holds the kexec lock, crash kernel
# loaded (seed case 6): as panic-locked.
SMP=2
KEXEC=load
PANIC_TRIGGER=locked
LOCK_CPU=other
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
