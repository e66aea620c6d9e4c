// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of vmcoredd's parser, meant to run under ASan and UBSan: dumps
 * are built in memory (ELF64 and ELF32, both byte orders, 4- and 8-byte
 * note alignment, PN_XNUM; kdump-compressed in the 64-bit and both 32-bit
 * layouts, both byte orders), then found, copied, truncated at every length,
 * corrupted byte by byte, and damaged one note at a time: each damaged note
 * is reported and the intact dumps are still found.
 *
 *   vmcoredd_test              run the tests, print TAP
 *   vmcoredd_test --seeds DIR  write the test dumps to DIR (the command line
 *                              tests' inputs and the fuzzing corpus)
 */
#define VMCOREDD_NO_MAIN
#include "vmcoredd.c"

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
	unsigned int align;	/* of the notes: 4 or 8 */
};

static void put(struct buf *b, const void *src, size_t len)
{
	if (!len)
		return;
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

static void put_zero(struct buf *b, size_t len)
{
	static const unsigned char z[4096];

	while (len) {
		size_t n = len < sizeof(z) ? len : sizeof(z);

		put(b, z, n);
		len -= n;
	}
}

/* Overwrite @bytes at @off with @v. */
static void set_n(struct buf *b, size_t off, uint64_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		b->p[off + (b->be ? bytes - 1 - i : i)] = v >> (8 * i);
}

static uint64_t get_n(const struct buf *b, size_t off, int bytes)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < bytes; i++)
		v |= (uint64_t)b->p[off + (b->be ? bytes - 1 - i : i)] << (8 * i);
	return v;
}

static void pad(struct buf *b, unsigned int align)
{
	put_zero(b, (align - b->len % align) % align);
}

/* A note: header, name, descriptor, each padded to the note alignment. */
static void note(struct buf *b, const char *name, uint32_t namesz, uint32_t type,
		 const void *desc, uint32_t descsz)
{
	unsigned int a = b->align ? b->align : 4;

	put_n(b, namesz, 4);
	put_n(b, descsz, 4);
	put_n(b, type, 4);
	put(b, name, namesz);
	pad(b, a);
	put(b, desc, descsz);
	pad(b, a);
}

static unsigned char pattern(unsigned int dump, uint64_t i)
{
	return (unsigned char)(dump * 31 + i * 7 + (i >> 8));
}

/* A device dump note: 44-byte name (@namelen bytes of @name), then @size bytes. */
static void dd_note_n(struct buf *b, const char *owner, uint32_t ownersz, const char *name,
		      size_t namelen, unsigned int idx, uint32_t size)
{
	unsigned char *desc = calloc(1, VMCOREDD_MAX_NAME_BYTES + size);
	uint32_t i;

	memcpy(desc, name, namelen);
	for (i = 0; i < size; i++)
		desc[VMCOREDD_MAX_NAME_BYTES + i] = pattern(idx, i);
	note(b, owner, ownersz, NT_VMCOREDD, desc, VMCOREDD_MAX_NAME_BYTES + size);
	free(desc);
}

static void dd_note(struct buf *b, const char *name, unsigned int idx, uint32_t size)
{
	dd_note_n(b, "LINUX\0\0", 8, name, strlen(name), idx, size);
}

/* A device dump note whose descriptor is @descsz bytes: @name, then zeroes. */
static void short_dd(struct buf *b, const char *name, uint32_t descsz)
{
	unsigned char desc[VMCOREDD_MAX_NAME_BYTES] = { 0 };

	memcpy(desc, name, strlen(name));
	note(b, "LINUX\0\0", 8, NT_VMCOREDD, desc, descsz);
}

static const struct {
	const char *name;
	uint32_t size;
} dd[] = { { "one", 1 }, { "nic_0000:02:00.4", 4097 }, { "empty", 0 },
	   { "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", 13 } };

static void core_note(struct buf *n)
{
	unsigned char prstatus[336] = { 1 };

	note(n, "CORE", 5, NT_PRSTATUS, prstatus, sizeof(prstatus));
}

static void vmcoreinfo_note(struct buf *n)
{
	note(n, "VMCOREINFO", 11, 0, "OSRELEASE=6.12\n", 15);
}

/* The note segment: a CORE note, the device dumps, a filler, VMCOREINFO. */
static struct buf notes(int be, unsigned int align)
{
	struct buf n = { .be = be, .align = align };
	unsigned char filler[100] = { 0 };
	unsigned int i;

