// SPDX-License-Identifier: GPL-2.0
/*
 * Panic triggers of the kdump selftests, for the panic paths that neither
 * sysrq nor lkdtm provide.  Loading the module registers a panic notifier
 * and two kmsg dumpers that log when they run, after every dumper
 * registered before them (ramoops included): one plain, for panics and
 * oopses, one for panics that declares itself safe before the crash kexec
 * (KMSG_DUMPER_CRASH_SAFE).  With
 * fault=1 the crash-safe one writes through a NULL pointer instead, as a
 * broken dumper would.  Then it panics as mode= says:
 *
 *   mode=none     no panic; only the notifier
 *   mode=hardirq  panic() from a hard-IRQ hrtimer callback, on this CPU
 *
 * Writing a CPU number to /sys/module/test_panic_stop/parameters/panic_cpu
 * panics that CPU the same way, at once: the kdump selftests panic the CPU
 * where a kexec_file_load() holds the kexec lock.  Writing 1 to
 * .../parameters/panic_all makes every online CPU call panic() at the same
 * moment, with interrupts disabled, released together from a barrier; the
 * selftests first note where test_all_fn() was loaded, to tell a CPU that
 * was stopped before it reached panic() from one stopped anywhere else.
 * With lag=1 the last online CPU leaves the barrier but spins there, as a
 * CPU that lags behind (a vCPU the host has not run) would.
 */

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/err.h>
#include <linux/hrtimer.h>
#include <linux/kmsg_dump.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>

static char *mode = "none";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "none or hardirq");

static bool fault;
module_param(fault, bool, 0444);
MODULE_PARM_DESC(fault, "the crash-safe dumper faults (NULL pointer write)");

static bool lag;
module_param(lag, bool, 0444);
MODULE_PARM_DESC(lag, "panic_all: the last CPU spins instead of panicking");

static int test_panic_notify(struct notifier_block *nb, unsigned long event,
			     void *msg)
{
	pr_emerg("test_panic_stop: panic notifier ran on CPU %d\n",
		 raw_smp_processor_id());
	return NOTIFY_DONE;
}

static struct notifier_block test_panic_nb = {
	.notifier_call = test_panic_notify,
};

static void test_kmsg_dump(struct kmsg_dumper *dumper,
			   struct kmsg_dump_detail *detail)
{
	pr_emerg("test_panic_stop: kmsg_dump done on CPU %d, reason %s\n",
		 raw_smp_processor_id(), kmsg_dump_reason_str(detail->reason));
}

/* for oopses too: an oops that starts the crash kernel must not call it */
static struct kmsg_dumper test_dumper = {
	.dump = test_kmsg_dump,
	.max_reason = KMSG_DUMP_OOPS,
};

static void test_safe_kmsg_dump(struct kmsg_dumper *dumper,
				struct kmsg_dump_detail *detail)
{
	int *null = NULL;

	if (fault) {
		pr_emerg("test_panic_stop: crash-safe dumper faults on CPU %d\n",
			 raw_smp_processor_id());
		/* the compiler must not see that it is NULL */
		OPTIMIZER_HIDE_VAR(null);
		WRITE_ONCE(*null, 1);
	}
	pr_emerg("test_panic_stop: crash-safe kmsg_dump done on CPU %d, reason %s\n",
		 raw_smp_processor_id(), kmsg_dump_reason_str(detail->reason));
}

/* KMSG_DUMPER_CRASH_SAFE comes with the series "panic: save the log ..." */
static struct kmsg_dumper test_safe_dumper = {
	.dump = test_safe_kmsg_dump,
	.max_reason = KMSG_DUMP_PANIC,
#ifdef KMSG_DUMPER_CRASH_SAFE
	.flags = KMSG_DUMPER_CRASH_SAFE,
#endif
};

static struct hrtimer test_timer;

static enum hrtimer_restart test_timer_fn(struct hrtimer *timer)
{
	panic("test_panic_stop: hard IRQ panic on CPU %d", smp_processor_id());
}

static atomic_t arrived = ATOMIC_INIT(0);
static atomic_t ready = ATOMIC_INIT(0);
static unsigned int waiting;

/*
 * Two barriers: the first spins with interrupts on and yields, so that no
 * thread starves a task on its CPU (the scheduler tick still runs); the
 * second spins with interrupts off, so that every CPU leaves it at the same
 * moment and calls panic() with interrupts disabled.  No barrier sleeps: a
 * sleeping thread's timer may be expired by another CPU, which can be
 * spinning in the second barrier by then.
 */
static int test_all_fn(void *unused)
{
	pr_info("test_panic_stop: CPU %d pid %d at the barrier\n",
		raw_smp_processor_id(), current->pid);
	atomic_inc(&arrived);
	while (atomic_read(&arrived) < waiting) {
		cond_resched();
		cpu_relax();
	}

	local_irq_disable();
	atomic_inc(&ready);
	while (atomic_read(&ready) < waiting)
		cpu_relax();
	/* a CPU that has not reached panic() yet when the winner stops it */
	if (lag && raw_smp_processor_id() == cpumask_last(cpu_online_mask))
		for (;;)
			cpu_relax();
	panic("test_panic_stop: simultaneous panic on CPU %d",
	      smp_processor_id());
}

