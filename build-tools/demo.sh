#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: build if needed, crash a QEMU guest that has device dumps and
# one that saves its log to pstore before the crash kexec, and show what an
# administrator sees.
set -u
. "$(dirname "$0")/lib.sh"

RUN=$BUILD/runs/device-dump
PRUN=$BUILD/runs/panic-sysrq
echo "== Linux $BASE: building (incremental) and running the device-dump and panic-sysrq scenarios"
# progress (build steps, scenarios) live; everything in demo.log
SCENARIO="device-dump panic-sysrq" "$TOP/build-tools/e2e.sh" 2>&1 | tee "$BUILD/demo.log" |
	grep --line-buffered -E '^\[|^# \[' | sed -u 's/^# //'
rc=${PIPESTATUS[0]}
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
echo "== 3. the checks (capture kernel: read() and mmap(); host: makedumpfile -E and -c)"
echo "   $(grep -c '^ok - ' "$BUILD/demo.log") passed, $(grep -c '^not ok - ' "$BUILD/demo.log") failed;" \
	"every result in $BUILD/demo.log"
grep '^not ok - ' "$BUILD/demo.log" | sed 's/^/   /'

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
echo
if [ $rc -eq 0 ]; then
	echo "demo: all checks passed"
else
	echo "demo: some checks FAILED (exit $rc), see $BUILD/demo.log"
fi
exit $rc
