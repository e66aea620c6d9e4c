#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Assemble the patch series described by ./series into a kernel git tree.

The series file is the single description of the series: one block per
patch, in order.  A block is

    Subject: <subsystem>: <summary>
    Files: <path> [<path>...]      new files (or directories) of this repo,
                                   copied to the same kernel path; a file
                                   named by a Files: entry of its own is
                                   not part of a directory entry
    Edits: <patches/x.diff> [...]  unified diffs against upstream files,
                                   or against a new file of an earlier
                                   patch of the series
    Checkpatch: TYPE reason        a checkpatch message this patch keeps,
                                   with its justification (in the mail,
                                   below the '---' line)

    <commit message body, kernel style, without Signed-off-by:>

and blocks are separated by a line holding only '---'.  Lines starting
with '#' before the first block are comments.  One block may instead be
the cover letter of the series:

    Cover: <summary of the series>
    Series: <name>                 the patches up to the next Cover: block
    Depends: <name> [<name>...]    series it needs applied first
    Prefix: <tree>                 subject prefix, e.g. net-next

    <what and why, the user-visible changes, how it was tested>

A new file is kept once, as it is after the whole series.  When a later
patch changes it (Edits: naming that file), the patch that adds it adds
the file as it was before: this repo's file with the later diffs of it
reversed, last first.  So a series can grow a file step by step, one
behaviour a patch, while the file at its kernel path stays the one truth.
A Files: entry may also replace a file that an earlier patch created with
a diff (upstream code moved there without change).

Each series is mailed on its own (make series): its mails apply to the
pristine base with the series it depends on.  The assembled tree holds
all of them, in file order; a diff whose context comes from an earlier
series is applied with git's three-way merge when a series is built
without it.

Bases.  The files and diffs above are mainline's (BASE 7.3).  For another
base B (the 6.12 backport), backport/B/ holds only what differs, beside the
mainline version, at the same relative path:

    backport/B/<new file>.diff     a diff that turns this repo's new file
                                   into B's version of it, after the whole
                                   series; at each earlier patch, the hunks
                                   whose lines exist there are applied
    backport/B/patches/x.diff      B's hunks for the upstream files whose
                                   mainline hunks in patches/x.diff do not
                                   fit B (the other files of patches/x.diff
                                   are applied as they are), and B's own
                                   hunks for a new file in this patch only,
                                   on top of the above

Any text before the first 'diff --git' line of a backport file says why;
it is added to the commit message as a backport note.

Sign-off.  Each commit is signed off, and authored, by the identity given
with --signoff "Name <email>" (make series passes the runner's git
identity).  Without it, 'apply' signs with a throwaway build identity,
for the assembled tree only.

