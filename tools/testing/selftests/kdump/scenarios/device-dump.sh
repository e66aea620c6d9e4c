# SPDX-License-Identifier: GPL-2.0
# device-dump: after kexec_file_load and a crash, a test driver adds device
# dumps of 1, 4095, 4096, 4097 bytes and 1 MiB + 3 bytes in the capture
# kernel.  readelf shows them as NT_VMCOREDD (0x700) notes owned by LINUX;
# the checker finds each payload with its exact length, through read() and
# mmap() of /proc/vmcore, in /sys/kernel/vmcoredd/, and on the host in the
# ELF and compressed dumps that makedumpfile saved.
SMP=2
KEXEC=file
DD_COUNT=5
DD_SIZES=1,4095,4096,4097,1048579
DD_PREFIX=selftest
DD_SEED=7

capture_setup() {
	dd_load
	check "capture: $DD_COUNT dumps registered" [ "$(dd_param registered)" = "$DD_COUNT" ]
}

capture_checks() {
	capture_common_checks
	check "capture: makedumpfile -l -d 31 (LZO)" \
		run makedumpfile-l makedumpfile -l -d 31 /proc/vmcore $OUT/vmcore.lzo
	dd_checks
}

host_checks() {
	host_check_kdump
	host_check_elf
	host_dd_checks
	host_tool_extract "$RUN/artifacts/vmcore.lzo"
}
