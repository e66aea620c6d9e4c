# SPDX-License-Identifier: GPL-2.0
# panic-nmi: an NMI from the QEMU monitor on every CPU, with
# unknown_nmi_panic: one CPU panics in NMI context (nmi_panic()), the others
# wait in nmi_panic_self_stop() until the crash stop saves their registers.
SMP=2
KEXEC=load
PANIC_TRIGGER=nmi
PANIC_POLICY=param
# shellcheck source=/dev/null
. "$LIB/panic.sh"
