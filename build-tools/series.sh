#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make series: the mails, signed off by whoever runs it (git config
# user.name and user.email, as git format-patch -s does).
#
# Mainline (7.3): one directory per series of ./series in
# build/7.3/outgoing/NAME/, each mailable on its own to the tree that takes
# it: a cover letter (its Cover: block, the exact base, what it depends
# on, shortlog and diffstat) and one git format-patch file per patch, the
# patches made on the pristine base plus the series it depends on.  Each
# patch is addressed with To: (maintainers and reviewers) and Cc: (lists)
# from scripts/get_maintainer.pl, plus the series' owners from
# build-tools/owners; the cover letter with all of them.
#
# The 6.12 backport: the whole stack in build/6.12/outgoing/, for
# distribution kernels to carry, not addressed (stable@ takes no new
# features).
#
# SIGNOFF="Name <email>" and OUT=dir override the identity and the output
# directory (make check uses a throwaway identity in its own directory).
set -u
. "$(dirname "$0")/lib.sh"

SERIES="python3 $TOP/build-tools/series.py"
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
[ -e "$SRC/.git" ] || { "$TOP/build-tools/kernel.sh" || exit 1; }
if [ -z "${NO_APPLY:-}" ]; then
	$SERIES apply "$SRC" >/dev/null || exit 1
fi
rm -rf "$OUT"
# the whole stack, signed off by SIGNOFF: the same tree as build/BASE/linux
$SERIES apply "$SRC" --signoff "$SIGNOFF" --ref outgoing >/dev/null || exit 1
[ -z "$(git -C "$SRC" diff outgoing HEAD --stat)" ] ||
	{ echo "series: the signed commits differ from build/$BASE/linux" >&2; exit 1; }

# address FILE TO CC: add To: and Cc: headers to a mail
address() {
	python3 - "$@" <<'PY'
import sys
path, to, cc = sys.argv[1], sys.argv[2].split('\n'), sys.argv[3].split('\n')
to = [a for a in dict.fromkeys(to) if a]
cc = [a for a in dict.fromkeys(cc) if a and a not in to]
head, sep, body = open(path).read().partition('\n\n')
fold = lambda key, v: key + ': ' + ',\n    '.join(v) + '\n'
head = head.replace('\nSubject: ', '\n' + fold('To', to) + fold('Cc', cc).rstrip('\n') +
                    '\nSubject: ', 1)
open(path, 'w').write(head + sep + body)
PY
}

# roles FILE...: get_maintainer.pl once (it takes seconds a call), an
# address a line after its role: M (maintainer), R (reviewer) or L (list)
roles() {
	(cd "$SRC" && ./scripts/get_maintainer.pl --no-git --no-git-fallback "$@") |
		awk '{
			i = index($0, ">");
			if (i && index($0, "<") < i) { addr = substr($0, 1, i); role = substr($0, i + 3) }
			else { addr = $1; role = substr($0, length($1) + 3) }
			kind = role ~ /^reviewer/ ? "R" : "M"
			if (role ~ /^((open|moderated|subscriber) )?list([:,)]|$)/)
				kind = "L"
			print kind "\t" addr
		}'
}

# owners NAME To|Cc: the series' own addresses from build-tools/owners
# ("maintainers-of FILE..." lines ask get_maintainer.pl), computed once a
# series
declare -A OWNERS
owners() {
	local name=$1 field=$2 s f rest
	if [ -z "${OWNERS[$name $field]+set}" ]; then
		# shellcheck disable=SC2086
		OWNERS[$name $field]=$(while read -r s f rest; do
			case $s in "#"* | "") continue ;; esac
			[ "$s" = "$name" ] && [ "$f" = "$field" ] || continue
			case $rest in
			"maintainers-of "*)
				if [ "$field" = To ]; then
					roles -f ${rest#maintainers-of } | sed -n 's/^M\t//p'
				else
					roles -f ${rest#maintainers-of } | sed -n 's/^L\t//p'
				fi ;;
			*) echo "$rest" ;;
			esac
		done <"$TOP/build-tools/owners")
	fi
	printf '%s\n' "${OWNERS[$name $field]}"
}

