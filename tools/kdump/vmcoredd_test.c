// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of vmcoredd, meant to run under ASan and UBSan: dumps are
 * built in memory (ELF64 and ELF32, both byte orders, kdump-compressed),
 * then found, copied, truncated at every length and corrupted byte by byte.
 *
 *   vmcoredd_test              run the tests, print TAP
 *   vmcoredd_test --seeds DIR  write the test dumps to DIR (fuzzing corpus)
 */
#define VMCOREDD_NO_MAIN
#include "vmcoredd.c"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int tests, failures;

static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tests++;
	if (!cond)
		failures++;
	printf("%sok %d - ", cond ? "" : "not ", tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

struct buf {
	unsigned char *p;
	size_t len;
	int be;
};

static void put(struct buf *b, const void *src, size_t len)
{
	b->p = realloc(b->p, b->len + len);
	if (!b->p)
		abort();
	memcpy(b->p + b->len, src, len);
	b->len += len;
}

static void put_n(struct buf *b, uint64_t v, int bytes)
{
	unsigned char x[8];
	int i;

	for (i = 0; i < bytes; i++)
		x[b->be ? bytes - 1 - i : i] = v >> (8 * i);
	put(b, x, bytes);
}

static void pad4(struct buf *b)
{
	static const unsigned char z[4];

	put(b, z, (4 - b->len % 4) % 4);
}

static void note(struct buf *b, const char *name, uint32_t namesz, uint32_t type,
		 const void *desc, uint32_t descsz)
{
	put_n(b, namesz, 4);
	put_n(b, descsz, 4);
	put_n(b, type, 4);
	put(b, name, namesz);
	pad4(b);
	put(b, desc, descsz);
	pad4(b);
}

static unsigned char pattern(unsigned int dump, uint64_t i)
{
	return (unsigned char)(dump * 31 + i * 7 + (i >> 8));
}

/* A device dump note: 44-byte name, then @size pattern bytes. */
static void dd_note(struct buf *b, const char *name, unsigned int idx, uint32_t size)
{
	unsigned char *desc = calloc(1, VMCOREDD_MAX_NAME_BYTES + size);
	uint32_t i;

	memcpy(desc, name, strlen(name));
	for (i = 0; i < size; i++)
		desc[VMCOREDD_MAX_NAME_BYTES + i] = pattern(idx, i);
	note(b, "LINUX\0\0", 8, NT_VMCOREDD, desc, VMCOREDD_MAX_NAME_BYTES + size);
	free(desc);
}

static const struct {
	const char *name;
	uint32_t size;
} dd[] = { { "one", 1 }, { "nic_0000:02:00.4", 4097 }, { "empty", 0 },
	   { "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", 13 } };

/* The note segment: a CORE note, the device dumps, a filler, VMCOREINFO. */
static struct buf notes(int be)
{
	struct buf n = { .be = be };
	unsigned char prstatus[336] = { 1 }, pad[100] = { 0 };
	unsigned int i;

	note(&n, "CORE", 5, 1, prstatus, sizeof(prstatus));
	for (i = 0; i < ARRAY_SIZE(dd); i++)
		dd_note(&n, dd[i].name, i, dd[i].size);
	note(&n, "VMCOREDD_PAD", 13, 0, pad, sizeof(pad));
	note(&n, "VMCOREINFO", 11, 0, "OSRELEASE=6.12\n", 15);
	return n;
}

static struct buf make_elf(int is64, int be)
{
	struct buf e = { .be = be }, n = notes(be);
	unsigned char ident[16] = { 0x7f, 'E', 'L', 'F' };
	uint64_t phoff = is64 ? 64 : 52, phsz = is64 ? 56 : 32;
	uint64_t noff = phoff + 2 * phsz;

	ident[4] = is64 ? 2 : 1;
	ident[5] = be ? 2 : 1;
	ident[6] = 1;
	put(&e, ident, 16);
	put_n(&e, 4, 2);		/* e_type ET_CORE */
	put_n(&e, 62, 2);		/* e_machine */
	put_n(&e, 1, 4);		/* e_version */
	put_n(&e, 0, is64 ? 8 : 4);	/* e_entry */
	put_n(&e, phoff, is64 ? 8 : 4);
	put_n(&e, 0, is64 ? 8 : 4);	/* e_shoff */
	put_n(&e, 0, 4);		/* e_flags */
	put_n(&e, is64 ? 64 : 52, 2);
	put_n(&e, phsz, 2);
	put_n(&e, 2, 2);		/* e_phnum */
	put_n(&e, 0, 2);
	put_n(&e, 0, 2);
	put_n(&e, 0, 2);
	/* PT_LOAD first, then PT_NOTE */
	if (is64) {
		put_n(&e, 1, 4); put_n(&e, 7, 4); put_n(&e, noff + n.len, 8);
		put_n(&e, 0, 8); put_n(&e, 0, 8); put_n(&e, 0, 8); put_n(&e, 0, 8);
		put_n(&e, 0, 8);
		put_n(&e, 4, 4); put_n(&e, 0, 4); put_n(&e, noff, 8);
		put_n(&e, 0, 8); put_n(&e, 0, 8); put_n(&e, n.len, 8); put_n(&e, n.len, 8);
		put_n(&e, 4, 8);
	} else {
		put_n(&e, 1, 4); put_n(&e, noff + n.len, 4); put_n(&e, 0, 4);
		put_n(&e, 0, 4); put_n(&e, 0, 4); put_n(&e, 0, 4); put_n(&e, 7, 4);
		put_n(&e, 0, 4);
		put_n(&e, 4, 4); put_n(&e, noff, 4); put_n(&e, 0, 4); put_n(&e, 0, 4);
		put_n(&e, n.len, 4); put_n(&e, n.len, 4); put_n(&e, 0, 4); put_n(&e, 4, 4);
	}
	put(&e, n.p, n.len);
	free(n.p);
	return e;
}

static struct buf make_kdump(void)
{
	static const unsigned char zero[104];
	struct buf k = { 0 }, n = notes(0);
	unsigned char *block = calloc(1, 4096);

	memcpy(block, KDUMP_SIGNATURE, 8);
	block[KDUMP_VERSION_OFF] = 6;
	block[KDUMP_BLOCK_SIZE_OFF + 1] = 0x10;		/* 4096 */
	put(&k, block, 4096);
	/* sub header: the note section follows it, at 4096 + 104 */
	put(&k, zero, KDUMP_SUB_NOTE_OFF);
	put_n(&k, 4096 + 104, 8);
	put_n(&k, n.len, 8);
	put(&k, zero, 104 - KDUMP_SUB_NOTE_OFF - 16);
	put(&k, n.p, n.len);
	free(n.p);
	free(block);
	return k;
}

static int scan(struct buf *b, size_t len, struct vdd_info *info)
{
	struct vdd_src s = { .fd = -1, .mem = b->p, .size = len };

	vdd_error[0] = 0;
	return vdd_scan(&s, info);
}

/* The dumps of @b are the ones of notes(), with their exact bytes. */
static void check_dumps(struct buf *b, const char *what)
{
	struct vdd_src s = { .fd = -1, .mem = b->p, .size = b->len };
	struct vdd_info info;
	unsigned int i, good = 1;
	FILE *f;

	ok(scan(b, b->len, &info) == 0, "%s: scanned (%s)", what, vdd_error);
	ok(info.nr == 4 && info.notes == 7, "%s: 4 device dumps in 7 notes (%u, %u)",
	   what, info.nr, info.notes);
	for (i = 0; i < info.nr && i < 4; i++) {
		unsigned char got[8192];
		uint64_t k;

		if (strcmp(info.dumps[i].name, dd[i].name) || info.dumps[i].size != dd[i].size) {
			good = 0;
			continue;
		}
		f = tmpfile();
		if (!f || vdd_copy(&s, &info.dumps[i], fileno(f)) ||
		    pread(fileno(f), got, sizeof(got), 0) != (ssize_t)dd[i].size)
			good = 0;
		for (k = 0; good && k < dd[i].size; k++)
			good = got[k] == pattern(i, k);
		if (f)
			fclose(f);
	}
	ok(good, "%s: names, exact sizes and bytes of every dump", what);
	free(info.dumps);
}

/* Every shorter file fails cleanly or finds fewer dumps, never crashes. */
static void check_truncations(struct buf *b, const char *what)
{
	struct vdd_info info;
	size_t len;
	int good = 1;

	for (len = 0; len < b->len; len++) {
		int r = scan(b, len, &info);

		if (r == 0 || !vdd_error[0])
			good = 0;
		free(info.dumps);
	}
	ok(good, "%s: all %zu truncations refused with an error", what, b->len);
}

/*
 * Flip bits all over the file: a copy is either refused with an error, or
 * every dump found lies inside the file with a terminated name.  Reads out
 * of bounds are the sanitizers' to catch.
 */
static void check_corruptions(struct buf *b, const char *what)
{
	unsigned int refused = 0, scanned = 0, bad = 0, i;
	struct vdd_info info;
	size_t at;
	int bit;

	for (at = 0; at < b->len; at++) {
		for (bit = 0; bit < 8; bit += 3) {
			b->p[at] ^= 1 << bit;
			if (scan(b, b->len, &info)) {
				refused++;
				bad += !vdd_error[0];
			} else {
				scanned++;
				for (i = 0; i < info.nr; i++) {
					struct vdd_dump *d = &info.dumps[i];

					bad += d->offset > b->len ||
					       d->size > b->len - d->offset ||
					       strlen(d->name) >= VMCOREDD_MAX_NAME_BYTES;
				}
			}
			free(info.dumps);
			b->p[at] ^= 1 << bit;
		}
	}
	ok(!bad, "%s: %u corrupted copies: %u refused with an error, %u scanned within bounds",
	   what, refused + scanned, refused, scanned);
}

static void check_errors(void)
{
	struct buf e = make_elf(1, 0), n = { 0 };
	struct vdd_info info;
	size_t noff = 64 + 2 * 56, dd0 = noff + 12 + 8 + 336 + 12 + 8;

	/* descsz of the first dump overruns the segment */
	e.p[dd0 - 8 - 12 + 4] = 0xff;
	e.p[dd0 - 8 - 12 + 5] = 0xff;
	ok(scan(&e, e.len, &info) && strstr(vdd_error, "overrun"),
	   "a note that overruns its segment: %s", vdd_error);
	free(e.p);

	e = make_elf(1, 0);
	memset(e.p + dd0, 'x', VMCOREDD_MAX_NAME_BYTES);
	ok(scan(&e, e.len, &info) && strstr(vdd_error, "NUL"),
	   "a dump name without NUL: %s", vdd_error);
	free(e.p);

	e = make_elf(1, 0);
	e.p[16] = 2;	/* ET_EXEC */
	ok(scan(&e, e.len, &info) && strstr(vdd_error, "not a core dump"),
	   "an ELF executable: %s", vdd_error);
	free(e.p);

	put(&n, "makedumpfile\0\0\0\0\0\0\0\0", 20);
	ok(scan(&n, n.len, &info) && strstr(vdd_error, "-R"),
	   "the flattened format: %s", vdd_error);
	free(n.p);

	ok(!vdd_safe_name("..") && !vdd_safe_name("a/b") && !vdd_safe_name("") &&
	   vdd_safe_name("cxgb4_0000:02:00.4"), "unsafe file names are refused");
}

static void write_seed(const char *dir, const char *name, struct buf *b)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(b->p, 1, b->len, f) != b->len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void run_tests(struct buf *e64, struct buf *e64be, struct buf *e32be,
		      struct buf *kd)
{
	printf("TAP version 13\n");
	check_dumps(e64, "ELF64 little-endian");
	check_dumps(e64be, "ELF64 big-endian");
	check_dumps(e32be, "ELF32 big-endian");
	check_dumps(kd, "kdump-compressed");
	check_truncations(e64, "ELF64");
	check_truncations(kd, "kdump-compressed");
	check_corruptions(e64, "ELF64");
	check_corruptions(kd, "kdump-compressed");
	check_errors();
	printf("1..%d\n", tests);
}

int main(int argc, char **argv)
{
	struct buf e64 = make_elf(1, 0), e32be = make_elf(0, 1), e64be = make_elf(1, 1);
	struct buf kd = make_kdump();

	if (argc == 3 && !strcmp(argv[1], "--seeds")) {
		write_seed(argv[2], "elf64le", &e64);
		write_seed(argv[2], "elf32be", &e32be);
		write_seed(argv[2], "elf64be", &e64be);
		write_seed(argv[2], "kdump", &kd);
	} else {
		run_tests(&e64, &e64be, &e32be, &kd);
	}
	free(e64.p);
	free(e32be.p);
	free(e64be.p);
	free(kd.p);
	return failures ? 1 : 0;
}
