# SPDX-License-Identifier: GPL-2.0
# devstate: device state saved at panic with a crash kernel and
# crash_kexec_kmsg_dump: the buffers are copied after the log, before the
# crash kexec; the capture kernel finds them in pstore and in /proc/vmcore
# as the device dumps panic-ds00 and panic-ds01, which makedumpfile saves.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=param
DEVSTATE=1
# shellcheck source=/dev/null
. "$LIB/panic.sh"
