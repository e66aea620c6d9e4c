# SPDX-License-Identifier: GPL-2.0
# dd-many: 64 device dumps with 43-character names (the longest allowed),
# all intact in /proc/vmcore, the listing files and both saved formats, and
# not one vmalloc area allocated for them.
SMP=2
KEXEC=load
DD_COUNT=64
DD_SIZES=100,5000,4097,1
DD_PREFIX=dd-many-0123456789-abcdefghijklmnopqrstuv
DD_SEED=11

capture_setup() {
	check "capture: dump names are 43 characters" [ "${#DD_PREFIX}" = 41 ]
	dd_load
	check "capture: $DD_COUNT dumps registered" [ "$(dd_param registered)" = "$DD_COUNT" ]
	check "capture: no vmalloc area per dump (bookkeeping is a small kmalloc)" \
		[ "$(grep -c vmcore_add_device_dump /proc/vmallocinfo)" = 0 ]
}

capture_checks() {
	capture_common_checks
	dd_checks
}

host_checks() {
	host_check_kdump
	host_dd_checks
}