	core_note(&n);
	for (i = 0; i < ARRAY_SIZE(dd); i++)
		dd_note(&n, dd[i].name, i, dd[i].size);
	note(&n, "VMCOREDD_PAD", 13, 0, filler, sizeof(filler));
	vmcoreinfo_note(&n);
	return n;
}

/*
 * An ELF core file: the header, a PT_LOAD and a PT_NOTE program header (p_align
 * @align), the notes @n, with @xnum e_phnum is PN_XNUM and section header 0
 * holds the number.  The PT_NOTE header is at the returned buffer's offset
 * phoff + phentsize.
 */
static struct buf make_elf_notes(int is64, int be, const struct buf *n, uint64_t align,
				 int xnum)
{
	struct buf e = { .be = be };
	unsigned char ident[EI_NIDENT] = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3 };
	uint64_t phoff = is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
	uint64_t phsz = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	uint64_t shsz = is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
	uint64_t noff = align_up(phoff + 2 * phsz, 8);
	uint64_t shoff = xnum ? align_up(noff + n->len, 8) : 0;
	int w = is64 ? 8 : 4;

	ident[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
	ident[EI_DATA] = be ? ELFDATA2MSB : ELFDATA2LSB;
	ident[EI_VERSION] = EV_CURRENT;
	put(&e, ident, EI_NIDENT);
	put_n(&e, ET_CORE, 2);
	put_n(&e, EM_X86_64, 2);
	put_n(&e, EV_CURRENT, 4);
	put_n(&e, 0, w);		/* e_entry */
	put_n(&e, phoff, w);
	put_n(&e, shoff, w);
	put_n(&e, 0, 4);		/* e_flags */
	put_n(&e, phoff, 2);		/* e_ehsize */
	put_n(&e, phsz, 2);
	put_n(&e, xnum ? PN_XNUM : 2, 2);
	put_n(&e, xnum ? shsz : 0, 2);
	put_n(&e, 0, 2);		/* e_shnum: in sh_size of section 0 */
	put_n(&e, 0, 2);		/* e_shstrndx */
	/* PT_LOAD first, then PT_NOTE */
	if (is64) {
		put_n(&e, PT_LOAD, 4); put_n(&e, 7, 4); put_n(&e, noff + n->len, 8);
		put_n(&e, 0, 8); put_n(&e, 0, 8); put_n(&e, 0, 8); put_n(&e, 0, 8);
		put_n(&e, 0, 8);
		put_n(&e, PT_NOTE, 4); put_n(&e, 0, 4); put_n(&e, noff, 8);
		put_n(&e, 0, 8); put_n(&e, 0, 8); put_n(&e, n->len, 8); put_n(&e, n->len, 8);
		put_n(&e, align, 8);
	} else {
		put_n(&e, PT_LOAD, 4); put_n(&e, noff + n->len, 4); put_n(&e, 0, 4);
		put_n(&e, 0, 4); put_n(&e, 0, 4); put_n(&e, 0, 4); put_n(&e, 7, 4);
		put_n(&e, 0, 4);
		put_n(&e, PT_NOTE, 4); put_n(&e, noff, 4); put_n(&e, 0, 4); put_n(&e, 0, 4);
		put_n(&e, n->len, 4); put_n(&e, n->len, 4); put_n(&e, 0, 4);
		put_n(&e, align, 4);
	}
	pad(&e, 8);
	put(&e, n->p, n->len);
	if (xnum) {
		pad(&e, 8);
		if (is64) {
			put_n(&e, 0, 4); put_n(&e, 0, 4); put_n(&e, 0, 8); put_n(&e, 0, 8);
			put_n(&e, 0, 8); put_n(&e, 1, 8);	/* sh_size: e_shnum */
			put_n(&e, 0, 4); put_n(&e, 2, 4);	/* sh_info: e_phnum */
			put_n(&e, 0, 8); put_n(&e, 0, 8);
		} else {
			put_n(&e, 0, 4); put_n(&e, 0, 4); put_n(&e, 0, 4); put_n(&e, 0, 4);
			put_n(&e, 0, 4); put_n(&e, 1, 4);
			put_n(&e, 0, 4); put_n(&e, 2, 4);
			put_n(&e, 0, 4); put_n(&e, 0, 4);
		}
	}
	return e;
}

