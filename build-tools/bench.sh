#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: this series against upstream $BASE, side by side, in the same
# QEMU harness (tools/testing/selftests/kdump/run.sh plus the scenarios of
# build-tools/bench/scenarios/).  Not part of make check: nothing here is a
# pass/fail gate; the report documents the series.
#
#   make bench                   BENCH_RUNS=7 runs of each kernel per figure
#   make bench BENCH_RUNS=9 ACCEL=tcg
#   make bench BENCH_FIGURES="1 4"   only these figures (2, 3 and 5 run
#                                    together); the others are reported n/a
#   make bench ACCEL=icount      TCG with -icount shift=0: the guests' clock
#                                counts the instructions they execute, 1 ns
#                                each, so a time is the guest's work alone,
#                                without what QEMU spends translating code
#                                the first time it runs (see the README)
#
# Figures (see build-tools/bench/report.py for how each is computed):
#   1 panic line -> capture kernel's /init: upstream, ours, ours with
#     crash_kexec_kmsg_dump
#   2 memory the capture kernel spends on 64 dumps of 100 bytes
#   3 /proc/vmcore read()/mmap() throughput with 64 MiB of dumps and none
#   4 largest total of dumps that still gives a saved vmcore (crashkernel=256M)
#   5 time to register 64 dumps
#
# Output: build/bench/report.md and build/bench/bench.png; every run's logs
# in build/bench/runs/<id>/, listed in build/bench/manifest.tsv.
set -u
. "$(dirname "$0")/lib.sh"

B=$BUILD/bench
H=$B/harness
UKOUT=$BUILD/upstream-kbuild
USRC=$BUILD/upstream-src
N=${BENCH_RUNS:-7}
FIGURES=" ${BENCH_FIGURES:-1 2 3 4 5} "
ACCEL=${ACCEL:-tcg}
RUN_ACCEL=$ACCEL
MANIFEST=$B/manifest.tsv
case $N in '' | *[!0-9]* | 0) die "BENCH_RUNS must be a number, 5 or more for the report" ;; esac
[ "$N" -lt 5 ] && echo "warning: BENCH_RUNS=$N: a trial; the report wants 5 or more"

PKGS="$PKGS gnuplot-nox:gnuplot"

quiet() {	# quiet LOG CMD...: CMD's output to LOG, its tail on failure
	local log=$1
	shift
	"$@" >"$log" 2>&1 && return 0
	tail -n 25 "$log"
	return 1
}

kout() { [ "$1" = upstream ] && echo "$UKOUT" || echo "$KOUT"; }
ksrc() { [ "$1" = upstream ] && echo "$USRC" || echo "$SRC"; }

build_module() {
	local k
	for k in ours upstream; do
		bench_build_module "$B/module-$k" "$(ksrc $k)" "$(kout $k)" || return 1
	done
	bench_build_reader "$B/vmcore_read"
}

