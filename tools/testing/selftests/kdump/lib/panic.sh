# SPDX-License-Identifier: GPL-2.0
# Settings and checks of the panic-path scenarios (scenarios/panic-*.sh),
# sourced by them in the guest and on the host after they set:
#
# PANIC_TRIGGER  sysrq   echo c >/proc/sysrq-trigger
#                bug     lkdtm BUG in a child process, panic_on_oops=1
#                oops    lkdtm EXCEPTION (NULL write), oops=panic
#                hardirq panic() from a hard-IRQ hrtimer (test_panic_stop)
#                nmi     NMI from the QEMU monitor, unknown_nmi_panic
#                irqoff  lkdtm PANIC_STOP_IRQOFF: every CPU spins with IRQs
#                        off, so only an NMI can stop them
#                all     every CPU calls panic() at once (test_panic_stop's
#                        panic_all)
#                locked  panic() while a kexec_file_load() of a large
#                        image, running on CPU 1, holds the kexec lock: from
#                        a hard IRQ on that CPU (LOCK_CPU=self,
#                        test_panic_stop's panic_cpu) or by sysrq c on CPU 0
#                        (LOCK_CPU=other); the crash kexec returns and the
#                        machine reboots
# PANIC_POLICY   param   crash_kexec_kmsg_dump on the command line
#                runtime crash_kexec_kmsg_dump set at run time, in
#                        /sys/module/kernel/parameters/
#                off     neither (upstream's order)
#                post    crash_kexec_post_notifiers as well as the param
# DUMPER_FAULT=1 test_panic_stop's crash-safe kmsg dumper faults
# LAG=1          (all) the last CPU leaves the barrier but spins instead of
#                calling panic()
# CAPTURE_FAILS  dies    the capture kernel starts and panics in its own
#                        init (rdinit= names no file, and there is no root
#                        file system); it has no ramoops, so it writes
#                        nothing there; panic=1 resets the machine
#                damaged the capture kernel's image is damaged (64 KiB of
#                        its gzip payload overwritten with 0xff from just
#                        after the gzip header: an invalid deflate block
#                        type): its decompressor halts and the host resets
#                        the machine, as a hardware watchdog would
#                Either way the first kernel boots again and looks in
#                pstore for this boot's panic record: there with the
#                policy on, not with it off.
# DEVSTATE=1     test_pstore_devstate registers the device state buffers
#                ds00, ds01, ds02 (4096, 20000 and 60000 bytes, seed 11)
#                in the first kernel, and ramoops keeps 64 KiB for device
#                state: ds00 and ds01 are saved at panic, ds02 is listed as
#                not saved (no room left).  Checked in pstore after the
#                reboot or in the capture kernel (where each saved buffer
#                is also the device dump panic-<name> of /proc/vmcore);
#                with the policy off and a crash kernel, nothing is saved
# DEVSTATE_RACE=1 a thread on the last CPU registers and unregisters one
#                more buffer, dsrace, in a loop while the panic comes
# DEVSTATE_STALE=1 ramoops holds an earlier panic's set (old00, put there
#                by the scenario's QEMU_PRELOAD): with the policy off it is
#                in the capture kernel's pstore, not in /proc/vmcore
# DEVSTATE_SIZE  ramoops.devstate_size (0x10000 with DEVSTATE=1)
# DEVSTATE_WARN  a line ramoops must log in the first kernel, which then
#                keeps no device state zone
#
# Both kernels log to ramoops in a MiB reserved with memmap=, dmesg records
# only (no console record to confuse with).  With the policy on, the panic
# record of this boot must be in pstore when the capture kernel starts;
# with it off, it must not.  test_panic_stop's panic notifier shows whether
# the notifier chain ran before the crash kexec (only with "post"), its
# two dumpers which dumpers did: with the policy on, only the crash-safe
# one, after ramoops.

RAMOOPS_LINE='ramoops: using 0x100000@0x10000000'
RAMOOPS_CMDLINE='memmap=1M$0x10000000 ramoops.mem_address=0x10000000'
RAMOOPS_CMDLINE="$RAMOOPS_CMDLINE ramoops.mem_size=0x100000 ramoops.record_size=0x20000"
RAMOOPS_CMDLINE="$RAMOOPS_CMDLINE ramoops.console_size=0 ramoops.ftrace_size=0"
RAMOOPS_CMDLINE="$RAMOOPS_CMDLINE ramoops.pmsg_size=0 ramoops.ecc=0"
[ "${DEVSTATE:-0}" = 1 ] && : "${DEVSTATE_SIZE:=0x10000}"
[ -n "${DEVSTATE_SIZE:-}" ] &&
	RAMOOPS_CMDLINE="$RAMOOPS_CMDLINE ramoops.devstate_size=$DEVSTATE_SIZE"

FIRST_CMDLINE="$RAMOOPS_CMDLINE"
CAPTURE_CMDLINE="$RAMOOPS_CMDLINE"
case ${CAPTURE_FAILS:=} in
dies) CAPTURE_CMDLINE="rdinit=/nonexistent" ;;
damaged) CAPTURE_CMDLINE=
	 KEXEC_ARGS=--console-serial	# purgatory says when it runs
	 HOST_RESET=15 ;;
