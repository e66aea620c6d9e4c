#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vmcoredd_cli_test.sh VMCOREDD VMCOREDD_TEST: the tool as users run it.
#
# vmcoredd_test --seeds writes synthetic crash dumps (ELF, kdump-compressed in
# both byte orders and layouts, damaged notes, odd names); VMCOREDD lists and
# extracts them in a scratch directory with planted links, a dump named like
# the input, existing files, a FIFO, /dev/full, paths longer than PATH_MAX.
# Prints TAP; exits 1 if a test failed.  Tests of the build (make install, a
# plain tree) use make and the Makefile next to this script.
set -u

VDD=$(realpath "${1:?usage: $0 VMCOREDD VMCOREDD_TEST}")
GEN=$(realpath "${2:?usage: $0 VMCOREDD VMCOREDD_TEST}")
HERE=$(cd "$(dirname "$0")" && pwd)
S=$(mktemp -d "${TMPDIR:-/tmp}/vmcoredd_cli.XXXXXX") || exit 1
trap 'rm -rf "$S"' EXIT

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
skip() { n=$((n + 1)); echo "ok $n - $* # SKIP"; }
# check DESCRIPTION COMMAND...: one result from COMMAND's exit status
check() {
	local d=$1

	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
# run ARGS...: the tool, its exit status in $rc, its output in $S/out, $S/err
run() {
	"$VDD" "$@" >"$S/out" 2>"$S/err"
	rc=$?
}
has() { grep -q -- "$1" "$2"; }
lines() { [ "$(wc -l <"$1")" -eq "$2" ]; }
files() { [ "$(cd "$1" && ls -A | tr '\n' ' ')" = "$2" ]; }
size() { [ "$(stat -c %s "$1" 2>/dev/null)" = "$2" ]; }
nolink() { [ -f "$1" ] && [ ! -L "$1" ]; }

echo "TAP version 13"
mkdir "$S/seeds" && "$GEN" --seeds "$S/seeds" || { echo "Bail out! no seeds"; exit 1; }
D=$S/seeds
# reference: the dumps of elf64le, and of vmcore, extracted to clean directories
"$VDD" extract "$D/elf64le" -o "$S/ref" >/dev/null 2>&1
"$VDD" extract "$D/vmcore" -o "$S/refv" >/dev/null 2>&1
check "reference extraction: 4 dumps of elf64le" \
	files "$S/ref" "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG empty nic_0000:02:00.4 one "

# 1. never truncate or remove what the tool did not create
mkdir "$S/d1" && cp "$D/vmcore" "$S/d1/vmcore"
(cd "$S/d1" && "$VDD" extract vmcore -o . >"$S/out" 2>"$S/err")
rc=$?
check "1: extract vmcore -o . where a dump is named vmcore: the input is intact" \
	cmp -s "$D/vmcore" "$S/d1/vmcore"
check "1: ... exit 1, 'exists', 'input file', the other dumps written" \
	eval '[ $rc = 1 ] && has "input file" "$S/err" && cmp -s "$S/refv/big" "$S/d1/big" &&
	      cmp -s "$S/refv/planted" "$S/d1/planted"'
(cd "$S/d1" && "$VDD" extract -f vmcore -o . >"$S/out" 2>"$S/err")
rc=$?
check "1: with --force too, the input is never replaced" \
	eval 'cmp -s "$D/vmcore" "$S/d1/vmcore" && [ $rc = 1 ] && has "input file" "$S/err"'
mkdir "$S/d1b" && echo precious >"$S/d1b/planted"
run extract "$D/vmcore" -o "$S/d1b"
check "1: an existing file is kept, exit 1 and 'use --force'" \
	eval '[ "$(cat "$S/d1b/planted")" = precious ] && [ $rc = 1 ] && has "use --force" "$S/err"'
run extract -f "$D/vmcore" -o "$S/d1b"
check "1: --force replaces it with the dump" \
	eval '[ $rc = 0 ] && cmp -s "$S/refv/planted" "$S/d1b/planted"'
# a file that appears after the check, before the rename: a shim hides it from fstatat()
printf '%s\n' '#include <errno.h>' 'struct stat;' \
	'int fstatat(int d, const char *p, struct stat *s, int f) { errno = 2; return -1; }' \
	'int fstatat64(int d, const char *p, struct stat *s, int f) { errno = 2; return -1; }' \
	>"$S/nostat.c"
if ${CC:-cc} -shared -fPIC -o "$S/nostat.so" "$S/nostat.c" 2>/dev/null; then
	mkdir "$S/d1r" && echo precious >"$S/d1r/planted"
	LD_PRELOAD=$S/nostat.so "$VDD" extract "$D/vmcore" planted -o "$S/d1r" >"$S/out" 2>"$S/err"
	rc=$?
	check "1: a file created after the check is still kept: the rename never replaces" \
		eval '[ "$(cat "$S/d1r/planted")" = precious ] && [ $rc = 1 ] &&
		      files "$S/d1r" "planted " &&
		      has "exists, not overwritten" "$S/err"'
else
	skip "1: a file created after the check: no C compiler for the shim"
fi
mkdir "$S/d1c"
(trap '' XFSZ; ulimit -f 64; exec "$VDD" extract "$D/vmcore" big -o "$S/d1c") >"$S/out" 2>"$S/err"
rc=$?
check "1: a failed write (file size limit) removes its own file only: exit 1, nothing left" \
	eval '[ $rc = 1 ] && files "$S/d1c" "" && has "big" "$S/err"'
mkdir "$S/d1d"
{ (ulimit -f 64; exec "$VDD" extract "$D/vmcore" big -o "$S/d1d") >/dev/null 2>&1; } 2>/dev/null
check "1: killed while writing (SIGXFSZ): no short file under the final name" \
	eval '[ ! -e "$S/d1d/big" ]'

# 2. never follow a link planted in the output directory
mkdir "$S/d2" "$S/outside" && echo precious >"$S/target"
ln -s "$S/target" "$S/d2/planted"
ln -s "$S/outside/created" "$S/d2/dangling"
run extract "$D/vmcore" -o "$S/d2"
check "2: a planted link to a file: the file is intact, the link kept, exit 1" \
	eval '[ "$(cat "$S/target")" = precious ] && [ -L "$S/d2/planted" ] && [ $rc = 1 ]'
check "2: a dangling link: nothing created outside the directory" \
	eval '[ ! -e "$S/outside/created" ] && [ -L "$S/d2/dangling" ]'
check "2: ... and the other dumps are written" \
	eval 'cmp -s "$S/refv/big" "$S/d2/big" && cmp -s "$S/refv/vmcore" "$S/d2/vmcore"'
run extract --force "$D/vmcore" -o "$S/d2"
check "2: --force replaces the links themselves, never their targets" \
	eval '[ $rc = 0 ] && [ "$(cat "$S/target")" = precious ] && [ ! -e "$S/outside/created" ] &&
	      nolink "$S/d2/planted" && cmp -s "$S/refv/planted" "$S/d2/planted" &&
	      nolink "$S/d2/dangling"'
check "2: no temporary file is left" files "$S/d2" "big dangling planted vmcore "

# 3. distinct output names, selection by index
run extract "$D/names" -o "$S/d3"
check "3: duplicate and unsafe names get distinct files (NAME.INDEX, dump.INDEX)" \
	eval '[ $rc = 0 ] && files "$S/d3" "dump.3 dump.4 dump.5 dump.6 nic.1 nic.2 one " &&
	      size "$S/d3/nic.1" 11 && size "$S/d3/nic.2" 12 && size "$S/d3/dump.6" 16'
run extract "$D/names" -i 2 -i 4 -o "$S/d3i"
check "3: -i 2 -i 4 selects by index, as crash's dev -v INDEX" \
	eval '[ $rc = 0 ] && files "$S/d3i" "dump.4 nic.2 " && cmp -s "$S/d3/nic.2" "$S/d3i/nic.2"'
run extract "$D/names" -i 9 -o "$S/d3j"
check "3: -i 9: no such dump, exit 1" eval '[ $rc = 1 ] && has "index 9" "$S/err"'
run list "$D/names"
check "3: list shows the output file of each dump" \
	eval 'has "^    1  nic .* nic\.1$" "$S/out" && has "^    2  nic .* nic\.2$" "$S/out"'

# 4. one damaged note hides nothing else
run list "$D/damaged"
check "4: list of a file with damaged notes: the intact dumps listed, exit 1" \
	eval '[ $rc = 1 ] && has "^    0  one " "$S/out" && has "^    2  two " "$S/out" &&
	      lines "$S/out" 4'
check "4: ... the damaged notes reported where and what" \
	eval 'has "note at 0x25c (index 1): damaged: name not NUL-terminated" "$S/err" &&
	      has "(index 4): damaged: .* cut short by the end of the file" "$S/err" &&
	      has "3 damaged notes: the 2 device dumps listed are intact" "$S/err"'
run extract "$D/damaged" -o "$S/d4"
check "4: extract writes the intact dumps, exit 1" \
	eval '[ $rc = 1 ] && files "$S/d4" "one two " && size "$S/d4/one" 5 && size "$S/d4/two" 7'

# 5. empty notes are walked over, and said
run list "$D/zeronote"
check "5: an empty note between two dumps: both listed, exit 0, the skip said" \
	eval '[ $rc = 0 ] && has "^    1  two " "$S/out" && has "1 empty note" "$S/err"'

# 6. both byte orders, both header layouts
for f in kdump-s390x kdump-i686 kdump-ppc elf64be elf32be; do
	rm -rf "$S/d6"
	run extract "$D/$f" -o "$S/d6"
	check "6: $f: the 4 dumps, byte-identical to the ELF64 little-endian ones" \
		eval '[ $rc = 0 ] && diff -r "$S/ref" "$S/d6" >/dev/null'
done
run list "$D/kdump-s390x"
check "6: list kdump-s390x says big-endian" \
	has "64-bit big-endian, 7 notes, 4 device dumps" "$S/out"

# 7. output a person and a script can trust
run list "$D/names"
check "7: a newline in a name is escaped: 9 lines, no forged row" \
	eval 'lines "$S/out" 9 && has "evil\\\\n    9  forged" "$S/out" &&
	      ! has "^    9  forged" "$S/out"'
check "7: an escape sequence never reaches the terminal" \
	eval '! grep -q "$(printf "\033")" "$S/out" && has "\\\\x1b\[2J" "$S/out"'
run list --json "$D/names" "$D/damaged"
if python3 -c 1 2>/dev/null; then
	check "7: --json: one valid JSON object per file, names and problems exact" \
		python3 -c '
import json, sys
a, b = [json.loads(l) for l in open(sys.argv[1])]
names = [d["name"] for d in a["dumps"]]
assert names[3] == "evil\n    9  forged" and names[4] == "\x1b[2J", names
assert [d["file"] for d in a["dumps"]][1:3] == ["nic.1", "nic.2"]
assert [d["index"] for d in b["dumps"]] == [0, 2] and b["damaged"] == 3
assert any("NUL" in p["what"] and p["index"] == 1 for p in b["problems"])
' "$S/out"
else
	skip "7: --json: python3 missing to parse it"
fi
check "7: --json escapes: a name's newline and ESC as \\u000a and \\u001b, exit 1 (damaged)" \
	eval '[ $rc = 1 ] && lines "$S/out" 2 &&
	      has "\"name\":\"evil\\\\u000a    9  forged\"" "$S/out" &&
	      has "\"name\":\"\\\\u001b\[2J\",\"size\":14" "$S/out"'
"$VDD" list "$D/elf64le" >/dev/full 2>"$S/err"
rc=$?
check "7: a write error on stdout (/dev/full): exit 1 and a message" \
	eval '[ $rc = 1 ] && has "standard output" "$S/err"'
mkdir "$S/d7"
# $S/d7/./././... of 4089 characters: DIR/big fits in PATH_MAX, DIR/vmcore not
long=$S/d7
while [ $((${#long} + 2)) -le 4089 ]; do long=$long/.; done
[ ${#long} -lt 4089 ] && long=$long/
run extract "$D/vmcore" -o "$long"
check "7: DIR/NAME longer than PATH_MAX: an error, never a truncated name" \
	eval '[ $rc = 1 ] && has "PATH_MAX" "$S/err" &&
	      [ -z "$(cd "$S/d7" && ls -A | grep -vxE "vmcore|planted|dangling|big")" ]'

# 8. command line conventions
run
check "8: no command: says so, exit 2" eval '[ $rc = 2 ] && has "no command" "$S/err"'
run frob x
check "8: unknown command: named, exit 2" \
	eval '[ $rc = 2 ] && has "unknown command .frob." "$S/err"'
run list
check "8: list without FILE: says so" eval '[ $rc = 2 ] && has "no FILE" "$S/err"'
run list -x "$D/elf64le"
check "8: unknown option: named" eval '[ $rc = 2 ] && has "unknown option .-x." "$S/err"'
run extract "$D/elf64le"
check "8: extract without -o: says so" eval '[ $rc = 2 ] && has "no output directory" "$S/err"'
run extract -i x1 "$D/elf64le" -o "$S/d8"
check "8: -i x1: not an index" eval '[ $rc = 2 ] && has "not a dump index" "$S/err"'
run --version
check "8: --version" eval '[ $rc = 0 ] && has "^vmcoredd [0-9]" "$S/out"'
run list --help
check "8: list --help" eval '[ $rc = 0 ] && has "^usage: vmcoredd list" "$S/out"'
mkfifo "$S/fifo"
timeout 10 "$VDD" list "$S/fifo" >"$S/out" 2>"$S/err"
rc=$?
check "8: a FIFO: refused at once, not read" \
	eval '[ $rc = 1 ] && has "a FIFO, not a regular file" "$S/err"'
run list "$S/d8x" "$HERE"
check "8: a missing file and a directory: both named, exit 1" \
	eval '[ $rc = 1 ] && has "d8x: No such file" "$S/err" &&
	      has "a directory, not a regular file" "$S/err"'
run list /dev/null
check "8: a character device: refused" eval '[ $rc = 1 ] && has "a character device" "$S/err"'
blk=$(find /dev -maxdepth 1 -type b 2>/dev/null | head -n 1)
if [ -n "$blk" ]; then
	timeout 10 "$VDD" list "$blk" >"$S/out" 2>"$S/err"
	rc=$?
	check "8: a block device ($blk): refused" \
		eval '[ $rc = 1 ] && has "a block device, not a regular file" "$S/err"'
else
	skip "8: a block device: none in /dev"
fi
run list "$D/elf64le" "$D/kdump" "$D/elf32be"
check "8: several input files, as readelf: one listing each" \
	eval '[ $rc = 0 ] && [ $(grep -c "7 notes, 4 device dumps" "$S/out") = 3 ]'
for f in elf64-xnum elf64-align8; do
	rm -rf "$S/d8"
	run extract "$D/$f" -o "$S/d8"
	check "8: $f: the 4 dumps" eval '[ $rc = 0 ] && diff -r "$S/ref" "$S/d8" >/dev/null'
	if command -v readelf >/dev/null; then
		check "8: $f: readelf -n sees the same 4 notes of type 0x700" \
			eval '[ "$(readelf -n "$D/$f" 2>/dev/null |
				   grep -c "LINUX .*0x00000700")" = 4 ]'
	fi
done
run list "$D/foreign"
check "8: type 0x700 owned by GNU: not a device dump, said, keeps index 0" \
	eval '[ $rc = 0 ] && has "^    1  one " "$S/out" && lines "$S/out" 3 &&
	      has "(index 0): note of type 0x700 owned by \"GNU\"" "$S/err"'

# 9. the build: a plain tree without OUTPUT, install, the man page
export -n MAKEFLAGS MAKELEVEL MFLAGS OUTPUT 2>/dev/null
unset MAKEFLAGS MAKELEVEL MFLAGS OUTPUT
mkdir -p "$S/tree/tools/kdump" "$S/tree/tools/scripts"
cp "$HERE"/Makefile "$HERE"/*.c "$HERE"/*.sh "$HERE"/vmcoredd.8 "$S/tree/tools/kdump/"
if [ -f "$HERE/../scripts/Makefile.include" ]; then
	cp "$HERE/../scripts/Makefile.include" "$S/tree/tools/scripts/"
else
	: >"$S/tree/tools/scripts/Makefile.include"
fi
make -s -C "$S/tree/tools/kdump" vmcoredd vmcoredd_test >"$S/out" 2>&1
make -s -C "$S/tree/tools/kdump" -n test >"$S/out" 2>&1
check "9: make test in a tree without OUTPUT runs ./vmcoredd_test" \
	eval 'head -n 1 "$S/out" | grep -qx "./vmcoredd_test" &&
	      (cd "$S/tree/tools/kdump" && ./vmcoredd_test >/dev/null 2>&1)'
make -s -C "$S/tree/tools/kdump" install DESTDIR="$S/inst" prefix=/usr >"$S/out" 2>&1
check "9: make install DESTDIR= prefix=/usr: sbin/vmcoredd and man8/vmcoredd.8" \
	eval '[ -x "$S/inst/usr/sbin/vmcoredd" ] &&
	      [ -f "$S/inst/usr/share/man/man8/vmcoredd.8" ] &&
	      "$S/inst/usr/sbin/vmcoredd" --version >/dev/null'
if command -v groff >/dev/null; then
	check "9: the man page formats without a warning" \
		eval '[ -z "$(groff -man -Tutf8 -ww -z "$HERE/vmcoredd.8" 2>&1)" ] &&
		      groff -man -Tutf8 "$HERE/vmcoredd.8" 2>/dev/null | sed "s/.\x08//g" |
		      grep -q "^EXIT STATUS"'
else
	skip "9: the man page: no groff"
fi

echo "1..$n"
[ $failed = 0 ]
