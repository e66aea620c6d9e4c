#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run one kdump selftest scenario under QEMU and print its results as TAP
# lines ("ok - <scenario>: ...", unnumbered; the caller numbers them).
#
# usage: run.sh -s SCENARIO -k bzImage -i first.cpio -c vmcoredd_check
#               -o RUNDIR [-p CPUS] [-a tcg|kvm|auto] [-t TIMEOUT] [-w SILENCE]
#
# -p runs the scenario with CPUS vCPUs instead of its own count, and names
# its results SCENARIO-CPUS.
# VMCOREDD names the tools/kdump/vmcoredd binary for the host checks.
# SANITIZE=1: the kernel is the sanitizer variant; the host also checks its
# console for their reports (host_sanitizer_checks).
#
# The first kernel boots with crashkernel=256M, loads itself as the capture
# kernel and crashes as the scenario says; the capture kernel checks
# /proc/vmcore, saves the dumps to virtio disks and powers off.  Results
# come on the second serial port, the console goes to RUNDIR/console.log,
# and with a wall-clock time in seconds before each line to console.ts.
# A guest asks the host for an action with a marker line "HOST: <command>":
# "HOST: nmi" injects an NMI through the QEMU monitor.  A scenario that sets
# HOST_RESET=N is reset once through the monitor, as a hardware watchdog
# would, when its console is silent for N seconds after the crash trigger.
# A run that never prints its result marker is LOST: killed by the timeout
# or by the watchdog after SILENCE seconds without console output, or dead.
# Exit status: 0 all passed, 1 a check failed, 2 lost, 3 usage error.
set -u

dir=$(cd "$(dirname "$0")" && pwd)
scenario= kernel= initrd= checker= RUN= cpus= accel=${KDUMP_TEST_ACCEL:-tcg}
timeout=${KDUMP_TEST_TIMEOUT:-300} silence=${KDUMP_TEST_SILENCE:-90}
while getopts s:k:i:c:o:p:a:t:w: opt; do
	case $opt in
	s) scenario=$OPTARG ;;
	k) kernel=$OPTARG ;;
	i) initrd=$OPTARG ;;
	c) checker=$OPTARG ;;
	o) RUN=$OPTARG ;;
	p) cpus=$OPTARG ;;
	a) accel=$OPTARG ;;
	t) timeout=$OPTARG ;;
	w) silence=$OPTARG ;;
	*) exit 3 ;;
	esac
done
if [ -z "$scenario" ] || [ -z "$kernel" ] || [ -z "$initrd" ] ||
   [ -z "$checker" ] || [ -z "$RUN" ]; then
	echo "usage: $0 -s scenario -k bzImage -i first.cpio -c checker -o rundir" >&2
	exit 3
fi
[ -f "$dir/scenarios/$scenario.sh" ] || { echo "no scenario $scenario" >&2; exit 3; }
CHECKER=$checker
VMCOREDD=${VMCOREDD:-vmcoredd}
LIB=$dir/lib
name=$scenario${cpus:+-$cpus}
[ "${SANITIZE:-0}" = 1 ] && name=sanitize/$name

