// SPDX-License-Identifier: GPL-2.0
/*
 * vmcoredd_check - find and verify device dumps in a crash dump
 *
 * Finds every device dump of /proc/vmcore or of a saved dump with the parser
 * of tools/kdump/vmcoredd, reading the notes through read() or, for ELF
 * files, through mmap(), and checks the dumps that the test_vmcoredd module
 * registered against its pattern.  With --extract, every dump is also
 * written to DIR/<name>.
 *
 * Prints one TAP line per check and exits non-zero if any check failed.
 */
#include <getopt.h>
#include <sys/mman.h>

#define VMCOREDD_NO_MAIN
#include "../../../kdump/vmcoredd.c"
#include "test_modules/vmcoredd_pattern.h"

#define MAX_SIZES		16

static struct vdd_src src;
static struct vdd_info info;
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

static void fatal(const char *what, const char *path)
{
	printf("not ok - %s %s: %s\n", what, path, vdd_error);
	exit(1);
}

/* Damaged notes fail the check; notes only skipped are listed. */
static void problems(const char *path, const char *how)
{
	unsigned int i;

	for (i = 0; i < info.nr_problems; i++) {
		const struct vdd_problem *p = &info.problems[i];

		if (p->damaged)
			result(0, "%s: note at %#llx damaged: %s (%s)", path,
			       (unsigned long long)p->at, p->what, how);
		else
			printf("# %s: note at %#llx: %s (%s)\n", path,
			       (unsigned long long)p->at, p->what, how);
	}
}

/*
 * Scan @path through read(), or through a mapping of its headers and notes:
 * the second scan then reads nothing but the mapping.
 */
static void load(const char *path, int use_mmap)
{
	struct stat st;
	void *map;
	size_t len;

	src.fd = open(path, O_RDONLY);
	if (src.fd < 0 || fstat(src.fd, &st)) {
		snprintf(vdd_error, sizeof(vdd_error), "%s", strerror(errno));
		fatal("open", path);
	}
	src.size = st.st_size;
	if (vdd_scan(&src, &info))
		fatal("scan", path);
	if (!use_mmap) {
		problems(path, "read");
		return;
	}
	if (strcmp(info.format, "ELF64") && strcmp(info.format, "ELF32")) {
		snprintf(vdd_error, sizeof(vdd_error), "mmap is for ELF files");
		fatal("mmap", path);
	}
	len = (info.notes_end + sysconf(_SC_PAGESIZE) - 1) & ~(sysconf(_SC_PAGESIZE) - 1);
	map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, src.fd, 0);
	if (map == MAP_FAILED) {
		snprintf(vdd_error, sizeof(vdd_error), "%s", strerror(errno));
		fatal("mmap", path);
	}
	vdd_free(&info);
	src.mem = map;
	src.size = info.notes_end;
	if (vdd_scan(&src, &info))
		fatal("scan the mapping of", path);
	problems(path, "mmap");
}

/* Compare dump @d with the pattern of dump @idx; the first bad byte or -1. */
static long long compare(const struct vdd_dump *d, unsigned int seed, unsigned int idx)
{
	unsigned int state = vmcoredd_pattern_init(seed, idx);
	static unsigned char buf[1 << 16];
	uint64_t done = 0, k, n;

	while (done < d->size) {
		n = d->size - done < sizeof(buf) ? d->size - done : sizeof(buf);
		if (src_read(&src, d->offset + done, buf, n))
			return done;
		for (k = 0; k < n; k++)
			if (buf[k] != vmcoredd_pattern_next(&state))
				return done + k;
		done += n;
	}
	return -1;
}

static void extract(const char *dir)
{
	char path[4096];
	unsigned int i;
	int fd;

	for (i = 0; i < info.nr; i++) {
		if (!vdd_safe_name(info.dumps[i].name)) {
			result(0, "dump %u: name '%s' is not a file name", i, info.dumps[i].name);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, info.dumps[i].name);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
		if (fd < 0 || vdd_copy(&src, &info.dumps[i], fd))
			result(0, "write %s: %s", path, fd < 0 ? strerror(errno) : vdd_error);
		if (fd >= 0)
			close(fd);
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
	char *s, *end, *seen;

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
		for (i = 0; i < info.nr; i++)
			printf("# %3u %-44s %12llu bytes at offset %#llx\n", i,
			       info.dumps[i].name, (unsigned long long)info.dumps[i].size,
			       (unsigned long long)info.dumps[i].offset);
	if (outdir)
		extract(outdir);
	if (none)
		result(info.nr == 0, "no device dump in %s (%s): found %u",
		       argv[optind], how, info.nr);
	seen = calloc(info.nr + 1, 1);
	if (!seen)
		return 1;

	for (i = 0; i < count; i++) {
		unsigned long long size = sizes[i % nr_sizes];
		char name[VMCOREDD_MAX_NAME_BYTES + 1];
		struct vdd_dump *d = NULL;
		long long bad;

		snprintf(name, sizeof(name), VMCOREDD_TEST_NAME_FMT, prefix, i);
		for (j = 0; j < info.nr; j++) {
			if (strcmp(info.dumps[j].name, name))
				continue;
			if (d)
				result(0, "%s: found twice (%s)", name, how);
			d = &info.dumps[j];
			seen[j] = 1;
		}
		if (!d) {
			if (found < 0)
				result(0, "%s: not found (%s)", name, how);
			continue;
		}
		present++;
		if (d->size < size || (exact && d->size != size)) {
			result(0, "%s: payload is %llu bytes, expected %s%llu (%s)", name,
			       (unsigned long long)d->size, exact ? "" : "at least ", size, how);
			continue;
		}
		/* beyond the size, an inexact payload must be zero padding */
		bad = compare(d, seed, i);
		if (bad >= 0 && (unsigned long long)bad >= size)
			bad = -1;
		if (bad < 0 && d->size > size) {
			unsigned char z;
			uint64_t k;

			for (k = size; bad < 0 && k < d->size; k++)
				if (src_read(&src, d->offset + k, &z, 1) || z)
					bad = k;
		}
		if (bad >= 0)
			result(0, "%s: byte %lld of %llu differs (%s)", name, bad,
			       (unsigned long long)d->size, how);
		else
			result(1, "%s: %llu bytes match the pattern%s (%s)", name, size,
			       d->size > size ? ", padding is zero" : "", how);
	}
	if (found >= 0)
		result(present == found, "%d of %u dumps present, %d expected (%s)",
		       present, count, found, how);
	for (j = 0; j < info.nr && count; j++)
		if (!seen[j])
			result(0, "unexpected device dump %s (%s)", info.dumps[j].name, how);
	return failures ? 1 : 0;
}
