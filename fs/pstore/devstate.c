// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device state saved at panic.
 *
 * A driver registers, while the system runs, small buffers that it keeps up
 * to date: controller registers, a firmware ring buffer, clock state.  When
 * the kernel panics, pstore's log dumper copies them, after the log, into
 * the backend as one record set: no driver code runs at panic.  After the
 * reboot each buffer is a file of its own, devstate-<backend>-<name>, and
 * devstate-<backend>-list.txt says which buffers were saved and which were
 * not.  In a crash dump capture kernel, each saved buffer is also added to
 * /proc/vmcore as the device dump "panic-<name>".
 *
 * The copy runs in panic() with the other CPUs stopped, in the log dump
 * before the crash kexec too: it takes no lock, allocates nothing and only
 * copies into the buffer allocated when the backend registered, then calls
 * the backend's write() once.  Registration and unregistration change an
 * RCU list under a mutex; unregistration waits for a grace period, so a
 * buffer that pstore_devstate_unregister() returned for is not copied any
 * more.  A buffer freed while registered is reported by debug objects and
 * left out of the record set.
 *
 * See Documentation/admin-guide/pstore-devstate.rst.
 */

#define pr_fmt(fmt) "pstore: " fmt

#include <linux/align.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/crash_dump.h>
#include <linux/crash_dump_dd.h>
#include <linux/crc32.h>
#include <linux/ctype.h>
#include <linux/debugobjects.h>
#include <linux/hardirq.h>
#include <linux/kmsg_dump.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/panic.h>
#include <linux/pstore.h>
#include <linux/random.h>
#include <linux/rculist.h>
#include <linux/sched/clock.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/vmcore_info.h>
#include <asm/sections.h>
#ifdef CONFIG_FA_DUMP
#include <asm/fadump.h>
#endif

#include "internal.h"

/*
 * The record set, as the backend stores it, little-endian: a header, one
 * entry per registered buffer, then the data of the saved buffers, each at
 * its entry's offset, 8-byte aligned.
 */
#define DEVSTATE_MAGIC		0x54534456	/* "VDST" */
#define DEVSTATE_VERSION	1

struct devstate_hdr {
	__le32 magic;
	__le16 version;
	__le16 nr;		/* entries that follow */
	__le16 registered;	/* buffers registered at panic */
	__le16 reserved;
	__le32 size;		/* bytes of the set, this header included */
	__le64 time;		/* seconds since the epoch, at panic */
	__le64 boot_id;		/* devstate_boot_id of the kernel that wrote it */
};

/* What became of a buffer at panic. */
enum devstate_status {
	DEVSTATE_STORED,	/* its data follow */
	DEVSTATE_NO_SPACE,	/* did not fit in what the backend had left */
	DEVSTATE_FREED,		/* freed while registered: not copied */
	DEVSTATE_FAULT,		/* could not be read at panic */
};

/* devstate_ent.flags */
#define DEVSTATE_NO_CRC		BIT(0)	/* copied in NMI context: no CRC */

struct devstate_ent {
	char name[PSTORE_DEVSTATE_NAME_LEN];	/* NUL-padded */
	__le32 size;		/* the buffer's registered size */
	__le32 stored;		/* bytes of it at @offset: 0 or @size */
	__le32 offset;		/* from the start of the set */
	__le32 crc;		/* crc32_le(~0, data, stored) */
	__le32 status;		/* enum devstate_status */
	__le32 flags;		/* DEVSTATE_NO_CRC */
};

static_assert(sizeof(struct devstate_hdr) == 32);
static_assert(sizeof(struct devstate_ent) == 56);

/* A registered buffer. */
struct devstate_reg {
	struct list_head list;
	struct rcu_head rcu;
	const void *buf;
	size_t size;
	bool freed;		/* freed while registered (debug objects) */
	char name[PSTORE_DEVSTATE_NAME_LEN];
};

static DEFINE_MUTEX(devstate_lock);	/* registration, devstate_cap */
static LIST_HEAD(devstate_list);	/* RCU; written under devstate_lock */
static unsigned int devstate_nr;
static size_t devstate_total;

/*
 * Where the panic copy goes, allocated when a backend with
 * PSTORE_FLAGS_DEVSTATE registers; devstate_cap is 0 without one.
 */
static void *devstate_buf;
static size_t devstate_cap;
static atomic_t devstate_busy = ATOMIC_INIT(0);

/*
 * A random number of this boot, in each record set written and in
 * VMCOREINFO as PSTORE_DEVSTATE_BOOT, so that a crash dump capture kernel
 * adds to /proc/vmcore only a set written by the kernel that crashed, not
 * one kept from an earlier panic.  0 until set: after VMCOREINFO is set
 * up (subsys_initcall), before /proc/kcore sizes its notes (fs_initcall).
 * It needs to differ from boot to boot, not to be secret: the CRNG may
 * not be ready yet, but what seeds it then (the cycle counter, the time,
 * the command line) differs too.
 */
