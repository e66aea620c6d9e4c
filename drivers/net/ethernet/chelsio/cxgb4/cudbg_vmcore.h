/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cxgb4 device dump in the crash dump capture kernel.
 */
#ifndef __CUDBG_VMCORE_H__
#define __CUDBG_VMCORE_H__

#include <linux/types.h>

struct adapter;

u32 cudbg_vmcore_dump_size(void);
int cudbg_vmcore_dump_name(char *buf, size_t size, const char *pci_name);
const char *cudbg_vmcore_result(int err);
void cudbg_vmcore_add_dump(struct adapter *adap);

#endif /* __CUDBG_VMCORE_H__ */
