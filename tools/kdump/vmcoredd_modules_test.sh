#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vmcoredd_modules_test.sh: vmcoredd-modules on a module tree made here.
#
# The tree holds modules that import vmcore_add_device_dump (plain, xz and
# gzip compressed), one that imports a symbol whose name only starts the
# same, one that imports nothing of it, and a file that is not a module;
# --all must name exactly the three.  Prints TAP; exits 1 if a test failed.
set -u

HERE=$(cd "$(dirname "$0")" && pwd)
FIND="sh $HERE/vmcoredd-modules"
S=$(mktemp -d "${TMPDIR:-/tmp}/vmcoredd_modules.XXXXXX") || exit 1
trap 'rm -rf "$S"' EXIT

n=0
failed=0
check() {
	local d=$1

	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $d"
	else
		failed=$((failed + 1))
		echo "not ok $n - $d"
	fi
}

K=9.9.9-test
M=$S/lib/modules/$K/kernel/drivers
mkdir -p "$M/a" "$M/b"
# module BODY: an ELF-less stand-in whose string table holds BODY's
# names, after 8 KiB of zeros that make xz and gzip really compress it
module() {
	printf '\177ELF'
	head -c 8192 /dev/zero
	printf '\0%b\0' "$1"
}
module 'printk\0vmcore_add_device_dump\0kfree' >"$M/a/takes.ko"
module 'vmcore_add_device_dump' | xz -c >"$M/a/takes_xz.ko.xz"
module 'vmcore_add_device_dump' | gzip -c >"$M/b/takes_gz.ko.gz"
module 'vmcore_add_device_dump_extra\0printk' >"$M/b/lookalike.ko"
module 'printk' >"$M/b/other.ko"
module 'vmcore_add_device_dump' >"$M/b/notes.txt"

out=$($FIND --all -k "$K" -b "$S" | sort | tr '\n' ' ')
check "--all names the modules that import vmcore_add_device_dump, compressed or not" \
	test "$out" = "takes takes_gz takes_xz "
check "a symbol that only starts with the name, and a file that is not a module, are not taken" \
	eval '! grep -q "lookalike\|other\|notes" <<<"$out"'
$FIND --all -k 0.0.0-none -b "$S" >/dev/null 2>"$S/err"
rc=$?
check "no module directory: exit status 1 and a message" \
	eval '[ $rc = 1 ] && grep -q "no module directory" "$S/err"'
$FIND --bogus >/dev/null 2>&1
rc=$?
check "an unknown argument: exit status 2" test $rc = 2
echo "1..$n"
[ "$failed" = 0 ]
