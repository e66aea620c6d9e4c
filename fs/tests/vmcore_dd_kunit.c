// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the device dump registry, included by fs/proc/vmcore_dd.c.
 *
 * Every test works on a registry of its own, so it runs in any kernel, and
 * reads the region back as a reader of /proc/vmcore would: as a sequence
 * of ELF notes.
 */
#include <kunit/test.h>

struct kdd {
	struct vmcoredd_data data;
	int calls;
	int ret;
	u8 seed;
};

static int kdd_fill(struct vmcoredd_data *data, void *buf)
{
	struct kdd *k = container_of(data, struct kdd, data);
	u8 *p = buf;
	unsigned int i;

	k->calls++;
	for (i = 0; i < data->size; i++)
		p[i] = k->seed + i * 7;
	return k->ret;
}

static struct kdd *kdd_new(struct kunit *test, const char *name,
			   unsigned int size, u8 seed)
{
	struct kdd *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, k);
	strscpy_pad(k->data.dump_name, name);
	k->data.size = size;
	k->data.vmcoredd_callback = kdd_fill;
	k->seed = seed;
	return k;
}

static const struct vmcoredd_limits kdd_no_limit = { .mem_percent = 100 };

#define KDD_AVAIL	(256ULL << 20)

static int kdd_add_lim(struct kunit *test, struct kdd *k,
		       const struct vmcoredd_limits *lim, u64 avail)
{
	struct vmcoredd_region *r = test->priv;
	struct vmcoredd_dump *d = NULL;
	int ret;

	mutex_lock(&r->lock);
	ret = vmcoredd_region_add(r, k ? &k->data : NULL, lim, avail, &d);
	mutex_unlock(&r->lock);
	if (!ret)
		KUNIT_EXPECT_STREQ(test, d->name, k->data.dump_name);
	return ret;
}

static int kdd_add(struct kunit *test, struct kdd *k)
{
	return kdd_add_lim(test, k, &kdd_no_limit, KDD_AVAIL);
}