The commits are built with git plumbing in a private index, then the work
tree is moved with 'git reset --hard', which rewrites only files whose
content changed: an edit to one file of the series costs one recompile.
"""
import argparse
import dataclasses
import os
import re
import subprocess
import sys
import tempfile
import textwrap

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAINLINE = '7.3'
BASES = (MAINLINE, '6.12')
BUILD_IDENTITY = 'vmcoredd build <build@vmcoredd.invalid>'


def die(msg):
    sys.stderr.write('series: error: %s\n' % msg)
    sys.exit(1)


@dataclasses.dataclass
class Patch:
    """One block of the series file."""
    subject: str = None
    files: list = dataclasses.field(default_factory=list)
    edits: list = dataclasses.field(default_factory=list)
    checkpatch: list = dataclasses.field(default_factory=list)
    body: str = ''
    cover: bool = False
    series: str = None
    depends: list = dataclasses.field(default_factory=list)
    prefix: str = None


def parse_text(text, path='series'):
    """The blocks of a series file's text, in order."""
    patches = []
    current = None
    for n, block in enumerate(text.split('\n---\n')):
        lines = block.strip('\n').split('\n')
        while lines and (lines[0].startswith('#') or not lines[0].strip()):
            lines.pop(0)
        if not lines:
            continue
        p = Patch()
        i = 0
        while i < len(lines) and lines[i].strip():
            key, _, val = lines[i].partition(':')
            key = key.strip().lower()
            if key == 'subject':
                p.subject = val.strip()
            elif key == 'cover':
                p.subject = val.strip()
                p.cover = True
            elif key in ('files', 'edits', 'depends'):
                getattr(p, key).extend(val.split())
            elif key == 'series':
                p.series = val.strip()
            elif key == 'prefix':
                p.prefix = val.strip()
            elif key == 'checkpatch':
                kind, _, why = val.strip().partition(' ')
                if not why:
                    die('%s: Checkpatch: %s needs a justification' % (path, kind))
                p.checkpatch.append((kind, why.strip()))
            else:
                die('%s: block %d: unknown header %r' % (path, n + 1, key))
            i += 1
        if not p.subject:
            die('%s: block %d has no Subject:' % (path, n + 1))
        p.body = '\n'.join(lines[i:]).strip('\n') + '\n'
        if p.cover:
            if not p.series:
                die('%s: the Cover: block "%s" has no Series:' % (path, p.subject))
            current = p.series
        elif patches:
            p.series = current
        else:
            die('%s: "%s" comes before any Cover: block' % (path, p.subject))
        if not p.cover and re.search(r'^Signed-off-by:', p.body, re.M):
            die('%s: "%s": no Signed-off-by: in the series, the sender adds it'
                % (path, p.subject))
        patches.append(p)
    ALL_PATCHES[:] = [p for p in patches if not p.cover]
    return patches


def parse(path):
    with open(path, encoding='utf-8') as f:
        blocks = parse_text(f.read(), path)
    claim_files(blocks)
    return blocks


# Every patch of ./series, in order: a new file after patch N is this repo's
# file with the diffs of all the later patches reversed, also those of the
# series a chain leaves out.
ALL_PATCHES = []


# Files that a Files: entry names one by one: a patch that names a
# directory does not carry them (a later series adds a file to a directory
# an earlier one created).
CLAIMED = set()


def claim_files(blocks):
    CLAIMED.clear()
    for p in blocks:
        CLAIMED.update(e for e in p.files if os.path.isfile(os.path.join(TOP, e)))


def covers_of(blocks):
    """The Cover: blocks by series name, in file order."""
    out = {}
    for b in blocks:
        if b.cover:
            if b.series in out:
                die('two series are named %s' % b.series)
            out[b.series] = b
    for c in out.values():
        for d in c.depends:
            if d not in out or list(out).index(d) > list(out).index(c.series):
                die('series %s depends on %s, which does not come before it' %
                    (c.series, d))
    return out


def chain_names(covers, name, with_self=True):
    """NAME's dependencies (transitively), then NAME, in file order."""
    if name not in covers:
        die('no series named %s (there are: %s)' % (name, ' '.join(covers)))
    need, todo = set(), list(covers[name].depends)
    while todo:
        d = todo.pop()
        if d not in need:
            need.add(d)
            todo += covers[d].depends
    if with_self:
        need.add(name)
    return [n for n in covers if n in need]


def select(blocks, only=None, deps_of=None):
    """The patches of the whole series, or of a chain of series."""
    patches = [p for p in blocks if not p.cover]
    if not only and not deps_of:
        return patches
    names = chain_names(covers_of(blocks), only or deps_of, with_self=bool(only))
    return [p for p in patches if p.series in names]


def git(tree, *args, env=None, inp=None, strip=True, check=True):
    e = dict(os.environ)
    if env:
        e.update(env)
    r = subprocess.run(['git', '-C', tree] + list(args), env=e, input=inp,
                       capture_output=True, text=True)
    if r.returncode and check:
        die('git %s: %s' % (' '.join(args), r.stderr.strip()))
    if not check:
        return r
    return r.stdout.strip() if strip else r.stdout


