# SPDX-License-Identifier: GPL-2.0
# panic-capture-damaged-off: panic-capture-damaged with the policy off
# (upstream's order): after the reset, no record of the panic in pstore.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=off
CAPTURE_FAILS=damaged
# shellcheck source=/dev/null
. "$LIB/panic.sh"
