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
 * dump is one note:
 *
 *	struct vmcoredd_header	n_namesz 8, n_descsz 44 + size, n_type
 *				NT_VMCOREDD, "LINUX", the dump name in 44 bytes
 *	payload			exactly the dump's size
 *	0 to 3 zero bytes	to the next 4-byte boundary
 *
 * Dumps follow each other without gaps.  The notes after the region are
 * mapped page by page, so the region ends on a page boundary: one filler
 * note owned by "VMCOREDD_PAD", of type 0 with a zero descriptor, pads it.
 * The region lives in pages allocated one by one; a page may hold the end of
 * one dump and the start of the next, so read() and mmap() of /proc/vmcore
 * return exactly the bytes above.  No byte comes from uninitialised memory.
 *
 * Registrations are serialised.  Once /proc/vmcore has been opened its
 * layout is final: later registrations fail with -EBUSY before the driver's
 * callback runs.  A budget bounds the memory the dumps may hold, so that
 * they cannot starve the capture of the vmcore itself.
 *
 * Each dump is also readable as /sys/kernel/vmcoredd/<name>.
 */

#define pr_fmt(fmt) "vmcoredd: " fmt

#include <linux/crash_dump.h>
#include <linux/crash_dump_dd.h>
#include <linux/elf.h>
#include <linux/highmem.h>
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/uio.h>
#include <linux/vmalloc.h>

#include "vmcore_dd.h"

#define VMCOREDD_PAD_NAME	"VMCOREDD_PAD"

/* Fail rather than push the capture kernel into reclaim or the OOM killer. */
#define VMCOREDD_GFP		(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN)

/* Header of the filler note that ends the region on a page boundary. */
struct vmcoredd_pad_header {
	u32 n_namesz;
	u32 n_descsz;
	u32 n_type;
	char name[ALIGN(sizeof(VMCOREDD_PAD_NAME), 4)];
};

/**
 * struct vmcoredd_dump - bookkeeping of one device dump
 * @list: entry in &vmcoredd_region.dumps, in file order
 * @name: the dump's name, NUL-terminated
 * @offset: offset of the payload in the region
 * @size: size of the payload
 * @attr: its file in /sys/kernel/vmcoredd/
 * @listed: @attr was created
 */
struct vmcoredd_dump {
	struct list_head list;
	char name[VMCOREDD_MAX_NAME_BYTES];
	size_t offset;
	unsigned int size;
	struct bin_attribute attr;
	bool listed;
};

/**
 * struct vmcoredd_region - the device dumps and the pages holding them
 * @lock: serialises registrations and protects the other members
 * @dumps: the dumps, in file order
 * @pages: the region's pages
 * @nr_pages: pages in use; the region is @nr_pages pages long
 * @max_pages: entries allocated in @pages
 * @used: end of the last dump's note, where the filler note starts
 * @held: memory held: pages, @pages and bookkeeping, in bytes
 * @frozen: /proc/vmcore was opened, the layout is final
 */