static u64 devstate_boot_id;

static int __init devstate_boot_id_init(void)
{
	devstate_boot_id = get_random_u64() ?: 1;
#ifdef CONFIG_VMCORE_INFO
	if (vmcoreinfo_data)
		vmcoreinfo_append_str("PSTORE_DEVSTATE_BOOT=%llx\n",
				      devstate_boot_id);
#endif
	return 0;
}
subsys_initcall_sync(devstate_boot_id_init);

static size_t devstate_headers(unsigned int nr)
{
	return sizeof(struct devstate_hdr) + nr * sizeof(struct devstate_ent);
}

/*
 * The largest record set: every buffer listed, the limits' worth of data
 * and each buffer's alignment.  The staging buffer is at most this.
 */
#define DEVSTATE_SET_MAX	(sizeof(struct devstate_hdr) +			\
				 PSTORE_DEVSTATE_MAX_BUFFERS *			\
				 (sizeof(struct devstate_ent) + 7) +		\
				 PSTORE_DEVSTATE_MAX_TOTAL)

/* 1 to PSTORE_DEVSTATE_NAME_LEN - 1 of [A-Za-z0-9_-], NUL-terminated. */
static bool devstate_name_valid(const char *name, size_t max)
{
	size_t i, len = strnlen(name, max);

	if (!len || len >= PSTORE_DEVSTATE_NAME_LEN)
		return false;
	/* isalnum() takes Latin-1 letters too */
	for (i = 0; i < len; i++)
		if (!isascii(name[i]) ||
		    (!isalnum(name[i]) && name[i] != '_' && name[i] != '-'))
			return false;
	return true;
}

/*
 * The registered buffer named @name, or the one that overlaps @size bytes
 * at @buf (@size 1: the one that holds @buf).  Called with devstate_lock
 * held; entries freed while registered do not count.
 */
static struct devstate_reg *devstate_find(const char *name, const void *buf,
					  size_t size)
{
	struct devstate_reg *r;

	list_for_each_entry(r, &devstate_list, list) {
		if (READ_ONCE(r->freed))
			continue;
		if (name && !strcmp(r->name, name))
			return r;
		if (buf && buf < r->buf + r->size && r->buf < buf + size)
			return r;
	}
	return NULL;
}

/*
 * The entry of buffer @buf, also one whose buffer was freed.  Called with
 * devstate_lock held.
 */
static struct devstate_reg *devstate_entry(const void *buf)
{
	struct devstate_reg *r;

	list_for_each_entry(r, &devstate_list, list)
		if (r->buf == buf)
			return r;
	return NULL;
}

/* Drop the entries of buffers freed while registered.  devstate_lock held. */
static void devstate_purge(void)
{
	struct devstate_reg *r, *tmp;

	list_for_each_entry_safe(r, tmp, &devstate_list, list) {
		if (!READ_ONCE(r->freed))
			continue;
		list_del_rcu(&r->list);
		devstate_nr--;
		devstate_total -= r->size;
		kfree_rcu(r, rcu);
	}
}

/*
 * Whether the @size bytes at @p lie in one data region of one module
 * (data, read-only data, read-only after init): not its code, not what is
 * freed after its init.
 */
static bool devstate_module_ok(void *p, size_t size)
{
	bool ok = false;
#ifdef CONFIG_MODULES
	static const enum mod_mem_type types[] = {
		MOD_DATA, MOD_RODATA, MOD_RO_AFTER_INIT,
	};
	struct module *mod;
	int i;

	/* the module stays while preemption is off (RCU) */
	preempt_disable();
	mod = __module_address((unsigned long)p);
	for (i = 0; mod && !ok && i < ARRAY_SIZE(types); i++) {
		const struct module_memory *mem = &mod->mem[types[i]];

		ok = memory_contains(mem->base, mem->base + mem->size, p, size);
	}
	preempt_enable();
#endif
	return ok;
}

/*
 * Whether every page of [@first, @last], in the kernel image, was given
 * back to the page allocator (init memory after boot, an unused tail of
 * x86's brk): where the image is in the linear map, those pages are
 * allocated again, and a buffer there is the allocator's.
 */
static bool devstate_image_freed(unsigned long first, unsigned long last)
{
	unsigned long addr;

	if (lm_alias(_stext) != (void *)_stext)
		return false;
	for (addr = first & PAGE_MASK; addr <= last; addr += PAGE_SIZE) {
		if (!virt_addr_valid((void *)addr) ||
		    PageReserved(virt_to_page((void *)addr)))
			return false;
		if (addr + PAGE_SIZE < addr)
			break;
	}
	return true;
}