/* The whole region, as read() of /proc/vmcore returns it. */
static u8 *kdd_region(struct kunit *test, size_t *len)
{
	struct vmcoredd_region *r = test->priv;
	u8 *buf;

	*len = (size_t)r->nr_pages << PAGE_SHIFT;
	buf = kunit_kzalloc(test, *len + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	vmcoredd_copy(r, buf, 0, *len);
	return buf;
}

/*
 * Walk the region's notes as a reader would: device dumps, then one filler
 * note ending exactly at the end of the region.  Checks every note and
 * returns the number of device dumps.
 */
static int kdd_walk(struct kunit *test)
{
	size_t len, pos = 0, end, i;
	u8 *buf = kdd_region(test, &len);
	bool pad = false;
	int dumps = 0;

	while (pos < len) {
		struct elf32_note *n = (struct elf32_note *)(buf + pos);
		const char *name = (const char *)(n + 1);

		KUNIT_ASSERT_LE(test, pos + sizeof(*n), len);
		end = pos + sizeof(*n) + ALIGN(n->n_namesz, 4) + ALIGN(n->n_descsz, 4);
		KUNIT_ASSERT_LE(test, end, len);
		KUNIT_EXPECT_FALSE_MSG(test, pad, "note after the filler at %zu", pos);
		if (n->n_type == NT_VMCOREDD) {
			KUNIT_EXPECT_EQ(test, n->n_namesz, 8);
			KUNIT_EXPECT_MEMEQ(test, name, "LINUX\0\0\0", 8);
			KUNIT_EXPECT_GE(test, n->n_descsz, VMCOREDD_MAX_NAME_BYTES + 1);
			dumps++;
		} else {
			KUNIT_EXPECT_EQ(test, n->n_type, 0);
			KUNIT_EXPECT_EQ(test, n->n_namesz, sizeof(VMCOREDD_PAD_NAME));
			KUNIT_EXPECT_STREQ(test, name, VMCOREDD_PAD_NAME);
			for (i = pos + sizeof(struct vmcoredd_pad_header); i < end; i++)
				if (buf[i])
					break;
			KUNIT_EXPECT_EQ_MSG(test, i, end, "filler byte %zu not zero", i);
			pad = true;
		}
		pos = end;
	}
	KUNIT_EXPECT_EQ(test, pos, len);
	KUNIT_EXPECT_EQ(test, pad, !PAGE_ALIGNED(((struct vmcoredd_region *)test->priv)->used));
	return dumps;
}

/* Check the dump @k at region offset @off: header, exact payload, zeros. */
static void kdd_expect_note(struct kunit *test, struct kdd *k, size_t off)
{
	size_t len, i, pay = off + sizeof(struct vmcoredd_header);
	u8 *buf = kdd_region(test, &len);
	struct vmcoredd_header *h = (struct vmcoredd_header *)(buf + off);

	KUNIT_ASSERT_LE(test, pay + k->data.size, len);
	KUNIT_EXPECT_EQ(test, h->n_namesz, 8);
	KUNIT_EXPECT_EQ(test, h->n_descsz, VMCOREDD_MAX_NAME_BYTES + k->data.size);
	KUNIT_EXPECT_EQ(test, h->n_type, NT_VMCOREDD);
	KUNIT_EXPECT_MEMEQ(test, h->name, "LINUX\0\0\0", 8);
	KUNIT_EXPECT_MEMEQ(test, h->dump_name, k->data.dump_name,
			   VMCOREDD_MAX_NAME_BYTES);
	for (i = 0; i < k->data.size; i++)
		if (buf[pay + i] != (u8)(k->seed + i * 7))
			break;
	KUNIT_EXPECT_EQ_MSG(test, i, k->data.size, "payload byte %zu differs", i);
	for (i = pay + k->data.size; i < ALIGN(pay + k->data.size, 4); i++)
		KUNIT_EXPECT_EQ_MSG(test, buf[i], 0, "alignment byte %zu", i);
}

static void vmcoredd_test_header(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	struct kdd *k = kdd_new(test, "dev0", 5, 1);

	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, k->calls, 1);
	KUNIT_EXPECT_EQ(test, r->used, 72);
	KUNIT_EXPECT_EQ(test, r->nr_pages, 1);
	kdd_expect_note(test, k, 0);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 1);
}

static void vmcoredd_test_alignment(struct kunit *test)
{
	static const unsigned int sizes[] = { 1, 4095, 4096, 4097, 2, 3, 4, 1048579 };
	struct vmcoredd_region *r = test->priv;
	size_t off = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		char name[16];
		struct kdd *k;

		snprintf(name, sizeof(name), "dev%u", i);
		k = kdd_new(test, name, sizes[i], i);
		KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
		kdd_expect_note(test, k, off);
		off += ALIGN(sizeof(struct vmcoredd_header) + sizes[i], 4);
		KUNIT_EXPECT_EQ(test, r->used, off);
	}
	KUNIT_EXPECT_EQ(test, kdd_walk(test), ARRAY_SIZE(sizes));
	/* a filler note of at least 28 bytes up to a page end */
	KUNIT_EXPECT_EQ(test, (size_t)r->nr_pages << PAGE_SHIFT,
			PAGE_ALIGN(off) + (PAGE_ALIGN(off) - off < 28 &&
					   !PAGE_ALIGNED(off) ? PAGE_SIZE : 0));
}

/* The filler note needs 28 bytes; a gap of 4 to 24 bytes takes a page more. */
static void vmcoredd_test_filler(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	struct kdd *k;

	/* note ends 8 bytes before the page end: filler of 8 + PAGE_SIZE */
	k = kdd_new(test, "short-gap", PAGE_SIZE - 64 - 8, 3);
	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, r->nr_pages, 2);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 1);

	/* the next note fills up to a page end exactly: no filler */
	k = kdd_new(test, "exact", 2 * PAGE_SIZE - r->used - 64, 4);
	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, r->used, 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, r->nr_pages, 2);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 2);
	kdd_expect_note(test, k, PAGE_SIZE - 8);
}

