#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the initramfs images of the kdump selftests from the host's tools.
#
# usage: mkinitramfs.sh -k bzImage -g gen_init_cpio -c vmcoredd_check
#                       [-x program]... [-m module.ko]... [-K module.ko]...
#                       -o OUTDIR
#
# OUTDIR/capture.cpio is the capture kernel's: busybox and its applets,
# readelf, makedumpfile, the checker and the other -x programs (in
# /usr/bin), the test modules (-m, in /lib/kdump-test/modules), /init and
# the scenarios.  OUTDIR/first.cpio is the first kernel's: the same plus
# kexec, the kernel's own modules (-K, in /lib/kdump-test/kmod), the kernel
# image and capture.cpio under /boot, for kexec -p.
set -eu

dir=$(cd "$(dirname "$0")" && pwd)
kernel= gen= checker= out= modules=() kmods=() progs=()
while getopts k:g:c:x:m:K:o: opt; do
	case $opt in
	k) kernel=$OPTARG ;;
	g) gen=$OPTARG ;;
	c) checker=$OPTARG ;;
	x) progs+=("$OPTARG") ;;
	m) modules+=("$OPTARG") ;;
	K) kmods+=("$OPTARG") ;;
	o) out=$OPTARG ;;
	*) exit 2 ;;
	esac
done
[ -n "$kernel" ] && [ -n "$gen" ] && [ -n "$checker" ] && [ -n "$out" ] ||
	{ echo "usage: $0 -k bzImage -g gen_init_cpio -c checker" \
		"[-x prog]... [-m mod]... [-K mod]... -o dir" >&2; exit 2; }

busybox=$(command -v busybox) || { echo "busybox not found (busybox-static)" >&2; exit 1; }
file -L "$busybox" | grep -q 'statically linked' ||
	{ echo "$busybox is not static: install busybox-static" >&2; exit 1; }
mkdir -p "$out"

declare -A dirs
list=

add_dir() {
	local d=$1
	[ "$d" = / ] || [ "$d" = . ] || [ -n "${dirs[$d]:-}" ] && return 0
	add_dir "$(dirname "$d")"
	dirs[$d]=1
	list+="dir $d 0755 0 0"$'\n'
}

# add_file DEST SRC [MODE]
add_file() {
	add_dir "$(dirname "$1")"
	list+="file $1 $(readlink -f "$2") ${3:-0755} 0 0"$'\n'
}

# add_prog DEST SRC: a program and every shared library ldd lists for it.
add_prog() {
	local lib
	add_file "$1" "$2"
	for lib in $(ldd "$2" 2>/dev/null |
		     sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^\t\(\/[^ ]*\) (.*/\1/p'); do
		[ -n "${libs[$lib]:-}" ] && continue
		libs[$lib]=1
		add_file "$lib" "$lib"
	done
}
declare -A libs

add_dir /dev
list+="nod /dev/console 0600 0 0 c 5 1"$'\n'
for d in /proc /sys /tmp /out /mnt /root /sbin /usr/bin /usr/sbin; do
	add_dir $d
done

# busybox and one link per applet; no link named busybox to itself.
add_file /bin/busybox "$busybox"
for applet in $("$busybox" --list-full); do
	[ "/$applet" = /bin/busybox ] && continue
	add_dir "$(dirname "/$applet")"
	list+="slink /$applet /bin/busybox 0777 0 0"$'\n'
done

add_prog /usr/bin/readelf "$(command -v readelf)"
add_prog /usr/bin/makedumpfile "$(command -v makedumpfile)"
add_file /usr/bin/vmcoredd_check "$checker"
for p in "${progs[@]}"; do
	add_file "/usr/bin/$(basename "$p")" "$p"
done
add_file /init "$dir/init.sh"
add_file /lib/kdump-test/guest.sh "$dir/lib/guest.sh" 0644
add_file /lib/kdump-test/panic.sh "$dir/lib/panic.sh" 0644
for s in "$dir"/scenarios/*.sh; do
	add_file "/lib/kdump-test/scenarios/$(basename "$s")" "$s" 0644
done
for m in "${modules[@]}"; do
	add_file "/lib/kdump-test/modules/$(basename "$m")" "$m" 0644
done

printf '%s' "$list" >"$out/capture.list"
"$gen" "$out/capture.list" >"$out/capture.cpio"

add_prog /usr/sbin/kexec "$(command -v kexec)"
for m in "${kmods[@]}"; do
	add_file "/lib/kdump-test/kmod/$(basename "$m")" "$m" 0644
done
add_file /boot/bzImage "$kernel" 0644
add_file /boot/capture.cpio "$out/capture.cpio" 0644
printf '%s' "$list" >"$out/first.list"
"$gen" "$out/first.list" >"$out/first.cpio"
