// SPDX-License-Identifier: GPL-2.0
/*
 * vmcoredd - list and extract the device dumps of a saved crash dump
 *
 * Device dumps are ELF notes of type NT_VMCOREDD (0x700) owned by "LINUX",
 * whose descriptor is the dump's name in 44 NUL-padded bytes followed by the
 * dump (include/uapi/linux/vmcore.h).  They are found in
 *
 *  - ELF dumps: /proc/vmcore, a copy of it, or makedumpfile -E output, in
 *    the PT_NOTE segments (ELF32 or ELF64, either byte order);
 *  - makedumpfile's kdump-compressed format (-c, -l, -p, -z), whose sub
 *    header holds a verbatim copy of the PT_NOTE segment (64-bit and 32-bit
 *    header layouts, either byte order).
 *
 * Every note is walked as readelf walks it.  A damaged note is reported
 * with its offset and does not hide the intact dumps.  Only headers are
 * read whole; dumps are copied in chunks, and every read is checked against
 * the file's size.
 *
 * Dumps are numbered in file order by INDEX, counting every note of type
 * 0x700 as crash's "dev -v" does.  A note of that type whose owner is not
 * "LINUX" is not a device dump (note types are defined per owner): it is
 * reported as skipped and keeps its index.
 *
 * Usage:
 *   vmcoredd list [--json] FILE...
 *   vmcoredd extract [-f] [-i INDEX]... FILE [NAME...] -o DIR
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef NT_VMCOREDD
#define NT_VMCOREDD		0x700
#endif
#define VMCOREDD_NOTE_NAME	"LINUX"
#define VMCOREDD_MAX_NAME_BYTES	44
#define VMCOREDD_VERSION	"2.0"
#define VMCOREDD_FILE_BYTES	96	/* an output file name */
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* struct elf_note: n_namesz, n_descsz, n_type */
#define NOTE_HDR_BYTES		sizeof(Elf64_Nhdr)

#define KDUMP_SIGNATURE		"KDUMP   "
#define FLAT_SIGNATURE		"makedumpfile"
/*
 * struct disk_dump_header: signature[8], int header_version, then struct
 * new_utsname (6 x 65 bytes) and struct timeval, whose size and alignment
 * differ between 64-bit and 32-bit builds of makedumpfile; block_size and
 * sub_hdr_size follow unsigned int status.  The sub header,
 * struct kdump_sub_header, starts one block after the header; offset_note
 * (off_t) and size_note (unsigned long) hold the copy of the PT_NOTE
 * segment, inside the sub header's blocks.
 */
#define KDUMP_VERSION_OFF	8
#define KDUMP_NOTE_VERSION	4	/* first header_version with notes */

struct kdump_layout {
	const char *name;
	unsigned int block_size_off;	/* sub_hdr_size follows */
	unsigned int note_off;		/* offset_note; size_note follows */
	unsigned int word;		/* sizeof(unsigned long) */
};

static const struct kdump_layout kdump_layouts[] = {
	{ "64-bit", 428, 48, 8 },
	{ "32-bit", 416, 32, 4 },	/* off_t aligned to 4 bytes (i386) */
	{ "32-bit", 416, 40, 4 },	/* off_t aligned to 8 bytes (arm, ppc) */
};

/* Where the bytes come from: a file, or memory (tests and fuzzing). */
struct vdd_src {
	int fd;
	const unsigned char *mem;
	uint64_t size;
};

struct vdd_dump {
	char name[VMCOREDD_MAX_NAME_BYTES + 1];
	char file[VMCOREDD_FILE_BYTES];	/* output file name, "" if none */
	unsigned int index;	/* among the notes of type 0x700 */
	uint64_t note;		/* file offset of the note header */
	uint64_t size;		/* n_descsz minus the name */
	uint64_t offset;	/* file offset of the dump's first byte */
};

/* A damaged note, or something skipped, at file offset @at. */
struct vdd_problem {
	uint64_t at;
	int index;		/* device dump index, or -1 */
	int damaged;		/* 0: only skipped, not an error */
	char what[192];
};

/* What vdd_scan() found. */
struct vdd_info {
	const char *format;
	unsigned int notes;	/* notes of any kind */
	uint64_t notes_end;	/* end of the last note segment in the file */
	unsigned int nr;
	struct vdd_dump *dumps;
	unsigned int nr_type;	/* notes of type 0x700: the next index */
	unsigned int damaged;	/* problems that are errors */
	unsigned int nr_problems;
	struct vdd_problem *problems;
};

static char vdd_error[256];

static int fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(vdd_error, sizeof(vdd_error), fmt, ap);
	va_end(ap);
	return -1;
}

