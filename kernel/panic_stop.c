// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stopping the other CPUs in panic(), once, and the crash_kexec_kmsg_dump
 * policy that saves the kernel log with the crash-safe kmsg dumpers right
 * before the crash kexec.
 *
 * panic() may need the other CPUs stopped on several paths: before the panic
 * notifiers, and before the crash kexec, where crash_kexec_kmsg_dump stops
 * them for the log dump.  Whichever comes first stops them, here, once: a
 * second stop of another kind (smp_send_stop() after an NMI shootdown) would
 * wait for CPUs that can no longer answer.
 */

#include <linux/atomic.h>
#include <linux/irqflags.h>
#include <linux/kexec.h>
#include <linux/kmsg_dump.h>
#include <linux/moduleparam.h>
#include <linux/panic.h>
#include <linux/smp.h>

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
static bool crash_kexec_kmsg_dump __read_mostly;
core_param(crash_kexec_kmsg_dump, crash_kexec_kmsg_dump, bool, 0644);

/*
 * The log dump before the crash kexec: not started, running (a fault on
 * this CPU now is a fault in a crash-safe dumper), or done.  Written only
 * by the CPU that holds the kexec lock in __crash_kexec().
 */
enum { EARLY_DUMP_NONE, EARLY_DUMP_RUNNING, EARLY_DUMP_DONE };
static int early_dump;

/**
 * panic_kmsg_dump_before_kexec - save the log before the crash kexec
 *
 * Called by __crash_kexec() with the kexec lock held and a crash kernel
 * loaded, right before it starts the crash kernel.  With
 * crash_kexec_kmsg_dump set, stops the other CPUs (saving their registers,
 * as the crash kexec would) and calls the kmsg dumpers that declared
 * themselves safe there, once.  Does nothing with crash_kexec_post_notifiers
 * set: panic() has called every dumper already.
 */
void panic_kmsg_dump_before_kexec(void)
{
	/*
	 * Only for the CPU that owns panic_cpu (hv_crash_handle() calls
	 * __crash_kexec() without it), so that a fault here is recognised
	 * as nested.
	 */
	if (!READ_ONCE(crash_kexec_kmsg_dump) ||
	    READ_ONCE(crash_kexec_post_notifiers) ||
	    READ_ONCE(early_dump) != EARLY_DUMP_NONE || !panic_on_this_cpu())
		return;

	/* the BPF crash_kexec() kfunc may come here with interrupts on */
	local_irq_disable();
	WRITE_ONCE(early_dump, EARLY_DUMP_RUNNING);
	panic_stop_other_cpus(true);
	kmsg_dump_crash_safe(NULL);
	WRITE_ONCE(early_dump, EARLY_DUMP_DONE);
}

/**
 * panic_kmsg_dump_nested - whether this CPU faulted in the early log dump
 *
 * An oops or a panic on the CPU that runs panic_kmsg_dump_before_kexec()
 * comes from a kmsg dumper that declared itself crash-safe and was not.
 * That CPU holds the kexec lock and is not coming back to the crash kexec:
 * kexec_should_crash() and crash_kexec() then start the crash kernel at
 * once, and __crash_kexec() does not take the lock again.
 *
 * Return: true if the early dump is running on this CPU.
 */
bool panic_kmsg_dump_nested(void)
{
	return READ_ONCE(early_dump) == EARLY_DUMP_RUNNING && panic_on_this_cpu();
}
#endif /* CONFIG_CRASH_DUMP */
