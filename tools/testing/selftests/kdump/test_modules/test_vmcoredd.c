// SPDX-License-Identifier: GPL-2.0
/*
 * test_vmcoredd - register device dumps for the kdump selftests
 *
 * Loaded in the capture kernel, it registers @count device dumps with
 * vmcore_add_device_dump(), named "<prefix><index>" and filled with the
 * seeded pattern of vmcoredd_pattern.h, as a driver would at probe.  Each
 * result is logged, and the totals are readable in
 * /sys/module/test_vmcoredd/parameters/{registered,failed,last_error}.
 * Loading succeeds even when registrations fail: the selftest decides.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/crash_dump.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "vmcoredd_pattern.h"

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

struct test_dump {
	struct vmcoredd_data data;
	unsigned int index;
};

static int test_vmcoredd_fill(struct vmcoredd_data *data, void *buf)
{
	struct test_dump *d = container_of(data, struct test_dump, data);
	unsigned int state = vmcoredd_pattern_init(seed, d->index);
	u8 *p = buf;
	unsigned int i;

	for (i = 0; i < data->size; i++)
		p[i] = vmcoredd_pattern_next(&state);
	return 0;
}

static int __init test_vmcoredd_init(void)
{
	struct test_dump *d;
	unsigned int i;
	int ret;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;

	for (i = 0; i < count; i++) {
		memset(d, 0, sizeof(*d));
		d->index = i;
		d->data.size = sizes[nr_sizes ? i % nr_sizes : 0];
		d->data.vmcoredd_callback = test_vmcoredd_fill;
		snprintf(d->data.dump_name, sizeof(d->data.dump_name),
			 VMCOREDD_TEST_NAME_FMT, prefix, i);

		ret = vmcore_add_device_dump(&d->data);
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
	kfree(d);
	pr_info("%u registered, %u refused\n", registered, failed);
	return 0;
}
module_init(test_vmcoredd_init);

static void __exit test_vmcoredd_exit(void)
{
}
module_exit(test_vmcoredd_exit);

MODULE_DESCRIPTION("Device dump registration test for the kdump selftests");
MODULE_LICENSE("GPL");
