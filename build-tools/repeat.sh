#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make repeat: run one scenario COUNT times in a row on the built kernel and
# count the runs that passed, e.g. the simultaneous panic 20 times:
#
#   make repeat                                  # panic-all:4, 20 runs
#   make repeat SCENARIO=panic-nmi:2 COUNT=10
#
# TAP, one result per run; each run's logs in build/repeat/<n>/.
set -u
. "$(dirname "$0")/lib.sh"

scenario=${SCENARIO:-panic-all:4}
count=${COUNT:-20}
case $count in '' | *[!0-9]*) die "COUNT must be a number" ;; esac
case $scenario in *' '*) die "make repeat runs one scenario, not '$scenario'" ;; esac

"$TOP/build-tools/kernel.sh" >"$BUILD/repeat.build.log" 2>&1 ||
	{ tail -n 20 "$BUILD/repeat.build.log"; die "make kernel failed"; }
rm -rf "$BUILD/repeat"
echo "TAP version 13"
echo "1..$count"
pass=0 t0=$(date +%s)
for i in $(seq 1 "$count"); do
	t1=$(date +%s)
	mkdir -p "$BUILD/repeat/$i"
	NO_BUILD=1 SCENARIO=$scenario RUNS=$BUILD/repeat/$i INITRAMFS=$BUILD/initramfs \
		"$TOP/build-tools/e2e.sh" >"$BUILD/repeat/$i/e2e.log" 2>&1
	rc=$?
	results=$(grep -c '^ok - ' "$BUILD/repeat/$i/e2e.log")
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok $i - $scenario run $i/$count: $results checks passed ($(($(date +%s) - t1))s)"
	else
		echo "not ok $i - $scenario run $i/$count: exit $rc ($(($(date +%s) - t1))s)"
		grep -E '^not ok' "$BUILD/repeat/$i/e2e.log" | head -n 5 | sed 's/^/#   /'
	fi
done
# stats NAME FILE...: median, min and max of field FIELD (default 1) of the
# first line of each file
stats() {
	local name=$1
	shift
	[ $# -gt 0 ] || return 0
	head -q -n 1 "$@" | awk -v f="${FIELD:-1}" '{ print $f }' | sort -n | awk -v name="$name" '
		{ v[NR] = $1 }
		END { if (NR) printf "# %s: median %s, min %s, max %s (%d runs)\n",
			name, v[int((NR + 1) / 2)], v[1], v[NR], NR }'
}
name=${scenario%%:*}
[ "$name" != "$scenario" ] && name=$name-${scenario#*:}
shopt -s nullglob
stats "panic line to the next kernel's banner, ms (host clock)" "$BUILD"/repeat/*/"$name"/panic-timing
stats "panic line to the end of kmsg_dump(), us (printk clock)" "$BUILD"/repeat/*/"$name"/artifacts/kmsg-dump-us
FIELD=2 stats "end of the backtrace to the end of kmsg_dump() (CPU stop and dump), us (printk clock)" \
	"$BUILD"/repeat/*/"$name"/artifacts/kmsg-dump-us
echo "# $scenario: $pass/$count runs passed in $(($(date +%s) - t0))s, logs in ${BUILD#"$TOP"/}/repeat/"
echo "$pass passed, $((count - pass)) failed"
[ "$pass" = "$count" ]
