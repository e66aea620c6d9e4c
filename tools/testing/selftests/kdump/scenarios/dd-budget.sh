# SPDX-License-Identifier: GPL-2.0
# dd-budget: a driver asks for four times the capture kernel's free memory,
# in 64 KiB dumps and dumps as large as MemFree, in turn.  The budget
# refuses the large ones with -ENOSPC before their callback runs, the small
# ones are intact, and the vmcore is still saved.
SMP=2
KEXEC=load
DD_COUNT=8
DD_PREFIX=budget
DD_SEED=5

capture_setup() {
	local free reg

	free=$(awk '/^MemFree:/ { print $2 * 1024 }' /proc/meminfo)
	DD_SIZES=65536,$free
	mark "# capture: MemFree is $free bytes; asking for 4 x 64 KiB + 4 x $free"
	dd_load
	reg=$(dd_param registered)
	check "capture: the 4 small dumps accepted, the 4 large refused" \
		[ "$reg" = 4 -a "$(dd_param failed)" = 4 ]
	check "capture: refused with -ENOSPC" [ "$(dd_param last_error)" = -28 ]
	check "capture: no callback for a refused dump" [ "$(dd_param fills)" = "$reg" ]
	check "capture: each refusal logged with the sizes" \
		[ "$(dmesg | grep -c 'vmcoredd: dump budget0[1357] .* refused: needs')" = 4 ]
	echo "$(cat $OUT/dd-args) --found $reg" >$OUT/dd-args
}

capture_checks() {
	capture_common_checks
	dd_checks
}

host_checks() {
	host_check_kdump
	host_dd_checks
}
