// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the device dump registry, included by fs/proc/vmcore_dd.c.
 *
 * Every test works on a registry of its own, with a /proc/vmcore whose open
 * state the test sets, so it runs in any kernel.  The region is read back
 * through vmcoredd_region_read(), as read() of /proc/vmcore returns it, and
 * walked as a sequence of ELF notes.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/kernfs.h>
#include <linux/kthread.h>
#include <linux/mman.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/uio.h>

/* The note header: n_namesz, n_descsz, n_type, "LINUX\0\0\0", the name */
#define KDD_HDR		(12 + 8 + 44)

/* The test's /proc/vmcore and memory */
static bool kdd_open, kdd_opened;
static size_t kdd_dd_size;
static u64 kdd_mem;
static DEFINE_MUTEX(kdd_lock);

static u64 kdd_avail(void)
{
	return kdd_mem;
}

static bool kdd_is_open(void)
{
	return kdd_open;
}

static bool kdd_was_opened(void)
{
	return kdd_opened;
}

static void kdd_set_size(size_t size)
{
	kdd_dd_size = size;
}

struct kdd {
	struct vmcoredd_data data;
	int calls;
	int ret;
	bool open_during;	/* the callback opens /proc/vmcore */
	u8 seed;
};

static u8 kdd_byte(u8 seed, size_t i)
{
	return seed + i * 7;
}

static int kdd_fill(struct vmcoredd_data *data, void *buf)
{
	struct kdd *k = container_of(data, struct kdd, data);
	u8 *p = buf;
	unsigned int i;

	k->calls++;
	for (i = 0; i < data->size; i++)
		p[i] = kdd_byte(k->seed, i);
	if (k->open_during) {
		kdd_open = true;
		kdd_opened = true;
	}
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
	kdd_mem = avail;
	return vmcoredd_region_add(test->priv, k ? &k->data : NULL, lim, kdd_avail);
}

static int kdd_add(struct kunit *test, struct kdd *k)
{
	return kdd_add_lim(test, k, &kdd_no_limit, KDD_AVAIL);
}

/* @len bytes of the region from @off, as read() of /proc/vmcore returns. */
static u8 *kdd_read(struct kunit *test, u64 off, size_t len, int *ret)
{
	u8 *buf = kunit_kzalloc(test, len + 1, GFP_KERNEL);
	struct kvec kv = { .iov_base = buf, .iov_len = len };
	struct iov_iter iter;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	iov_iter_kvec(&iter, ITER_DEST, &kv, 1, len);
	*ret = vmcoredd_region_read(test->priv, &iter, off, len);
	return buf;
}

/* The whole region. */
static u8 *kdd_region(struct kunit *test, size_t *len)
{
	struct vmcoredd_region *r = test->priv;
	int ret;
	u8 *buf;

	KUNIT_ASSERT_EQ(test, r->size, (u64)kdd_dd_size);
	*len = r->size;
	buf = kdd_read(test, 0, *len, &ret);
	KUNIT_ASSERT_EQ(test, ret, 0);
	return buf;
}

/*
 * Walk the region's notes as a reader would: each device dump is followed
 * by at most one filler note, which ends on a page boundary; the region
 * ends on one.  Checks every note and returns the number of device dumps.
 */
static int kdd_walk(struct kunit *test)
{
	size_t len, pos = 0, end, i;
	u8 *buf = kdd_region(test, &len);
	int dumps = 0;

	KUNIT_EXPECT_TRUE(test, PAGE_ALIGNED(len));
	while (pos < len) {
		struct elf32_note *n = (struct elf32_note *)(buf + pos);
		const char *name = (const char *)(n + 1);

		KUNIT_ASSERT_LE(test, pos + sizeof(*n), len);
		end = pos + sizeof(*n) + ALIGN(n->n_namesz, 4) + ALIGN(n->n_descsz, 4);
		KUNIT_ASSERT_LE(test, end, len);
		if (n->n_type == NT_VMCOREDD) {
			KUNIT_EXPECT_TRUE_MSG(test, PAGE_ALIGNED(pos),
					      "dump note at %zu", pos);
			KUNIT_EXPECT_EQ(test, n->n_namesz, 8);
			KUNIT_EXPECT_MEMEQ(test, name, "LINUX\0\0\0", 8);
			KUNIT_EXPECT_GE(test, n->n_descsz, VMCOREDD_MAX_NAME_BYTES + 1);
			dumps++;
		} else {
			KUNIT_EXPECT_EQ(test, n->n_type, 0);
			KUNIT_EXPECT_EQ(test, n->n_namesz, 13);
			KUNIT_EXPECT_STREQ(test, name, "VMCOREDD_PAD");
			KUNIT_EXPECT_FALSE_MSG(test, PAGE_ALIGNED(pos),
					       "filler at page start %zu", pos);
			KUNIT_EXPECT_TRUE_MSG(test, PAGE_ALIGNED(end),
					      "filler ends at %zu", end);
			for (i = pos + 28; i < end; i++)
				if (buf[i])
					break;
			KUNIT_EXPECT_EQ_MSG(test, i, end, "filler byte %zu not zero", i);
		}
		pos = end;
	}
	KUNIT_EXPECT_EQ(test, pos, len);
	return dumps;
}

