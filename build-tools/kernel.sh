#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make kernel: install what is missing, assemble build/linux (pristine
# linux-source-$BASE + the series, one commit per patch), configure
# (tinyconfig + the selftest fragment) and build bzImage, modules, the test
# modules and the checker, incrementally and through ccache.
set -u
. "$(dirname "$0")/lib.sh"

apply_series() {
	python3 "$TOP/build-tools/series.py" apply "$SRC" ${UPTO:+--upto "$UPTO"}
}

# configure: tinyconfig (or BASECONFIG) + fragment into a scratch
# directory; install the result as $KOUT/.config only when it differs, so
# nothing is rebuilt for an unchanged configuration.  Every option of the
# fragment must survive (where fragments set one option twice, the last,
# as in Kconfig).
configure() {
	local tmp=$KOUT.kconfig bad=0 line sym val got key
	mkdir -p "$tmp" "$KOUT"
	# skip when neither the fragments nor any Kconfig file changed
	key=$( (cat $FRAGMENTS ${BASECONFIG:-}
		git -C "$SRC" ls-files -s -- '*Kconfig*' ) | sha1sum)
	if [ -f "$KOUT/.config" ] && [ "$(cat "$tmp/key" 2>/dev/null)" = "$key" ]; then
		echo "configuration unchanged"
		return 0
	fi
	rm -f "$tmp/key"
	if [ -n "${BASECONFIG:-}" ]; then
		cp "$BASECONFIG" "$tmp/.config"
	else
		make -s -C "$SRC" O="$tmp" tinyconfig >/dev/null || return 1
	fi
	cat $FRAGMENTS >>"$tmp/.config"
	make -s -C "$SRC" O="$tmp" olddefconfig >/dev/null 2>&1 || return 1
	while read -r line; do
		case $line in CONFIG_*=*) ;; *) continue ;; esac
		sym=${line%%=*}
		val=${line#*=}
		got=$(grep -E "^$sym=|^# $sym is not set" "$tmp/.config")
		if [ "$val" = n ]; then
			case $got in "$sym="*) echo "config: $sym=n requested, got '$got'"; bad=1 ;; esac
		elif [ "$got" != "$sym=$val" ]; then
			echo "config: $sym=$val requested but olddefconfig gave '${got:-nothing}'" \
			     "(missing dependency?)"
			bad=1
		fi
	done < <(cat $FRAGMENTS | awk -F= '/^CONFIG_[A-Za-z0-9_]*=/ { v[$1] = $0; if (!($1 in o)) o[$1] = ++n; k[o[$1]] = $1 }
		END { for (i = 1; i <= n; i++) print v[k[i]] }')
	[ $bad = 0 ] || { echo "config: fix $FRAGMENTS"; return 1; }
	cmp -s "$tmp/.config" "$KOUT/.config" || cp "$tmp/.config" "$KOUT/.config"
	echo "$key" >"$tmp/key"
}

KMAKE() {
	make -s -C "$SRC" O="$KOUT" CC="ccache gcc" HOSTCC="ccache gcc" \
		-j"$(nproc)" "$@"
}

build_kernel() {
	# shellcheck disable=SC2086
	KMAKE $KTARGETS
}

build_test_modules() {
	local f

	mkdir -p "$TMOD"
	# by content: a copy touched since (a W=1 build by hand) is no reason
	# to keep building an old source
	for f in "$SRC/$SELFTEST"/test_modules/*; do
		cmp -s "$f" "$TMOD/${f##*/}" || cp "$f" "$TMOD/" || return 1
	done
	KMAKE M="$TMOD" modules
}

build_checker() {
	mkdir -p "$BUILD/selftest"
	make -s -C "$SRC/$SELFTEST" OUTPUT="$BUILD/selftest" all
}

# A variant build sets KOUT, FRAGMENTS, KTARGETS and TMOD, and NO_CHECKER.
FRAGMENTS=${FRAGMENTS:-$SRC/$SELFTEST/config}
KTARGETS=${KTARGETS:-bzImage modules}

mkdir -p "$BUILD"
step "packages" ensure_packages || exit 1
ensure_source || exit 1
if [ -z "${NO_APPLY:-}" ]; then
	step "apply the series" apply_series || exit 1
fi
# SEED: the build directory KOUT starts from when it has none
if [ -n "${SEED:-}" ] && [ ! -f "$KOUT/.config" ]; then
	step "seed ${KOUT#"$TOP"/} from ${SEED#"$TOP"/}" seed_objects "$SEED" "$KOUT" || exit 1
fi
from=tinyconfig
[ -z "${BASECONFIG:-}" ] || from=${BASECONFIG#"$TOP"/}
step "configure ($from + ${FRAGMENTS#"$TOP"/})" configure || exit 1
step "build $KTARGETS (O=${KOUT#"$TOP"/}, ccache)" build_kernel || exit 1
if [ -d "$SRC/$SELFTEST/test_modules" ]; then
	step "build test modules" build_test_modules || exit 1
fi
if [ -f "$SRC/$SELFTEST/Makefile" ] && [ -z "${NO_CHECKER:-}" ]; then
	step "build checker" build_checker || exit 1
fi
if [ -f "$SRC/tools/kdump/Makefile" ] && [ -z "${NO_CHECKER:-}" ]; then
	step "build tools/kdump/vmcoredd" build_tool || exit 1
fi
