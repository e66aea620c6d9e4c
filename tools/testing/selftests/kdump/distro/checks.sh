# SPDX-License-Identifier: GPL-2.0
# The host side of make distro-check's scenarios, the dracut module and
# crash 9: sourced by build-tools/distro-check.sh (D, DT, KVER, TOP, the
# check/ok/nok helpers, install_shipped and qemu_boot come from there).

# pattern_file_ok
# shellcheck source=/dev/null
. "$DT/../lib/host.sh"

# ramoops in a MiB reserved with memmap=, in the first kernel; the guest
# gives kdump-tools the capture kernel's command line without memmap=
DISTRO_RAMOOPS='memmap=1M$0x10000000 ramoops.mem_address=0x10000000'
DISTRO_RAMOOPS="$DISTRO_RAMOOPS ramoops.mem_size=0x100000 ramoops.record_size=0x20000"
DISTRO_RAMOOPS="$DISTRO_RAMOOPS ramoops.console_size=0 ramoops.ftrace_size=0"
DISTRO_RAMOOPS="$DISTRO_RAMOOPS ramoops.pmsg_size=0 ramoops.devstate_size=0x10000"
TOOL=$BUILD/tools/vmcoredd
PANIC_LINE='Kernel panic - not syncing: sysrq triggered crash'
# test_vmcoredd_pci's dumps: pcitestNN, 3000 and 70001 bytes in turn, seed 7
PCI_SEED=7

run_scenario() {
	local s=$1 r=$D/runs/$1 cmdline

	rm -rf "$r" && mkdir -p "$r" || return 1
	qemu-img create -q -f qcow2 -b "$D/setup.img" -F raw "$r/disk.qcow2" || return 1
	cmdline="console=ttyS0 root=/dev/vda rw crashkernel=512M vmcoredd_test=$s"
	cmdline="$cmdline $DISTRO_RAMOOPS crash_kexec_kmsg_dump"
	echo "$cmdline" >"$r/cmdline"
	sha1sum <"$D/kbuild/vmlinux" >"$r/vmlinux.sha1"
	qemu_boot "$r/console.log" 1500 "$r/disk.qcow2" qcow2 "$D/boot/vmlinuz" \
		"$D/boot/initrd.img" "$cmdline"
	qemu-img convert -O raw "$r/disk.qcow2" "$r/disk.raw" || return 1
	mkdir -p "$r/out"
	debugfs -R "rdump /var/crash /var/lib/vmcoredd-test /var/lib/systemd/pstore $r/out" \
		"$r/disk.raw" >"$r/debugfs.log" 2>&1
	rm -f "$r/disk.raw" "$r/disk.qcow2"
	grep -aq 'vmcoredd-test: crash: echo c' "$r/console.log"
}

# test_pstore_devstate's buffers: dsNN, 4096 and 20000 bytes, seed 11
DEVSTATE_SEED=11

# devstate_ok DIR PREFIX: DIR holds PREFIX00 and PREFIX01, each the bytes
# of test_pstore_devstate's buffer
devstate_ok() {
	pattern_file_ok "$1/${2}00" 0 4096 "$DEVSTATE_SEED" &&
		pattern_file_ok "$1/${2}01" 1 20000 "$DEVSTATE_SEED"
}

# archived_dir DIR: the directory under DIR where systemd-pstore put
# devstate-ramoops-ds00 (it keeps the name; where, depends on its version)
archived_dir() {
	local f

	f=$(find "$1" -name devstate-ramoops-ds00 2>/dev/null | head -1)
	dirname "${f:-/nonexistent/x}"
}

# pattern_ok FILE INDEX SIZE: FILE holds test_vmcoredd_pci's dump INDEX
pattern_ok() {
	pattern_file_ok "$@" "$PCI_SEED"
}

# dumps_ok DIR COUNT: DIR holds pcitest00..COUNT-1, each its pattern
dumps_ok() {
	local dir=$1 count=$2 i size

	for ((i = 0; i < count; i++)); do
		size=3000
		[ $((i % 2)) = 1 ] && size=70001
		pattern_ok "$dir/$(printf 'pcitest%02u' "$i")" "$i" "$size" || return 1
	done
}

# flat_refused DUMP ERR: vmcoredd refuses makedumpfile's flattened DUMP
# and says to run makedumpfile -R
flat_refused() {
	! "$TOOL" list "$1" >/dev/null 2>"$2" && grep -q "makedumpfile -R" "$2"
}

