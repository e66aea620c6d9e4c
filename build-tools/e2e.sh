#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make e2e [SCENARIO="a b"]: build, then run kdump selftest scenarios under
# QEMU.  Prints unnumbered TAP lines; build-tools/check.sh numbers them.
set -u
. "$(dirname "$0")/lib.sh"

# The scenarios make check runs, in order; NAME:CPUS runs NAME with CPUS
# vCPUs instead of its own count.
ALL_SCENARIOS="sysrq-crash device-dump dd-many dd-budget dd-late dd-kmemleak novmcoredd kunit
	panic-sysrq panic-sysrq:4 panic-off panic-post panic-nokdump panic-bug panic-oops
	panic-hardirq panic-hardirq:4 panic-nmi panic-nmi:4 panic-irqoff panic-irqoff:4
	panic-all panic-all:4 panic-all-nokdump panic-locked panic-locked-other
	panic-locked-nokdump panic-locked-other-nokdump"
scenarios=${SCENARIO:-$ALL_SCENARIOS}

# kmod_closure NAME...: the .ko files of the test kernel's modules NAME and
# of every module they depend on
kmod_closure() {
	local todo="$*" done=" " m f
	while [ -n "$todo" ]; do
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