static void vmcoredd_test_name_43(struct kunit *test)
{
	static const char name[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
	struct kdd *k;

	BUILD_BUG_ON(sizeof(name) != VMCOREDD_MAX_NAME_BYTES);
	k = kdd_new(test, name, 10, 5);
	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	kdd_expect_note(test, k, 0);
}

/* Every way to refuse a dump leaves the region untouched and no callback. */
static void kdd_expect_refused(struct kunit *test, struct kdd *k, int err,
			       const struct vmcoredd_limits *lim, u64 avail)
{
	struct vmcoredd_region *r = test->priv;
	size_t len_before, len_after, held = r->held, used = r->used;
	unsigned int nr = r->nr_pages, max = r->max_pages;
	u8 *before = kdd_region(test, &len_before), *after;

	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, k, lim, avail), err);
	if (k)
		KUNIT_EXPECT_EQ(test, k->calls, err == -EIO ? 1 : 0);
	/* only a failing callback comes after the page array grew */
	if (err != -EIO)
		KUNIT_EXPECT_EQ(test, r->max_pages, max);
	KUNIT_EXPECT_EQ(test, r->held,
			held + (r->max_pages - max) * sizeof(struct page *));
	KUNIT_EXPECT_EQ(test, r->used, used);
	KUNIT_EXPECT_EQ(test, r->nr_pages, nr);
	after = kdd_region(test, &len_after);
	KUNIT_ASSERT_EQ(test, len_after, len_before);
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(after, before, len_before),
			      "the region changed");
}

static void vmcoredd_test_invalid(struct kunit *test)
{
	struct kdd *k;

	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "first", 100, 9)), 0);

	kdd_expect_refused(test, NULL, -EINVAL, &kdd_no_limit, KDD_AVAIL);
	kdd_expect_refused(test, kdd_new(test, "", 10, 0), -EINVAL,
			   &kdd_no_limit, KDD_AVAIL);
	kdd_expect_refused(test, kdd_new(test, "zero", 0, 0), -EINVAL,
			   &kdd_no_limit, KDD_AVAIL);
	kdd_expect_refused(test, kdd_new(test, "a/b", 10, 0), -EINVAL,
			   &kdd_no_limit, KDD_AVAIL);
	kdd_expect_refused(test, kdd_new(test, "ctl\x01", 10, 0), -EINVAL,
			   &kdd_no_limit, KDD_AVAIL);
	kdd_expect_refused(test, kdd_new(test, "latin\xe9", 10, 0), -EINVAL,
			   &kdd_no_limit, KDD_AVAIL);

	k = kdd_new(test, "nocb", 10, 0);
	k->data.vmcoredd_callback = NULL;
	kdd_expect_refused(test, k, -EINVAL, &kdd_no_limit, KDD_AVAIL);

	/* 44 characters: not NUL-terminated */
	k = kdd_new(test, "x", 10, 0);
	memset(k->data.dump_name, 'x', VMCOREDD_MAX_NAME_BYTES);
	kdd_expect_refused(test, k, -EINVAL, &kdd_no_limit, KDD_AVAIL);

	k = kdd_new(test, "huge", 10, 0);
	k->data.size = U32_MAX;
	kdd_expect_refused(test, k, -EINVAL, &kdd_no_limit, KDD_AVAIL);

	KUNIT_EXPECT_EQ(test, kdd_walk(test), 1);
}

static void vmcoredd_test_duplicate(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "dev", 100, 1)), 0);
	kdd_expect_refused(test, kdd_new(test, "dev", 200, 2), -EEXIST,
			   &kdd_no_limit, KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_add(test, kdd_new(test, "dev2", 200, 2)), 0);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 2);
}

static void vmcoredd_test_frozen(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;

	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "early", 100, 1)), 0);
	r->frozen = true;
	kdd_expect_refused(test, kdd_new(test, "late", 100, 2), -EBUSY,
			   &kdd_no_limit, KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 1);
}

static void vmcoredd_test_callback_error(struct kunit *test)
{
	struct kdd *k;

	/* the failing dump would start inside the first dump's last page */
	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "good", 1000, 1)), 0);
	k = kdd_new(test, "bad", 3 * PAGE_SIZE, 2);
	k->ret = -EIO;
	kdd_expect_refused(test, k, -EIO, &kdd_no_limit, KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 1);
}

