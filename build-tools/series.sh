#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make series: the series in build/BASE/outgoing/, signed off by whoever runs
# it (git config user.name and user.email, as git format-patch -s does):
# a cover letter (the Cover: block of ./series, the exact base version,
# shortlog and diffstat) and one git format-patch file per patch.  On
# mainline (7.3) each patch is addressed with To: (maintainers and
# reviewers) and Cc: (lists) from scripts/get_maintainer.pl, the cover
# letter with all of them.  The 6.12 backport is for distribution kernels
# to carry: it is not addressed (stable@ takes no new features).
#
# SIGNOFF="Name <email>" and OUT=dir override the identity and the output
# directory (make check uses a throwaway identity in its own directory).
set -u
. "$(dirname "$0")/lib.sh"

if [ -z "${SIGNOFF:-}" ]; then
	name=$(git -C "$TOP" config user.name)
	email=$(git -C "$TOP" config user.email)
	if [ -z "$name" ] || [ -z "$email" ]; then
		echo "series: no identity to sign off with: set git config user.name and user.email" >&2
		exit 1
	fi
	SIGNOFF="$name <$email>"
fi
OUT=${OUT:-$BUILD/outgoing}
[ -d "$SRC/.git" ] || { "$TOP/build-tools/kernel.sh" || exit 1; }
if [ -z "${NO_APPLY:-}" ]; then
	python3 "$TOP/build-tools/series.py" apply "$SRC" >/dev/null || exit 1
fi
rm -rf "$OUT"
# the commits of the tree, signed off by SIGNOFF, as branch "outgoing"
python3 "$TOP/build-tools/series.py" apply "$SRC" --signoff "$SIGNOFF" --ref outgoing \
	>/dev/null || exit 1
git -C "$SRC" -c user.name="${SIGNOFF% <*}" -c user.email="$(echo "${SIGNOFF#* <}" | tr -d '>')" \
	format-patch -q --no-signature --cover-letter --thread=shallow \
	-o "$OUT" base..outgoing || exit 1
[ -z "$(git -C "$SRC" diff outgoing HEAD --stat)" ] ||
	{ echo "series: the signed commits differ from build/linux" >&2; exit 1; }

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
[ "$BASE" = 7.3 ] && for p in "$OUT"/[0-9]*.patch; do
	case $p in */0000-*) continue ;; esac
	to=$(maintainers --m --r --nol "$p")
	[ -n "$to" ] || { echo "series: get_maintainer.pl found no maintainer for $p" >&2; exit 1; }
	address "$p" "$to" "$(maintainers --nom --nor --l "$p")" || exit 1
done
patches=$(ls "$OUT"/[0-9]*.patch | grep -v /0000-)
# shellcheck disable=SC2086
[ "$BASE" != 7.3 ] || address "$OUT/0000-cover-letter.patch" "$(maintainers --m --r --nol $patches)" \
	"$(maintainers --nom --nor --l $patches)" || exit 1

# The cover letter: the Cover: block, the base, git's shortlog and diffstat.
cover=$(ls "$OUT"/0000-cover-letter.patch)
python3 "$TOP/build-tools/series.py" cover >"$OUT/cover.txt" || exit 1
base=$(git -C "$SRC" log -1 --format=%s base)
python3 - "$cover" "$OUT/cover.txt" "$base" "$BASE" <<'PY' || exit 1
import sys
path, text, base, version = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3], sys.argv[4]
subject, _, body = text.partition('\n\n')
if version != '7.3':
    subject = '[%s backport] %s' % (version, subject.strip())
    body = ('The mainline series (Linux 7.3) backported to Linux %s, for '
            'distribution kernels to carry; not for stable@, which takes no '
            'new features.  Each patch that differs from mainline says how '
            'in a bracketed note above its sign-off ("make delta" in the '
            'vmcoredd repository shows the whole difference).\n\n' % version) + body
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
