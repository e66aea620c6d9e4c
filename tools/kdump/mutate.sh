#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mutate.sh: the mutation check of vmcoredd's tests (make mutate).  Each
# mutant is a copy of this directory whose vmcoredd.c has one deliberate bug;
# make test (unit and command line tests) must fail on it: the mutant is then
# killed.  Prints one TAP line per mutant and "killed K of N"; exits 1 if a
# mutant survived or did not apply.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/vmcoredd_mutate.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
unset MAKEFLAGS MAKELEVEL MFLAGS OUTPUT

# One mutant per block: a description line, the exact text (once in
# vmcoredd.c), a line "=>", the replacement, a line "--".  \t is a tab.
MUTANTS='the owner check dropped: any type 0x700 note is a device dump
	if (namesz < sizeof(VMCOREDD_NOTE_NAME) ||
=>
	if (0 &&
--
the descriptor length check dropped
	if (descsz < VMCOREDD_MAX_NAME_BYTES)
=>
	if (0)
--
the name NUL check dropped
	if (!memchr(d.name, 0, VMCOREDD_MAX_NAME_BYTES))
=>
	if (0)
--
the walk stops at the first empty note (zero padding)
			if (!empty++)
=>
			if (1) break; if (!empty++)
--
empty notes skipped without a word
	if (!count)
		return 0;
=>
	if (count || !count)
		return 0;
--
a note may overrun its segment by 3 bytes
		if (desc + descsz > len)
=>
		if (desc + descsz > len + 3)
--
"." is a safe file name
	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
=>
	if (!*name || !strcmp(name, ".."))
--
control characters are safe in file names
		if (*p == '"'"'/'"'"' || (unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
=>
		if (*p == '"'"'/'"'"' || (unsigned char)*p > 0x7e)
--
duplicate names share one output file
		if (unique && vdd_safe_name(d->name))
=>
		if (vdd_safe_name(d->name))
--
names printed raw in the listing
		       vdd_escape(esc, d->name, VMCOREDD_MAX_NAME_BYTES),
=>
		       d->name,
--
big-endian kdump headers read as little-endian
		big_endian = 1;
		version = get32(v);
=>
		version = 1;
--
the 32-bit kdump layouts not checked by their first note
	if (!namesz || align_up(NOTE_HDR_BYTES + namesz, 4) + descsz > *len)
=>
	if (0)
--
p_align 8 read as 4
		if (scan_notes(s, info, off, len, align))
=>
		if (scan_notes(s, info, off, len, 4))
--
PN_XNUM not resolved through section header 0
		phnum = get32(sh + SH(sh_info));
=>
		phnum = 0;
--
reads may end one byte past the end of the file
	if (off > s->size || len > s->size - off)
=>
	if (off > s->size || len > s->size - off + 1)
--
an existing output file is replaced without --force (the rename itself; the check before it remains)
			ret = renameat2(dirfd, tmp_name, dirfd, d->file, RENAME_NOREPLACE);
=>
			ret = renameat(dirfd, tmp_name, dirfd, d->file);
--
the check that an output is not the input dropped
		if (st.st_dev == in->st_dev && st.st_ino == in->st_ino)
=>
		if (0)
--
a failed write leaves its temporary file
		unlinkat(dirfd, tmp_name, 0);
		tmp_name[0] = 0;
		error_at(path, "%s", vdd_error);
=>
		tmp_name[0] = 0;
		error_at(path, "%s", vdd_error);
--
write errors on stdout ignored
	if (fflush(stdout) == EOF || ferror(stdout)) {
=>
	if (0) {
--
paths longer than PATH_MAX accepted
	if (dlen + 1 + flen >= sizeof(path)) {
=>
	if (dlen + 1 + flen >= 2 * sizeof(path)) {
--
a non-regular input opened and read
	if (!S_ISREG(st->st_mode)) {
=>
	if (S_ISDIR(st->st_mode)) {
--
a damaged file exits 0
	return !!info->damaged;
=>
	return 0;
--
'

n=0
killed=0
bad=0
echo "TAP version 13"
while IFS= read -r what; do
	old=
	new=
	side=old
	while IFS= read -r line && [ "$line" != -- ]; do
		if [ "$line" = "=>" ]; then
			side=new
		elif [ $side = old ]; then
			old=$old${old:+$'\n'}$line
		else
			new=$new${new:+$'\n'}$line
		fi
	done
	n=$((n + 1))
	m=$W/m$n
	mkdir -p "$m/kdump" "$m/out"
	cp "$HERE"/Makefile "$HERE"/*.c "$HERE"/*.sh "$HERE"/vmcoredd.8 "$m/kdump/"
	if ! OLD=$old NEW=$new perl -0777 -i -pe \
		'my $c = () = /\Q$ENV{OLD}\E/g; die "found $c times\n" if $c != 1;
		 s/\Q$ENV{OLD}\E/$ENV{NEW}/' "$m/kdump/vmcoredd.c" 2>"$m/apply.err"; then
		bad=$((bad + 1))
		echo "not ok $n - $what: not applied ($(cat "$m/apply.err"))"
		continue
	fi
	if timeout 300 make -s -C "$m/kdump" OUTPUT="$m/out/" test >"$m/test.log" 2>&1; then
		bad=$((bad + 1))
		echo "not ok $n - $what: survived"
	else
		killed=$((killed + 1))
		by=$(grep -m1 '^not ok' "$m/test.log" | sed 's/^not ok [0-9]* - //' | cut -c 1-80)
		echo "ok $n - $what: killed by ${by:-a test that aborted ($(grep -m1 -o \
			'ERROR: AddressSanitizer: [a-z-]*\|runtime error' "$m/test.log"))}"
	fi
done < <(printf '%s' "$MUTANTS")
echo "1..$n"
echo "# killed $killed of $n"
[ $bad = 0 ]
