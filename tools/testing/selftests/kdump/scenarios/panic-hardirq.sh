# SPDX-License-Identifier: GPL-2.0
# panic-hardirq: panic() from a hard-IRQ hrtimer callback.
SMP=2
KEXEC=load
PANIC_TRIGGER=hardirq
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