esac
case $PANIC_POLICY in
param) FIRST_CMDLINE="$FIRST_CMDLINE crash_kexec_kmsg_dump" ;;
post) FIRST_CMDLINE="$FIRST_CMDLINE crash_kexec_kmsg_dump crash_kexec_post_notifiers" ;;
esac
case $PANIC_TRIGGER in
sysrq) PANIC_MSG="sysrq triggered crash" ;;
bug | oops) PANIC_MSG="Fatal exception" ;;
hardirq) PANIC_MSG="test_panic_stop: hard IRQ panic" ;;
nmi) PANIC_MSG="NMI: Not continuing"
     FIRST_CMDLINE="$FIRST_CMDLINE unknown_nmi_panic" ;;
irqoff) PANIC_MSG="panic stop irqoff test" ;;
all) PANIC_MSG="test_panic_stop: simultaneous panic" ;;
locked) if [ "$LOCK_CPU" = self ]; then
		PANIC_MSG="test_panic_stop: hard IRQ panic"
	else
		PANIC_MSG="sysrq triggered crash"
	fi ;;
esac
[ "$PANIC_TRIGGER" = oops ] && FIRST_CMDLINE="$FIRST_CMDLINE oops=panic"
# the line that starts the crash: an oops with panic_on_oops starts the
# crash kernel from the oops handler, before any panic line (upstream, and
# with the policy on: the log dump is then in crash_kexec())
case $PANIC_TRIGGER in
bug) PANIC_LINE="kernel BUG at" ;;
oops) PANIC_LINE="BUG: kernel NULL pointer dereference" ;;
*) PANIC_LINE="Kernel panic - not syncing: $PANIC_MSG" ;;
esac
if [ "$KEXEC" = none ] || [ "$PANIC_TRIGGER" = locked ] || [ -n "$CAPTURE_FAILS" ]; then
	REBOOT=1
	VMCORE=0
fi
# the crash kexec returns: panic_print's memory report (0x2, show_mem())
# must reach the record, as it does upstream
[ "$KEXEC" != none ] && [ "$PANIC_TRIGGER" = locked ] &&
	FIRST_CMDLINE="$FIRST_CMDLINE panic_print=0x2"

PANIC_MODULE=/lib/kdump-test/modules/test_panic_stop.ko
NOTIFIER_LINE="test_panic_stop: panic notifier ran"
DUMPER_LINE="test_panic_stop: kmsg_dump done"
SAFE_DUMPER_LINE="test_panic_stop: crash-safe kmsg_dump done"
FAULT_LINE="test_panic_stop: crash-safe dumper faults"
MEMINFO_LINE="Mem-Info:"
MODULE_ARGS=
[ "${DUMPER_FAULT:-0}" = 1 ] && MODULE_ARGS="fault=1"
[ "${LAG:-0}" = 1 ] && MODULE_ARGS="lag=1"

# policy_on: kmsg_dump() runs before the crash kexec.
policy_on() {
	[ "$PANIC_POLICY" != off ]
}

lkdtm() {
	sh -c "echo $1 >/sys/kernel/debug/provoke-crash/DIRECT"
}

# damage_kernel: a copy of the kernel, /tmp/bzImage, with 64 KiB of its
# gzip payload (boot protocol: setup_sects at 0x1f1, payload_offset and
# payload_length at 0x248, from the 32-bit code at (setup_sects + 1) *
# 512) overwritten with 0xff from byte 10, right after the gzip header: the
# first deflate block then has the reserved type 3, which inflate always
# refuses, for kexec -p to load.  Prints what it did.
damage_kernel() {
	local k=/boot/bzImage sects off len at

	rm -f /tmp/bzImage
	sects=$(od -An -tu1 -j $((0x1f1)) -N1 $k | tr -d ' ')
	off=$(od -An -tu4 -j $((0x248)) -N4 $k | tr -d ' ')
	len=$(od -An -tu4 -j $((0x24c)) -N4 $k | tr -d ' ')
	if [ -z "$sects" ] || [ -z "$len" ] || [ "$len" -lt 262144 ]; then
		echo "no payload found in $k (setup_sects ${sects:-?}, payload_length ${len:-?})"
		return
	fi
	at=$(((sects + 1) * 512 + off + 10))
	cp $k /tmp/bzImage.tmp &&
		head -c 65536 /dev/zero | tr '\000' '\377' |
		dd of=/tmp/bzImage.tmp bs=1 seek=$at conv=notrunc 2>/dev/null &&
		! cmp -s $k /tmp/bzImage.tmp &&
		mv /tmp/bzImage.tmp /tmp/bzImage ||
		{ echo "could not damage a copy of $k"; return; }
	CAPTURE_KERNEL=/tmp/bzImage
	echo "the capture kernel damaged: 64 KiB at byte $at, the start of its $len-byte payload"
}

