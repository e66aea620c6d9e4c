// SPDX-License-Identifier: GPL-2.0
/*
 * test_vmcoredd_pci - a PCI driver that takes device dumps, for make distro-check
 *
 * It binds QEMU's pci-testdev (1b36:0005) as a real driver binds its
 * adapter: udev loads it from its alias, nothing names it.  At probe in a
 * capture kernel it registers @count device dumps with
 * vmcore_add_device_dump(), named "<prefix><index>" and filled with the
 * seeded pattern of vmcoredd_pattern.h, after sleeping @delay_ms first, as
 * an adapter whose firmware is slow to give up its state.  In the first
 * kernel it binds and does nothing.  Results: the log, and
 * /sys/module/test_vmcoredd_pci/parameters/{registered,failed,last_error}.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/pci.h>

#include "vmcoredd_test_dump.h"

#define TEST_VMCOREDD_PCI_VENDOR	0x1b36	/* Red Hat, QEMU's devices */
#define TEST_VMCOREDD_PCI_DEVICE	0x0005	/* pci-testdev */
#define TEST_VMCOREDD_PCI_MAX_SIZES	8

static unsigned int count = 2;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "number of device dumps to register (default 2)");

static unsigned int sizes[TEST_VMCOREDD_PCI_MAX_SIZES] = { 3000, 70001 };
static int nr_sizes = 2;
module_param_array(sizes, uint, &nr_sizes, 0444);
MODULE_PARM_DESC(sizes, "dump sizes in bytes, used in turn (default 3000,70001)");

static char *prefix = "pcitest";
module_param(prefix, charp, 0444);
MODULE_PARM_DESC(prefix, "dump name prefix; the index is appended");

static unsigned int seed = 7;
module_param(seed, uint, 0444);
MODULE_PARM_DESC(seed, "seed of the byte pattern (default 7)");

static unsigned int delay_ms;
module_param(delay_ms, uint, 0444);
MODULE_PARM_DESC(delay_ms, "probe sleeps this long before it registers");

static unsigned int registered;
module_param(registered, uint, 0444);
MODULE_PARM_DESC(registered, "number of dumps registered (read-only)");

static unsigned int failed;
module_param(failed, uint, 0444);
MODULE_PARM_DESC(failed, "number of dumps refused (read-only)");

static int last_error;
module_param(last_error, int, 0444);
MODULE_PARM_DESC(last_error, "last error returned by the registration (read-only)");

static int test_vmcoredd_pci_fill(struct vmcoredd_data *data, void *buf)
{
	vmcoredd_test_fill(container_of(data, struct vmcoredd_test_dump, data),
			   buf);
	return 0;
}

static int test_vmcoredd_pci_probe(struct pci_dev *pdev,
				   const struct pci_device_id *id)
{
	struct vmcoredd_test_dump dump;
	unsigned int i;
	int ret;

	if (!is_kdump_kernel())
		return 0;
	if (delay_ms) {
		dev_info(&pdev->dev, "collecting the device state (%u ms)\n",
			 delay_ms);
		msleep(delay_ms);
	}
	for (i = 0; i < count; i++) {
		ret = vmcoredd_test_add(&dump, prefix, seed, i,
					sizes[nr_sizes ? i % nr_sizes : 0],
					test_vmcoredd_pci_fill);
		if (ret) {
			dev_err(&pdev->dev, "dump %s (%u bytes) refused: %d\n",
				dump.data.dump_name, dump.data.size, ret);
			failed++;
			last_error = ret;
		} else {
			registered++;
		}
	}
	dev_info(&pdev->dev, "%u device dumps registered, %u refused\n",
		 registered, failed);
	/* a dump that could not be taken is no reason to fail the device */
	return 0;
}

static void test_vmcoredd_pci_remove(struct pci_dev *pdev)
{
}

static const struct pci_device_id test_vmcoredd_pci_ids[] = {
	{ PCI_DEVICE(TEST_VMCOREDD_PCI_VENDOR, TEST_VMCOREDD_PCI_DEVICE) },
	{ }
};
MODULE_DEVICE_TABLE(pci, test_vmcoredd_pci_ids);

static struct pci_driver test_vmcoredd_pci_driver = {
	.name		= "test_vmcoredd_pci",
	.id_table	= test_vmcoredd_pci_ids,
	.probe		= test_vmcoredd_pci_probe,
	.remove		= test_vmcoredd_pci_remove,
};
module_pci_driver(test_vmcoredd_pci_driver);

MODULE_DESCRIPTION("PCI driver that takes device dumps, for the kdump distribution test");
MODULE_LICENSE("GPL");
