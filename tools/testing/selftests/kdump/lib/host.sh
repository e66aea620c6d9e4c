# SPDX-License-Identifier: GPL-2.0
# Host-side checks of the kdump selftests, for the scenarios' host_checks.
# run.sh sets RUN (the run's directory: console.log, artifacts/, vmcore.*),
# CHECKER and the ok/not_ok/check helpers.

# The compressed dump is makedumpfile's format and holds this crash's log.
host_check_kdump() {
	local sig

	sig=$(head -c 8 "$RUN/vmcore.kdump" 2>/dev/null)
	check "host: vmcore.kdump is a kdump-compressed dump" [ "$sig" = "KDUMP   " ]
	check "host: makedumpfile --dump-dmesg reads vmcore.kdump" \
		sh -c "makedumpfile --dump-dmesg '$RUN/vmcore.kdump' '$RUN/vmcore-dmesg.txt' \
			>'$RUN/makedumpfile-dmesg.log' 2>&1"
	check "host: the dump's log has the crash's first line (${PANIC_LINE:-Kernel panic})" \
		grep -q "${PANIC_LINE:-Kernel panic - not syncing}" "$RUN/vmcore-dmesg.txt"
}

# The ELF dump is readable and its notes are intact.
host_check_elf() {
	check "host: readelf -n vmcore.elf" \
		sh -c "readelf -n '$RUN/vmcore.elf' >'$RUN/vmcore-elf-notes.txt'"
	check "host: vmcore.elf has VMCOREINFO" grep -q VMCOREINFO "$RUN/vmcore-elf-notes.txt"
}

# host_vmcoredd_check FILE ARGS...: the checker's verdict on a saved dump.
host_vmcoredd_check() {
	local file=$1 line rc

	shift
	"$CHECKER" "$@" "$RUN/$file" >"$RUN/check-$file.txt" 2>&1
	rc=$?
	while read -r line; do
		case $line in
		"ok - "*) ok "host: $file: ${line#ok - }" ;;
		"not ok - "*) not_ok "host: $file: ${line#not ok - }" ;;
		esac
	done <"$RUN/check-$file.txt"
	[ $rc -eq 0 ] || grep -q '^not ok' "$RUN/check-$file.txt" ||
		not_ok "host: $file: checker exited $rc: $(head -n 3 "$RUN/check-$file.txt")"
}

# The dumps the capture kernel verified are intact in both saved formats.
host_dd_checks() {
	local args f

	args=$(cat "$RUN/artifacts/dd-args" 2>/dev/null)
	check "host: the capture kernel recorded the dumps it expects" [ -n "$args" ]
	# shellcheck disable=SC2086
	host_vmcoredd_check vmcore.elf $args
	# shellcheck disable=SC2086
	host_vmcoredd_check vmcore.kdump $args
	host_tool_corrupt
}

# pattern_bytes INDEX SIZE SEED: the SIZE bytes of the test pattern of
# buffer or dump INDEX (test_modules/vmcoredd_pattern.h), on stdout
pattern_bytes() {
	python3 - "$@" <<-'EOF'
	import sys
	idx, size, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
	m = 0xffffffff
	s = ((seed * 2654435761) ^ ((idx + 1) * 2246822519)) & m or 1
	out = bytearray()
	for _ in range(size):
	    s ^= (s << 13) & m
	    s ^= s >> 17
	    s ^= (s << 5) & m
	    out.append(s >> 24)
	sys.stdout.buffer.write(out)
	EOF
}

# pattern_file_ok FILE INDEX SIZE SEED: FILE holds exactly those bytes
pattern_file_ok() {
	[ -f "$1" ] && pattern_bytes "$2" "$3" "$4" | cmp -s - "$1"
}

# same_files A B: the two directories hold the same files, byte for byte;
# a missing directory counts as empty.
same_files() {
	[ "$(ls "$1" 2>/dev/null)" = "$(ls "$2" 2>/dev/null)" ] || return 1
	[ -d "$1" ] || return 0
	(cd "$1" && for f in *; do [ -e "$f" ] || continue; cmp -s "$f" "$2/$f" || exit 1; done)
}

# tool_extract FILE DIR: vmcoredd extract FILE gives every dump exactly as
# the capture kernel listed it in /sys/kernel/vmcoredd/.
tool_extract() {
	"$VMCOREDD" extract "$1" -o "$2" >/dev/null 2>"$2.err" &&
		same_files "$RUN/artifacts/listing" "$2"
}

