/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interface between /proc/vmcore (vmcore.c) and the device dump
 * registry (vmcore_dd.c).  The device dumps form one region of the ELF
 * note segment, vmcore_set_dd_size() bytes long, before the other notes.
 */
#ifndef _FS_PROC_VMCORE_DD_H
#define _FS_PROC_VMCORE_DD_H

#include <linux/types.h>

struct iov_iter;
struct vm_area_struct;

#ifdef CONFIG_PROC_VMCORE_DEVICE_DUMP
/* vmcore.c: the device dump region is now @size bytes (page aligned). */
void vmcore_set_dd_size(size_t size);

/* vmcore_dd.c, called by vmcore.c: */
void vmcoredd_init(void);		/* /proc/vmcore exists */
void vmcoredd_freeze(void);		/* /proc/vmcore is opened */
int vmcoredd_read(struct iov_iter *iter, u64 off, size_t len);
int vmcoredd_mmap(struct vm_area_struct *vma, unsigned long dst, u64 off,
		  size_t len);
void vmcoredd_cleanup(void);
#else
static inline void vmcoredd_init(void) { }
static inline void vmcoredd_freeze(void) { }
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
