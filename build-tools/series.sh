#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make series: the mailable series in build/outgoing/, from build/linux
# (base + one commit per patch): a cover letter (the Cover: block of
# ./series, the exact base version, shortlog and diffstat) and one
# git format-patch file per patch, each addressed with To: (maintainers
# and reviewers) and Cc: (lists) from scripts/get_maintainer.pl, the cover
# letter with all of them.
set -u
. "$(dirname "$0")/lib.sh"

[ -d "$SRC/.git" ] || { "$TOP/build-tools/kernel.sh" || exit 1; }
if [ -z "${NO_APPLY:-}" ]; then
	python3 "$TOP/build-tools/series.py" apply "$SRC" >/dev/null || exit 1
fi
OUT=$BUILD/outgoing
rm -rf "$OUT"

# the series' author, from the first patch's first Signed-off-by:
author=$(git -C "$SRC" log -1 --format='%an <%ae>' "$(git -C "$SRC" rev-list --reverse base..HEAD | head -n 1)")
git -C "$SRC" -c user.name="${author% <*}" -c user.email="$(echo "${author#* <}" | tr -d '>')" \
	format-patch -q --no-signature --cover-letter --thread=shallow -o "$OUT" base..HEAD || exit 1

# address FILE TO CC: add To: and Cc: headers to a mail
address() {
	python3 - "$@" <<'PY'
import sys
path, to, cc = sys.argv[1], sys.argv[2].split('\n'), sys.argv[3].split('\n')
head, sep, body = open(path).read().partition('\n\n')
fold = lambda key, v: key + ': ' + ',\n    '.join(a for a in v if a) + '\n'
head = head.replace('\nSubject: ', '\n' + fold('To', to) + fold('Cc', cc).rstrip('\n') +
                    '\nSubject: ', 1)
open(path, 'w').write(head + sep + body)
PY
}

# get_maintainer.pl on FILE..., one address a line
maintainers() {
	(cd "$SRC" && ./scripts/get_maintainer.pl --no-rolestats --no-git \
		--no-git-fallback "$@") | sort -u
}

# Each patch goes to its own maintainers and lists, the cover letter to all.
for p in "$OUT"/[0-9]*.patch; do
	case $p in */0000-*) continue ;; esac
	to=$(maintainers --m --r --nol "$p")
	[ -n "$to" ] || { echo "series: get_maintainer.pl found no maintainer for $p" >&2; exit 1; }
	address "$p" "$to" "$(maintainers --nom --nor --l "$p")" || exit 1
done
patches=$(ls "$OUT"/[0-9]*.patch | grep -v /0000-)
# shellcheck disable=SC2086
address "$OUT/0000-cover-letter.patch" "$(maintainers --m --r --nol $patches)" \
	"$(maintainers --nom --nor --l $patches)" || exit 1

# The cover letter: the Cover: block, the base, git's shortlog and diffstat.
cover=$(ls "$OUT"/0000-cover-letter.patch)
python3 "$TOP/build-tools/series.py" cover >"$OUT/cover.txt" || exit 1
base=$(git -C "$SRC" log -1 --format=%s base)
python3 - "$cover" "$OUT/cover.txt" "$base" <<'PY' || exit 1
import sys
path, text, base = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3]
subject, _, body = text.partition('\n\n')
mail = open(path).read()
if '*** SUBJECT HERE ***' not in mail or '*** BLURB HERE ***' not in mail:
    sys.exit('series: unexpected cover letter template')
body = body.rstrip('\n') + '\n\nBased on ' + base + '.\n'
mail = mail.replace('*** SUBJECT HERE ***', subject.strip())
mail = mail.replace('*** BLURB HERE ***', body.rstrip('\n'))
open(path, 'w').write(mail)
PY
rm -f "$OUT/cover.txt"

# A checkpatch message a patch keeps is justified below its '---' line.
for p in "$OUT"/[0-9]*.patch; do
	case $p in */0000-*) continue ;; esac
	n=$(basename "$p" | sed 's/^0*\([0-9]*\)-.*/\1/')
	notes=$(python3 "$TOP/build-tools/series.py" checkpatch "$n" |
		sed 's/^\([A-Z_]*\) \(.*\)/checkpatch \1: \2/')
	[ -n "$notes" ] || continue
	awk -v notes="$notes" '!done && $0 == "---" { print; print notes; print ""; done = 1; next } 1' \
		"$p" >"$p.tmp" && mv "$p.tmp" "$p"
done
ls "$OUT"
