// SPDX-License-Identifier: GPL-2.0
/*
 * vmcoredd_check - find and verify device dumps in an ELF vmcore
 *
 * Reads the PT_NOTE segments of an ELF64 crash dump (/proc/vmcore itself or
 * a file written by makedumpfile -E), through read() or through mmap(), or
 * the note section of makedumpfile's kdump-compressed format (-c),
 * finds every device dump note (type NT_VMCOREDD, owner "LINUX", the dump
 * name in the first VMCOREDD_MAX_NAME_BYTES of the descriptor) and checks
 * the dumps that the test_vmcoredd module registered against its pattern.
 *
 * With --extract, every dump's payload is also written to DIR/<name>.
 *
 * Prints one TAP line per check and exits non-zero if any check failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/elf.h>

#include "test_modules/vmcoredd_pattern.h"

#define NT_VMCOREDD		0x700
#define VMCOREDD_NOTE_NAME	"LINUX"
#define VMCOREDD_MAX_NAME_BYTES	44
#define MAX_SIZES		16

struct dump {
	char name[VMCOREDD_MAX_NAME_BYTES + 1];
	const unsigned char *data;	/* payload after the dump name */
	unsigned long long len;		/* n_descsz - name */
	unsigned long long offset;	/* file offset of the payload */
	int seen;
};

static struct dump *dumps;
static unsigned int nr_dumps;
static int failures;

static void result(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok - ", ok ? "" : "not ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!ok)
		failures++;
}

