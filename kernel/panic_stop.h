/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stopping the other CPUs in panic(), and the order of kmsg_dump() and the
 * crash kexec: interface of kernel/panic_stop.c for kernel/panic.c and
 * kernel/crash_core.c.
 */
#ifndef _KERNEL_PANIC_STOP_H
#define _KERNEL_PANIC_STOP_H

#include <linux/types.h>

bool panic_cpus_stopped(void);
void panic_stop_other_cpus(bool crash_kexec);

#ifdef CONFIG_CRASH_DUMP
void panic_kmsg_dump_before_kexec(void);
bool panic_kmsg_dump_nested(void);
#endif

#endif /* _KERNEL_PANIC_STOP_H */
