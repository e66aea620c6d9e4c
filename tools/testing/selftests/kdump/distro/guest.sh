#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The guest side of make distro-check, in the Debian guest, run by the
# vmcoredd-test-*.service units that distro-check.sh installs:
#
#   guest.sh setup     once, first boot: install the kernel packages, the
#                      test driver and the kdump capture initramfs, as an
#                      administrator does, then power off
#   guest.sh config    each scenario, first kernel, before kdump-tools
#                      loads: apply the scenario (vmcoredd_test= on the
#                      kernel command line)
#   guest.sh crash     each scenario, first kernel: wait for kdump-tools to
#                      be ready, then crash with sysrq
#   guest.sh capture   capture kernel, just before kdump-tools saves the
#                      dump: keep what /sys/kernel/vmcoredd holds
#
# What it keeps for the host is under /var/lib/vmcoredd-test; progress
# lines start with "vmcoredd-test:" on the console.
set -u
OUT=/var/lib/vmcoredd-test
mkdir -p "$OUT"

say() {
	echo "vmcoredd-test: $*" >/dev/console
	echo "vmcoredd-test: $*" >>"$OUT/progress"
}

kver() {
	cat /root/vmcoredd/kver
}

scenario() {
	sed -n 's/.*vmcoredd_test=\([^ ]*\).*/\1/p' /proc/cmdline
}

# kdump_initrd: build kdump-tools' capture initramfs as its kernel hook does
kdump_initrd() {
	/etc/kernel/postinst.d/kdump-tools "$1"
}

setup() {
	local k t0 mods

	t0=$(date +%s)
	say "setup: installing $(ls /root/vmcoredd/*.deb | xargs -n1 basename | tr '\n' ' ')"
	dpkg -i /root/vmcoredd/linux-image-*.deb || { say "setup: FAILED dpkg -i"; return 1; }
	k=$(kver)
	# out-of-tree modules, installed as an administrator (or DKMS) does
	for m in test_vmcoredd_pci test_pstore_devstate; do
		install -D -m 0644 "/root/vmcoredd/$m.ko" "/lib/modules/$k/updates/$m.ko"
	done
	depmod -a "$k"
	mods=$(/usr/share/vmcoredd/vmcoredd-modules --all -k "$k")
	say "setup: dump-capable modules of $k: $(echo $mods)"
	mods=$(/usr/share/vmcoredd/vmcoredd-modules -k "$k")
	say "setup: of devices present: $(echo $mods)"
	# the capture initramfs without the hook, for the late-driver scenarios
	echo VMCOREDD=n >/etc/initramfs-tools/conf.d/vmcoredd
	kdump_initrd "$k" || { say "setup: FAILED kdump initramfs (VMCOREDD=n)"; return 1; }
	mv "/var/lib/kdump/initrd.img-$k" "/var/lib/kdump/initrd-nodd.img-$k"
	rm /etc/initramfs-tools/conf.d/vmcoredd
	# and with it, as kdump-tools builds it
	kdump_initrd "$k" || { say "setup: FAILED kdump initramfs"; return 1; }
	# what kdump-config's first load would otherwise take as a reason to
	# build it again (a new sysctl file)
	cp /etc/kdump/sysctl.conf "/var/lib/kdump/latest_sysctls-$k"
	lsinitramfs "/var/lib/kdump/initrd.img-$k" >"$OUT/kdump-initrd.list"
	lsinitramfs "/var/lib/kdump/initrd-nodd.img-$k" >"$OUT/kdump-initrd-nodd.list"
	echo "$k" >"$OUT/kver"
	sync
	say "setup: done in $(($(date +%s) - t0))s"
	touch "$OUT/setup-done"
	sync
}