def repo_files(entry):
    """Files of this repo named by a Files: entry (a file or a directory)."""
    full = os.path.join(TOP, entry)
    if os.path.isfile(full):
        return [entry]
    if not os.path.isdir(full):
        die('Files: %s does not exist' % entry)
    out = subprocess.run(['git', '-C', TOP, 'ls-files', '--cached',
                          '--others', '--exclude-standard', '--', entry],
                         capture_output=True, text=True, check=True).stdout
    files = [f for f in out.split('\n')
             if f and f not in CLAIMED and os.path.isfile(os.path.join(TOP, f))]
    if not files:
        die('Files: %s is empty' % entry)
    return files


def diff_paths(path):
    """Kernel paths a unified diff touches, in order."""
    out = []
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            m = re.match(r'^diff --git a/(\S+) b/', line)
            if m and m.group(1) not in out:
                out.append(m.group(1))
    return out


def diff_note(path):
    """The text before the first 'diff --git' line of a backport file."""
    note = []
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            if line.startswith('diff --git '):
                break
            note.append(line)
    return ''.join(note).strip()


def backport_dir(base):
    return os.path.join(TOP, 'backport', base)


def backport_file(base, rel):
    """backport/BASE/REL if BASE is not mainline and the file exists."""
    if base == MAINLINE:
        return None
    p = os.path.join(backport_dir(base), rel + ('' if rel.endswith('.diff') else '.diff'))
    return p if os.path.isfile(p) else None


def apply_cached(tree, env, diff, what, includes):
    """Apply the parts of DIFF for the paths INCLUDES to the index."""
    args = ['git', '-C', tree, 'apply', '--cached', '--whitespace=nowarn']
    args += ['--include=' + e for e in includes]
    r = subprocess.run(args + [diff], env=dict(os.environ, **env),
                       capture_output=True, text=True)
    if r.returncode:
        # context from a series this chain leaves out: merge
        r = subprocess.run(args + ['--3way', diff], env=dict(os.environ, **env),
                           capture_output=True, text=True)
    if r.returncode:
        die('%s does not apply (%s):\n%s' % (os.path.relpath(diff, TOP), what,
                                             r.stderr.strip()))


def edit_diffs(p, base):
    """(diff, paths it is applied to) for each diff patch P applies on
    BASE, in order: mainline's Edits: diff without the paths a backport
    override replaces, then the override."""
    out = []
    for d in p.edits:
        full = os.path.join(TOP, d)
        if not os.path.isfile(full):
            die('Edits: %s does not exist' % d)
        over = backport_file(base, d)
        skip = diff_paths(over) if over else []
        out.append((full, [f for f in diff_paths(full) if f not in skip]))
        if over:
            out.append((over, diff_paths(over)))
    return out


def diff_hunks(path, f):
    """The hunks of file F in the unified diff at PATH: (old start, lines)."""
    hunks, cur, in_f = [], None, False
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            if line.startswith('diff --git '):
                in_f = line.split()[2] == 'a/' + f
                cur = None
            elif not in_f or line.startswith(('---', '+++', 'index ')):
                continue
            elif line.startswith('@@'):
                cur = (int(re.match(r'@@ -(\d+)', line).group(1)), [])
                hunks.append(cur)
            elif cur is not None and line[:1] in (' ', '-', '+'):
                cur[1].append(line)
    return hunks


def apply_hunks(text, hunks, reverse=False, strict=True, what=''):
    """TEXT with HUNKS applied (or reversed): each hunk's old lines, found
    where they stand nearest to the hunk's line number, become its new
    lines.  A hunk whose old lines are not there is an error if STRICT,
    else it is left out."""
    lines = text.splitlines(keepends=True)
    old_sign, new_sign = ('+', '-') if reverse else ('-', '+')
    shift = 0
    for start, body in hunks:
        old = [x[1:] for x in body if x[0] in (' ', old_sign)]
        new = [x[1:] for x in body if x[0] in (' ', new_sign)]
        at = [k for k in range(len(lines) - len(old) + 1)
              if lines[k:k + len(old)] == old]
        if not at:
            if strict:
                die('%s: a hunk at line %d does not apply%s' %
                    (what, start, ' in reverse' if reverse else ''))
            continue
        k = min(at, key=lambda x: abs(x - (start - 1 + shift)))
        lines[k:k + len(old)] = new
        shift += len(new) - len(old)
    return ''.join(lines)