host_tool_extract() {
	local f=$1 out

	out=$RUN/dumps-$(basename "$f")
	rm -rf "$out"
	check "host: vmcoredd list $(basename "$f")" \
		sh -c "'$VMCOREDD' list '$f' >'$out.list' 2>&1"
	check "host: vmcoredd extract $(basename "$f"): dumps identical to /sys/kernel/vmcoredd/" \
		tool_extract "$f" "$out"
}

# Truncated and foreign input: an error and a non-zero exit, nothing else.
host_tool_corrupt() {
	local bad=$RUN/corrupt f rc msg

	mkdir -p "$bad"
	head -c 1000 "$RUN/vmcore.elf" >"$bad/truncated.elf"
	head -c 4200 "$RUN/vmcore.kdump" >"$bad/truncated.kdump"
	head -c 4096 /dev/urandom >"$bad/random"
	for f in truncated.elf truncated.kdump random; do
		"$VMCOREDD" list "$bad/$f" >/dev/null 2>"$bad/$f.err"
		rc=$?
		msg=$(head -n 1 "$bad/$f.err" | sed 's/^[^ ]* [^ ]* //' | cut -c 1-80)
		check "host: vmcoredd list $f fails: $msg" [ $rc = 1 -a -s "$bad/$f.err" ]
	done
}

# The panic path's wall time, from console.ts: the panic line (PANIC_LINE
# if set) to the capture kernel's (or the rebooted kernel's) first line and
# its /init.
host_panic_timing() {
	awk -v start="${PANIC_LINE:-Kernel panic - not syncing}" '
		!p && index($0, start) { p = $1; next }
		p && !k && /Linux version/ { k = $1 }
		p && !i && /kdump_test: ok - (capture|reboot): booted/ { i = $1 }
		END {
			if (!p || !k || !i) exit 1
			printf "%d %d\n", (k - p) * 1000, (i - p) * 1000
		}' "$RUN/console.ts" >"$RUN/panic-timing" 2>/dev/null
	check "host: console.ts has the panic line, the next kernel's banner and /init" \
		[ -s "$RUN/panic-timing" ]
	# shellcheck disable=SC2046
	set -- $(cat "$RUN/panic-timing")
	note "panic line to next kernel's banner: ${1:-?} ms, to its /init: ${2:-?} ms"
}

# Reports of the sanitizers on the console, both kernels: KASAN, lockdep,
# sleeping in atomic context, debug objects, other kernel warnings and BUGs,
# kmemleak's scan.  The dumps and the vmcore are still checked as usual.
KMEMLEAK_REPORT='kmemleak: [0-9]+ new suspected memory leak'
SANITIZER_REPORT="BUG: |WARNING: |INFO: possible|DEBUG_LOCKS_WARN_ON|ODEBUG: |$KMEMLEAK_REPORT"

# host_sanitizer_checks: the sanitizer variant (make sanitize, SANITIZE=1)
# was on in both kernels, and said nothing.  A scenario that plants a
# report on purpose sets SANITIZER_EXPECT, an extended regular expression
# of its lines, and SANITIZER_EXPECT_WHAT, what it is; with
# SANITIZER_EXPECT_LINES, exactly that many lines, else at least one.  The
# planted report must be there, and nothing else.
host_sanitizer_checks() {
	local what n kernels=1

	[ "$CRASH" = 1 ] && kernels=2
	for what in "KernelAddressSanitizer initialized" "Lock dependency validator" \
		"kmemleak: Kernel memory leak detector initialized"; do
		n=$(grep -c "$what" "$RUN/console.log")
		check "host: sanitizer on in each of $kernels kernel(s): '$what' $n times" \
			[ "$n" -ge $kernels ]
	done
	grep -aE "$SANITIZER_REPORT" "$RUN/console.log" >"$RUN/sanitizer.txt"
	if [ -n "${SANITIZER_EXPECT:-}" ]; then
		n=$(grep -cE "$SANITIZER_EXPECT" "$RUN/sanitizer.txt")
		check "host: the planted report: $SANITIZER_EXPECT_WHAT ($n lines)" \
			[ "$n" -ge 1 -a "$n" = "${SANITIZER_EXPECT_LINES:-$n}" ]
		grep -vE "$SANITIZER_EXPECT" "$RUN/sanitizer.txt" >"$RUN/sanitizer-other.txt"
		n=$(wc -l <"$RUN/sanitizer-other.txt")
		check "host: no other sanitizer report ($n lines)" [ "$n" = 0 ]
		sed 's/^/#   /' "$RUN/sanitizer-other.txt" | head -n 20
		return
	fi
	check "host: no sanitizer report on the console ($(wc -l <"$RUN/sanitizer.txt") lines)" \
		[ ! -s "$RUN/sanitizer.txt" ]
	sed 's/^/#   /' "$RUN/sanitizer.txt" | head -n 20
}
