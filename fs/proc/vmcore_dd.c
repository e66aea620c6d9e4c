// SPDX-License-Identifier: GPL-2.0
/*
 * Device dumps in /proc/vmcore
 *
 * In a crash dump capture kernel, drivers add the state of their devices,
 * taken before they reset them, to /proc/vmcore with
 * vmcore_add_device_dump().
 *
 * Layout: all device dumps form one region at the start of the ELF note
 * segment of /proc/vmcore, before the notes of the crashed kernel.  Each
 * dump lives in pages of its own and is one note:
 *
 *	struct vmcoredd_header	n_namesz 8, n_descsz 44 + size, n_type
 *				NT_VMCOREDD, "LINUX", the dump name in 44 bytes
 *	payload			exactly the dump's size
 *	0 to 3 zero bytes	to the next 4-byte boundary
 *	filler note		owned by "VMCOREDD_PAD", of type 0, its
 *				descriptor zero-filled up to the end of the
 *				dump's last page; absent if the note ends on
 *				a page boundary
 *
 * so that the notes after the region can be mapped page by page and a dump
 * read back holds no byte that is not the driver's.  No byte comes from
 * uninitialised memory.
 *
 * Locking: the region is protected by vmcore_mutex, which also protects the
 * layout of /proc/vmcore.  A registration reserves its name and its memory
 * under the mutex, fills the dump without it (the driver's callback may take
 * long; no path of /proc/vmcore waits for it), then publishes the dump under
 * the mutex.  While /proc/vmcore is open (a mapping holds the file open) the
 * layout does not change: a registration is refused with -EBUSY, before its
 * callback if the file is open when it starts, at publication otherwise.
 * After the last close dumps are accepted again, as mainline does; each
 * such dump is logged, since earlier readers saw another layout.
 * read() and mmap() of /proc/vmcore run with the file open and take no lock.
 *
 * A budget bounds the memory the dumps may hold, so that they cannot starve
 * the capture of the vmcore itself.  Each dump is also readable as
 * /sys/kernel/vmcoredd/<name>, made without the lock before the dump is
 * published and removed if it is not.  Each published dump is logged by a
 * work item, off the registering driver's path (drivers register at probe
 * time), with the dumps published within VMCOREDD_LOG_DELAY; freeing the
 * region waits for it, so it must not be called with the lock held.
 */

#define pr_fmt(fmt) "vmcoredd: " fmt

#include <linux/crash_dump.h>
#include <linux/crash_dump_dd.h>
#include <linux/elf.h>
#include <linux/highmem.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include "vmcore_dd.h"

#define VMCOREDD_PAD_NAME	"VMCOREDD_PAD"

/* Fail rather than push the capture kernel into reclaim or the OOM killer. */
#define VMCOREDD_GFP		(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN)
#define VMCOREDD_PAGE_GFP	(VMCOREDD_GFP | __GFP_HIGHMEM | __GFP_ZERO)
/* kvmalloc() takes GFP_KERNEL-based flags; it does not retry hard itself */
#define VMCOREDD_ARRAY_GFP	(GFP_KERNEL | __GFP_NOWARN)

/*
 * Budget estimate of a dump's sysfs file (a kernfs node and its name),
 * besides its pages, its page array and its bookkeeping.
 */
#define VMCOREDD_SYSFS_COST	256
/* The region, with the rest of the note segment, must fit a size_t. */
#define VMCOREDD_MAX_REGION	(SIZE_MAX / 2)

/* Dumps published within this many jiffies are logged together. */
#define VMCOREDD_LOG_DELAY	(HZ / 10)

/* Header of the filler note that ends a dump on a page boundary. */
struct vmcoredd_pad_header {
	u32 n_namesz;
	u32 n_descsz;
	u32 n_type;
	char name[ALIGN(sizeof(VMCOREDD_PAD_NAME), 4)];
};

/**
 * struct vmcoredd_dump - one device dump
 * @list: entry in &vmcoredd_region.dumps (published, in file order) or
 *	  &vmcoredd_region.pending (reserved, being filled)
 * @name: the dump's name, NUL-terminated
 * @size: size of the payload
 * @offset: offset of the dump's note in the region, once published
 * @nr_pages: pages the dump spans
 * @reserved_pages: pages reserved for it, before any trim
 * @pages: the pages; points at @page for a dump of one page
 * @page: the page of a dump of one page
 * @cost: what the dump counts for in &vmcoredd_region.held
 * @allocated: what the dump has allocated until it is published, in bytes
 * @attr: its file in /sys/kernel/vmcoredd/
 * @kobj: the directory of its sysfs file, a reference held from the
 *	  reservation on; NULL for none
 * @unlogged: entry in &vmcoredd_region.unlogged until it is logged
 * @late: published after /proc/vmcore was first opened
 * @listed: @attr was created
 */
