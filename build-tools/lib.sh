# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the project's build scripts: paths, step timing, apt.

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# BASE: the kernel the series is applied to.  7.3 is mainline's series,
# 6.12 its backport (backport/6.12/ holds what differs).  Each base has its
# own build directory; the ccache is shared.
BASE=${BASE:-7.3}
case $BASE in
7.3 | 6.12) ;;
*) echo "error: BASE=$BASE: the bases are 7.3 (mainline) and 6.12 (backport)" >&2; exit 1 ;;
esac
export BASE
BUILD=${BUILD:-$TOP/build/$BASE}
SRC=${SRC:-$BUILD/linux}		# assembled kernel tree (git)
KOUT=${KOUT:-$BUILD/kbuild}		# O= directory of the test kernel
TMOD=${TMOD:-$BUILD/test_modules}	# test modules built against it
RUNS=${RUNS:-$BUILD/runs}		# one directory per scenario run
INITRAMFS=${INITRAMFS:-$BUILD/initramfs}
TARBALL=${TARBALL:-/usr/src/linux-source-$BASE.tar.xz}
export CCACHE_DIR=${CCACHE_DIR:-$TOP/build/ccache}
mkdir -p "$BUILD" "$CCACHE_DIR"
# make argument for C=1/C=2: sparse that runs on both bases (see sparse.sh)
SPARSE="CHECK=$TOP/build-tools/sparse.sh"
SELFTEST=tools/testing/selftests/kdump

# step NAME CMD...: run CMD, print the step's name and duration.
step() {
	local name=$1 t0 rc
	shift
	t0=$(date +%s)
	printf '[%s] %s ...\n' "$(date +%H:%M:%S)" "$name"
	"$@"
	rc=$?
	if [ $rc -ne 0 ]; then
		printf '[%s] %s FAILED (exit %d) after %ds\n' "$(date +%H:%M:%S)" "$name" $rc $(($(date +%s) - t0))
		return $rc
	fi
	printf '[%s] %s done in %ds\n' "$(date +%H:%M:%S)" "$name" $(($(date +%s) - t0))
}

die() {
	echo "error: $*" >&2
	exit 1
}

# Packages the build and the harness need, with one command that proves each.
PKGS="linux-source-$BASE:$TARBALL qemu-system-x86:qemu-system-x86_64 kexec-tools:kexec
makedumpfile:makedumpfile busybox-static:/bin/busybox sparse:sparse ccache:ccache
gcc:gcc make:make bc:bc flex:flex bison:bison libelf-dev:/usr/include/libelf.h
libssl-dev:/usr/include/openssl/ssl.h cpio:cpio dwarves:pahole xz-utils:xz
binutils:readelf kmod:depmod python3:/usr/bin/python3 perl:perl git:git file:file
python3-ply:/usr/lib/python3/dist-packages/ply
python3-git:/usr/lib/python3/dist-packages/git python3-sphinx:sphinx-build"

# backports_suite: on Debian 12, linux-source-7.3 comes from trixie-backports.
# Add that suite with a pin that takes nothing from it but linux-source-7.3
# (priority -1 for every other package), then update the package lists.
APT_SOURCES=/etc/apt/sources.list.d/vmcoredd-trixie-backports.sources
APT_PIN=/etc/apt/preferences.d/vmcoredd-trixie-backports
backports_suite() {
	apt-cache policy linux-source-7.3 2>/dev/null | grep -q 'Candidate: 7' && return 0
	echo "adding trixie-backports ($APT_SOURCES), pinned to linux-source-7.3 only ($APT_PIN)"
	cat >"$APT_SOURCES" <<-EOF
	Types: deb
	URIs: http://deb.debian.org/debian
	Suites: trixie-backports
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	cat >"$APT_PIN" <<-EOF
	Package: *
	Pin: release n=trixie-backports
	Pin-Priority: -1

	Package: linux-source-7.3
	Pin: release n=trixie-backports
	Pin-Priority: 500
	EOF
	apt-get update -q || die "apt-get update failed"
}

