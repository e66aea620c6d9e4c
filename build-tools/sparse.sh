#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# sparse for the kernel's C=1/C=2 checks.  Debian's sparse 0.6.4 is the
# newest there is, and it lacks __typeof_unqual__, which Linux 6.16 and
# later use (their scripts/checker-valid.sh rejects a sparse without it, and
# Kbuild then skips the check with a note, not an error).  Define it as
# __typeof__: sparse then runs on 7.3; the two differ only in dropping
# qualifiers, which sparse's checks do not depend on.
exec sparse -D__typeof_unqual__=__typeof__ "$@"
