#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make kunit-arch [ARCHS="x86_64 i386 arm64"]: the KUnit suite vmcoredd
# (fs/proc/.kunitconfig) under the kernel's own runner,
# tools/testing/kunit/kunit.py, on other architectures under QEMU TCG:
#
#   x86_64   4 KiB pages, 64-bit size_t
#   i386     32-bit size_t (the wrap boundaries of the sizes), HIGHMEM
#            (crash dumps on 32-bit x86 need it; the dump pages are highmem)
#   arm64    64 KiB pages (CONFIG_ARM64_64K_PAGES), cross-compiled
#
# Each architecture builds its own kernel in build/BASE/kunit-ARCH (kunit.py's
# minimal configuration plus the suite's).  Prints one TAP line per suite and
# architecture, "ok" only when kunit.py ran the suite and every case passed
# or was skipped (the skipped ones are named);
# the KTAP of each run is in build/BASE/kunit-ARCH.log.  ACCEL=kvm lets
# QEMU use KVM where it works.
set -u
. "$(dirname "$0")/lib.sh"

ARCHS=${ARCHS:-x86_64 i386 arm64}
PKGS="$PKGS qemu-system-arm:qemu-system-aarch64 gcc-aarch64-linux-gnu:aarch64-linux-gnu-gcc"
step "packages (cross compiler, qemu-system-arm)" ensure_packages || exit 1
if [ "${NO_APPLY:-0}" = 1 ]; then
	# the tree as it is, edits by hand included (as make e2e NO_APPLY=1)
	[ -e "$SRC/.git" ] || die "NO_APPLY=1: no tree in $SRC"
elif [ -e "$SRC/.git" ]; then
	python3 "$TOP/build-tools/series.py" apply "$SRC" >/dev/null || exit 1
else
	"$TOP/build-tools/kernel.sh" || exit 1
fi

# kunit.py asks QEMU for KVM first; KVM guests hang on the project's
# machines, so by default (ACCEL=tcg) QEMU finds no usable /dev/kvm: it runs
# in a mount namespace where /dev/kvm is /dev/null, and falls back to TCG.
tcg_only() {
	if [ "${ACCEL:-tcg}" = tcg ] && [ -e /dev/kvm ]; then
		unshare -m sh -c 'mount --bind /dev/null /dev/kvm && exec "$@"' sh "$@"
	else
		"$@"
	fi
}

rc=0
for arch in $ARCHS; do
	args=(--arch="$arch")
	cc=gcc
	case $arch in
	x86_64) ;;
	i386) args+=(--kconfig_add CONFIG_HIGHMEM4G=y) ;;
	arm64)
		cc=aarch64-linux-gnu-gcc
		args+=(--cross_compile=aarch64-linux-gnu- --kconfig_add CONFIG_ARM64_64K_PAGES=y)
		;;
	*) die "ARCHS: $arch is not one of x86_64 i386 arm64" ;;
	esac
	log=$BUILD/kunit-$arch.log
	# kunit.py wants a source tree without an in-tree configuration; the
	# build goes to its own directory, through ccache
	kunit_run() {
		tcg_only python3 "$SRC/tools/testing/kunit/kunit.py" run \
			--kunitconfig="$SRC/fs/proc/.kunitconfig" \
			--kunitconfig="$SRC/fs/pstore/.kunitconfig" \
			--build_dir="$BUILD/kunit-$arch" --jobs="$(nproc)" \
			--make_options=CC="ccache $cc" "${args[@]}" >"$log" 2>&1
	}
	step "kunit.py run --arch=$arch (build/$BASE/kunit-$arch, log $log)" kunit_run
	run=$?
	# kunit.py exits 0 only if no test failed; the suite must have run,
	# every test passed or skipped (the skips are named)
	total=$(sed -n 's/.*Testing complete\. Ran \([0-9]*\) tests: passed: \([0-9]*\)\(, skipped: \([0-9]*\)\)\{0,1\}$/\1 \2 \4/p' "$log")
	set -- $total 0
	skips=$(sed -n 's/.*\[SKIPPED\] \([a-z0-9_]*\).*/\1/p' "$log" | tr '\n' ' ' | sed 's/ $//')
	if [ $run = 0 ] && grep -q '=* vmcoredd ([0-9]* subtests) =*' "$log" &&
	   grep -q '=* pstore_devstate ([0-9]* subtests) =*' "$log" &&
	   [ -n "$total" ] && [ "$1" = $(($2 + $3)) ]; then
		echo "ok - kunit.py --arch=$arch: vmcoredd and pstore_devstate, $1 tests: $2 passed, $3 skipped${skips:+ ($skips)}"
	else
		echo "not ok - kunit.py --arch=$arch: vmcoredd and pstore_devstate (exit $run; log $log)"
		grep -E '^ *not ok|error:|ERROR' "$log" | head -n 15 | sed 's/^/# /'
		rc=1
	fi
done
exit $rc