struct vmcoredd_region {
	struct mutex lock;	/* serialises registrations, protects the rest */
	struct list_head dumps;
	struct page **pages;
	unsigned int nr_pages;
	unsigned int max_pages;
	size_t used;
	size_t held;
	bool frozen;
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

static struct vmcoredd_region vmcoredd = {
	.lock = __MUTEX_INITIALIZER(vmcoredd.lock),
	.dumps = LIST_HEAD_INIT(vmcoredd.dumps),
};

static bool vmcoredd_disabled;
core_param(novmcoredd, vmcoredd_disabled, bool, 0);

/* vmcoredd_init() ran: this is a capture kernel with a /proc/vmcore. */
static bool vmcoredd_ready;
static struct kobject *vmcoredd_kobj;

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

static size_t vmcoredd_note_len(unsigned int size)
{
	return ALIGN(sizeof(struct vmcoredd_header) + (size_t)size, 4);
}

/* Length of the filler note after @used; 0 if @used is on a page boundary. */
static size_t vmcoredd_pad_len(size_t used)
{
	size_t pad = PAGE_ALIGN(used) - used;

	if (pad && pad < sizeof(struct vmcoredd_pad_header))
		pad += PAGE_SIZE;
	return pad;
}

/* Copy @len bytes from @src to the region at @off. */
static void vmcoredd_write(struct vmcoredd_region *r, size_t off,
			   const void *src, size_t len)
{
	while (len) {
		size_t n = min_t(size_t, len, PAGE_SIZE - offset_in_page(off));

		memcpy_to_page(r->pages[off >> PAGE_SHIFT], offset_in_page(off),
			       src, n);
		src += n;
		off += n;
		len -= n;
	}
}

static void vmcoredd_zero(struct vmcoredd_region *r, size_t off, size_t len)
{
	while (len) {
		size_t n = min_t(size_t, len, PAGE_SIZE - offset_in_page(off));

		memzero_page(r->pages[off >> PAGE_SHIFT], offset_in_page(off), n);
		off += n;
		len -= n;
	}
}

/* Copy @len bytes of the region at @off to @dst. */
static void vmcoredd_copy(struct vmcoredd_region *r, void *dst, size_t off,
			  size_t len)
{
	while (len) {
		size_t n = min_t(size_t, len, PAGE_SIZE - offset_in_page(off));

		memcpy_from_page(dst, r->pages[off >> PAGE_SHIFT],
				 offset_in_page(off), n);
		dst += n;
		off += n;
		len -= n;
	}
}

/* Zero the region from @used to its end and write the filler note there. */
static void vmcoredd_write_pad(struct vmcoredd_region *r, size_t used)
{
	size_t pad = vmcoredd_pad_len(used);
	struct vmcoredd_pad_header hdr = {
		.n_namesz = sizeof(VMCOREDD_PAD_NAME),
		.n_type = 0,
	};

	if (!pad)
		return;
	vmcoredd_zero(r, used, pad);
	hdr.n_descsz = pad - sizeof(hdr);
	strscpy_pad(hdr.name, VMCOREDD_PAD_NAME);
	vmcoredd_write(r, used, &hdr, sizeof(hdr));
}

/*
 * A dump name is non-empty, NUL-terminated within VMCOREDD_MAX_NAME_BYTES,
 * printable ASCII and usable as a file name (no '/').
 */
static bool vmcoredd_name_valid(const char *name)
{
	size_t i, len = strnlen(name, VMCOREDD_MAX_NAME_BYTES);

	if (!len || len == VMCOREDD_MAX_NAME_BYTES)
		return false;
	for (i = 0; i < len; i++)
		if (name[i] < 0x20 || name[i] > 0x7e || name[i] == '/')
			return false;
	return true;
}

static struct vmcoredd_dump *vmcoredd_find(struct vmcoredd_region *r,
					   const char *name)
{
	struct vmcoredd_dump *d;

	list_for_each_entry(d, &r->dumps, list)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

/*
 * Whether @need more bytes fit the budget @lim, with @avail bytes of memory
 * available.  Logs the refusal of @name.
 */
static bool vmcoredd_fits(struct vmcoredd_region *r, const char *name,
			  unsigned int size, size_t need,
			  const struct vmcoredd_limits *lim, u64 avail)
{
	u64 allowed = div_u64((avail + r->held) * lim->mem_percent, 100);
	const char *why = "mem_percent";

	if (lim->max_total && lim->max_total < allowed) {
		allowed = lim->max_total;
		why = "max_total";
	}
	if (lim->max_dump && size > lim->max_dump) {
		pr_warn("dump %s (%u bytes) refused: larger than vmcoredd.max_dump=%llu\n",
			name, size, lim->max_dump);
		return false;
	}
	if (r->held + need > allowed) {
		pr_warn("dump %s (%u bytes) refused: needs %zu kB, dumps hold %zu kB of %llu kB allowed (vmcoredd.%s)\n",
			name, size, need >> 10, r->held >> 10, allowed >> 10, why);
		return false;
	}
	return true;
}

/* Entries r->pages grows to for @nr pages, doubling to amortise. */
static unsigned int vmcoredd_array_len(struct vmcoredd_region *r,
				       unsigned int nr)
{
	return nr <= r->max_pages ? r->max_pages : max(nr, 2 * r->max_pages);
}

static int vmcoredd_grow(struct vmcoredd_region *r, unsigned int nr)
{
	unsigned int max = vmcoredd_array_len(r, nr);
	struct page **pages;

	if (max == r->max_pages)
		return 0;
	pages = kvrealloc(r->pages, array_size(max, sizeof(*pages)), VMCOREDD_GFP);
	if (!pages)
		return -ENOMEM;
	r->held += (size_t)(max - r->max_pages) * sizeof(*pages);
	r->pages = pages;
	r->max_pages = max;
	return 0;
}

static void vmcoredd_free_pages(struct vmcoredd_region *r, unsigned int from)
{
	while (r->nr_pages > from)
		__free_page(r->pages[--r->nr_pages]);
}

/* Write the note header of @d at @off and call the driver to fill it. */
static int vmcoredd_fill(struct vmcoredd_region *r, struct vmcoredd_dump *d,
			 size_t off, struct vmcoredd_data *data)
{
	struct vmcoredd_header hdr = {
		.n_namesz = sizeof(hdr.name),
		.n_descsz = sizeof(hdr.dump_name) + data->size,
		.n_type = NT_VMCOREDD,
	};
	unsigned int first = d->offset >> PAGE_SHIFT;
	unsigned int last = (d->offset + d->size - 1) >> PAGE_SHIFT;
	void *va;
	int ret;

	strscpy_pad(hdr.name, VMCOREDD_NOTE_NAME);
	strscpy_pad(hdr.dump_name, d->name);
	vmcoredd_write(r, off, &hdr, sizeof(hdr));

	va = vmap(&r->pages[first], last - first + 1, VM_MAP, PAGE_KERNEL);
	if (!va)
		return -ENOMEM;
	ret = data->vmcoredd_callback(data, va + offset_in_page(d->offset));
	vunmap(va);
	return ret;
}

/**
 * vmcoredd_region_add - add a device dump to a region
 * @r: the region, locked
 * @data: the dump
 * @lim: the memory budget
 * @avail: memory available now, in bytes
 * @out: the new dump's bookkeeping, on success
 *
 * Checks the dump, then the budget, then allocates and calls the driver.
 * On failure the region is as it was.
 *
 * Return: 0, -EINVAL for an invalid dump, -EEXIST for a duplicate name,
 * -EBUSY if the region is frozen, -ENOSPC if the dump does not fit the
 * budget, -ENOMEM, or the callback's error.
 */
static int vmcoredd_region_add(struct vmcoredd_region *r,
			       struct vmcoredd_data *data,
			       const struct vmcoredd_limits *lim, u64 avail,
			       struct vmcoredd_dump **out)
{
	unsigned int old_nr = r->nr_pages, old_max = r->max_pages, new_nr;
	size_t off = r->used, used, need, held = r->held;
	struct vmcoredd_dump *d;
	int ret;

	lockdep_assert_held(&r->lock);

	if (!data) {
		pr_warn("no dump: NULL vmcoredd_data\n");
		return -EINVAL;
	}
	if (!data->vmcoredd_callback || !data->size ||
	    data->size > U32_MAX - sizeof(struct vmcoredd_header)) {
		pr_warn("dump '%*pE' (%u bytes) refused: %s\n",
			(int)strnlen(data->dump_name, VMCOREDD_MAX_NAME_BYTES),
			data->dump_name, data->size,
			!data->vmcoredd_callback ? "no callback" :
			!data->size ? "empty" : "too large for a note");
		return -EINVAL;
	}
	if (!vmcoredd_name_valid(data->dump_name)) {
		pr_warn("dump '%*pE' refused: a name is 1 to %d printable characters without '/'\n",
			(int)strnlen(data->dump_name, VMCOREDD_MAX_NAME_BYTES),
			data->dump_name, VMCOREDD_MAX_NAME_BYTES - 1);
		return -EINVAL;
	}
	if (vmcoredd_find(r, data->dump_name)) {
		pr_warn("dump %s refused: a dump of that name exists\n",
			data->dump_name);
		return -EEXIST;
	}
	if (r->frozen) {
		pr_warn("dump %s (%u bytes) refused: /proc/vmcore was already opened\n",
			data->dump_name, data->size);
		return -EBUSY;
	}

	used = off + vmcoredd_note_len(data->size);
	new_nr = (used + vmcoredd_pad_len(used)) >> PAGE_SHIFT;
	need = (size_t)(new_nr - old_nr) * PAGE_SIZE + sizeof(*d) +
	       (size_t)(vmcoredd_array_len(r, new_nr) - old_max) *
	       sizeof(struct page *);
	if (!vmcoredd_fits(r, data->dump_name, data->size, need, lim, avail))
		return -ENOSPC;

	d = kzalloc(sizeof(*d), VMCOREDD_GFP);
	if (!d)
		return -ENOMEM;
	strscpy(d->name, data->dump_name);
	d->size = data->size;
	d->offset = off + sizeof(struct vmcoredd_header);
	r->held += sizeof(*d);

	ret = vmcoredd_grow(r, new_nr);
	while (!ret && r->nr_pages < new_nr) {
		struct page *page = alloc_page(VMCOREDD_GFP | __GFP_ZERO);

		if (!page) {
			ret = -ENOMEM;
			break;
		}
		r->pages[r->nr_pages++] = page;
		r->held += PAGE_SIZE;
	}
	if (!ret)
		ret = vmcoredd_fill(r, d, off, data);
	if (ret) {
		/* Restore the old filler note over whatever was written. */
		vmcoredd_free_pages(r, old_nr);
		vmcoredd_write_pad(r, off);
		kfree(d);
		/* the array keeps its new length */
		r->held = held + (size_t)(r->max_pages - old_max) *
			  sizeof(struct page *);
		return ret;
	}

	vmcoredd_zero(r, d->offset + d->size, used - d->offset - d->size);
	vmcoredd_write_pad(r, used);
	r->used = used;
	list_add_tail(&d->list, &r->dumps);
	*out = d;
	return 0;
}

static void vmcoredd_region_free(struct vmcoredd_region *r)
{
	struct vmcoredd_dump *d, *tmp;

	list_for_each_entry_safe(d, tmp, &r->dumps, list) {
		list_del(&d->list);
		kfree(d);
	}
	vmcoredd_free_pages(r, 0);
	kvfree(r->pages);
	r->frozen = false;
	r->pages = NULL;
	r->max_pages = 0;
	r->used = 0;
	r->held = 0;
}

static ssize_t vmcoredd_attr_read(struct file *file, struct kobject *kobj,
				  struct bin_attribute *attr, char *buf,
				  loff_t off, size_t count)
{
	struct vmcoredd_dump *d = attr->private;

	if (off >= d->size)
		return 0;
	count = min_t(size_t, count, d->size - off);
	mutex_lock(&vmcoredd.lock);
	vmcoredd_copy(&vmcoredd, buf, d->offset + off, count);
	mutex_unlock(&vmcoredd.lock);
	return count;
}

/* Publish @d as /sys/kernel/vmcoredd/<name>; the dump stays if this fails. */
static void vmcoredd_list(struct vmcoredd_dump *d)
{
	if (!vmcoredd_kobj)
		return;
	sysfs_bin_attr_init(&d->attr);
	d->attr.attr.name = d->name;
	d->attr.attr.mode = 0400;
	d->attr.size = d->size;
	d->attr.read = vmcoredd_attr_read;
	d->attr.private = d;
	if (sysfs_create_bin_file(vmcoredd_kobj, &d->attr))
		pr_warn("dump %s: no file in /sys/kernel/vmcoredd\n", d->name);
	else
		d->listed = true;
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
 * The dump, its bookkeeping and the callback's work are checked against the
 * budget set by vmcoredd.mem_percent, vmcoredd.max_total and
 * vmcoredd.max_dump before any memory is allocated.  Registrations are
 * serialised; the callback runs with the registry locked.
 *
 * Context: process context, may sleep.
 * Return: 0 on success, or a negative errno, each logged with the dump's
 * name:
 *
 * * -EOPNOTSUPP: device dumps are disabled (``novmcoredd``).
 * * -ENODEV: this is not a capture kernel with a /proc/vmcore.
 * * -EINVAL: @data is NULL, has no callback, a zero or too large size, or
 *   an invalid name (empty, not NUL-terminated within
 *   %VMCOREDD_MAX_NAME_BYTES, not printable ASCII, or containing '/').
 * * -EEXIST: a dump of that name exists.
 * * -EBUSY: /proc/vmcore was opened already; its layout is final.
 * * -ENOSPC: the dump does not fit the memory budget.
 * * -ENOMEM: an allocation failed.
 * * any error returned by the callback, which drops the dump.
 */
int vmcore_add_device_dump(struct vmcoredd_data *data)
{
	struct vmcoredd_limits lim = {
		.mem_percent = READ_ONCE(vmcoredd_mem_percent),
		.max_total = READ_ONCE(vmcoredd_max_total),
		.max_dump = READ_ONCE(vmcoredd_max_dump),
	};
	const char *name = data ? data->dump_name : "(null)";
	struct vmcoredd_dump *d;
	int ret;

	if (vmcoredd_disabled) {
		pr_warn("dump %.*s not added: device dumps are disabled (novmcoredd)\n",
			VMCOREDD_MAX_NAME_BYTES, name);
		return -EOPNOTSUPP;
	}

	mutex_lock(&vmcoredd.lock);
	if (!vmcoredd_ready) {
		mutex_unlock(&vmcoredd.lock);
		pr_warn("dump %.*s not added: no /proc/vmcore in this kernel\n",
			VMCOREDD_MAX_NAME_BYTES, name);
		return -ENODEV;
	}
	ret = vmcoredd_region_add(&vmcoredd, data, &lim,
				  (u64)si_mem_available() << PAGE_SHIFT, &d);
	if (!ret) {
		vmcore_set_dd_size((size_t)vmcoredd.nr_pages << PAGE_SHIFT);
		vmcoredd_list(d);
		pr_info("dump %s: %u bytes\n", d->name, d->size);
	} else if (ret != -ENOSPC && ret != -EEXIST && ret != -EBUSY &&
		   ret != -EINVAL) {
		pr_warn("dump %.*s not added: error %d\n",
			VMCOREDD_MAX_NAME_BYTES, name, ret);
	}
	mutex_unlock(&vmcoredd.lock);
	return ret;
}
EXPORT_SYMBOL(vmcore_add_device_dump);

void vmcoredd_init(void)
{
	mutex_lock(&vmcoredd.lock);
	vmcoredd_ready = true;
	if (!vmcoredd_disabled) {
		vmcoredd_kobj = kobject_create_and_add("vmcoredd", kernel_kobj);
		if (!vmcoredd_kobj)
			pr_warn("cannot create /sys/kernel/vmcoredd\n");
	}
	mutex_unlock(&vmcoredd.lock);
}

void vmcoredd_freeze(void)
{
	mutex_lock(&vmcoredd.lock);
	vmcoredd.frozen = true;
	mutex_unlock(&vmcoredd.lock);
}

/*
 * read() and mmap() of /proc/vmcore come after open_vmcore() froze the
 * region, which stays as it is until vmcore_cleanup() has removed
 * /proc/vmcore and waited for its users: they need no lock (and must not
 * take vmcoredd.lock, which would nest inside mmap_lock in mmap and outside
 * it in a faulting read).
 */
int vmcoredd_read(struct iov_iter *iter, u64 off, size_t len)
{
	if (WARN_ON_ONCE(!READ_ONCE(vmcoredd.frozen)) ||
	    off + len > ((u64)vmcoredd.nr_pages << PAGE_SHIFT))
		return -EINVAL;
	while (len) {
		size_t n = min_t(size_t, len, PAGE_SIZE - offset_in_page(off));

		if (copy_page_to_iter(vmcoredd.pages[off >> PAGE_SHIFT],
				      offset_in_page(off), n, iter) != n)
			return -EFAULT;
		off += n;
		len -= n;
	}
	return 0;
}

#ifdef CONFIG_MMU
int vmcoredd_mmap(struct vm_area_struct *vma, unsigned long dst, u64 off,
		  size_t len)
{
	int ret = 0;

	if (WARN_ON_ONCE(!READ_ONCE(vmcoredd.frozen)) || !PAGE_ALIGNED(off) ||
	    !PAGE_ALIGNED(len) || off + len > ((u64)vmcoredd.nr_pages << PAGE_SHIFT))
		return -EINVAL;
	for (; !ret && len; off += PAGE_SIZE, dst += PAGE_SIZE, len -= PAGE_SIZE)
		ret = remap_pfn_range(vma, dst,
				      page_to_pfn(vmcoredd.pages[off >> PAGE_SHIFT]),
				      PAGE_SIZE, vma->vm_page_prot);
	return ret;
}
#endif

void vmcoredd_cleanup(void)
{
	struct vmcoredd_dump *d;
	struct kobject *kobj;

	/* No more dumps; then remove the files, whose reads take the lock. */
	mutex_lock(&vmcoredd.lock);
	vmcoredd_ready = false;
	kobj = vmcoredd_kobj;
	vmcoredd_kobj = NULL;
	mutex_unlock(&vmcoredd.lock);

	list_for_each_entry(d, &vmcoredd.dumps, list)
		if (d->listed)
			sysfs_remove_bin_file(kobj, &d->attr);
	kobject_put(kobj);

	mutex_lock(&vmcoredd.lock);
	vmcoredd_region_free(&vmcoredd);
	mutex_unlock(&vmcoredd.lock);
}

#ifdef CONFIG_VMCOREDD_KUNIT_TEST
#include "../tests/vmcore_dd_kunit.c"
#endif
