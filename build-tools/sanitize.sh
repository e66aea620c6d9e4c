#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make sanitize: the sanitizer variant of the test kernel (the test
# kernel's configuration + build-tools/sanitize.config: KASAN, lockdep,
# sleep-in-atomic checks, kmemleak on from boot) runs the scenarios of
# scenarios/SANITIZE; each also fails on any sanitizer report on its
# console (host_sanitizer_checks).  Its own build directories:
# build/BASE/sanitize{,-modules,-runs,-initramfs}.
set -u
. "$(dirname "$0")/lib.sh"

export KOUT=$BUILD/sanitize TMOD=$BUILD/sanitize-modules
export RUNS=$BUILD/sanitize-runs INITRAMFS=$BUILD/sanitize-initramfs
export FRAGMENTS="$SRC/$SELFTEST/config $TOP/build-tools/sanitize.config"
export SANITIZE=1
# SANITIZE_BUILD_ONLY=1: build the variant and stop (make check)
[ -n "${SANITIZE_BUILD_ONLY:-}" ] && exec "$TOP/build-tools/kernel.sh"
# each kernel boots in about 20 s instead of 3 (TCG)
export KDUMP_TEST_TIMEOUT=${KDUMP_TEST_TIMEOUT:-900} KDUMP_TEST_SILENCE=${KDUMP_TEST_SILENCE:-180}
# SCENARIO="a b" runs only those
SCENARIO=${SCENARIO:-$(sed 's/#.*//' "$TOP/$SELFTEST/scenarios/SANITIZE" | awk 'NF { print $1 }')}
export SCENARIO
export JOBS=${JOBS:-2}
exec "$TOP/build-tools/e2e.sh"
