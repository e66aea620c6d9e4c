# SPDX-License-Identifier: GPL-2.0
# panic-all-lag: panic-all, but the last CPU leaves the barrier and spins
# with interrupts off instead of calling panic(), as a vCPU that the host
# has not run yet does: the winner stops it there, its NT_PRSTATUS note is
# in test_all_fn(), and only the others are parked in panic_smp_self_stop().
SMP=4
KEXEC=load
PANIC_TRIGGER=all
PANIC_POLICY=param
LAG=1
# shellcheck source=/dev/null
. "$LIB/panic.sh"
