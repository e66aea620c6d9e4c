// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of pstore's device state saved at panic, included by
 * fs/pstore/devstate.c.
 *
 * The registration tests use the real registry, which must be empty when
 * they start (nothing else registers in a test kernel), as if no backend
 * were registered, and leave it as they found it; the record set tests
 * pack lists of their own, as pstore_devstate_dump() does at panic, and
 * read them back as pstore_devstate_mkfiles() does after the reboot.
 */
#include <kunit/test.h>

static size_t devstate_test_saved_cap;

static int devstate_test_init(struct kunit *test)
{
	mutex_lock(&devstate_lock);
	devstate_test_saved_cap = devstate_cap;
	devstate_cap = 0;
	mutex_unlock(&devstate_lock);
	KUNIT_ASSERT_EQ_MSG(test, devstate_nr, 0, "device state registered outside the test");
	return 0;
}

/* At the end of the test, unregister @buf if it still is. */
static void devstate_test_unreg_action(void *buf)
{
	bool found;

	mutex_lock(&devstate_lock);
	found = devstate_entry(buf);
	mutex_unlock(&devstate_lock);
	if (found)
		pstore_devstate_unregister(buf);
}

/* devstate_test_reg(test, ), undone when the test ends however it ends */
static int devstate_test_reg(struct kunit *test, const char *name, void *buf,
			     size_t size)
{
	int ret = pstore_devstate_register(name, buf, size);

	if (!ret)
		KUNIT_EXPECT_EQ(test, kunit_add_action(test, devstate_test_unreg_action,
						       buf), 0);
	return ret;
}

static void devstate_test_exit(struct kunit *test)
{
	mutex_lock(&devstate_lock);
	devstate_cap = devstate_test_saved_cap;
	mutex_unlock(&devstate_lock);
}

static void devstate_test_names(struct kunit *test)
{
	static const char *const bad[] = {
		"", ".", "..", "a/b", "a b", "a.b", "tab\there", "\xc3\xa9",
		"abcdefghijklmnopqrstuvwxyz012345",	/* 32 characters */
	};
	char stack_buf[16];
	char *buf;
	int i;

	buf = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, devstate_test_reg(test, bad[i], buf, 64),
				    -EINVAL, "name '%s'", bad[i]);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, NULL, buf, 64), -EINVAL);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "ok", NULL, 64), -EINVAL);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "ok", buf, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "ok", stack_buf, sizeof(stack_buf)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, devstate_nr, 0);

	/* 31 characters, every kind */
	KUNIT_EXPECT_EQ(test,
			devstate_test_reg(test, "Az09_-bcdefghijklmnopqrstuvwxyz", buf, 64), 0);
	KUNIT_EXPECT_EQ(test, devstate_nr, 1);
	pstore_devstate_unregister(buf);
	KUNIT_EXPECT_EQ(test, devstate_nr, 0);
	KUNIT_EXPECT_EQ(test, devstate_total, 0);
}

static void devstate_test_duplicates(struct kunit *test)
{
	char *a, *b;

	a = kunit_kzalloc(test, 128, GFP_KERNEL);
	b = kunit_kzalloc(test, 128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, devstate_test_reg(test, "one", a, 128), 0);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "one", b, 128), -EEXIST);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "two", a, 64), -EBUSY);
	/* any overlap, at either end */
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "two", a + 127, 1), -EBUSY);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "two", a - 1, 2), -EBUSY);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "two", b, 128), 0);
	KUNIT_EXPECT_EQ(test, devstate_nr, 2);
	KUNIT_EXPECT_EQ(test, devstate_total, 256);
	pstore_devstate_unregister(a);
	/* the name is free again */
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "one", a, 100), 0);
	pstore_devstate_unregister(a);
	pstore_devstate_unregister(b);
	KUNIT_EXPECT_EQ(test, devstate_nr, 0);
}

