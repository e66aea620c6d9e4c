# SPDX-License-Identifier: GPL-2.0
# vmcoredd: see README.md.  Build output goes to build/.

SCENARIO ?=
export SCENARIO
# the kernel the series is built on: 7.3 (mainline) or 6.12 (the backport)
BASE ?= 7.3
export BASE

.PHONY: all kernel e2e demo check series delta fuzz repeat bench kunit-arch sanitize distro-check clean help

all: demo

help:
	@echo "BASE=7.3 (default, mainline) or BASE=6.12 (the backport) for each target"
	@echo "make demo      build, crash a QEMU guest, show its device dumps"
	@echo "make check     every gate and scenario on 7.3, the backport's on 6.12 (TAP)"
	@echo "make kernel    assemble build/linux and build the test kernel"
	@echo "make e2e SCENARIO=name   run one scenario (default: all)"
	@echo "make series    emit the mailable series into build/BASE/outgoing/"
	@echo "make delta     what the 6.12 backport changes, patch by patch"
	@echo "make repeat    run one scenario COUNT times (default panic-all:4, 20)"
	@echo "make bench     this series against its unpatched base (build/BASE/bench/report.md)"
	@echo "make fuzz      fuzz tools/kdump/vmcoredd (FUZZ_SECONDS, default 300)"
	@echo "make sanitize  the device-dump scenarios and KUnit on a KASAN + lockdep + kmemleak kernel"
	@echo "make kunit-arch   the vmcoredd KUnit suite under kunit.py on x86_64, i386, arm64 64K (ARCHS)"
	@echo "make distro-check   Debian 13 guest: kdump-tools, the initramfs hook, late drivers, dracut, crash 9 (7.3)"
	@echo "make clean     remove build/ (keeps the ccache)"

kernel:
	@build-tools/kernel.sh

e2e:
	@build-tools/e2e.sh

demo:
	@build-tools/demo.sh

check:
	@build-tools/check.sh

fuzz:
	@build-tools/fuzz.sh

repeat:
	@build-tools/repeat.sh

sanitize:
	@build-tools/sanitize.sh

bench:
	@build-tools/bench.sh

kunit-arch:
	@build-tools/kunit-arch.sh

distro-check:
	@build-tools/distro-check.sh

series:
	@build-tools/series.sh

delta:
	@python3 build-tools/series.py --base 6.12 delta

clean:
	find build -mindepth 1 -maxdepth 1 ! -name ccache -exec rm -rf {} +