static uint64_t elf_notes_off(int is64)
{
	return align_up((is64 ? sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Phdr) :
			 sizeof(Elf32_Ehdr) + 2 * sizeof(Elf32_Phdr)), 8);
}

static struct buf make_elf(int is64, int be)
{
	struct buf n = notes(be, 4), e = make_elf_notes(is64, be, &n, 4, 0);

	free(n.p);
	return e;
}

/* sizeof(struct kdump_sub_header) in each layout of kdump_layouts[] */
static const unsigned int kdump_sub_size[] = { 104, 80, 96 };

/*
 * A kdump-compressed file in layout @l of kdump_layouts[], byte order @be,
 * with max_mapnr @mapnr: the header block, the sub header and the notes
 * @n in the sub header's blocks, one bitmap block.
 */
static struct buf make_kdump_notes(int be, unsigned int l, uint32_t mapnr, uint64_t erase,
				   const struct buf *n)
{
	const struct kdump_layout *lay = &kdump_layouts[l];
	struct buf k = { .be = be }, h = { .be = be }, sub = { .be = be };
	uint32_t bs = 4096, sub_blocks;
	const char *machine = l ? (be ? "ppc" : "i686") : (be ? "s390x" : "x86_64");

	sub_blocks = (kdump_sub_size[l] + n->len + bs - 1) / bs;
	put(&h, KDUMP_SIGNATURE, 8);
	put_n(&h, 6, 4);				/* header_version */
	put_zero(&h, 4 * 65);				/* sysname .. version */
	put(&h, machine, strlen(machine));
	put_zero(&h, lay->block_size_off - h.len);	/* timestamp, status */
	put_n(&h, bs, 4);
	put_n(&h, sub_blocks, 4);
	put_n(&h, 1, 4);				/* bitmap_blocks */
	put_n(&h, mapnr, 4);				/* max_mapnr */
	put_n(&h, 1000, 4);				/* total_ram_blocks */
	put_zero(&h, bs - h.len);
	put(&k, h.p, h.len);

	put_zero(&sub, lay->note_off);
	put_n(&sub, bs + kdump_sub_size[l], 8);		/* offset_note */
	put_n(&sub, n->len, lay->word);			/* size_note */
	put_zero(&sub, align_up(sub.len, l == 1 ? 4 : 8) - sub.len);
	put_n(&sub, erase, 8);				/* offset_eraseinfo */
	put_zero(&sub, kdump_sub_size[l] - sub.len);
	put(&k, sub.p, sub.len);
	put(&k, n->p, n->len);
	put_zero(&k, (1 + sub_blocks) * bs - k.len);
	put_zero(&k, bs);				/* the bitmap */
	free(h.p);
	free(sub.p);
	return k;
}

static struct buf make_kdump(int be, unsigned int l, uint32_t mapnr)
{
	struct buf n = notes(be, 4), k = make_kdump_notes(be, l, mapnr, 0, &n);

	free(n.p);
	return k;
}

/* Scan the first @len bytes of @b, copied where ASan sees their end. */
static int scan(struct buf *b, size_t len, struct vdd_info *info)
{
	unsigned char *copy = malloc(len ? len : 1);
	struct vdd_src s = { .fd = -1, .mem = copy, .size = len };
	int r;

	if (!copy)
		abort();
	memcpy(copy, b->p, len);
	vdd_error[0] = 0;
	r = vdd_scan(&s, info);
	free(copy);
	return r;
}