static void devstate_test_size_limits(struct kunit *test)
{
	char name[PSTORE_DEVSTATE_NAME_LEN];
	char *buf[5];
	int i;

	for (i = 0; i < ARRAY_SIZE(buf); i++) {
		buf[i] = kunit_kzalloc(test, PSTORE_DEVSTATE_MAX_SIZE + 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, buf[i]);
	}
	KUNIT_EXPECT_EQ(test,
			devstate_test_reg(test, "big", buf[0], PSTORE_DEVSTATE_MAX_SIZE + 1),
			-E2BIG);
	/* PSTORE_DEVSTATE_MAX_TOTAL in buffers of the largest size */
	for (i = 0; i < PSTORE_DEVSTATE_MAX_TOTAL / PSTORE_DEVSTATE_MAX_SIZE; i++) {
		snprintf(name, sizeof(name), "max%d", i);
		KUNIT_EXPECT_EQ(test,
				devstate_test_reg(test, name, buf[i], PSTORE_DEVSTATE_MAX_SIZE), 0);
	}
	KUNIT_EXPECT_EQ(test, devstate_total, PSTORE_DEVSTATE_MAX_TOTAL);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "one_more", buf[4], 1), -E2BIG);
	for (i = 0; i < PSTORE_DEVSTATE_MAX_TOTAL / PSTORE_DEVSTATE_MAX_SIZE; i++)
		pstore_devstate_unregister(buf[i]);
	KUNIT_EXPECT_EQ(test, devstate_total, 0);
}

static void devstate_test_count_limits(struct kunit *test)
{
	char name[PSTORE_DEVSTATE_NAME_LEN];
	char *buf;
	int i;

	buf = kunit_kzalloc(test, PSTORE_DEVSTATE_MAX_BUFFERS + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < PSTORE_DEVSTATE_MAX_BUFFERS; i++) {
		snprintf(name, sizeof(name), "b%d", i);
		KUNIT_EXPECT_EQ(test, devstate_test_reg(test, name, buf + i, 1), 0);
	}
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "b_last", buf + i, 1), -ENOSPC);
	for (i = 0; i < PSTORE_DEVSTATE_MAX_BUFFERS; i++)
		pstore_devstate_unregister(buf + i);

	/* a backend with room to list two */
	mutex_lock(&devstate_lock);
	devstate_cap = devstate_headers(2);
	mutex_unlock(&devstate_lock);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "first", buf, 1), 0);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "second", buf + 1, 1), 0);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "third", buf + 2, 1), -ENOSPC);
	pstore_devstate_unregister(buf);
	pstore_devstate_unregister(buf + 1);
	KUNIT_EXPECT_EQ(test, devstate_nr, 0);
}

/* Only memory that the panic copy can read whole. */
static void devstate_test_memory(struct kunit *test)
{
	static char image_buf[32];
	char *vbuf;

	vbuf = vmalloc(PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, vbuf);
	/* running into the guard page after the vmalloc area */
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "vend", vbuf + PAGE_SIZE - 8, 16),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "vwhole", vbuf, PAGE_SIZE), 0);
	pstore_devstate_unregister(vbuf);
	vfree(vbuf);
	/* a static buffer of the kernel image */
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "static", image_buf, sizeof(image_buf)),
			0);
	pstore_devstate_unregister(image_buf);
	/* the kernel's text: not device state */
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "text", _stext, 16), -EINVAL);
	/* not registered (after a failed registration): nothing happens */
	pstore_devstate_unregister(image_buf);
	pstore_devstate_unregister(NULL);
	KUNIT_EXPECT_EQ(test, devstate_nr, 0);
}

/* Init memory of the kernel image, unmapped after boot. */
static void devstate_test_init_memory(struct kunit *test)
{
	/* built in, the tests run before init memory is freed */
	if (system_state == SYSTEM_RUNNING && lm_alias(_stext) == (void *)_stext)
		kunit_skip(test, "init memory freed: its pages are allocated again");
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "init", __init_begin, 16), -EINVAL);
	KUNIT_EXPECT_EQ(test, devstate_nr, 0);
}

#ifdef CONFIG_X86_32
/*
 * The image is in the linear map, and the tail of its brk area that early
 * boot did not use is given back to the page allocator: a buffer there is
 * the allocator's, accepted.  (Its page may belong to anyone: the test only
 * registers it, and unregisters it at once.)
 */
static void devstate_test_image_freed(struct kunit *test)
{
	unsigned long tail = PAGE_ALIGN(_brk_end);

	if (tail + PAGE_SIZE > (unsigned long)__brk_limit)
		kunit_skip(test, "no unused page at the end of the brk area");
	KUNIT_ASSERT_FALSE(test, PageReserved(virt_to_page((void *)tail)));
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "brk", (void *)tail, 16), 0);
	pstore_devstate_unregister((void *)tail);
	/* what early boot used of it stays reserved: refused */
	if (_brk_end > (unsigned long)__brk_base)
		KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "brk", __brk_base, 16),
				-EINVAL);
}
#endif

