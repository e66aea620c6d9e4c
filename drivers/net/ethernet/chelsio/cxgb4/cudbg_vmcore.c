// SPDX-License-Identifier: GPL-2.0-only
/*
 * cxgb4 device dump in the crash dump capture kernel: at probe, before the
 * adapter is reset, its hardware and firmware state as collected by cudbg
 * is added to /proc/vmcore as a device dump named "cxgb4_<PCI name>".
 *
 * A dump that cannot be taken costs one log line and nothing else: probe
 * goes on, and the vmcore is saved without it.
 */

#include <linux/crash_dump.h>
#include <linux/crash_dump_dd.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernel.h>

#include "t4_regs.h"
#include "cxgb4.h"
#include "cxgb4_cudbg.h"
#include "cudbg_vmcore.h"

/**
 * cudbg_vmcore_dump_size - size of an adapter's device dump
 *
 * Return: the bytes cudbg needs to collect every entity of the adapter:
 * its header, one entity header per entity, and its collection buffer.
 */
u32 cudbg_vmcore_dump_size(void)
{
	return sizeof(struct cudbg_hdr) +
	       sizeof(struct cudbg_entity_hdr) * CUDBG_MAX_ENTITY +
	       CUDBG_DUMP_BUFF_SIZE;
}

/**
 * cudbg_vmcore_dump_name - name of an adapter's device dump
 * @buf: where to write the name
 * @size: size of @buf, VMCOREDD_MAX_NAME_BYTES for a device dump
 * @pci_name: the adapter's PCI device name, pci_name()
 *
 * Return: 0 with "cxgb4_<PCI name>" in @buf, or -ENAMETOOLONG if it does
 * not fit (@buf then holds a truncated, terminated name).
 */
int cudbg_vmcore_dump_name(char *buf, size_t size, const char *pci_name)
{
	int len = snprintf(buf, size, "%s_%s", cxgb4_driver_name, pci_name);

	return len >= 0 && (size_t)len < size ? 0 : -ENAMETOOLONG;
}

/**
 * cudbg_vmcore_result - what vmcore_add_device_dump()'s result means
 * @err: its return value
 *
 * Return: the end of the one log line cudbg_vmcore_add_dump() prints.
 */
const char *cudbg_vmcore_result(int err)
{
	switch (err) {
	case 0:
		return "added to /proc/vmcore";
	case -ENOSPC:
		return "skipped: larger than the capture kernel's device dump budget (vmcoredd.*)";
	case -EBUSY:
		return "skipped: /proc/vmcore already open; load cxgb4 before saving the vmcore";
	case -EOPNOTSUPP:
		return "skipped: device dumps off (novmcoredd or PROC_VMCORE_DEVICE_DUMP=n)";
	case -ENOMEM:
		return "skipped: out of memory";
	case -EEXIST:
		return "skipped: a dump of that name exists";
	case -ENAMETOOLONG:
		return "skipped: the PCI name makes the dump name too long";
	default:
		return "failed";
	}
}

/*
 * Collect into @buf.  cudbg compresses what it collects and says how many
 * bytes it wrote: report them, so that the registry gives back the rest of
 * the reservation.
 */
static int cudbg_vmcore_collect(struct vmcoredd_data *data, void *buf)
{
	struct adapter *adap = container_of(data, struct adapter, vmcoredd);
	u32 len = data->size;
	int err;

	err = cxgb4_cudbg_collect(adap, buf, &len, CXGB4_ETH_DUMP_ALL);
	if (err)
		return err;
	return len && len < data->size ? len : 0;
}

/**
 * cudbg_vmcore_add_dump - save the adapter's state into /proc/vmcore
 * @adap: the adapter, before probe resets it
 *
 * Does nothing outside the crash dump capture kernel.  Never fails: the
 * outcome is logged in one line and probe goes on.
 */
void cudbg_vmcore_add_dump(struct adapter *adap)
{
	struct vmcoredd_data *data = &adap->vmcoredd;
	int err;

	if (!is_kdump_kernel())
		return;

	data->size = cudbg_vmcore_dump_size();
	data->vmcoredd_callback = cudbg_vmcore_collect;
	err = cudbg_vmcore_dump_name(data->dump_name, sizeof(data->dump_name),
				     adap->name);
	if (!err)
		err = vmcore_add_device_dump(data);

	if (!err)
		dev_info(adap->pdev_dev, "device dump %s (%u bytes) %s\n",
			 data->dump_name, data->size, cudbg_vmcore_result(err));
	else
		dev_warn(adap->pdev_dev, "device dump %s (%u bytes) %s (%pe)\n",
			 data->dump_name, data->size, cudbg_vmcore_result(err),
			 ERR_PTR(err));
}