# sym_range SYMBOL TAG: "kdump_test: TAG START END", the addresses of
# SYMBOL and of the next symbol in this kernel
sym_range() {
	sort /proc/kallsyms |
		awk -v sym="$1" -v tag="$2" '$3 == sym { s = $1; next }
			s && $1 > s { print "kdump_test:", tag, s, $1; exit }'
}

# loser_path: sym_range of each function a CPU that loses the panic race
# runs after the barrier, as "self_stop" (panic_smp_self_stop()), "barrier"
# (test_all_fn()) or "path" lines; functions this kernel does not have are
# left out (vpanic() and panic_try_start() are mainline's)
loser_path() {
	local fn

	sym_range panic_smp_self_stop self_stop
	sym_range test_all_fn barrier
	for fn in panic vpanic panic_try_force_cpu panic_try_start \
		panic_in_progress panic_on_this_cpu panic_on_other_cpu; do
		sym_range $fn path
	done
}

# require DESC COMMAND...: a precondition the scenario itself set up (its
# command line): not a result, so nothing is counted when it holds; a
# failure is one
require() {
	local desc=$1

	shift
	"$@" || not_ok "$desc"
}

first_setup() {
	local want

	check "first: ramoops registered at 0x10000000" \
		sh -c "dmesg | grep -q '$RAMOOPS_LINE'"
	# this boot's id: in the log, and on /dev/vdb for the next kernel
	echo "kdump_test: boot_id $(cat /proc/sys/kernel/random/boot_id)" >/dev/kmsg
	sed -n 's/^/kdump_test: boot_id /p' /proc/sys/kernel/random/boot_id |
		dd of=/dev/vdb bs=512 seek=1 conv=notrunc 2>/dev/null
	if [ "$PANIC_POLICY" = runtime ]; then
		check "first: crash_kexec_kmsg_dump set at run time" \
			sh -c "echo 1 >/sys/module/kernel/parameters/crash_kexec_kmsg_dump"
	else
		want=N
		policy_on && want=Y
		require "first: crash_kexec_kmsg_dump is $want (command line)" \
			[ "$(cat /sys/module/kernel/parameters/crash_kexec_kmsg_dump)" = $want ]
	fi
	case $PANIC_TRIGGER in
	bug)
		echo 1 >/proc/sys/kernel/panic_on_oops ;;
	nmi)
		require "first: kernel.unknown_nmi_panic is 1 (command line)" \
			grep -qx 1 /proc/sys/kernel/unknown_nmi_panic ;;
	esac
	case $PANIC_TRIGGER in
	bug | oops | irqoff)
		mount -t debugfs none /sys/kernel/debug ;;
	esac
	case $PANIC_TRIGGER in
	hardirq) ;;
	*) check "first: insmod test_panic_stop${MODULE_ARGS:+ $MODULE_ARGS} (no panic)" \
		insmod $PANIC_MODULE $MODULE_ARGS ;;
	esac
	# where the CPUs that lose the panic race can be stopped: from the
	# barrier (test_all_fn(), in the module, which the capture kernel does
	# not have) through panic()'s entry to panic_smp_self_stop(), where
	# they park
	[ "$PANIC_TRIGGER" = all ] && loser_path |
		dd of=/dev/vdb bs=512 seek=2 conv=notrunc 2>/dev/null
	# where the faulting dumper is: the module is not in the capture kernel
	[ "${DUMPER_FAULT:-0}" = 1 ] && sym_range test_safe_kmsg_dump fault_fn |
		dd of=/dev/vdb bs=512 seek=3 conv=notrunc 2>/dev/null
	if [ "$CAPTURE_FAILS" = damaged ]; then
		damage_kernel >/tmp/damage.txt
		check "first: $(cat /tmp/damage.txt)" [ "$CAPTURE_KERNEL" = /tmp/bzImage ]
	fi
	[ "${DEVSTATE:-0}" = 1 ] && devstate_setup
	if [ -n "${DEVSTATE_WARN:-}" ]; then
		check "first: ramoops warns: $DEVSTATE_WARN" \
			sh -c 'dmesg | grep -qF -- "$1"' sh "$DEVSTATE_WARN"
		check "first: ramoops has no device state zone (devstate_size 0)" \
			[ "$(cat /sys/module/ramoops/parameters/devstate_size)" = 0 ]
	fi
}

# Device state saved at panic (DEVSTATE=1): test_pstore_devstate's buffers.
DEVSTATE_MODULE=/lib/kdump-test/modules/test_pstore_devstate.ko
DEVSTATE_PARAMS=/sys/module/test_pstore_devstate/parameters
# what the capture kernel says of a set it does not take (DEVSTATE_STALE)
STALE_LINE="device state there is not the crashed kernel's"

