#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make e2e [SCENARIO="a b"]: build, then run kdump selftest scenarios under
# QEMU.  Prints unnumbered TAP lines; build-tools/check.sh numbers them.
set -u
. "$(dirname "$0")/lib.sh"

# scenario_list [backport]: the scenarios of scenarios/LIST (all, or those
# marked for the backport), in order
scenario_list() {
	sed -e 's/#.*//' "$TOP/$SELFTEST/scenarios/LIST" |
		awk -v want="${1:-}" 'NF && (want == "" || $2 == want) { print $1 }'
}
ALL_SCENARIOS=$(scenario_list)
case ${SCENARIO:-} in
"") scenarios=$ALL_SCENARIOS ;;
backport) scenarios=$(scenario_list backport) ;;
*) scenarios=$SCENARIO ;;
esac

# kmod_closure NAME...: the .ko files of the test kernel's modules NAME and
# of every module they depend on
kmod_closure() {
	local todo="$*" done=" " m f
	while [ -n "${todo// /}" ]; do
		set -- $todo
		m=$1
		shift
		todo="$*"
		case $done in *" $m "*) continue ;; esac
		done="$done$m "
		f=$(find "$KOUT" -name "$m.ko" | head -n 1)
		[ -n "$f" ] || { echo "e2e: no module $m.ko in ${KOUT#"$TOP"/}" >&2; return 1; }
		echo "$f"
		todo="$todo $(modinfo -F depends "$f" | tr ',' ' ')"
	done
}

initramfs() {
	local mods=()
	for m in "$TMOD"/*.ko; do
		mods+=(-m "$m")
	done
	# the kernel's own modules: cxgb4 and what it depends on
	for m in $(kmod_closure cxgb4); do
		mods+=(-K "$m")
	done
	"$SRC/$SELFTEST/mkinitramfs.sh" -k "$KOUT/arch/x86/boot/bzImage" \
		-g "$KOUT/usr/gen_init_cpio" -c "$BUILD/selftest/vmcoredd_check" \
		-x "$BUILD/selftest/prstatus" "${mods[@]}" -o "$INITRAMFS"
}

if [ -z "${NO_BUILD:-}" ]; then
	"$TOP/build-tools/kernel.sh" || exit 1
fi
step "initramfs (first + capture)" initramfs || exit 1

# run_name ENTRY: the results' name of scenario ENTRY, NAME or NAME:CPUS
# (NAME-CPUS)
run_name() {
	local s=${1%%:*}
	if [ "$s" = "$1" ]; then echo "$s"; else echo "$s-${1#*:}"; fi
}

# one_scenario ENTRY: run scenario ENTRY (NAME or NAME:CPUS); its TAP lines
# on stdout, its exit status in $RUNS/NAME.rc
one_scenario() {
	local entry=$1 s=${1%%:*} cpus= name t0 r
	name=$(run_name "$entry")
	[ "$s" = "$entry" ] || cpus=${entry#*:}
	t0=$(date +%s)
	echo "# [$(date +%H:%M:%S)] scenario $name"
	VMCOREDD="$BUILD/tools/vmcoredd" "$SRC/$SELFTEST/run.sh" -s "$s" ${cpus:+-p "$cpus"} \
		-k "$KOUT/arch/x86/boot/bzImage" \
		-i "$INITRAMFS/first.cpio" -c "$BUILD/selftest/vmcoredd_check" \
		-o "$RUNS/$name" -a "${ACCEL:-tcg}"
	r=$?
	echo "# [$(date +%H:%M:%S)] scenario $name: $(($(date +%s) - t0))s, logs in ${RUNS#"$TOP"/}/$name/"
	# last, and whole: flush() takes the scenario as finished once it exists
	echo $r >"$RUNS/$name.rc.tmp" && mv "$RUNS/$name.rc.tmp" "$RUNS/$name.rc"
}

# JOBS=N runs N scenarios at a time (QEMU TCG leaves a core idle while a
# guest boots); their results are printed whole, in the order of the list.
jobs=${JOBS:-1}
mkdir -p "$RUNS"
rc=0 names=() i=0 next=0 running=0
for entry in $scenarios; do
	n=$(run_name "$entry")
	names+=("$n")
	rm -f "$RUNS/$n.rc" "$RUNS/$n.tap"
done
# flush: print the finished scenarios' results that are next in order
flush() {
	local r
	while [ $next -lt ${#names[@]} ] && [ -e "$RUNS/${names[$next]}.rc" ]; do
		[ "$jobs" -gt 1 ] && cat "$RUNS/${names[$next]}.tap"
		r=$(cat "$RUNS/${names[$next]}.rc")
		[ "$r" -gt $rc ] && rc=$r
		next=$((next + 1))
	done
}
for entry in $scenarios; do
	if [ "$jobs" -le 1 ]; then
		one_scenario "$entry"
	else
		while [ $running -ge "$jobs" ]; do
			wait -n
			running=$((running - 1))
			flush
		done
		echo "# [$(date +%H:%M:%S)] scenario ${names[$i]} started ($jobs at a time)"
		one_scenario "$entry" >"$RUNS/${names[$i]}.tap" 2>&1 &
		running=$((running + 1))
	fi
	i=$((i + 1))
	flush
done
wait
flush
exit $rc