# same_as_sysfs DIR SYSFS: the dumps extracted to DIR are the files copied
# from /sys/kernel/vmcoredd in the capture kernel
same_as_sysfs() {
	cmp -s "$1/pcitest00" "$2/pcitest00" && cmp -s "$1/pcitest01" "$2/pcitest01"
}

# line_of FILE PATTERN [N]: the line number of the Nth match (default last)
line_of() {
	if [ -n "${3:-}" ]; then
		grep -an -- "$2" "$1" | sed -n "$3p" | cut -d: -f1
	else
		grep -an -- "$2" "$1" | tail -1 | cut -d: -f1
	fi
}

scenario_checks() {
	local s=$1 r=$D/runs/$1 stamp dump dmesg plain nd reg mnt arch list

	stamp=$(ls "$r/out/crash" 2>/dev/null | grep -E '^[0-9]{12}$' | head -1)
	dump=$r/out/crash/$stamp/dump.$stamp
	dmesg=$r/out/crash/$stamp/dmesg.$stamp
	check "$s: kdump-tools saved /var/crash/<stamp>/dump.<stamp> and dmesg.<stamp>" \
		test -n "$stamp" -a -s "$dump" -a -s "$dmesg"
	check "$s: the saved dmesg has the panic (sysrq)" grep -q "$PANIC_LINE" "$dmesg"
	# kdump-tools saves in makedumpfile's flattened format (-F)
	check "$s: vmcoredd on the saved file: flattened format, run makedumpfile -R" \
		flat_refused "$dump" "$r/list-flat.err"
	plain=$r/dump.rearranged
	makedumpfile -R "$plain" <"$dump" >"$r/rearrange.log" 2>&1
	# nd: what vmcoredd lists; none at all if it cannot read the dump
	nd=none
	"$TOOL" list "$plain" >"$r/list.out" 2>"$r/list.err" &&
		nd=$(grep -c 'pcitest' "$r/list.out")
	mkdir -p "$r/extract"
	"$TOOL" extract "$plain" -o "$r/extract" >/dev/null 2>&1
	# where the driver registered, against the capture kernel's root mount
	reg=$(line_of "$r/console.log" 'test_vmcoredd_pci.*device dumps registered')
	mnt=$(line_of "$r/console.log" 'EXT4-fs (vda): mounted filesystem' 2)
	case $s in
	distro)
		check "$s: the driver registered in the capture initramfs (before the mount)" \
			test -n "$reg" -a -n "$mnt" -a "${reg:-0}" -lt "${mnt:-0}"
		check "$s: the saved dump (kdump-compressed after -R) holds both device dumps" \
			test "$nd" = 2
		check "$s: the two dumps extracted are the driver's bytes" dumps_ok "$r/extract" 2
		check "$s: and byte-identical to /sys/kernel/vmcoredd in the capture kernel" \
			same_as_sysfs "$r/extract" "$r/out/vmcoredd-test/capture"
		check "$s: systemd-pstore moved the panic record to /var/lib/systemd/pstore" \
			grep -rlq "$PANIC_LINE" "$r/out/pstore"
		arch=$(archived_dir "$r/out/pstore")
		check "$s: and the device state saved at panic: ds00 and ds01, byte for byte" \
			devstate_ok "$arch" devstate-ramoops-ds
		list=$arch/devstate-ramoops-list.txt
		check "$s: and its list: 2 buffers, both saved" \
			eval 'grep -qx "2 buffers registered at panic, 2 listed" "$list" &&
			      test "$(grep -c " saved$" "$list")" = 2'
		check "$s: the saved dump also holds them as device dumps panic-ds00, panic-ds01" \
			devstate_ok "$r/extract" panic-ds
		echo "# $s: systemd-pstore archived:" \
			"$(cd "$r/out/pstore" 2>/dev/null && find . -type f | sort | tr '\n' ' ')"
		;;
	late | late-nosettle)
		check "$s: udev loaded the driver from the root file system (after the mount)" \
			test -n "$reg" -a -n "$mnt" -a "${reg:-0}" -gt "${mnt:-0}"
		if [ "$s" = late ]; then
			check "$s: vmcoredd-settle.service held kdump-tools until the 70 were in" \
				test "$nd" = 70
			check "$s: the 70 dumps extracted are the driver's bytes" \
				dumps_ok "$r/extract" 70
			check "$s: readelf -n on the ELF dump (after -R): 70 notes of type 0x700" \
				test "$(readelf -n "$plain" | grep -c '0x00000700')" = 70
		else
			check "$s: the control: without vmcoredd-settle.service none is saved" \
				eval 'test "$nd" = 0 &&
				      test "$(readelf -n "$plain" | grep -c 0x00000700)" = 0'
		fi
		;;
	esac
	echo "# $s: $nd device dumps in the saved vmcore; console: ${r#"$TOP"/}/console.log"
}

