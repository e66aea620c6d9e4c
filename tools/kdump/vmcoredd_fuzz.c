// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target of vmcoredd: any input is scanned as a crash dump; every
 * dump it finds is copied out and its name escaped, every problem read, all
 * from memory.  Output file names must be distinct safe names.
 */
#define VMCOREDD_NO_MAIN
#include "vmcoredd.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vdd_src s = { .fd = -1, .mem = data, .size = size };
	char esc[4 * VMCOREDD_MAX_NAME_BYTES + 1];
	struct vdd_info info;
	unsigned char buf[64];
	unsigned int i, j;
	int null;

	if (vdd_scan(&s, &info)) {
		vdd_free(&info);
		return 0;
	}
	null = open("/dev/null", O_WRONLY);
	for (i = 0; i < info.nr; i++) {
		const struct vdd_dump *d = &info.dumps[i];

		vdd_escape(esc, d->name, VMCOREDD_MAX_NAME_BYTES);
		if (d->file[0] && !vdd_safe_name(d->file))
			abort();
		for (j = 0; j < i; j++)
			if (d->file[0] && !strcmp(d->file, info.dumps[j].file))
				abort();
		if (d->size < sizeof(buf))
			src_read(&s, d->offset, buf, d->size);
		if (null >= 0)
			vdd_copy(&s, d, null);
	}
	for (i = 0; i < info.nr_problems; i++)
		if (!info.problems[i].what[0])
			abort();
	if (null >= 0)
		close(null);
	vdd_free(&info);
	return 0;
}
