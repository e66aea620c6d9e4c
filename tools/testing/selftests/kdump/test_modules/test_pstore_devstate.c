// SPDX-License-Identifier: GPL-2.0
/*
 * test_pstore_devstate - device state buffers for the kdump selftests
 *
 * Registers @count buffers with pstore_devstate_register(), named
 * "<prefix><index>" and filled with the seeded pattern of vmcoredd_pattern.h,
 * as a driver keeps its device's state, for a panic to save into pstore.
 * The number registered is readable in
 * /sys/module/test_pstore_devstate/parameters/registered.
 *
 * With race=1, a thread on the last CPU registers and unregisters one more
 * buffer, "<prefix>race" (pattern index 99), in a loop, registered about
 * half the time, until the module is removed or the machine panics: a panic
 * on another CPU finds it either registered and whole, or not at all.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/pstore.h>
#include <linux/slab.h>
#include <asm/sections.h>

#include "vmcoredd_pattern.h"

#define TEST_DEVSTATE_MAX	16
#define TEST_DEVSTATE_RACE	99

static unsigned int count = 3;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "number of buffers to register (default 3)");

static unsigned int sizes[TEST_DEVSTATE_MAX] = { 4096, 20000, 60000 };
static int nr_sizes = 3;
module_param_array(sizes, uint, &nr_sizes, 0444);
MODULE_PARM_DESC(sizes, "buffer sizes in bytes, used in turn (default 4096,20000,60000)");

static char *prefix = "ds";
module_param(prefix, charp, 0444);
MODULE_PARM_DESC(prefix, "buffer name prefix; the index is appended");

static unsigned int seed = 11;
module_param(seed, uint, 0444);
MODULE_PARM_DESC(seed, "seed of the byte pattern (default 11)");

static bool race;
module_param(race, bool, 0444);
MODULE_PARM_DESC(race, "register and unregister one more buffer in a loop on the last CPU");

static unsigned int registered;
module_param(registered, uint, 0444);
MODULE_PARM_DESC(registered, "number of buffers registered (read-only)");

static unsigned long race_rounds;
module_param(race_rounds, ulong, 0444);
MODULE_PARM_DESC(race_rounds, "register/unregister rounds of the race thread (read-only)");

static int static_ret = 1;
module_param(static_ret, int, 0444);
MODULE_PARM_DESC(static_ret, "registration of a static buffer of this module (read-only)");

static int initdata_ret = 1;
module_param(initdata_ret, int, 0444);
MODULE_PARM_DESC(initdata_ret, "registration of an __initdata buffer of this module (read-only)");

static int text_ret = 1;
module_param(text_ret, int, 0444);
MODULE_PARM_DESC(text_ret, "registration of this module's code (read-only)");

static u8 *bufs[TEST_DEVSTATE_MAX];
static struct task_struct *racer;
static u8 test_static_buf[64];
static u8 test_initdata_buf[64] __initdata;

/*
 * Register @buf as @name and unregister it at once: the registration's
 * result.
 */
static int __init test_devstate_try(const char *name, const void *buf,
				    size_t size)
{
	int ret = pstore_devstate_register(name, buf, size);

	if (!ret)
		pstore_devstate_unregister(buf);
	pr_info("%s: registration %d\n", name, ret);
	return ret;
}

static u8 *test_devstate_buf(unsigned int idx, unsigned int size)
{
	unsigned int state = vmcoredd_pattern_init(seed, idx), i;
	u8 *buf = kvmalloc(size, GFP_KERNEL);

	if (buf)
		for (i = 0; i < size; i++)
			buf[i] = vmcoredd_pattern_next(&state);
	return buf;
}

static int test_devstate_race(void *data)
{
	char name[PSTORE_DEVSTATE_NAME_LEN];
	unsigned long unreg_us = 1000;
	u8 *buf = data;
	ktime_t t0;
	int ret;

	snprintf(name, sizeof(name), "%srace", prefix);
	while (!kthread_should_stop()) {
		ret = pstore_devstate_register(name, buf, 4096);
		if (ret) {
			pr_err("race: register %s: %d\n", name, ret);
			break;
		}
		/*
		 * registered about as long as unregistering took last time (an
		 * RCU grace period), so that a panic finds it either way
		 */
		usleep_range(unreg_us, unreg_us + 100);
		t0 = ktime_get();
		pstore_devstate_unregister(buf);
		unreg_us = max_t(s64, ktime_us_delta(ktime_get(), t0), 100);
		race_rounds++;
		cond_resched();
	}
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static void test_devstate_cleanup(void)
{
	unsigned int i;

	if (racer)
		kthread_stop(racer);
	for (i = 0; i < TEST_DEVSTATE_MAX; i++) {
		if (!bufs[i])
			continue;
		if (i < registered)
			pstore_devstate_unregister(bufs[i]);
		kvfree(bufs[i]);
	}
}

static int __init test_devstate_init(void)
{
	char name[PSTORE_DEVSTATE_NAME_LEN];
	unsigned int i, size;
	void *text;
	u8 *rbuf;
	int ret;

	/* the race buffer takes the last slot */
	if (count > TEST_DEVSTATE_MAX - race || !nr_sizes)
		return -EINVAL;
	/*
	 * a module's data is accepted; its init data (freed next) and its
	 * code are not
	 */
	static_ret = test_devstate_try("mstatic", test_static_buf,
				       sizeof(test_static_buf));
	initdata_ret = test_devstate_try("minitdata", test_initdata_buf,
					 sizeof(test_initdata_buf));
	/* the code itself, not a function descriptor (ppc64 ELFv1, parisc) */
	text = dereference_function_descriptor((void *)test_devstate_cleanup);
	text_ret = test_devstate_try("mtext", text, 16);
	for (i = 0; i < count; i++) {
		size = sizes[i % nr_sizes];
		bufs[i] = test_devstate_buf(i, size);
		if (!bufs[i]) {
			ret = -ENOMEM;
			goto fail;
		}
		snprintf(name, sizeof(name), VMCOREDD_TEST_NAME_FMT, prefix, i);
		ret = pstore_devstate_register(name, bufs[i], size);
		pr_info("registered %s (%u bytes): %d\n", name, size, ret);
		if (ret)
			goto fail;
		registered++;
	}
	if (race) {
		rbuf = test_devstate_buf(TEST_DEVSTATE_RACE, 4096);
		if (!rbuf) {
			ret = -ENOMEM;
			goto fail;
		}
		/* the last free slot holds it, for the cleanup */
		bufs[TEST_DEVSTATE_MAX - 1] = rbuf;
		racer = kthread_create(test_devstate_race, rbuf, "devstate_race");
		if (IS_ERR(racer)) {
			ret = PTR_ERR(racer);
			racer = NULL;
			goto fail;
		}
		kthread_bind(racer, num_online_cpus() - 1);
		wake_up_process(racer);
		pr_info("race thread on CPU %u\n", num_online_cpus() - 1);
	}
	return 0;
fail:
	test_devstate_cleanup();
	return ret;
}

static void __exit test_devstate_exit(void)
{
	test_devstate_cleanup();
}

module_init(test_devstate_init);
module_exit(test_devstate_exit);
MODULE_DESCRIPTION("pstore device state buffers for the kdump selftests");
MODULE_LICENSE("GPL");