failed=0
ok() { echo "ok - $name: $*"; }
not_ok() { echo "not ok - $name: $*"; failed=1; }
check() {
	local desc=$1

	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
note() { echo "# $name: $*"; }

# Scenario defaults, then the scenario's own settings and host_checks.
# CRASH=1: the first kernel crashes and a kernel saves artifacts to vda;
# VMCORE=1: the capture kernel saves the vmcore to vdb and vdc; REBOOT=1:
# the guest may reboot (QEMU keeps its RAM) instead of ending the run.
SMP=2
HOST_RESET=
MEM=1G
KEXEC=load
FIRST_CMDLINE=
CRASH=1
VMCORE=1
REBOOT=0
host_checks() { :; }
# host_setup: before QEMU starts (e.g. the files of QEMU_PRELOAD)
host_setup() { :; }
# QEMU_PRELOAD="FILE@ADDR ...": QEMU's loader puts $RUN/FILE into guest RAM
# at ADDR before the first kernel boots, as if it had survived a reboot
QEMU_PRELOAD=
# shellcheck source=/dev/null
. "$dir/lib/host.sh"
# shellcheck source=/dev/null
. "$dir/scenarios/$scenario.sh"
[ -n "$cpus" ] && SMP=$cpus
# under the sanitizers makedumpfile -E of 1G takes minutes: less memory
[ "${SANITIZE:-0}" = 1 ] && [ "$MEM" = 1G ] && MEM=768M

# Use KVM only if a probe boot gets as far as the kernel banner.
probe_kvm() {
	local log=$RUN/kvm-probe.log pid i

	[ -w /dev/kvm ] || return 1
	qemu-system-x86_64 -accel kvm -m 256M -nodefaults -display none \
		-no-reboot -serial "file:$log" -kernel "$kernel" \
		-append "console=ttyS0 panic=-1" &
	pid=$!
	for i in $(seq 20); do
		sleep 0.5
		grep -q "Linux version" "$log" 2>/dev/null && break
	done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	grep -q "Linux version" "$log" 2>/dev/null
}

rm -rf "$RUN"
mkdir -p "$RUN"
if [ "$accel" = auto ]; then
	if probe_kvm; then accel=kvm; else accel=tcg; fi
fi

truncate -s 64M "$RUN/vda.img"		# artifacts (tar)
truncate -s 4G "$RUN/vdb.img"		# makedumpfile -c
truncate -s 4G "$RUN/vdc.img"		# makedumpfile -E

cmdline="console=ttyS0 crashkernel=256M panic=1 rdinit=/init"
cmdline="$cmdline kdump_test.scenario=$scenario kdump_test.kexec=$KEXEC $FIRST_CMDLINE"
# the sanitizers make ACPI's AML interpreter so slow under TCG that the PCI
# interrupt routing (_PRT) times out: route with the PIRQ table instead
[ "${SANITIZE:-0}" = 1 ] && cmdline="$cmdline pci=noacpi kdump_test.sanitize=1"
echo "$cmdline" >"$RUN/cmdline"
host_setup
preload=
for p in $QEMU_PRELOAD; do
	preload="$preload -device loader,file=$RUN/${p%@*},addr=${p#*@},force-raw=on"
done
note "starting QEMU ($accel, $SMP vCPUs, $MEM, kexec_$KEXEC), console in $RUN/console.log"

# The console comes through a FIFO, to give each line its arrival time.
mkfifo "$RUN/console.in" "$RUN/console.out"
stamp_console() {
	local line

	while IFS= read -r line; do
		line=${line%$'\r'}
		printf '%s\n' "$line" >&3
		printf '%s %s\n' "$EPOCHREALTIME" "$line" >&4
	done <"$RUN/console.out" 3>"$RUN/console.log" 4>"$RUN/console.ts"
}
stamp_console &
spid=$!

# monitor COMMAND: one command to the QEMU monitor.
monitor() {
	python3 - "$RUN/monitor.sock" "$1" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
time.sleep(0.2)
s.sendall(sys.argv[2].encode() + b"\n")
time.sleep(0.2)
s.close()
PY
}

reboot=-no-reboot
[ "$REBOOT" = 1 ] && reboot=
t0=$(date +%s)
# shellcheck disable=SC2086
qemu-system-x86_64 -accel "$accel" -smp "$SMP" -m "$MEM" \
	-nodefaults -display none $reboot \
	-serial "pipe:$RUN/console" -serial "file:$RUN/markers.log" \
	-monitor "unix:$RUN/monitor.sock,server,nowait" \
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline" \
	-drive "file=$RUN/vda.img,format=raw,if=virtio" \
	-drive "file=$RUN/vdb.img,format=raw,if=virtio" \
	-drive "file=$RUN/vdc.img,format=raw,if=virtio" $preload \
	>"$RUN/qemu.log" 2>&1 &
qpid=$!
echo "$qpid" >"$RUN/qemu.pid"

# Watchdog: the overall timeout and console silence.  Marker lines are shown
# as they arrive, so a long run shows where it is.
lost=
last_size=-1 last_change=$t0 shown=0 triggered=
rm -f "$RUN/host-reset"
while kill -0 "$qpid" 2>/dev/null; do
	sleep 1
	now=$(date +%s)
	size=$(stat -c %s "$RUN/console.log" 2>/dev/null || echo 0)
	if [ "$size" != "$last_size" ]; then
		last_size=$size
		last_change=$now
	fi
	lines=$(wc -l <"$RUN/markers.log" 2>/dev/null || echo 0)
	if [ "$lines" -gt "$shown" ]; then
		sed -n "$((shown + 1)),${lines}p" "$RUN/markers.log" | tr -d '\r' |
			sed "s/^/#   [$((now - t0))s] /"
		if sed -n "$((shown + 1)),${lines}p" "$RUN/markers.log" | grep -q '^HOST: nmi'; then
			note "injecting an NMI through the QEMU monitor"
			monitor nmi || note "the monitor did not take the NMI"
		fi
		sed -n "$((shown + 1)),${lines}p" "$RUN/markers.log" |
			grep -q '^# first: triggering the crash' && triggered=$now
		shown=$lines
	fi
	if [ -n "$HOST_RESET" ] && [ -n "$triggered" ] && [ ! -e "$RUN/host-reset" ] &&
	   [ $((now - last_change)) -ge "$HOST_RESET" ] &&
	   [ $((now - triggered)) -ge "$HOST_RESET" ]; then
		note "console silent ${HOST_RESET}s after the crash: system_reset (QEMU monitor)"
		echo "$((now - t0))" >"$RUN/host-reset"
		monitor system_reset || note "the monitor did not take system_reset"
	fi
	if [ $((now - t0)) -ge "$timeout" ]; then
		lost="timeout: still running after ${timeout}s"
	elif [ $((now - last_change)) -ge "$silence" ]; then
		lost="watchdog: console silent for ${silence}s"
	fi
	if [ -n "$lost" ]; then
		kill "$qpid" 2>/dev/null
		sleep 1
		kill -9 "$qpid" 2>/dev/null
		break
	fi
done
wait "$qpid" 2>/dev/null
wait "$spid" 2>/dev/null
rm -f "$RUN/console.in" "$RUN/console.out"
elapsed=$(($(date +%s) - t0))
tr -d '\r' <"$RUN/markers.log" >"$RUN/results.txt" 2>/dev/null

if ! grep -q '^RESULT: done' "$RUN/results.txt"; then
	[ -n "$lost" ] || lost="QEMU exited after ${elapsed}s without a result marker"
	# what the guest did report still counts
	grep -E '^(not )?ok - ' "$RUN/results.txt" | sed "s/^\(\(not \)\?ok - \)/\1$name: /"
	echo "not ok - $name: LOST ($lost)"
	note "console tail ($RUN/console.log):"
	tail -n 25 "$RUN/console.log" | tr -d '\r' | sed 's/^/#   /'
	exit 2
fi
grep -E '^(not )?ok - ' "$RUN/results.txt" | sed "s/^\(\(not \)\?ok - \)/\1$name: /"
grep -q '^not ok' "$RUN/results.txt" && failed=1
note "guest finished in ${elapsed}s ($accel)"

if [ "$CRASH" = 1 ]; then
	mkdir -p "$RUN/artifacts"
	check "host: artifacts extracted" tar -xf "$RUN/vda.img" -C "$RUN/artifacts"
fi
if [ "$CRASH" = 1 ] && [ "$VMCORE" = 1 ]; then
	mv "$RUN/vdb.img" "$RUN/vmcore.kdump"
	mv "$RUN/vdc.img" "$RUN/vmcore.elf"
fi
rm -f "$RUN"/vd?.img
if [ "$CRASH" = 1 ] && [ "$VMCORE" = 1 ]; then
	# every saved dump: vmcoredd finds what /sys/kernel/vmcoredd listed
	host_tool_extract "$RUN/vmcore.elf"
	host_tool_extract "$RUN/vmcore.kdump"
fi
host_checks
[ "${SANITIZE:-0}" = 1 ] && host_sanitizer_checks
exit $failed