/* Check the dump @k at region offset @off: header, exact payload, zeros. */
static void kdd_expect_note(struct kunit *test, struct kdd *k, size_t off,
			    unsigned int size)
{
	size_t len, i, pay = off + KDD_HDR;
	u8 *buf = kdd_region(test, &len);
	struct vmcoredd_header *h = (struct vmcoredd_header *)(buf + off);

	KUNIT_ASSERT_LE(test, pay + size, len);
	KUNIT_EXPECT_EQ(test, h->n_namesz, 8);
	KUNIT_EXPECT_EQ(test, h->n_descsz, VMCOREDD_MAX_NAME_BYTES + size);
	KUNIT_EXPECT_EQ(test, h->n_type, NT_VMCOREDD);
	KUNIT_EXPECT_MEMEQ(test, h->name, "LINUX\0\0\0", 8);
	KUNIT_EXPECT_MEMEQ(test, h->dump_name, k->data.dump_name,
			   VMCOREDD_MAX_NAME_BYTES);
	for (i = 0; i < size; i++)
		if (buf[pay + i] != kdd_byte(k->seed, i))
			break;
	KUNIT_EXPECT_EQ_MSG(test, i, size, "payload byte %zu differs", i);
	for (i = pay + size; i < ALIGN(pay + size, 4); i++)
		KUNIT_EXPECT_EQ_MSG(test, buf[i], 0, "alignment byte %zu", i);
}

static void vmcoredd_test_header(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	struct kdd *k = kdd_new(test, "dev0", 5, 1);

	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, k->calls, 1);
	KUNIT_EXPECT_EQ(test, r->size, PAGE_SIZE);
	kdd_expect_note(test, k, 0, 5);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 1);
}

/* Each dump starts on a page; its note is exact, the rest is a filler. */
static void vmcoredd_test_alignment(struct kunit *test)
{
	const unsigned int sizes[] = {
		1, 2, 3, 4, PAGE_SIZE - KDD_HDR - 1, PAGE_SIZE - KDD_HDR,
		PAGE_SIZE - KDD_HDR + 1, PAGE_SIZE, PAGE_SIZE + 1, 1048579,
	};
	size_t off = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		char name[16];
		struct kdd *k;

		snprintf(name, sizeof(name), "dev%u", i);
		k = kdd_new(test, name, sizes[i], i);
		KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
		kdd_expect_note(test, k, off, sizes[i]);
		off = kdd_dd_size;
	}
	KUNIT_EXPECT_EQ(test, kdd_walk(test), ARRAY_SIZE(sizes));
}

/* The filler note needs 28 bytes: a gap of 4 to 24 bytes takes a page more. */
static void vmcoredd_test_filler(struct kunit *test)
{
	struct kdd *k;

	BUILD_BUG_ON(sizeof(struct vmcoredd_header) != KDD_HDR);
	/* the note ends 8 bytes before the page end */
	k = kdd_new(test, "short-gap", PAGE_SIZE - KDD_HDR - 8, 3);
	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, kdd_dd_size, 2 * PAGE_SIZE);
	/* 24 bytes: still too short, a page more */
	k = kdd_new(test, "gap-24", PAGE_SIZE - KDD_HDR - 24, 4);
	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, kdd_dd_size, 4 * PAGE_SIZE);
	/* 28 bytes: the smallest filler, in the same page */
	k = kdd_new(test, "gap-28", PAGE_SIZE - KDD_HDR - 28, 5);
	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, kdd_dd_size, 5 * PAGE_SIZE);
	/* the note fills its page exactly: no filler */
	k = kdd_new(test, "exact", PAGE_SIZE - KDD_HDR, 6);
	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, kdd_dd_size, 6 * PAGE_SIZE);
	kdd_expect_note(test, k, 5 * PAGE_SIZE, PAGE_SIZE - KDD_HDR);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 4);
}

static void vmcoredd_test_name_43(struct kunit *test)
{
	static const char name[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
	struct kdd *k;

	BUILD_BUG_ON(sizeof(name) != VMCOREDD_MAX_NAME_BYTES);
	k = kdd_new(test, name, 10, 5);
	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	kdd_expect_note(test, k, 0, 10);
}

/* A refused dump leaves the region and the memory held as they were. */
static void kdd_expect_refused(struct kunit *test, struct kdd *k, int err,
			       int calls, const struct vmcoredd_limits *lim,
			       u64 avail)
{
	struct vmcoredd_region *r = test->priv;
	size_t len_before, len_after;
	u64 held = r->held;
	u8 *before = kdd_region(test, &len_before), *after;

	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, k, lim, avail), err);
	if (k)
		KUNIT_EXPECT_EQ(test, k->calls, calls);
	KUNIT_EXPECT_EQ(test, r->held, held);
	KUNIT_EXPECT_TRUE(test, list_empty(&r->pending));
	after = kdd_region(test, &len_after);
	KUNIT_ASSERT_EQ(test, len_after, len_before);
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(after, before, len_before),
			      "the region changed");
}

struct kdd_invalid {
	const char *desc;
	const char *name;	/* NULL: 44 characters, no NUL */
	unsigned int size;
	bool no_callback;
};

static const struct kdd_invalid kdd_invalid_cases[] = {
	{ "empty name", "", 10 },
	{ "no NUL within 44 bytes", NULL, 10 },
	{ "slash", "a/b", 10 },
	{ "dot", ".", 10 },
	{ "dot-dot", "..", 10 },
	{ "control character", "ctl\x01", 10 },
	{ "DEL", "del\x7f", 10 },
	{ "not ASCII", "latin\xe9", 10 },
	{ "size 0", "zero", 0 },
	{ "no callback", "nocb", 10, true },
	{ "VMCOREDD_MAX_SIZE + 1", "max+1", VMCOREDD_MAX_SIZE + 1 },
	{ "U32_MAX - 66: n_descsz would wrap", "wrap66", U32_MAX - 66 },
	{ "U32_MAX - 64", "wrap64", U32_MAX - 64 },
	{ "U32_MAX - 60", "wrap60", U32_MAX - 60 },
	{ "U32_MAX", "u32max", U32_MAX },
};

