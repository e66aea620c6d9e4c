/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The byte pattern of the kdump selftest device dumps, shared by the test
 * module that writes them and the checker that verifies them.
 *
 * Dump number @idx is filled from an xorshift32 stream seeded by the module's
 * seed and @idx, so every dump differs and a shifted, truncated or swapped
 * payload does not match.
 */
#ifndef _KDUMP_SELFTEST_VMCOREDD_PATTERN_H
#define _KDUMP_SELFTEST_VMCOREDD_PATTERN_H

/* Dump names are "<prefix><index>", index in at least two digits. */
#define VMCOREDD_TEST_NAME_FMT	"%s%02u"

static inline unsigned int vmcoredd_pattern_init(unsigned int seed,
						 unsigned int idx)
{
	unsigned int s = seed * 2654435761u ^ (idx + 1) * 2246822519u;

	return s ? s : 1;
}

static inline unsigned char vmcoredd_pattern_next(unsigned int *state)
{
	unsigned int x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x >> 24;
}

#endif /* _KDUMP_SELFTEST_VMCOREDD_PATTERN_H */
