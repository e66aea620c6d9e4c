# SPDX-License-Identifier: GPL-2.0
# devstate-stale: ramoops' device state zone holds a set from an earlier
# boot's panic (QEMU's loader puts it there before the first kernel boots,
# as a warm reboot keeps it: buffer old00, 100 bytes, another boot's
# number), and this panic saves none (a crash kernel without
# crash_kexec_kmsg_dump).  Both kernels show the set in pstore; the capture
# kernel does not add it to /proc/vmcore, it is not the crashed kernel's.
SMP=2
KEXEC=load
PANIC_TRIGGER=sysrq
PANIC_POLICY=off
DEVSTATE=1
DEVSTATE_STALE=1
# the zone: after the seven dmesg zones of 0xF0000 / 7 bytes, rounded down
# to even (fs/pstore/ram.c), in the MiB at 0x10000000
QEMU_PRELOAD="stale-devstate.bin@0x100efffe"

# host_setup: the zone as ramoops leaves it after writing a record set:
# struct persistent_ram_buffer (signature, start, size), then the set
# (fs/pstore/devstate.c: header, one entry, the data at offset 88)
host_setup() {
	pattern_bytes 7 100 11 >"$RUN/old00.bin"
	python3 - "$RUN/old00.bin" "$RUN/stale-devstate.bin" <<-'PY'
	import struct, sys, zlib
	data = open(sys.argv[1], "rb").read()
	off = 32 + 56
	hdr = struct.pack("<IHHHHIQQ", 0x54534456, 1, 1, 1, 0, off + len(data),
	                  1700000000, 0x5eed5eed5eed5eed)
	ent = struct.pack("<32sIIIIII", b"old00", len(data), len(data), off,
	                  zlib.crc32(data) ^ 0xffffffff, 0, 0)
	rec = hdr + ent + data
	zone = struct.pack("<III", 0x43474244, len(rec), len(rec)) + rec
	open(sys.argv[2], "wb").write(zone)
	PY
}
# shellcheck source=/dev/null
. "$LIB/panic.sh"