/*
 * What the panic copy can read: all @size bytes in one vmalloc area that is
 * not I/O memory, in one section of the kernel image that is never freed
 * (data, read-only data, bss), in one data region of one module that is
 * never freed, or in the linear map; not code, not on the stack of the
 * task that registers.  The copy does not trust this alone: it reads with
 * copy_from_kernel_nofault().
 */
static bool devstate_buf_ok(const void *buf, size_t size)
{
	unsigned long first = (unsigned long)buf, last = first + size - 1;
	void *p = (void *)buf;
	struct vm_struct *area;

	if (last < first || object_is_on_stack(buf))
		return false;
	/* the image before the linear map: x86_64 maps it there too */
	if (__is_kernel(first) || __is_kernel(last)) {
		if (memory_contains(_sdata, _edata, p, size) ||
		    memory_contains(__start_rodata, __end_rodata, p, size) ||
		    memory_contains(__bss_start, __bss_stop, p, size))
			return true;
		/* text, init memory, what the image keeps reserved */
		if (!devstate_image_freed(first, last))
			return false;
	}
	if (is_module_address(first) || is_module_address(last))
		return devstate_module_ok(p, size);
	if (is_vmalloc_addr(buf)) {
		area = find_vm_area(buf);
		return area && !(area->flags & (VM_IOREMAP | VM_SPARSE)) &&
		       last < (unsigned long)area->addr + get_vm_area_size(area);
	}
	return virt_addr_valid((void *)first) && virt_addr_valid((void *)last);
}

#ifdef CONFIG_DEBUG_OBJECTS
/*
 * Debug objects track a registered buffer by its last byte, where no other
 * tracked object (a work item, a timer, an rcu_head first in a structure)
 * can start.
 */
static void *devstate_debug_addr(const void *buf, size_t size)
{
	return (void *)buf + size - 1;
}

static const struct debug_obj_descr devstate_debug_descr;

/*
 * A registered buffer is being freed: debug objects has reported it.  Leave
 * it out of the record set from now on, and forget the object, so that the
 * free goes on and a later pstore_devstate_unregister() does not report it
 * again; the next registration drops the entry.
 */
static bool devstate_fixup_free(void *addr, enum debug_obj_state state)
{
	struct devstate_reg *r;

	if (state != ODEBUG_STATE_ACTIVE)
		return false;
	rcu_read_lock();
	list_for_each_entry_rcu(r, &devstate_list, list)
		if (devstate_debug_addr(r->buf, r->size) == addr)
			WRITE_ONCE(r->freed, true);
	rcu_read_unlock();
	debug_object_deactivate(addr, &devstate_debug_descr);
	debug_object_free(addr, &devstate_debug_descr);
	return true;
}

static const struct debug_obj_descr devstate_debug_descr = {
	.name		= "pstore_devstate",
	.fixup_free	= devstate_fixup_free,
};

static void devstate_debug_activate(const void *buf, size_t size)
{
	void *addr = devstate_debug_addr(buf, size);

	debug_object_init(addr, &devstate_debug_descr);
	debug_object_activate(addr, &devstate_debug_descr);
}

static void devstate_debug_free(const void *buf, size_t size)
{
	void *addr = devstate_debug_addr(buf, size);

	debug_object_deactivate(addr, &devstate_debug_descr);
	debug_object_free(addr, &devstate_debug_descr);
}
#else
static void devstate_debug_activate(const void *buf, size_t size) { }
static void devstate_debug_free(const void *buf, size_t size) { }
#endif

/**
 * pstore_devstate_register - save a buffer of device state at panic
 * @name: the buffer's name, 1 to %PSTORE_DEVSTATE_NAME_LEN - 1 letters,
 *	  digits, '_' or '-', unique in the system; after the reboot the
 *	  buffer is the pstore file devstate-<backend>-@name.  Copied.
 * @buf: the buffer, which the caller keeps up to date: kernel memory
 *	 (kmalloc(), vmalloc(), static data of the kernel or of a module), not
 *	 code, not init memory, not on the stack, not I/O memory, not a
 *	 vmap_pfn() area.  It must stay allocated until
 *	 pstore_devstate_unregister(@buf) returns.
 * @size: its size, 1 to %PSTORE_DEVSTATE_MAX_SIZE bytes
 *
 * When the kernel panics, pstore copies every registered buffer, as it is
 * at that moment, into its backend, after the kernel log; no code of the
 * caller runs at panic.  The buffers registered in all take at most
 * %PSTORE_DEVSTATE_MAX_BUFFERS entries and %PSTORE_DEVSTATE_MAX_TOTAL
 * bytes; what the backend has no room for at panic is listed as not saved.
 * The buffer may be registered before a backend is.  Each refusal is
 * logged.
 *
 * Context: Process context; may sleep.
 * Return: 0, -EINVAL for an invalid name, a NULL @buf, a @buf that is not
 * memory as said above, or a zero @size, -E2BIG if @size or the total
 * would exceed the limits, -EEXIST if @name is registered, -EBUSY if @buf
 * overlaps a registered buffer, -ENOSPC if the registered buffers are
 * %PSTORE_DEVSTATE_MAX_BUFFERS or the backend cannot list one more,
 * -ENOMEM.
 */