devstate_setup() {
	local args=

	[ "${DEVSTATE_RACE:-0}" = 1 ] && args=race=1
	if [ "${DEVSTATE_STALE:-0}" = 1 ]; then
		mount -t pstore none /sys/fs/pstore
		check "first: pstore shows the earlier panic's device state (old00)" \
			[ -f /sys/fs/pstore/devstate-ramoops-old00 ]
		umount /sys/fs/pstore
	fi
	check "first: insmod test_pstore_devstate${args:+ $args}" insmod $DEVSTATE_MODULE $args
	check "first: 3 device state buffers registered" \
		[ "$(cat $DEVSTATE_PARAMS/registered)" = 3 ]
	check "first: module data accepted (0), its __initdata and code refused (-22)" \
		[ "$(cat $DEVSTATE_PARAMS/static_ret)" = 0 -a \
		  "$(cat $DEVSTATE_PARAMS/initdata_ret)" = -22 -a \
		  "$(cat $DEVSTATE_PARAMS/text_ret)" = -22 ]
	[ -z "$args" ] && return
	# the panic (sysrq c from this shell) on CPU 0, the race thread's on 1
	taskset -p 1 $$ >/dev/null
	sleep 1
	check "first: the race thread registered and unregistered dsrace" \
		[ "$(cat $DEVSTATE_PARAMS/race_rounds)" -gt 0 ]
}

# devstate_checks WHO: the buffers in pstore (mounted by pstore_checks),
# and in the capture kernel the device dumps of /proc/vmcore.  With the
# policy off and a crash kernel, the capture kernel finds none.
devstate_checks() {
	local who=$1 p=/sys/fs/pstore/devstate-ramoops list want=3 race

	list=$p-list.txt
	if [ "$who" = capture ] && ! policy_on; then
		if [ "${DEVSTATE_STALE:-0}" = 1 ]; then
			check "capture: pstore has the earlier panic's set, and only that" \
				[ "$(ls $p-* 2>&1 | tr '\n' ' ')" = "$p-list.txt $p-old00 " ]
			check "capture: it is not taken for this crash's, and the log says why" \
				sh -c "dmesg | grep -q \"$STALE_LINE\""
		else
			check "capture: no device state in pstore (upstream order)" \
				sh -c "! ls $p-* >/dev/null 2>&1"
		fi
		check "capture: no device dump in /proc/vmcore" \
			sh -c "! ls /sys/kernel/vmcoredd/* >/dev/null 2>&1"
		return
	fi
	check "$who: pstore has ${list##*/}" [ -f $list ]
	race=$(grep -c '^dsrace ' $list 2>/dev/null)
	[ "$race" = 1 ] && want=4
	check "$who: $want buffers registered at panic, all listed" \
		grep -qx "$want buffers registered at panic, $want listed" $list
	check "$who: ds00 and ds01 saved, ds02 not (no room)" sh -c "
		grep -qx 'ds00 4096 saved' $list &&
		grep -qx 'ds01 20000 saved' $list &&
		grep -qx 'ds02 60000 not saved: no room left in the backend' $list"
	check "$who: the files: ds00 of 4096 bytes, ds01 of 20000, no ds02" sh -c "
		[ \"\$(stat -c %s $p-ds00)\" = 4096 ] &&
		[ \"\$(stat -c %s $p-ds01)\" = 20000 ] && [ ! -e $p-ds02 ]"
	if [ "${DEVSTATE_RACE:-0}" = 1 ]; then
		check "$who: dsrace saved whole (4096 bytes) or not registered at panic" \
			sh -c "[ '$race' = 0 ] && [ ! -e $p-dsrace ] ||
				{ grep -qx 'dsrace 4096 saved' $list &&
				  [ \"\$(stat -c %s $p-dsrace)\" = 4096 ]; }"
	fi
	[ "$who" = capture ] || return 0
	check "capture: it saves no device state itself (its panic would replace the set)" \
		sh -c "dmesg | grep -q 'none saved at panic in a crash dump capture kernel'"
	check "capture: /sys/kernel/vmcoredd has panic-ds00 and panic-ds01" \
		[ "$(ls /sys/kernel/vmcoredd | tr '\n' ' ')" = "panic-ds00 panic-ds01 " ]
	readelf -n /proc/vmcore >$OUT/readelf.txt 2>&1
	echo "--count 2 --sizes 4096,20000 --prefix panic-ds --seed 11 --exact" >$OUT/dd-args
	echo 2 >$OUT/dd-registered
	dd_checks
}

# memfree: MEMFREE, MemFree of /proc/meminfo in KiB, with shell builtins
# only (no fork: it is polled)
memfree() {
	local k v u

	while read -r k v u; do
		[ "$k" = MemFree: ] && { MEMFREE=$v; return; }
	done </proc/meminfo
}

# hold_kexec_lock: a kexec_file_load() of a kernel to reboot into (kexec -l,
# so that a crash kernel loaded before stays loaded) with a 128 MiB
# initrd, on CPU 1, in the background.  Returns, on CPU 0, once 64 MiB of
# memory have gone since it started: the kernel is then reading the initrd,
# inside the system call and under the kexec lock, which it holds until it
# has also copied and hashed the segments.
hold_kexec_lock() {
	local before

	head -c 134217728 /dev/zero >/tmp/big.cpio || return 1
	taskset -p 1 $$ >/dev/null || return 1
	memfree
	before=$MEMFREE
	taskset 2 kexec -l -s /boot/bzImage --initrd=/tmp/big.cpio \
		--append="console=ttyS0" >/tmp/kexec-file-load.log 2>&1 &
	KEXEC_PID=$!
	while kill -0 $KEXEC_PID 2>/dev/null; do
		memfree
		[ $((before - MEMFREE)) -ge 65536 ] && return 0
	done
	echo "kexec_file_load() ended before 64 MiB of memory were taken:"
	cat /tmp/kexec-file-load.log
	return 1
}

trigger() {
	case $PANIC_TRIGGER in
	sysrq) echo c >/proc/sysrq-trigger ;;
	bug) lkdtm BUG ;;
	oops) lkdtm EXCEPTION ;;
	irqoff) lkdtm PANIC_STOP_IRQOFF ;;
	hardirq) insmod $PANIC_MODULE mode=hardirq $MODULE_ARGS ;;
	all) echo 1 >/sys/module/test_panic_stop/parameters/panic_all ;;
	locked)
		if ! hold_kexec_lock; then
			not_ok "first: kexec_file_load() on CPU 1 holds the kexec lock"
			return
		fi
		ok "first: kexec_file_load() on CPU 1 holds the kexec lock (64 MiB taken)"
		if [ "$LOCK_CPU" = self ]; then
			echo 1 >/sys/module/test_panic_stop/parameters/panic_cpu
		else
			echo c >/proc/sysrq-trigger
		fi ;;
	nmi) mark "HOST: nmi" ;;
	esac
}