static void vdd_free(struct vdd_info *info)
{
	free(info->dumps);
	free(info->problems);
	info->dumps = NULL;
	info->problems = NULL;
	info->nr = 0;
	info->nr_problems = 0;
}

/* Record a problem; only running out of memory fails. */
static int problem(struct vdd_info *info, int damaged, int index, uint64_t at,
		   const char *fmt, ...)
{
	struct vdd_problem *p;
	va_list ap;

	p = realloc(info->problems, (info->nr_problems + 1) * sizeof(*p));
	if (!p)
		return fail("out of memory");
	info->problems = p;
	p += info->nr_problems++;
	p->at = at;
	p->index = index;
	p->damaged = damaged;
	info->damaged += !!damaged;
	va_start(ap, fmt);
	vsnprintf(p->what, sizeof(p->what), fmt, ap);
	va_end(ap);
	return 0;
}

/* Read exactly @len bytes at @off, or fail: never past the end. */
static int src_read(struct vdd_src *s, uint64_t off, void *dst, size_t len)
{
	size_t done = 0;

	if (off > s->size || len > s->size - off)
		return fail("truncated: %zu bytes at offset %llu, file has %llu",
			    len, (unsigned long long)off, (unsigned long long)s->size);
	if (s->mem) {
		memcpy(dst, s->mem + off, len);
		return 0;
	}
	while (done < len) {
		ssize_t r = pread(s->fd, (char *)dst + done, len - done, off + done);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return fail("read at offset %llu: %s", (unsigned long long)(off + done),
				    r ? strerror(errno) : "unexpected end of file");
		done += r;
	}
	return 0;
}

static int big_endian;

static uint16_t get16(const unsigned char *p)
{
	return big_endian ? (p[0] << 8 | p[1]) : (p[1] << 8 | p[0]);
}

static uint32_t get32(const unsigned char *p)
{
	return big_endian ?
		(uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3] :
		(uint32_t)p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0];
}

static uint64_t get64(const unsigned char *p)
{
	return big_endian ? (uint64_t)get32(p) << 32 | get32(p + 4) :
			    (uint64_t)get32(p + 4) << 32 | get32(p);
}

static uint64_t get_word(const unsigned char *p, int is64)
{
	return is64 ? get64(p) : get32(p);
}

/*
 * Write @s (at most @len bytes, up to its NUL) to @out as C escapes: printable
 * ASCII but the backslash as is, \\, \n, \t and \xNN for the rest.  @out
 * holds 4 * @len + 1 bytes.
 */
static char *vdd_escape(char *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char *o = out;
	size_t i;

	for (i = 0; i < len && s[i]; i++) {
		unsigned char c = s[i];

		if (c == '\\') {
			*o++ = '\\';
			*o++ = '\\';
		} else if (c == '\n') {
			*o++ = '\\';
			*o++ = 'n';
		} else if (c == '\t') {
			*o++ = '\\';
			*o++ = 't';
		} else if (c < 0x20 || c > 0x7e) {
			*o++ = '\\';
			*o++ = 'x';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		} else {
			*o++ = c;
		}
	}
	*o = 0;
	return out;
}

static int add_dump(struct vdd_info *info, const struct vdd_dump *d)
{
	struct vdd_dump *n;

	n = realloc(info->dumps, (info->nr + 1) * sizeof(*n));
	if (!n)
		return fail("out of memory");
	info->dumps = n;
	info->dumps[info->nr++] = *d;
	return 0;
}

/* Report @count empty notes (all-zero headers) from @at on. */
static int empty_notes(struct vdd_info *info, uint64_t at, unsigned int count)
{
	if (!count)
		return 0;
	return problem(info, 0, -1, at, "%u empty note%s (all-zero header) skipped",
		       count, count > 1 ? "s" : "");
}

/* The note of type 0x700 at @at, index @idx, whose descriptor is at @desc. */
static int vmcoredd_note(struct vdd_src *s, struct vdd_info *info, uint64_t at,
			 uint64_t namesz, uint64_t desc, uint64_t descsz, unsigned int idx)
{
	char owner[16], esc[4 * sizeof(owner) + 1];
	struct vdd_dump d;

	memset(owner, 0, sizeof(owner));
	if (src_read(s, at + NOTE_HDR_BYTES, owner,
		     namesz < sizeof(owner) - 1 ? namesz : sizeof(owner) - 1))
		return -1;
	if (namesz < sizeof(VMCOREDD_NOTE_NAME) ||
	    memcmp(owner, VMCOREDD_NOTE_NAME, sizeof(VMCOREDD_NOTE_NAME)))
		return problem(info, 0, idx, at,
			       "note of type 0x700 owned by \"%s\", not \"LINUX\": not a device dump, skipped",
			       vdd_escape(esc, owner, sizeof(owner)));
	if (descsz < VMCOREDD_MAX_NAME_BYTES)
		return problem(info, 1, idx, at,
			       "descriptor of %llu bytes, too short for the %d-byte name",
			       (unsigned long long)descsz, VMCOREDD_MAX_NAME_BYTES);
	memset(&d, 0, sizeof(d));
	if (src_read(s, desc, d.name, VMCOREDD_MAX_NAME_BYTES))
		return -1;
	if (!memchr(d.name, 0, VMCOREDD_MAX_NAME_BYTES))
		return problem(info, 1, idx, at, "name not NUL-terminated");
	d.index = idx;
	d.note = at;
	d.size = descsz - VMCOREDD_MAX_NAME_BYTES;
	d.offset = desc + VMCOREDD_MAX_NAME_BYTES;
	return add_dump(info, &d);
}

