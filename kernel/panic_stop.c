// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stopping the other CPUs in panic(), once, and the crash_kexec_kmsg_dump
 * policy that saves the kernel log with kmsg_dump() before the crash kexec.
 *
 * panic() may need the other CPUs stopped on several paths: before
 * kmsg_dump() and the panic notifiers, and before the crash kexec.  The stop
 * itself is not repeatable on every architecture (an NMI shootdown leaves the
 * stopped CPUs unable to take a second one), so it is done here, once, by
 * the CPU that owns panic_cpu.
 */

#include <linux/atomic.h>
#include <linux/kexec.h>
#include <linux/moduleparam.h>
#include <linux/panic.h>
#include <linux/smp.h>
#include <linux/sysctl.h>

#include "panic_stop.h"

static atomic_t cpus_stopped = ATOMIC_INIT(0);

/**
 * panic_cpus_stopped - whether panic() has stopped the other CPUs
 *
 * Return: true once panic_stop_other_cpus() has run.
 */
bool panic_cpus_stopped(void)
{
	return atomic_read(&cpus_stopped);
}

/**
 * panic_stop_other_cpus - stop every other CPU in panic, once
 * @crash_kexec: a crash kexec may follow the stop
 *
 * Must be called by the CPU that owns panic_cpu, with interrupts disabled.
 * With @crash_kexec, uses crash_smp_send_stop(), which also saves each
 * stopped CPU's registers for the vmcore; machine_crash_shutdown() then
 * finds the CPUs stopped and does not stop them again.  Otherwise uses
 * smp_send_stop(), which may not be hardened for panic.  Calls after the
 * first return at once.
 */
void panic_stop_other_cpus(bool crash_kexec)
{
	if (atomic_xchg(&cpus_stopped, 1))
		return;

	if (crash_kexec)
		crash_smp_send_stop();
	else
		smp_send_stop();
}

#ifdef CONFIG_CRASH_DUMP
bool crash_kexec_kmsg_dump __read_mostly =
	IS_ENABLED(CONFIG_CRASH_KEXEC_KMSG_DUMP);
core_param(crash_kexec_kmsg_dump, crash_kexec_kmsg_dump, bool, 0644);

/**
 * panic_kmsg_dump_first - whether panic() saves the log before the crash kexec
 * @post_notifiers: the value of crash_kexec_post_notifiers panic() uses
 *
 * With crash_kexec_kmsg_dump set and a crash kernel loaded, panic() stops the
 * other CPUs, calls kmsg_dump(KMSG_DUMP_PANIC) and then the crash kexec,
 * without running the panic notifiers first.  crash_kexec_post_notifiers,
 * which runs the notifiers and kmsg_dump() before the crash kexec anyway,
 * takes precedence.
 *
 * Return: true if panic() should take that order.
 */
bool panic_kmsg_dump_first(bool post_notifiers)
{
	return READ_ONCE(crash_kexec_kmsg_dump) && !post_notifiers &&
	       kexec_crash_loaded();
}

#ifdef CONFIG_SYSCTL
static const struct ctl_table panic_stop_sysctls[] = {
	{
		.procname	= "crash_kexec_kmsg_dump",
		.data		= &crash_kexec_kmsg_dump,
		.maxlen		= sizeof(crash_kexec_kmsg_dump),
		.mode		= 0644,
		.proc_handler	= proc_dobool,
	},
};

static int __init panic_stop_sysctls_init(void)
{
	register_sysctl_init("kernel", panic_stop_sysctls);
	return 0;
}
late_initcall(panic_stop_sysctls_init);
#endif /* CONFIG_SYSCTL */
#endif /* CONFIG_CRASH_DUMP */
