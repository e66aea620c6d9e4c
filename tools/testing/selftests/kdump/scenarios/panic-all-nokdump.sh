# SPDX-License-Identifier: GPL-2.0
# panic-all-nokdump: every CPU panics at once and no crash kernel is loaded:
# the winner stops the others, runs the notifiers, saves the log, reboots.
SMP=2
KEXEC=none
PANIC_TRIGGER=all
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