static inline uint64_t align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

/*
 * Walk the notes in [@start, @start + @len) of the file, aligned to @align
 * (4 or 8) as readelf walks them.  Damage is recorded in @info; only a
 * failed read inside the file or running out of memory fail.
 */
static int scan_notes(struct vdd_src *s, struct vdd_info *info, uint64_t start,
		      uint64_t len, unsigned int align)
{
	uint64_t pos = 0, avail, empty_at = 0;
	unsigned int empty = 0;

	if (len && start >= s->size)
		return problem(info, 1, -1, start,
			       "note segment of %llu bytes lies beyond the end of the file (%llu bytes)",
			       (unsigned long long)len, (unsigned long long)s->size);
	avail = len;
	if (len > s->size - start) {
		avail = s->size - start;
		if (problem(info, 1, -1, start,
			    "note segment of %llu bytes cut short by the end of the file after %llu bytes",
			    (unsigned long long)len, (unsigned long long)avail))
			return -1;
	}
	if (start + avail > info->notes_end)
		info->notes_end = start + avail;
	while (len - pos >= NOTE_HDR_BYTES && avail - pos >= NOTE_HDR_BYTES) {
		unsigned char hdr[NOTE_HDR_BYTES];
		uint64_t namesz, descsz, desc, next, at = start + pos;
		uint32_t type;
		int idx = -1;

		if (src_read(s, at, hdr, sizeof(hdr)))
			return -1;
		namesz = get32(hdr + offsetof(Elf64_Nhdr, n_namesz));
		descsz = get32(hdr + offsetof(Elf64_Nhdr, n_descsz));
		type = get32(hdr + offsetof(Elf64_Nhdr, n_type));
		if (!namesz && !descsz && !type) {
			if (!empty++)
				empty_at = at;
			pos += NOTE_HDR_BYTES;
			continue;
		}
		if (empty_notes(info, empty_at, empty))
			return -1;
		empty = 0;
		if (type == NT_VMCOREDD)
			idx = info->nr_type++;
		desc = pos + align_up(NOTE_HDR_BYTES + namesz, align);
		next = align_up(desc + descsz, align);
		if (desc + descsz > len)
			return problem(info, 1, idx, at,
				       "note of type 0x%x: %llu+%llu bytes overrun its segment by %llu byte%s",
				       type, (unsigned long long)namesz,
				       (unsigned long long)descsz,
				       (unsigned long long)(desc + descsz - len),
				       desc + descsz - len > 1 ? "s" : "");
		if (desc + descsz > avail)
			return problem(info, 1, idx, at,
				       "note of type 0x%x: %llu+%llu bytes cut short by the end of the file",
				       type, (unsigned long long)namesz,
				       (unsigned long long)descsz);
		info->notes++;
		pos = next > len ? len : next;
		if (type == NT_VMCOREDD &&
		    vmcoredd_note(s, info, at, namesz, start + desc, descsz, idx))
			return -1;
	}
	return empty_notes(info, empty_at, empty);
}

#define EH(field)	(is64 ? offsetof(Elf64_Ehdr, field) : offsetof(Elf32_Ehdr, field))
#define PH(field)	(is64 ? offsetof(Elf64_Phdr, field) : offsetof(Elf32_Phdr, field))
#define SH(field)	(is64 ? offsetof(Elf64_Shdr, field) : offsetof(Elf32_Shdr, field))

