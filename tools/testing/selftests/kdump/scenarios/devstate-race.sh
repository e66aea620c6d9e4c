# SPDX-License-Identifier: GPL-2.0
# devstate-race: the panic comes on CPU 0 while a thread on CPU 1 registers
# and unregisters the buffer dsrace in a loop: after the reboot the record
# set is whole, and dsrace is in it byte for byte or not at all.
SMP=2
KEXEC=none
PANIC_TRIGGER=sysrq
PANIC_POLICY=param
DEVSTATE=1
DEVSTATE_RACE=1
# shellcheck source=/dev/null
. "$LIB/panic.sh"
