// SPDX-License-Identifier: GPL-2.0
/*
 * vmcore_read: time reading a whole file, /proc/vmcore in the capture
 * kernel, with read() or through mmap(), for make bench.
 *
 * usage: vmcore_read read|mmap FILE [CHUNK_KIB]
 *
 * Reads FILE from start to end in CHUNK_KIB pieces (default 1024): with
 * read() into one buffer, or by mapping each piece and summing it.  The end
 * is where the last of the ELF64 program headers' segments ends, for an
 * ELF64 file, else the file's size: a /proc/vmcore whose inode size was not
 * updated when device dumps were added is still read to its real end.
 * Prints "MODE BYTES SECONDS MIB_PER_S SUM ST_SIZE" on one line; the sum of
 * the 64-bit words read makes both modes touch every byte and lets them be
 * compared, ST_SIZE is the size stat() reports.  Exits 1 with a message on
 * any error.
 */
#include <elf.h>
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

/*
 * The end of the last segment the ELF64 headers of @fd describe, or 0 if
 * @fd is not ELF64.
 */
static off_t elf_end(int fd)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	off_t end;
	int i;

	if (pread(fd, &eh, sizeof(eh), 0) != sizeof(eh) ||
	    memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh.e_phentsize != sizeof(ph))
		return 0;
	end = eh.e_phoff + (off_t)eh.e_phnum * sizeof(ph);
	for (i = 0; i < eh.e_phnum; i++) {
		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) != sizeof(ph))
			return 0;
		if ((off_t)(ph.p_offset + ph.p_filesz) > end)
			end = ph.p_offset + ph.p_filesz;
	}
	return end;
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
	size = elf_end(fd);
	if (!size)
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

			if (n < 0)
				return fail("read", argv[2]);
			if (!n) {
				fprintf(stderr, "vmcore_read: %s ends at %lld, before its ELF extent %lld\n",
					argv[2], (long long)off, (long long)size);
				return 1;
			}
			len = n;
			s += sum(buf, len);
		}
	}
	t = now() - t0;
	printf("%s %lld %.3f %.1f %016llx %lld\n", argv[1], (long long)size, t,
	       t > 0 ? size / t / (1 << 20) : 0.0, (unsigned long long)s,
	       (long long)st.st_size);
	free(buf);
	close(fd);
	return 0;
}
