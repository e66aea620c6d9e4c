# SPDX-License-Identifier: GPL-2.0
# dd-late: once /proc/vmcore is open its layout is final.  A driver that
# registers while a reader streams /proc/vmcore is refused with -EBUSY
# before its callback runs; the reader and later readers see the same
# bytes, and the dumps added before the open are intact.
SMP=2
KEXEC=load
DD_COUNT=2
DD_SIZES=5000,77
DD_PREFIX=early
DD_SEED=9

capture_setup() {
	local pid

	dd_load
	check "capture: 2 dumps registered before the open" [ "$(dd_param registered)" = 2 ]
	exec 3</proc/vmcore
	head -c 16777216 <&3 | md5sum >/tmp/stream1 &
	pid=$!
	rmmod test_vmcoredd
	check "capture: a second driver loads while /proc/vmcore is read" \
		insmod $DD_MODULE count=2 sizes=100 prefix=late seed=1
	check "capture: its dumps are refused with -EBUSY" \
		[ "$(dd_param registered)" = 0 -a "$(dd_param last_error)" = -16 ]
	check "capture: its callback never ran" [ "$(dd_param fills)" = 0 ]
	wait $pid
	exec 3<&-
	head -c 16777216 /proc/vmcore | md5sum >/tmp/stream2
	check "capture: the reader saw the same bytes as a later reader" \
		cmp -s /tmp/stream1 /tmp/stream2
}

capture_checks() {
	capture_common_checks
	dd_checks
}

host_checks() {
	host_dd_checks
}