/*
 * A crash dump capture kernel saves no device state: its own panic would
 * replace the crashed kernel's set.
 */
static void devstate_test_capture_backend(struct kunit *test)
{
	struct pstore_info psi = {
		.name = "capture",
		.flags = PSTORE_FLAGS_DMESG | PSTORE_FLAGS_DEVSTATE,
		.devstate_size = SZ_64K,
	};
	void *buf;

	mutex_lock(&devstate_lock);
	buf = devstate_buf;
	mutex_unlock(&devstate_lock);
	devstate_backend(&psi, true);
	mutex_lock(&devstate_lock);
	KUNIT_EXPECT_PTR_EQ(test, devstate_buf, buf);
	KUNIT_EXPECT_EQ(test, devstate_cap, 0);
	mutex_unlock(&devstate_lock);
}

/* A backend without room for one entry gets no device state. */
static void devstate_test_tiny_backend(struct kunit *test)
{
	struct pstore_info psi = {
		.name = "tiny",
		.flags = PSTORE_FLAGS_DMESG | PSTORE_FLAGS_DEVSTATE,
		.devstate_size = sizeof(struct devstate_hdr) + 8,
	};
	void *buf;

	mutex_lock(&devstate_lock);
	buf = devstate_buf;
	mutex_unlock(&devstate_lock);
	pstore_devstate_backend(&psi);
	mutex_lock(&devstate_lock);
	KUNIT_EXPECT_PTR_EQ(test, devstate_buf, buf);
	KUNIT_EXPECT_EQ(test, devstate_cap, 0);
	mutex_unlock(&devstate_lock);
}

/* A list of buffers of these sizes, filled with a pattern. */
static void devstate_test_list(struct kunit *test, struct list_head *list,
			       struct devstate_reg *regs, const size_t *sizes,
			       int n)
{
	int i;
	size_t j;

	INIT_LIST_HEAD(list);
	for (i = 0; i < n; i++) {
		u8 *buf = kunit_kmalloc(test, sizes[i], GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, buf);
		for (j = 0; j < sizes[i]; j++)
			buf[j] = (u8)(j * 7 + i * 31 + 1);
		memset(&regs[i], 0, sizeof(regs[i]));
		snprintf(regs[i].name, sizeof(regs[i].name), "buf%d", i);
		regs[i].buf = buf;
		regs[i].size = sizes[i];
		list_add_tail(&regs[i].list, list);
	}
}

static size_t devstate_test_pack(void *dst, size_t cap, struct list_head *list)
{
	size_t len;

	rcu_read_lock();
	len = devstate_pack(dst, cap, list, 1234567890);
	rcu_read_unlock();
	return len;
}

static const struct devstate_ent *devstate_test_ent(const void *set, int i)
{
	return set + sizeof(struct devstate_hdr) + i * sizeof(struct devstate_ent);
}

static void devstate_test_pack_parse(struct kunit *test)
{
	static const size_t sizes[] = { 1, 7, 100, 4096, 4097 };
	struct devstate_reg regs[ARRAY_SIZE(sizes)];
	const struct devstate_hdr *hdr;
	struct list_head list;
	size_t cap = SZ_16K, len;
	void *set;
	int i;

	devstate_test_list(test, &list, regs, sizes, ARRAY_SIZE(sizes));
	set = kunit_kzalloc(test, cap, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, set);
	len = devstate_test_pack(set, cap, &list);
	hdr = set;
	KUNIT_EXPECT_EQ(test, le32_to_cpu(hdr->magic), DEVSTATE_MAGIC);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(hdr->registered), ARRAY_SIZE(sizes));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(hdr->size), len);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(hdr->time), 1234567890);
	KUNIT_ASSERT_EQ(test, devstate_parse(set, len), ARRAY_SIZE(sizes));
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		const struct devstate_ent *ent = devstate_test_ent(set, i);
		u32 off = le32_to_cpu(ent->offset);

		KUNIT_EXPECT_STREQ(test, ent->name, regs[i].name);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(ent->status), DEVSTATE_STORED);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(ent->size), sizes[i]);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(ent->stored), sizes[i]);
		KUNIT_EXPECT_EQ(test, off % 8, 0);
		KUNIT_EXPECT_LE(test, off + sizes[i], len);
		KUNIT_EXPECT_MEMEQ(test, set + off, regs[i].buf, sizes[i]);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(ent->crc),
				crc32_le(~0, regs[i].buf, sizes[i]));
	}
	/* the last byte of the last buffer ends the set */
	KUNIT_EXPECT_EQ(test, le32_to_cpu(devstate_test_ent(set, 4)->offset) + 4097, len);
	/* a set read back shorter than it says is refused */
	KUNIT_EXPECT_EQ(test, devstate_parse(set, len - 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, devstate_parse(set, 3), -EINVAL);
}

