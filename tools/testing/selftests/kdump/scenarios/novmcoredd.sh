# SPDX-License-Identifier: GPL-2.0
# novmcoredd: device dumps switched off on the capture kernel's command line.
# Registration fails with a clear error, no 0x700 note appears, and the
# vmcore is still saved.
SMP=2
KEXEC=load
CAPTURE_CMDLINE=novmcoredd
DD_COUNT=2
DD_SIZES=4096
DD_PREFIX=selftest
DD_SEED=3

capture_setup() {
	dd_load
	check "capture: no dump registered" [ "$(dd_param registered)" = 0 ]
	check "capture: every registration refused with -EOPNOTSUPP" \
		[ "$(dd_param failed)" = "$DD_COUNT" -a "$(dd_param last_error)" = -95 ]
	check "capture: the refusal is logged" sh -c "dmesg | grep -qi 'device dump.*disabled'"
}

capture_checks() {
	capture_common_checks
	check "capture: readelf -n shows no 0x700 note" \
		[ "$(grep -c '0x00000700' $OUT/readelf.txt)" = 0 ]
	vmcoredd_check --none /proc/vmcore 2>&1 | relay "capture: "
}

host_checks() {
	host_check_kdump
	host_check_elf
	host_vmcoredd_check vmcore.elf --none
}