static void kdd_invalid_desc(const struct kdd_invalid *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kdd_invalid, kdd_invalid_cases, kdd_invalid_desc);

static void vmcoredd_test_invalid(struct kunit *test)
{
	const struct kdd_invalid *c = test->param_value;
	struct kdd *k = kdd_new(test, c->name ?: "x", c->size, 0);

	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "first", 100, 9)), 0);
	if (!c->name)
		memset(k->data.dump_name, 'x', VMCOREDD_MAX_NAME_BYTES);
	if (c->no_callback)
		k->data.vmcoredd_callback = NULL;
	kdd_expect_refused(test, k, -EINVAL, 0, &kdd_no_limit, KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 1);
}

static void vmcoredd_test_null(struct kunit *test)
{
	kdd_expect_refused(test, NULL, -EINVAL, 0, &kdd_no_limit, KDD_AVAIL);
}

static void vmcoredd_test_duplicate(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "dev", 100, 1)), 0);
	kdd_expect_refused(test, kdd_new(test, "dev", 200, 2), -EEXIST, 0,
			   &kdd_no_limit, KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_add(test, kdd_new(test, "dev2", 200, 2)), 0);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 2);
}

/* While /proc/vmcore is open: refused before the callback runs. */
static void vmcoredd_test_open(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "early", 100, 1)), 0);
	kdd_open = true;
	kdd_opened = true;
	kdd_expect_refused(test, kdd_new(test, "late", 100, 2), -EBUSY, 0,
			   &kdd_no_limit, KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 1);
}

#define KDD_RACERS	8

struct kdd_racer {
	struct kunit *test;
	struct kdd *k;
	int ret;
	struct completion done;
};

/* Racers that are in their callback or have been refused */
static atomic_t kdd_race_count;
static DECLARE_WAIT_QUEUE_HEAD(kdd_race_wq);

static void kdd_race_arrive(void)
{
	atomic_inc(&kdd_race_count);
	wake_up_all(&kdd_race_wq);
}

/*
 * Keep each dump reserved and unpublished until every racer has tried to
 * add its own, so that a duplicate meets the other's reservation.
 */
static int kdd_race_fill(struct vmcoredd_data *data, void *buf)
{
	kdd_race_arrive();
	wait_event_timeout(kdd_race_wq,
			   atomic_read(&kdd_race_count) >= KDD_RACERS, 10 * HZ);
	return kdd_fill(data, buf);
}

static int kdd_race(void *arg)
{
	struct kdd_racer *t = arg;

	t->ret = vmcoredd_region_add(t->test->priv, &t->k->data,
				     &kdd_no_limit, kdd_avail);
	if (t->ret)
		kdd_race_arrive();
	complete(&t->done);
	return 0;
}

/*
 * Registrations at once, two of each name, all reserved before any is
 * published: one of each name is added, the other refused.
 */
static void vmcoredd_test_concurrent(struct kunit *test)
{
	struct kdd_racer t[KDD_RACERS];
	int i, added = 0, exist = 0;

	atomic_set(&kdd_race_count, 0);
	kdd_mem = KDD_AVAIL;
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		char name[8];

		snprintf(name, sizeof(name), "race%d", i % 4);
		t[i].test = test;
		t[i].k = kdd_new(test, name, (1 + i % 3) * PAGE_SIZE, i);
		t[i].k->data.vmcoredd_callback = kdd_race_fill;
		init_completion(&t[i].done);
	}
	for (i = 0; i < ARRAY_SIZE(t); i++)
		if (IS_ERR(kthread_run(kdd_race, &t[i], "kdd_race%d", i)))
			kdd_race(&t[i]);
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		wait_for_completion(&t[i].done);
		added += !t[i].ret;
		exist += t[i].ret == -EEXIST;
	}
	KUNIT_EXPECT_EQ(test, added, KDD_RACERS / 2);
	KUNIT_EXPECT_EQ(test, exist, KDD_RACERS / 2);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), KDD_RACERS / 2);
}

/* Not a capture kernel, or after vmcore_cleanup(): -ENODEV, no callback. */
static void vmcoredd_test_not_ready(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;

	r->ready = false;
	kdd_expect_refused(test, kdd_new(test, "dev", 100, 1), -ENODEV, 0,
			   &kdd_no_limit, KDD_AVAIL);
}

/*
 * vmcore_add_device_dump() itself.  KUnit runs outside a capture kernel,
 * where there is no /proc/vmcore: nothing is added and no callback runs.
 */
static void vmcoredd_test_api(struct kunit *test)
{
	struct kdd *k = kdd_new(test, "api", 10, 1);

	if (is_kdump_kernel())
		kunit_skip(test, "runs outside a capture kernel only");
	KUNIT_EXPECT_EQ(test, vmcore_add_device_dump(&k->data), -ENODEV);
	KUNIT_EXPECT_EQ(test, vmcore_add_device_dump(NULL), -EINVAL);
	/* novmcoredd, without setting it for the rest of the kernel */
	KUNIT_EXPECT_EQ(test, vmcoredd_add(&k->data, true), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, k->calls, 0);
}

