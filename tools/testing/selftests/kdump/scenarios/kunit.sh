# SPDX-License-Identifier: GPL-2.0
# kunit: the KUnit suites built into the test kernel run at boot
# (kunit.enable=1), those of cxgb4 when the first kernel loads it (there is
# no Chelsio adapter: probe is never called); their KTAP output is read
# back from the console.  No crash.  Every test case of the suites named
# vmcoredd*, cxgb4_vmcore and pstore_devstate counts as one result.
CRASH=0
FIRST_CMDLINE="kunit.enable=1"
SUITES="vmcoredd cxgb4_vmcore pstore_devstate"
# the sanitizer variant has debug objects: devstate_test_freed_registered
# frees a registered buffer on purpose, one report and its warning
SANITIZER_EXPECT='ODEBUG: free active .*object type: pstore_devstate'
SANITIZER_EXPECT="$SANITIZER_EXPECT|WARNING: .*lib/debugobjects\.c:[0-9]+.*debug_print_object"
SANITIZER_EXPECT_WHAT="debug objects saw a registered pstore_devstate buffer freed"
SANITIZER_EXPECT_LINES=2

# Load every kernel module of the initramfs, dependencies first: insmod
# what can be loaded until nothing more can.
first_setup() {
	local pending left m progress=1

	pending=$(ls /lib/kdump-test/kmod/*.ko 2>/dev/null)
	while [ -n "$pending" ] && [ $progress = 1 ]; do
		left= progress=0
		for m in $pending; do
			if insmod "$m" 2>/dev/null; then
				progress=1
			else
				left="$left $m"
			fi
		done
		pending=$left
	done
	check "first: cxgb4 and its dependencies loaded${pending:+, not:$pending}" \
		[ -z "$pending" -a -d /sys/module/cxgb4 ]
}

host_checks() {
	local ktap=$RUN/ktap.txt suite

	sed -e 's/\r$//' -e 's/^\[ *[0-9.]*\] //' "$RUN/console.log" |
		awk '/KTAP version/ { on = 1 } on' >"$ktap"
	: >"$RUN/kunit-results.txt"
	for suite in $SUITES; do
		if ! grep -q "^    # Subtest: $suite" "$ktap"; then
			not_ok "KUnit suite $suite did not run"
			continue
		fi
		# test cases are the results indented one level (4 spaces)
		awk -v want="$suite" -v scen="$name" '
		     /^    # Subtest: / { suite = $3 }
		     /^    (not )?ok [0-9]+ / && suite ~ ("^" want) {
			line = $0; sub(/^    /, "", line)
			res = (line ~ /^not ok/) ? "not ok" : "ok"
			sub(/^(not )?ok [0-9]+ /, "", line)
			print res " - " scen ": kunit " suite ": " line }' "$ktap" |
			tee -a "$RUN/kunit-results.txt"
		grep -q "^ok - $name: kunit $suite" "$RUN/kunit-results.txt" ||
			not_ok "KUnit suite $suite reported no test case"
	done
	grep -q '^not ok' "$RUN/kunit-results.txt" && failed=1
}