config() {
	local s k cmdline append

	s=$(scenario)
	k=$(cat "$OUT/kver")
	say "config: scenario ${s:-none}"
	# kdump-config runs the kexec command through eval: the '$' of
	# memmap=1M$0x10000000, copied from /proc/cmdline, would reach the
	# capture kernel as memmap=1M/usr/sbin/kdump-configx10000000, 1 MiB
	# of memory, and it would die before its first console line.  The
	# capture kernel needs no memmap= (the ramoops region is not its RAM).
	cmdline=$(sed -e 's/\(^\| \)\(crashkernel\|memmap\)=[^ ]*//g' /proc/cmdline)
	echo "KDUMP_CMDLINE=\"$cmdline\"" >>/etc/default/kdump-tools
	case $s in
	distro)
		# kdump-tools' default is "-c -d 31"; makedumpfile 1.7.6 (and
		# 1.7.8) take some of 7.3's slab pages for user pages (-d 8)
		# and leave them out, and crash 9 cannot start without them:
		# keep user pages in the kdump-compressed dump
		echo 'MAKEDUMP_ARGS="-c -d 23"' >>/etc/default/kdump-tools ;;
	late | late-nosettle)
		# the driver is not in the capture initramfs: udev loads it from
		# the root file system, and its probe takes 20 s; ELF format
		# (kdump-tools' own KDUMP_CMDLINE_APPEND, and the driver's options)
		append="reset_devices systemd.unit=kdump-tools-dump.service nr_cpus=1"
		append="$append irqpoll usbcore.nousb"
		append="$append test_vmcoredd_pci.delay_ms=20000 test_vmcoredd_pci.count=70"
		cat >>/etc/default/kdump-tools <<-EOF
		KDUMP_INITRD=/var/lib/kdump/initrd-nodd.img-$k
		MAKEDUMP_ARGS="-E -d 31"
		KDUMP_CMDLINE_APPEND="$append"
		EOF
		if [ "$s" = late-nosettle ]; then
			systemctl disable vmcoredd-settle.service
		fi
		;;
	*) say "config: FAILED unknown scenario '$s'"; return 1 ;;
	esac
	sync
}

crash() {
	local i

	for i in $(seq 120); do
		if kdump-config status 2>&1 | grep -q 'ready to kdump'; then
			break
		fi
		sleep 1
	done
	kdump-config show >"$OUT/kdump-config-show" 2>&1
	say "crash: kdump-config status: $(kdump-config status 2>&1 | tr '\n' ' ')"
	if ! kdump-config status 2>&1 | grep -q 'ready to kdump'; then
		say "crash: FAILED kdump-tools not ready after 120 s"
		systemctl poweroff
		return 1
	fi
	if [ "$(scenario)" = distro ]; then
		# two buffers of device state (ds00, 4096 bytes; ds01, 20000)
		# that pstore saves at panic, into ramoops' devstate zone
		modprobe test_pstore_devstate count=2 ||
			say "crash: FAILED modprobe test_pstore_devstate"
		say "crash: device state buffers registered for pstore:" \
			"$(cat /sys/module/test_pstore_devstate/parameters/registered 2>&1)"
	fi
	say "crash: modules: $(lsmod | awk 'NR > 1 { print $1 }' | grep 'vmcoredd\|devstate')"
	sync
	echo 1 >/proc/sys/kernel/sysrq
	say "crash: echo c > /proc/sysrq-trigger"
	echo c >/proc/sysrq-trigger
}

capture() {
	local f

	mkdir -p "$OUT/capture"
	for f in /sys/kernel/vmcoredd/*; do
		[ -f "$f" ] && cp "$f" "$OUT/capture/"
	done
	ls -l /sys/kernel/vmcoredd/ >"$OUT/capture/ls-l" 2>&1
	for f in /sys/module/test_vmcoredd_pci/parameters/*; do
		[ -f "$f" ] && echo "${f##*/}=$(cat "$f")"
	done >"$OUT/capture/params" 2>&1
	f=$(ls /sys/kernel/vmcoredd 2>/dev/null | wc -l)
	say "capture: $f device dumps in /sys/kernel/vmcoredd before kdump-tools saves"
	sync
}

case ${1:-} in
setup | config | crash | capture) "$1" ;;
*) echo "usage: $0 setup|config|crash|capture" >&2; exit 2 ;;
esac
