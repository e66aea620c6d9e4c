# SPDX-License-Identifier: GPL-2.0
# devstate-nokdump: device state saved at panic without a crash kernel:
# test_pstore_devstate's buffers ds00 and ds01 are copied into ramoops after
# the log, panic=1 reboots, and the next boot finds each in pstore as
# devstate-ramoops-<name>, byte for byte; ds02 (60000 bytes) does not fit in
# what is left of the 64 KiB and is listed as not saved.
SMP=2
KEXEC=none
PANIC_TRIGGER=sysrq
PANIC_POLICY=param
DEVSTATE=1
# shellcheck source=/dev/null
. "$LIB/panic.sh"
