#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Assemble the patch series described by ./series into a kernel git tree.

The series file is the single description of the series: one block per
patch, in order.  A block is

    Subject: <subsystem>: <summary>
    Files: <path> [<path>...]      new files (or directories) of this repo,
                                   copied to the same kernel path
    Edits: <patches/x.diff> [...]  unified diffs against upstream files
    Checkpatch: TYPE reason        a checkpatch message this patch keeps,
                                   with its justification (in the mail,
                                   below the '---' line)

    <commit message body, kernel style, ending with Signed-off-by:>

and blocks are separated by a line holding only '---'.  Lines starting
with '#' before the first block are comments.  One block may instead be
the cover letter of the series:

    Cover: <summary of the series>

    <what and why, the user-visible changes, how it was tested>

The commits are built with git plumbing in a private index, then the work
tree is moved with 'git reset --hard', which rewrites only files whose
content changed: an edit to one file of the series costs one recompile.
"""
import argparse
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def die(msg):
    sys.stderr.write('series: error: %s\n' % msg)
    sys.exit(1)


def parse(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    patches = []
    for n, block in enumerate(text.split('\n---\n')):
        lines = block.strip('\n').split('\n')
        while lines and (lines[0].startswith('#') or not lines[0].strip()):
            lines.pop(0)
        if not lines:
            continue
        p = {'subject': None, 'files': [], 'edits': [], 'body': '',
             'checkpatch': []}
        i = 0
        while i < len(lines) and lines[i].strip():
            key, _, val = lines[i].partition(':')
            key = key.strip().lower()
            if key == 'subject':
                p['subject'] = val.strip()
            elif key == 'cover':
                p['subject'] = val.strip()
                p['cover'] = True
            elif key in ('files', 'edits'):
                p[key] += val.split()
            elif key == 'checkpatch':
                kind, _, why = val.strip().partition(' ')
                if not why:
                    die('%s: Checkpatch: %s needs a justification' % (path, kind))
                p['checkpatch'].append((kind, why.strip()))
            else:
                die('%s: block %d: unknown header %r' % (path, n + 1, key))
            i += 1
        if not p['subject']:
            die('%s: block %d has no Subject:' % (path, n + 1))
        p['body'] = '\n'.join(lines[i:]).strip('\n') + '\n'
        if p.get('cover'):
            patches.append(p)
            continue
        if 'Signed-off-by:' not in p['body']:
            die('%s: "%s" has no Signed-off-by:' % (path, p['subject']))
        patches.append(p)
    return patches


def git(tree, *args, env=None, inp=None, strip=True):
    e = dict(os.environ)
    if env:
        e.update(env)
    r = subprocess.run(['git', '-C', tree] + list(args), env=e, input=inp,
                       capture_output=True, text=True)
    if r.returncode:
        die('git %s: %s' % (' '.join(args), r.stderr.strip()))
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
    files = [f for f in out.split('\n') if f and os.path.isfile(os.path.join(TOP, f))]
    if not files:
        die('Files: %s is empty' % entry)
    return files


def build_commits(tree, patches, upto):
    idx = os.path.join(tree, '.git', 'series-index')
    env = {'GIT_INDEX_FILE': idx}
    env.update({'GIT_AUTHOR_DATE': '2026-01-01T00:00:00Z',
                'GIT_COMMITTER_DATE': '2026-01-01T00:00:00Z'})
    parent = git(tree, 'rev-parse', 'base^{commit}')
    git(tree, 'read-tree', parent, env=env)
    seen = {}
    for n, p in enumerate(patches[:upto]):
        for entry in p['files']:
            for f in repo_files(entry):
                if f in seen:
                    die('%s is carried by two patches' % f)
                seen[f] = n
                sha = git(tree, 'hash-object', '-w', os.path.join(TOP, f))
                mode = '100755' if os.access(os.path.join(TOP, f), os.X_OK) else '100644'
                git(tree, 'update-index', '--add', '--cacheinfo',
                    '%s,%s,%s' % (mode, sha, f), env=env)
        for d in p['edits']:
            full = os.path.join(TOP, d)
            if not os.path.isfile(full):
                die('Edits: %s does not exist' % d)
            r = subprocess.run(['git', '-C', tree, 'apply', '--cached',
                                '--whitespace=nowarn', full],
                               env=dict(os.environ, **env),
                               capture_output=True, text=True)
            if r.returncode:
                die('%s does not apply (patch %d "%s"):\n%s' %
                    (d, n + 1, p['subject'], r.stderr.strip()))
        name, email = author(p)
        env.update({'GIT_AUTHOR_NAME': name, 'GIT_AUTHOR_EMAIL': email,
                    'GIT_COMMITTER_NAME': name, 'GIT_COMMITTER_EMAIL': email})
        t = git(tree, 'write-tree', env=env)
        msg = p['subject'] + '\n\n' + p['body']
        parent = git(tree, 'commit-tree', t, '-p', parent, '-F', '-',
                     env=env, inp=msg)
    os.unlink(idx)
    return parent


def edit_paths(diff):
    """Kernel paths a unified diff touches, in order."""
    out = []
    with open(os.path.join(TOP, diff), encoding='utf-8') as fh:
        for line in fh:
            m = re.match(r'^diff --git a/(\S+) b/', line)
            if m and m.group(1) not in out:
                out.append(m.group(1))
    return out


def refresh(tree, patches):
    """Rewrite every Edits: diff from the commits of TREE.

    TREE must hold base plus one commit per patch, in the order of the
    series file, as after 'apply' and any hand edit, reorder or conflict
    resolution done there with git (rebase -i, commit --amend).  Each
    diff is regenerated for the paths it already names."""
    commits = git(tree, 'rev-list', '--reverse', 'base..HEAD').split()
    if len(commits) != len(patches):
        die('%s has %d commits on base, the series %d patches' %
            (tree, len(commits), len(patches)))
    parent = git(tree, 'rev-parse', 'base')
    for p, c in zip(patches, commits):
        subject = git(tree, 'log', '-1', '--format=%s', c)
        if subject != p['subject']:
            die('commit %s is "%s", the series says "%s"' %
                (c[:12], subject, p['subject']))
        for d in p['edits']:
            paths = edit_paths(d)
            text = ''.join(git(tree, 'diff', '--no-color', '--no-renames',
                               parent, c, '--', f, strip=False)
                           for f in paths)
            with open(os.path.join(TOP, d), 'w', encoding='utf-8') as fh:
                fh.write(text)
        parent = c


def author(p):
    """The author is the first Signed-off-by: of the patch."""
    m = re.search(r'^Signed-off-by: (.*?) <(.*?)>$', p['body'], re.M)
    if not m:
        die('"%s": Signed-off-by: needs "Name <email>"' % p['subject'])
    return m.group(1), m.group(2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--series', default=os.path.join(TOP, 'series'))
    sub = ap.add_subparsers(dest='cmd', required=True)
    a = sub.add_parser('apply', help='move TREE to base + the series')
    a.add_argument('tree')
    a.add_argument('--upto', type=int, default=None,
                   help='apply only the first N patches')
    sub.add_parser('list', help='list the patches and what they carry')
    c = sub.add_parser('checkpatch', help='accepted checkpatch types of patch N')
    c.add_argument('n', type=int)
    r = sub.add_parser('refresh', help='rewrite the Edits: diffs from TREE')
    r.add_argument('tree')
    f = sub.add_parser('files', help='kernel paths the series adds or edits')
    f.add_argument('--kind', choices=['all', 'c', 'new'], default='all')
    f.add_argument('--patch', type=int, default=None,
                   help='only the files of patch N')
    sub.add_parser('cover', help='print the cover letter: subject, body')
    args = ap.parse_args()
    if getattr(args, "tree", None):
        args.tree = os.path.abspath(args.tree)
    blocks = parse(args.series)
    patches = [p for p in blocks if not p.get('cover')]
    covers = [p for p in blocks if p.get('cover')]

    if args.cmd == 'cover':
        if len(covers) != 1:
            die('%s needs exactly one Cover: block' % args.series)
        print(covers[0]['subject'])
        print()
        print(covers[0]['body'], end='')
    elif args.cmd == 'list':
        for n, p in enumerate(patches):
            print('%04d %s' % (n + 1, p['subject']))
            for e in p['files']:
                print('     + %s' % e)
            for e in p['edits']:
                print('     ~ %s' % e)
    elif args.cmd == 'checkpatch':
        for kind, why in patches[args.n - 1]['checkpatch']:
            print('%s %s' % (kind, why))
    elif args.cmd == 'files':
        out = set()
        for p in (patches if args.patch is None else [patches[args.patch - 1]]):
            for e in p['files']:
                out.update(repo_files(e))
            if args.kind != 'new':
                for d in p['edits']:
                    with open(os.path.join(TOP, d), encoding='utf-8') as fh:
                        for line in fh:
                            if line.startswith('+++ b/'):
                                out.add(line[6:].strip())
        for f in sorted(out):
            if args.kind != 'c' or f.endswith('.c'):
                print(f)
    elif args.cmd == 'refresh':
        refresh(os.path.abspath(args.tree), patches)
    elif args.cmd == 'apply':
        head = build_commits(args.tree, patches, args.upto)
        old = git(args.tree, 'rev-parse', 'HEAD')
        if old != head:
            git(args.tree, 'reset', '-q', '--hard', head)
        print('series: %d patches applied, HEAD %s' %
              (len(patches[:args.upto]), head[:12]))


if __name__ == '__main__':
    main()