static int scan_elf(struct vdd_src *s, struct vdd_info *info,
		    const unsigned char *ident)
{
	int is64 = ident[EI_CLASS] == ELFCLASS64;
	unsigned char eh[sizeof(Elf64_Ehdr)], ph[sizeof(Elf64_Phdr)], sh[sizeof(Elf64_Shdr)];
	uint64_t phoff, shoff, i, phnum, phentsize;

	if (ident[EI_CLASS] != ELFCLASS32 && ident[EI_CLASS] != ELFCLASS64)
		return fail("ELF file of unknown class %u", ident[EI_CLASS]);
	if (ident[EI_DATA] != ELFDATA2LSB && ident[EI_DATA] != ELFDATA2MSB)
		return fail("ELF file of unknown byte order %u", ident[EI_DATA]);
	big_endian = ident[EI_DATA] == ELFDATA2MSB;
	info->format = is64 ? "ELF64" : "ELF32";
	if (src_read(s, 0, eh, is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
		return -1;
	if (get16(eh + EH(e_type)) != ET_CORE)
		return fail("ELF file of type %u, not a core dump", get16(eh + EH(e_type)));
	phoff = get_word(eh + EH(e_phoff), is64);
	shoff = get_word(eh + EH(e_shoff), is64);
	phentsize = get16(eh + EH(e_phentsize));
	phnum = get16(eh + EH(e_phnum));
	if (phentsize != (is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)))
		return fail("corrupt ELF header: program headers of %llu bytes",
			    (unsigned long long)phentsize);
	if (phnum == PN_XNUM) {
		/* the number is in sh_info of section header 0 */
		if (!shoff)
			return fail("corrupt ELF header: PN_XNUM without section header");
		if (src_read(s, shoff, sh, is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)))
			return -1;
		phnum = get32(sh + SH(sh_info));
	}
	for (i = 0; i < phnum; i++) {
		uint64_t off, len, align;

		if (src_read(s, phoff + i * phentsize, ph, phentsize))
			return -1;
		if (get32(ph + PH(p_type)) != PT_NOTE)
			continue;
		off = get_word(ph + PH(p_offset), is64);
		len = get_word(ph + PH(p_filesz), is64);
		align = get_word(ph + PH(p_align), is64);
		if (align < 4)
			align = 4;
		if (align != 4 && align != 8) {
			if (problem(info, 1, -1, off,
				    "note segment aligned to %llu bytes, expecting 4 or 8: skipped",
				    (unsigned long long)align))
				return -1;
			continue;
		}
		if (scan_notes(s, info, off, len, align))
			return -1;
	}
	return 0;
}

/* The note section of a kdump-compressed dump in @layout, or -1. */
static int kdump_notes(struct vdd_src *s, const struct kdump_layout *l,
		       uint64_t *start, uint64_t *len)
{
	unsigned char v[8], sub[16], hdr[NOTE_HDR_BYTES];
	uint32_t block_size, sub_blocks;
	uint64_t sub_end, namesz, descsz;

	if (src_read(s, l->block_size_off, v, 8))
		return -1;
	block_size = get32(v);
	sub_blocks = get32(v + 4);
	if (block_size < 512 || block_size > (1 << 24) || (block_size & (block_size - 1)) ||
	    !sub_blocks || sub_blocks > (1U << 31) / block_size)
		return -1;
	if (src_read(s, (uint64_t)block_size + l->note_off, sub, 8 + l->word))
		return -1;
	*start = get64(sub);
	*len = get_word(sub + 8, l->word == 8);
	sub_end = (uint64_t)block_size * (1 + sub_blocks);
	/* the notes are a copy inside the sub header's blocks */
	if (*start < block_size + l->note_off + 8 + l->word || *start > sub_end ||
	    *len > sub_end - *start || *len < NOTE_HDR_BYTES)
		return -1;
	/* and the first note fits in the section */
	if (src_read(s, *start, hdr, sizeof(hdr)))
		return -1;
	namesz = get32(hdr + offsetof(Elf64_Nhdr, n_namesz));
	descsz = get32(hdr + offsetof(Elf64_Nhdr, n_descsz));
	if (!namesz || align_up(NOTE_HDR_BYTES + namesz, 4) + descsz > *len)
		return -1;
	return 0;
}

static int scan_kdump(struct vdd_src *s, struct vdd_info *info)
{
	uint64_t start = 0, len = 0, st, ln;
	const char *layout = NULL;
	unsigned char v[4];
	uint32_t version;
	unsigned int i;

	info->format = "kdump-compressed";
	if (src_read(s, KDUMP_VERSION_OFF, v, 4))
		return -1;
	/* a small number: its byte order is the dump's */
	big_endian = 0;
	version = get32(v);
	if (!version || version > 0xffff) {
		big_endian = 1;
		version = get32(v);
	}
	if (!version || version > 0xffff)
		return fail("kdump-compressed header of unknown byte order (version %#x)",
			    get32(v));
	if (version < KDUMP_NOTE_VERSION)
		return fail("kdump-compressed header version %u has no note section", version);
	for (i = 0; i < ARRAY_SIZE(kdump_layouts); i++) {
		if (kdump_notes(s, &kdump_layouts[i], &st, &ln))
			continue;
		if (layout && (st != start || ln != len))
			return fail("kdump-compressed header fits both the %s and the %s layout",
				    layout, kdump_layouts[i].name);
		layout = kdump_layouts[i].name;
		start = st;
		len = ln;
	}
	if (!layout)
		return fail("kdump-compressed header (%s-endian) of no known layout, or truncated",
			    big_endian ? "big" : "little");
	info->format = !strcmp(layout, "64-bit") ?
		(big_endian ? "kdump-compressed 64-bit big-endian" : "kdump-compressed") :
		(big_endian ? "kdump-compressed 32-bit big-endian" : "kdump-compressed 32-bit");
	return scan_notes(s, info, start, len, 4);
}

