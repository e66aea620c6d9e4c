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

rc=0
for entry in $scenarios; do
	s=${entry%%:*} cpus= name=$s
	if [ "$s" != "$entry" ]; then
		cpus=${entry#*:}
		name=$s-$cpus
	fi
	t0=$(date +%s)
	echo "# [$(date +%H:%M:%S)] scenario $name"
	VMCOREDD="$BUILD/tools/vmcoredd" "$SRC/$SELFTEST/run.sh" -s "$s" ${cpus:+-p "$cpus"} \
		-k "$KOUT/arch/x86/boot/bzImage" \
		-i "$INITRAMFS/first.cpio" -c "$BUILD/selftest/vmcoredd_check" \
		-o "$RUNS/$name" -a "${ACCEL:-tcg}"
	r=$?
	[ $r -gt $rc ] && rc=$r
	echo "# [$(date +%H:%M:%S)] scenario $name: $(($(date +%s) - t0))s, logs in ${RUNS#"$TOP"/}/$name/"
done
exit $rc
