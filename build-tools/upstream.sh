#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run the kdump selftest scenarios against upstream $BASE (the pristine tree
# plus only this series' tools: the harness and vmcoredd), to show which
# checks upstream's device dumps fail.
#
#   build-tools/upstream.sh [SCENARIO...]
#   build-tools/upstream.sh --build-only     (the kernel only: make bench)
#
# Tree: build/upstream-src (a worktree of build/linux at "base"), kernel:
# build/upstream-kbuild, runs: build/upstream-runs/.
set -u
. "$(dirname "$0")/lib.sh"

USRC=$BUILD/upstream-src
UKOUT=$BUILD/upstream-kbuild
frag=$BUILD/upstream.config

prepare() {
	"$TOP/build-tools/kernel.sh" >/dev/null || return 1
	if [ ! -e "$USRC/.git" ]; then
		git -C "$SRC" worktree add -q --detach "$USRC" base || return 1
	fi
	git -C "$USRC" checkout -q --detach base &&
	git -C "$SRC" diff --binary base HEAD -- tools/ | git -C "$USRC" apply --index - &&
	git -C "$USRC" -c user.name=vmcoredd -c user.email=vmcoredd@example.org \
		commit -q -m "selftests and tools of the vmcoredd series, on upstream" || return 1
	# only the options that exist upstream
	local line sym
	: >"$frag"
	while read -r line; do
		sym=${line%%=*}
		sym=${sym#CONFIG_}
		git -C "$USRC" grep -q -E "^(menu)?config $sym\$" -- '*Kconfig*' &&
			echo "$line" >>"$frag"
	done <"$SRC/$SELFTEST/config"
	return 0
}

step "upstream tree: base + tools/ of the series" prepare || exit 1
SRC=$USRC KOUT=$UKOUT TMOD=$BUILD/upstream-modules FRAGMENTS=$frag NO_APPLY=1 \
	"$TOP/build-tools/kernel.sh" || exit 1
[ "${1:-}" = --build-only ] && exit 0
SRC=$USRC KOUT=$UKOUT TMOD=$BUILD/upstream-modules RUNS=$BUILD/upstream-runs \
	INITRAMFS=$BUILD/upstream-initramfs NO_BUILD=1 SCENARIO="${*:-}" \
	"$TOP/build-tools/e2e.sh"