int pstore_devstate_register(const char *name, const void *buf, size_t size)
{
	struct devstate_reg *r;
	int ret = 0;

	if (!name || !devstate_name_valid(name, PSTORE_DEVSTATE_NAME_LEN)) {
		pr_warn("device state '%*pE' refused: a name is 1 to %d letters, digits, '_' or '-'\n",
			name ? (int)strnlen(name, PSTORE_DEVSTATE_NAME_LEN) : 0,
			name ?: "", PSTORE_DEVSTATE_NAME_LEN - 1);
		return -EINVAL;
	}
	if (size > PSTORE_DEVSTATE_MAX_SIZE) {
		pr_warn("device state %s refused: %zu bytes, the limit is %u\n",
			name, size, PSTORE_DEVSTATE_MAX_SIZE);
		return -E2BIG;
	}
	if (!buf || !size || !devstate_buf_ok(buf, size)) {
		pr_warn("device state %s refused: %s\n", name,
			!buf ? "no buffer" : !size ? "size 0" :
			"not kernel data that can be copied at panic (code, init memory, stack, I/O or not mapped)");
		return -EINVAL;
	}
	r = kzalloc_obj(*r);
	if (!r)
		return -ENOMEM;
	strscpy(r->name, name);
	r->buf = buf;
	r->size = size;

	mutex_lock(&devstate_lock);
	devstate_purge();
	if (devstate_find(name, NULL, 0)) {
		pr_warn("device state %s refused: a buffer of that name is registered\n",
			name);
		ret = -EEXIST;
	} else if (devstate_find(NULL, buf, size)) {
		pr_warn("device state %s refused: its buffer overlaps a registered one\n",
			name);
		ret = -EBUSY;
	} else if (devstate_total + size > PSTORE_DEVSTATE_MAX_TOTAL) {
		pr_warn("device state %s refused: %zu bytes registered, %zu more would exceed %u\n",
			name, devstate_total, size, PSTORE_DEVSTATE_MAX_TOTAL);
		ret = -E2BIG;
	} else if (devstate_nr == PSTORE_DEVSTATE_MAX_BUFFERS ||
		   (devstate_cap && devstate_headers(devstate_nr + 1) > devstate_cap)) {
		pr_warn("device state %s refused: %u buffers registered, the %s\n",
			name, devstate_nr, devstate_nr == PSTORE_DEVSTATE_MAX_BUFFERS ?
			"limit" : "backend's room");
		ret = -ENOSPC;
	}
	if (ret) {
		mutex_unlock(&devstate_lock);
		kfree(r);
		return ret;
	}
	devstate_debug_activate(buf, size);
	list_add_tail_rcu(&r->list, &devstate_list);
	devstate_nr++;
	devstate_total += size;
	mutex_unlock(&devstate_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(pstore_devstate_register);

/**
 * pstore_devstate_unregister - stop saving a buffer at panic
 * @buf: a buffer registered with pstore_devstate_register()
 *
 * When this returns, @buf is not read any more, also not by a panic on
 * another CPU, and the caller may free it.  Does nothing if @buf is not
 * registered, after a registration that failed for instance.
 *
 * Context: Process context; may sleep (waits for an RCU grace period).
 */
void pstore_devstate_unregister(const void *buf)
{
	struct devstate_reg *r;

	mutex_lock(&devstate_lock);
	r = buf ? devstate_entry(buf) : NULL;
	if (r) {
		list_del_rcu(&r->list);
		devstate_nr--;
		devstate_total -= r->size;
		/* before @buf can be registered again */
		if (!READ_ONCE(r->freed))
			devstate_debug_free(buf, r->size);
	}
	mutex_unlock(&devstate_lock);
	if (!r) {
		pr_debug("device state buffer %p is not registered\n", buf);
		return;
	}
	synchronize_rcu();
	kfree(r);
}
EXPORT_SYMBOL_GPL(pstore_devstate_unregister);

/*
 * devstate_pack - lay out the record set of @list at @dst
 *
 * Every buffer of @list gets an entry while @cap has room for one; then
 * the buffers are copied in order, each one that fits in what is left.
 * The caller holds the RCU read lock or owns @list.  Returns the set's
 * size.
 */
static size_t devstate_pack(void *dst, size_t cap, struct list_head *list,
			    time64_t time)
{
	struct devstate_hdr *hdr = dst;
	struct devstate_ent *ent = dst + sizeof(*hdr);
	struct devstate_reg *r;
	unsigned int nr = 0, registered = 0, max;
	size_t used;

	if (cap < devstate_headers(0))
		return 0;
	list_for_each_entry_rcu(r, list, list)
		registered++;
	max = min(registered, (unsigned int)((cap - sizeof(*hdr)) / sizeof(*ent)));
	used = devstate_headers(max);

	list_for_each_entry_rcu(r, list, list) {
		size_t size = r->size, end;
		u32 status = DEVSTATE_NO_SPACE;

		if (nr == max)
			break;
		memset(ent, 0, sizeof(*ent));
		memcpy(ent->name, r->name, sizeof(ent->name));
		ent->size = cpu_to_le32(size);
		used = ALIGN(used, 8);
		if (READ_ONCE(r->freed)) {
			status = DEVSTATE_FREED;
		} else if (check_add_overflow(used, size, &end) || end > cap) {
			status = DEVSTATE_NO_SPACE;
		} else if (copy_from_kernel_nofault(dst + used, r->buf, size)) {
			/* unmapped since it was checked: the set goes on */
			status = DEVSTATE_FAULT;
		} else {
			ent->stored = cpu_to_le32(size);
			ent->offset = cpu_to_le32(used);
			/* the CRC may use the FPU, which NMI context cannot */
			if (in_nmi())
				ent->flags = cpu_to_le32(DEVSTATE_NO_CRC);
			else
				ent->crc = cpu_to_le32(crc32_le(~0, dst + used, size));
			status = DEVSTATE_STORED;
			used = end;
		}
		ent->status = cpu_to_le32(status);
		ent++;
		nr++;
	}
	used = min(used, cap);

	memset(hdr, 0, sizeof(*hdr));
	hdr->magic = cpu_to_le32(DEVSTATE_MAGIC);
	hdr->version = cpu_to_le16(DEVSTATE_VERSION);
	hdr->nr = cpu_to_le16(nr);
	hdr->registered = cpu_to_le16(registered);
	hdr->size = cpu_to_le32(used);
	hdr->time = cpu_to_le64(time);
	hdr->boot_id = cpu_to_le64(READ_ONCE(devstate_boot_id));
	return used;
}

/**
 * pstore_devstate_dump - copy the registered buffers into the backend
 *
 * Called by pstore's kmsg dumper for a panic dump, after the log.  Copies
 * only on the CPU that owns the panic, where the other CPUs are stopped
 * (some architectures also dump with KMSG_DUMP_PANIC before that).  Runs
 * once at a time; takes no lock.
 */
void pstore_devstate_dump(void)
{
	struct pstore_record record;
	size_t len;
	u64 t0;
	int ret;

	if (!READ_ONCE(devstate_buf) || list_empty(&devstate_list) ||
	    !panic_on_this_cpu() || atomic_xchg(&devstate_busy, 1))
		return;
	t0 = local_clock();
	pstore_record_init(&record, psinfo);
	rcu_read_lock();
	len = devstate_pack(devstate_buf, devstate_cap, &devstate_list,
			    record.time.tv_sec);
	rcu_read_unlock();
	record.type = PSTORE_TYPE_DEVSTATE;
	record.buf = devstate_buf;
	record.size = len;
	ret = len ? psinfo->write(&record) : -ENOSPC;
	pr_info("device state: %zu bytes written to %s in %llu us (%d)\n",
		len, psinfo->name, div_u64(local_clock() - t0, NSEC_PER_USEC), ret);
	atomic_set(&devstate_busy, 0);
}

/*
 * devstate_backend - set up for a backend, in a crash dump capture kernel
 * if @capture
 *
 * A capture kernel saves nothing: its own panic (out of memory, say) would
 * replace the crashed kernel's set, which it is there to keep.
 */
static void devstate_backend(struct pstore_info *psi, bool capture)
{
	size_t size;
	void *buf;

	if (capture) {
		pr_info("backend '%s': the crashed kernel's device state is kept: none saved at panic in a crash dump capture kernel\n",
			psi->name);
		return;
	}
	if (!(psi->flags & PSTORE_FLAGS_DMESG) || !psi->devstate_size) {
		pr_warn("backend '%s': device state needs the dmesg frontend and a size\n",
			psi->name);
		return;
	}
	/* room for one entry and a little data, at least */
	if (psi->devstate_size < devstate_headers(1) + 64) {
		pr_warn("backend '%s': %zu bytes for device state is too small: not saved\n",
			psi->name, psi->devstate_size);
		return;
	}
	/* more than the largest set would hold nothing more */
	size = min_t(size_t, psi->devstate_size, DEVSTATE_SET_MAX);
	buf = kvzalloc(size, GFP_KERNEL);
	if (!buf) {
		pr_warn("backend '%s': no memory for device state (%zu bytes)\n",
			psi->name, size);
		return;
	}
	mutex_lock(&devstate_lock);
	devstate_buf = buf;
	devstate_cap = size;
	if (devstate_headers(devstate_nr) > devstate_cap)
		pr_warn("backend '%s' lists %zu of the %u device state buffers registered\n",
			psi->name, (devstate_cap - devstate_headers(0)) /
			sizeof(struct devstate_ent), devstate_nr);
	mutex_unlock(&devstate_lock);
}

/*
 * Whether this kernel holds a crashed kernel's dump: a kdump capture
 * kernel, or a powerpc kernel booted with a firmware-assisted dump to save
 * (for which is_kdump_kernel() is false until the dump is released, and
 * true after).  Known from early boot, before any backend registers.
 */
static bool devstate_capture_kernel(void)
{
#ifdef CONFIG_FA_DUMP
	if (is_fadump_active())
		return true;
#endif
	return is_kdump_kernel();
}

/**
 * pstore_devstate_backend - set up for a backend that registers
 * @psi: the backend, with PSTORE_FLAGS_DEVSTATE set
 *
 * Called by pstore_register() before the kmsg dumper is registered.  In a
 * kernel that holds a crashed kernel's dump (kdump, or powerpc's fadump)
 * it sets up nothing: no device state is saved at panic until the next
 * boot, even if the dump is released (fadump's release_mem).
 */
void pstore_devstate_backend(struct pstore_info *psi)
{
	devstate_backend(psi, devstate_capture_kernel());
}

/**
 * pstore_devstate_backend_gone - the backend unregisters
 *
 * Called by pstore_unregister() after the kmsg dumper is unregistered, so
 * that no panic copy can be running.
 */
void pstore_devstate_backend_gone(void)
{
	void *buf;

	mutex_lock(&devstate_lock);
	buf = devstate_buf;
	devstate_buf = NULL;
	devstate_cap = 0;
	mutex_unlock(&devstate_lock);
	kvfree(buf);
}

/*
 * devstate_parse - check a record set read back from a backend
 *
 * Return: the number of entries, or -EINVAL if @buf is not a record set of
 * at most @size bytes whose entries all lie within it.
 */
static int devstate_parse(const void *buf, size_t size)
{
	const struct devstate_hdr *hdr = buf;
	const struct devstate_ent *ent = buf + sizeof(*hdr);
	unsigned int i, j, nr;
	size_t set_size, end;

	if (size < sizeof(*hdr) || le32_to_cpu(hdr->magic) != DEVSTATE_MAGIC ||
	    le16_to_cpu(hdr->version) != DEVSTATE_VERSION)
		return -EINVAL;
	nr = le16_to_cpu(hdr->nr);
	set_size = le32_to_cpu(hdr->size);
	if (nr > PSTORE_DEVSTATE_MAX_BUFFERS || set_size > size ||
	    devstate_headers(nr) > set_size)
		return -EINVAL;
	/* each buffer's data after the previous one's, none shared */
	end = devstate_headers(nr);
	for (i = 0; i < nr; i++, ent++) {
		u32 stored = le32_to_cpu(ent->stored);
		u32 offset = le32_to_cpu(ent->offset);
		bool saved = le32_to_cpu(ent->status) == DEVSTATE_STORED;

		if (!devstate_name_valid(ent->name, sizeof(ent->name)) ||
		    le32_to_cpu(ent->size) > PSTORE_DEVSTATE_MAX_SIZE ||
		    saved != !!stored ||
		    (stored && (stored != le32_to_cpu(ent->size) || offset < end ||
				offset > set_size || stored > set_size - offset)))
			return -EINVAL;
		if (stored)
			end = offset + stored;
		for (j = 0; j < i; j++)
			if (!strcmp(ent->name, ((const struct devstate_ent *)
						(buf + sizeof(*hdr)))[j].name))
				return -EINVAL;
	}
	return nr;
}

/* Whether the saved data of entry @ent checks out. */
static bool devstate_crc_ok(const void *buf, const struct devstate_ent *ent)
{
	u32 stored = le32_to_cpu(ent->stored);

	return le32_to_cpu(ent->flags) & DEVSTATE_NO_CRC ||
	       crc32_le(~0, buf + le32_to_cpu(ent->offset), stored) ==
	       le32_to_cpu(ent->crc);
}

static const char *const devstate_status_names[] = {
	[DEVSTATE_STORED] = "saved",
	[DEVSTATE_NO_SPACE] = "not saved: no room left in the backend",
	[DEVSTATE_FREED] = "not saved: freed while registered",
	[DEVSTATE_FAULT] = "not saved: could not be read at panic",
};

/* The text of devstate-<backend>-list.txt, for a set devstate_parse() took. */
static char *devstate_list_text(const void *buf, int nr, size_t *len)
{
	const struct devstate_hdr *hdr = buf;
	const struct devstate_ent *ent = buf + sizeof(*hdr);
	size_t cap = 128 + nr * (PSTORE_DEVSTATE_NAME_LEN + 80), n;
	char *text;
	int i;

	text = kvzalloc(cap, GFP_KERNEL);
	if (!text)
		return NULL;
	n = scnprintf(text, cap, "%u buffers registered at panic, %d listed\n",
		      le16_to_cpu(hdr->registered), nr);
	for (i = 0; i < nr; i++, ent++) {
		u32 status = le32_to_cpu(ent->status);
		u32 stored = le32_to_cpu(ent->stored);
		const char *what = "unknown status";

		if (status < ARRAY_SIZE(devstate_status_names))
			what = devstate_status_names[status];
		if (stored && !devstate_crc_ok(buf, ent))
			what = "saved, but its checksum does not match: damaged";
		else if (stored && le32_to_cpu(ent->flags) & DEVSTATE_NO_CRC)
			what = "saved in NMI context, without a checksum";
		n += scnprintf(text + n, cap - n, "%s %u %s\n", ent->name,
			       le32_to_cpu(ent->size), what);
	}
	*len = n;
	return text;
}

/* A file of the pstore file system; takes @buf. */
static int devstate_mkfile(struct dentry *root, struct pstore_record *set,
			   u64 id, const char *name, char *buf, size_t size)
{
	struct pstore_record *record;
	int ret = -ENOMEM;

	record = kzalloc_obj(*record);
	if (!record)
		goto out;
	pstore_record_init(record, set->psi);
	record->type = PSTORE_TYPE_DEVSTATE;
	record->id = id;
	record->time = set->time;
	record->name = kstrdup(name, GFP_KERNEL);
	record->buf = buf;
	record->size = size;
	if (record->name)
		ret = pstore_mkfile(root, record);
	if (!ret)
		return 0;
	kfree(record->name);
	kfree(record);
out:
	kvfree(buf);
	return ret;
}

/**
 * pstore_devstate_mkfiles - the files of a record set read from the backend
 * @root: the pstore file system's root, locked
 * @set: a PSTORE_TYPE_DEVSTATE record, which this frees
 * @quiet: do not count records that are there already
 *
 * devstate-<backend>-list.txt says what became of each buffer; each saved
 * buffer is devstate-<backend>-<name>.  Their record ids are the set's id
 * times 256 plus 0 for the list, 1 + the entry for a buffer.
 *
 * Return: how many files could not be made.
 */
int pstore_devstate_mkfiles(struct dentry *root, struct pstore_record *set,
			    int quiet)
{
	const struct devstate_hdr *hdr = (const void *)set->buf;
	const struct devstate_ent *ent = (const void *)set->buf + sizeof(*hdr);
	int i, nr, ret, failed = 0;
	size_t len;
	char *text;

	nr = devstate_parse(set->buf, set->size);
	if (nr < 0) {
		/* as it is, to be looked at and removed (which erases it) */
		ret = pstore_mkfile(root, set);
		if (!ret) {
			pr_warn("%s: the device state record is damaged (%zd bytes): kept as devstate-%s-%llu\n",
				set->psi->name, set->size, set->psi->name,
				set->id);
			return 0;
		}
		failed = ret != -EEXIST || !quiet;
		goto out;
	}
	set->time.tv_sec = le64_to_cpu(hdr->time);
	set->time.tv_nsec = 0;
	text = devstate_list_text(set->buf, nr, &len);
	ret = text ? devstate_mkfile(root, set, set->id << 8, "list.txt", text,
				     len) : -ENOMEM;
	if (ret && (ret != -EEXIST || !quiet))
		failed++;
	for (i = 0; i < nr; i++, ent++) {
		u32 stored = le32_to_cpu(ent->stored);
		char *data;

		if (!stored)
			continue;
		data = kvmemdup(set->buf + le32_to_cpu(ent->offset), stored,
				GFP_KERNEL);
		ret = data ? devstate_mkfile(root, set, set->id << 8 | (i + 1),
					     ent->name, data, stored) : -ENOMEM;
		if (ret && (ret != -EEXIST || !quiet))
			failed++;
	}
out:
	kvfree(set->buf);
	kfree(set->priv);
	kfree(set);
	return failed;
}

#ifdef CONFIG_PROC_VMCORE_DEVICE_DUMP
/* The crash dump capture kernel may add device dumps: vmcore is set up. */
static bool devstate_vmcore_ready;

struct devstate_dd {
	struct vmcoredd_data data;
	const void *src;
};

static int devstate_dd_fill(struct vmcoredd_data *data, void *buf)
{
	struct devstate_dd *dd = container_of(data, struct devstate_dd, data);

	memcpy(buf, dd->src, data->size);
	return 0;
}

/*
 * The crashed kernel's devstate_boot_id, from its VMCOREINFO; 0 if it has
 * none (a kernel without CONFIG_PSTORE_DEVSTATE) or not a valid one.
 */
static u64 devstate_crashed_boot_id(void)
{
	char val[24];
	u64 id;

	if (vmcore_info_value("PSTORE_DEVSTATE_BOOT", val, sizeof(val)) < 0 ||
	    kstrtou64(val, 16, &id))
		return 0;
	return id;
}

/* Whether the set at @buf was written by the kernel of boot id @crashed. */
static bool devstate_from_crash(const void *buf, u64 crashed)
{
	const struct devstate_hdr *hdr = buf;

	return crashed && le64_to_cpu(hdr->boot_id) == crashed;
}

/*
 * Each saved buffer of a set that the crashed kernel (boot id @crashed)
 * wrote becomes the device dump "panic-<name>".
 */
static void devstate_vmcoredd_set(struct pstore_info *psi, const void *buf,
				  size_t size, u64 crashed)
{
	const struct devstate_ent *ent = buf + sizeof(struct devstate_hdr);
	struct devstate_dd dd = { .data.vmcoredd_callback = devstate_dd_fill };
	int i, nr, added = 0;

	nr = devstate_parse(buf, size);
	if (nr >= 0 && !crashed) {
		pr_info("%s: device state there, but no valid PSTORE_DEVSTATE_BOOT in the crashed kernel's VMCOREINFO (a kernel without CONFIG_PSTORE_DEVSTATE?): not added to /proc/vmcore\n",
			psi->name);
		return;
	}
	if (nr >= 0 && !devstate_from_crash(buf, crashed)) {
		pr_info("%s: the device state there is not the crashed kernel's (an earlier panic's): not added to /proc/vmcore\n",
			psi->name);
		return;
	}
	for (i = 0; i < nr; i++, ent++) {
		u32 stored = le32_to_cpu(ent->stored);

		if (!stored)
			continue;
		if (!devstate_crc_ok(buf, ent)) {
			pr_warn("device state %s of the crashed kernel is damaged (checksum): not added to /proc/vmcore\n",
				ent->name);
			continue;
		}
		snprintf(dd.data.dump_name, sizeof(dd.data.dump_name),
			 "panic-%s", ent->name);
		dd.data.size = stored;
		dd.src = buf + le32_to_cpu(ent->offset);
		if (!vmcore_add_device_dump(&dd.data))
			added++;
	}
	if (nr > 0)
		pr_info("%d device state buffers of the crashed kernel added to /proc/vmcore\n",
			added);
}

/* Read the backend's records for its device state record set. */
static void devstate_vmcoredd(struct pstore_info *psi)
{
	u64 crashed = devstate_crashed_boot_id();
	unsigned int loops = 65536;

	mutex_lock(&psi->read_mutex);
	if (psi->open && psi->open(psi))
		goto out;
	for (; loops; loops--) {
		struct pstore_record *record;

		record = kzalloc_obj(*record);
		if (!record)
			break;
		pstore_record_init(record, psi);
		record->size = psi->read(record);
		if (record->size > 0 && record->type == PSTORE_TYPE_DEVSTATE)
			devstate_vmcoredd_set(psi, record->buf, record->size,
					      crashed);
		kvfree(record->buf);
		kfree(record->priv);
		if (record->size <= 0) {
			kfree(record);
			break;
		}
		kfree(record);
	}
	if (psi->close)
		psi->close(psi);
out:
	mutex_unlock(&psi->read_mutex);
}

/**
 * pstore_devstate_vmcore - republish the crashed kernel's device state
 * @psi: the backend (may be NULL), under pstore's registration lock
 * @ready: /proc/vmcore is set up (pstore's late initcall)
 *
 * In a crash dump capture kernel, add each buffer the crashed kernel saved
 * in @psi to /proc/vmcore as a device dump, once /proc/vmcore is set up:
 * called when a backend registers, and at pstore's late initcall.
 */
void pstore_devstate_vmcore(struct pstore_info *psi, bool ready)
{
	if (!is_kdump_kernel())
		return;
	if (ready)
		devstate_vmcore_ready = true;
	if (devstate_vmcore_ready && psi && (psi->flags & PSTORE_FLAGS_DEVSTATE))
		devstate_vmcoredd(psi);
}
#else
void pstore_devstate_vmcore(struct pstore_info *psi, bool ready) { }
#endif /* CONFIG_PROC_VMCORE_DEVICE_DUMP */

#ifdef CONFIG_PSTORE_DEVSTATE_KUNIT_TEST
#include "../tests/pstore_devstate_kunit.c"
#endif