# ensure_packages: apt-get install whatever is missing (non-interactive).
ensure_packages() {
	local missing="" p pkg probe
	for p in $PKGS; do
		pkg=${p%%:*}
		probe=${p#*:}
		case $probe in
		/*) [ -e "$probe" ] && continue ;;
		*) command -v "$probe" >/dev/null 2>&1 && continue ;;
		esac
		missing="$missing $pkg"
	done
	[ -z "$missing" ] && return 0
	echo "installing:$missing"
	[ "$(id -u)" = 0 ] || die "need root to install:$missing"
	export DEBIAN_FRONTEND=noninteractive
	case $missing in *" linux-source-7.3"*) backports_suite || return 1 ;; esac
	# shellcheck disable=SC2086
	if ! apt-get install -y -q --no-install-recommends $missing; then
		apt-get update -q || die "apt-get update failed"
		# shellcheck disable=SC2086
		apt-get install -y -q --no-install-recommends $missing ||
			die "apt-get install failed:$missing"
	fi
}

# checkpatch.pl runs scripts/spdxcheck.py with python3: use Debian's, which
# has python3-ply, and run from inside the tree so its git look-ups work.
# seed_objects FROM TO: a build directory TO without a configuration
# starts as a copy of FROM's objects (the test kernel's), so that only what
# its own configuration or the sources change is compiled again
seed_objects() {
	[ ! -f "$2/.config" ] && [ -f "$1/.config" ] || return 0
	rm -rf "$2" && mkdir -p "$(dirname "$2")" && cp -a "$1" "$2"
}

run_checkpatch() {
	(cd "$SRC" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl "$@")
}

# make bench's own programs, built the same way for make bench and for
# make check's gate on them.
# bench_build_module DIR KSRC KOUT [MAKE ARG]...: vmcoredd_bench.ko in DIR,
# against the kernel tree KSRC configured and built in KOUT
bench_build_module() {
	local dir=$1 ksrc=$2 kout=$3
	shift 3
	mkdir -p "$dir" &&
	{ cmp -s "$TOP/build-tools/bench/vmcoredd_bench.c" "$dir/vmcoredd_bench.c" ||
	  cp "$TOP/build-tools/bench/vmcoredd_bench.c" "$dir/"; } &&
	echo "obj-m := vmcoredd_bench.o" >"$dir/Kbuild" &&
	make -s -C "$ksrc" O="$kout" M="$dir" CC="ccache gcc" -j"$(nproc)" "$@" modules
}

# bench_build_reader FILE: vmcore_read, static for the capture initramfs
bench_build_reader() {
	gcc -O2 -Wall -Wextra -static -o "$1" "$TOP/build-tools/bench/vmcore_read.c"
}

# unpack: build/<base>/linux from linux-source-$BASE, one commit tagged base
unpack() {
	local tmp=$BUILD/linux.unpack ver dver
	rm -rf "$tmp" "$SRC"
	mkdir -p "$tmp"
	tar -xJf "$TARBALL" -C "$tmp" --strip-components=1 || return 1
	ver=$(make -s -C "$tmp" kernelversion 2>/dev/null)
	dver=$(dpkg-query -W -f '${Version}' linux-source-$BASE 2>/dev/null)
	(
		cd "$tmp" &&
		git init -q -b master . &&
		git config core.autocrlf false &&
		git config gc.auto 0 &&
		git add -A -f . &&
		# the same tarball gives the same commit id, named by the
		# mails' base-commit: line
		GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z \
		git -c user.name="vmcoredd build-tools" -c user.email=build-tools@vmcoredd.invalid \
		    commit -q -m "Linux $ver (Debian linux-source-$BASE $dver)" \
		    -m "Pristine unpack of $(basename "$TARBALL"), the base of the vmcoredd series." &&
		git tag base
	) || return 1
	mv "$tmp" "$SRC"
}

# ensure_source: unpack the tarball unless build/<base>/linux is there
ensure_source() {
	[ -e "$SRC/.git" ] && git -C "$SRC" rev-parse -q --verify base >/dev/null && return 0
	step "unpack $(basename "$TARBALL") into ${SRC#"$TOP"/}" unpack
}

# build_tool: tools/kdump/vmcoredd of build/<base>/linux into build/<base>/tools/
build_tool() {
	mkdir -p "$BUILD/tools" &&
	make -s -C "$SRC/tools/kdump" OUTPUT="$BUILD/tools/" all
}
