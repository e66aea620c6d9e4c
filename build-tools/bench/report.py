#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench: turn the runs of build-tools/bench.sh into report.md and a plot.

usage: report.py BENCH_DIR RUNS ACCEL TOP SRC

Reads BENCH_DIR/manifest.tsv (one line per QEMU run: id, figure, kernel,
variant, run, exit status, seconds, BENCH_CMDLINE), each run's results.txt
("BENCH: ..." marker lines) and panic-timing, and BENCH_DIR/fig4-search.
Writes BENCH_DIR/report.md, fig1.dat, fig3.dat, bench.gp and, with gnuplot,
bench.png.  A figure with no valid run is reported as missing, never as 0.
"""

import os
import platform
import re
import shlex
import statistics
import subprocess
import sys
import time

KERNELS = ("upstream", "ours")
BASE = os.environ.get("BASE", "7.3")
NAME = {"upstream": "upstream " + BASE, "ours": "this series"}
SMALL = 64


def die(msg):
    sys.exit("report.py: " + msg)


def read_manifest(bdir):
    runs = []
    try:
        with open(os.path.join(bdir, "manifest.tsv")) as f:
            for line in f:
                p = line.rstrip("\n").split("\t")
                if len(p) < 8:
                    continue
                runs.append({"id": p[0], "fig": p[1], "kernel": p[2],
                             "variant": p[3], "run": p[4], "rc": int(p[5]),
                             "secs": int(p[6]), "cmdline": p[7],
                             "dir": os.path.join(bdir, "runs", p[0])})
    except OSError as e:
        die(str(e))
    return runs


def bench_lines(run):
    """The run's "BENCH:" markers as {key: [fields of every line]}."""
    out = {}
    try:
        with open(os.path.join(run["dir"], "results.txt")) as f:
            for line in f:
                if line.startswith("BENCH: "):
                    p = line.split()[1:]
                    out.setdefault(p[0], []).append(p[1:])
    except OSError:
        pass
    return out


def stats(vals):
    vals = sorted(vals)
    if not vals:
        return None
    return (statistics.median(vals), vals[0], vals[-1], len(vals))


def fmt(st, nd=0, unit=""):
    if st is None:
        return "n/a (no valid run)"
    med, lo, hi, n = st
    f = "{:,.%df}" % nd
    return "%s%s (%s-%s, n=%d)" % (f.format(med), unit, f.format(lo),
                                    f.format(hi), n)


def ratio(a, b, nd=2):
    if a is None or b is None or b[0] == 0:
        return "n/a"
    return ("{:.%df}" % nd).format(a[0] / b[0])


def machine(accel):
    cpu = "?"
    mem = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            mem = "%.1f GiB" % (int(f.readline().split()[1]) / 2**20)
    except OSError:
        pass
    try:
        qemu = subprocess.run(["qemu-system-x86_64", "--version"],
                              capture_output=True, text=True).stdout
        qemu = qemu.splitlines()[0]
    except (OSError, IndexError):
        qemu = "?"
    return [
        "host: %s, %d CPUs, %s RAM, Linux %s" % (cpu, os.cpu_count(), mem,
                                                 platform.release()),
        "QEMU: %s, accelerator %s%s" % (
            qemu, accel, {
                "tcg": " (TCG: emulated, timings are relative)",
                "icount": " (TCG with `-icount shift=0`: the guests' "
                          "clock counts executed instructions, 1 ns each; "
                          "a time is the guest's work, without QEMU's "
                          "cost of translating code, and idle time passes "
                          "as on the host)"}.get(accel, "")),
        "guest: 2 vCPUs, 1 GiB, crashkernel=256M; the capture kernel "
        "runs with nr_cpus=1 from an initramfs (busybox, makedumpfile)",
    ]