def new_file_text(patches, n, f, base, override=True):
    """New file F as it is after patch N (0-based) on BASE.

    Mainline: this repo's F with the mainline diffs of F of the later
    patches of the whole series reversed, last first.  Another base: that text with the hunks of
    backport/BASE/F.diff that fit it (the delta of the whole series, each
    hunk applied where its lines exist), then patch N's own hunks for F in
    its backport override, if any."""
    with open(os.path.join(TOP, f), encoding='utf-8') as fh:
        text = fh.read()
    every = ALL_PATCHES or patches
    at = next((i for i, p in enumerate(every) if p is patches[n]), None)
    if at is None:
        every, at = patches, n
    for m in range(len(every) - 1, at, -1):
        for d in reversed(every[m].edits):
            full_d = os.path.join(TOP, d)
            if f in diff_paths(full_d):
                text = apply_hunks(text, diff_hunks(full_d, f), reverse=True,
                                   what='%s (%s before patch %d)' % (d, f, m + 1))
    delta = backport_file(base, f)
    if delta:
        text = apply_hunks(text, diff_hunks(delta, f), strict=False)
    for d in patches[n].edits if override else ():
        over = backport_file(base, d)
        if over and f in diff_paths(over):
            text = apply_hunks(text, diff_hunks(over, f),
                               what='%s (%s)' % (os.path.relpath(over, TOP), f))
    return text


def parse_identity(ident):
    m = re.match(r'^\s*(.+?)\s*<([^<>@\s]+@[^<>\s]+)>\s*$', ident or '')
    if not m:
        die('sign-off identity %r is not "Name <email>"' % ident)
    return m.group(1), m.group(2)


def commit_message(p, base, notes, ident):
    msg = p.subject + '\n\n' + p.body.rstrip('\n') + '\n'
    for note in notes:
        msg += '\n' + textwrap.fill('[ %s backport: %s ]' % (base, re.sub(r'\s+', ' ', note)),
                                    width=72) + '\n'
    return msg + '\nSigned-off-by: %s\n' % ident


def build_commits(tree, patches, upto, base, ident):
    idx = os.path.join(git(tree, 'rev-parse', '--absolute-git-dir'), 'series-index')
    env = {'GIT_INDEX_FILE': idx}
    name, email = parse_identity(ident)
    env.update({'GIT_AUTHOR_DATE': '2026-01-01T00:00:00Z',
                'GIT_COMMITTER_DATE': '2026-01-01T00:00:00Z',
                'GIT_AUTHOR_NAME': name, 'GIT_AUTHOR_EMAIL': email,
                'GIT_COMMITTER_NAME': name, 'GIT_COMMITTER_EMAIL': email})
    parent = git(tree, 'rev-parse', 'base^{commit}')
    git(tree, 'read-tree', parent, env=env)
    seen, blobs = {}, {}
    for n, p in enumerate(patches[:upto]):
        what = 'patch %d "%s", base %s' % (n + 1, p.subject, base)
        notes = []
        for entry in p.files:
            for f in repo_files(entry):
                if f in seen:
                    die('%s is carried by two patches' % f)
                seen[f] = n
                delta = backport_file(base, f)
                if delta:
                    notes.append(diff_note(delta))
        # the upstream files, and the files an Edits: diff creates
        for diff, paths in edit_diffs(p, base):
            paths = [f for f in paths if f not in seen]
            if paths:
                apply_cached(tree, env, diff, what, paths)
            if diff.startswith(backport_dir(base) + os.sep):
                notes.append(diff_note(diff))
        # this repo's new files, as they are after this patch: one
        # update-index for all (each git call that reads the index of a
        # whole kernel tree costs tens of milliseconds)
        info = []
        for f in seen:
            text = new_file_text(patches, n, f, base)
            if text not in blobs:
                blobs[text] = git(tree, 'hash-object', '-w', '--stdin', '--path', f,
                                  inp=text)
            mode = '100755' if os.access(os.path.join(TOP, f), os.X_OK) else '100644'
            info.append('%s %s\t%s\n' % (mode, blobs[text], f))
        if info:
            git(tree, 'update-index', '--add', '--index-info', env=env,
                inp=''.join(info))
        t = git(tree, 'write-tree', env=env)
        parent = git(tree, 'commit-tree', t, '-p', parent, '-F', '-', env=env,
                     inp=commit_message(p, base, [x for x in notes if x], ident))
    os.unlink(idx)
    return parent


