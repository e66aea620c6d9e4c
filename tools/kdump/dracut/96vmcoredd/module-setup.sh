#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# dracut module "vmcoredd": add the drivers that take device dumps to a
# capture initramfs (kdump-utils' mkdumprd, or any dracut run with
# --add vmcoredd).
#
# Install as /usr/lib/dracut/modules.d/96vmcoredd/module-setup.sh, with
# vmcoredd-modules as /usr/share/vmcoredd/vmcoredd-modules.  The modules
# that call vmcore_add_device_dump() are found from the modules
# themselves; in hostonly mode (mkdumprd's) only those of devices present
# on this machine, otherwise every one of the kernel.  instmods adds their
# dependencies and firmware; udev in the initramfs loads them from their
# aliases, before anything opens /proc/vmcore.

# dracut's own variables: add_dracutmodules, force_add_dracutmodules,
# hostonly, kernel, srcmods
# shellcheck disable=SC2154

VMCOREDD_MODULES=${VMCOREDD_MODULES:-/usr/share/vmcoredd/vmcoredd-modules}

# called by dracut
check() {
    # kdump-utils' capture image (mkdumprd adds kdumpbase), else only
    # when asked for with --add vmcoredd
    [[ " $add_dracutmodules $force_add_dracutmodules " == *" kdumpbase "* ]] && return 0
    return 255
}

# called by dracut
depends() {
    return 0
}

# called by dracut
installkernel() {
    local base='' all=--all mods

    [[ $hostonly ]] && all=
    # vmcoredd-modules reads BASE/lib/modules/KVER
    if [[ $srcmods == */lib/modules/"$kernel" ]]; then
        base=${srcmods%/lib/modules/"$kernel"}
    elif [[ $srcmods ]]; then
        dwarn "vmcoredd: $srcmods is not .../lib/modules/$kernel: no device-dump driver added"
        return 0
    fi
    if [[ ! -x $VMCOREDD_MODULES ]]; then
        dwarn "vmcoredd: $VMCOREDD_MODULES is missing: no device-dump driver added"
        return 0
    fi
    mods=$("$VMCOREDD_MODULES" $all -k "$kernel" ${base:+-b "$base"}) || {
        dwarn "vmcoredd: could not read the modules of $kernel"
        return 0
    }
    [[ $mods ]] || return 0
    dinfo "vmcoredd: device-dump drivers: ${mods//$'\n'/ }"
    # the list is already this machine's: no second hostonly filter
    # shellcheck disable=SC2086
    hostonly='' instmods $mods
}