/* A dump name is safe as a file name in the output directory. */
static int vdd_safe_name(const char *name)
{
	const char *p;

	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return 0;
	for (p = name; *p; p++)
		if (*p == '/' || (unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			return 0;
	return 1;
}

/*
 * Give every dump a distinct output file name: its own name when that is a
 * safe file name no other dump has; NAME.INDEX for a name that several dumps
 * share; dump.INDEX for a name that is not a safe file name.  A clash with
 * another dump's file name adds '~' until the name is free.
 */
static void vdd_name_files(struct vdd_info *info)
{
	unsigned int i, j, unique;

	for (i = 0; i < info->nr; i++) {
		struct vdd_dump *d = &info->dumps[i];

		for (unique = 1, j = 0; j < info->nr; j++)
			if (j != i && !strcmp(info->dumps[j].name, d->name))
				unique = 0;
		d->file[0] = 0;
		if (unique && vdd_safe_name(d->name))
			memcpy(d->file, d->name, sizeof(d->name));
	}
	for (i = 0; i < info->nr; i++) {
		struct vdd_dump *d = &info->dumps[i];
		size_t n;

		if (d->file[0])
			continue;
		if (vdd_safe_name(d->name))
			n = snprintf(d->file, sizeof(d->file), "%s.%u", d->name, d->index);
		else
			n = snprintf(d->file, sizeof(d->file), "dump.%u", d->index);
		for (;;) {
			for (unique = 1, j = 0; j < info->nr; j++)
				if (j != i && !strcmp(info->dumps[j].file, d->file))
					unique = 0;
			if (unique)
				break;
			if (n + 1 >= sizeof(d->file)) {
				d->file[0] = 0;
				break;
			}
			d->file[n++] = '~';
			d->file[n] = 0;
		}
	}
}

/* Find every device dump of the file; 0, or -1 with vdd_error set. */
static int vdd_scan(struct vdd_src *s, struct vdd_info *info)
{
	unsigned char magic[EI_NIDENT];
	int ret;

	memset(info, 0, sizeof(*info));
	if (s->size < sizeof(magic))
		return fail("file of %llu bytes is too short for a crash dump",
			    (unsigned long long)s->size);
	if (src_read(s, 0, magic, sizeof(magic)))
		return -1;
	if (!memcmp(magic, ELFMAG, SELFMAG))
		ret = scan_elf(s, info, magic);
	else if (!memcmp(magic, KDUMP_SIGNATURE, strlen(KDUMP_SIGNATURE)))
		ret = scan_kdump(s, info);
	else if (!memcmp(magic, FLAT_SIGNATURE, strlen(FLAT_SIGNATURE)))
		return fail("makedumpfile flattened format: run makedumpfile -R first");
	else
		return fail("neither an ELF core dump nor a kdump-compressed dump");
	if (!ret)
		vdd_name_files(info);
	return ret;
}

/* Copy dump @d to @out in chunks. */
static int vdd_copy(struct vdd_src *s, const struct vdd_dump *d, int out)
{
	static unsigned char buf[1 << 16];
	uint64_t done = 0;

	while (done < d->size) {
		size_t n = d->size - done < sizeof(buf) ? d->size - done : sizeof(buf);
		size_t w = 0;

		if (src_read(s, d->offset + done, buf, n))
			return -1;
		while (w < n) {
			ssize_t r = write(out, buf + w, n - w);

			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				return fail("write: %s", strerror(errno));
			w += r;
		}
		done += n;
	}
	return 0;
}

#ifndef VMCOREDD_NO_MAIN
static const char *prog = "vmcoredd";

/* Write @s as a JSON string: bytes outside printable ASCII as \u00XX. */
static void vdd_json_string(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c > 0x7e)
			fprintf(f, "\\u%04x", c);
		else
			putc(c, f);
	}
	putc('"', f);
}