/* The dumps of @b are the ones of notes(), with their exact bytes. */
static void check_dumps(struct buf *b, const char *what, const char *format)
{
	struct vdd_src s = { .fd = -1, .mem = b->p, .size = b->len };
	struct vdd_info info;
	unsigned int i, good = 1;
	FILE *f;

	ok(scan(b, b->len, &info) == 0, "%s: scanned (%s)", what, vdd_error);
	ok(info.nr == 4 && info.notes == 7 && info.nr_problems == 0 && !info.damaged,
	   "%s: 4 device dumps in 7 notes, no problem (%u, %u, %u)",
	   what, info.nr, info.notes, info.nr_problems);
	ok(info.format && !strcmp(info.format, format), "%s: format %s (%s)", what, format,
	   info.format ? info.format : "none");
	for (i = 0; i < info.nr && i < 4; i++) {
		unsigned char got[8192];
		uint64_t k;

		if (strcmp(info.dumps[i].name, dd[i].name) || info.dumps[i].size != dd[i].size ||
		    info.dumps[i].index != i || strcmp(info.dumps[i].file, dd[i].name)) {
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
	ok(good && info.nr == 4, "%s: names, indexes, file names, exact sizes and bytes", what);
	vdd_free(&info);
}

/* The dumps found are intact ones of notes(), in order, inside @len bytes. */
static int intact_prefix(const struct vdd_info *info, size_t len)
{
	unsigned int i;

	for (i = 0; i < info->nr; i++) {
		const struct vdd_dump *d = &info->dumps[i];

		if (i >= ARRAY_SIZE(dd) || d->index != i || strcmp(d->name, dd[i].name) ||
		    d->size != dd[i].size || d->offset > len || d->size > len - d->offset)
			return 0;
	}
	return 1;
}

/*
 * Every shorter file fails with an error or reports damage, and whatever
 * dumps it lists are intact; only a cut after the notes loses nothing.
 */
static void check_truncations(struct buf *b, const char *what)
{
	struct vdd_info info, full;
	unsigned int refused = 0, damaged = 0, bad = 0, most = 0;
	size_t len;

	scan(b, b->len, &full);
	for (len = 0; len < b->len; len++) {
		int r = scan(b, len, &info);

		if (r) {
			refused++;
			bad += !vdd_error[0];
		} else if (info.damaged) {
			damaged++;
			bad += !intact_prefix(&info, len);
			if (info.nr > most)
				most = info.nr;
		} else {
			bad += len < full.notes_end || info.nr != full.nr ||
			       !intact_prefix(&info, len);
		}
		vdd_free(&info);
	}
	ok(!bad && damaged && most == full.nr,
	   "%s: %zu truncations: %u refused, %u list the intact dumps (up to %u) and report damage",
	   what, b->len, refused, damaged, most);
	vdd_free(&full);
}

/*
 * Flip bits all over the file: a copy is either refused with an error, or
 * every dump found lies inside the file with a terminated name, a distinct
 * safe file name, and every problem says what.  Reads out of bounds are the
 * sanitizers' to catch.
 */
static void check_corruptions(struct buf *b, const char *what)
{
	unsigned int refused = 0, scanned = 0, bad = 0, i, j;
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
					       strlen(d->name) >= VMCOREDD_MAX_NAME_BYTES ||
					       !vdd_safe_name(d->file);
					for (j = 0; j < i; j++)
						bad += !strcmp(d->file, info.dumps[j].file);
				}
				for (i = 0; i < info.nr_problems; i++)
					bad += !info.problems[i].what[0];
			}
			vdd_free(&info);
			b->p[at] ^= 1 << bit;
		}
	}
	ok(!bad, "%s: %u corrupted copies: %u refused with an error, %u scanned within bounds",
	   what, refused + scanned, refused, scanned);
}

/* The only problem of @info is about dump @idx and says @word. */
static int one_problem(const struct vdd_info *info, int damaged, int idx, const char *word)
{
	return info->nr_problems == 1 && info->damaged == (unsigned int)damaged &&
	       info->problems[0].index == idx && strstr(info->problems[0].what, word);
}

static const char *problem0(const struct vdd_info *info)
{
	return info->nr_problems ? info->problems[0].what : "no problem";
}

/* Scan the ELF64 file of notes @n. */
static int scan_notes_elf(struct buf *n, struct vdd_info *info)
{
	struct buf e = make_elf_notes(1, n->be, n, 4, 0);
	int r = scan(&e, e.len, info);

	free(e.p);
	free(n->p);
	return r;
}

