#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make distro-check: the administrator's path on Debian 13.  A Debian 13
# root file system from Debian's packages (debootstrap: systemd,
# kdump-tools, makedumpfile), this series' kernel built as Debian packages
# (make bindeb-pkg, x86_64_defconfig + kvm_guest.config + distro/config),
# installed in the guest with dpkg -i together with an out-of-tree test
# driver for QEMU's pci-testdev, and our initramfs-tools hook and
# vmcoredd-settle.service.  Then per scenario: boot, kdump-tools loads the
# crash kernel, sysrq-c, kdump-tools saves /var/crash/<stamp>/ and
# reboots; the host reads the guest's disk and checks what an
# administrator would look at.  Also the dracut module (dracut in the
# Debian 13 tree, as a chroot) and crash 9 (Debian sid chroot) on the
# saved dumps.  TAP on stdout, ending "N passed, N failed".
#
#   make distro-check                      everything
#   make distro-check SCENARIO="distro"    only these guest scenarios
#   make distro-check SCENARIO=none        no guest run: dracut, and crash
#                                          on the dumps of the last runs
#
# Everything lives in build/7.3/distro/; the root file system, the setup
# image and the sid chroot are kept and rebuilt only when what they are
# made from changes.
set -u
BASE=7.3
. "$(dirname "$0")/lib.sh"

D=$BUILD/distro
DT=$TOP/$SELFTEST/distro
SUITE=trixie
ROOT_PKGS=systemd,systemd-sysv,udev,kdump-tools,makedumpfile,kexec-tools,initramfs-tools,kmod,procps,xz-utils,zstd,dracut-core,cpio
SCENARIOS=${SCENARIO:-distro late late-nosettle}
PKGS="$PKGS debootstrap:debootstrap e2fsprogs:mkfs.ext4 rsync:rsync
debhelper:dh libdw-dev:/usr/include/elfutils/libdw.h qemu-utils:qemu-img"
n=0 passed=0 failed=0
t_start=$(date +%s)

ok() { n=$((n + 1)) passed=$((passed + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)) failed=$((failed + 1)); echo "not ok $n - $*"; }
# check NAME CMD...: one TAP result
check() {
	local name=$1
	shift
	if "$@"; then ok "$name"; else nok "$name"; fi
}
finish() {
	echo "1..$n"
	echo "# make distro-check took $(($(date +%s) - t_start))s"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ] && [ "$n" -gt 0 ]
	exit
}
# fatal STEP: a step that the rest needs failed
fatal() {
	nok "$1"
	finish
}

# --- the kernel, as Debian packages --------------------------------------
base_config() {
	mkdir -p "$D/base"
	make -s -C "$SRC" O="$D/base" x86_64_defconfig kvm_guest.config >/dev/null &&
	cmp -s "$D/base/.config" "$D/base.config" || cp "$D/base/.config" "$D/base.config"
}