/*
 * A buffer unmapped since it was registered (here, a vmalloc area's guard
 * page) is listed as unreadable; the panic copy goes on with the next.
 */
static void devstate_test_fault(struct kunit *test)
{
	static const size_t sizes[] = { 100, 64, 200 };
	struct devstate_reg regs[ARRAY_SIZE(sizes)];
	const struct devstate_ent *ent;
	struct list_head list;
	size_t len, text_len;
	char *vbuf, *text;
	void *set;

	devstate_test_list(test, &list, regs, sizes, ARRAY_SIZE(sizes));
	vbuf = vmalloc(PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, vbuf);
	regs[1].buf = vbuf + PAGE_SIZE;
	set = kunit_kzalloc(test, SZ_4K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, set);
	len = devstate_test_pack(set, SZ_4K, &list);
	vfree(vbuf);
	KUNIT_ASSERT_EQ(test, devstate_parse(set, len), ARRAY_SIZE(sizes));
	ent = devstate_test_ent(set, 1);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(ent->status), DEVSTATE_FAULT);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(ent->stored), 0);
	ent = devstate_test_ent(set, 2);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(ent->status), DEVSTATE_STORED);
	KUNIT_EXPECT_MEMEQ(test, set + le32_to_cpu(ent->offset), regs[2].buf, 200);
	text = devstate_list_text(set, ARRAY_SIZE(sizes), &text_len);
	KUNIT_ASSERT_NOT_NULL(test, text);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text,
					   "buf1 64 not saved: could not be read at panic\n"));
	kvfree(text);
}

static void devstate_test_no_space(struct kunit *test)
{
	static const size_t sizes[] = { 100, 200, 3000, 50 };
	struct devstate_reg regs[ARRAY_SIZE(sizes)];
	struct list_head list;
	size_t cap, len;
	void *set;

	devstate_test_list(test, &list, regs, sizes, ARRAY_SIZE(sizes));
	/* room for the headers, the first two and the last, not the third */
	cap = devstate_headers(4) + 104 + 200 + 50 + 100;
	set = kunit_kzalloc(test, cap, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, set);
	len = devstate_test_pack(set, cap, &list);
	KUNIT_ASSERT_EQ(test, devstate_parse(set, len), 4);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(devstate_test_ent(set, 0)->status), DEVSTATE_STORED);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(devstate_test_ent(set, 1)->status), DEVSTATE_STORED);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(devstate_test_ent(set, 2)->status),
			DEVSTATE_NO_SPACE);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(devstate_test_ent(set, 2)->stored), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(devstate_test_ent(set, 3)->status), DEVSTATE_STORED);
	KUNIT_EXPECT_MEMEQ(test, set + le32_to_cpu(devstate_test_ent(set, 3)->offset),
			   regs[3].buf, 50);

	/* room to list two of the four, and no data */
	cap = devstate_headers(2) + 7;
	memset(set, 0xaa, cap);
	len = devstate_test_pack(set, cap, &list);
	KUNIT_EXPECT_EQ(test, len, devstate_headers(2));
	KUNIT_ASSERT_EQ(test, devstate_parse(set, len), 2);
	KUNIT_EXPECT_EQ(test, le16_to_cpu(((struct devstate_hdr *)set)->registered), 4);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(devstate_test_ent(set, 1)->status),
			DEVSTATE_NO_SPACE);

	/* no room for the header: nothing */
	KUNIT_EXPECT_EQ(test, devstate_test_pack(set, sizeof(struct devstate_hdr) - 1,
						 &list), 0);
}

