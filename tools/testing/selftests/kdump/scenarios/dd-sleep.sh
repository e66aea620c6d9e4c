# SPDX-License-Identifier: GPL-2.0
# dd-sleep: a driver's callback sleeps 30 s (a wedged adapter in firmware
# mailbox timeouts).  Opening and reading /proc/vmcore meanwhile returns at
# once; the dump, whose file was opened while it was taken, is refused
# with -EBUSY when the callback returns, and the vmcore is saved.
SMP=2
KEXEC=load
DD_COUNT=1
DD_SIZES=4096
DD_PREFIX=slow
DD_SEED=3

capture_setup() {
	local t0 t1 i=0

	insmod $DD_MODULE count=1 sizes=4096 prefix=slow seed=3 delay_ms=30000 &
	while [ "$(cat /sys/module/test_vmcoredd/parameters/fills 2>/dev/null)" != 1 ] &&
	      [ $i -lt 20 ]; do
		sleep 1
		i=$((i + 1))
	done
	check "capture: the driver's callback is running" [ $i -lt 20 ]
	t0=$(date +%s)
	exec 3</proc/vmcore
	head -c 4096 <&3 >/dev/null
	t1=$(date +%s)
	check "capture: open() and read() of /proc/vmcore took $((t1 - t0)) s meanwhile" \
		[ $((t1 - t0)) -le 2 ]
	wait
	check "capture: the dump taken while /proc/vmcore was open is refused with -EBUSY" \
		[ "$(dd_param registered)" = 0 -a "$(dd_param last_error)" = -16 ]
	exec 3<&-
	echo 0 >$OUT/dd-registered
}

capture_checks() {
	capture_common_checks
	check "capture: no note of type 0x700" \
		[ "$(grep -c 'LINUX .*0x00000700' $OUT/readelf.txt)" = 0 ]
}