# The boot id the first kernel wrote to /dev/vdb, read before makedumpfile
# overwrites the disk.
read_boot_id() {
	dd if=/dev/vdb bs=512 skip=1 count=1 2>/dev/null |
		sed -n 's/^kdump_test: boot_id \([0-9a-f-]*\).*/\1/p' >$OUT/boot_id
	check "$1: the first kernel's boot id read from /dev/vdb" [ -s $OUT/boot_id ]
	dd if=/dev/vdb bs=512 skip=2 count=1 2>/dev/null >$OUT/sector2
	sed -n 's/^kdump_test: self_stop \([0-9a-f]*\) \([0-9a-f]*\).*/\1 \2/p' \
		$OUT/sector2 >$OUT/self_stop
	sed -n 's/^kdump_test: barrier \([0-9a-f]*\) \([0-9a-f]*\).*/\1 \2/p' \
		$OUT/sector2 >$OUT/barrier_fn
	sed -n 's/^kdump_test: [a-z_]* \([0-9a-f]*\) \([0-9a-f]*\).*/\1 \2/p' \
		$OUT/sector2 >$OUT/loser_path
	dd if=/dev/vdb bs=512 skip=3 count=1 2>/dev/null |
		sed -n 's/^kdump_test: fault_fn \([0-9a-f]*\) \([0-9a-f]*\).*/\1 \2/p' \
		>$OUT/fault_fn
}

# in_range FILE: the addresses (hex, no 0x) on stdin that lie in one of
# the ranges "START END" of FILE, a line each (same-length hex strings
# compare as numbers); none when FILE is empty
in_range() {
	awk -v ranges="$1" 'BEGIN { while ((getline l <ranges) > 0) {
			split(l, f, " "); if (f[2] != "") { s[++n] = f[1]; e[n] = f[2] } } }
		{ for (i = 1; i <= n; i++)
			if (length($1) == length(s[i]) && $1 >= s[i] && $1 < e[i]) {
				print; next
			} }'
}

# note_ips: the instruction pointers of the NT_PRSTATUS notes (hex, no 0x)
note_ips() {
	sed -n 's/^prstatus [0-9]* pid [0-9]* ip 0x\([0-9a-f]*\).*/\1/p' $OUT/prstatus-sym.txt
}

# NT_PRSTATUS contents, x86: the crashing CPU's note was taken in the crash
# path (__crash_kexec(), from panic(); an oops with panic_on_oops, and an
# oops in the log dump, start the crash kernel from the oops handler with
# the faulting registers).  x86 saves each other CPU's registers where the
# stop NMI interrupted it, which can be anywhere (idle, a task, the
# console); where the test parks them it is known: panic_smp_self_stop()
# (all, checked by prstatus_checks), lkdtm's panic_stop_irqoff_fn()
# (irqoff).  prstatus names each address with the capture kernel's
# kallsyms (the same build, its own KASLR offset undone).
prstatus_ip_checks() {
	local total crash got line

	prstatus /proc/vmcore /proc/kallsyms >$OUT/prstatus-sym.txt 2>&1
	while read -r line; do mark "# capture: $line"; done <$OUT/prstatus-sym.txt
	total=$(grep -c '^prstatus ' $OUT/prstatus-sym.txt)
	if [ "${DUMPER_FAULT:-0}" = 1 ]; then
		crash="the faulting dumper test_safe_kmsg_dump()"
		got=$(note_ips | in_range $OUT/fault_fn | wc -l)
	else
		case $PANIC_TRIGGER in
		oops) crash=lkdtm_EXCEPTION ;;
		bug) crash=lkdtm_BUG ;;
		*) crash=__crash_kexec ;;
		esac
		got=$(grep -c " $crash+0x" $OUT/prstatus-sym.txt)
		crash="$crash()"
	fi
	check "capture: one of $total NT_PRSTATUS notes stopped in $crash (found $got)" \
		[ "$got" = 1 ]
	[ "$PANIC_TRIGGER" = irqoff ] || return 0
	got=$(grep -c ' panic_stop_irqoff_fn+0x' $OUT/prstatus-sym.txt)
	check "capture: the other $((total - 1)) CPUs in lkdtm's IRQs-off loop (found $got)" \
		[ "$got" = $((total - 1)) ]
}