# The selftest harness of the series plus the bench scenarios, and one pair
# of initramfs images per kernel.
harness() {
	local k
	rm -rf "$H"
	cp -r "$SRC/$SELFTEST" "$H" &&
	cp "$TOP"/build-tools/bench/scenarios/*.sh "$H/scenarios/" || return 1
	for k in ours upstream; do
		"$H/mkinitramfs.sh" -k "$(kout $k)/arch/x86/boot/bzImage" \
			-g "$KOUT/usr/gen_init_cpio" -c "$BUILD/selftest/vmcoredd_check" \
			-x "$B/vmcore_read" -m "$B/module-$k/vmcoredd_bench.ko" \
			-o "$B/initramfs-$k" || return 1
	done
}

# run_one FIG KERNEL VARIANT RUN SCENARIO BENCH_CMDLINE: one QEMU run, its
# line in the manifest; sets LAST to the run's directory.
total=0 done_runs=0
run_one() {
	local fig=$1 k=$2 v=$3 i=$4 s=$5 cmdline=$6 id t0 rc secs
	id=fig$fig-$k-$v-$i
	LAST=$B/runs/$id
	set -- env BENCH_CMDLINE="$6" KDUMP_TEST_SILENCE=45 "$H/run.sh" -s "$s" \
		-k "$(kout $k)/arch/x86/boot/bzImage" -i "$B/initramfs-$k/first.cpio" \
		-c "$BUILD/selftest/vmcoredd_check" -o "$LAST" -a "$RUN_ACCEL" -t 300
	printf '%q ' "$@" >"$LAST.cmd"
	echo >>"$LAST.cmd"
	t0=$(date +%s)
	"$@" >"$LAST.log" 2>&1
	rc=$?
	secs=$(($(date +%s) - t0))
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$id" "$fig" "$k" "$v" "$i" "$rc" \
		"$secs" "$cmdline" >>"$MANIFEST"
	done_runs=$((done_runs + 1))
	printf '[%s] figure %s, %s %s, run %s%s: %s (exit %d, %ds)\n' "$(date +%H:%M:%S)" \
		"$fig" "$k" "$v" "$i" "${total:+ [$done_runs/$total]}" "$(summary "$fig")" \
		"$rc" "$secs"
	return $rc
}

# summary FIG: the figures of the run in $LAST, for the progress line
summary() {
	local r=$LAST/results.txt
	case $1 in
	1) [ -s "$LAST/panic-timing" ] || { echo "no timing"; return; }
	   awk '{ printf "banner %d ms, /init %d ms", $1, $2 }' "$LAST/panic-timing" ;;
	2) awk '/^BENCH: small_ns / { printf "64 small dumps %d us, ", $3 / 1000 }
		/^BENCH: read / { printf "%s %s MiB/s of %d MiB, ", $3, $6, $4 / 1048576 }
		END { printf "%s", NR ? "" : "no results" }' "$r" 2>/dev/null ;;
	4) awk '/^BENCH: mib_added / { printf "%d of %d MiB added, ", $4, $3 }
		/^BENCH: saved 1/ { s = 1 }
		END { printf "%s", s ? "vmcore saved" : "NO vmcore saved" }' "$r" 2>/dev/null ;;
	esac
}

fig1() {
	local i
	for i in $(seq 1 "$N"); do
		run_one 1 upstream default "$i" bench-panic ""
		run_one 1 ours default "$i" bench-panic ""
		run_one 1 ours kmsg_dump "$i" bench-panic "crash_kexec_kmsg_dump"
	done
	return 0
}

# figures 2, 3 and 5: 64 small dumps then 64 x 1 MiB, or none; both read
fig235() {
	local i k
	for i in $(seq 1 "$N"); do
		for k in upstream ours; do
			run_one 2 "$k" dumps "$i" bench-dd \
				"kdump_test.bench_small=64 kdump_test.bench_mib=64 kdump_test.bench_read=1"
			run_one 2 "$k" none "$i" bench-dd "kdump_test.bench_read=1"
		done
	done
	return 0
}

# probe KERNEL MIB: does the capture save a vmcore with MIB x 1 MiB of dumps?
probe() {
	run_one 4 "$1" "${2}MiB" 1 bench-dd "kdump_test.bench_mib=$2 kdump_test.bench_save=1"
	grep -q '^BENCH: saved 1' "$LAST/results.txt" 2>/dev/null
}

# figure 4: upstream's largest total that still gives a vmcore, to 8 MiB;
# ours at that total, at upstream's first failing one, and at 512 MiB
fig4() {
	local good=0 bad='' m last
	for m in 64 128 192 256 320 384 448 512; do
		if probe upstream $m; then good=$m; else bad=$m; break; fi
	done
	if [ -n "$bad" ]; then
		while [ $((bad - good)) -gt 8 ]; do
			m=$(((good + bad) / 2 / 8 * 8))
			if probe upstream $m; then good=$m; else bad=$m; fi
		done
	fi
	echo "upstream ${good:-0} ${bad:-none}" >"$B/fig4-search"
	last=0
	for m in $good ${bad:-} 512; do
		[ "$m" = "$last" ] && continue
		probe ours "$m"
		last=$m
	done
	return 0
}

report() {
	python3 "$TOP/build-tools/bench/report.py" "$B" "$N" "$ACCEL" "$TOP" "$SRC"
}

# ACCEL=icount: run.sh starts QEMU with TCG, through a wrapper first in PATH
# that adds the option (the selftest has no option for it)
icount_wrapper() {
	local w=$B/icount-bin qemu

	qemu=$(command -v qemu-system-x86_64) || return 1
	mkdir -p "$w" &&
	printf '#!/bin/sh\nexec %s "$@" -icount shift=0,align=off,sleep=on\n' \
		"$qemu" >"$w/qemu-system-x86_64" &&
	chmod +x "$w/qemu-system-x86_64" || return 1
	PATH=$w:$PATH
	RUN_ACCEL=tcg
}

case $ACCEL in
tcg | kvm | auto | icount) ;;
*) die "ACCEL=$ACCEL: tcg, kvm, auto or icount" ;;
esac
mkdir -p "$B"
t_start=$(date +%s)
step "packages (gnuplot-nox for the plot)" ensure_packages || exit 1
if [ "$ACCEL" = icount ]; then
	icount_wrapper || die "ACCEL=icount: no qemu-system-x86_64"
fi
step "our kernel (make kernel, log in build/bench/kernel.log)" \
	quiet "$B/kernel.log" "$TOP/build-tools/kernel.sh" || exit 1
step "upstream $BASE kernel, same config (build/upstream-kbuild, log in build/bench/upstream.log)" \
	quiet "$B/upstream.log" "$TOP/build-tools/upstream.sh" --build-only || exit 1
step "vmcoredd_bench.ko for both kernels, vmcore_read" build_module || exit 1
step "harness and initramfs images (build/bench/harness)" harness || exit 1

rm -rf "$B/runs" "$MANIFEST" "$B/fig4-search"
mkdir -p "$B/runs"
want() { case $FIGURES in *" $1 "*) return 0 ;; esac; return 1; }
if want 1; then
	total=$((3 * N)) done_runs=0
	step "figure 1: panic to capture, $N x (upstream, ours, ours + kmsg_dump)" fig1
fi
if want 2 || want 3 || want 5; then
	total=$((4 * N)) done_runs=0
	step "figures 2, 3, 5: device dumps, $N x (upstream, ours) x (dumps, none)" fig235
fi
if want 4; then
	total='' done_runs=0
	step "figure 4: largest total of dumps with a saved vmcore at crashkernel=256M" fig4
fi
step "report" report || exit 1
echo "# make bench: $(($(date +%s) - t_start))s; report in ${B#"$TOP"/}/report.md," \
	"plot in ${B#"$TOP"/}/bench.png"
