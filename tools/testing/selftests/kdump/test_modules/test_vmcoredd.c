// SPDX-License-Identifier: GPL-2.0
/*
 * test_vmcoredd - register device dumps for the kdump selftests
 *
 * Loaded in the capture kernel, it registers @count device dumps with
 * vmcore_add_device_dump(), named "<prefix><index>" and filled with the
 * seeded pattern of vmcoredd_pattern.h, as a driver would at probe.  Each
 * result is logged, and the totals are readable in
 * /sys/module/test_vmcoredd/parameters/{registered,failed,last_error,fills}.
 * With invalid=1 it then offers one dump of every invalid kind and counts
 * the refusals that did not come with the documented error in @unexpected.
 * With leak=1 each callback leaks 1 KiB, for the sanitizer run to find.
 * Loading succeeds even when registrations fail: the selftest decides.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "vmcoredd_test_dump.h"

#define TEST_VMCOREDD_MAX_SIZES	16

static unsigned int count = 1;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "number of device dumps to register (default 1)");

static unsigned int sizes[TEST_VMCOREDD_MAX_SIZES] = { 4096 };
static int nr_sizes = 1;
module_param_array(sizes, uint, &nr_sizes, 0444);
MODULE_PARM_DESC(sizes, "dump sizes in bytes, used in turn (default 4096)");

static char *prefix = "selftest";
module_param(prefix, charp, 0444);
MODULE_PARM_DESC(prefix, "dump name prefix; the index is appended");

static unsigned int seed = 1;
module_param(seed, uint, 0444);
MODULE_PARM_DESC(seed, "seed of the byte pattern (default 1)");

static unsigned int registered;
module_param(registered, uint, 0444);
MODULE_PARM_DESC(registered, "number of dumps registered (read-only)");

static unsigned int failed;
module_param(failed, uint, 0444);
MODULE_PARM_DESC(failed, "number of dumps refused (read-only)");

static int last_error;
module_param(last_error, int, 0444);
MODULE_PARM_DESC(last_error, "last error returned by the registration (read-only)");

static unsigned int fills;
module_param(fills, uint, 0444);
MODULE_PARM_DESC(fills, "number of callbacks run (read-only)");

static bool invalid;
module_param(invalid, bool, 0444);
MODULE_PARM_DESC(invalid, "also offer one invalid dump of every kind");

static unsigned int delay_ms;
module_param(delay_ms, uint, 0444);
MODULE_PARM_DESC(delay_ms, "each callback sleeps this long first, as a slow adapter would");

static unsigned int unexpected;
module_param(unexpected, uint, 0444);
MODULE_PARM_DESC(unexpected, "invalid dumps not refused as documented (read-only)");

static bool leak;
module_param(leak, bool, 0444);
MODULE_PARM_DESC(leak, "each callback leaks 1 KiB, for kmemleak to report");

static int test_vmcoredd_fill(struct vmcoredd_data *data, void *buf)
{
	fills++;
	if (delay_ms)
		msleep(delay_ms);
	/* the sanitizer run's own test: a leak that kmemleak must report */
	if (leak)
		pr_info("leaking 1 KiB at %p\n", kmalloc(1024, GFP_KERNEL));
	vmcoredd_test_fill(container_of(data, struct vmcoredd_test_dump, data),
			   buf);
	return 0;
}

static int test_vmcoredd_fail(struct vmcoredd_data *data, void *buf)
{
	fills++;
	memset(buf, 0xa5, data->size);
	return -EIO;
}

/* One dump of every invalid kind and the error it must get. */
static const struct {
	const char *name;	/* NULL: 44 bytes without a NUL */
	unsigned int size;
	int (*fill)(struct vmcoredd_data *data, void *buf);
	int err;
} test_vmcoredd_invalid[] = {
	{ "", 16, test_vmcoredd_fill, -EINVAL },
	{ "bad/slash", 16, test_vmcoredd_fill, -EINVAL },
	{ "ctl\x01", 16, test_vmcoredd_fill, -EINVAL },
	{ NULL, 16, test_vmcoredd_fill, -EINVAL },
	{ "zero-size", 0, test_vmcoredd_fill, -EINVAL },
	{ "no-callback", 16, NULL, -EINVAL },
	{ "callback-error", 3 * 4096, test_vmcoredd_fail, -EIO },
	{ ".", 16, test_vmcoredd_fill, -EINVAL },
	{ "..", 16, test_vmcoredd_fill, -EINVAL },
	{ "too-large", 0xfffffff0u, test_vmcoredd_fill, -EINVAL },
#ifdef VMCOREDD_MAX_SIZE	/* not in kernels without the registry */
	{ "over-1GiB", VMCOREDD_MAX_SIZE + 1, test_vmcoredd_fill, -EINVAL },
	{ "over-budget", VMCOREDD_MAX_SIZE, test_vmcoredd_fill, -ENOSPC },
#endif
};

static void test_vmcoredd_offer_invalid(struct vmcoredd_test_dump *d)
{
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(test_vmcoredd_invalid); i++) {
		memset(d, 0, sizeof(*d));
		d->data.size = test_vmcoredd_invalid[i].size;
		d->data.vmcoredd_callback = test_vmcoredd_invalid[i].fill;
		if (test_vmcoredd_invalid[i].name)
			strscpy(d->data.dump_name, test_vmcoredd_invalid[i].name);
		else
			memset(d->data.dump_name, 'x', sizeof(d->data.dump_name));
		ret = vmcore_add_device_dump(&d->data);
		if (ret != test_vmcoredd_invalid[i].err) {
			pr_err("invalid dump %u: got %d, expected %d\n", i, ret,
			       test_vmcoredd_invalid[i].err);
			unexpected++;
		}
	}
	/* a duplicate of the first dump */
	if (count) {
		memset(d, 0, sizeof(*d));
		d->data.size = 16;
		d->data.vmcoredd_callback = test_vmcoredd_fill;
		snprintf(d->data.dump_name, sizeof(d->data.dump_name),
			 VMCOREDD_TEST_NAME_FMT, prefix, 0);
		ret = vmcore_add_device_dump(&d->data);
		if (ret != -EEXIST && ret != -EBUSY) {
			pr_err("duplicate dump: got %d, expected %d\n", ret, -EEXIST);
			unexpected++;
		}
	}
}

static int __init test_vmcoredd_init(void)
{
	struct vmcoredd_test_dump *d;
	unsigned int i;
	int ret;

	d = kzalloc_obj(*d, GFP_KERNEL);
	if (!d)
		return -ENOMEM;

	for (i = 0; i < count; i++) {
		ret = vmcoredd_test_add(d, prefix, seed, i,
					sizes[nr_sizes ? i % nr_sizes : 0],
					test_vmcoredd_fill);
		if (ret) {
			pr_err("dump %s (%u bytes) refused: %d\n",
			       d->data.dump_name, d->data.size, ret);
			failed++;
			last_error = ret;
		} else {
			pr_info("dump %s (%u bytes) registered\n",
				d->data.dump_name, d->data.size);
			registered++;
		}
	}
	if (invalid)
		test_vmcoredd_offer_invalid(d);
	kfree(d);
	pr_info("%u registered, %u refused, %u callbacks\n", registered, failed,
		fills);
	return 0;
}
module_init(test_vmcoredd_init);

static void __exit test_vmcoredd_exit(void)
{
}
module_exit(test_vmcoredd_exit);

MODULE_DESCRIPTION("Device dump registration test for the kdump selftests");
MODULE_LICENSE("GPL");