struct vmcoredd_dump {
	struct list_head list;
	char name[VMCOREDD_MAX_NAME_BYTES];
	u32 size;
	u64 offset;
	unsigned int nr_pages;
	unsigned int reserved_pages;
	struct page **pages;
	struct page *page;
	u64 cost;
	u64 allocated;
	struct bin_attribute attr;
	struct kobject *kobj;
	struct list_head unlogged;
	bool late;
	bool listed;
};

/**
 * struct vmcoredd_region - the device dumps of /proc/vmcore
 * @lock: protects the members below; vmcore_mutex for /proc/vmcore
 * @is_open: whether /proc/vmcore is open now, with @lock held
 * @was_opened: whether /proc/vmcore was ever opened, with @lock held
 * @set_size: tell /proc/vmcore the size of the region, with @lock held
 * @new_page: allocate a page of a dump, zeroed as the gfp flags ask:
 *	      alloc_page(), or a test's
 * @dumps: the published dumps, in file order
 * @pending: the dumps reserved and being filled
 * @size: size of the region: the pages of the published dumps
 * @held: memory the published and the reserved dumps hold, in bytes
 * @pending_cost: the part of @held reserved by dumps not yet published
 * @pending_size: the pages of the dumps not yet published, in bytes
 * @pending_allocated: what the dumps not yet published have allocated so
 *		       far, in bytes; updated without @lock while they are
 *		       filled
 * @ready: dumps are accepted: /proc/vmcore exists and is not torn down
 * @kobj: /sys/kernel/vmcoredd
 * @unlogged: published dumps not logged yet
 * @log_work: logs the dumps of @unlogged
 * @log_delay: how long @log_work waits for more dumps, in jiffies
 */
struct vmcoredd_region {
	struct mutex *lock;	/* vmcore_mutex, or a test's */
	bool (*is_open)(void);
	bool (*was_opened)(void);
	void (*set_size)(size_t size);
	struct page *(*new_page)(gfp_t gfp);
	struct list_head dumps;
	struct list_head pending;
	u64 size;
	u64 held;
	u64 pending_cost;
	u64 pending_size;
	atomic64_t pending_allocated;
	bool ready;
	struct kobject *kobj;
	struct list_head unlogged;
	struct delayed_work log_work;
	unsigned long log_delay;
};

/**
 * struct vmcoredd_limits - the memory budget of device dumps
 * @mem_percent: the dumps may hold at most this share of the memory
 *		 available to them: what they hold plus MemAvailable
 * @max_total: if not 0, the dumps may hold at most this many bytes
 * @max_dump: if not 0, no single dump may be larger
 */
struct vmcoredd_limits {
	unsigned int mem_percent;
	unsigned long long max_total;
	unsigned long long max_dump;
};

static struct page *vmcoredd_alloc_page(gfp_t gfp)
{
	return alloc_page(gfp);
}

static void vmcoredd_log_work(struct work_struct *work);

static struct vmcoredd_region vmcoredd = {
	.lock = &vmcore_mutex,
	.is_open = vmcore_is_open,
	.was_opened = vmcore_was_opened,
	.set_size = vmcore_set_dd_size,
	.new_page = vmcoredd_alloc_page,
	.dumps = LIST_HEAD_INIT(vmcoredd.dumps),
	.pending = LIST_HEAD_INIT(vmcoredd.pending),
	.unlogged = LIST_HEAD_INIT(vmcoredd.unlogged),
	.log_work = __DELAYED_WORK_INITIALIZER(vmcoredd.log_work,
					       vmcoredd_log_work, 0),
	.log_delay = VMCOREDD_LOG_DELAY,
};

static bool vmcoredd_disabled;
core_param(novmcoredd, vmcoredd_disabled, bool, 0);

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "vmcoredd."

static unsigned int vmcoredd_mem_percent = CONFIG_VMCOREDD_MEM_PERCENT;
static unsigned long long vmcoredd_max_total;
static unsigned long long vmcoredd_max_dump;

static int vmcoredd_set_percent(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, 100);
}

static const struct kernel_param_ops vmcoredd_percent_ops = {
	.set = vmcoredd_set_percent,
	.get = param_get_uint,
};

static int vmcoredd_set_bytes(const char *val, const struct kernel_param *kp)
{
	unsigned long long v;
	char *end;

	v = memparse(val, &end);
	if (end == val || (*end && *end != '\n'))
		return -EINVAL;
	*(unsigned long long *)kp->arg = v;
	return 0;
}

static const struct kernel_param_ops vmcoredd_bytes_ops = {
	.set = vmcoredd_set_bytes,
	.get = param_get_ullong,
};

module_param_cb(mem_percent, &vmcoredd_percent_ops, &vmcoredd_mem_percent, 0644);
MODULE_PARM_DESC(mem_percent, "share (%) of available memory device dumps may hold");
module_param_cb(max_total, &vmcoredd_bytes_ops, &vmcoredd_max_total, 0644);
MODULE_PARM_DESC(max_total, "bytes all device dumps may hold together (0: no limit)");
module_param_cb(max_dump, &vmcoredd_bytes_ops, &vmcoredd_max_dump, 0644);
MODULE_PARM_DESC(max_dump, "largest device dump in bytes (0: no limit)");