static int test_all_start(void)
{
	struct task_struct **tasks;
	unsigned int cpu;
	int err = 0;

	tasks = kcalloc(nr_cpu_ids, sizeof(*tasks), GFP_KERNEL);
	if (!tasks)
		return -ENOMEM;
	cpus_read_lock();
	waiting = num_online_cpus();
	for_each_online_cpu(cpu) {
		tasks[cpu] = kthread_create_on_cpu(test_all_fn, NULL, cpu,
						   "test_panic/%u");
		if (IS_ERR(tasks[cpu])) {
			err = PTR_ERR(tasks[cpu]);
			pr_err("test_panic_stop: no thread for CPU %u: %d\n",
			       cpu, err);
			break;
		}
	}
	/* all or nothing: the barrier waits for every online CPU */
	if (err) {
		for_each_online_cpu(cpu)
			if (!IS_ERR_OR_NULL(tasks[cpu]))
				kthread_stop(tasks[cpu]);
	} else {
		/* no thread runs on this CPU before all are woken */
		preempt_disable();
		for_each_online_cpu(cpu)
			wake_up_process(tasks[cpu]);
		preempt_enable();
	}
	cpus_read_unlock();
	kfree(tasks);
	return err;
}

/* runs on the CPU that is to panic: the timer fires there */
static void test_timer_start(void *unused)
{
	hrtimer_start(&test_timer, ms_to_ktime(10), HRTIMER_MODE_REL_PINNED_HARD);
}

/* set once init has succeeded: panic_cpu= at insmod is refused */
static bool live;
static atomic_t armed = ATOMIC_INIT(0);

static int test_hardirq_start(int cpu)
{
	if (atomic_xchg(&armed, 1))
		return -EBUSY;
	hrtimer_setup(&test_timer, test_timer_fn, CLOCK_MONOTONIC,
		      HRTIMER_MODE_REL_PINNED_HARD);
	if (cpu < 0) {
		test_timer_start(NULL);
		return 0;
	}
	if (cpu >= nr_cpu_ids || !cpu_online(cpu))
		return -ENODEV;
	return smp_call_function_single(cpu, test_timer_start, NULL, 1);
}

static int panic_all_set(const char *val, const struct kernel_param *kp)
{
	bool all;
	int err;

	if (!READ_ONCE(live))
		return -EAGAIN;
	err = kstrtobool(val, &all);
	if (err)
		return err;
	if (!all)
		return -EINVAL;
	if (atomic_xchg(&armed, 1))
		return -EBUSY;
	return test_all_start();
}

static const struct kernel_param_ops panic_all_ops = {
	.set = panic_all_set,
};
module_param_cb(panic_all, &panic_all_ops, NULL, 0200);
MODULE_PARM_DESC(panic_all, "write 1: every online CPU panics at once");

static int panic_cpu_set(const char *val, const struct kernel_param *kp)
{
	int cpu, err;

	if (!READ_ONCE(live))
		return -EAGAIN;
	err = kstrtoint(val, 0, &cpu);
	if (err)
		return err;
	if (cpu < 0)
		return -EINVAL;
	return test_hardirq_start(cpu);
}

static const struct kernel_param_ops panic_cpu_ops = {
	.set = panic_cpu_set,
};
module_param_cb(panic_cpu, &panic_cpu_ops, NULL, 0200);
MODULE_PARM_DESC(panic_cpu, "write a CPU number: that CPU panics in a hard IRQ");

static int __init test_panic_stop_init(void)
{
	int err;

	atomic_notifier_chain_register(&panic_notifier_list, &test_panic_nb);
	err = kmsg_dump_register(&test_dumper);
	if (err)
		goto out_notifier;
	err = kmsg_dump_register(&test_safe_dumper);
	if (err)
		goto out_dumper;

	if (!strcmp(mode, "none")) {
		WRITE_ONCE(live, true);
		return 0;
	}
	if (!strcmp(mode, "hardirq")) {
		err = test_hardirq_start(-1);
	} else {
		pr_err("test_panic_stop: unknown mode '%s'\n", mode);
		err = -EINVAL;
	}
	if (!err) {
		WRITE_ONCE(live, true);
		return 0;
	}
	kmsg_dump_unregister(&test_safe_dumper);
out_dumper:
	kmsg_dump_unregister(&test_dumper);
out_notifier:
	atomic_notifier_chain_unregister(&panic_notifier_list, &test_panic_nb);
	return err;
}
module_init(test_panic_stop_init);

MODULE_DESCRIPTION("Panic triggers for the kdump selftests");
MODULE_LICENSE("GPL");
