// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target of vmcoredd: any input is scanned as a crash dump, and
 * every dump it finds is copied out, all from memory.
 */
#define VMCOREDD_NO_MAIN
#include "vmcoredd.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vdd_src s = { .fd = -1, .mem = data, .size = size };
	struct vdd_info info;
	unsigned char buf[64];
	unsigned int i;
	int null;

	if (vdd_scan(&s, &info)) {
		free(info.dumps);
		return 0;
	}
	null = open("/dev/null", O_WRONLY);
	for (i = 0; i < info.nr; i++) {
		vdd_safe_name(info.dumps[i].name);
		if (info.dumps[i].size < sizeof(buf))
			src_read(&s, info.dumps[i].offset, buf, info.dumps[i].size);
		if (null >= 0)
			vdd_copy(&s, &info.dumps[i], null);
	}
	if (null >= 0)
		close(null);
	free(info.dumps);
	return 0;
}