/* Length of the note of a dump of @size bytes, without the filler. */
static u64 vmcoredd_note_len(u64 size)
{
	return ALIGN(sizeof(struct vmcoredd_header) + size, 4);
}

/* Length of the filler note after @used bytes; 0 on a page boundary. */
static u64 vmcoredd_pad_len(u64 used)
{
	u64 pad = round_up(used, PAGE_SIZE) - used;

	if (pad && pad < sizeof(struct vmcoredd_pad_header))
		pad += PAGE_SIZE;
	return pad;
}

/* Pages a dump of @size bytes spans, @size at most VMCOREDD_MAX_SIZE. */
static unsigned int vmcoredd_nr_pages(u64 size)
{
	u64 len = vmcoredd_note_len(size);

	return (len + vmcoredd_pad_len(len)) >> PAGE_SHIFT;
}

/*
 * What a dump of @nr pages costs besides them, once filled: its page array
 * (@array entries, none for a dump of one page), the page tables of the
 * vmap() that filled it, which vunmap() does not free, its bookkeeping and
 * its sysfs file.
 */
static u64 vmcoredd_overhead(unsigned int nr, unsigned int array)
{
	u64 cost = sizeof(struct vmcoredd_dump) + VMCOREDD_SYSFS_COST +
		   (u64)array * sizeof(struct page *);

	if (nr > 1)
		cost += (u64)DIV_ROUND_UP(nr, PTRS_PER_PTE) << PAGE_SHIFT;
	return cost;
}

/* What a dump of @size bytes counts for in the budget. */
static u64 vmcoredd_cost(u64 size)
{
	unsigned int nr = vmcoredd_nr_pages(size);

	return ((u64)nr << PAGE_SHIFT) + vmcoredd_overhead(nr, nr > 1 ? nr : 0);
}

/* Copy @len bytes from @src to the dump at @off. */
static void vmcoredd_write(struct vmcoredd_dump *d, u64 off, const void *src,
			   size_t len)
{
	while (len) {
		size_t n = min_t(size_t, len, PAGE_SIZE - offset_in_page(off));

		memcpy_to_page(d->pages[off >> PAGE_SHIFT], offset_in_page(off),
			       src, n);
		src += n;
		off += n;
		len -= n;
	}
}

static void vmcoredd_zero(struct vmcoredd_dump *d, u64 off, u64 len)
{
	while (len) {
		size_t n = min_t(u64, len, PAGE_SIZE - offset_in_page(off));

		memzero_page(d->pages[off >> PAGE_SHIFT], offset_in_page(off), n);
		off += n;
		len -= n;
	}
}

/* Copy @len bytes of the dump at @off to @dst. */
static void vmcoredd_copy(struct vmcoredd_dump *d, void *dst, u64 off,
			  size_t len)
{
	while (len) {
		size_t n = min_t(size_t, len, PAGE_SIZE - offset_in_page(off));

		memcpy_from_page(dst, d->pages[off >> PAGE_SHIFT],
				 offset_in_page(off), n);
		dst += n;
		off += n;
		len -= n;
	}
}

/*
 * Write the note header for @d->size bytes and the filler note's header.
 * The pages came zeroed and the callback wrote only the payload: the
 * alignment bytes and the filler's descriptor are zero.
 */
static void vmcoredd_write_note(struct vmcoredd_dump *d)
{
	struct vmcoredd_header hdr = {
		.n_namesz = sizeof(hdr.name),
		.n_descsz = sizeof(hdr.dump_name) + d->size,
		.n_type = NT_VMCOREDD,
	};
	struct vmcoredd_pad_header pad_hdr = {
		.n_namesz = sizeof(VMCOREDD_PAD_NAME),
	};
	u64 used = vmcoredd_note_len(d->size);
	u64 pad = vmcoredd_pad_len(used);

	strscpy_pad(hdr.name, VMCOREDD_NOTE_NAME);
	strscpy_pad(hdr.dump_name, d->name);
	vmcoredd_write(d, 0, &hdr, sizeof(hdr));
	if (!pad)
		return;
	pad_hdr.n_descsz = pad - sizeof(pad_hdr);
	strscpy_pad(pad_hdr.name, VMCOREDD_PAD_NAME);
	vmcoredd_write(d, used, &pad_hdr, sizeof(pad_hdr));
}

/*
 * A dump name is non-empty, NUL-terminated within VMCOREDD_MAX_NAME_BYTES,
 * printable ASCII and usable as a file name: no '/', not "." or "..".
 */
