# SPDX-License-Identifier: GPL-2.0
# panic-irqoff: lkdtm PANIC_STOP_IRQOFF: every other CPU spins with interrupts
# disabled, so only the NMI stop reaches them.
SMP=2
KEXEC=load
PANIC_TRIGGER=irqoff
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
