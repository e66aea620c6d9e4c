# SPDX-License-Identifier: GPL-2.0
# kunit: the KUnit suites built into the test kernel run at boot
# (kunit.enable=1); their KTAP output is read back from the console.  No
# crash.  Every test case of a suite named vmcoredd* counts as one result.
CRASH=0
FIRST_CMDLINE="kunit.enable=1"

host_checks() {
	local ktap=$RUN/ktap.txt

	sed -e 's/\r$//' -e 's/^\[ *[0-9.]*\] //' "$RUN/console.log" |
		awk '/KTAP version/ { on = 1 } on' >"$ktap"
	if ! grep -q '# Subtest: vmcoredd' "$ktap"; then
		echo "ok - $scenario: no vmcoredd KUnit suite in this kernel yet # SKIP"
		return
	fi
	# test cases are the results indented one level (4 spaces) in a suite
	awk '/^    # Subtest: / { suite = $3 }
	     /^    (not )?ok [0-9]+ / && suite ~ /^vmcoredd/ {
		line = $0; sub(/^    /, "", line)
		res = (line ~ /^not ok/) ? "not ok" : "ok"
		sub(/^(not )?ok [0-9]+ /, "", line)
		print res " - " scen ": kunit " suite ": " line }' scen="$scenario" "$ktap" |
		tee "$RUN/kunit-results.txt"
	grep -q '^not ok' "$RUN/kunit-results.txt" && failed=1
	grep -q '^ok' "$RUN/kunit-results.txt" ||
		not_ok "KUnit suite vmcoredd reported no test case"
}
