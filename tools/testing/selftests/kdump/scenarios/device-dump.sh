# SPDX-License-Identifier: GPL-2.0
# device-dump: after kexec_file_load and a crash, a test driver registers
# device dumps in the capture kernel; readelf shows them as NT_VMCOREDD
# (0x700) notes owned by LINUX, the checker verifies every byte through
# read() and mmap() of /proc/vmcore, and again in makedumpfile's ELF output.
SMP=2
KEXEC=file
DD_COUNT=4
DD_SIZES=1,4095,4096,12345
DD_PREFIX=selftest
DD_SEED=7

capture_setup() {
	dd_load
	check "capture: $DD_COUNT dumps registered" [ "$(dd_param registered)" = "$DD_COUNT" ]
}

capture_checks() {
	capture_common_checks
	check "capture: readelf -n shows $DD_COUNT notes of type 0x700 owned by LINUX" \
		[ "$(grep -c 'LINUX .*0x00000700' $OUT/readelf.txt)" = "$DD_COUNT" ]
	dd_check
	dd_check --mmap
}

host_checks() {
	host_check_kdump
	host_check_elf
	host_vmcoredd_check vmcore.elf --count "$DD_COUNT" --sizes "$DD_SIZES" \
		--prefix "$DD_PREFIX" --seed "$DD_SEED"
}