/* Opened while the dump is taken: refused at publication, memory given back. */
static void vmcoredd_test_open_during(struct kunit *test)
{
	struct kdd *k = kdd_new(test, "racing", 3 * PAGE_SIZE, 2);

	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "early", 100, 1)), 0);
	k->open_during = true;
	kdd_expect_refused(test, k, -EBUSY, 1, &kdd_no_limit, KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 1);
}

/* After the last close: accepted again (mainline's rule). */
static void vmcoredd_test_after_close(struct kunit *test)
{
	struct kdd *k = kdd_new(test, "after", 100, 2);

	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "early", 100, 1)), 0);
	kdd_opened = true;
	KUNIT_EXPECT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 2);
	kdd_expect_note(test, k, PAGE_SIZE, 100);
}

static void vmcoredd_test_callback_error(struct kunit *test)
{
	struct kdd *k = kdd_new(test, "bad", 3 * PAGE_SIZE, 2);

	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "good", 1000, 1)), 0);
	k->ret = -EIO;
	kdd_expect_refused(test, k, -EIO, 1, &kdd_no_limit, KDD_AVAIL);
	k = kdd_new(test, "overlong", 100, 3);
	k->ret = 101;
	kdd_expect_refused(test, k, -EINVAL, 1, &kdd_no_limit, KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 1);
}

/* A callback that wrote fewer bytes: the note is trimmed, pages given back. */
static void vmcoredd_test_trim(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	struct kdd *k = kdd_new(test, "trimmed", 8 * PAGE_SIZE, 4);
	u64 held_small;

	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "small", 300, 1)), 0);
	held_small = r->held;
	k->ret = 300;
	KUNIT_ASSERT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, kdd_dd_size, 2 * PAGE_SIZE);
	/* 8 of its 9 pages are back; a page table page may stay counted */
	KUNIT_EXPECT_LE(test, r->held, 2 * held_small + PAGE_SIZE);
	kdd_expect_note(test, k, PAGE_SIZE, 300);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 2);
}

/*
 * A dump trimmed to one page holds, until it is published, its bookkeeping
 * and that page: the pages and the page array it gave back leave the count
 * of what pending dumps have allocated.
 */
static void vmcoredd_test_trim_pending(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	struct kdd *k = kdd_new(test, "trimmed", 8 * PAGE_SIZE, 4);
	struct vmcoredd_dump *d;

	k->ret = 300;
	kdd_mem = KDD_AVAIL;
	mutex_lock(r->lock);
	d = vmcoredd_reserve(r, &k->data, &kdd_no_limit, kdd_avail());
	mutex_unlock(r->lock);
	KUNIT_ASSERT_FALSE(test, IS_ERR(d));
	KUNIT_EXPECT_EQ(test, vmcoredd_fill(r, d, &k->data), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&r->pending_allocated),
			(s64)(sizeof(*d) + PAGE_SIZE));
	mutex_lock(r->lock);
	KUNIT_EXPECT_EQ(test, vmcoredd_publish(r, d, 0), 0);
	mutex_unlock(r->lock);
	KUNIT_EXPECT_EQ(test, atomic64_read(&r->pending_allocated), 0);
}

/* read() at every boundary: inside a dump, across dumps, past the end. */
static void vmcoredd_test_read(struct kunit *test)
{
	struct kdd *a = kdd_new(test, "a", PAGE_SIZE + 100, 1);
	struct kdd *b = kdd_new(test, "b", 10, 2);
	/* from a's payload byte PAGE_SIZE - 3, across its filler, into b's payload */
	u64 off = KDD_HDR + PAGE_SIZE - 3, b_pay = 2 * PAGE_SIZE + KDD_HDR;
	size_t i, len = b_pay + 5 - off;
	int ret;
	u8 *buf;

	KUNIT_ASSERT_EQ(test, kdd_add(test, a), 0);
	KUNIT_ASSERT_EQ(test, kdd_add(test, b), 0);
	KUNIT_ASSERT_EQ(test, kdd_dd_size, 3 * PAGE_SIZE);
	buf = kdd_read(test, off, len, &ret);
	KUNIT_ASSERT_EQ(test, ret, 0);
	for (i = 0; i < 100 + 3; i++)
		KUNIT_EXPECT_EQ(test, buf[i], kdd_byte(1, PAGE_SIZE - 3 + i));
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, buf[b_pay - off + i], kdd_byte(2, i));
	/* the region ends at 3 pages: a read past it fails */
	kdd_read(test, 3 * PAGE_SIZE - 1, 2, &ret);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
}

/* /sys/kernel/vmcoredd/<name> reads the payload alone, at any offset. */
static void vmcoredd_test_sysfs_read(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	const unsigned int size = PAGE_SIZE + 10;
	/* payload byte @p0 is the fifth byte before the dump's second page */
	const size_t p0 = PAGE_SIZE - KDD_HDR - 5;
	struct bin_attribute attr = {};
	size_t i;
	u8 *buf;

	buf = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "sysfs", size, 7)), 0);
	attr.private = list_first_entry(&r->dumps, struct vmcoredd_dump, list);

	KUNIT_EXPECT_EQ(test, vmcoredd_attr_read(NULL, NULL, &attr, buf, p0, 20),
			(ssize_t)20);
	for (i = 0; i < 20; i++)
		KUNIT_EXPECT_EQ(test, buf[i], kdd_byte(7, p0 + i));
	/* up to the end of the payload, never into the filler */
	KUNIT_EXPECT_EQ(test, vmcoredd_attr_read(NULL, NULL, &attr, buf, size - 3, 100),
			(ssize_t)3);
	KUNIT_EXPECT_EQ(test, vmcoredd_attr_read(NULL, NULL, &attr, buf, size, 1),
			(ssize_t)0);
	KUNIT_EXPECT_EQ(test, vmcoredd_attr_read(NULL, NULL, &attr, buf, 0, size),
			(ssize_t)size);
	for (i = 0; i < size; i++)
		if (buf[i] != kdd_byte(7, i))
			break;
	KUNIT_EXPECT_EQ_MSG(test, i, (size_t)size, "byte %zu differs", i);
}

