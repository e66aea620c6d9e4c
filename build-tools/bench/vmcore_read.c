// SPDX-License-Identifier: GPL-2.0
/*
 * vmcore_read: time reading a whole file, /proc/vmcore in the capture
 * kernel, with read() or through mmap(), for make bench.
 *
 * usage: vmcore_read read|mmap FILE [CHUNK_KIB]
 *
 * Reads FILE from start to end in CHUNK_KIB pieces (default 1024): with
 * read() into one buffer, or by mapping each piece and summing it.  Prints
 * "MODE BYTES SECONDS MIB_PER_S SUM" on one line; the sum of the 64-bit
 * words read makes both modes touch every byte and lets them be compared.
 * Exits 1 with a message on any error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int fail(const char *what, const char *file)
{
	fprintf(stderr, "vmcore_read: %s %s: %s\n", what, file, strerror(errno));
	return 1;
}

static uint64_t sum(const void *p, size_t len)
{
	const uint64_t *w = p;
	const unsigned char *b = p;
	uint64_t s = 0;
	size_t i;

	for (i = 0; i < len / 8; i++)
		s += w[i];
	for (i = len & ~(size_t)7; i < len; i++)
		s += b[i];
	return s;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	size_t chunk = 1024 * 1024, len;
	uint64_t s = 0;
	off_t size, off;
	struct stat st;
	int fd, use_mmap;
	double t0, t;
	char *buf = NULL;

	if (argc < 3 || argc > 4 ||
	    (strcmp(argv[1], "read") && strcmp(argv[1], "mmap"))) {
		fprintf(stderr, "usage: vmcore_read read|mmap FILE [CHUNK_KIB]\n");
		return 2;
	}
	use_mmap = !strcmp(argv[1], "mmap");
	if (argc == 4)
		chunk = strtoul(argv[3], NULL, 0) * 1024;
	if (!chunk || chunk % sysconf(_SC_PAGESIZE)) {
		fprintf(stderr, "vmcore_read: CHUNK_KIB must be a multiple of the page size\n");
		return 2;
	}
	fd = open(argv[2], O_RDONLY);
	if (fd < 0)
		return fail("open", argv[2]);
	if (fstat(fd, &st))
		return fail("stat", argv[2]);
	size = st.st_size;
	if (!use_mmap) {
		buf = malloc(chunk);
		if (!buf)
			return fail("malloc", argv[2]);
	}

	t0 = now();
	for (off = 0; off < size; off += len) {
		len = size - off < (off_t)chunk ? (size_t)(size - off) : chunk;
		if (use_mmap) {
			void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, off);

			if (p == MAP_FAILED)
				return fail("mmap", argv[2]);
			s += sum(p, len);
			munmap(p, len);
		} else {
			ssize_t n = pread(fd, buf, len, off);

			if (n <= 0)
				return fail("read", argv[2]);
			len = n;
			s += sum(buf, len);
		}
	}
	t = now() - t0;
	printf("%s %lld %.3f %.1f %016llx\n", argv[1], (long long)size, t,
	       t > 0 ? size / t / (1 << 20) : 0.0, (unsigned long long)s);
	free(buf);
	close(fd);
	return 0;
}
