# SPDX-License-Identifier: GPL-2.0
# dd-leak: the sanitizer run's own test (make sanitize).  The test driver's
# callback leaks 1 KiB per dump; kmemleak must report it on the console,
# and the dumps and the vmcore are saved as usual.
SMP=2
KEXEC=load
DD_COUNT=2
DD_SIZES=100,5000
DD_PREFIX=leak
DD_SEED=3
SANITIZER_EXPECT='kmemleak: [0-9]+ new suspected memory leak'
SANITIZER_EXPECT_WHAT="kmemleak reported the driver's leak"

capture_setup() {
	dd_load leak=1
	check "capture: $DD_COUNT dumps registered" [ "$(dd_param registered)" = "$DD_COUNT" ]
}

capture_checks() {
	capture_common_checks
	dd_checks
}

host_checks() {
	host_dd_checks
}