static void kdd_kobject_put(void *kobj)
{
	kobject_put(kobj);
}

static bool kdd_has_file(struct kobject *kobj, const char *name)
{
	struct kernfs_node *kn = kernfs_find_and_get(kobj->sd, name);

	kernfs_put(kn);
	return kn;
}

/*
 * A dump's sysfs file exists when its registration returns, and goes with a
 * dump refused at publication; its log line comes from the work item, which
 * freeing the region waits for while it is pending.
 */
static void vmcoredd_test_listing_and_log(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	struct kobject *kobj;
	struct kdd *busy;

	if (!IS_ENABLED(CONFIG_SYSFS))
		kunit_skip(test, "no sysfs");
	kobj = kobject_create_and_add("vmcoredd_kunit", NULL);
	KUNIT_ASSERT_NOT_NULL(test, kobj);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, kdd_kobject_put, kobj), 0);
	r->kobj = kobject_get(kobj);
	r->log_delay = 60 * HZ;		/* the work item stays pending */

	KUNIT_EXPECT_EQ(test, kdd_add(test, kdd_new(test, "a", 10, 1)), 0);
	KUNIT_EXPECT_TRUE(test, kdd_has_file(kobj, "a"));
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&r->log_work));
	KUNIT_EXPECT_FALSE(test, list_empty(&r->unlogged));

	/* refused at publication: its file, made before, is gone */
	busy = kdd_new(test, "busy", 20, 2);
	busy->open_during = true;
	KUNIT_EXPECT_EQ(test, kdd_add(test, busy), -EBUSY);
	KUNIT_EXPECT_FALSE(test, kdd_has_file(kobj, "busy"));
	kdd_open = false;

	flush_delayed_work(&r->log_work);
	KUNIT_EXPECT_TRUE(test, list_empty(&r->unlogged));

	/* freed while the work item is pending: it runs, then the files go */
	KUNIT_EXPECT_EQ(test, kdd_add(test, kdd_new(test, "b", 30, 3)), 0);
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&r->log_work));
	vmcoredd_region_free(r);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&r->log_work));
	KUNIT_EXPECT_TRUE(test, list_empty(&r->unlogged));
	KUNIT_EXPECT_FALSE(test, kdd_has_file(kobj, "a"));
	KUNIT_EXPECT_FALSE(test, kdd_has_file(kobj, "b"));
	KUNIT_EXPECT_EQ(test, r->held, 0);
}

/* A page mapped by a reader outlives the registry's cleanup. */
static void vmcoredd_test_mapped_page(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	struct vmcoredd_dump *d;
	struct page *page;
	u8 *p;

	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "mapped", 100, 6)), 0);
	d = list_first_entry(&r->dumps, struct vmcoredd_dump, list);
	page = d->pages[0];
	get_page(page);		/* what vm_insert_page() takes */
	vmcoredd_region_free(r);
	KUNIT_EXPECT_EQ(test, page_count(page), 1);
	p = kmap_local_page(page);
	KUNIT_EXPECT_EQ(test, p[KDD_HDR], kdd_byte(6, 0));
	kunmap_local(p);
	put_page(page);
	KUNIT_EXPECT_EQ(test, r->held, 0);
}

/*
 * The page allocator of the tests that set it (one registration at a time):
 * records the flags of each page, and fails from the @kdd_fail_at'th on.
 */
static unsigned int kdd_fail_at, kdd_allocs;
static gfp_t kdd_gfp[4];

static struct page *kdd_alloc_page(gfp_t gfp)
{
	if (kdd_allocs < ARRAY_SIZE(kdd_gfp))
		kdd_gfp[kdd_allocs] = gfp;
	kdd_allocs++;
	if (kdd_fail_at && kdd_allocs >= kdd_fail_at)
		return NULL;
	return alloc_page(gfp);
}

static int kdd_fill_lowmem(struct vmcoredd_data *data, void *buf)
{
	struct kdd *k = container_of(data, struct kdd, data);

	/* a one-page dump's buffer is a lowmem address, valid in any thread */
	k->ret = virt_addr_valid(buf) ? 0 : -EFAULT;
	return kdd_fill(data, buf);
}

/*
 * The page of a one-page dump comes from lowmem, since the callback gets its
 * address directly; larger dumps may use highmem, through vmap().
 */
static void vmcoredd_test_lowmem(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	struct kdd *k = kdd_new(test, "one", 100, 1);

	r->new_page = kdd_alloc_page;
	kdd_allocs = 0;
	k->data.vmcoredd_callback = kdd_fill_lowmem;
	KUNIT_EXPECT_EQ(test, kdd_add(test, k), 0);
	KUNIT_ASSERT_EQ(test, kdd_allocs, 1);
	KUNIT_EXPECT_FALSE(test, kdd_gfp[0] & __GFP_HIGHMEM);
	/* the filler's descriptor is zero because the page came zeroed */
	KUNIT_EXPECT_TRUE(test, kdd_gfp[0] & __GFP_ZERO);

	kdd_allocs = 0;
	KUNIT_EXPECT_EQ(test, kdd_add(test, kdd_new(test, "two", PAGE_SIZE, 2)), 0);
	KUNIT_ASSERT_EQ(test, kdd_allocs, 2);
	KUNIT_EXPECT_TRUE(test, kdd_gfp[0] & kdd_gfp[1] & __GFP_HIGHMEM);
	KUNIT_EXPECT_TRUE(test, kdd_gfp[0] & kdd_gfp[1] & __GFP_ZERO);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 2);
}

