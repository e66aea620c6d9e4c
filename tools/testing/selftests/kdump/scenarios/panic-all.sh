# SPDX-License-Identifier: GPL-2.0
# panic-all: every CPU calls panic() at the same moment, interrupts disabled.
# One wins; the others park until it stops them, and each CPU's NT_PRSTATUS
# note holds the registers of the thread that panicked there.
SMP=2
KEXEC=load
PANIC_TRIGGER=all
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
