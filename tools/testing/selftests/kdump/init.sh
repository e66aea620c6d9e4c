#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the kdump selftests, in every kernel.  Without /proc/vmcore this is
# the first kernel: load the capture kernel with kexec -p, then crash.  With
# it, this is the capture kernel: check the dump, save it, power off.  A first
# kernel that finds its own boot mark on /dev/vdb runs after a reboot (QEMU
# kept its RAM): check what survived it, save it, power off.
#
# The scenario is named by kdump_test.scenario= on the command line and
# provides: FIRST_CMDLINE, CAPTURE_CMDLINE, CRASH, KEXEC (load, file or none),
# CAPTURE_KERNEL (the image kexec -p loads, /boot/bzImage), KEXEC_ARGS
# (more options for kexec -p), first_setup,
# trigger, capture_setup, capture_checks, reboot_checks (see scenarios/).

export PATH=/usr/sbin:/usr/bin:/sbin:/bin
mount -t proc none /proc
mount -t sysfs none /sys
mount -t devtmpfs none /dev 2>/dev/null
mount -t tmpfs none /tmp

. /lib/kdump-test/guest.sh

CRASH=1
KEXEC=load
CAPTURE_CMDLINE=
CAPTURE_KERNEL=/boot/bzImage
KEXEC_ARGS=
first_setup() { :; }
trigger() { echo c >/proc/sysrq-trigger; }
capture_setup() { :; }
capture_checks() { capture_common_checks; }
reboot_checks() { not_ok "first: the machine rebooted instead of crashing into kdump"; }

SCENARIO=$(arg scenario)
if [ ! -f "/lib/kdump-test/scenarios/$SCENARIO.sh" ]; then
	not_ok "unknown scenario '$SCENARIO'"
	mark "RESULT: done"
	poweroff -f
fi
. "/lib/kdump-test/scenarios/$SCENARIO.sh"

finish() {
	mark "RESULT: done"
	sync
	poweroff -f
}

BOOT_MARK="kdump_test: first boot of $SCENARIO"

save_artifacts() {
	check "$1: artifacts saved to /dev/vda" tar -cf /dev/vda -C $OUT .
}

first_kernel() {
	local cpus mode append

	echo "$BOOT_MARK" | dd of=/dev/vdb conv=notrunc 2>/dev/null
	first_setup
	[ "$CRASH" = 1 ] || finish

	cpus=$(grep -c ^processor /proc/cpuinfo)
	mode=$(arg kexec)
	if [ "$mode" = none ]; then
		mark "# first: triggering the crash on $cpus CPUs"
		trigger
		sleep 10
		not_ok "first: still running 10s after the trigger"
		finish
	fi
	append="console=ttyS0 nr_cpus=1 reset_devices irqpoll panic=1"
	append="$append rdinit=/init kdump_test.scenario=$SCENARIO kdump_test.cpus=$cpus"
	append="$append $CAPTURE_CMDLINE"
	[ "$(arg sanitize)" = 1 ] && append="$append pci=noacpi"
	if [ "$mode" = file ]; then
		set -- -s
	else
		set --
	fi
	check "first: kexec -p${1:+ $1} (kexec_${mode:-load}) loads the capture kernel" \
		kexec -p "$@" $KEXEC_ARGS "$CAPTURE_KERNEL" --initrd=/boot/capture.cpio \
			--append="$append"
	mark "# first: triggering the crash on $cpus CPUs"
	trigger
	sleep 10
	not_ok "first: still running 10s after the trigger"
	finish
}

capture_kernel() {
	mkdir -p $OUT
	ok "capture: booted, /proc/vmcore present"
	capture_setup
	capture_checks
	kmemleak_scan
	cp /proc/cmdline $OUT/cmdline
	dmesg >$OUT/dmesg.txt
	save_artifacts capture
	finish
}

after_reboot() {
	mkdir -p $OUT
	ok "reboot: booted again after the crash"
	reboot_checks
	dmesg >$OUT/dmesg.txt
	save_artifacts reboot
	finish
}

if [ -e /proc/vmcore ]; then
	capture_kernel
elif [ "$(head -c ${#BOOT_MARK} /dev/vdb 2>/dev/null)" = "$BOOT_MARK" ]; then
	after_reboot
else
	first_kernel
fi