/*
 * A page allocation fails part way: -ENOMEM before the callback, the pages
 * taken so far and the reservation given back, the name free again.
 */
static void vmcoredd_test_alloc_fails(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	struct kdd *k = kdd_new(test, "partial", 8 * PAGE_SIZE, 2);

	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "kept", 100, 1)), 0);
	r->new_page = kdd_alloc_page;
	kdd_allocs = 0;
	kdd_fail_at = 5;
	kdd_expect_refused(test, k, -ENOMEM, 0, &kdd_no_limit, KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_allocs, 5);
	KUNIT_EXPECT_EQ(test, r->pending_size, 0);
	KUNIT_EXPECT_EQ(test, r->pending_cost, 0);
	kdd_fail_at = 0;
	KUNIT_EXPECT_EQ(test, kdd_add(test, k), 0);
	KUNIT_EXPECT_EQ(test, k->calls, 1);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 2);
	kdd_expect_note(test, k, PAGE_SIZE, 8 * PAGE_SIZE);
}

/* A user mapping of @pages pages, for vmcoredd_region_mmap(). */
static unsigned long kdd_user_map(struct kunit *test, unsigned int pages)
{
	unsigned long addr = kunit_vm_mmap(test, NULL, 0, pages * PAGE_SIZE,
					   PROT_READ, MAP_ANONYMOUS | MAP_PRIVATE, 0);

	KUNIT_ASSERT_FALSE_MSG(test, !addr || IS_ERR_VALUE(addr),
			       "kunit_vm_mmap(): %ld", (long)addr);
	return addr;
}

/* vmcoredd_region_mmap() of [@off, @off + @len) at user address @addr. */
static int kdd_mmap(struct kunit *test, unsigned long addr, u64 off, size_t len)
{
	struct vm_area_struct *vma;
	int ret = -EFAULT;

	mmap_write_lock(current->mm);
	vma = vma_lookup(current->mm, addr);
	if (vma) {
		/* as mmap_vmcore() sets up its mapping */
		vm_flags_mod(vma, VM_MIXEDMAP, VM_MAYWRITE | VM_MAYEXEC);
		ret = vmcoredd_region_mmap(test->priv, vma, addr, off, len);
	}
	mmap_write_unlock(current->mm);
	return ret;
}

/* The user mapping at @addr holds @len bytes of the region from @off. */
static void kdd_expect_mapped(struct kunit *test, unsigned long addr,
			      const u8 *region, u64 off, size_t len)
{
	u8 *buf = kunit_kzalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, copy_from_user(buf, (void __user *)addr, len), 0);
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(buf, region + off, len),
			      "mapping of region bytes %llu..%llu differs",
			      off, off + len);
}

/*
 * mmap() of the region: any page-aligned range, across dumps; unaligned or
 * past the end refused.  The mapping holds the dumps' own pages, with a
 * reference of its own, so it keeps them after the registry is freed (a
 * transient reference taken elsewhere in mm could make the count 2; none is
 * expected in a KUnit kernel).
 */
static void vmcoredd_test_mmap(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;
	struct page *pages[3];
	struct vmcoredd_dump *d;
	unsigned long addr;
	unsigned int i = 0;
	size_t len;
	u8 *region;

	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "a", PAGE_SIZE + 100, 1)), 0);
	KUNIT_ASSERT_EQ(test, kdd_add(test, kdd_new(test, "b", 10, 2)), 0);
	region = kdd_region(test, &len);
	KUNIT_ASSERT_EQ(test, len, 3 * PAGE_SIZE);
	list_for_each_entry(d, &r->dumps, list)
		for (unsigned int j = 0; j < d->nr_pages && i < 3; j++)
			pages[i++] = d->pages[j];
	KUNIT_ASSERT_EQ(test, i, 3);

	addr = kdd_user_map(test, 3);
	KUNIT_EXPECT_EQ(test, kdd_mmap(test, addr, 100, PAGE_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, kdd_mmap(test, addr, 0, PAGE_SIZE - 100), -EINVAL);
	KUNIT_EXPECT_EQ(test, kdd_mmap(test, addr, 3 * PAGE_SIZE, PAGE_SIZE), -EINVAL);
	/* partly past the end: refused, once b's page is in */
	KUNIT_EXPECT_EQ(test, kdd_mmap(test, kdd_user_map(test, 2), 2 * PAGE_SIZE,
				       2 * PAGE_SIZE), -EINVAL);
	/* from a's second page to the end: across the boundary to b */
	KUNIT_ASSERT_EQ(test, kdd_mmap(test, addr + PAGE_SIZE, PAGE_SIZE,
				       2 * PAGE_SIZE), 0);
	kdd_expect_mapped(test, addr + PAGE_SIZE, region, PAGE_SIZE, 2 * PAGE_SIZE);
	/* then its first page */
	KUNIT_ASSERT_EQ(test, kdd_mmap(test, addr, 0, PAGE_SIZE), 0);
	kdd_expect_mapped(test, addr, region, 0, 3 * PAGE_SIZE);

	/* the registry is freed; the mapping keeps the pages and their bytes */
	vmcoredd_region_free(r);
	KUNIT_EXPECT_EQ(test, r->held, 0);
	/* b's page is in both mappings: the one partly past the end kept it */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ_MSG(test, page_count(pages[i]), i < 2 ? 1 : 2,
				    "page %u: the mappings' references", i);
	kdd_expect_mapped(test, addr, region, 0, 3 * PAGE_SIZE);
}