def blob(tree, rev, path):
    r = git(tree, 'cat-file', 'blob', '%s:%s' % (rev, path), check=False)
    return r.stdout if r.returncode == 0 else None


def write_diff(path, note, text):
    """Write a backport diff (NOTE, then TEXT), or remove it if TEXT is empty."""
    if not text:
        if os.path.exists(path):
            os.unlink(path)
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as fh:
        if note:
            fh.write(note + '\n\n')
        fh.write(text)


def file_delta(f, new_text, old_text=None):
    """diff --git of F from OLD_TEXT (default: this repo's F) to NEW_TEXT."""
    if old_text is None:
        with open(os.path.join(TOP, f), encoding='utf-8') as src:
            old_text = src.read()
    with tempfile.TemporaryDirectory() as d:
        for side, text in (('a', old_text), ('b', new_text)):
            os.makedirs(os.path.join(d, side, os.path.dirname(f)), exist_ok=True)
            with open(os.path.join(d, side, f), 'w', encoding='utf-8') as fh:
                fh.write(text)
        # one line of context: the hunks are applied by apply_hunks() to
        # each state of the file, where less context fits more of them
        r = subprocess.run(['git', 'diff', '--no-index', '--no-color', '-U1',
                            'a/' + f, 'b/' + f], cwd=d, capture_output=True,
                           text=True)
    return r.stdout.replace(' a/a/', ' a/').replace(' b/b/', ' b/').replace(
        '--- a/a/', '--- a/').replace('+++ b/b/', '+++ b/')


def refresh(tree, patches, base):
    """Rewrite the Edits: diffs (mainline) or backport/BASE/ (other bases)
    from the commits of TREE.

    TREE must hold base plus one commit per patch, in the order of the
    series file, as after 'apply' and any hand edit, reorder or conflict
    resolution done there with git (rebase -i, commit --amend).  Each
    diff is regenerated for the paths it already names."""
    commits = git(tree, 'rev-list', '--reverse', 'base..HEAD').split()
    if len(commits) != len(patches):
        die('%s has %d commits on base, the series %d patches' %
            (tree, len(commits), len(patches)))
    parent = git(tree, 'rev-parse', 'base')
    head = commits[-1] if commits else parent
    for p in patches:
        # a new file is kept as it is after the series
        for entry in p.files:
            for f in repo_files(entry):
                text = blob(tree, head, f)
                if text is None:
                    die('%s is not in %s' % (f, head[:12]))
                if base == MAINLINE:
                    with open(os.path.join(TOP, f), 'w', encoding='utf-8') as fh:
                        fh.write(text)
                    continue
                path = os.path.join(backport_dir(base), f + '.diff')
                note = diff_note(path) if os.path.exists(path) else ''
                write_diff(path, note, file_delta(f, text))
    live = set()
    for n, (p, c) in enumerate(zip(patches, commits)):
        subject = git(tree, 'log', '-1', '--format=%s', c)
        if subject != p.subject:
            die('commit %s is "%s", the series says "%s"' %
                (c[:12], subject, p.subject))
        if base == MAINLINE:
            for d in p.edits:
                text = ''.join(git(tree, 'diff', '--no-color', '--no-renames',
                                   parent, c, '--', f, strip=False)
                               for f in diff_paths(os.path.join(TOP, d)))
                with open(os.path.join(TOP, d), 'w', encoding='utf-8') as fh:
                    fh.write(text)
            parent = c
            continue
        for entry in p.files:
            live.update(repo_files(entry))
        # this base's own hunks for the new files, beyond mainline's state
        # and the delta of the whole series; kept with the patch's first diff
        own = ''
        for f in sorted(live):
            want, got = new_file_text(patches, n, f, base, override=False), blob(tree, c, f)
            if want != got:
                own += file_delta(f, got, want)
        if own and not p.edits:
            die('patch %d "%s" differs on %s in a new file but has no Edits: '
                'diff to hold that' % (n + 1, p.subject, base))
        for k, d in enumerate(p.edits):
            path = os.path.join(backport_dir(base), d)
            note = diff_note(path) if os.path.exists(path) else ''
            text = own if k == 0 else ''
            paths = diff_paths(os.path.join(TOP, d))
            if os.path.exists(path):
                paths += [f for f in diff_paths(path) if f not in paths]
            for f in paths:
                if f not in live and not mainline_hunk_fits(tree, parent, c, d, f):
                    text += git(tree, 'diff', '--no-color', '--no-renames',
                                parent, c, '--', f, strip=False)
            write_diff(path, note, text)
        parent = c


