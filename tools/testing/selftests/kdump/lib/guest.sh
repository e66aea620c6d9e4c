# SPDX-License-Identifier: GPL-2.0
# Helpers of the kdump selftests inside the guest (busybox sh), for /init and
# the scenarios.  Results go to the second serial port, one TAP line each;
# the host runner reads them from there.

MARKERS=/dev/ttyS1
OUT=/out
LIB=/lib/kdump-test

log() {
	echo "kdump_test: $*" >/dev/console
}

mark() {
	echo "$*" >$MARKERS
	log "$*"
}

ok() {
	mark "ok - $*"
}

not_ok() {
	mark "not ok - $*"
}

# check DESCRIPTION COMMAND...: one result line from COMMAND's exit status.
check() {
	local desc=$1

	shift
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
	fi
}

# arg NAME: value of kdump_test.NAME= on the kernel command line.
arg() {
	sed -n "s/.*kdump_test\.$1=\([^ ]*\).*/\1/p" /proc/cmdline
}

# run NAME COMMAND...: run COMMAND, its output in $OUT/NAME.log.
run() {
	local name=$1 t0 rc

	shift
	log "running $*"
	t0=$(date +%s)
	"$@" >"$OUT/$name.log" 2>&1
	rc=$?
	log "$1 exited $rc after $(($(date +%s) - t0))s"
	return $rc
}

# Checks every capture kernel runs: one CPU note per CPU of the first kernel,
# VMCOREINFO, and both of makedumpfile's output formats.
# kmemleak_scan: with kmemleak on (the sanitizer variant of the test
# kernel), scan once the objects are old enough to be reported (5 s); a scan
# that finds leaks logs "kmemleak: N new suspected memory leaks", which the
# host looks for.  Nothing without kmemleak.
kmemleak_scan() {
	[ -e /sys/kernel/debug/kmemleak ] ||
		mount -t debugfs none /sys/kernel/debug 2>/dev/null
	# a scan is refused while kmemleak is off (the test kernel's default)
	echo scan 2>/dev/null >/sys/kernel/debug/kmemleak || return 0
	sleep 5
	check "capture: kmemleak scan" sh -c "echo scan >/sys/kernel/debug/kmemleak"
}

capture_common_checks() {
	local cpus got

	cpus=$(arg cpus)
	readelf -n /proc/vmcore >$OUT/readelf.txt 2>&1
	got=$(grep -c NT_PRSTATUS $OUT/readelf.txt)
	check "capture: $got NT_PRSTATUS notes for $cpus CPUs" [ "$got" = "$cpus" ]
	check "capture: VMCOREINFO note present" grep -q VMCOREINFO $OUT/readelf.txt
	check "capture: makedumpfile -c -d 31 to /dev/vdb" \
		run makedumpfile-c makedumpfile -f -c -d 31 /proc/vmcore /dev/vdb
	check "capture: makedumpfile -E -d 31 to /dev/vdc" \
		run makedumpfile-E makedumpfile -f -E -d 31 /proc/vmcore /dev/vdc
}

# relay PREFIX: pass the TAP lines of a checker's output on as results.
relay() {
	local line

	while read -r line; do
		case $line in
		"ok - "*) ok "$1${line#ok - }" ;;
		"not ok - "*) not_ok "$1${line#not ok - }" ;;
		*) log "$line" ;;
		esac
	done
}

# The test module's dumps, as the scenario sets DD_COUNT, DD_SIZES,
# DD_PREFIX and DD_SEED.  dd_load [PARAM=VALUE]... loads the module and
# records the checker's arguments in $OUT/dd-args for later checks, the
# host's included.
DD_MODULE=/lib/kdump-test/modules/test_vmcoredd.ko

dd_load() {
	check "capture: insmod test_vmcoredd count=$DD_COUNT sizes=$DD_SIZES $*" \
		insmod $DD_MODULE count="$DD_COUNT" sizes="$DD_SIZES" \
		prefix="$DD_PREFIX" seed="$DD_SEED" "$@"
	echo "--count $DD_COUNT --sizes $DD_SIZES --prefix $DD_PREFIX --seed $DD_SEED --exact" \
		>$OUT/dd-args
	dd_param registered >$OUT/dd-registered
}

# The number of dumps the first dd_load registered.
dd_registered() {
	cat $OUT/dd-registered
}

dd_param() {
	cat "/sys/module/test_vmcoredd/parameters/$1"
}

# dd_logged PATTERN: wait up to 5 s for a line of dmesg matching PATTERN
# (grep -E).  The registry logs a dump shortly after its registration
# returned (VMCOREDD_LOG_DELAY, 100 ms), off the driver's path.
dd_logged() {
	local i

	for i in $(seq 50); do
		dmesg | grep -qE "$1" && return 0
		sleep 0.1
	done
	return 1
}

# dd_check [CHECKER OPTIONS]: verify the dumps in /proc/vmcore.
dd_check() {
	# shellcheck disable=SC2046
	vmcoredd_check $(cat $OUT/dd-args) "$@" /proc/vmcore >$OUT/check.txt 2>&1 ||
		grep -q '^not ok' $OUT/check.txt ||
		not_ok "capture: vmcoredd_check $* failed: $(head -n 3 $OUT/check.txt)"
	relay "capture: " <$OUT/check.txt
}

# Every file of /sys/kernel/vmcoredd is a dump of /proc/vmcore, byte for
# byte, readable by root only.
dd_check_listing() {
	local f n=0 bad=

	mkdir -p /tmp/dd-notes $OUT/listing
	vmcoredd_check --extract /tmp/dd-notes /proc/vmcore >/dev/null 2>&1
	cp /sys/kernel/vmcoredd/* $OUT/listing/ 2>/dev/null
	for f in /sys/kernel/vmcoredd/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		cmp -s "$f" "/tmp/dd-notes/${f##*/}" || bad="$bad ${f##*/}"
		[ "$(stat -c %a "$f")" = 400 ] || bad="$bad ${f##*/}(mode)"
		[ "$(stat -c %s "$f")" = "$(stat -c %s "/tmp/dd-notes/${f##*/}")" ] ||
			bad="$bad ${f##*/}(size)"
	done
	ls -l /sys/kernel/vmcoredd/ >$OUT/listing.txt 2>&1
	check "capture: $n files in /sys/kernel/vmcoredd, 0400, as the notes${bad:+, not:$bad}" \
		[ -z "$bad" -a "$n" = "$(dd_registered)" ]
}

# The usual checks of a scenario with device dumps: notes in readelf,
# payloads through read() and mmap(), the listing files.
dd_checks() {
	local n

	n=$(dd_registered)
	check "capture: readelf -n shows $n notes of type 0x700 owned by LINUX" \
		[ "$(grep -c 'LINUX .*0x00000700' $OUT/readelf.txt)" = "$n" ]
	dd_check
	dd_check --mmap
	dd_check_listing
}
