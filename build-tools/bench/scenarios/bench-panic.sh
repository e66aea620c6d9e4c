# SPDX-License-Identifier: GPL-2.0
# bench-panic (make bench, figure 1): the wall time of the panic path.
# sysrq c with ramoops registered as in the panic selftests, no test module;
# the capture kernel only reports whether pstore holds a panic record and
# saves no vmcore.  make bench passes crash_kexec_kmsg_dump in BENCH_CMDLINE
# for the runs with the policy on; host_panic_timing reads the times.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=off
# shellcheck source=/dev/null
. "$LIB/panic.sh"
FIRST_CMDLINE="$FIRST_CMDLINE ${BENCH_CMDLINE:-}"
VMCORE=0

first_setup() {
	check "first: ramoops registered at 0x10000000" \
		sh -c "dmesg | grep -q '$RAMOOPS_LINE'"
}

capture_setup() { :; }

capture_checks() {
	local n

	check "capture: pstore mounted" mount -t pstore none /sys/fs/pstore
	n=$(grep -l '^Panic#' /sys/fs/pstore/dmesg-ramoops-* 2>/dev/null | wc -l)
	mark "BENCH: pstore_panic_records $n"
}

host_checks() {
	host_panic_timing
}
