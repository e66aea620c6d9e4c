#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# sparse for the kernel's C=1/C=2 checks.  Debian's sparse 0.6.4 is the
# newest there is, and Linux 6.16 and later outgrew it in two ways:
#
#  - it lacks __typeof_unqual__, and scripts/checker-valid.sh rejects such
#    a sparse (Kbuild then skips the check with a note, not an error).
#    Define it as __typeof__: the two differ only in dropping qualifiers,
#    which sparse's checks do not depend on.
#  - it cannot evaluate __builtin_strlen() in the static_assert() that
#    MODULE_INFO() (so module_param(), MODULE_LICENSE() ...) adds, reports
#    "bad constant expression", and after that first error it stays silent
#    about everything else in the file.  Make _Static_assert() expand to
#    nothing for sparse: the compiler still checks every static_assert()
#    in the real build.
#
# The self-test in build-tools/check-base.sh (sparse_live) proves that a
# module with a wrong address space still gets its warning.
exec sparse -D__typeof_unqual__=__typeof__ '-D_Static_assert(e, m)=' "$@"