static void check_damage(void)
{
	struct buf e, n;
	struct vdd_info info;
	uint64_t noff = elf_notes_off(1);
	size_t phnote = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
	char noname[VMCOREDD_MAX_NAME_BYTES];
	size_t filesz;
	int r;

	memset(noname, 'x', sizeof(noname));
	/* the last dump's n_descsz overruns the segment: the others are found */
	n = (struct buf){ 0 };
	core_note(&n);
	dd_note(&n, dd[0].name, 0, dd[0].size);
	dd_note(&n, dd[1].name, 1, dd[1].size);
	dd_note(&n, dd[2].name, 2, dd[2].size);
	dd_note(&n, "last", 3, 10);
	set_n(&n, n.len - (12 + 8 + 56) + 4, 127, 4);	/* n_descsz of "last" */
	r = scan_notes_elf(&n, &info);
	ok(!r && info.nr == 3 && intact_prefix(&info, ~0ULL) &&
	   one_problem(&info, 1, 3, "overrun"),
	   "an n_descsz that overruns: dumps 0-2 found, dump 3 damaged: %s", problem0(&info));
	vdd_free(&info);

	/* the segment ends 3 bytes, then 1 byte, before the last note does */
	e = make_elf(1, 0);
	filesz = phnote + offsetof(Elf64_Phdr, p_filesz);
	set_n(&e, filesz, get_n(&e, filesz, 8) - 4, 8);
	r = scan(&e, e.len, &info);
	ok(!r && info.nr == 4 && one_problem(&info, 1, -1, "overrun its segment by 3 bytes"),
	   "a note that overruns its segment by 3 bytes: %s", problem0(&info));
	vdd_free(&info);
	set_n(&e, filesz, get_n(&e, filesz, 8) + 2, 8);
	r = scan(&e, e.len, &info);
	ok(!r && info.nr == 4 && one_problem(&info, 1, -1, "overrun its segment by 1 byte"),
	   "a note that overruns its segment by 1 byte: %s", problem0(&info));
	vdd_free(&info);
	free(e.p);

	/* a descriptor shorter than the name */
	n = (struct buf){ 0 };
	core_note(&n);
	dd_note(&n, "one", 0, 5);
	short_dd(&n, "short", 20);
	dd_note(&n, "two", 2, 7);
	vmcoreinfo_note(&n);
	r = scan_notes_elf(&n, &info);
	ok(!r && info.nr == 2 && info.notes == 5 &&
	   !strcmp(info.dumps[1].name, "two") && info.dumps[1].index == 2 &&
	   info.dumps[1].size == 7 && one_problem(&info, 1, 1, "too short"),
	   "a descriptor of 20 bytes: the other dumps found: %s", problem0(&info));
	vdd_free(&info);

	/* descriptors of exactly 44 and 43 bytes */
	n = (struct buf){ 0 };
	short_dd(&n, "n44", 44);
	short_dd(&n, "n43", 43);
	r = scan_notes_elf(&n, &info);
	ok(!r && info.nr == 1 && info.dumps[0].size == 0 &&
	   !strcmp(info.dumps[0].name, "n44") && one_problem(&info, 1, 1, "43 bytes"),
	   "descriptors of 44 and 43 bytes: an empty dump and a damaged note: %s",
	   problem0(&info));
	vdd_free(&info);

	/* a name without NUL */
	n = (struct buf){ 0 };
	dd_note(&n, "one", 0, 5);
	dd_note_n(&n, "LINUX\0\0", 8, noname, sizeof(noname), 1, 9);
	dd_note(&n, "two", 2, 7);
	r = scan_notes_elf(&n, &info);
	ok(!r && info.nr == 2 && info.dumps[1].index == 2 &&
	   one_problem(&info, 1, 1, "NUL"),
	   "a name without NUL: the other dumps found: %s", problem0(&info));
	vdd_free(&info);

	/* empty notes in the middle are walked over, and said */
	n = (struct buf){ 0 };
	core_note(&n);
	put_zero(&n, 12);
	dd_note(&n, "one", 0, 5);
	put_zero(&n, 24);
	dd_note(&n, "two", 1, 7);
	vmcoreinfo_note(&n);
	r = scan_notes_elf(&n, &info);
	ok(!r && info.nr == 2 && info.notes == 4 && !info.damaged &&
	   info.nr_problems == 2 && strstr(info.problems[0].what, "1 empty note") &&
	   strstr(info.problems[1].what, "2 empty notes") && !strcmp(info.dumps[1].name, "two"),
	   "empty notes in the middle: walked over and reported: %s", problem0(&info));
	vdd_free(&info);

	/* type 0x700 of another owner: skipped, keeps its index */
	n = (struct buf){ 0 };
	dd_note_n(&n, "GNU", 4, "fake", 4, 0, 3);
	dd_note_n(&n, "LINUXX", 7, "fake2", 5, 1, 3);
	dd_note_n(&n, "LINU", 5, "fake3", 5, 2, 3);
	dd_note(&n, "one", 3, 5);
	r = scan_notes_elf(&n, &info);
	ok(!r && info.nr == 1 && info.dumps[0].index == 3 &&
	   !info.damaged && info.nr_problems == 3 && info.problems[0].index == 0 &&
	   strstr(info.problems[0].what, "owned by \"GNU\"") &&
	   strstr(info.problems[1].what, "\"LINUXX\"") && strstr(info.problems[2].what, "\"LINU\""),
	   "type 0x700 notes owned by GNU, LINUXX, LINU: skipped, indexes kept: %s",
	   problem0(&info));
	vdd_free(&info);

	/* a dump cut short by the end of the file */
	e = make_elf(1, 0);
	r = scan(&e, e.len - 200, &info);
	ok(!r && info.nr == 3 && intact_prefix(&info, e.len - 200) &&
	   info.damaged == 2 && info.problems[1].index == 3 &&
	   strstr(info.problems[1].what, "end of the file"),
	   "a file cut in the last dump: 3 dumps found, 2 problems: %s", problem0(&info));
	vdd_free(&info);

	/* a segment that is not 4- or 8-byte aligned */
	e.p[phnote + offsetof(Elf64_Phdr, p_align)] = 16;
	r = scan(&e, e.len, &info);
	ok(!r && info.nr == 0 && one_problem(&info, 1, -1, "4 or 8"),
	   "a note segment aligned to 16: reported: %s", problem0(&info));
	vdd_free(&info);
	free(e.p);

	/* the segment lies beyond the end */
	e = make_elf(1, 0);
	r = scan(&e, noff, &info);
	ok(!r && info.nr == 0 && one_problem(&info, 1, -1, "beyond"),
	   "a note segment beyond the end of the file: %s", problem0(&info));
	vdd_free(&info);
	free(e.p);
}

