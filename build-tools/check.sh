#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: every gate and every scenario on mainline (7.3), and on the
# 6.12 backport what differs between the bases (build-tools/check-base.sh).
# TAP on stdout, each result named with its base, ending with
# "N passed, N failed"; non-zero exit on any failure or lost run.
#
#   make check                 both bases
#   make check BASES=6.12      one base (its own set of checks)
set -u
. "$(dirname "$0")/lib.sh"

BASES=${BASES:-7.3 6.12}
n=0 passed=0 failed=0 skipped=0 lost=0

# emit BASE: number the "ok - " / "not ok - " lines of stdin, comment the rest.
emit() {
	local b=$1 line
	while IFS= read -r line; do
		case $line in
		"ok - "*"# SKIP"*)
			n=$((n + 1)) skipped=$((skipped + 1))
			echo "ok $n - [$b] ${line#ok - }" ;;
		"ok - "*)
			n=$((n + 1)) passed=$((passed + 1))
			echo "ok $n - [$b] ${line#ok - }" ;;
		"not ok - "*)
			n=$((n + 1)) failed=$((failed + 1))
			case $line in *": LOST ("*) lost=$((lost + 1)) ;; esac
			echo "not ok $n - [$b] ${line#not ok - }" ;;
		"#"*) echo "$line" ;;
		*) echo "# $line" ;;
		esac
	done
}

t0=$(date +%s)
echo "TAP version 13"
for b in $BASES; do
	case $b in
	7.3) check=full ;;
	6.12) check=backport ;;
	*) die "BASES: unknown base $b" ;;
	esac
	t1=$(date +%s)
	echo "# [$(date +%H:%M:%S)] base $b: the $check checks"
	emit "$b" < <(BASE=$b BUILD="$TOP/build/$b" SRC= KOUT= TMOD= RUNS= INITRAMFS= \
		TARBALL= CHECKS=$check "$TOP/build-tools/check-base.sh" 2>&1)
	echo "# [$(date +%H:%M:%S)] base $b: $(($(date +%s) - t1))s"
done
echo "1..$n"
[ $lost -gt 0 ] && echo "# $lost run(s) LOST (no result marker)"
echo "# make check took $(($(date +%s) - t0))s"
if [ $skipped -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ $failed -eq 0 ] && [ $n -gt 0 ]