def git(top, *args):
    try:
        return subprocess.run(["git", "-C", top] + list(args),
                              capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


class Report:
    def __init__(self, bdir, nruns, accel, top, src):
        self.bdir, self.nruns, self.accel = bdir, nruns, accel
        self.top, self.src = top, src
        self.runs = read_manifest(bdir)
        for r in self.runs:
            r["bench"] = bench_lines(r)
        self.md = []
        self.summary = []

    def sel(self, fig, kernel, variant=None):
        return [r for r in self.runs if r["fig"] == fig and
                r["kernel"] == kernel and
                (variant is None or r["variant"] == variant)]

    # Figure 1 ------------------------------------------------------------
    def fig1(self):
        confs = [("upstream", "default", "upstream " + BASE),
                 ("ours", "default", "this series, default"),
                 ("ours", "kmsg_dump", "this series, crash_kexec_kmsg_dump")]
        rows, res = [], {}
        for k, v, label in confs:
            init, banner, pstore, lost = [], [], 0, 0
            runs = self.sel("1", k, v)
            for r in runs:
                try:
                    with open(os.path.join(r["dir"], "panic-timing")) as f:
                        b, i = f.read().split()[:2]
                    banner.append(int(b))
                    init.append(int(i))
                except (OSError, ValueError):
                    lost += 1
                p = r["bench"].get("pstore_panic_records")
                if p and p[0][0] != "0":
                    pstore += 1
            res[(k, v)] = stats(init)
            rows.append((label, stats(init), stats(banner), pstore, len(runs),
                         lost))
        up = res[("upstream", "default")]
        self.md += ["## Figure 1: panic to capture",
                    "",
                    "Wall time (host clock, from the console's arrival "
                    "times) from the line `Kernel panic - not syncing` to "
                    "the capture kernel's `/init` reporting that it booted, "
                    "and to the capture kernel's banner.  Trigger: `echo c "
                    ">/proc/sysrq-trigger`, ramoops registered in both "
                    "kernels (scenario `bench-panic`).",
                    "",
                    "| kernel | panic -> /init, ms | ratio to upstream | "
                    "panic -> banner, ms | pstore has the panic record |",
                    "|---|---|---|---|---|"]
        for label, init, banner, pstore, n, lost in rows:
            self.md.append("| %s | %s | %s | %s | %d of %d runs%s |" % (
                label, fmt(init), ratio(init, up), fmt(banner), pstore, n,
                ", %d without timing" % lost if lost else ""))
        self.md.append("")
        with open(os.path.join(self.bdir, "fig1.dat"), "w") as f:
            for label, init, _, _, _, _ in rows:
                if init:
                    f.write('"%s" %g %g %g\n' % (label.replace(", ", "\\n"),
                                                 init[0], init[1], init[2]))
        self.summary.append((
            "1. panic line -> capture /init, ms", fmt(up),
            "%s; with crash_kexec_kmsg_dump %s" % (
                fmt(res[("ours", "default")]),
                fmt(res[("ours", "kmsg_dump")])),
            "%s; %s" % (ratio(res[("ours", "default")], up),
                        ratio(res[("ours", "kmsg_dump")], up))))

    # Figure 2 ------------------------------------------------------------
    def fig2(self):
        res = {}
        self.md += ["## Figure 2: capture-kernel memory per device dump",
                    "",
                    "vmcoredd_bench.ko is loaded first; then %d dumps of 100 "
                    "bytes are added in one batch, with the console quiet.  Before and after (1 s "
                    "apart from the batch): free memory (free pages plus the "
                    "per-CPU page lists, from `/proc/zoneinfo`; `MemFree` of "
                    "`/proc/meminfo` leaves the per-CPU lists out and is "
                    "shown for comparison), `Slab` from `/proc/meminfo`, and the areas and pages listed in "
                    "`/proc/vmallocinfo`.  Bookkeeping = memory taken minus "
                    "the %d payload bytes.  A task started or ended by "
                    "something else in between (a 16 KiB stack, 256 bytes "
                    "per dump) is the noise in both kernels' figures." % (
                        SMALL, SMALL * 100),
                    "",
                    "| kernel | memory taken, bytes | bookkeeping per dump, "
                    "bytes | MemFree drop, kB | Slab, kB | vmalloc areas | "
                    "vmalloc pages |",
                    "|---|---|---|---|---|---|---|"]
        for k in KERNELS:
            taken, per, memfree, slab, areas, pages = [], [], [], [], [], []
            for r in self.sel("2", k, "dumps"):
                m = r["bench"].get("small_mem")
                if not m or len(m[0]) != 12:
                    continue
                n, size, f0, mf0, s0, a0, p0, f1, mf1, s1, a1, p1 = \
                    map(int, m[0])
                t = f0 - f1
                taken.append(t)
                per.append((t - n * size) / n)
                memfree.append(mf0 - mf1)
                slab.append(s1 - s0)
                areas.append(a1 - a0)
                pages.append(p1 - p0)
            res[k] = stats(per)
            self.md.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                NAME[k], fmt(stats(taken)), fmt(stats(per)),
                fmt(stats(memfree)), fmt(stats(slab)), fmt(stats(areas)),
                fmt(stats(pages))))
        self.md.append("")
        self.summary.append((
            "2. bookkeeping per dump (64 x 100 B), bytes",
            fmt(res["upstream"]), fmt(res["ours"]),
            ratio(res["ours"], res["upstream"])))

    # Figure 3 ------------------------------------------------------------
    def fig3(self):
        res, stale = {}, False
        self.md += ["## Figure 3: /proc/vmcore read throughput",
                    "",
                    "`vmcore_read` (build-tools/bench/vmcore_read.c) reads "
                    "the whole of `/proc/vmcore` in 1 MiB pieces, with "
                    "`pread()` and with `mmap()`, once each per boot, and "
                    "sums every 64-bit word.  It reads to the end of the "
                    "last segment of the ELF headers; `stat()` size is what "
                    "`fstat()` reports after `open()`.  \"64 MiB\": 64 dumps of 1 MiB "
                    "(after the 128 dumps of 100 bytes of figures 2 and 5); "
                    "\"none\": no device dump.",
                    "",
                    "| mode | dumps | kernel | vmcore (ELF), MiB | "
                    "`stat()` size, MiB | MiB/s | ratio |",
                    "|---|---|---|---|---|---|---|"]
        for mode in ("read", "mmap"):
            for v, label in (("none", "none"), ("dumps", "64 MiB")):
                for k in KERNELS:
                    vals, size, st = [], "?", "?"
                    for r in self.sel("2", k, v):
                        for p in r["bench"].get("read", []):
                            if len(p) == 6 and p[0] == mode:
                                vals.append(float(p[3]))
                                size = "%.1f" % (int(p[1]) / 2**20)
                                st = "%.1f" % (int(p[5]) / 2**20)
                    res[(mode, v, k)] = stats(vals)
                    if st != size:
                        st = "**%s**" % st
                        stale = True
                    self.md.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                        mode, label, NAME[k], size, st,
                        fmt(res[(mode, v, k)], 1),
                        ratio(res[(mode, v, k)], res[(mode, v, "upstream")])
                        if k == "ours" else ""))
        if stale:
            self.md += ["", "A **bold** `stat()` size differs from the "
                        "vmcore's real extent.  The capture kernel's /init "
                        "looked /proc/vmcore up before the dumps were added; "
                        "upstream's inode kept the size of that moment, so tools that trust "
                        "the file size (cp, dd, read-to-EOF readers) miss "
                        "the end of the file.  makedumpfile follows the ELF "
                        "headers and is not affected."]
        self.md.append("")
        with open(os.path.join(self.bdir, "fig3.dat"), "w") as f:
            for mode in ("read", "mmap"):
                for v, label in (("none", "no dumps"), ("dumps", "64 MiB")):
                    u, o = res[(mode, v, "upstream")], res[(mode, v, "ours")]
                    if u and o:
                        f.write('"%s()\\n%s" %g %g %g %g %g %g\n' % (
                            mode, label, u[0], u[1], u[2], o[0], o[1], o[2]))
        for mode in ("read", "mmap"):
            for v, label in (("dumps", "64 MiB of dumps"), ("none", "none")):
                self.summary.append((
                    "3. %s() MiB/s, %s" % (mode, label),
                    fmt(res[(mode, v, "upstream")], 1),
                    fmt(res[(mode, v, "ours")], 1),
                    ratio(res[(mode, v, "ours")], res[(mode, v, "upstream")])))

    # Figure 4 ------------------------------------------------------------
    def fig4(self):
        search = None
        try:
            with open(os.path.join(self.bdir, "fig4-search")) as f:
                search = f.read().split()
        except OSError:
            pass
        self.md += ["## Figure 4: largest total of device dumps with a saved "
                    "vmcore (crashkernel=256M)",
                    "",
                    "The capture kernel adds N dumps of 1 MiB, then saves "
                    "the vmcore with `makedumpfile -c -d 31` to a disk and "
                    "reads the saved dump's log back "
                    "(`makedumpfile --dump-dmesg`, panic line present).  "
                    "Upstream: N grows in steps of 64 MiB until the capture "
                    "fails, then is bisected to 8 MiB.  This series: the "
                    "same totals and 512 MiB (twice the reservation).  One "
                    "run per probe.",
                    "",
                    "| kernel | asked, MiB | added, MiB | MemAvailable after, "
                    "MiB | vmcore saved | what happened |",
                    "|---|---|---|---|---|---|"]
        best = {}
        for k in KERNELS:
            probes = sorted(self.sel("4", k), key=lambda r: int(
                r["variant"].replace("MiB", "")))
            for r in probes:
                asked = int(r["variant"].replace("MiB", ""))
                b = r["bench"]
                added = "?"
                if b.get("mib_added"):
                    added = "%d" % (int(b["mib_added"][0][2]) >> 20)
                avail = "?"
                if b.get("mem_available_kb"):
                    avail = "%d" % (int(b["mem_available_kb"][0][0]) >> 10)
                saved = bool(b.get("saved")) and b["saved"][0][0] == "1"
                what = self.fig4_outcome(r, b, saved)
                self.md.append("| %s | %d | %s | %s | %s | %s |" % (
                    NAME[k], asked, added, avail, "yes" if saved else "**no**",
                    what))
                if saved:
                    cur = best.get(k)
                    if not cur or asked > cur[0]:
                        best[k] = (asked, added)
        self.md.append("")
        if search and len(search) == 3:
            up = "%s MiB saved, %s MiB not" % (search[1], search[2]) \
                if search[2] != "none" else "%s MiB saved (no failure up " \
                "to 512 MiB)" % search[1]
        else:
            up = "n/a (search did not run)"
        ours = "n/a"
        if "ours" in best:
            ours = "saved at every total asked up to %d MiB; it accepted " \
                "%s MiB of them" % best["ours"]
        self.summary.append(("4. largest total of dumps with a saved vmcore",
                             up, ours, "-"))

    @staticmethod
    def fig4_outcome(r, b, saved):
        if saved:
            m = b.get("mib_added")
            if m and m[0][1] != m[0][0]:
                n = int(m[0][0]) - int(m[0][1])
                return "%d dump%s refused (error %s)" % (
                    n, "" if n == 1 else "s", m[0][3])
            return "all dumps added"
        try:
            with open(os.path.join(r["dir"], "console.log"),
                      errors="replace") as f:
                con = f.read()
        except OSError:
            con = ""
        m = re.search(r"Killed process \d+ \((\S+)\)", con)
        if m:
            return "the OOM killer killed %s (exit %d, %ds)" % (
                m.group(1), r["rc"], r["secs"])
        for pat, what in (("Out of memory and no killable", "OOM: no killable "
                           "process, panic"),
                          ("Kernel panic", "capture kernel panicked"),
                          ("Out of memory", "OOM killer ran"),
                          ("page allocation failure", "allocation failure")):
            if pat in con:
                return "%s (exit %d, %ds)" % (what, r["rc"], r["secs"])
        return "exit %d after %ds, see runs/%s/" % (r["rc"], r["secs"],
                                                     r["id"])

    # Figure 5 ------------------------------------------------------------
    def fig5(self):
        res = {}
        self.md += ["## Figure 5: time to register 64 dumps",
                    "",
                    "ktime around one batch of `vmcore_add_device_dump()` "
                    "calls in vmcoredd_bench.ko, the drivers' callbacks "
                    "(a memset of the payload) included.  The batches run "
                    "in this order in one capture kernel: one dump of 100 "
                    "bytes alone (the first registration of a boot costs "
                    "both kernels more than the later ones: under TCG "
                    "mostly QEMU translating code that runs for the first "
                    "time in the boot, which `make bench ACCEL=icount` "
                    "leaves out by counting the guest's instructions); "
                    "64 x 100 "
                    "bytes "
                    "with the console quiet (`dmesg -n 1`), the batch of "
                    "figure 2; 64 more with the console at its default "
                    "level (a serial console, written synchronously: a "
                    "kernel that logs each dump in the registration pays "
                    "for the line here; upstream logs none, this series "
                    "one per dump from a work item 100 ms after the "
                    "batch, and makes each dump's sysfs file in the "
                    "registration; its check for a duplicate name walks "
                    "the dumps added before, 64 more than in the quiet "
                    "batch); "
                    "64 x 1 MiB.",
                    "",
                    "| batch | upstream %s | this series | ratio |" % BASE,
                    "|---|---|---|---|"]
        for key, label, div, unit in (("first_ns", "the first, 100 bytes",
                                       1e3, "us"),
                                      ("small_ns", "64 x 100 bytes", 1e3,
                                       "us"),
                                      ("small_console_ns", "64 more x 100 "
                                       "bytes, console on", 1e3, "us"),
                                      ("mib_ns", "64 x 1 MiB", 1e6, "ms")):
            for k in KERNELS:
                vals = [int(r["bench"][key][0][0]) / div
                        for r in self.sel("2", k, "dumps")
                        if r["bench"].get(key)]
                res[(key, k)] = stats(vals)
            u, o = res[(key, "upstream")], res[(key, "ours")]
            self.md.append("| %s | %s | %s | %s |" % (
                label, fmt(u, 0, " " + unit), fmt(o, 0, " " + unit),
                ratio(o, u)))
            self.summary.append(("5. register %s, %s" % (label, unit),
                                 fmt(u), fmt(o), ratio(o, u)))
        self.md.append("")

    # Output --------------------------------------------------------------
    def commands(self):
        seen, out = set(), []
        for r in self.runs:
            key = (r["fig"], r["kernel"], r["variant"] if r["fig"] != "4"
                   else "probe")
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(r["dir"] + ".cmd") as f:
                    cmd = f.read().strip()
            except OSError:
                continue
            out.append(cmd.replace(self.top + "/", ""))
        return out

    def plot(self):
        """bench.png from fig1.dat and fig3.dat: None, or why there is none."""
        panels = []
        for dat, gp in (("fig1.dat", """set title "Figure 1: panic line to capture kernel's /init\\n(median, bars min-max)"
set ylabel "ms"
set key off
plot "fig1.dat" using 2:3:4:xtic(1) title "" linecolor rgb "#4477aa"
"""), ("fig3.dat", """set title "Figure 3: /proc/vmcore read throughput\\n(median, bars min-max)"
set ylabel "MiB/s"
set key top right
plot "fig3.dat" using 2:3:4:xtic(1) title "upstream BASE" linecolor rgb "#bb5566", \\
     "" using 5:6:7 title "this series" linecolor rgb "#4477aa"
""")):
            path = os.path.join(self.bdir, dat)
            if os.path.exists(path) and os.path.getsize(path):
                panels.append(gp.replace("upstream BASE", "upstream " + BASE))
        if not panels:
            return "no data for figures 1 and 3"
        with open(os.path.join(self.bdir, "bench.gp"), "w") as f:
            f.write("""# make bench: figures 1 and 3 (generated by report.py)
set terminal pngcairo noenhanced size %d,560 font ",10"
set output "bench.png"
set multiplot layout 1,%d
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.5 border -1
set grid ytics
set yrange [0:*]
set offsets 0, 0, graph 0.15, 0
set bmargin 5
%sunset multiplot
""" % (700 * len(panels), len(panels), "".join(panels)))
        try:
            p = subprocess.run(["gnuplot", "bench.gp"], cwd=self.bdir,
                               capture_output=True, text=True)
        except OSError as e:
            return "gnuplot did not run: %s" % e
        if p.returncode:
            return "gnuplot failed: %s" % p.stderr.strip()
        return None

    def write(self):
        self.fig1()
        self.fig2()
        self.fig3()
        self.fig4()
        self.fig5()
        err = self.plot()
        head = git(self.top, "describe", "--always", "--dirty")
        base = git(self.src, "log", "-1", "--format=%s", "base")
        lost = [r for r in self.runs if r["rc"] == 2 and r["fig"] != "4"]
        failed = [r for r in self.runs if r["rc"] == 1 and r["fig"] != "4"]
        out = ["# make bench: vmcoredd against upstream %s" % BASE,
               "",
               "Generated %s by `make bench` (BENCH_RUNS=%d) at project "
               "commit %s; kernels: `%s` unpatched (upstream BASE, "
               "build/upstream-kbuild) and with the series (build/kbuild), "
               "both tinyconfig plus tools/testing/selftests/kdump/config "
               "(upstream without the two KUnit options it lacks)." % (
                   time.strftime("%Y-%m-%d %H:%M"), self.nruns, head,
                   base),
               "",
               "Runs alternate between the kernels (figures 1 to 3 and 5: "
               "%d runs of each configuration; figure 4: one run per "
               "probe).  Cells: median (min-max, n = valid runs).  "
               "Ratio: ours / upstream, of the medians." % self.nruns,
               ""]
        if self.nruns < 5:
            out += ["**A trial with BENCH_RUNS=%d: too few runs for the "
                    "medians to mean much.**" % self.nruns, ""]
        out += ["- " + m for m in machine(self.accel)]
        out += ["- %d QEMU runs in all; %d without a result (lost), %d "
                "with a failed check, outside figure 4's probes" % (
                    len(self.runs), len(lost), len(failed)), ""]
        if lost or failed:
            out += ["Runs with problems: " + ", ".join(
                "runs/%s (exit %d)" % (r["id"], r["rc"])
                for r in lost + failed), ""]
        out += ["## Summary", "",
                "| figure | upstream %s | this series | ours/upstream |" % BASE,
                "|---|---|---|---|"]
        out += ["| %s | %s | %s | %s |" % s for s in self.summary]
        out += ["", "![figures 1 and 3](bench.png)" if not err else
                "No plot: " + err, ""]
        out += self.md
        out += ["## Commands", "",
                "All of it: `make bench` (`BENCH_RUNS=N` for more runs).  "
                "Each QEMU run, exactly (one per configuration; every run's "
                "command is in runs/<id>.cmd, its logs in runs/<id>/):", "",
                "```"] + self.commands() + ["```", ""]
        with open(os.path.join(self.bdir, "report.md"), "w") as f:
            f.write("\n".join(out).replace("upstream BASE", "upstream " + BASE))
        print("\n".join(["| figure | upstream %s | this series | "
                          "ours/upstream |" % BASE] +
                        ["| %s | %s | %s | %s |" % s for s in self.summary]))
        if err:
            print("no plot: " + err, file=sys.stderr)
            return 0 if err.startswith("no data") else 1
        return 0


def main():
    if len(sys.argv) != 6:
        die("usage: report.py BENCH_DIR RUNS ACCEL TOP SRC")
    return Report(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4],
                  sys.argv[5]).write()


if __name__ == "__main__":
    sys.exit(main())
