// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the cxgb4 device dump hook (cudbg_vmcore.c): the dump's
 * name and size, the log line for each outcome, and that nothing happens
 * outside the crash dump capture kernel.  There is no Chelsio adapter in
 * the test: the collection itself is not run.
 */

#include <kunit/test.h>
#include <linux/crash_dump.h>
#include <linux/string.h>

#include "t4_regs.h"
#include "cxgb4.h"
#include "cxgb4_cudbg.h"
#include "cudbg_vmcore.h"

static void name_is_driver_and_pci_name(struct kunit *test)
{
	char name[VMCOREDD_MAX_NAME_BYTES];

	KUNIT_EXPECT_EQ(test, cudbg_vmcore_dump_name(name, sizeof(name),
						     "0000:01:00.4"), 0);
	KUNIT_EXPECT_STREQ(test, name, "cxgb4_0000:01:00.4");
}

static void name_longest_fits(struct kunit *test)
{
	char name[VMCOREDD_MAX_NAME_BYTES], pci[64];

	/* "cxgb4_" + 37 characters: 43, the longest device dump name */
	memset(pci, 'a', 37);
	pci[37] = '\0';
	KUNIT_EXPECT_EQ(test, cudbg_vmcore_dump_name(name, sizeof(name), pci), 0);
	KUNIT_EXPECT_EQ(test, strlen(name), VMCOREDD_MAX_NAME_BYTES - 1);
}

static void name_too_long_is_refused(struct kunit *test)
{
	char name[VMCOREDD_MAX_NAME_BYTES], pci[64];

	memset(pci, 'a', 38);
	pci[38] = '\0';
	KUNIT_EXPECT_EQ(test, cudbg_vmcore_dump_name(name, sizeof(name), pci),
			-ENAMETOOLONG);
	KUNIT_EXPECT_EQ(test, strnlen(name, sizeof(name)), sizeof(name) - 1);
}

static void size_holds_headers_and_buffer(struct kunit *test)
{
	u32 size = cudbg_vmcore_dump_size();

	KUNIT_EXPECT_EQ(test, size, sizeof(struct cudbg_hdr) +
			sizeof(struct cudbg_entity_hdr) * CUDBG_MAX_ENTITY +
			CUDBG_DUMP_BUFF_SIZE);
	KUNIT_EXPECT_GT(test, size, CUDBG_DUMP_BUFF_SIZE);
	/* the figure Documentation/admin-guide/kdump/device-dump.rst shows */
	kunit_info(test, "a cxgb4 device dump reserves %u bytes\n", size);
}

static void each_outcome_has_its_reason(struct kunit *test)
{
	static const int errs[] = { 0, -ENOSPC, -EBUSY, -EOPNOTSUPP, -ENOMEM,
				    -EEXIST, -ENAMETOOLONG };
	int i, j;

	for (i = 0; i < ARRAY_SIZE(errs); i++) {
		KUNIT_EXPECT_STRNEQ(test, cudbg_vmcore_result(errs[i]), "failed");
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, cudbg_vmcore_result(errs[i]),
					    cudbg_vmcore_result(errs[j]));
	}
	KUNIT_EXPECT_STREQ(test, cudbg_vmcore_result(-EIO), "failed");
	KUNIT_EXPECT_STREQ(test, cudbg_vmcore_result(-EINVAL), "failed");
}

static void nothing_outside_kdump(struct kunit *test)
{
	struct adapter *adap;

	if (is_kdump_kernel())
		kunit_skip(test, "running in a crash dump capture kernel");
	adap = kunit_kzalloc(test, sizeof(*adap), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, adap);
	adap->name = "0000:01:00.4";
	cudbg_vmcore_add_dump(adap);
	KUNIT_EXPECT_EQ(test, adap->vmcoredd.size, 0);
	KUNIT_EXPECT_PTR_EQ(test, adap->vmcoredd.vmcoredd_callback, NULL);
	KUNIT_EXPECT_EQ(test, adap->vmcoredd.dump_name[0], '\0');
}

static struct kunit_case cudbg_vmcore_cases[] = {
	KUNIT_CASE(name_is_driver_and_pci_name),
	KUNIT_CASE(name_longest_fits),
	KUNIT_CASE(name_too_long_is_refused),
	KUNIT_CASE(size_holds_headers_and_buffer),
	KUNIT_CASE(each_outcome_has_its_reason),
	KUNIT_CASE(nothing_outside_kdump),
	{}
};

static struct kunit_suite cudbg_vmcore_suite = {
	.name = "cxgb4_vmcore",
	.test_cases = cudbg_vmcore_cases,
};

kunit_test_suite(cudbg_vmcore_suite);
