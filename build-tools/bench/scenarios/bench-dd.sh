# SPDX-License-Identifier: GPL-2.0
# bench-dd (make bench, figures 2 to 5): device dumps in the capture kernel,
# added by build-tools/bench/vmcoredd_bench.ko.  make bench sets, through
# BENCH_CMDLINE on the first kernel's command line, passed on to the
# capture kernel:
#
#   kdump_test.bench_small=N  add one dump of 100 bytes, then N with the
#                             console quiet (dmesg -n 1): the time of the
#                             first alone; the memory the N take (free pages,
#                             slab, vmalloc) and their time; then N more with
#                             the console at its level: their time
#   kdump_test.bench_mib=N    then add N dumps of 1 MiB; their time
#   kdump_test.bench_read=1   time reading /proc/vmcore with read() and mmap()
#   kdump_test.bench_save=1   save the vmcore with makedumpfile -c -d 31 to
#                             /dev/vdb and read its log back
#
# Every figure is a marker line "BENCH: <key> <value>..." for make bench.
SMP=2
KEXEC=load
VMCORE=0
FIRST_CMDLINE="${BENCH_CMDLINE:-}"
BENCH_MODULE=/lib/kdump-test/modules/vmcoredd_bench.ko
BENCH_PARAMS=/sys/module/vmcoredd_bench/parameters
BENCH_SMALL_SIZE=100

first_setup() {
	CAPTURE_CMDLINE=$(grep -o 'kdump_test\.bench_[a-z]*=[^ ]*' /proc/cmdline | tr '\n' ' ')
}

bench_arg() {
	local v

	v=$(arg "bench_$1")
	echo "${v:-0}"
}

# mem_snapshot NAME: free bytes (free pages and the per-CPU lists), MemFree
# and Slab kB, vmalloc areas (not the unpurged ones a vunmap() left, which
# hold no memory) and the pages they hold; /proc/vmallocinfo and
# /proc/meminfo kept as $OUT/*-NAME
mem_snapshot() {
	cp /proc/vmallocinfo "$OUT/vmallocinfo-$1"
	cp /proc/meminfo "$OUT/meminfo-$1"
	echo "$(awk '$1 == "pages" && $2 == "free" { f += $3 }
		     $1 == "count:" { f += $2 }
		     END { print f * 4096 }' /proc/zoneinfo)" \
	     "$(awk '$1 == "MemFree:" { f = $2 } $1 == "Slab:" { s = $2 }
		     END { print f, s }' "$OUT/meminfo-$1")" \
	     "$(awk '/unpurged/ { next } { n++ } /pages=/ { sub(/.*pages=/, ""); p += $1 }
		     END { print n + 0, p + 0 }' "$OUT/vmallocinfo-$1")"
}

# bench_add COUNT SIZE: add COUNT dumps of SIZE bytes; prints "ns added"
bench_add() {
	echo "$2" >$BENCH_PARAMS/size &&
	echo "$1" >$BENCH_PARAMS/add &&
	echo "$(cat $BENCH_PARAMS/batch_ns) $(cat $BENCH_PARAMS/added)"
}

capture_setup() {
	local small mib before after

	small=$(bench_arg small)
	mib=$(bench_arg mib)
	check "capture: insmod vmcoredd_bench" insmod $BENCH_MODULE
	if [ "$small" -gt 0 ]; then
		# one dump first, timed on its own: the first registration of a
		# boot costs more than the later ones (not analysed), which a
		# batch of 64 would otherwise carry
		dmesg -n 1
		set -- $(bench_add 1 $BENCH_SMALL_SIZE)
		dmesg -n 7
		mark "BENCH: first_ns $1"
		check "capture: a first dump of $BENCH_SMALL_SIZE bytes added" [ "$2" = 1 ]
		sync
		sleep 1
		# the first batch with the console quiet: the registration alone
		before=$(mem_snapshot before)
		dmesg -n 1
		set -- $(bench_add "$small" $BENCH_SMALL_SIZE)
		dmesg -n 7
		mark "BENCH: small_ns $1"
		check "capture: $(($2 - 1)) of $small dumps of $BENCH_SMALL_SIZE bytes added" [ "$2" = $((small + 1)) ]
		sleep 1
		after=$(mem_snapshot after)
		# free bytes, MemFree kB, Slab kB, vmalloc areas and pages:
		# before, after
		mark "BENCH: small_mem $small $BENCH_SMALL_SIZE $before $after"
		# the same again with the console at its level: what logging costs
		set -- $(bench_add "$small" $BENCH_SMALL_SIZE)
		mark "BENCH: small_console_ns $1"
		small=$2
	fi
	if [ "$mib" -gt 0 ]; then
		set -- $(bench_add "$mib" 1048576)
		mark "BENCH: mib_ns $1"
		mark "BENCH: mib_added $mib $(($2 - small)) $(cat $BENCH_PARAMS/bytes)" \
			"$(cat $BENCH_PARAMS/last_error)"
	fi
	mark "BENCH: mem_available_kb $(awk '$1 == "MemAvailable:" { print $2 }' /proc/meminfo)"
}

capture_checks() {
	local mode out sums=

	if [ "$(bench_arg read)" = 1 ]; then
		for mode in read mmap; do
			out=$(vmcore_read $mode /proc/vmcore 2>&1)
			check "capture: vmcore_read $mode /proc/vmcore: $out" [ $? = 0 ]
			mark "BENCH: read $out"
			set -- $out
			sums="$sums ${5:-}"
		done
		set -- $sums
		check "capture: read() and mmap() read the same bytes" [ "$1" = "${2:-}" ]
	fi
	if [ "$(bench_arg save)" = 1 ]; then
		if run makedumpfile-c makedumpfile -f -c -d 31 /proc/vmcore /dev/vdb &&
		   makedumpfile --dump-dmesg /dev/vdb $OUT/saved-dmesg.txt \
			>$OUT/saved-dmesg.log 2>&1 &&
		   grep -q 'Kernel panic - not syncing' $OUT/saved-dmesg.txt; then
			ok "capture: vmcore saved (makedumpfile -c -d 31), its log read back"
			mark "BENCH: saved 1"
		else
			not_ok "capture: no vmcore saved: $(tail -n 1 $OUT/makedumpfile-c.log)"
			mark "BENCH: saved 0"
		fi
	fi
}
