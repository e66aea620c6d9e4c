# SPDX-License-Identifier: GPL-2.0
# panic-oops: a NULL-pointer write (oops) with oops=panic.
SMP=2
KEXEC=load
PANIC_TRIGGER=oops
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