# cover DIR NAME BASE_TEXT DEPS: fill in the cover letter of DIR
cover() {
	local dir=$1 name=$2 based=$3 deps=$4 c
	c=$(ls "$dir"/0000-cover-letter.patch)
	$SERIES cover "$name" >"$dir/cover.txt" || return 1
	python3 - "$c" "$dir/cover.txt" "$based" "$deps" "$BASE" <<'PY'
import sys
import textwrap
path, text, base, deps, version = sys.argv[1:6]
text = open(text).read()
subject, _, body = text.partition('\n\n')
mail = open(path).read()
if '*** SUBJECT HERE ***' not in mail or '*** BLURB HERE ***' not in mail:
    sys.exit('series: unexpected cover letter template')
if version != '7.3':
    subject = '[%s backport] %s' % (version, subject.strip())
    body = textwrap.fill(
        'The four mainline series (Linux 7.3: device dumps in /proc/vmcore, '
        'the panic log before the crash kexec, cxgb4, and device state saved '
        'to pstore at panic) backported to Linux '
        '%s as one stack, for distribution kernels to carry; not for stable@, '
        'which takes no new features.  Each patch that differs from mainline '
        'says how in a bracketed note above its sign-off ("make delta" in the '
        'vmcoredd repository shows the whole difference).' % version,
        72) + '\n\n' + body
body = body.rstrip('\n') + '\n\n' + textwrap.fill(
    'Based on ' + base +
    (', with the series ' + deps.strip() + ' applied first' if deps != '-' else '') +
    '.  The base-commit: below is the commit that the vmcoredd build tools make '
    'of that unpacked source, with a fixed author and date: the same tarball '
    'gives the same id.', 72) + '\n'
mail = mail.replace('*** SUBJECT HERE ***', subject.strip())
mail = mail.replace('*** BLURB HERE ***', body.rstrip('\n'))
open(path, 'w').write(mail)
PY
	rm -f "$dir/cover.txt"
}

# justify DIR [NAME]: a checkpatch message a patch keeps is justified below
# its '---' line (patch numbers count in series NAME, or in the stack)
justify() {
	local dir=$1 name=${2:-} p n notes
	for p in "$dir"/[0-9]*.patch; do
		case $p in */0000-*) continue ;; esac
		n=$(basename "$p" | sed 's/^0*\([0-9]*\)-.*/\1/')
		notes=$($SERIES checkpatch "$n" ${name:+--only "$name"} |
			sed 's/^\([A-Z_]*\) \(.*\)/checkpatch \1: \2/')
		[ -n "$notes" ] || continue
		awk -v notes="$notes" '!done && $0 == "---" { print; print notes; print ""; done = 1; next } 1' \
			"$p" >"$p.tmp" && mv "$p.tmp" "$p"
	done
}

based=$(git -C "$SRC" log -1 --format=%s base)
ident_name=${SIGNOFF% <*}
ident_email=$(echo "${SIGNOFF#* <}" | tr -d '>')

if [ "$BASE" != 7.3 ]; then
	git -C "$SRC" -c user.name="$ident_name" -c user.email="$ident_email" \
		format-patch -q --no-signature --cover-letter --thread=shallow --base=base \
		-o "$OUT" base..outgoing || exit 1
	cover "$OUT" vmcoredd "$based" - || exit 1
	justify "$OUT"
	ls "$OUT"
	exit 0
fi

while IFS=$'\t' read -r name deps prefix count; do
	dir=$OUT/$name
	$SERIES apply "$SRC" --signoff "$SIGNOFF" --only "$name" --ref "outgoing-$name" \
		>/dev/null || exit 1
	from=base
	if [ "$deps" != - ]; then
		$SERIES apply "$SRC" --signoff "$SIGNOFF" --deps-of "$name" \
			--ref "outgoing-$name-deps" >/dev/null || exit 1
		from=outgoing-$name-deps
	fi
	pfx=()
	[ "$prefix" = - ] || pfx=(--subject-prefix="PATCH $prefix")
	git -C "$SRC" -c user.name="$ident_name" -c user.email="$ident_email" \
		format-patch -q --no-signature --cover-letter --thread=shallow --base=base "${pfx[@]}" \
		-o "$dir" "$from..outgoing-$name" || exit 1
	[ "$(ls "$dir"/[0-9]*.patch | grep -vc /0000-)" = "$count" ] ||
		{ echo "series: $name: not $count patches" >&2; exit 1; }
	# each patch to its own maintainers and lists and the series' owners
	for p in "$dir"/[0-9]*.patch; do
		case $p in */0000-*) continue ;; esac
		r=$(roles "$p")
		to=$(printf '%s\n' "$r" | sed -n 's/^[MR]\t//p' | sort -u)
		[ -n "$to" ] || { echo "series: get_maintainer.pl found no maintainer for $p" >&2; exit 1; }
		address "$p" "$to
$(owners "$name" To)" "$(printf '%s\n' "$r" | sed -n 's/^L\t//p' | sort -u)
$(owners "$name" Cc)" || exit 1
	done
	patches=$(ls "$dir"/[0-9]*.patch | grep -v /0000-)
	# shellcheck disable=SC2086
	r=$(roles $patches)
	address "$dir/0000-cover-letter.patch" "$(printf '%s\n' "$r" | sed -n 's/^[MR]\t//p' | sort -u)
$(owners "$name" To)" "$(printf '%s\n' "$r" | sed -n 's/^L\t//p' | sort -u)
$(owners "$name" Cc)" || exit 1
	depsubj=-
	[ "$deps" = - ] || depsubj=$(for d in ${deps//,/ }; do
		printf '"%s" ' "$($SERIES cover "$d" | head -n 1)"; done)
	cover "$dir" "$name" "$based" "$depsubj" || exit 1
	justify "$dir" "$name"
	echo "$name: $(ls "$dir" | tr '\n' ' ')"
done < <($SERIES groups)