static void fatal(const char *fmt, ...)
{
	va_list ap;

	printf("not ok - ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(1);
}

static unsigned long long align4(unsigned long long v)
{
	return (v + 3) & ~3ULL;
}

/* Parse the notes of one PT_NOTE segment held in @buf at file offset @off. */
static void scan_notes(const unsigned char *buf, unsigned long long size,
		       unsigned long long off)
{
	unsigned long long pos = 0;

	while (pos + sizeof(struct elf64_note) <= size) {
		const struct elf64_note *n = (const void *)(buf + pos);
		unsigned long long name = pos + sizeof(*n);
		unsigned long long desc = name + align4(n->n_namesz);
		unsigned long long end = desc + align4(n->n_descsz);
		struct dump *d;

		if (!n->n_namesz && !n->n_descsz && !n->n_type)
			break;		/* zero padding after the last note */
		if (desc > size || desc + n->n_descsz > size)
			fatal("note at offset %llu overruns its segment (namesz %u descsz %u)",
			      off + pos, n->n_namesz, n->n_descsz);
		if (n->n_type == NT_VMCOREDD && n->n_namesz >= sizeof(VMCOREDD_NOTE_NAME) &&
		    !memcmp(buf + name, VMCOREDD_NOTE_NAME, sizeof(VMCOREDD_NOTE_NAME))) {
			if (n->n_descsz < VMCOREDD_MAX_NAME_BYTES)
				fatal("note at offset %llu: %u bytes, no room for a dump name",
				      off + pos, n->n_descsz);
			dumps = realloc(dumps, (nr_dumps + 1) * sizeof(*dumps));
			if (!dumps)
				fatal("out of memory");
			d = &dumps[nr_dumps++];
			memset(d, 0, sizeof(*d));
			memcpy(d->name, buf + desc, VMCOREDD_MAX_NAME_BYTES);
			d->data = buf + desc + VMCOREDD_MAX_NAME_BYTES;
			d->len = n->n_descsz - VMCOREDD_MAX_NAME_BYTES;
			d->offset = off + desc + VMCOREDD_MAX_NAME_BYTES;
		}
		pos = end;
	}
}

static void *read_at(int fd, unsigned long long off, unsigned long long len)
{
	unsigned char *buf = malloc(len ? len : 1);
	unsigned long long done = 0;

	if (!buf)
		fatal("out of memory for %llu bytes", len);
	while (done < len) {
		ssize_t r = pread(fd, buf + done, len - done, off + done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			fatal("read of %llu bytes at offset %llu: %s", len, off + done,
			      r ? strerror(errno) : "unexpected end of file");
		done += r;
	}
	return buf;
}

/*
 * makedumpfile's kdump-compressed format (x86_64): the block size is in the
 * disk_dump_header, the sub header follows in the next block and gives the
 * offset and size of a verbatim copy of the vmcore's PT_NOTE segment.
 */
#define KDUMP_SIGNATURE		"KDUMP   "
#define KDUMP_BLOCK_SIZE_OFF	428
#define KDUMP_SUB_NOTE_OFF	48

static void load_kdump(int fd, const char *path)
{
	unsigned long long note[2];
	int block_size;

	if (pread(fd, &block_size, sizeof(block_size), KDUMP_BLOCK_SIZE_OFF) !=
	    sizeof(block_size) || block_size <= 0 ||
	    pread(fd, note, sizeof(note), block_size + KDUMP_SUB_NOTE_OFF) != sizeof(note))
		fatal("%s: truncated kdump-compressed header", path);
	if (note[1] > 1ULL << 32)
		fatal("%s: note section of %llu bytes", path, note[1]);
	scan_notes(read_at(fd, note[0], note[1]), note[1], note[0]);
}

static void load(const char *path, int use_mmap)
{
	unsigned long long map_len = 0;
	const unsigned char *map = NULL;
	struct elf64_hdr eh;
	struct elf64_phdr *ph;
	int fd, i;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		fatal("open %s: %s", path, strerror(errno));
	if (pread(fd, &eh, sizeof(eh), 0) == sizeof(eh) &&
	    !memcmp(&eh, KDUMP_SIGNATURE, strlen(KDUMP_SIGNATURE))) {
		if (use_mmap)
			fatal("%s: --mmap reads ELF files only", path);
		load_kdump(fd, path);
		close(fd);
		return;
	}
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) || eh.e_ident[EI_CLASS] != ELFCLASS64)
		fatal("%s is not an ELF64 file", path);
	if (eh.e_phentsize != sizeof(struct elf64_phdr) || !eh.e_phnum)
		fatal("%s: unexpected program headers (%u of %u bytes)", path,
		      eh.e_phnum, eh.e_phentsize);
	ph = read_at(fd, eh.e_phoff, (unsigned long long)eh.e_phnum * sizeof(*ph));

	if (use_mmap) {
		long page = sysconf(_SC_PAGESIZE);

		for (i = 0; i < eh.e_phnum; i++)
			if (ph[i].p_type == PT_NOTE && ph[i].p_offset + ph[i].p_filesz > map_len)
				map_len = ph[i].p_offset + ph[i].p_filesz;
		map_len = (map_len + page - 1) & ~(page - 1ULL);
		map = mmap(NULL, map_len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED)
			fatal("mmap of the first %llu bytes of %s: %s", map_len, path,
			      strerror(errno));
	}
	for (i = 0; i < eh.e_phnum; i++) {
		if (ph[i].p_type != PT_NOTE)
			continue;
		scan_notes(use_mmap ? map + ph[i].p_offset :
			   read_at(fd, ph[i].p_offset, ph[i].p_filesz),
			   ph[i].p_filesz, ph[i].p_offset);
	}
	free(ph);
	close(fd);
}

static void extract(const char *dir)
{
	char path[4096];
	unsigned int i;
	FILE *f;

	for (i = 0; i < nr_dumps; i++) {
		if (!dumps[i].name[0] || strchr(dumps[i].name, '/') ||
		    !strcmp(dumps[i].name, ".") || !strcmp(dumps[i].name, "..")) {
			result(0, "dump %u: name '%s' is not a file name", i, dumps[i].name);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, dumps[i].name);
		f = fopen(path, "wb");
		if (!f || fwrite(dumps[i].data, 1, dumps[i].len, f) != dumps[i].len ||
		    fclose(f)) {
			result(0, "write %s: %s", path, strerror(errno));
			continue;
		}
	}
}