/* Names that are no file names, and names several dumps share. */
static void check_names(void)
{
	static const char *const names[] = { ".", "..", "a/b", "new\nline", "\x1b[31mred", "",
					      "caf\xc3\xa9", "ok", "nic", "nic", "nic.8", "-rf" };
	static const char *const files[] = { "dump.0", "dump.1", "dump.2", "dump.3", "dump.4",
					     "dump.5", "dump.6", "ok", "nic.8~", "nic.9", "nic.8",
					     "-rf" };
	struct buf n = { 0 };
	struct vdd_info info;
	char esc[4 * VMCOREDD_MAX_NAME_BYTES + 1];
	unsigned int i, good = 1;
	int r;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		dd_note(&n, names[i], i, 1);
	r = scan_notes_elf(&n, &info);
	ok(!r && info.nr == ARRAY_SIZE(names), "%u odd names scanned",
	   info.nr);
	for (i = 0; i < info.nr && i < ARRAY_SIZE(files); i++) {
		if (strcmp(info.dumps[i].file, files[i]))
			good = 0;
		ok(vdd_safe_name(names[i]) == (i >= 7), "'%s' is %sa safe file name",
		   vdd_escape(esc, names[i], VMCOREDD_MAX_NAME_BYTES), i >= 7 ? "" : "not ");
	}
	ok(good, "distinct file names: dump.N for unsafe names, NAME.N for shared ones");
	vdd_free(&info);
	ok(!strcmp(vdd_escape(esc, "a\nb\\c\t\x1b\x7f\xff", 44), "a\\nb\\\\c\\t\\x1b\\x7f\\xff"),
	   "escaped: %s", esc);
}