def mainline_hunk_fits(tree, parent, commit, diff, path):
    """Whether mainline's hunks for PATH in DIFF, applied to PARENT, give
    PATH as it is in COMMIT."""
    idx = os.path.join(git(tree, 'rev-parse', '--absolute-git-dir'), 'refresh-index')
    env = {'GIT_INDEX_FILE': idx}
    if path not in diff_paths(os.path.join(TOP, diff)):
        return False
    try:
        git(tree, 'read-tree', parent, env=env)
        r = subprocess.run(['git', '-C', tree, 'apply', '--cached',
                            '--include=' + path, os.path.join(TOP, diff)],
                           env=dict(os.environ, **env), capture_output=True)
        if r.returncode:
            return False
        got = git(tree, 'ls-files', '-s', '--', path, env=env).split()
        want = git(tree, 'ls-tree', commit, '--', path).split()
        return (got[1] if got else None) == (want[2] if want else None)
    finally:
        if os.path.exists(idx):
            os.unlink(idx)


def cmd_cover(args, patches, covers):
    c = covers_of(covers)[args.name]
    print(c.subject)
    print()
    print(c.body, end='')


def cmd_groups(args, patches, covers):
    """One line per series: name, dependencies, subject prefix, patches."""
    for name, c in covers_of(covers).items():
        n = sum(1 for p in patches if p.series == name)
        print('%s\t%s\t%s\t%d' % (name, ','.join(c.depends) or '-',
                                    c.prefix or '-', n))


def cmd_list(args, patches, covers):
    for n, p in enumerate(patches):
        print('%04d %s' % (n + 1, p.subject))
        for e in p.files:
            print('     + %s' % e)
        for e in p.edits:
            print('     ~ %s' % e)


def cmd_checkpatch(args, patches, covers):
    if args.only:
        patches = [p for p in patches if p.series == args.only]
    for kind, why in patches[args.n - 1].checkpatch:
        print('%s %s' % (kind, why))


def cmd_files(args, patches, covers):
    out = set()
    for p in (patches if args.patch is None else [patches[args.patch - 1]]):
        for e in p.files:
            out.update(repo_files(e))
        if args.kind != 'new':
            for d in p.edits:
                out.update(diff_paths(os.path.join(TOP, d)))
                over = backport_file(args.base, d)
                if over:
                    out.update(diff_paths(over))
    for f in sorted(out):
        if args.kind != 'c' or f.endswith('.c'):
            print(f)


def cmd_delta(args, patches, covers):
    """What the backport to BASE changes, patch by patch."""
    if args.base == MAINLINE:
        die('BASE %s is mainline: there is no backport delta' % MAINLINE)
    total = 0
    for n, p in enumerate(patches):
        files = [backport_file(args.base, f) for e in p.files for f in repo_files(e)]
        files += [backport_file(args.base, d) for d in p.edits]
        files = [f for f in files if f]
        print('%04d %s: %s' % (n + 1, p.subject,
                               'same as mainline' if not files else
                               '%d file(s) differ' % len(files)))
        for f in files:
            with open(f, encoding='utf-8') as fh:
                text = fh.read()
            total += text.count('\n')
            print('\n==> %s <==\n%s' % (os.path.relpath(f, TOP), text))
    print('backport %s: %d lines in backport/%s/' % (args.base, total, args.base))


