# SPDX-License-Identifier: GPL-2.0
# sysrq-crash: crash with sysrq c after kexec_load; the capture kernel sees
# every CPU and VMCOREINFO, makedumpfile saves both formats, and the host
# reads the panic message back from the compressed dump.
SMP=2
KEXEC=load

host_checks() {
	host_check_kdump
	host_check_elf
}
