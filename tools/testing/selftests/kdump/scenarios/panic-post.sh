# SPDX-License-Identifier: GPL-2.0
# panic-post: crash_kexec_post_notifiers and crash_kexec_kmsg_dump together:
# post_notifiers takes precedence, so the notifiers run, then kmsg_dump(),
# then the crash kexec.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=post
# shellcheck source=/dev/null
. "$LIB/panic.sh"
