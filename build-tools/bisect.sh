#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The series is bisectable: build/linux is moved to base + 1, 2, ... N
# patches and built after each one, incrementally, in build/bisect with the
# test kernel's configuration (first seeded with the test kernel's
# objects).  After each patch, W=1 and sparse (C=2) on
# the C files the patch adds or edits show nothing that was not there
# before it (an upstream file's own warnings are compared, not counted).
# Prints "ok - ..." / "not ok - ..." lines; leaves build/linux at the whole
# series.
set -u
. "$(dirname "$0")/lib.sh"

BOUT=$BUILD/bisect
SERIES="python3 $TOP/build-tools/series.py"
npatches=$($SERIES list | grep -c '^[0-9]')

bmake() {
	make -s -C "$SRC" O="$BOUT" CC="ccache gcc" HOSTCC="ccache gcc" -j"$(nproc)" "$@"
}

# diagnostics OBJ...: W=1 and sparse on the objects, one line per
# diagnostic about a file of the series, without line and column numbers.
diagnostics() {
	local objs=() f
	for f in "$@"; do
		[ -f "$SRC/${f%.o}.c" ] && objs+=("$f")
	done
	[ ${#objs[@]} -gt 0 ] || return 0
	bmake W=1 C=2 "$SPARSE" "${objs[@]}" 2>&1 |
		sed -n -e 's/^\([^ :]*\.[ch]\):[0-9]*:\([0-9]*:\)\? \(warning\|error\|note\): /\1: \3: /p' \
		    -e 's/.*\(sparse is not available.*\)/\1/p' |
		sort -u
}

# the objects of patch N's C files that the configuration builds (that the
# test kernel, built with the whole series, has)
objects() {
	local f
	for f in $($SERIES files --patch "$1" --kind c); do
		case $f in tools/*) continue ;; esac
		[ -f "$KOUT/${f%.c}.o" ] && echo "${f%.c}.o"
	done
}

# build N|NAME: configure and build build/linux as it is into build/bisect.
# Kconfig runs (olddefconfig, a few seconds of compiler probes) only where
# it can change something: at the base, for a series alone, and after a
# patch that touches a Kconfig file.  Otherwise the configuration of the
# step before is kept, untouched, so that make does not run it either.
build() {
	local log=$BOUT/build-$1.log
	: >"$log"
	case $1 in
	[1-9]*) $SERIES files --patch "$1" | grep -q '\(^\|/\)Kconfig[^/]*$' ;;
	esac && {
		cp "$KOUT/.config" "$BOUT/.config" &&
			bmake olddefconfig >>"$log" 2>&1 || return 1
	}
	bmake vmlinux modules >>"$log" 2>&1
}

# A first bisection starts from a copy of the test kernel's objects: moving
# the sources to the base then compiles only what the series changes and
# what depends on it.
seed_objects "$KOUT" "$BOUT" || exit 1
mkdir -p "$BOUT"
rc=0
$SERIES apply "$SRC" --upto 0 >/dev/null &&
	build 0 || { echo "not ok - bisect: base builds"; $SERIES apply "$SRC" >/dev/null; exit 1; }
echo "ok - bisect: base ($(git -C "$SRC" log -1 --format=%s base)) builds"
for n in $(seq 1 "$npatches"); do
	t0=$(date +%s)
	subject=$($SERIES list | sed -n "s/^0*$n //p")
	objs=$(objects "$n")
	# shellcheck disable=SC2086
	before=$(diagnostics $objs)
	$SERIES apply "$SRC" --upto "$n" >/dev/null || { echo "not ok - bisect: patch $n applies"; rc=1; break; }
	if ! build "$n"; then
		echo "not ok - bisect: patch $n builds: $subject"
		grep -E 'error|Error' "$BOUT/build-$n.log" | head -n 10 | sed 's/^/# /'
		rc=1
		continue
	fi
	echo "ok - bisect: patch $n builds (vmlinux modules): $subject"
	echo "# patch $n applied and built in $(($(date +%s) - t0))s"
	built=
	for o in $objs; do
		[ -f "$BOUT/$o" ] && built="$built $o"
	done
	[ -n "$objs" ] && [ -z "$built" ] &&
		echo "not ok - bisect: patch $n: none of its objects built ($(echo $objs))" && rc=1
	if [ -z "$objs" ]; then
		echo "ok - bisect: patch $n: no kernel C file built by this configuration"
		continue
	fi
	# shellcheck disable=SC2086
	new=$(comm -13 <(printf '%s\n' "$before") <(diagnostics $built) | sed '/^$/d')
	if [ -z "$new" ]; then
		echo "ok - bisect: patch $n: W=1 C=2 nothing new on$built"
	else
		echo "not ok - bisect: patch $n: W=1 C=2 new diagnostics on$built"
		printf '%s\n' "$new" | head -n 20 | sed 's/^/# /'
		rc=1
	fi
done
# Each series that depends on no other builds alone on the pristine base.
# The first series of the file is the start of the stack: its last patch
# was built alone above.
first=
while IFS=$'\t' read -r name deps _ _; do
	[ -n "$first" ] || { first=$name; continue; }
	[ "$deps" = - ] || continue
	if $SERIES apply "$SRC" --only "$name" >/dev/null && build "$name"; then
		echo "ok - bisect: series $name alone on the base builds (vmlinux modules)"
	else
		echo "not ok - bisect: series $name alone on the base builds"
		grep -E 'error|Error' "$BOUT/build-$name.log" | head -n 10 | sed 's/^/# /'
		rc=1
	fi
done < <($SERIES groups)
$SERIES apply "$SRC" >/dev/null || rc=1
exit $rc