# pstore_checks WHO WANT: the ramoops dmesg records; WANT is how many panic
# records of this boot there must be, 0 or 1.  PSTORE_RECORDS lists them.
pstore_checks() {
	local who=$1 want=$2 id rec f n

	id=$(cat $OUT/boot_id)
	check "$who: ramoops registered" sh -c "dmesg | grep -q '$RAMOOPS_LINE'"
	check "$who: pstore mounted" mount -t pstore none /sys/fs/pstore
	mkdir -p $OUT/pstore
	cp /sys/fs/pstore/* $OUT/pstore/ 2>/dev/null
	ls -l /sys/fs/pstore >$OUT/pstore.txt 2>&1
	rec= n=0
	for f in /sys/fs/pstore/dmesg-ramoops-*; do
		[ -f "$f" ] || continue
		head -n 1 "$f" | grep -q '^Panic#' || continue
		grep -q "$PANIC_LINE" "$f" || continue
		grep -q "kdump_test: boot_id $id" "$f" || continue
		rec="$rec $f" n=$((n + 1))
	done
	case $want in
	0) check "$who: pstore has no panic record of this boot (upstream order)" [ $n = 0 ] ;;
	*) check "$who: pstore has $want panic record(s) of this boot, found $n:$rec" \
		[ $n = "$want" ] ;;
	esac
	PSTORE_RECORDS=$rec
}

# log_has yes|no WHAT PATTERN: the first kernel's log (from the vmcore) has,
# or has not, a line with PATTERN
log_has() {
	if [ "$1" = yes ]; then
		check "capture: $2" grep -q "$3" $OUT/first-dmesg.txt
	else
		check "capture: $2" sh -c "! grep -q '$3' $OUT/first-dmesg.txt"
	fi
}

# The first kernel's log, from the vmcore: this boot, this panic, and the
# panic notifier only where the policy runs it before the crash kexec.
first_log_checks() {
	local id desc

	id=$(cat $OUT/boot_id)
	check "capture: makedumpfile --dump-dmesg /proc/vmcore" \
		run dump-dmesg makedumpfile --dump-dmesg /proc/vmcore $OUT/first-dmesg.txt
	check "capture: the vmcore's log is of boot $id" \
		grep -q "kdump_test: boot_id $id" $OUT/first-dmesg.txt
	check "capture: the vmcore's log has '$PANIC_LINE'" \
		grep -q "$PANIC_LINE" $OUT/first-dmesg.txt
	if [ "${DUMPER_FAULT:-0}" = 1 ]; then
		check "capture: the crash-safe test dumper faulted before the crash kexec" \
			grep -q "$FAULT_LINE" $OUT/first-dmesg.txt
		check "capture: the fault is in the log (BUG: kernel NULL pointer dereference)" \
			grep -q "BUG: kernel NULL pointer dereference" $OUT/first-dmesg.txt
		check "capture: no other dumper ran after the fault" \
			sh -c "! grep -q '$DUMPER_LINE' $OUT/first-dmesg.txt"
	elif policy_on; then
		desc="the crash-safe dumpers ran before the crash kexec (test dumper after ramoops)"
		check "capture: $desc" \
			grep -q "$SAFE_DUMPER_LINE" $OUT/first-dmesg.txt
		if [ "$PANIC_POLICY" = post ]; then
			log_has yes "every dumper ran before the crash kexec (post_notifiers)" \
				"$DUMPER_LINE"
		else
			log_has no "a dumper without KMSG_DUMPER_CRASH_SAFE did not run first" \
				"$DUMPER_LINE"
		fi
		# printk time to the end of every dump from the panic line, and
		# from the line before it (the end of panic()'s backtrace): the
		# stop of the other CPUs and kmsg_dump() alone
		awk -v d="$SAFE_DUMPER_LINE" -v start="$PANIC_LINE" '
			{ t = $0; sub(/^\[ */, "", t); sub(/\].*/, "", t) }
			!p && index($0, start) { p = t }
			p && index($0, d) {
				printf "%d %d\n", (t - p) * 1000000, (t - prev) * 1000000; exit
			}
			{ prev = t }' $OUT/first-dmesg.txt >$OUT/kmsg-dump-us
		# shellcheck disable=SC2046
		set -- $(cat $OUT/kmsg-dump-us)
		desc="kmsg_dump() ended ${1:-?} us after the panic line"
		desc="$desc, ${2:-?} us after the backtrace"
		mark "# capture: $desc"
	else
		check "capture: kmsg_dump() did not run before the crash kexec (upstream order)" \
			sh -c "! grep -q 'test_panic_stop: .*kmsg_dump done' $OUT/first-dmesg.txt"
	fi
	if [ "$PANIC_POLICY" = post ]; then
		log_has yes "the panic notifiers ran before the crash kexec (post_notifiers)" \
			"$NOTIFIER_LINE"
	else
		log_has no "no panic notifier ran before the crash kexec" "$NOTIFIER_LINE"
	fi
}

