/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface between /proc/vmcore (vmcore.c) and the device dump
 * registry (vmcore_dd.c).  The device dumps form one region of the ELF
 * note segment, vmcore_set_dd_size() bytes long, before the other notes.
 * vmcore_mutex protects the region; the registry changes it only while
 * /proc/vmcore is not open.
 */
#ifndef _FS_PROC_VMCORE_DD_H
#define _FS_PROC_VMCORE_DD_H

#include <linux/types.h>

struct iov_iter;
struct mutex;
struct vm_area_struct;

/* vmcore.c: protects the layout of /proc/vmcore */
extern struct mutex vmcore_mutex;

#ifdef CONFIG_PROC_VMCORE_DEVICE_DUMP
/* vmcore.c, for the registry: */
bool vmcore_is_open(void);		/* the file is open now */
bool vmcore_was_opened(void);		/* the file was ever opened */
void vmcore_set_dd_size(size_t size);	/* the region is @size bytes now */

/* vmcore_dd.c, for vmcore.c: */
void vmcoredd_init(void);		/* /proc/vmcore exists */
void vmcoredd_stop(void);		/* no more dumps: teardown begins */
int vmcoredd_read(struct iov_iter *iter, u64 off, size_t len);
int vmcoredd_mmap(struct vm_area_struct *vma, unsigned long dst, u64 off,
		  size_t len);
void vmcoredd_cleanup(void);		/* free the dumps */
#else
static inline void vmcoredd_init(void) { }
static inline void vmcoredd_stop(void) { }
static inline int vmcoredd_read(struct iov_iter *iter, u64 off, size_t len)
{
	return -EINVAL;
}

static inline int vmcoredd_mmap(struct vm_area_struct *vma, unsigned long dst,
				u64 off, size_t len)
{
	return -EINVAL;
}

static inline void vmcoredd_cleanup(void) { }
#endif /* CONFIG_PROC_VMCORE_DEVICE_DUMP */

#endif /* _FS_PROC_VMCORE_DD_H */