static bool vmcoredd_name_valid(const char *name)
{
	size_t i, len = strnlen(name, VMCOREDD_MAX_NAME_BYTES);

	if (!len || len == VMCOREDD_MAX_NAME_BYTES ||
	    !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	for (i = 0; i < len; i++)
		if (name[i] < 0x20 || name[i] > 0x7e || name[i] == '/')
			return false;
	return true;
}

/* Length to print of a name that may not be NUL-terminated. */
#define VMCOREDD_NAME_LEN(name)	((int)strnlen(name, VMCOREDD_MAX_NAME_BYTES))

/* Check what the driver asks for; no lock needed.  Logs every refusal. */
static int vmcoredd_check(const struct vmcoredd_data *data)
{
	if (!data) {
		pr_warn("no dump: NULL vmcoredd_data\n");
		return -EINVAL;
	}
	if (!vmcoredd_name_valid(data->dump_name)) {
		pr_warn("dump '%*pE' refused: a name is 1 to %d printable characters, without '/', not . or ..\n",
			VMCOREDD_NAME_LEN(data->dump_name), data->dump_name,
			VMCOREDD_MAX_NAME_BYTES - 1);
		return -EINVAL;
	}
	if (!data->vmcoredd_callback || !data->size ||
	    data->size > VMCOREDD_MAX_SIZE) {
		pr_warn("dump '%*pE' (%u bytes) refused: %s\n",
			VMCOREDD_NAME_LEN(data->dump_name), data->dump_name, data->size,
			!data->vmcoredd_callback ? "no callback" :
			!data->size ? "empty" : "larger than VMCOREDD_MAX_SIZE");
		return -EINVAL;
	}
	/* the callback fills it through one vmap(): a limit on 32-bit */
	if (((u64)vmcoredd_nr_pages(data->size) << PAGE_SHIFT) > VMALLOC_TOTAL / 2) {
		pr_warn("dump '%*pE' (%u bytes) refused: larger than half the vmalloc space\n",
			VMCOREDD_NAME_LEN(data->dump_name), data->dump_name, data->size);
		return -ENOSPC;
	}
	return 0;
}

static struct vmcoredd_dump *vmcoredd_find(struct list_head *list,
					   const char *name)
{
	struct vmcoredd_dump *d;

	list_for_each_entry(d, list, list)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

/* Count @bytes more (or fewer) allocated for @d, a dump not yet published. */
static void vmcoredd_allocated(struct vmcoredd_region *r,
			       struct vmcoredd_dump *d, s64 bytes)
{
	d->allocated += bytes;
	atomic64_add(bytes, &r->pending_allocated);
}

/*
 * Whether @cost more bytes fit the budget @lim, with @avail bytes of memory
 * available.  The memory available to the dumps is @avail plus what the
 * published dumps hold, plus what the reserved ones have allocated so far
 * (the rest of their reservation is still part of @avail).  Logs the
 * refusal of @data.
 */
static bool vmcoredd_fits(struct vmcoredd_region *r,
			  const struct vmcoredd_data *data, u64 cost,
			  const struct vmcoredd_limits *lim, u64 avail)
{
	u64 base = avail + r->held - r->pending_cost +
		   atomic64_read(&r->pending_allocated);
	u64 allowed = div_u64(base * lim->mem_percent, 100);
	const char *why = "mem_percent";

	if (lim->max_total && lim->max_total < allowed) {
		allowed = lim->max_total;
		why = "max_total";
	}
	if (lim->max_dump && data->size > lim->max_dump) {
		pr_warn("dump %s (%u bytes) refused: larger than vmcoredd.max_dump=%llu\n",
			data->dump_name, data->size, lim->max_dump);
		return false;
	}
	if (r->held + cost > allowed) {
		pr_warn("dump %s (%u bytes) refused: needs %llu kB, dumps hold %llu kB of %llu kB allowed (vmcoredd.%s)\n",
			data->dump_name, data->size, cost >> 10, r->held >> 10,
			allowed >> 10, why);
		return false;
	}
	return true;
}

/**
 * vmcoredd_reserve() - reserve a name and memory for a checked dump
 * @r: the region
 * @data: the dump, checked by vmcoredd_check()
 * @lim: the memory budget
 * @avail: memory available now, in bytes, sampled with @r->lock held
 *
 * Context: @r->lock held.
 * Return: the new dump, on @r->pending, or an ERR_PTR(): -ENODEV if @r does
 * not accept dumps, -EBUSY while /proc/vmcore is open, -EEXIST for a
 * duplicate name, -ENOSPC if the dump does not fit the budget, -ENOMEM.
 */
static struct vmcoredd_dump *vmcoredd_reserve(struct vmcoredd_region *r,
					      const struct vmcoredd_data *data,
					      const struct vmcoredd_limits *lim,
					      u64 avail)
{
	u64 cost = vmcoredd_cost(data->size);
	u64 bytes = (u64)vmcoredd_nr_pages(data->size) << PAGE_SHIFT;
	struct vmcoredd_dump *d;

	lockdep_assert_held(r->lock);

	if (!r->ready) {
		pr_warn("dump %s not added: no /proc/vmcore (not a capture kernel, or it was released)\n",
			data->dump_name);
		return ERR_PTR(-ENODEV);
	}
	if (r->is_open()) {
		pr_warn("dump %s (%u bytes) refused: /proc/vmcore is open\n",
			data->dump_name, data->size);
		return ERR_PTR(-EBUSY);
	}
	if (vmcoredd_find(&r->dumps, data->dump_name) ||
	    vmcoredd_find(&r->pending, data->dump_name)) {
		pr_warn("dump %s refused: a dump of that name exists\n",
			data->dump_name);
		return ERR_PTR(-EEXIST);
	}
	if (r->size + r->pending_size + bytes > VMCOREDD_MAX_REGION) {
		pr_warn("dump %s (%u bytes) refused: the device dumps would not fit /proc/vmcore\n",
			data->dump_name, data->size);
		return ERR_PTR(-ENOSPC);
	}
	if (!vmcoredd_fits(r, data, cost, lim, avail))
		return ERR_PTR(-ENOSPC);

	d = kzalloc_obj(*d, VMCOREDD_GFP);
	if (!d)
		goto nomem;
	strscpy(d->name, data->dump_name);
	d->size = data->size;
	d->cost = cost;
	d->reserved_pages = bytes >> PAGE_SHIFT;
	d->kobj = kobject_get(r->kobj);
	vmcoredd_allocated(r, d, sizeof(*d));
	r->held += cost;
	r->pending_cost += cost;
	r->pending_size += bytes;
	list_add_tail(&d->list, &r->pending);
	return d;

nomem:
	pr_warn("dump %s not added: no memory for its bookkeeping\n",
		data->dump_name);
	return ERR_PTR(-ENOMEM);
}

/* Free the pages of @d from @from on. */
static void vmcoredd_free_pages(struct vmcoredd_dump *d, unsigned int from)
{
	while (d->nr_pages > from) {
		__free_page(d->pages[--d->nr_pages]);
		cond_resched();
	}
}

/* Free a dump that is on no list, with its sysfs file. */
static void vmcoredd_dump_free(struct vmcoredd_dump *d)
{
	if (d->listed)
		sysfs_remove_bin_file(d->kobj, &d->attr);
	kobject_put(d->kobj);
	if (d->pages) {
		vmcoredd_free_pages(d, 0);
		if (d->pages != &d->page)
			kvfree(d->pages);
	}
	kfree(d);
}

/*
 * Map @d's pages for the callback: vmap(), or the address of its one page,
 * allocated from lowmem for this (a dump trimmed to one page later may keep
 * a highmem page; it is no longer mapped).  Either is a kernel address valid
 * in any context until the callback returns, as a vmalloc() buffer would be.
 */
static void *vmcoredd_map(struct vmcoredd_dump *d)
{
	if (d->nr_pages > 1)
		return vmap(d->pages, d->nr_pages, VM_MAP, PAGE_KERNEL);
	return page_address(d->page);
}

static void vmcoredd_unmap(struct vmcoredd_dump *d, void *va)
{
	if (d->nr_pages > 1)
		vunmap(va);
}

/*
 * Trim @d to @size bytes: free the pages past its note, zero what the
 * callback may have written past @size in the pages kept, keep its cost.
 */
static void vmcoredd_trim(struct vmcoredd_dump *d, u32 size)
{
	unsigned int nr = vmcoredd_nr_pages(size);
	u64 end = sizeof(struct vmcoredd_header) + size;
	u64 old_end = sizeof(struct vmcoredd_header) + d->size;

	d->size = size;
	vmcoredd_free_pages(d, nr);
	vmcoredd_zero(d, end, min_t(u64, old_end, (u64)nr << PAGE_SHIFT) - end);
	if (nr == 1 && d->pages != &d->page) {
		d->page = d->pages[0];
		kvfree(d->pages);
		d->pages = &d->page;
	}
}

/*
 * Bytes that trimming @d, filled, to @nr pages frees: pages, and its page
 * array of @d->reserved_pages entries.
 */
static s64 vmcoredd_trimmed(struct vmcoredd_dump *d, unsigned int nr)
{
	s64 bytes = (s64)(d->nr_pages - nr) << PAGE_SHIFT;

	if (nr == 1 && d->pages != &d->page)
		bytes += (s64)d->reserved_pages * sizeof(*d->pages);
	return bytes;
}

/*
 * Allocate @d's pages and call the driver to fill them.  A callback may
 * report that it wrote fewer bytes than it asked for: the note is trimmed
 * and the pages it no longer spans are freed.
 */
static int vmcoredd_fill(struct vmcoredd_region *r, struct vmcoredd_dump *d,
			 struct vmcoredd_data *data)
{
	unsigned int nr = vmcoredd_nr_pages(d->size);
	gfp_t gfp = VMCOREDD_PAGE_GFP;
	void *va;
	int ret;

	if (nr == 1) {
		/* handed to the callback as it is: not highmem */
		gfp &= ~__GFP_HIGHMEM;
		d->pages = &d->page;
	} else {
		d->pages = kvmalloc_array(nr, sizeof(*d->pages), VMCOREDD_ARRAY_GFP);
		if (!d->pages)
			goto nomem;
		vmcoredd_allocated(r, d, (s64)nr * sizeof(*d->pages));
	}
	while (d->nr_pages < nr) {
		struct page *page = r->new_page(gfp);

		if (!page)
			goto nomem;
		d->pages[d->nr_pages++] = page;
		vmcoredd_allocated(r, d, PAGE_SIZE);
		cond_resched();
	}

	va = vmcoredd_map(d);
	if (!va)
		goto nomem;
	ret = data->vmcoredd_callback(data, va + sizeof(struct vmcoredd_header));
	vmcoredd_unmap(d, va);

	if (ret < 0) {
		pr_warn("dump %s not added: the driver's callback failed (%d)\n",
			d->name, ret);
		return ret;
	}
	if ((u32)ret > d->size) {
		pr_warn("dump %s not added: the driver's callback wrote %d bytes of %u\n",
			d->name, ret, d->size);
		return -EINVAL;
	}
	if (ret) {
		/* out of the count first (an estimate: no barrier) */
		nr = vmcoredd_nr_pages(ret);
		vmcoredd_allocated(r, d, -vmcoredd_trimmed(d, nr));
		vmcoredd_trim(d, ret);
	}
	vmcoredd_write_note(d);
	return 0;

nomem:
	pr_warn("dump %s (%u bytes) not added: out of memory\n", d->name,
		d->size);
	return -ENOMEM;
}

static ssize_t vmcoredd_attr_read(struct file *file, struct kobject *kobj,
				  const struct bin_attribute *attr, char *buf,
				  loff_t off, size_t count)
{
	struct vmcoredd_dump *d = attr->private;

	/* a published dump does not change until its file is removed */
	if (off >= d->size)
		return 0;
	count = min_t(size_t, count, d->size - off);
	vmcoredd_copy(d, buf, sizeof(struct vmcoredd_header) + off, count);
	return count;
}

/*
 * Make @d's file in /sys/kernel/vmcoredd, if there is one; the dump stays if
 * this fails.  Called without the lock, while @d is reserved: its name is
 * taken, and vmcoredd_region_free() leaves it alone.
 */
static void vmcoredd_list(struct vmcoredd_dump *d)
{
	if (!d->kobj)
		return;
	sysfs_bin_attr_init(&d->attr);
	d->attr.attr.name = d->name;
	d->attr.attr.mode = 0400;
	d->attr.size = d->size;
	d->attr.read = vmcoredd_attr_read;
	d->attr.private = d;
	if (sysfs_create_bin_file(d->kobj, &d->attr))
		pr_warn("dump %s: no file in /sys/kernel/vmcoredd\n", d->name);
	else
		d->listed = true;
}

/*
 * Log the dumps published since the last run.  vmcoredd_region_free() stops
 * the region, then waits for this before it frees the dumps.
 */
static void vmcoredd_log_work(struct work_struct *work)
{
	struct vmcoredd_region *r = container_of(to_delayed_work(work),
						 struct vmcoredd_region,
						 log_work);
	struct vmcoredd_dump *d, *tmp;
	LIST_HEAD(batch);

	mutex_lock(r->lock);
	list_splice_init(&r->unlogged, &batch);
	mutex_unlock(r->lock);

	list_for_each_entry_safe(d, tmp, &batch, unlogged) {
		list_del(&d->unlogged);
		if (d->late)
			pr_warn("dump %s: %u bytes, added after /proc/vmcore was read: earlier readers saw another layout\n",
				d->name, d->size);
		else
			pr_info("dump %s: %u bytes\n", d->name, d->size);
	}
}

/**
 * vmcoredd_publish() - add a filled dump to the region, or drop it
 * @r: the region
 * @d: the dump, on @r->pending
 * @ret: the result of vmcoredd_fill()
 *
 * Context: @r->lock held.
 * Return: 0 if @d was published, else a negative errno: @ret, -ENODEV if
 * @r no longer accepts dumps, -EBUSY if /proc/vmcore was opened while @d was
 * filled.  @d is then off the lists and must be freed by the caller.
 */
static int vmcoredd_publish(struct vmcoredd_region *r, struct vmcoredd_dump *d,
			    int ret)
{
	lockdep_assert_held(r->lock);

	if (!ret && !r->ready) {
		pr_warn("dump %s not added: /proc/vmcore is gone\n", d->name);
		ret = -ENODEV;
	}
	if (!ret && r->is_open()) {
		pr_warn("dump %s (%u bytes) refused: /proc/vmcore was opened while it was taken\n",
			d->name, d->size);
		ret = -EBUSY;
	}
	r->pending_cost -= d->cost;
	r->pending_size -= (u64)d->reserved_pages << PAGE_SHIFT;
	vmcoredd_allocated(r, d, -(s64)d->allocated);
	if (ret) {
		list_del(&d->list);
		r->held -= d->cost;
		return ret;
	}

	/*
	 * A trimmed dump gave back the pages it no longer spans; its page
	 * array keeps its length, unless it is down to one page.
	 */
	r->held -= d->cost;
	d->cost = ((u64)d->nr_pages << PAGE_SHIFT) +
		  vmcoredd_overhead(d->reserved_pages,
				    d->pages == &d->page ? 0 : d->reserved_pages);
	r->held += d->cost;
	d->offset = r->size;
	r->size += (u64)d->nr_pages << PAGE_SHIFT;
	list_move_tail(&d->list, &r->dumps);
	r->set_size(r->size);
	d->late = r->was_opened();
	list_add_tail(&d->unlogged, &r->unlogged);
	queue_delayed_work(system_unbound_wq, &r->log_work, r->log_delay);
	return 0;
}

/*
 * Add a dump to @r: check, reserve, fill, publish.  @avail() tells the
 * memory available now, in bytes.
 */
static int vmcoredd_region_add(struct vmcoredd_region *r,
			       struct vmcoredd_data *data,
			       const struct vmcoredd_limits *lim,
			       u64 (*avail)(void))
{
	struct vmcoredd_dump *d;
	int ret;

	ret = vmcoredd_check(data);
	if (ret)
		return ret;

	mutex_lock(r->lock);
	d = vmcoredd_reserve(r, data, lim, avail());
	mutex_unlock(r->lock);
	if (IS_ERR(d))
		return PTR_ERR(d);

	ret = vmcoredd_fill(r, d, data);
	if (!ret)
		vmcoredd_list(d);

	mutex_lock(r->lock);
	ret = vmcoredd_publish(r, d, ret);
	mutex_unlock(r->lock);
	if (ret)
		vmcoredd_dump_free(d);
	return ret;
}

/*
 * Stop @r and free its published dumps: under the lock, take them off the
 * region; then wait for the log work item, which logs those not logged yet,
 * and free them, which removes their sysfs files and waits for their
 * readers.  A registration still filling its dump is refused when it
 * publishes and frees its own.
 */
static void vmcoredd_region_free(struct vmcoredd_region *r)
{
	struct vmcoredd_dump *d, *tmp;
	struct kobject *kobj;
	LIST_HEAD(dumps);

	/* the log work item takes the lock */
	lockdep_assert_not_held(r->lock);

	mutex_lock(r->lock);
	r->ready = false;
	kobj = r->kobj;
	r->kobj = NULL;
	list_splice_init(&r->dumps, &dumps);
	r->held = r->pending_cost;
	r->size = 0;
	mutex_unlock(r->lock);
	flush_delayed_work(&r->log_work);

	/*
	 * A page that a mapping of /proc/vmcore still maps keeps the
	 * reference vm_insert_page() took and is freed with the mapping.
	 */
	list_for_each_entry_safe(d, tmp, &dumps, list) {
		list_del(&d->list);
		vmcoredd_dump_free(d);
	}
	kobject_put(kobj);
}

static u64 vmcoredd_mem_available(void)
{
	return (u64)si_mem_available() << PAGE_SHIFT;
}

/* vmcore_add_device_dump(), with novmcoredd given as @disabled */
static int vmcoredd_add(struct vmcoredd_data *data, bool disabled)
{
	struct vmcoredd_limits lim = {
		.mem_percent = READ_ONCE(vmcoredd_mem_percent),
		.max_total = READ_ONCE(vmcoredd_max_total),
		.max_dump = READ_ONCE(vmcoredd_max_dump),
	};

	if (disabled) {
		pr_warn("dump '%*pE' not added: device dumps are disabled (novmcoredd)\n",
			data ? VMCOREDD_NAME_LEN(data->dump_name) : 6,
			data ? data->dump_name : "(null)");
		return -EOPNOTSUPP;
	}
	return vmcoredd_region_add(&vmcoredd, data, &lim, vmcoredd_mem_available);
}

/**
 * vmcore_add_device_dump() - add a device dump to /proc/vmcore
 * @data: the dump: name, size and the callback that fills it
 *
 * In a crash dump capture kernel, reserves @data->size bytes in a new
 * NT_VMCOREDD note of /proc/vmcore, calls @data->vmcoredd_callback to fill
 * them and publishes the dump.  Drivers call this at probe time, before they
 * reset the device, and carry on with the probe whatever it returns: a
 * device dump is optional, the device and the vmcore are not.
 *
 * What the dump will hold (its pages, their array, its bookkeeping, its
 * sysfs file and the mapping used to fill it) is checked against the budget
 * set by vmcoredd.mem_percent, vmcoredd.max_total and vmcoredd.max_dump
 * before anything is allocated.  The budget does not count what the driver
 * itself allocates to collect the dump.  The callback runs without any lock
 * of /proc/vmcore held: reading /proc/vmcore never waits for it.
 *
 * The dump is in /proc/vmcore and in /sys/kernel/vmcoredd when this returns;
 * its log line follows within about 100 ms.
 *
 * Context: process context, may sleep.
 * Return: 0 on success, or a negative errno, each logged with the dump's
 * name:
 *
 * * -EOPNOTSUPP: device dumps are disabled (``novmcoredd``).
 * * -ENODEV: this is not a capture kernel with a /proc/vmcore.
 * * -EINVAL: @data is NULL, has no callback, a size of 0 or larger than
 *   %VMCOREDD_MAX_SIZE, or an invalid name (empty, not NUL-terminated
 *   within %VMCOREDD_MAX_NAME_BYTES, not printable ASCII, containing '/',
 *   or "." or ".."); or the callback reported more bytes than @data->size.
 * * -EEXIST: a dump of that name exists.
 * * -EBUSY: /proc/vmcore is open, or was opened while the dump was taken.
 * * -ENOSPC: the dump does not fit the memory budget, or is larger than
 *   half the vmalloc space (a limit on 32-bit kernels only).
 * * -ENOMEM: an allocation failed.
 * * any error returned by the callback, which drops the dump.
 */
int vmcore_add_device_dump(struct vmcoredd_data *data)
{
	return vmcoredd_add(data, vmcoredd_disabled);
}
EXPORT_SYMBOL(vmcore_add_device_dump);

void vmcoredd_init(void)
{
	mutex_lock(vmcoredd.lock);
	vmcoredd.ready = true;
	if (!vmcoredd_disabled) {
		vmcoredd.kobj = kobject_create_and_add("vmcoredd", kernel_kobj);
		if (!vmcoredd.kobj)
			pr_warn("cannot create /sys/kernel/vmcoredd\n");
	}
	mutex_unlock(vmcoredd.lock);
}

void vmcoredd_stop(void)
{
	mutex_lock(vmcoredd.lock);
	vmcoredd.ready = false;
	mutex_unlock(vmcoredd.lock);
}

/*
 * read() and mmap() of /proc/vmcore run while the file is open, when no dump
 * is published, and before vmcore_cleanup() frees the dumps: the list of
 * published dumps is stable and they take no lock.
 */
static int vmcoredd_region_read(struct vmcoredd_region *r,
				struct iov_iter *iter, u64 off, size_t len)
{
	struct vmcoredd_dump *d;

	list_for_each_entry(d, &r->dumps, list) {
		u64 end = d->offset + ((u64)d->nr_pages << PAGE_SHIFT);

		while (len && off < end) {
			size_t n = min_t(size_t, len, PAGE_SIZE - offset_in_page(off));
			struct page *page = d->pages[(off - d->offset) >> PAGE_SHIFT];

			if (copy_page_to_iter(page, offset_in_page(off), n, iter) != n)
				return -EFAULT;
			off += n;
			len -= n;
			cond_resched();
		}
		if (!len)
			return 0;
	}
	return len ? -EINVAL : 0;
}

int vmcoredd_read(struct iov_iter *iter, u64 off, size_t len)
{
	return vmcoredd_region_read(&vmcoredd, iter, off, len);
}

/* Map with page references: a mapping may outlive vmcoredd_cleanup(). */
static int vmcoredd_region_mmap(struct vmcoredd_region *r,
				struct vm_area_struct *vma, unsigned long dst,
				u64 off, size_t len)
{
	struct vmcoredd_dump *d;
	int ret;

	if (!PAGE_ALIGNED(off) || !PAGE_ALIGNED(len))
		return -EINVAL;
	list_for_each_entry(d, &r->dumps, list) {
		u64 end = d->offset + ((u64)d->nr_pages << PAGE_SHIFT);

		for (; len && off < end; off += PAGE_SIZE, dst += PAGE_SIZE,
		     len -= PAGE_SIZE) {
			ret = vm_insert_page(vma, dst,
					     d->pages[(off - d->offset) >> PAGE_SHIFT]);
			if (ret)
				return ret;
		}
		if (!len)
			return 0;
		cond_resched();
	}
	return len ? -EINVAL : 0;
}

int vmcoredd_mmap(struct vm_area_struct *vma, unsigned long dst, u64 off,
		  size_t len)
{
	return vmcoredd_region_mmap(&vmcoredd, vma, dst, off, len);
}

void vmcoredd_cleanup(void)
{
	vmcoredd_region_free(&vmcoredd);
}

#ifdef CONFIG_VMCOREDD_KUNIT_TEST
#include "../tests/vmcore_dd_kunit.c"
#endif