/*
 * Sizes near U32_MAX, where a 32-bit size_t would wrap: a note holds its
 * header and payload, padded to 4 bytes; its pages hold it and leave room
 * for a filler note, or none.
 */
static void vmcoredd_test_sizes(struct kunit *test)
{
	static const u32 sizes[] = {
		1, 3, 4, PAGE_SIZE - KDD_HDR, PAGE_SIZE - KDD_HDR - 27,
		PAGE_SIZE - KDD_HDR - 28, VMCOREDD_MAX_SIZE, U32_MAX - 66,
		U32_MAX - 64, U32_MAX - 60, U32_MAX,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u64 want = (u64)KDD_HDR + sizes[i];
		u64 len = vmcoredd_note_len(sizes[i]);
		u64 bytes = (u64)vmcoredd_nr_pages(sizes[i]) << PAGE_SHIFT;

		KUNIT_EXPECT_GE_MSG(test, len, want, "size %u", sizes[i]);
		KUNIT_EXPECT_LT_MSG(test, len, want + 4, "size %u", sizes[i]);
		KUNIT_EXPECT_EQ_MSG(test, len % 4, 0, "size %u", sizes[i]);
		KUNIT_EXPECT_GE_MSG(test, bytes, len, "size %u", sizes[i]);
		KUNIT_EXPECT_TRUE_MSG(test, bytes == len ||
				      bytes - len >= sizeof(struct vmcoredd_pad_header),
				      "size %u: no room for the filler", sizes[i]);
		/* no page without a note in it */
		KUNIT_EXPECT_NE_MSG(test, bytes - len, PAGE_SIZE, "size %u", sizes[i]);
		KUNIT_EXPECT_LT_MSG(test, bytes - len,
				    PAGE_SIZE + sizeof(struct vmcoredd_pad_header),
				    "size %u", sizes[i]);
	}
}

/* A dump that one vmap() cannot map (32-bit): refused before any callback. */
static void vmcoredd_test_vmalloc_space(struct kunit *test)
{
	u64 size = VMALLOC_TOTAL / 2 + 1;

	if (size > VMCOREDD_MAX_SIZE)
		kunit_skip(test, "the vmalloc space maps any dump up to VMCOREDD_MAX_SIZE");
	kdd_expect_refused(test, kdd_new(test, "vmalloc", size, 1), -ENOSPC, 0,
			   &kdd_no_limit, KDD_AVAIL);
}

/* The budget refuses before any callback and holds what it allowed. */
static void vmcoredd_test_budget_percent(struct kunit *test)
{
	const struct vmcoredd_limits half = { .mem_percent = 50 };
	struct vmcoredd_region *r = test->priv;
	const u64 total = 64 * PAGE_SIZE;

	/* 40 pages of 50% of 64 pages: refused before any allocation */
	kdd_expect_refused(test, kdd_new(test, "big", 40 * PAGE_SIZE, 1),
			   -ENOSPC, 0, &half, total);
	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, kdd_new(test, "small", 8 * PAGE_SIZE, 2),
					  &half, total), 0);
	KUNIT_EXPECT_GE(test, r->held, 9 * PAGE_SIZE);
	/* MemAvailable shrinks by what the dumps hold, the budget does not */
	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, kdd_new(test, "more", 16 * PAGE_SIZE, 3),
					  &half, total - r->held), 0);
	KUNIT_EXPECT_LE(test, r->held, total / 2);
	kdd_expect_refused(test, kdd_new(test, "over", 8 * PAGE_SIZE, 4), -ENOSPC,
			   0, &half, total - r->held);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 2);
}

struct kdd_nest {
	struct kdd k;
	struct kunit *test;
	struct kdd *inner;
	const struct vmcoredd_limits *lim;
	u64 avail;
	int inner_ret;
};

/* Fill the dump, then add another while this one is not yet published. */
static int kdd_nest_fill(struct vmcoredd_data *data, void *buf)
{
	struct kdd_nest *n = container_of(data, struct kdd_nest, k.data);

	n->inner_ret = kdd_add_lim(n->test, n->inner, n->lim, n->avail);
	return kdd_fill(data, buf);
}

/*
 * A dump being filled is counted once: a second dump that fits once the
 * first is published, with MemAvailable lower by the first's pages, also
 * fits while the first is filled (its callback adds the second).
 */