static void help_and_exit(const char *prog)
{
	fprintf(stderr,
		"usage: %s [options] VMCORE\n"
		"  -m, --mmap           read the notes through mmap() (default: read())\n"
		"  -l, --list           list every device dump: name, size, payload offset\n"
		"  -n, --count N        expect N dumps named <prefix><index> (default 0)\n"
		"  -p, --prefix P       dump name prefix (default \"selftest\")\n"
		"  -s, --sizes A,B,...  dump sizes, used in turn (default 4096)\n"
		"  -S, --seed S         pattern seed (default 1)\n"
		"  -x, --exact          the payload must have exactly the dump's size\n"
		"  -z, --none           expect no device dump at all\n"
		"  -f, --found N        only N of the expected dumps are present\n"
		"  -e, --extract DIR    write each dump's payload to DIR/<name>\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mmap", no_argument, NULL, 'm' },
		{ "list", no_argument, NULL, 'l' },
		{ "count", required_argument, NULL, 'n' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "sizes", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ "exact", no_argument, NULL, 'x' },
		{ "none", no_argument, NULL, 'z' },
		{ "extract", required_argument, NULL, 'e' },
		{ "found", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned int count = 0, seed = 1, nr_sizes = 1, i, j;
	unsigned long long sizes[MAX_SIZES] = { 4096 };
	int use_mmap = 0, list = 0, exact = 0, none = 0, found = -1, present = 0, c;
	const char *prefix = "selftest", *how, *outdir = NULL;
	char *s, *end;

	while ((c = getopt_long(argc, argv, "mln:p:s:S:xze:f:", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			use_mmap = 1;
			break;
		case 'l':
			list = 1;
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			prefix = optarg;
			break;
		case 'S':
			seed = strtoul(optarg, NULL, 0);
			break;
		case 'x':
			exact = 1;
			break;
		case 'z':
			none = 1;
			break;
		case 'e':
			outdir = optarg;
			break;
		case 'f':
			found = strtol(optarg, NULL, 0);
			break;
		case 's':
			for (nr_sizes = 0, s = optarg; *s && nr_sizes < MAX_SIZES; s = end) {
				sizes[nr_sizes++] = strtoull(s, &end, 0);
				if (end == s || (*end && *end != ','))
					help_and_exit(argv[0]);
				if (*end)
					end++;
			}
			break;
		default:
			help_and_exit(argv[0]);
		}
	}
	if (optind != argc - 1 || !nr_sizes)
		help_and_exit(argv[0]);
	how = use_mmap ? "mmap" : "read";

	load(argv[optind], use_mmap);

	if (list)
		for (i = 0; i < nr_dumps; i++)
			printf("# %3u %-44s %12llu bytes at offset %#llx\n", i,
			       dumps[i].name, dumps[i].len, dumps[i].offset);
	if (outdir)
		extract(outdir);
	if (none)
		result(nr_dumps == 0, "no device dump in %s (%s): found %u",
		       argv[optind], how, nr_dumps);

	for (i = 0; i < count; i++) {
		unsigned long long size = sizes[i % nr_sizes], bad = size, k;
		unsigned int state = vmcoredd_pattern_init(seed, i);
		char name[VMCOREDD_MAX_NAME_BYTES + 1];
		struct dump *d = NULL;

		snprintf(name, sizeof(name), VMCOREDD_TEST_NAME_FMT, prefix, i);
		for (j = 0; j < nr_dumps; j++) {
			if (strcmp(dumps[j].name, name))
				continue;
			if (d)
				result(0, "%s: found twice (%s)", name, how);
			d = &dumps[j];
			d->seen = 1;
		}
		if (!d) {
			if (found < 0)
				result(0, "%s: not found (%s)", name, how);
			continue;
		}
		present++;
		if (d->len < size || (exact && d->len != size)) {
			result(0, "%s: payload is %llu bytes, expected %s%llu (%s)",
			       name, d->len, exact ? "" : "at least ", size, how);
			continue;
		}
		for (k = 0; k < size; k++) {
			if (d->data[k] != vmcoredd_pattern_next(&state)) {
				bad = k;
				break;
			}
		}
		for (k = size; bad == size && k < d->len; k++)
			if (d->data[k])
				bad = k;
		if (bad != size)
			result(0, "%s: byte %llu of %llu differs (%s)", name, bad, d->len, how);
		else
			result(1, "%s: %llu bytes match the pattern%s (%s)", name, size,
			       d->len > size ? ", padding is zero" : "", how);
	}
	if (found >= 0)
		result(present == found, "%d of %u dumps present, %d expected (%s)",
		       present, count, found, how);
	for (j = 0; j < nr_dumps && count; j++)
		if (!dumps[j].seen)
			result(0, "unexpected device dump %s (%s)", dumps[j].name, how);
	return failures ? 1 : 0;
}