static void devstate_test_freed(struct kunit *test)
{
	static const size_t sizes[] = { 64, 64 };
	struct devstate_reg regs[ARRAY_SIZE(sizes)];
	struct list_head list;
	size_t len;
	void *set;

	devstate_test_list(test, &list, regs, sizes, ARRAY_SIZE(sizes));
	regs[0].freed = true;
	set = kunit_kzalloc(test, SZ_4K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, set);
	len = devstate_test_pack(set, SZ_4K, &list);
	KUNIT_ASSERT_EQ(test, devstate_parse(set, len), 2);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(devstate_test_ent(set, 0)->status), DEVSTATE_FREED);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(devstate_test_ent(set, 0)->stored), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(devstate_test_ent(set, 1)->status), DEVSTATE_STORED);
}

static void devstate_test_damaged(struct kunit *test)
{
	static const size_t sizes[] = { 10, 20 };
	struct devstate_reg regs[ARRAY_SIZE(sizes)];
	struct devstate_ent *ent;
	struct devstate_hdr *hdr;
	struct list_head list;
	void *good, *set;
	size_t len;

	devstate_test_list(test, &list, regs, sizes, ARRAY_SIZE(sizes));
	good = kunit_kzalloc(test, SZ_4K, GFP_KERNEL);
	set = kunit_kzalloc(test, SZ_4K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, good);
	KUNIT_ASSERT_NOT_NULL(test, set);
	len = devstate_test_pack(good, SZ_4K, &list);
	KUNIT_ASSERT_EQ(test, devstate_parse(good, len), 2);
	hdr = set;
	ent = set + sizeof(*hdr) + sizeof(*ent);

#define DAMAGED(what, change) do {					\
		memcpy(set, good, len);					\
		change;							\
		KUNIT_EXPECT_EQ_MSG(test, devstate_parse(set, len), -EINVAL, what); \
	} while (0)
	DAMAGED("magic", hdr->magic = 0);
	DAMAGED("version", hdr->version = cpu_to_le16(2));
	DAMAGED("size past the record", hdr->size = cpu_to_le32(len + 1));
	DAMAGED("entries past the size", hdr->nr = cpu_to_le16(1000));
	DAMAGED("data inside the entries", ent->offset = cpu_to_le32(sizeof(*hdr)));
	DAMAGED("data past the end", ent->offset = cpu_to_le32(len - 19));
	DAMAGED("offset past the set", ent->offset = cpu_to_le32(U32_MAX - 4));
	DAMAGED("stored more than the size", ent->stored = cpu_to_le32(21));
	DAMAGED("stored less than the size", ent->stored = cpu_to_le32(19));
	DAMAGED("size past the limit", ent->size = cpu_to_le32(PSTORE_DEVSTATE_MAX_SIZE + 1));
	DAMAGED("data but not saved", ent->status = cpu_to_le32(DEVSTATE_NO_SPACE));
	DAMAGED("saved without data", (ent - 1)->stored = 0);
	DAMAGED("data shared with the entry before",
		ent->offset = (ent - 1)->offset);
	DAMAGED("data before the entry before's",
		(ent - 1)->offset = cpu_to_le32(len - 10));
	DAMAGED("the same name twice", memcpy(ent->name, (ent - 1)->name, sizeof(ent->name)));
	DAMAGED("more entries than the limit",
		hdr->nr = cpu_to_le16(PSTORE_DEVSTATE_MAX_BUFFERS + 1));
	DAMAGED("name not terminated", memset(ent->name, 'a', sizeof(ent->name)));
	DAMAGED("name with a slash", ent->name[1] = '/');
	DAMAGED("empty name", ent->name[0] = 0);
#undef DAMAGED
}

static void devstate_test_list_text(struct kunit *test)
{
	static const size_t sizes[] = { 16, 4000, 16, 16 };
	struct devstate_reg regs[ARRAY_SIZE(sizes)];
	struct list_head list;
	size_t len, text_len;
	char *text;
	void *set;
	int nr;

	devstate_test_list(test, &list, regs, sizes, ARRAY_SIZE(sizes));
	regs[3].freed = true;
	set = kunit_kzalloc(test, SZ_1K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, set);
	len = devstate_test_pack(set, SZ_1K, &list);
	nr = devstate_parse(set, len);
	KUNIT_ASSERT_EQ(test, nr, 4);
	/* the first buffer's data damaged after the copy */
	((u8 *)set)[le32_to_cpu(devstate_test_ent(set, 0)->offset)] ^= 1;
	/* the third copied in NMI context */
	((struct devstate_ent *)devstate_test_ent(set, 2))->flags = cpu_to_le32(DEVSTATE_NO_CRC);
	text = devstate_list_text(set, nr, &text_len);
	KUNIT_ASSERT_NOT_NULL(test, text);
	KUNIT_EXPECT_EQ(test, strlen(text), text_len);
	KUNIT_EXPECT_STREQ(test, text,
			   "4 buffers registered at panic, 4 listed\n"
			   "buf0 16 saved, but its checksum does not match: damaged\n"
			   "buf1 4000 not saved: no room left in the backend\n"
			   "buf2 16 saved in NMI context, without a checksum\n"
			   "buf3 16 not saved: freed while registered\n");
	kvfree(text);
}

