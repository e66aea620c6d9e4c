# SPDX-License-Identifier: GPL-2.0
# dd-kmemleak: with kmemleak on in the capture kernel, every registration
# path - accepted dumps, each kind of invalid dump, a callback error, a
# dump over budget, a duplicate and a registration after the open - leaves
# no leak behind.
SMP=2
KEXEC=load
CAPTURE_CMDLINE="kmemleak=on"
DD_COUNT=3
DD_SIZES=10,4097,70000
DD_PREFIX=leak
DD_SEED=2

kmemleak() {
	echo "$1" >/sys/kernel/debug/kmemleak
}

capture_setup() {
	local n

	mount -t debugfs none /sys/kernel/debug
	check "capture: kmemleak is on" kmemleak clear
	dd_load invalid=1
	check "capture: 3 dumps registered" [ "$(dd_param registered)" = 3 ]
	check "capture: every invalid dump refused with its documented error" \
		[ "$(dd_param unexpected)" = 0 ]
	exec 3</proc/vmcore
	rmmod test_vmcoredd
	insmod $DD_MODULE count=1 prefix=late
	check "capture: after the open: refused with -EBUSY" \
		[ "$(dd_param registered)" = 0 -a "$(dd_param last_error)" = -16 ]
	exec 3<&-
	sleep 6
	kmemleak scan
	kmemleak scan
	cat /sys/kernel/debug/kmemleak >$OUT/kmemleak.txt
	n=$(grep -c unreferenced $OUT/kmemleak.txt)
	check "capture: kmemleak reports nothing ($n objects)" [ ! -s $OUT/kmemleak.txt ]
}

capture_checks() {
	capture_common_checks
	dd_checks
}

host_checks() {
	host_dd_checks
}