/* Memory held: pages, the page array and one bookkeeping entry per dump. */
static void kdd_expect_held(struct kunit *test, unsigned int dumps)
{
	struct vmcoredd_region *r = test->priv;

	KUNIT_EXPECT_EQ(test, r->held,
			(size_t)r->nr_pages * PAGE_SIZE +
			r->max_pages * sizeof(struct page *) +
			dumps * sizeof(struct vmcoredd_dump));
}

static void vmcoredd_test_budget_percent(struct kunit *test)
{
	const struct vmcoredd_limits half = { .mem_percent = 50 };
	struct vmcoredd_region *r = test->priv;
	const u64 total = 64 << 10;

	/* 40 KiB of 50% of 64 KiB: refused before any allocation */
	kdd_expect_refused(test, kdd_new(test, "big", 40 << 10, 1), -ENOSPC,
			   &half, total);
	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, kdd_new(test, "small", 8 << 10, 2),
					  &half, total), 0);
	kdd_expect_held(test, 1);
	/* MemAvailable shrinks by what the dumps hold, the budget does not */
	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, kdd_new(test, "more", 16 << 10, 3),
					  &half, total - r->held), 0);
	kdd_expect_held(test, 2);
	KUNIT_EXPECT_LE(test, r->held, total / 2);
	kdd_expect_refused(test, kdd_new(test, "over", 8 << 10, 4), -ENOSPC,
			   &half, total - r->held);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 2);
}

static void vmcoredd_test_budget_bytes(struct kunit *test)
{
	struct vmcoredd_limits lim = { .mem_percent = 100, .max_dump = 100 };
	struct vmcoredd_region *r = test->priv;

	kdd_expect_refused(test, kdd_new(test, "d101", 101, 1), -ENOSPC, &lim,
			   KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, kdd_new(test, "d100", 100, 2),
					  &lim, KDD_AVAIL), 0);
	kdd_expect_held(test, 1);

	lim.max_dump = 0;
	lim.max_total = r->held + sizeof(struct vmcoredd_dump) - 1;
	/* fits in the first page, but its bookkeeping does not fit */
	kdd_expect_refused(test, kdd_new(test, "tiny", 1, 3), -ENOSPC, &lim,
			   KDD_AVAIL);
	lim.max_total++;
	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, kdd_new(test, "tiny", 1, 3),
					  &lim, KDD_AVAIL), 0);
	kdd_expect_held(test, 2);
	kdd_expect_refused(test, kdd_new(test, "page", PAGE_SIZE, 4), -ENOSPC,
			   &lim, KDD_AVAIL);
}

static int vmcoredd_test_init(struct kunit *test)
{
	struct vmcoredd_region *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	if (!r)
		return -ENOMEM;
	mutex_init(&r->lock);
	INIT_LIST_HEAD(&r->dumps);
	test->priv = r;
	return 0;
}

static void vmcoredd_test_exit(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;

	mutex_lock(&r->lock);
	vmcoredd_region_free(r);
	mutex_unlock(&r->lock);
}

static struct kunit_case vmcoredd_test_cases[] = {
	KUNIT_CASE(vmcoredd_test_header),
	KUNIT_CASE(vmcoredd_test_alignment),
	KUNIT_CASE(vmcoredd_test_filler),
	KUNIT_CASE(vmcoredd_test_name_43),
	KUNIT_CASE(vmcoredd_test_invalid),
	KUNIT_CASE(vmcoredd_test_duplicate),
	KUNIT_CASE(vmcoredd_test_frozen),
	KUNIT_CASE(vmcoredd_test_callback_error),
	KUNIT_CASE(vmcoredd_test_budget_percent),
	KUNIT_CASE(vmcoredd_test_budget_bytes),
	{}
};

static struct kunit_suite vmcoredd_test_suite = {
	.name = "vmcoredd",
	.init = vmcoredd_test_init,
	.exit = vmcoredd_test_exit,
	.test_cases = vmcoredd_test_cases,
};

kunit_test_suite(vmcoredd_test_suite);
