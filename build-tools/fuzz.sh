#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make fuzz [FUZZ_SECONDS=n]: fuzz tools/kdump/vmcoredd with libFuzzer over
# both input formats.  The corpus starts from the unit tests' dumps and the
# headers and notes of the dumps the scenarios saved.
set -u
. "$(dirname "$0")/lib.sh"

secs=${FUZZ_SECONDS:-300}
out=$BUILD/fuzz
PKGS="clang:clang libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a"
step "packages (clang, libFuzzer)" ensure_packages || exit 1
if [ -e "$SRC/.git" ]; then
	python3 "$TOP/build-tools/series.py" apply "$SRC" || exit 1
else
	"$TOP/build-tools/kernel.sh" || exit 1
fi
mkdir -p "$out/corpus" "$out/seeds" "$out/crashes"

seeds() {
	local f end
	make -s -C "$SRC/tools/kdump" OUTPUT="$out/" fuzz "$out/vmcoredd_test" FUZZ_CC=clang || return 1
	"$out/vmcoredd_test" --seeds "$out/seeds" || return 1
	# real dumps, cut after their notes (the rest is memory, never read)
	for f in "$BUILD"/runs/*/vmcore.elf; do
		[ -f "$f" ] || continue
		# shellcheck disable=SC2046
		set -- $(readelf -lW "$f" 2>/dev/null | awk '$1 == "NOTE" { print $2, $5; exit }')
		[ $# = 2 ] || continue
		end=$(($1 + $2))
		[ -n "$end" ] && [ "$end" -lt 4194304 ] && head -c "$end" "$f" >"$out/seeds/$(basename "$(dirname "$f")").elf"
	done
	for f in "$BUILD"/runs/*/vmcore.kdump; do
		[ -f "$f" ] || continue
		end=$(od -An -t u8 -j $((4096 + 48)) -N 16 "$f" | awk '{ print $1 + $2 }')
		[ -n "$end" ] && [ "$end" -lt 4194304 ] && head -c "$end" "$f" >"$out/seeds/$(basename "$(dirname "$f")").kdump"
	done
	ls "$out/seeds" | wc -l
}

step "build the fuzzer and the seed corpus" seeds || exit 1
echo "fuzzing for ${secs}s; corpus in $out/corpus, crashes in $out/crashes"
"$out/vmcoredd_fuzz" -max_total_time="$secs" -print_final_stats=1 \
	-artifact_prefix="$out/crashes/" -max_len=4194304 -rss_limit_mb=4096 \
	"$out/corpus" "$out/seeds" 2>&1 | tee "$out/fuzz.log" | grep -E '^#[0-9]+ *(pulse|DONE|NEW)|stat::|ERROR|SUMMARY' | tail -n 25
rc=${PIPESTATUS[0]}
echo "crashes: $(ls "$out/crashes" | wc -l) (in $out/crashes); full log: $out/fuzz.log"
exit "$rc"
