// SPDX-License-Identifier: GPL-2.0
/*
 * vmcoredd_bench - add device dumps on request, for make bench
 *
 * Loaded in a capture kernel, the module adds no dump by itself.  Writing N
 * to /sys/module/vmcoredd_bench/parameters/add offers N more dumps of
 * "size" bytes, named "bench<n>", to vmcore_add_device_dump() and times the
 * whole batch.  Read back:
 *
 *	batch_ns	time of the last batch, callbacks included
 *	added		dumps accepted so far
 *	refused		dumps refused so far
 *	last_error	the last refusal's error
 *	bytes		payload bytes accepted so far
 *
 * Loading the module and adding the dumps are separate steps so that the
 * memory the dumps take can be measured without the module's own.  The same
 * source builds against this series and against upstream 6.12, whose
 * vmcore_add_device_dump() has the same interface.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/crash_dump.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/string.h>

static unsigned int size = 4096;
module_param(size, uint, 0644);
MODULE_PARM_DESC(size, "payload size of the dumps the next batch adds (default 4096)");

static unsigned long batch_ns;
module_param(batch_ns, ulong, 0444);
MODULE_PARM_DESC(batch_ns, "time of the last batch in ns (read-only)");

static unsigned int added;
module_param(added, uint, 0444);
MODULE_PARM_DESC(added, "dumps accepted (read-only)");

static unsigned int refused;
module_param(refused, uint, 0444);
MODULE_PARM_DESC(refused, "dumps refused (read-only)");

static int last_error;
module_param(last_error, int, 0444);
MODULE_PARM_DESC(last_error, "error of the last refusal (read-only)");

static unsigned long long bytes;
module_param(bytes, ullong, 0444);
MODULE_PARM_DESC(bytes, "payload bytes accepted (read-only)");

static DEFINE_MUTEX(bench_lock);
static unsigned int next_index;

/* Each dump is filled with the low byte of its index. */
static int bench_fill(struct vmcoredd_data *data, void *buf)
{
	unsigned int index;

	if (kstrtouint(data->dump_name + strlen("bench"), 10, &index))
		return -EINVAL;
	memset(buf, index & 0xff, data->size);
	return 0;
}

static int bench_add(const char *val, const struct kernel_param *kp)
{
	struct vmcoredd_data data = { .vmcoredd_callback = bench_fill };
	unsigned int n, i;
	ktime_t t0;
	int ret;

	ret = kstrtouint(val, 0, &n);
	if (ret)
		return ret;

	mutex_lock(&bench_lock);
	data.size = READ_ONCE(size);
	t0 = ktime_get();
	for (i = 0; i < n; i++) {
		snprintf(data.dump_name, sizeof(data.dump_name), "bench%u",
			 next_index++);
		ret = vmcore_add_device_dump(&data);
		if (ret) {
			refused++;
			last_error = ret;
		} else {
			added++;
			bytes += data.size;
		}
	}
	batch_ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	mutex_unlock(&bench_lock);
	pr_info("batch of %u dumps of %u bytes: %lu ns; %u added, %u refused in all\n",
		n, data.size, batch_ns, added, refused);
	return 0;
}

static const struct kernel_param_ops bench_add_ops = {
	.set = bench_add,
};
module_param_cb(add, &bench_add_ops, NULL, 0200);
MODULE_PARM_DESC(add, "write N: add N dumps of the current size");

MODULE_DESCRIPTION("Device dump registration benchmark for make bench");
MODULE_LICENSE("GPL");
