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
 *    header holds a verbatim copy of the PT_NOTE segment (64-bit layout).
 *
 * Only headers are read whole; dumps are copied in chunks, and every read
 * is checked against the file's size.
 *
 * Usage:
 *   vmcoredd list FILE
 *   vmcoredd extract FILE [NAME...] -o DIR
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NT_VMCOREDD		0x700
#define VMCOREDD_NOTE_NAME	"LINUX"
#define VMCOREDD_MAX_NAME_BYTES	44

#define KDUMP_SIGNATURE		"KDUMP   "
#define FLAT_SIGNATURE		"makedumpfile"
/* disk_dump_header (64-bit layout): header_version, block_size */
#define KDUMP_VERSION_OFF	8
#define KDUMP_BLOCK_SIZE_OFF	428
/* kdump_sub_header (64-bit layout), one block after the header */
#define KDUMP_SUB_NOTE_OFF	48

/* Where the bytes come from: a file, or memory (tests and fuzzing). */
struct vdd_src {
	int fd;
	const unsigned char *mem;
	uint64_t size;
};

struct vdd_dump {
	char name[VMCOREDD_MAX_NAME_BYTES + 1];
	uint64_t size;		/* n_descsz minus the name */
	uint64_t offset;	/* file offset of the dump's first byte */
};