static void help(FILE *f)
{
	fprintf(f,
		"usage: vmcoredd list [--json] FILE...\n"
		"       vmcoredd extract [-f] [-i INDEX]... FILE [NAME...] -o DIR\n"
		"       vmcoredd --version\n"
		"\n"
		"List or extract the device dumps (NT_VMCOREDD notes) of a crash dump:\n"
		"/proc/vmcore, a copy of it, or a file saved by makedumpfile (-E or\n"
		"the kdump-compressed format).\n"
		"\n"
		"list:     index, name, size, offset and output file name of every dump;\n"
		"          --json: one JSON object per FILE and line\n"
		"extract:  write every dump, or the dumps NAMEd or selected by -i INDEX,\n"
		"          to DIR/FILE as listed; an existing file is kept unless -f\n"
		"          (--force) is given, and then replaced, never written through\n"
		"\n"
		"Exit status: 0 all good, 1 a file could not be read, held a damaged\n"
		"note, or a dump could not be written, 2 a usage error.\n");
}

static int usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s%s%s: ", prog, cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", prog);
	return 2;
}

/* Print @s escaped to stderr or stdout. */
static void put_escaped(FILE *f, const char *s)
{
	char esc[4 * 256 + 1];
	size_t len = strlen(s);

	while (len) {
		size_t n = len < 256 ? len : 256;

		fputs(vdd_escape(esc, s, n), f);
		s += n;
		len -= n;
	}
}

static void error_at(const char *path, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: ", prog);
	put_escaped(stderr, path);
	fprintf(stderr, ": %s\n", msg);
}

static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