/* A registered buffer freed without unregistering: debug objects. */
static void devstate_test_freed_registered(struct kunit *test)
{
	struct devstate_reg *r;
	char *buf, *buf2;
	bool freed;

	if (!IS_ENABLED(CONFIG_DEBUG_OBJECTS_FREE))
		kunit_skip(test, "needs CONFIG_DEBUG_OBJECTS_FREE");
	buf = kmalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, devstate_test_reg(test, "freed", buf, 64), 0);
	kfree(buf);	/* the bug: ODEBUG reports it here */
	mutex_lock(&devstate_lock);
	freed = false;
	list_for_each_entry(r, &devstate_list, list)
		freed |= !strcmp(r->name, "freed") && READ_ONCE(r->freed);
	mutex_unlock(&devstate_lock);
	KUNIT_EXPECT_TRUE(test, freed);
	/* the next registration drops it: the name is free again */
	buf2 = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf2);
	KUNIT_EXPECT_EQ(test, devstate_test_reg(test, "freed", buf2, 64), 0);
	KUNIT_EXPECT_EQ(test, devstate_nr, 1);
	pstore_devstate_unregister(buf2);
	KUNIT_EXPECT_EQ(test, devstate_nr, 0);
}

#ifdef CONFIG_PROC_VMCORE
/* Append an ELF note to the @size bytes of notes at @buf. */
static void devstate_test_note(u8 *buf, size_t *size, const char *name,
			       u32 namesz, const void *desc, u32 descsz)
{
	struct elf64_note n = { .n_namesz = namesz, .n_descsz = descsz };

	memcpy(buf + *size, &n, sizeof(n));
	*size += sizeof(n);
	memcpy(buf + *size, name, namesz);
	*size += ALIGN(namesz, 4);
	memcpy(buf + *size, desc, descsz);
	*size += ALIGN(descsz, 4);
}

/*
 * The capture kernel reads the boot id in the crashed kernel's notes,
 * which it does not trust: good notes and damaged ones.
 */
static void devstate_test_vmcoreinfo_notes(struct kunit *test)
{
	static const char info[] = "OSRELEASE=7.3\nPSTORE_DEVSTATE_BOOTX=1\n"
				   "PSTORE_DEVSTATE_BOOT=1234\nCRASHTIME=99";
	const char *key = "PSTORE_DEVSTATE_BOOT";
	size_t size = 0, vi_off;
	struct elf64_note vi;
	u8 *notes, *cut;
	char val[8];

	notes = kunit_kzalloc(test, 256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, notes);
	devstate_test_note(notes, &size, "CORE", 5, "abcdefgh", 8);
	vi_off = size;
	devstate_test_note(notes, &size, VMCOREINFO_NOTE_NAME,
			   sizeof(VMCOREINFO_NOTE_NAME), info, strlen(info));
	memcpy(&vi, notes + vi_off, sizeof(vi));

	/* after another note; not a key it is the prefix of */
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, key, val, sizeof(val)), 4);
	KUNIT_EXPECT_STREQ(test, val, "1234");
	/* the last line, without a newline */
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, "CRASHTIME", val, 3), 2);
	KUNIT_EXPECT_STREQ(test, val, "99");
	/* "7.3" and its NUL do not fit in 3 bytes */
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, "OSRELEASE", val, 3), -E2BIG);
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, "PSTORE", val, 8), -ENOENT);
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, "NOSUCH", val, 8), -ENOENT);
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, 0, key, val, 8), -ENOENT);

	/* cut short by 4 bytes, in a buffer of that size: not read past */
	cut = kunit_kmalloc(test, size - 4, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cut);
	memcpy(cut, notes, size - 4);
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(cut, size - 4, key, val, 8), -ENOENT);

	/* sizes that would wrap in 32 bits */
	vi.n_descsz = U32_MAX;
	memcpy(notes + vi_off, &vi, sizeof(vi));
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, key, val, 8), -ENOENT);
	vi.n_descsz = strlen(info);
	vi.n_namesz = U32_MAX - 2;
	memcpy(notes + vi_off, &vi, sizeof(vi));
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, key, val, 8), -ENOENT);
	/* a name one byte shorter, same padded length: another note */
	vi.n_namesz = sizeof(VMCOREINFO_NOTE_NAME) - 1;
	memcpy(notes + vi_off, &vi, sizeof(vi));
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, key, val, 8), -ENOENT);
	/* the note itself again; an empty name first ends the walk */
	vi.n_namesz = sizeof(VMCOREINFO_NOTE_NAME);
	memcpy(notes + vi_off, &vi, sizeof(vi));
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, key, val, 8), 4);
	memset(notes, 0, sizeof(vi));
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, key, val, 8), -ENOENT);

	/*
	 * a name size whose padding wraps 32 bits, and a good note right
	 * after its header, where the wrapped size would lead
	 */
	memset(notes, 0, 256);
	vi.n_namesz = U32_MAX - 2;
	vi.n_descsz = 0;
	memcpy(notes, &vi, sizeof(vi));
	size = sizeof(vi);
	devstate_test_note(notes, &size, VMCOREINFO_NOTE_NAME,
			   sizeof(VMCOREINFO_NOTE_NAME), "PSTORE_DEVSTATE_BOOT=6666", 25);
	KUNIT_EXPECT_EQ(test, vmcore_notes_value(notes, size, key, val, 8), -ENOENT);
}
#endif

