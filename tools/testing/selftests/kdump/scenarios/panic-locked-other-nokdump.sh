# SPDX-License-Identifier: GPL-2.0
# panic-locked-other-nokdump: panic() while another CPU holds the kexec lock, no crash
# kernel (seed case 5): notifiers, log, reboot.
SMP=2
KEXEC=none
PANIC_TRIGGER=locked
LOCK_CPU=other
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
