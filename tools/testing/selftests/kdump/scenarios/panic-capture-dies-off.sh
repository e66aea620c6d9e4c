# SPDX-License-Identifier: GPL-2.0
# panic-capture-dies-off: panic-capture-dies with the policy off (upstream's
# order): the crash kexec comes before any kmsg dump, the capture kernel
# dies, and the first kernel, booted again, finds no record of the panic.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=off
CAPTURE_FAILS=dies
# shellcheck source=/dev/null
. "$LIB/panic.sh"