#ifdef CONFIG_PROC_VMCORE_DEVICE_DUMP
/* The capture kernel takes a set only from the kernel that crashed. */
static void devstate_test_from_crash(struct kunit *test)
{
	static const size_t sizes[] = { 10 };
	struct devstate_reg regs[ARRAY_SIZE(sizes)];
	struct list_head list;
	u64 id = READ_ONCE(devstate_boot_id);
	void *set;

	KUNIT_ASSERT_NE_MSG(test, id, 0, "no boot id after the late initcalls");
	devstate_test_list(test, &list, regs, sizes, ARRAY_SIZE(sizes));
	set = kunit_kzalloc(test, SZ_4K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, set);
	KUNIT_ASSERT_GT(test, devstate_test_pack(set, SZ_4K, &list), 0);
	KUNIT_EXPECT_TRUE(test, devstate_from_crash(set, id));
	/* a set kept from an earlier boot's panic */
	KUNIT_EXPECT_FALSE(test, devstate_from_crash(set, id + 1));
	/* a crashed kernel that said nothing in its VMCOREINFO */
	KUNIT_EXPECT_FALSE(test, devstate_from_crash(set, 0));
}
#endif

static struct kunit_case devstate_test_cases[] = {
	KUNIT_CASE(devstate_test_names),
	KUNIT_CASE(devstate_test_duplicates),
	KUNIT_CASE(devstate_test_size_limits),
	KUNIT_CASE(devstate_test_count_limits),
	KUNIT_CASE(devstate_test_memory),
	KUNIT_CASE(devstate_test_init_memory),
#ifdef CONFIG_X86_32
	KUNIT_CASE(devstate_test_image_freed),
#endif
	KUNIT_CASE(devstate_test_capture_backend),
	KUNIT_CASE(devstate_test_tiny_backend),
	KUNIT_CASE(devstate_test_pack_parse),
	KUNIT_CASE(devstate_test_fault),
	KUNIT_CASE(devstate_test_no_space),
	KUNIT_CASE(devstate_test_freed),
	KUNIT_CASE(devstate_test_damaged),
	KUNIT_CASE(devstate_test_list_text),
#ifdef CONFIG_PROC_VMCORE
	KUNIT_CASE(devstate_test_vmcoreinfo_notes),
#endif
#ifdef CONFIG_PROC_VMCORE_DEVICE_DUMP
	KUNIT_CASE(devstate_test_from_crash),
#endif
	KUNIT_CASE(devstate_test_freed_registered),
	{}
};

static struct kunit_suite devstate_test_suite = {
	.name = "pstore_devstate",
	.init = devstate_test_init,
	.exit = devstate_test_exit,
	.test_cases = devstate_test_cases,
};

kunit_test_suite(devstate_test_suite);