# all: one NT_PRSTATUS note per CPU, each from the thread that panicked on
# that CPU, as the thread logged its pid at the barrier.  Reads the notes
# prstatus_ip_checks listed.
prstatus_checks() {
	local parked stopped others losers got desc
	sed -n 's/.*test_panic_stop: CPU [0-9]* pid \([0-9]*\) at the barrier.*/\1/p' \
		$OUT/first-dmesg.txt | sort -n >$OUT/barrier-pids
	# the notes prstatus_ip_checks listed
	sed -n 's/^prstatus [0-9]* pid \([0-9]*\) .*/\1/p' $OUT/prstatus-sym.txt |
		sort -n >$OUT/prstatus-pids
	check "capture: $(arg cpus) CPUs reached the barrier" \
		[ "$(wc -l <$OUT/barrier-pids)" = "$(arg cpus)" ]
	desc="each NT_PRSTATUS note is a panicking thread's ($(tr '\n' ' ' <$OUT/prstatus-pids))"
	check "capture: $desc" \
		cmp -s $OUT/barrier-pids $OUT/prstatus-pids
	# The losers were stopped after the barrier, on their way to
	# panic_smp_self_stop() or parked there: the winner's stop comes as
	# soon as it has won, and under TCG a loser's vCPU can lag behind
	# (a CI run found one of three still on its way).
	# shellcheck disable=SC2046
	set -- $(cat $OUT/self_stop)
	require "capture: the first kernel's panic_smp_self_stop() address read (${1:-?}-${2:-?})" \
		[ -n "${2:-}" ]
	got=$(wc -l <$OUT/loser_path)
	desc="the first kernel's test_all_fn()..panic_smp_self_stop() addresses read"
	require "capture: $desc ($got functions)" [ "$got" -ge 3 ]
	grep -v ' __crash_kexec+0x' $OUT/prstatus-sym.txt |
		sed -n 's/^prstatus [0-9]* pid [0-9]* ip 0x\([0-9a-f]*\).*/\1/p' >$OUT/loser-ips
	losers=$(($(arg cpus) - 1))
	others=$(wc -l <$OUT/loser-ips)
	stopped=$(in_range $OUT/loser_path <$OUT/loser-ips | wc -l)
	parked=$(in_range $OUT/self_stop <$OUT/loser-ips | wc -l)
	desc="$stopped of $others other notes in a loser's path from the barrier"
	desc="$desc to panic_smp_self_stop() ($parked parked there), want $losers of $losers"
	check "capture: $desc" [ "$stopped/$others" = "$losers/$losers" ]
	[ "${LAG:-0}" = 1 ] || return 0
	got=$(in_range $OUT/barrier_fn <$OUT/loser-ips | wc -l)
	desc="the lagging CPU was stopped in test_all_fn() (found $got)"
	check "capture: $desc, the $parked others parked" \
		[ "$got/$parked" = "1/$((losers - 1))" ]
}

capture_setup() {
	read_boot_id capture
}

capture_checks() {
	local want=0

	policy_on && want=1
	pstore_checks capture $want
	[ "${DEVSTATE:-0}" = 1 ] && devstate_checks capture
	first_log_checks
	prstatus_ip_checks
	[ "$PANIC_TRIGGER" = all ] && prstatus_checks
	capture_common_checks
}

# No crash kexec: panic=1 rebooted the machine into this boot.  Without a
# crash kernel, or with one loaded but the kexec lock held (so the log dump
# before the crash kexec does not run either), the notifiers ran, then
# panic_print's report, then every dumper: one record, as upstream's.
reboot_checks() {
	local want=0

	read_boot_id reboot
	if [ -n "$CAPTURE_FAILS" ]; then
		# the crash kexec happened, the capture kernel saved nothing
		policy_on && want=1
		pstore_checks reboot $want
		[ $want = 1 ] && [ -n "$PSTORE_RECORDS" ] &&
			check "reboot: the record predates the crash kexec (no notifier in it)" \
				sh -c "! grep -q '$NOTIFIER_LINE' $PSTORE_RECORDS </dev/null"
		return
	fi
	pstore_checks reboot 1
	[ "${DEVSTATE:-0}" = 1 ] && devstate_checks reboot
	# the hard IRQ came while CPU 1 was in the load, under the kexec lock
	[ "$PANIC_TRIGGER$LOCK_CPU" = lockedself ] &&
		check "reboot: the panic's backtrace is inside kexec_file_load() (record)" \
			grep -q "sys_kexec_file_load" ${PSTORE_RECORDS:-/nonexistent}
	check "reboot: the panic notifiers ran before the log was dumped" \
		grep -q "$NOTIFIER_LINE" ${PSTORE_RECORDS:-/nonexistent}
	if [ "$KEXEC" != none ]; then
		check "reboot: the record has panic_print's memory report ($MEMINFO_LINE)" \
			grep -q "$MEMINFO_LINE" ${PSTORE_RECORDS:-/nonexistent}
	fi
	[ "$PANIC_TRIGGER" = all ] &&
		check "reboot: every CPU reached the barrier before the panic" \
			[ "$(grep -c 'at the barrier' ${PSTORE_RECORDS:-/nonexistent})" = \
			  "$(grep -c ^processor /proc/cpuinfo)" ]
}

