// SPDX-License-Identifier: GPL-2.0
/*
 * prstatus: list the NT_PRSTATUS notes of an ELF64 core file (/proc/vmcore),
 * one line per note with the pid of the task it was taken from and the
 * instruction pointer it was stopped at.
 *
 * usage: prstatus FILE [KALLSYMS]
 * Prints "prstatus N pid P ip 0xADDR"; exits 1 with a message on a file it cannot
 * read as an ELF64 core of this machine's byte order.
 *
 * With KALLSYMS (the capture kernel's /proc/kallsyms; it is the same build as
 * the crashed kernel), each line ends with the text symbol the address is in,
 * "SYMBOL+0xOFF", or "?": the crashed kernel's addresses are moved by the
 * difference of the two kernels' _stext (the crashed one's from the core's
 * VMCOREINFO note, SYMBOL(_stext)=), which undoes their different KASLR
 * offsets.
 */
#include <errno.h>
#include <stddef.h>
#include <linux/elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procfs.h>
#include <sys/user.h>
#include <unistd.h>
#include <fcntl.h>

/* the index of rip in elf_gregset_t, as in struct user_regs_struct */
#define RIP (offsetof(struct user_regs_struct, rip) / sizeof(unsigned long long))

static int fail(const char *file, const char *why)
{
	fprintf(stderr, "prstatus: %s: %s\n", file, why);
	return 1;
}

static int rd(int fd, void *buf, size_t len, off_t off)
{
	return pread(fd, buf, len, off) == (ssize_t)len ? 0 : -1;
}

struct sym {
	unsigned long long addr;
	char name[128];
};

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && !strcmp(s + n - m, end);
}

static struct sym *syms;
static size_t nsyms;

static int by_addr(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* the text symbols of a kallsyms file, sorted; returns _stext's address */
static unsigned long long load_kallsyms(const char *file)
{
	unsigned long long addr, stext = 0;
	char type, name[128], line[1024];
	size_t cap = 0;
	FILE *f = fopen(file, "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %127s", &addr, &type, name) != 3 || !addr)
			continue;
		if (!strcmp(name, "_stext"))
			stext = addr;
		/*
		 * text symbols (weak ones too: panic_smp_self_stop() is), not
		 * the linker's section marks beside them
		 */
		if (!strchr("tTwW", type))
			continue;
		if (!strncmp(name, "__", 2) &&
		    (ends_with(name, "_start") || ends_with(name, "_end")))
			continue;
		if (nsyms == cap) {
			cap = cap ? 2 * cap : 65536;
			syms = realloc(syms, cap * sizeof(*syms));
			if (!syms)
				exit(fail(file, "out of memory"));
		}
		syms[nsyms].addr = addr;
		snprintf(syms[nsyms].name, sizeof(syms[nsyms].name), "%s", name);
		nsyms++;
	}
	fclose(f);
	qsort(syms, nsyms, sizeof(*syms), by_addr);
	return stext;
}

/* the symbol at or below addr, within 1 MiB, or NULL */
static const struct sym *lookup(unsigned long long addr)
{
	size_t lo = 0, hi = nsyms;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && addr - syms[lo - 1].addr < (1 << 20) ? &syms[lo - 1] : NULL;
}

/* SYMBOL(_stext)= of a VMCOREINFO note's text, or 0 */
static unsigned long long vmcoreinfo_stext(const char *text, size_t len)
{
	static const char key[] = "SYMBOL(_stext)=";
	char line[256];
	size_t i = 0, n;

	while (i < len) {
		for (n = 0; i + n < len && text[i + n] != '\n'; n++)
			;
		if (n > strlen(key) && n < sizeof(line) && !strncmp(text + i, key, strlen(key))) {
			memcpy(line, text + i, n);
			line[n] = 0;
			return strtoull(line + strlen(key), NULL, 16);
		}
		i += n + 1;
	}
	return 0;
}

struct note {
	int pid;
	unsigned long long ip;
};

int main(int argc, char **argv)
{
	unsigned long long first_stext = 0, stext = 0;
	struct note notes[256];
	struct elf64_hdr eh;
	int fd, i, n = 0;

	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: prstatus FILE [KALLSYMS]\n");
		return 2;
	}
	if (argc == 3) {
		stext = load_kallsyms(argv[2]);
		if (!stext || !nsyms)
			return fail(argv[2], "no _stext and text symbols");
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0)
		return fail(argv[1], strerror(errno));
	if (rd(fd, &eh, sizeof(eh), 0) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_type != ET_CORE ||
	    eh.e_phentsize != sizeof(struct elf64_phdr))
		return fail(argv[1], "not an ELF64 core file");

	for (i = 0; i < eh.e_phnum; i++) {
		struct elf64_phdr ph;
		char *buf;
		size_t off = 0;

		if (rd(fd, &ph, sizeof(ph), eh.e_phoff + (off_t)i * sizeof(ph)))
			return fail(argv[1], "truncated program headers");
		if (ph.p_type != PT_NOTE)
			continue;
		if (ph.p_filesz > (64 << 20))
			return fail(argv[1], "PT_NOTE larger than 64 MiB");
		buf = malloc(ph.p_filesz ? ph.p_filesz : 1);
		if (!buf || rd(fd, buf, ph.p_filesz, ph.p_offset))
			return fail(argv[1], "cannot read a PT_NOTE segment");
		while (off + sizeof(struct elf64_note) <= ph.p_filesz) {
			struct elf64_note *nh = (struct elf64_note *)(buf + off);
			size_t name = (nh->n_namesz + 3) & ~3UL;
			size_t desc = (nh->n_descsz + 3) & ~3UL;
			struct elf_prstatus pr;

			if (nh->n_namesz > ph.p_filesz || nh->n_descsz > ph.p_filesz ||
			    off + sizeof(*nh) + name + desc > ph.p_filesz)
				break;
			if (nh->n_type == NT_PRSTATUS && nh->n_namesz == 5 &&
			    !memcmp(buf + off + sizeof(*nh), "CORE", 5) &&
			    nh->n_descsz >= sizeof(pr) && n < 256) {
				memcpy(&pr, buf + off + sizeof(*nh) + name, sizeof(pr));
				notes[n].pid = pr.pr_pid;
				notes[n++].ip = pr.pr_reg[RIP];
			}
			if (nh->n_namesz == 11 &&
			    !memcmp(buf + off + sizeof(*nh), "VMCOREINFO", 11))
				first_stext = vmcoreinfo_stext(buf + off + sizeof(*nh) + name,
							       nh->n_descsz);
			off += sizeof(*nh) + name + desc;
		}
		free(buf);
	}
	close(fd);
	if (stext && !first_stext)
		return fail(argv[1], "no SYMBOL(_stext)= in a VMCOREINFO note");
	for (i = 0; i < n; i++) {
		const struct sym *sym = stext ? lookup(notes[i].ip - first_stext + stext) : NULL;

		printf("prstatus %d pid %d ip 0x%llx", i, notes[i].pid, notes[i].ip);
		if (sym)
			printf(" %s+0x%llx", sym->name,
			       notes[i].ip - first_stext + stext - sym->addr);
		else if (stext)
			printf(" ?");
		printf("\n");
	}
	return 0;
}
