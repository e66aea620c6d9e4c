/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Device dumps in the crash dump capture kernel.
 *
 * A driver that finds its device in a kdump kernel can save the device's
 * hardware and firmware state before it resets the device.  Each dump is
 * appended to /proc/vmcore as an ELF note of type NT_VMCOREDD owned by
 * VMCOREDD_NOTE_NAME, and is listed in /sys/kernel/vmcoredd/.
 *
 * See Documentation/admin-guide/kdump/device-dump.rst.
 */
#ifndef _LINUX_CRASH_DUMP_DD_H
#define _LINUX_CRASH_DUMP_DD_H

#include <linux/errno.h>
#include <linux/sizes.h>
#include <uapi/linux/vmcore.h>

/* The largest device dump, in bytes: a few times what drivers take today. */
#define VMCOREDD_MAX_SIZE	SZ_1G

/**
 * struct vmcoredd_data - a device dump to add to /proc/vmcore
 * @dump_name: name of the dump, unique in the system: printable, no '/',
 *	       NUL-terminated within %VMCOREDD_MAX_NAME_BYTES.  Drivers
 *	       conventionally use "<driver>_<device name>".
 * @size: size of the dump in bytes, 1 to %VMCOREDD_MAX_SIZE (on 32-bit
 *	kernels also at most about half the vmalloc space): what the callback
 *	may write.
 * @vmcoredd_callback: called once, synchronously, by
 *	vmcore_add_device_dump() to fill up to @size bytes at @buf.  Returns 0
 *	if it wrote @size bytes, the number of bytes it wrote if fewer (the
 *	note is trimmed to them and the memory past them freed), or a negative
 *	errno to drop the dump.  @buf is zeroed and only valid during the
 *	call.  The callback runs without locks held and may sleep; it must not
 *	call vmcore_add_device_dump().
 *
 * The structure is only read during vmcore_add_device_dump(); the caller may
 * free or reuse it afterwards.
 */
struct vmcoredd_data {
	char dump_name[VMCOREDD_MAX_NAME_BYTES];
	unsigned int size;
	int (*vmcoredd_callback)(struct vmcoredd_data *data, void *buf);
};

#ifdef CONFIG_PROC_VMCORE_DEVICE_DUMP
int vmcore_add_device_dump(struct vmcoredd_data *data);
#else
static inline int vmcore_add_device_dump(struct vmcoredd_data *data)
{
	return -EOPNOTSUPP;
}
#endif /* CONFIG_PROC_VMCORE_DEVICE_DUMP */

#endif /* _LINUX_CRASH_DUMP_DD_H */