# --- the dracut module ----------------------------------------------------
# dracut_run NAME ARGS...: build NAME.img in the Debian 13 chroot, list it
dracut_run() {
	local name=$1 r=$D/rootfs t=$D/dracut

	shift
	chroot "$r" dracut -q --force --no-compress --kver "$KVER" \
		--kmoddir "/mnt/vmcoredd/tree/lib/modules/$KVER" "$@" \
		"/mnt/vmcoredd/$name.img" >"$t/$name.log" 2>&1 &&
	chroot "$r" lsinitrd "/mnt/vmcoredd/$name.img" >"$t/$name.list" 2>&1
}

# lists NAME PATTERN: image NAME lists a module matching PATTERN
lists() {
	grep -q "$2" "$D/dracut/$1.list"
}

dracut_checks() {
	local r=$D/rootfs t=$D/dracut mods=misc/test_vmcoredd_pci.ko

	rm -rf "$t" && mkdir -p "$t"
	# the module tree of the kernel package, with the test driver added
	dpkg-deb -x "$D"/debs/linux-image-*.deb "$t/tree" ||
		{ nok "dracut: unpack the kernel package"; return; }
	# not in updates/, whose modules dracut's kernel-modules-extra adds
	# by itself: here only the vmcoredd module may bring it
	install -D -m 0644 "$D/test_modules/test_vmcoredd_pci.ko" \
		"$t/tree/lib/modules/$KVER/kernel/drivers/$mods"
	depmod -b "$t/tree" "$KVER"
	install_shipped "$r"
	mkdir -p "$r/mnt/vmcoredd"
	mount --bind "$t" "$r/mnt/vmcoredd" || { nok "dracut: bind mount"; return; }
	# hostonly mode needs /sys, /proc, /run and /dev: this host's devices
	mount -t proc none "$r/proc"
	mount -t sysfs none "$r/sys"
	mount -t tmpfs none "$r/run"
	mount --bind /dev "$r/dev"
	if dracut_run all --no-hostonly --add vmcoredd; then
		check "dracut: --no-hostonly --add vmcoredd: lsinitrd lists test_vmcoredd_pci.ko" \
			lists all test_vmcoredd_pci.ko
		check "dracut: and cxgb4.ko (every dump-capable module)" lists all cxgb4.ko
	else
		nok "dracut: --no-hostonly --add vmcoredd (see ${t#"$TOP"/}/all.log)"
	fi
	if dracut_run host --hostonly --add vmcoredd; then
		check "dracut: --hostonly on this host (neither device present): neither module" \
			eval '! lists host "test_vmcoredd_pci.ko\|cxgb4.ko"'
	else
		nok "dracut: --hostonly --add vmcoredd (see ${t#"$TOP"/}/host.log)"
	fi
	if dracut_run plain --no-hostonly; then
		check "dracut: without --add vmcoredd or kdumpbase the module stays out" \
			eval '! lists plain "test_vmcoredd_pci.ko\|cxgb4.ko"'
	else
		nok "dracut: --no-hostonly (see ${t#"$TOP"/}/plain.log)"
	fi
	umount "$r/dev" "$r/run" "$r/sys" "$r/proc" "$r/mnt/vmcoredd"
}

# --- crash 9 --------------------------------------------------------------
SID=$TOP/build/sid-crash
sid_chroot() {
	local key="sid crash makedumpfile binutils"

	[ "$(cat "$SID/.vmcoredd-key" 2>/dev/null)" = "$key" ] && return 0
	rm -rf "$SID" "$SID.tmp"
	debootstrap --variant=minbase --include="${key#sid }" sid "$SID.tmp" \
		http://deb.debian.org/debian >"$SID.log" 2>&1 ||
		{ tail -5 "$SID.log"; return 1; }
	echo "$key" >"$SID.tmp/.vmcoredd-key"
	mv "$SID.tmp" "$SID"
}

