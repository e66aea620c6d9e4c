#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make series: the mailable series in build/outgoing/, from build/linux
# (base + one commit per patch), one git format-patch file per patch.
set -u
. "$(dirname "$0")/lib.sh"

[ -d "$SRC/.git" ] || { "$TOP/build-tools/kernel.sh" || exit 1; }
python3 "$TOP/build-tools/series.py" apply "$SRC" >/dev/null || exit 1
rm -rf "$BUILD/outgoing"
git -C "$SRC" format-patch -q --no-signature --base=base -o "$BUILD/outgoing" base..HEAD ||
	exit 1
ls "$BUILD/outgoing"
