/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One patterned device dump of the kdump selftests' test drivers,
 * test_vmcoredd.c (at load) and test_vmcoredd_pci.c (at probe): its
 * bookkeeping, its bytes and its registration.
 */
#ifndef _KDUMP_SELFTEST_VMCOREDD_TEST_DUMP_H
#define _KDUMP_SELFTEST_VMCOREDD_TEST_DUMP_H

#include <linux/crash_dump.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "vmcoredd_pattern.h"

struct vmcoredd_test_dump {
	struct vmcoredd_data data;
	unsigned int index;
	unsigned int seed;
};

/* vmcoredd_test_fill - write dump @d's pattern, d->data.size bytes, to @buf */
static inline void vmcoredd_test_fill(const struct vmcoredd_test_dump *d,
				      void *buf)
{
	unsigned int state = vmcoredd_pattern_init(d->seed, d->index);
	u8 *p = buf;
	unsigned int i;

	for (i = 0; i < d->data.size; i++)
		p[i] = vmcoredd_pattern_next(&state);
}

/*
 * vmcoredd_test_add - offer dump @index of @size bytes, named
 * <prefix><index>, whose callback @fill writes its pattern; @d is the
 * caller's, used only during the call.  Returns vmcore_add_device_dump()'s
 * result.
 */
static inline int vmcoredd_test_add(struct vmcoredd_test_dump *d,
				    const char *prefix, unsigned int seed,
				    unsigned int index, unsigned int size,
				    int (*fill)(struct vmcoredd_data *, void *))
{
	memset(d, 0, sizeof(*d));
	d->index = index;
	d->seed = seed;
	d->data.size = size;
	d->data.vmcoredd_callback = fill;
	snprintf(d->data.dump_name, sizeof(d->data.dump_name),
		 VMCOREDD_TEST_NAME_FMT, prefix, index);
	return vmcore_add_device_dump(&d->data);
}

#endif /* _KDUMP_SELFTEST_VMCOREDD_TEST_DUMP_H */
