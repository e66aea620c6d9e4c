#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make e2e [SCENARIO="a b"]: build, then run kdump selftest scenarios under
# QEMU.  Prints unnumbered TAP lines; build-tools/check.sh numbers them.
set -u
. "$(dirname "$0")/lib.sh"

# The scenarios make check runs, in order.
ALL_SCENARIOS="sysrq-crash device-dump dd-many dd-budget dd-late dd-kmemleak novmcoredd kunit"
scenarios=${SCENARIO:-$ALL_SCENARIOS}

initramfs() {
	local mods=()
	for m in "$TMOD"/*.ko; do
		mods+=(-m "$m")
	done
	"$SRC/$SELFTEST/mkinitramfs.sh" -k "$KOUT/arch/x86/boot/bzImage" \
		-g "$KOUT/usr/gen_init_cpio" -c "$BUILD/selftest/vmcoredd_check" \
		"${mods[@]}" -o "$INITRAMFS"
}

if [ -z "${NO_BUILD:-}" ]; then
	"$TOP/build-tools/kernel.sh" || exit 1
fi
step "initramfs (first + capture)" initramfs || exit 1

rc=0
for s in $scenarios; do
	t0=$(date +%s)
	echo "# [$(date +%H:%M:%S)] scenario $s"
	VMCOREDD="$BUILD/tools/vmcoredd" "$SRC/$SELFTEST/run.sh" -s "$s" \
		-k "$KOUT/arch/x86/boot/bzImage" \
		-i "$INITRAMFS/first.cpio" -c "$BUILD/selftest/vmcoredd_check" \
		-o "$RUNS/$s" -a "${ACCEL:-tcg}"
	r=$?
	[ $r -gt $rc ] && rc=$r
	echo "# [$(date +%H:%M:%S)] scenario $s: $(($(date +%s) - t0))s, logs in ${RUNS#"$TOP"/}/$s/"
done
exit $rc