static void check_errors(void)
{
	struct buf e = make_elf(1, 0), n = { 0 }, k;
	struct vdd_info info;

	e.p[offsetof(Elf64_Ehdr, e_type)] = ET_EXEC;
	ok(scan(&e, e.len, &info) && strstr(vdd_error, "not a core dump"),
	   "an ELF executable: %s", vdd_error);
	e.p[offsetof(Elf64_Ehdr, e_type)] = ET_CORE;
	e.p[offsetof(Elf64_Ehdr, e_phnum)] = 0xff;
	e.p[offsetof(Elf64_Ehdr, e_phnum) + 1] = 0xff;
	ok(scan(&e, e.len, &info) && strstr(vdd_error, "PN_XNUM without"),
	   "PN_XNUM without section header: %s", vdd_error);
	free(e.p);

	put(&n, "makedumpfile\0\0\0\0\0\0\0\0", 20);
	ok(scan(&n, n.len, &info) && strstr(vdd_error, "-R"),
	   "the flattened format: %s", vdd_error);
	free(n.p);

	k = make_kdump(0, 0, 1 << 18);
	k.p[KDUMP_VERSION_OFF] = 3;
	ok(scan(&k, k.len, &info) && strstr(vdd_error, "version 3"),
	   "kdump header version 3: %s", vdd_error);
	k.p[KDUMP_VERSION_OFF] = 0;
	ok(scan(&k, k.len, &info) && strstr(vdd_error, "byte order"),
	   "kdump header version 0: %s", vdd_error);
	k.p[KDUMP_VERSION_OFF] = 6;
	k.p[kdump_layouts[0].block_size_off + 1] = 0x11;	/* 4352 */
	ok(scan(&k, k.len, &info) && strstr(vdd_error, "no known layout"),
	   "kdump header with a block size of 4352: %s", vdd_error);
	free(k.p);
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
	free(b->p);
}

/* The files vmcoredd_cli_test.sh works on; see there what each holds. */
static void write_seeds(const char *dir)
{
	char noname[VMCOREDD_MAX_NAME_BYTES];
	struct buf e, n;
	unsigned int i;
	static const char *const odd[] = { "one", "nic", "nic", "evil\n    9  forged", "\x1b[2J",
					   "..", "tab\there" };

	memset(noname, 'x', sizeof(noname));
	e = make_elf(1, 0);
	write_seed(dir, "elf64le", &e);
	e = make_elf(0, 1);
	write_seed(dir, "elf32be", &e);
	e = make_elf(1, 1);
	write_seed(dir, "elf64be", &e);
	e = make_kdump(0, 0, 1 << 18);
	write_seed(dir, "kdump", &e);
	e = make_kdump(1, 0, 1 << 18);
	write_seed(dir, "kdump-s390x", &e);
	e = make_kdump(0, 1, 1 << 18);
	write_seed(dir, "kdump-i686", &e);
	e = make_kdump(1, 2, 1 << 16);
	write_seed(dir, "kdump-ppc", &e);
	n = notes(0, 8);
	e = make_elf_notes(1, 0, &n, 8, 0);
	write_seed(dir, "elf64-align8", &e);
	free(n.p);
	n = notes(0, 4);
	e = make_elf_notes(1, 0, &n, 4, 1);
	write_seed(dir, "elf64-xnum", &e);
	free(n.p);
	/* damaged: a name without NUL between two dumps, cut in the last */
	n = (struct buf){ 0 };
	core_note(&n);
	dd_note(&n, "one", 0, 5);
	dd_note_n(&n, "LINUX\0\0", 8, noname, sizeof(noname), 1, 9);
	dd_note(&n, "two", 2, 7);
	put_zero(&n, 12);
	dd_note_n(&n, "GNU", 4, "fake", 4, 3, 3);
	dd_note(&n, "three", 4, 1000);
	e = make_elf_notes(1, 0, &n, 4, 0);
	e.len -= 500;
	write_seed(dir, "damaged", &e);
	free(n.p);
	/* an empty note between two dumps */
	n = (struct buf){ 0 };
	core_note(&n);
	dd_note(&n, "one", 0, 5);
	put_zero(&n, 12);
	dd_note(&n, "two", 1, 7);
	vmcoreinfo_note(&n);
	e = make_elf_notes(1, 0, &n, 4, 0);
	write_seed(dir, "zeronote", &e);
	free(n.p);
	/* type 0x700 owned by GNU, then a device dump */
	n = (struct buf){ 0 };
	dd_note_n(&n, "GNU", 4, "fake", 4, 0, 3);
	dd_note(&n, "one", 1, 5);
	e = make_elf_notes(1, 0, &n, 4, 0);
	write_seed(dir, "foreign", &e);
	free(n.p);
	/* odd names */
	n = (struct buf){ 0 };
	for (i = 0; i < ARRAY_SIZE(odd); i++)
		dd_note(&n, odd[i], i, 10 + i);
	e = make_elf_notes(1, 0, &n, 4, 0);
	write_seed(dir, "names", &e);
	free(n.p);
	/* a dump named vmcore, one named like a file planted in the directory */
	n = (struct buf){ 0 };
	dd_note(&n, "vmcore", 0, 5000);
	dd_note(&n, "planted", 1, 3000);
	dd_note(&n, "dangling", 2, 100);
	dd_note(&n, "big", 3, 300000);
	e = make_elf_notes(1, 0, &n, 4, 0);
	write_seed(dir, "vmcore", &e);
	free(n.p);
}