def cmd_refresh(args, patches, covers):
    refresh(args.tree, patches, args.base)


def cmd_apply(args, patches, covers):
    patches = select(patches + covers, args.only, args.deps_of)
    head = build_commits(args.tree, patches, args.upto, args.base,
                         args.signoff or BUILD_IDENTITY)
    if args.ref:
        git(args.tree, 'update-ref', 'refs/heads/' + args.ref, head)
        print('series: %d patches on %s as branch %s, %s' %
              (len(patches[:args.upto]), args.base, args.ref, head[:12]))
        return
    old = git(args.tree, 'rev-parse', 'HEAD')
    # edits by hand of tracked files (NO_APPLY=1 runs) are not the series:
    # stashed; files added by hand are left in place
    edited = git(args.tree, 'status', '--porcelain', '--untracked-files=no')
    if edited:
        git(args.tree, '-c', 'user.name=vmcoredd', '-c', 'user.email=vmcoredd@example.org',
            'stash', 'push', '-q', '-m', 'series apply: edits by hand')
        print('series: edits by hand in %s stashed (git -C %s stash list):\n%s'
              % (args.tree, args.tree, edited), file=sys.stderr)
    if old != head:
        git(args.tree, 'reset', '-q', '--hard', head)
    print('series: %d patches applied on %s, HEAD %s' %
          (len(patches[:args.upto]), args.base, head[:12]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--series', default=os.path.join(TOP, 'series'))
    ap.add_argument('--base', default=os.environ.get('BASE', MAINLINE),
                    choices=BASES)
    sub = ap.add_subparsers(dest='cmd', required=True)
    a = sub.add_parser('apply', help='move TREE to base + the series')
    a.add_argument('tree')
    a.add_argument('--upto', type=int, default=None,
                   help='apply only the first N patches')
    a.add_argument('--signoff', default=None,
                   help='"Name <email>" that signs off every patch')
    a.add_argument('--ref', default=None,
                   help='only point branch REF at the result; the work tree stays')
    a.add_argument('--only', default=None, metavar='NAME',
                   help='series NAME and the series it depends on')
    a.add_argument('--deps-of', default=None, metavar='NAME',
                   help='only the series that NAME depends on')
    sub.add_parser('list', help='list the patches and what they carry')
    c = sub.add_parser('checkpatch', help='accepted checkpatch types of patch N')
    c.add_argument('n', type=int)
    c.add_argument('--only', default=None, metavar='NAME',
                   help='N counts the patches of series NAME')
    r = sub.add_parser('refresh', help='rewrite the diffs of BASE from TREE')
    r.add_argument('tree')
    f = sub.add_parser('files', help='kernel paths the series adds or edits')
    f.add_argument('--kind', choices=['all', 'c', 'new'], default='all')
    f.add_argument('--patch', type=int, default=None,
                   help='only the files of patch N')
    cv = sub.add_parser('cover', help='print the cover letter of series NAME')
    cv.add_argument('name')
    sub.add_parser('groups', help='list the series: name, depends, prefix, patches')
    sub.add_parser('delta', help='print what the backport to BASE changes')
    args = ap.parse_args()
    if getattr(args, 'tree', None):
        args.tree = os.path.abspath(args.tree)
    blocks = parse(args.series)
    patches = [p for p in blocks if not p.cover]
    covers = [p for p in blocks if p.cover]
    handlers = {'cover': cmd_cover, 'list': cmd_list, 'checkpatch': cmd_checkpatch,
                'files': cmd_files, 'delta': cmd_delta, 'refresh': cmd_refresh,
                'apply': cmd_apply, 'groups': cmd_groups}
    handlers[args.cmd](args, patches, covers)


if __name__ == '__main__':
    main()
