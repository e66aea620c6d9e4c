#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make series: the mailable series in build/outgoing/, from build/linux
# (base + one commit per patch), one git format-patch file per patch.
set -u
. "$(dirname "$0")/lib.sh"

[ -d "$SRC/.git" ] || { "$TOP/build-tools/kernel.sh" || exit 1; }
if [ -z "${NO_APPLY:-}" ]; then
	python3 "$TOP/build-tools/series.py" apply "$SRC" >/dev/null || exit 1
fi
rm -rf "$BUILD/outgoing"
git -C "$SRC" format-patch -q --no-signature --base=base -o "$BUILD/outgoing" base..HEAD ||
	exit 1
# A checkpatch message a patch keeps is justified below its '---' line.
for p in "$BUILD"/outgoing/[0-9]*.patch; do
	n=$(basename "$p" | sed 's/^0*\([0-9]*\)-.*/\1/')
	notes=$(python3 "$TOP/build-tools/series.py" checkpatch "$n" |
		sed 's/^\([A-Z_]*\) \(.*\)/checkpatch \1: \2/')
	[ -n "$notes" ] || continue
	awk -v notes="$notes" '!done && $0 == "---" { print; print notes; print ""; done = 1; next } 1' \
		"$p" >"$p.tmp" && mv "$p.tmp" "$p"
done
ls "$BUILD/outgoing"
