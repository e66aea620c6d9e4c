// SPDX-License-Identifier: GPL-2.0
/*
 * prstatus: list the NT_PRSTATUS notes of an ELF64 core file (/proc/vmcore),
 * one line per note with the pid of the task it was taken from and the
 * instruction pointer it was stopped at.
 *
 * usage: prstatus FILE
 * Prints "prstatus N pid P ip 0xADDR"; exits 1 with a message on a file it cannot
 * read as an ELF64 core of this machine's byte order.
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

int main(int argc, char **argv)
{
	struct elf64_hdr eh;
	int fd, i, n = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: prstatus FILE\n");
		return 2;
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
			    nh->n_descsz >= sizeof(pr)) {
				memcpy(&pr, buf + off + sizeof(*nh) + name, sizeof(pr));
				printf("prstatus %d pid %d ip 0x%llx\n", n++,
				       (int)pr.pr_pid, (unsigned long long)pr.pr_reg[RIP]);
			}
			off += sizeof(*nh) + name + desc;
		}
		free(buf);
	}
	close(fd);
	return 0;
}
