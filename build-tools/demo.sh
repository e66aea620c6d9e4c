#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: build if needed, crash a QEMU guest that has device dumps and
# one that saves its log to pstore before the crash kexec, and show what an
# administrator sees.
set -u
. "$(dirname "$0")/lib.sh"

RUN=$BUILD/runs/device-dump
PRUN=$BUILD/runs/panic-sysrq
echo "== building (incremental) and running the device-dump and panic-sysrq scenarios"
SCENARIO="device-dump panic-sysrq" "$TOP/build-tools/e2e.sh" >"$BUILD/demo.log" 2>&1
rc=$?
grep -E '^\[|^# ' "$BUILD/demo.log" | grep -v '^#   ' | tail -n 12
if [ ! -f "$RUN/console.log" ]; then
	echo "demo: no run happened, see $BUILD/demo.log"
	exit 1
fi

echo
echo "== 1. the first kernel panics (from $RUN/console.log)"
tr -d '\r' <"$RUN/console.log" | grep -m1 -E 'Kernel panic - not syncing|sysrq: Trigger a crash'
tr -d '\r' <"$RUN/console.log" | grep -m1 'Kernel panic - not syncing'

echo
echo "== 2. in the capture kernel: readelf -n /proc/vmcore"
sed -n '/^Displaying notes/,$p' "$RUN/artifacts/readelf.txt" 2>/dev/null |
	grep -v '^ *description data:' | cut -c1-100 | head -n 20
echo '(readelf 2.40 also hexdumps each note of an unknown type: left out here)'
echo
echo '== and the listing: ls -l /sys/kernel/vmcoredd/'
sed 's/^/  /' "$RUN/artifacts/listing.txt" 2>/dev/null

echo
echo "== 3. the checker's verdict (capture kernel: read() and mmap(); host: makedumpfile -E output)"
grep -E '^(not )?ok - ' "$BUILD/demo.log" | grep -E 'vmcore|match|dump|LOST' | sed 's/^/   /'

echo
echo "== 4. on the host: vmcoredd list and extract (tools/kdump)"
"$BUILD/tools/vmcoredd" list "$RUN/vmcore.kdump" | sed 's/^/   /'
rm -rf "$RUN/dumps"
"$BUILD/tools/vmcoredd" extract "$RUN/vmcore.kdump" -o "$RUN/dumps" | sed 's/^/   /'
echo "   saved vmcore (makedumpfile -c -d 31):  $RUN/vmcore.kdump"
echo "   saved vmcore (makedumpfile -E -d 31):  $RUN/vmcore.elf"
echo "   extracted device dumps:                $RUN/dumps/ (equal to /sys/kernel/vmcoredd/: checked above)"
echo "   console logs:                          $RUN/console.log"
echo "   full output of this demo:              $BUILD/demo.log"
echo
echo "== 5. the panic log before the crash kexec (crash_kexec_kmsg_dump, from $PRUN)"
echo "   the capture kernel found in pstore (ramoops):"
sed 's/^/     /' "$PRUN/artifacts/pstore.txt" 2>/dev/null | grep dmesg
rec=$(ls "$PRUN"/artifacts/pstore/dmesg-ramoops-* 2>/dev/null | head -n 1)
if [ -n "$rec" ]; then
	echo "   ${rec##*/}:"
	head -n 1 "$rec" | sed 's/^/     /'
	grep -m1 'Kernel panic - not syncing' "$rec" | sed 's/^/     /'
fi
grep -E '^(not )?ok - panic-sysrq: capture: (pstore|kmsg_dump|no panic notifier|[0-9]+ NT_PRSTATUS)' \
	"$BUILD/demo.log" | sed 's/^/   /'
echo
if [ $rc -eq 0 ]; then
	echo "demo: all checks passed"
else
	echo "demo: some checks FAILED (exit $rc), see $BUILD/demo.log"
fi
exit $rc