# The capture kernel started and died (dies), or never started (damaged),
# and the machine came back: from the console.  The capture kernel's
# command line is the one with reset_devices.
host_capture_failed() {
	local log=$RUN/console.log started died

	started=$(grep -ac 'Command line:.*reset_devices' "$log")
	# the capture kernel's panic: after its command line, before the next
	died=$(awk '/Command line:/ { c = /reset_devices/ }
		c && /Kernel panic - not syncing:/ {
			sub(/.*not syncing: /, ""); print; exit
		}' "$log")
	case $CAPTURE_FAILS in
	dies)
		check "host: the capture kernel started ($started), panicked: ${died:-no panic}" \
			[ "$started" = 1 -a "${died#VFS: Unable to mount root fs}" != "$died" ] ;;
	damaged)
		check "host: the damaged capture kernel never started; the host reset the machine" \
			[ "$started" = 0 -a -s "$RUN/host-reset" ]
		check "host: the crash kexec jumped: purgatory ran after the panic" \
			sh -c "sed -n '/$PANIC_LINE/,\$p' '$log' | grep -aq \"I'm in purgatory\"" ;;
	esac
	check "host: the first kernel booted again after the crash" \
		[ "$(grep -ac 'Command line:.*kdump_test.kexec=' "$log")" = 2 ]
}

# After a crash kexec that returned (the kexec lock held) or without a
# crash kernel, the panic notifiers ran: on the console, after the panic
# line (what really ran, not only what the record kept)
host_notifier_ran() {
	awk -v start="$PANIC_LINE" -v n="$NOTIFIER_LINE" '
		!p && index($0, start) { p = 1 }
		p && index($0, n) { found = 1; exit }
		END { exit !found }' "$RUN/console.log"
}

# The saved buffers, byte for byte (copied from pstore by pstore_checks),
# the device dumps in the saved vmcores, and the time the copy took.
host_devstate_checks() {
	local d=$RUN/artifacts/pstore line

	if [ "$VMCORE" = 1 ] && ! policy_on; then
		check "host: no device dump in the saved vmcore" \
			sh -c "'$VMCOREDD' list '$RUN/vmcore.elf' | grep -q ', 0 device dumps'"
		[ "${DEVSTATE_STALE:-0}" = 1 ] &&
			check "host: devstate-ramoops-old00 holds the earlier panic's buffer" \
				pattern_file_ok "$d/devstate-ramoops-old00" 7 100 11
		return
	fi
	check "host: devstate-ramoops-ds00 holds test_pstore_devstate's buffer 0" \
		pattern_file_ok "$d/devstate-ramoops-ds00" 0 4096 11
	check "host: devstate-ramoops-ds01 holds test_pstore_devstate's buffer 1" \
		pattern_file_ok "$d/devstate-ramoops-ds01" 1 20000 11
	[ -e "$d/devstate-ramoops-dsrace" ] &&
		check "host: devstate-ramoops-dsrace holds the race thread's buffer" \
			pattern_file_ok "$d/devstate-ramoops-dsrace" 99 4096 11
	[ "$VMCORE" = 1 ] && host_dd_checks
	line=$(grep -aho 'pstore: device state: .*' "$RUN/console.log" \
		"$RUN/artifacts/first-dmesg.txt" 2>/dev/null | head -n 1)
	check "host: the copy at panic logged its time (${line#pstore: })" [ -n "$line" ]
}

host_checks() {
	[ "${DEVSTATE:-0}" = 1 ] && host_devstate_checks
	[ -n "$CAPTURE_FAILS" ] && host_capture_failed
	[ "$REBOOT" = 1 ] && [ -z "$CAPTURE_FAILS" ] && [ "$PANIC_TRIGGER" != nmi ] &&
		check "host: the console shows the panic notifier ran after the panic line" \
			host_notifier_ran
	[ "$VMCORE" = 1 ] && host_check_kdump
	[ -s "$RUN/artifacts/kmsg-dump-us" ] &&
		note "end of kmsg_dump(), printk time:" \
			"$(cut -d' ' -f1 "$RUN/artifacts/kmsg-dump-us") us after the panic line," \
			"$(cut -d' ' -f2 "$RUN/artifacts/kmsg-dump-us") us after the backtrace"
	# printk defers the console in NMI context: an NMI panic's line is in
	# the vmcore's log and in pstore (checked above), not on the console
	if [ "$PANIC_TRIGGER" = nmi ]; then
		note "no panic-path timing: the NMI panic line is not on the console"
	else
		host_panic_timing
	fi
}