kernel() {
	local deb key

	# each bindeb-pkg numbers the build anew (#N, the package revision)
	# and links vmlinux again: package only when the tree or the
	# configuration changed, so that vmlinux stays the saved dumps' kernel
	python3 "$TOP/build-tools/series.py" apply "$SRC" || return 1
	key=$( (git -C "$SRC" ls-tree HEAD | grep -v '	Documentation$\|	tools$'
		cat "$D/base.config" "$DT/config" "$SRC/$SELFTEST"/test_modules/*) |
		sha1sum | cut -c1-12)
	KVER=$(cat "$D/kbuild/include/config/kernel.release" 2>/dev/null)
	if [ "$(cat "$D/kernel.key" 2>/dev/null)" = "$key" ] && [ -n "$KVER" ] &&
	   ls "$D"/debs/linux-image-"$KVER"_*.deb >/dev/null 2>&1; then
		echo "kernel packages unchanged ($key)"
		return 0
	fi
	rm -f "$D/kernel.key"
	env KOUT="$D/kbuild" TMOD="$D/test_modules" BASECONFIG="$D/base.config" \
	    FRAGMENTS="$DT/config" KTARGETS=bindeb-pkg NO_CHECKER=1 NO_APPLY=1 \
	    DEB_BUILD_PROFILES="pkg.linux-upstream.nokernelheaders pkg.linux-upstream.nokerneldbg" \
	    KDEB_COMPRESS=gzip "$TOP/build-tools/kernel.sh" || return 1
	KVER=$(cat "$D/kbuild/include/config/kernel.release")
	deb=$(ls -t "$D"/linux-image-"$KVER"_*.deb 2>/dev/null | head -1)
	[ -n "$deb" ] || { echo "no linux-image-$KVER package in $D"; return 1; }
	rm -rf "$D/debs" && mkdir -p "$D/debs" && cp "$deb" "$D/debs/" &&
	echo "$key" >"$D/kernel.key"
}

# --- Debian 13 root file system ------------------------------------------
rootfs() {
	local key

	key=$(echo "$SUITE $ROOT_PKGS" | sha1sum | cut -c1-12)
	[ "$(cat "$D/rootfs.key" 2>/dev/null)" = "$key" ] && [ -d "$D/rootfs/etc" ] &&
		{ echo "root file system unchanged ($key)"; return 0; }
	rm -rf "$D/rootfs" "$D/rootfs.tmp" "$D/rootfs.key"
	debootstrap --variant=minbase --include="$ROOT_PKGS" "$SUITE" "$D/rootfs.tmp" \
		http://deb.debian.org/debian >"$D/debootstrap.log" 2>&1 ||
		{ tail -5 "$D/debootstrap.log"; return 1; }
	(
		cd "$D/rootfs.tmp" || exit 1
		echo vmcoredd-guest >etc/hostname
		echo '/dev/vda / ext4 rw,errors=remount-ro 0 1' >etc/fstab
		# no password: the test drives the guest through its units
		sed -i 's/^root:[^:]*:/root::/' etc/shadow
		rm -f etc/machine-id && touch etc/machine-id
	) || return 1
	mv "$D/rootfs.tmp" "$D/rootfs" && echo "$key" >"$D/rootfs.key"
}

# --- the guest's disk after setup ----------------------------------------
# root file system DIR, where an administrator would put them
# install_shipped DIR: what tools/kdump ships for distributions, where an
# administrator would put it (the dracut test needs only this)
install_shipped() {
	local r=$1 k=$TOP/tools/kdump

	install -D -m 0755 "$k/vmcoredd-modules" "$r/usr/share/vmcoredd/vmcoredd-modules"
	install -D -m 0755 "$k/initramfs-tools/vmcoredd" "$r/usr/share/initramfs-tools/hooks/vmcoredd"
	install -D -m 0755 "$k/dracut/96vmcoredd/module-setup.sh" \
		"$r/usr/lib/dracut/modules.d/96vmcoredd/module-setup.sh"
	install -D -m 0644 "$k/systemd/vmcoredd-settle.service" \
		"$r/usr/lib/systemd/system/vmcoredd-settle.service"
	mkdir -p "$r/etc/systemd/system/kdump-tools-dump.service.wants"
	ln -sf /usr/lib/systemd/system/vmcoredd-settle.service \
		"$r/etc/systemd/system/kdump-tools-dump.service.wants/vmcoredd-settle.service"
}

# install_test_files DIR: our shipped files and the test's units, into the
# root file system DIR, where an administrator would put them
install_test_files() {
	local r=$1

	install_shipped "$r"
	install -D -m 0755 "$DT/guest.sh" "$r/usr/local/sbin/vmcoredd-test"
	rm -rf "$r/root/vmcoredd" && mkdir -p "$r/root/vmcoredd"
	cp "$D"/debs/*.deb "$D/test_modules/test_vmcoredd_pci.ko" \
		"$D/test_modules/test_pstore_devstate.ko" "$r/root/vmcoredd/"
	echo "$KVER" >"$r/root/vmcoredd/kver"
	# the test's units: setup (first boot), config + crash (first kernel),
	# capture (capture kernel, before kdump-tools saves)
	cat >"$r/etc/systemd/system/vmcoredd-test-setup.service" <<-EOF
	[Unit]
	Description=vmcoredd test: install the kernel packages and the test driver
	ConditionPathExists=!/var/lib/vmcoredd-test/setup-done
	ConditionPathExists=!/proc/vmcore
	ConditionKernelCommandLine=!vmcoredd_test
	After=local-fs.target
	[Service]
	Type=oneshot
	StandardOutput=journal+console
	ExecStart=/usr/local/sbin/vmcoredd-test setup
	ExecStartPost=/usr/bin/systemctl --no-block poweroff
	[Install]
	WantedBy=multi-user.target
	EOF
	cat >"$r/etc/systemd/system/vmcoredd-test-config.service" <<-EOF
	[Unit]
	Description=vmcoredd test: configure the scenario
	ConditionPathExists=/var/lib/vmcoredd-test/setup-done
	ConditionPathExists=!/proc/vmcore
	ConditionKernelCommandLine=vmcoredd_test
	DefaultDependencies=no
	After=local-fs.target
	Before=kdump-tools.service
	[Service]
	Type=oneshot
	StandardOutput=journal+console
	ExecStart=/usr/local/sbin/vmcoredd-test config
	[Install]
	WantedBy=kdump-tools.service
	EOF
	cat >"$r/etc/systemd/system/vmcoredd-test-crash.service" <<-EOF
	[Unit]
	Description=vmcoredd test: crash once kdump-tools is ready
	ConditionPathExists=/var/lib/vmcoredd-test/setup-done
	ConditionPathExists=!/proc/vmcore
	ConditionKernelCommandLine=vmcoredd_test
	After=kdump-tools.service multi-user.target
	[Service]
	Type=oneshot
	StandardOutput=journal+console
	ExecStart=/usr/local/sbin/vmcoredd-test crash
	[Install]
	WantedBy=multi-user.target
	EOF
	mkdir -p "$r/etc/systemd/system/kdump-tools-dump.service.d"
	cat >"$r/etc/systemd/system/kdump-tools-dump.service.d/vmcoredd-test.conf" <<-EOF
	[Service]
	ExecStartPre=-/usr/local/sbin/vmcoredd-test capture
	EOF
	for u in setup crash; do
		mkdir -p "$r/etc/systemd/system/multi-user.target.wants"
		ln -sf "/etc/systemd/system/vmcoredd-test-$u.service" \
			"$r/etc/systemd/system/multi-user.target.wants/"
	done
	mkdir -p "$r/etc/systemd/system/kdump-tools.service.wants"
	ln -sf /etc/systemd/system/vmcoredd-test-config.service \
		"$r/etc/systemd/system/kdump-tools.service.wants/"
}

# qemu_boot LOG TIMEOUT DISK DISKFMT KERNEL INITRD CMDLINE: boot the guest
# until it powers off or reboots (-no-reboot); progress lines shown
qemu_boot() {
	local log=$1 timeout=$2 disk=$3 fmt=$4 kernel=$5 initrd=$6 cmdline=$7
	local t0 qpid shown=0 now

	t0=$(date +%s)
	rm -f "$log"	# QEMU appends to a file of the serial port
	# shellcheck disable=SC2086
	qemu-system-x86_64 -accel tcg -smp 2 -m 2048 -nodefaults -display none \
		-no-reboot -serial "file:$log" -nic none \
		-monitor "unix:$log.monitor,server,nowait" \
		-device pci-testdev \
		-drive "file=$disk,format=$fmt,if=virtio" \
		-kernel "$kernel" ${initrd:+-initrd "$initrd"} -append "$cmdline" \
		>"$log.qemu" 2>&1 &
	qpid=$!
	while kill -0 "$qpid" 2>/dev/null; do
		now=$(date +%s)
		if [ $((now - t0)) -gt "$timeout" ]; then
			echo "# [$(date +%H:%M:%S)] timeout after ${timeout}s, stopping QEMU"
			kill "$qpid"
			wait "$qpid" 2>/dev/null
			return 1
		fi
		grep -a 'vmcoredd-test:\|Kernel panic\|kdump-tools\[' "$log" 2>/dev/null |
			tr -d '\r' | sed -n "$((shown + 1)),\$p" | while IFS= read -r line; do
				echo "# [$(date +%H:%M:%S)] +$((now - t0))s ${line:0:150}"
			done
		shown=$(grep -a -c 'vmcoredd-test:\|Kernel panic\|kdump-tools\[' "$log" 2>/dev/null)
		sleep 2
	done
	wait "$qpid"
}

setup_image() {
	local key img=$D/setup.img tmp=$D/setup.tmp

	# the kernel and its modules, not the package, which each
	# bindeb-pkg numbers anew
	key=$( (cat "$D/rootfs.key" "$D/kbuild/arch/x86/boot/bzImage" \
		$(find "$D/kbuild" -name '*.ko' | sort) "$D/test_modules/test_vmcoredd_pci.ko" \
		"$D/test_modules/test_pstore_devstate.ko" "$DT/guest.sh" \
		<(declare -f install_shipped install_test_files) "$TOP"/tools/kdump/vmcoredd-modules \
		"$TOP"/tools/kdump/initramfs-tools/vmcoredd "$TOP"/tools/kdump/systemd/*) | sha1sum | cut -c1-12)
	if [ "$(cat "$D/setup.key" 2>/dev/null)" = "$key" ] && [ -f "$img" ]; then
		echo "setup image unchanged ($key)"
		return 0
	fi
	rm -rf "$tmp" "$img" "$D/setup.key" "${D:?}/boot"
	cp -a "$D/rootfs" "$tmp" || return 1
	install_test_files "$tmp" || return 1
	mkdir -p "$D/boot"
	dpkg-deb -x "$D"/debs/linux-image-*.deb "$D/boot/deb" || return 1
	cp "$D/boot/deb/boot/vmlinuz-$KVER" "$D/boot/vmlinuz" || return 1
	mkfs.ext4 -q -L root -d "$tmp" "$img.tmp" 6G || return 1
	rm -rf "$tmp"
	echo "booting the guest once to install the packages (dpkg -i, kdump initramfs)"
	qemu_boot "$D/setup.console" 1500 "$img.tmp" raw "$D/boot/vmlinuz" "" \
		"console=ttyS0 root=/dev/vda rw" || return 1
	debugfs -R 'cat /var/lib/vmcoredd-test/setup-done' "$img.tmp" >/dev/null 2>&1 ||
		{ echo "setup did not finish: see $D/setup.console"; return 1; }
	debugfs -R "dump /boot/initrd.img-$KVER $D/boot/initrd.img" "$img.tmp" 2>/dev/null
	[ -s "$D/boot/initrd.img" ] || { echo "no /boot/initrd.img-$KVER in the guest"; return 1; }
	mv "$img.tmp" "$img" && echo "$key" >"$D/setup.key"
}

# guest_file IMG PATH: a file of the guest's disk on stdout
guest_file() {
	debugfs -R "cat $2" "$1" 2>/dev/null
}

setup_checks() {
	local img=$D/setup.img list

	list=$(guest_file "$img" /var/lib/vmcoredd-test/kdump-initrd.list)
	check "setup: kdump-tools' capture initramfs holds test_vmcoredd_pci.ko (added by the hook, named nowhere)" \
		grep -q 'updates/test_vmcoredd_pci.ko' <<<"$list"
	check "setup: the hook adds no driver of an absent device (cxgb4)" \
		eval '! grep -q "cxgb4.ko" <<<"$list"'
	list=$(guest_file "$img" /var/lib/vmcoredd-test/kdump-initrd-nodd.list)
	check "setup: with VMCOREDD=n the capture initramfs has no test_vmcoredd_pci.ko" \
		eval '[ -n "$list" ] && ! grep -q test_vmcoredd_pci <<<"$list"'
	list=$(guest_file "$img" /var/lib/vmcoredd-test/progress)
	check "setup: vmcoredd-modules --all finds cxgb4 and test_vmcoredd_pci" \
		eval 'grep "dump-capable modules" <<<"$list" | grep -q "cxgb4.*test_vmcoredd_pci\|test_vmcoredd_pci.*cxgb4"'
}

echo "TAP version 13"
mkdir -p "$D"
step "packages" ensure_packages >&2 || fatal "packages"
ensure_source >&2 || fatal "kernel source"
step "base configuration (x86_64_defconfig + kvm_guest.config)" base_config >&2 || fatal "base configuration"
step "kernel packages (make bindeb-pkg) and the test driver" kernel >&2 || fatal "kernel packages"
# the host reads the saved dumps with it (make kernel builds it; here
# the kernel is packaged without the selftests' programs)
step "tools/kdump/vmcoredd" build_tool >&2 || fatal "tools/kdump/vmcoredd"
KVER=$(cat "$D/kbuild/include/config/kernel.release")
echo "# kernel $KVER"
step "Debian 13 root file system (debootstrap $SUITE)" rootfs >&2 || fatal "root file system"
step "setup image (dpkg -i in the guest)" setup_image >&2 || fatal "setup image"
setup_checks
. "$DT/checks.sh"
# SCENARIO=none: only the dracut and crash checks, on the runs kept
[ "$SCENARIOS" = none ] && SCENARIOS=
for s in $SCENARIOS; do
	step "scenario $s" run_scenario "$s" >&2 || nok "$s: the guest run failed (see $D/runs/$s)"
	scenario_checks "$s"
done
step "dracut module (dracut in the Debian 13 tree)" true >&2
dracut_checks
step "crash 9 (Debian sid chroot)" sid_chroot >&2 && crash_checks
finish