/* What vdd_scan() found. */
struct vdd_info {
	const char *format;
	unsigned int notes;	/* notes of any kind */
	uint64_t notes_end;	/* end of the last note segment in the file */
	unsigned int nr;
	struct vdd_dump *dumps;
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

/* Walk the notes in [@start, @start + @len) of the file. */
static int scan_notes(struct vdd_src *s, struct vdd_info *info, uint64_t start,
		      uint64_t len)
{
	uint64_t pos = 0;

	if (start > s->size || len > s->size - start)
		return fail("note segment %llu+%llu lies beyond the end of the file (%llu bytes)",
			    (unsigned long long)start, (unsigned long long)len,
			    (unsigned long long)s->size);
	if (start + len > info->notes_end)
		info->notes_end = start + len;
	while (len - pos >= 12) {
		unsigned char hdr[12], name[8];
		uint64_t namesz, descsz, desc, next, at = start + pos;
		uint32_t type;
		struct vdd_dump d;

		if (src_read(s, start + pos, hdr, sizeof(hdr)))
			return -1;
		namesz = get32(hdr);
		descsz = get32(hdr + 4);
		type = get32(hdr + 8);
		if (!namesz && !descsz && !type)
			break;		/* zero padding after the last note */
		desc = pos + 12 + ((namesz + 3) & ~3ULL);
		next = desc + ((descsz + 3) & ~3ULL);
		if (desc + descsz > len)
			return fail("corrupt note at %llu: %llu+%llu bytes overrun its segment",
				    (unsigned long long)at,
				    (unsigned long long)namesz, (unsigned long long)descsz);
		info->notes++;
		pos = next > len ? len : next;

		if (type != NT_VMCOREDD || namesz < sizeof(VMCOREDD_NOTE_NAME))
			continue;
		memset(name, 0, sizeof(name));
		if (src_read(s, start + desc - ((namesz + 3) & ~3ULL), name,
			     namesz < sizeof(name) ? namesz : sizeof(name)))
			return -1;
		if (memcmp(name, VMCOREDD_NOTE_NAME, sizeof(VMCOREDD_NOTE_NAME)))
			continue;
		if (descsz < VMCOREDD_MAX_NAME_BYTES)
			return fail("corrupt device dump at %llu: %llu bytes, no room for a name",
				    (unsigned long long)at, (unsigned long long)descsz);
		memset(&d, 0, sizeof(d));
		if (src_read(s, start + desc, d.name, VMCOREDD_MAX_NAME_BYTES))
			return -1;
		if (!memchr(d.name, 0, VMCOREDD_MAX_NAME_BYTES))
			return fail("corrupt device dump at %llu: name not NUL-terminated",
				    (unsigned long long)(start + desc));
		d.size = descsz - VMCOREDD_MAX_NAME_BYTES;
		d.offset = start + desc + VMCOREDD_MAX_NAME_BYTES;
		if (add_dump(info, &d))
			return -1;
	}
	return 0;
}

static int scan_elf(struct vdd_src *s, struct vdd_info *info,
		    const unsigned char *ident)
{
	int is64 = ident[4] == 2;
	unsigned char eh[64], ph[56];
	uint64_t phoff, i, phnum, phentsize;

	if (ident[4] != 1 && ident[4] != 2)
		return fail("ELF file of unknown class %u", ident[4]);
	if (ident[5] != 1 && ident[5] != 2)
		return fail("ELF file of unknown byte order %u", ident[5]);
	big_endian = ident[5] == 2;
	info->format = is64 ? "ELF64" : "ELF32";
	if (src_read(s, 0, eh, is64 ? 64 : 52))
		return -1;
	if (get16(eh + 16) != 4)
		return fail("ELF file of type %u, not a core dump", get16(eh + 16));
	phoff = is64 ? get64(eh + 32) : get32(eh + 28);
	phentsize = get16(eh + (is64 ? 54 : 42));
	phnum = get16(eh + (is64 ? 56 : 44));
	if (phentsize != (is64 ? 56u : 32u))
		return fail("corrupt ELF header: program headers of %llu bytes",
			    (unsigned long long)phentsize);
	if (phnum == 0xffff)
		return fail("ELF files with more than 65534 program headers are not supported");
	for (i = 0; i < phnum; i++) {
		uint64_t off, len;

		if (src_read(s, phoff + i * phentsize, ph, phentsize))
			return -1;
		if (get32(ph) != 4)	/* PT_NOTE */
			continue;
		off = is64 ? get64(ph + 8) : get32(ph + 4);
		len = is64 ? get64(ph + 32) : get32(ph + 16);
		if (scan_notes(s, info, off, len))
			return -1;
	}
	return 0;
}

static int scan_kdump(struct vdd_src *s, struct vdd_info *info)
{
	unsigned char v[4], sub[16];
	int32_t version, block_size;

	big_endian = 0;
	info->format = "kdump-compressed";
	if (src_read(s, KDUMP_VERSION_OFF, v, 4))
		return -1;
	version = (int32_t)get32(v);
	if (src_read(s, KDUMP_BLOCK_SIZE_OFF, v, 4))
		return -1;
	block_size = (int32_t)get32(v);
	if (block_size < 512 || block_size > (1 << 24) || (block_size & (block_size - 1)))
		return fail("kdump header: block size %d, only the 64-bit layout is supported",
			    block_size);
	if (version < 4)
		return fail("kdump-compressed header version %d has no note section", version);
	if (src_read(s, (uint64_t)block_size + KDUMP_SUB_NOTE_OFF, sub, sizeof(sub)))
		return -1;
	return scan_notes(s, info, get64(sub), get64(sub + 8));
}

/* Find every device dump of the file; 0, or -1 with vdd_error set. */
static int vdd_scan(struct vdd_src *s, struct vdd_info *info)
{
	unsigned char magic[16];

	memset(info, 0, sizeof(*info));
	if (s->size < sizeof(magic))
		return fail("file of %llu bytes is too short for a crash dump",
			    (unsigned long long)s->size);
	if (src_read(s, 0, magic, sizeof(magic)))
		return -1;
	if (!memcmp(magic, "\177ELF", 4))
		return scan_elf(s, info, magic);
	if (!memcmp(magic, KDUMP_SIGNATURE, strlen(KDUMP_SIGNATURE)))
		return scan_kdump(s, info);
	if (!memcmp(magic, FLAT_SIGNATURE, strlen(FLAT_SIGNATURE)))
		return fail("makedumpfile flattened format: run makedumpfile -R first");
	return fail("neither an ELF core dump nor a kdump-compressed dump");
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
static void help(FILE *f)
{
	fprintf(f,
		"usage: vmcoredd list FILE\n"
		"       vmcoredd extract FILE [NAME...] -o DIR\n"
		"\n"
		"List or extract the device dumps (NT_VMCOREDD notes) of a crash dump:\n"
		"/proc/vmcore, a copy of it, or a file saved by makedumpfile (-E or\n"
		"the kdump-compressed format).  extract writes DIR/NAME for every dump,\n"
		"or for the dumps named, exactly as the driver wrote it.\n");
}

static int open_src(const char *path, struct vdd_src *s)
{
	struct stat st;

	s->mem = NULL;
	s->fd = open(path, O_RDONLY);
	if (s->fd < 0 || fstat(s->fd, &st)) {
		fprintf(stderr, "vmcoredd: %s: %s\n", path, strerror(errno));
		return -1;
	}
	s->size = st.st_size;
	return 0;
}

static int cmd_list(struct vdd_info *info, const char *path)
{
	unsigned int i;

	printf("%s: %s, %u notes, %u device dumps\n", path, info->format,
	       info->notes, info->nr);
	if (info->nr)
		printf("%5s  %-43s  %12s  %s\n", "INDEX", "NAME", "SIZE", "OFFSET");
	for (i = 0; i < info->nr; i++)
		printf("%5u  %-43s  %12llu  %#llx\n", i, info->dumps[i].name,
		       (unsigned long long)info->dumps[i].size,
		       (unsigned long long)info->dumps[i].offset);
	return 0;
}

static int extract_one(struct vdd_src *s, const struct vdd_dump *d, const char *dir)
{
	char path[PATH_MAX];
	int out, ret;

	if (!vdd_safe_name(d->name)) {
		fprintf(stderr, "vmcoredd: dump '%s' has no usable file name, skipped\n", d->name);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, d->name);
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0) {
		fprintf(stderr, "vmcoredd: %s: %s\n", path, strerror(errno));
		return -1;
	}
	ret = vdd_copy(s, d, out);
	if (close(out) && !ret)
		ret = fail("close %s: %s", path, strerror(errno));
	if (ret) {
		fprintf(stderr, "vmcoredd: %s: %s\n", d->name, vdd_error);
		unlink(path);
		return -1;
	}
	printf("%s\t%llu bytes\n", path, (unsigned long long)d->size);
	return 0;
}

static int cmd_extract(struct vdd_src *s, struct vdd_info *info, const char *dir,
		       char **names, int nr_names)
{
	unsigned int i;
	int j, bad = 0, found;

	if (mkdir(dir, 0700) && errno != EEXIST) {
		fprintf(stderr, "vmcoredd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	for (j = 0; j < nr_names; j++) {
		for (found = 0, i = 0; i < info->nr; i++)
			found |= !strcmp(info->dumps[i].name, names[j]);
		if (!found) {
			fprintf(stderr, "vmcoredd: no device dump named '%s'\n", names[j]);
			bad = 1;
		}
	}
	for (i = 0; i < info->nr; i++) {
		for (found = !nr_names, j = 0; j < nr_names; j++)
			found |= !strcmp(info->dumps[i].name, names[j]);
		if (found && extract_one(s, &info->dumps[i], dir))
			bad = 1;
	}
	return bad;
}

int main(int argc, char **argv)
{
	const char *cmd, *path, *dir = NULL;
	char **names;
	int nr_names = 0, i, ret;
	struct vdd_info info;
	struct vdd_src s;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		help(stdout);
		return 0;
	}
	if (argc < 3)
		goto usage;
	cmd = argv[1];
	path = argv[2];
	names = calloc(argc, sizeof(*names));
	if (!names)
		return 1;
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			dir = argv[++i];
		else if (argv[i][0] == '-')
			goto usage;
		else
			names[nr_names++] = argv[i];
	}
	if (strcmp(cmd, "list") && strcmp(cmd, "extract"))
		goto usage;
	if (!strcmp(cmd, "list") && (dir || nr_names))
		goto usage;
	if (!strcmp(cmd, "extract") && !dir)
		goto usage;

	if (open_src(path, &s))
		return 1;
	if (vdd_scan(&s, &info)) {
		fprintf(stderr, "vmcoredd: %s: %s\n", path, vdd_error);
		return 1;
	}
	if (!strcmp(cmd, "list"))
		ret = cmd_list(&info, path);
	else
		ret = cmd_extract(&s, &info, dir, names, nr_names);
	free(info.dumps);
	free(names);
	close(s.fd);
	return ret ? 1 : 0;
usage:
	help(stderr);
	return 2;
}
#endif /* VMCOREDD_NO_MAIN */