# crash_run DUMP CMDFILE OUT: crash 9 on our vmlinux and DUMP
crash_run() {
	local w=$SID/mnt/vmcoredd

	mkdir -p "$w"
	cp "$D/kbuild/vmlinux" "$w/vmlinux" && cp "$1" "$w/dump" && cp "$2" "$w/cmds" ||
		return 1
	rm -rf "$w/out" && mkdir -p "$w/out"
	# crash 9.0.2 stops at start-up on Linux 7.3's struct module
	# ("invalid structure member offset: module_num_gpl_syms") unless
	# told to leave the modules alone
	chroot "$SID" sh -c 'cd /mnt/vmcoredd && crash -s --no_modules -i cmds vmlinux dump' \
		>"$3" 2>&1 </dev/null
}

# crash_listing OUT: the lines of crash's dev -V in OUT (index, offset,
# size, name)
crash_listing() {
	grep -E '^ *[0-9]+ +0x[0-9a-f]+ +[0-9]+ +[^ ]+$' "$1"
}

# crash_agrees S: every dump crash lists and extracts in run S is the one
# vmcoredd extracted, with the same size and bytes
crash_agrees() {
	local r=$D/runs/$1 idx size name ok=0 f

	while read -r idx _ size name; do
		f=$r/extract/$name
		if [ ! -s "$f" ]; then
			echo "# crash: $1: index $idx $name: not in vmcoredd's listing"
			ok=1
		elif [ "$size" != "$(stat -c %s "$f")" ]; then
			echo "# crash: $1: $name: size $size, vmcoredd's $(stat -c %s "$f")"
			ok=1
		elif ! cmp -s "$SID/mnt/vmcoredd/out/$idx" "$f"; then
			echo "# crash: $1: dev -v $idx ($name) differs from the dump's bytes"
			ok=1
		fi
	done < <(crash_listing "$r/crash.out")
	return $ok
}

crash_checks() {
	local s r nd i listed fmt want

	echo "# crash: $(chroot "$SID" crash -v 2>/dev/null | grep -m1 '^crash ')"
	for s in distro late; do
		r=$D/runs/$s
		[ -s "$r/dump.rearranged" ] || { nok "crash: $s: no saved dump to read"; continue; }
		if ! sha1sum <"$D/kbuild/vmlinux" | cmp -s - "$r/vmlinux.sha1"; then
			nok "crash: $s: the dump is not of this vmlinux: run the scenario again"
			continue
		fi
		# what the scenario saved, as checked above: the driver's
		# dumps, and in distro the two saved at panic (panic-ds*)
		want=4
		[ "$s" = late ] && want=70
		nd=$(sed -n 's/.*, \([0-9]*\) device dumps$/\1/p' "$r/list.out")
		if [ "$nd" != "$want" ]; then
			nok "crash: $s: vmcoredd lists ${nd:-no} device dumps, not $want:" \
				"nothing to compare"
			continue
		fi
		{
			echo "dev -V"
			for ((i = 0; i < nd; i++)); do echo "dev -v $i out/$i"; done
			echo quit
		} >"$r/crash.cmds"
		crash_run "$r/dump.rearranged" "$r/crash.cmds" "$r/crash.out"
		fmt=ELF
		[ "$s" = distro ] && fmt=kdump-compressed
		check "crash: $s: crash 9 starts on the $fmt dump" \
			grep -q 'INDEX *OFFSET *SIZE *NAME' "$r/crash.out"
		# crash keeps the first 64 device dumps of a vmcore
		listed=$nd
		[ "$nd" -gt 64 ] && listed=64
		check "crash: $s: dev -V lists $listed, dev -v extracts each, as vmcoredd" \
			eval 'crash_agrees "$s" &&
			      [ "$(crash_listing "$r/crash.out" | wc -l)" = "$listed" ]'
		if [ "$nd" -gt 64 ]; then
			check "crash: $s: of $nd dumps crash lists 64, silently; vmcoredd all $nd" \
				eval 'grep -q "no device dump found at index: 64" "$r/crash.out" &&
				      ! grep -qi "warn.*device dump\|too many" "$r/crash.out" &&
				      [ "$(ls "$r/extract" | wc -l)" = "$nd" ]'
		fi
	done
}