static void vmcoredd_test_budget_pending(struct kunit *test)
{
	const struct vmcoredd_limits half = { .mem_percent = 50 };
	struct vmcoredd_region *r = test->priv;
	const u64 total = 64 * PAGE_SIZE;
	/* 8 pages of data and the header: 9 pages allocated */
	const u64 avail = total - 9 * PAGE_SIZE;
	struct kdd_nest *n = kunit_kzalloc(test, sizeof(*n), GFP_KERNEL);
	struct kdd *outer, *inner;

	/* one after the other */
	outer = kdd_new(test, "outer", 8 * PAGE_SIZE, 1);
	inner = kdd_new(test, "inner", 18 * PAGE_SIZE, 2);
	KUNIT_ASSERT_EQ(test, kdd_add_lim(test, outer, &half, total), 0);
	KUNIT_ASSERT_EQ(test, kdd_add_lim(test, inner, &half, avail), 0);
	vmcoredd_region_free(r);
	KUNIT_ASSERT_EQ(test, r->held, 0);
	r->ready = true;

	/* the second added while the first is filled */
	KUNIT_ASSERT_NOT_NULL(test, n);
	n->k = *kdd_new(test, "outer", 8 * PAGE_SIZE, 1);
	n->k.data.vmcoredd_callback = kdd_nest_fill;
	n->test = test;
	n->inner = kdd_new(test, "inner", 18 * PAGE_SIZE, 2);
	n->lim = &half;
	n->avail = avail;
	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, &n->k, &half, total), 0);
	KUNIT_EXPECT_EQ(test, n->inner_ret, 0);
	KUNIT_EXPECT_EQ(test, kdd_walk(test), 2);
	KUNIT_EXPECT_EQ(test, atomic64_read(&r->pending_allocated), 0);
}

static void vmcoredd_test_budget_bytes(struct kunit *test)
{
	struct vmcoredd_limits lim = { .mem_percent = 100, .max_dump = 100 };
	struct vmcoredd_region *r = test->priv;
	u64 one;

	kdd_expect_refused(test, kdd_new(test, "d101", 101, 1), -ENOSPC, 0,
			   &lim, KDD_AVAIL);
	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, kdd_new(test, "d100", 100, 2),
					  &lim, KDD_AVAIL), 0);
	one = r->held;
	/* a page and more: the bookkeeping counts */
	KUNIT_EXPECT_GT(test, one, PAGE_SIZE);

	/* room for exactly one more such dump, less one byte */
	lim.max_dump = 0;
	lim.max_total = 2 * one - 1;
	kdd_expect_refused(test, kdd_new(test, "tiny", 1, 3), -ENOSPC, 0, &lim,
			   KDD_AVAIL);
	lim.max_total++;
	KUNIT_EXPECT_EQ(test, kdd_add_lim(test, kdd_new(test, "tiny", 1, 3),
					  &lim, KDD_AVAIL), 0);
	KUNIT_EXPECT_EQ(test, r->held, 2 * one);
	kdd_expect_refused(test, kdd_new(test, "page", 1, 4), -ENOSPC, 0,
			   &lim, KDD_AVAIL);
}

static int vmcoredd_test_init(struct kunit *test)
{
	struct vmcoredd_region *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	if (!r)
		return -ENOMEM;
	kdd_open = false;
	kdd_opened = false;
	kdd_dd_size = 0;
	r->lock = &kdd_lock;
	r->is_open = kdd_is_open;
	r->was_opened = kdd_was_opened;
	r->set_size = kdd_set_size;
	r->new_page = vmcoredd_alloc_page;
	kdd_fail_at = 0;
	INIT_LIST_HEAD(&r->dumps);
	INIT_LIST_HEAD(&r->pending);
	INIT_LIST_HEAD(&r->unlogged);
	INIT_DELAYED_WORK(&r->log_work, vmcoredd_log_work);
	r->ready = true;
	test->priv = r;
	return 0;
}

static void vmcoredd_test_exit(struct kunit *test)
{
	struct vmcoredd_region *r = test->priv;

	vmcoredd_region_free(r);
	KUNIT_EXPECT_EQ(test, r->held, 0);
	/* every dump reserved was published or dropped */
	KUNIT_EXPECT_EQ(test, atomic64_read(&r->pending_allocated), 0);
}

static struct kunit_case vmcoredd_test_cases[] = {
	KUNIT_CASE(vmcoredd_test_header),
	KUNIT_CASE(vmcoredd_test_alignment),
	KUNIT_CASE(vmcoredd_test_filler),
	KUNIT_CASE(vmcoredd_test_name_43),
	KUNIT_CASE_PARAM(vmcoredd_test_invalid, kdd_invalid_gen_params),
	KUNIT_CASE(vmcoredd_test_null),
	KUNIT_CASE(vmcoredd_test_duplicate),
	KUNIT_CASE(vmcoredd_test_concurrent),
	KUNIT_CASE(vmcoredd_test_not_ready),
	KUNIT_CASE(vmcoredd_test_api),
	KUNIT_CASE(vmcoredd_test_open),
	KUNIT_CASE(vmcoredd_test_open_during),
	KUNIT_CASE(vmcoredd_test_after_close),
	KUNIT_CASE(vmcoredd_test_callback_error),
	KUNIT_CASE(vmcoredd_test_trim),
	KUNIT_CASE(vmcoredd_test_trim_pending),
	KUNIT_CASE(vmcoredd_test_read),
	KUNIT_CASE(vmcoredd_test_sysfs_read),
	KUNIT_CASE(vmcoredd_test_listing_and_log),
	KUNIT_CASE(vmcoredd_test_mapped_page),
	KUNIT_CASE(vmcoredd_test_lowmem),
	KUNIT_CASE(vmcoredd_test_alloc_fails),
	KUNIT_CASE(vmcoredd_test_mmap),
	KUNIT_CASE(vmcoredd_test_sizes),
	KUNIT_CASE(vmcoredd_test_vmalloc_space),
	KUNIT_CASE(vmcoredd_test_budget_percent),
	KUNIT_CASE(vmcoredd_test_budget_pending),
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