/* Open a regular file without blocking on a FIFO. */
static int open_src(const char *path, struct vdd_src *s, struct stat *st)
{
	s->mem = NULL;
	s->fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (s->fd < 0 || fstat(s->fd, st)) {
		error_at(path, "%s", strerror(errno));
		if (s->fd >= 0)
			close(s->fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		error_at(path, "%s, not a regular file: give a saved vmcore or /proc/vmcore",
			 file_kind(st->st_mode));
		close(s->fd);
		return -1;
	}
	s->size = st->st_size;
	return 0;
}

/* Report the problems of @path; 1 if any was damage. */
static int report_problems(const char *path, const struct vdd_info *info)
{
	unsigned int i;

	for (i = 0; i < info->nr_problems; i++) {
		const struct vdd_problem *p = &info->problems[i];
		char idx[32] = "";

		if (p->index >= 0)
			snprintf(idx, sizeof(idx), " (index %d)", p->index);
		error_at(path, "note at %#llx%s: %s%s", (unsigned long long)p->at, idx,
			 p->damaged ? "damaged: " : "", p->what);
	}
	if (info->damaged)
		error_at(path, "%u damaged note%s: the %u device dump%s listed are intact",
			 info->damaged, info->damaged > 1 ? "s" : "", info->nr,
			 info->nr == 1 ? "" : "s");
	return !!info->damaged;
}

static void list_text(const char *path, const struct vdd_info *info, int first)
{
	char esc[4 * VMCOREDD_MAX_NAME_BYTES + 1];
	unsigned int i;

	if (!first)
		putchar('\n');
	put_escaped(stdout, path);
	printf(": %s, %u notes, %u device dumps", info->format, info->notes, info->nr);
	if (info->damaged)
		printf(", %u damaged", info->damaged);
	putchar('\n');
	if (info->nr)
		printf("%5s  %-43s  %12s  %10s  %s\n", "INDEX", "NAME", "SIZE", "OFFSET", "FILE");
	for (i = 0; i < info->nr; i++) {
		const struct vdd_dump *d = &info->dumps[i];

		printf("%5u  %-43s  %12llu  %#10llx  %s\n", d->index,
		       vdd_escape(esc, d->name, VMCOREDD_MAX_NAME_BYTES),
		       (unsigned long long)d->size, (unsigned long long)d->offset,
		       d->file[0] ? d->file : "-");
	}
}

static void list_json(const char *path, const struct vdd_info *info, const char *error)
{
	unsigned int i;

	printf("{\"file\":");
	vdd_json_string(stdout, path);
	if (error) {
		printf(",\"error\":");
		vdd_json_string(stdout, error);
		printf("}\n");
		return;
	}
	printf(",\"format\":\"%s\",\"notes\":%u,\"dumps\":[", info->format, info->notes);
	for (i = 0; i < info->nr; i++) {
		const struct vdd_dump *d = &info->dumps[i];

		printf("%s{\"index\":%u,\"name\":", i ? "," : "", d->index);
		vdd_json_string(stdout, d->name);
		printf(",\"size\":%llu,\"offset\":%llu,\"note\":%llu,\"file\":",
		       (unsigned long long)d->size, (unsigned long long)d->offset,
		       (unsigned long long)d->note);
		if (d->file[0])
			vdd_json_string(stdout, d->file);
		else
			printf("null");
		putchar('}');
	}
	printf("],\"problems\":[");
	for (i = 0; i < info->nr_problems; i++) {
		const struct vdd_problem *p = &info->problems[i];

		printf("%s{\"note\":%llu,\"index\":", i ? "," : "", (unsigned long long)p->at);
		if (p->index >= 0)
			printf("%d", p->index);
		else
			printf("null");
		printf(",\"damaged\":%s,\"what\":", p->damaged ? "true" : "false");
		vdd_json_string(stdout, p->what);
		putchar('}');
	}
	printf("],\"damaged\":%u}\n", info->damaged);
}

/* Open and scan @path; 0, or 1 after reporting why not. */
static int load(const char *path, struct vdd_src *s, struct stat *st,
		struct vdd_info *info, int json)
{
	memset(info, 0, sizeof(*info));
	if (open_src(path, s, st)) {
		if (json)
			list_json(path, info, strerror(errno));
		return 1;
	}
	if (vdd_scan(s, info)) {
		error_at(path, "%s", vdd_error);
		if (json)
			list_json(path, info, vdd_error);
		vdd_free(info);
		close(s->fd);
		return 1;
	}
	return 0;
}

static int cmd_list(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int json = 0, bad = 0, c, i;
	struct vdd_info info;
	struct vdd_src s;
	struct stat st;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'h':
			help(stdout);
			return 0;
		default:
			return usage("list", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind == argc)
		return usage("list", "no FILE given");
	for (i = optind; i < argc; i++) {
		if (load(argv[i], &s, &st, &info, json)) {
			bad = 1;
			continue;
		}
		if (json)
			list_json(argv[i], &info, NULL);
		else
			list_text(argv[i], &info, i == optind);
		bad |= report_problems(argv[i], &info);
		vdd_free(&info);
		close(s.fd);
	}
	return bad;
}

/* The temporary file being written, removed if a signal ends the run. */
static int tmp_dirfd = -1;
static char tmp_name[VMCOREDD_FILE_BYTES + 32];

static void on_signal(int sig)
{
	if (tmp_name[0])
		unlinkat(tmp_dirfd, tmp_name, 0);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Create DIR/FILE for dump @d: write a new file under a temporary name
 * (O_CREAT | O_EXCL | O_NOFOLLOW, so never through a link), then rename it.
 * Without @force an existing FILE is kept; with it, it is replaced unless it
 * is the input or a directory.  Nothing but the temporary file is removed.
 */
static int extract_one(struct vdd_src *s, const struct stat *in, const struct vdd_dump *d,
		       const char *dir, int dirfd, int force)
{
	static unsigned int seq;
	char path[PATH_MAX];
	size_t dlen, flen;
	struct stat st;
	int out, tries, ret;

	if (!d->file[0]) {
		error_at(dir, "device dump %u has no distinct file name, skipped", d->index);
		return 1;
	}
	dlen = strlen(dir);
	flen = strlen(d->file);
	if (dlen + 1 + flen >= sizeof(path)) {
		error_at(dir, "%s: path longer than PATH_MAX (%d)", d->file, PATH_MAX);
		return 1;
	}
	memcpy(path, dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, d->file, flen + 1);
	if (!fstatat(dirfd, d->file, &st, AT_SYMLINK_NOFOLLOW)) {
		const char *why = NULL;

		if (st.st_dev == in->st_dev && st.st_ino == in->st_ino)
			why = "it is the input file";
		else if (S_ISDIR(st.st_mode))
			why = "it is a directory";
		else if (!force)
			why = S_ISLNK(st.st_mode) ? "a symbolic link, use --force to replace it" :
						    "use --force to replace it";
		if (why) {
			error_at(path, "exists, not overwritten: %s", why);
			return 1;
		}
	}
	for (tries = 0; ; tries++) {
		snprintf(tmp_name, sizeof(tmp_name), ".%s.vmcoredd-%d-%u", d->file,
			 (int)getpid(), seq++);
		out = openat(dirfd, tmp_name,
			     O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (out >= 0 || errno != EEXIST || tries > 100)
			break;
	}
	if (out < 0) {
		error_at(dir, "cannot create a file: %s", strerror(errno));
		tmp_name[0] = 0;
		return 1;
	}
	ret = vdd_copy(s, d, out);
	if (!ret && fsync(out))
		ret = fail("fsync: %s", strerror(errno));
	if (close(out) && !ret)
		ret = fail("close: %s", strerror(errno));
	if (!ret) {
		if (force) {
			ret = renameat(dirfd, tmp_name, dirfd, d->file);
		} else {
			ret = renameat2(dirfd, tmp_name, dirfd, d->file, RENAME_NOREPLACE);
			if (ret && errno != EEXIST) {
				/* no RENAME_NOREPLACE here? a link never replaces */
				ret = linkat(dirfd, tmp_name, dirfd, d->file, 0);
				if (!ret)
					unlinkat(dirfd, tmp_name, 0);
			}
		}
		if (ret && errno == EEXIST)
			fail("exists, not overwritten: use --force to replace it");
		else if (ret)
			fail("%s", strerror(errno));
	}
	if (ret) {
		unlinkat(dirfd, tmp_name, 0);
		tmp_name[0] = 0;
		error_at(path, "%s", vdd_error);
		return 1;
	}
	tmp_name[0] = 0;
	put_escaped(stdout, path);
	printf("\t%llu bytes\n", (unsigned long long)d->size);
	return 0;
}

static int parse_index(const char *arg, unsigned int *idx)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (!*arg || *end || errno || v > UINT_MAX || arg[0] == '-' || arg[0] == '+')
		return -1;
	*idx = v;
	return 0;
}

static int cmd_extract(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "index", required_argument, NULL, 'i' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	unsigned int *idx = NULL, nr_idx = 0, i, k;
	int force = 0, bad = 0, c, j, nr_names, dirfd, selected;
	const char *dir = NULL, *path;
	struct vdd_info info;
	struct vdd_src s;
	struct stat st;
	char **names;

	opterr = 0;
	idx = calloc(argc, sizeof(*idx));
	if (!idx)
		return 1;
	while ((c = getopt_long(argc, argv, ":o:i:fh", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (dir)
				return usage("extract", "-o given twice");
			dir = optarg;
			break;
		case 'i':
			if (parse_index(optarg, &idx[nr_idx++]))
				return usage("extract", "-i '%s': not a dump index", optarg);
			break;
		case 'f':
			force = 1;
			break;
		case 'h':
			help(stdout);
			return 0;
		case ':':
			return usage("extract", "option '%s' needs an argument", argv[optind - 1]);
		default:
			return usage("extract", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind == argc)
		return usage("extract", "no FILE given");
	if (!dir)
		return usage("extract", "no output directory given (-o DIR)");
	if (!*dir)
		return usage("extract", "empty output directory name");
	path = argv[optind];
	names = argv + optind + 1;
	nr_names = argc - optind - 1;

	if (load(path, &s, &st, &info, 0))
		return 1;
	bad = report_problems(path, &info);
	for (j = 0; j < nr_names; j++) {
		for (selected = 0, i = 0; i < info.nr; i++)
			selected |= !strcmp(info.dumps[i].name, names[j]);
		if (!selected) {
			error_at(path, "no intact device dump named '%s'", names[j]);
			bad = 1;
		}
	}
	for (k = 0; k < nr_idx; k++) {
		for (selected = 0, i = 0; i < info.nr; i++)
			selected |= info.dumps[i].index == idx[k];
		if (!selected) {
			error_at(path, "no intact device dump of index %u", idx[k]);
			bad = 1;
		}
	}
	if (mkdir(dir, 0700) && errno != EEXIST) {
		error_at(dir, "%s", strerror(errno));
		return 1;
	}
	dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		error_at(dir, "%s", strerror(errno));
		return 1;
	}
	tmp_dirfd = dirfd;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	for (i = 0; i < info.nr; i++) {
		const struct vdd_dump *d = &info.dumps[i];

		selected = !nr_names && !nr_idx;
		for (j = 0; j < nr_names; j++)
			selected |= !strcmp(d->name, names[j]);
		for (k = 0; k < nr_idx; k++)
			selected |= d->index == idx[k];
		if (selected)
			bad |= extract_one(&s, &st, d, dir, dirfd, force);
	}
	close(dirfd);
	vdd_free(&info);
	close(s.fd);
	free(idx);
	return bad;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	int ret;

	if (!cmd)
		return usage(NULL, "no command given: list or extract");
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		help(stdout);
		ret = 0;
	} else if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		printf("vmcoredd %s\n", VMCOREDD_VERSION);
		ret = 0;
	} else if (!strcmp(cmd, "list")) {
		ret = cmd_list(argc - 1, argv + 1);
	} else if (!strcmp(cmd, "extract")) {
		ret = cmd_extract(argc - 1, argv + 1);
	} else {
		return usage(NULL, "unknown command '%s': list or extract", cmd);
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "%s: standard output: %s\n", prog,
			errno ? strerror(errno) : "write error");
		return 1;
	}
	return ret;
}
#endif /* VMCOREDD_NO_MAIN */
