# SPDX-License-Identifier: GPL-2.0
# dd-after-read: the order of a distribution's kdump service.  A first
# reader opens /proc/vmcore, reads it and closes it (kdump-utils runs
# vmcore-dmesg first); then a driver loads and registers its dumps, which
# are accepted, with a log line that earlier readers saw another layout;
# then makedumpfile saves a vmcore that holds them.
SMP=2
KEXEC=load
DD_COUNT=2
DD_SIZES=3000,70000
DD_PREFIX=after
DD_SEED=5

capture_setup() {
	check "capture: a first reader opens, reads and closes /proc/vmcore" \
		sh -c 'head -c 1048576 /proc/vmcore | wc -c | grep -qx 1048576'
	dd_load
	check "capture: both dumps registered after the first reader closed" \
		[ "$(dd_param registered)" = 2 ]
	check "capture: the kernel logged that earlier readers saw another layout" \
		dd_logged "dump after00: 3000 bytes, added after /proc/vmcore was"
}

capture_checks() {
	capture_common_checks
	dd_checks
}

host_checks() {
	host_dd_checks
}