/* The files that hold the dumps of notes(): format, byte order, layout. */
static const struct format_case {
	const char *what, *format;
	int kdump, is64, be, xnum;
	unsigned int layout, align;	/* kdump_layouts[layout]; p_align */
	uint32_t mapnr;
	uint64_t erase;			/* offset_eraseinfo */
} formats[] = {
	{ "ELF64 little-endian", "ELF64", 0, 1, 0, 0, 0, 4, 0, 0 },
	{ "ELF64 big-endian", "ELF64", 0, 1, 1, 0, 0, 4, 0, 0 },
	{ "ELF32 big-endian", "ELF32", 0, 0, 1, 0, 0, 4, 0, 0 },
	{ "ELF32 little-endian", "ELF32", 0, 0, 0, 0, 0, 4, 0, 0 },
	{ "ELF64, notes aligned to 8 (p_align 8)", "ELF64", 0, 1, 0, 0, 0, 8, 0, 0 },
	{ "ELF32, notes aligned to 8 (p_align 8)", "ELF32", 0, 0, 0, 0, 0, 8, 0, 0 },
	{ "ELF64 big-endian, PN_XNUM, p_align 0", "ELF64", 0, 1, 1, 1, 0, 0, 0, 0 },
	{ "ELF32 big-endian, PN_XNUM, p_align 1", "ELF32", 0, 0, 1, 1, 0, 1, 0, 0 },
	{ "kdump-compressed", "kdump-compressed", 1, 1, 0, 0, 0, 4, 1 << 18, 0 },
	{ "kdump-compressed big-endian (s390x)", "kdump-compressed 64-bit big-endian",
	  1, 1, 1, 0, 0, 4, 1 << 18, 0 },
	{ "kdump-compressed 32-bit, max_mapnr 4096 (i686)", "kdump-compressed 32-bit",
	  1, 0, 0, 0, 1, 4, 1 << 12, 0 },
	{ "kdump-compressed 32-bit, max_mapnr 2^18 (i686)", "kdump-compressed 32-bit",
	  1, 0, 0, 0, 1, 4, 1 << 18, 0 },
	{ "kdump-compressed 32-bit big-endian (ppc)", "kdump-compressed 32-bit big-endian",
	  1, 0, 1, 0, 2, 4, 1 << 16, 0 },
	/* the arm layout's size_note would be the high half of offset_eraseinfo */
	{ "kdump-compressed 32-bit, erase info at 64 GiB (i686)", "kdump-compressed 32-bit",
	  1, 0, 0, 0, 1, 4, 1 << 24, 16ULL << 32 },
};

static struct buf make_case(const struct format_case *c)
{
	struct buf n = notes(c->be, c->align == 8 ? 8 : 4), b;

	if (c->kdump)
		b = make_kdump_notes(c->be, c->layout, c->mapnr, c->erase, &n);
	else
		b = make_elf_notes(c->is64, c->be, &n, c->align, c->xnum);
	free(n.p);
	return b;
}

static void run_tests(void)
{
	struct buf e64 = make_elf(1, 0), kd = make_kdump(0, 0, 1 << 18), b;
	unsigned int i;

	printf("TAP version 13\n");
	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		b = make_case(&formats[i]);
		check_dumps(&b, formats[i].what, formats[i].format);
		free(b.p);
	}
	check_truncations(&e64, "ELF64");
	check_truncations(&kd, "kdump-compressed");
	check_corruptions(&e64, "ELF64");
	check_corruptions(&kd, "kdump-compressed");
	check_damage();
	check_names();
	check_errors();
	printf("1..%d\n", tests);
	free(e64.p);
	free(kd.p);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--seeds")) {
		write_seeds(argv[2]);
	} else if (argc == 1) {
		run_tests();
	} else {
		fprintf(stderr, "usage: %s [--seeds DIR]\n", argv[0]);
		return 2;
	}
	return failures ? 1 : 0;
}
