#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Unit tests of build-tools/series.py: parsing, series chains, messages,
and building commits on a scratch git tree (with a backport delta)."""
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import series  # noqa: E402

TEXT = '''# comment
Cover: a: first
Series: a

cover a
---
Subject: a: one
Files: f1
Edits: patches/one.diff
Checkpatch: SOME_TYPE because

body one
---
Subject: a: two
Edits: patches/grow.diff

body two
---
Cover: b: second
Series: b
Depends: a
Prefix: net-next

cover b
---
Subject: b: three

body three
'''


class ParseTest(unittest.TestCase):
    def test_blocks(self):
        blocks = series.parse_text(TEXT)
        self.assertEqual([b.subject for b in blocks],
                         ['a: first', 'a: one', 'a: two', 'b: second', 'b: three'])
        one = blocks[1]
        self.assertEqual(one.files, ['f1'])
        self.assertEqual(one.edits, ['patches/one.diff'])
        self.assertEqual(one.checkpatch, [('SOME_TYPE', 'because')])
        self.assertEqual(one.series, 'a')
        self.assertEqual(blocks[4].series, 'b')
        self.assertEqual(blocks[3].depends, ['a'])
        self.assertEqual(blocks[3].prefix, 'net-next')

    def test_signoff_refused(self):
        with self.assertRaises(SystemExit):
            series.parse_text(TEXT.replace('body two', 'body two\n\nSigned-off-by: X <x@y>'))

    def test_patch_before_cover_refused(self):
        with self.assertRaises(SystemExit):
            series.parse_text('Subject: x: y\n\nbody\n')

    def test_checkpatch_needs_reason(self):
        with self.assertRaises(SystemExit):
            series.parse_text(TEXT.replace('SOME_TYPE because', 'SOME_TYPE'))


class ChainTest(unittest.TestCase):
    def setUp(self):
        self.blocks = series.parse_text(TEXT)

    def test_select(self):
        subj = lambda ps: [p.subject for p in ps]
        self.assertEqual(subj(series.select(self.blocks)), ['a: one', 'a: two', 'b: three'])
        self.assertEqual(subj(series.select(self.blocks, only='a')), ['a: one', 'a: two'])
        self.assertEqual(subj(series.select(self.blocks, only='b')),
                         ['a: one', 'a: two', 'b: three'])
        self.assertEqual(subj(series.select(self.blocks, deps_of='b')), ['a: one', 'a: two'])
        self.assertEqual(series.select(self.blocks, deps_of='a'), [])

    def test_dependency_must_come_first(self):
        text = TEXT.replace('Depends: a', '').replace('Series: a\n', 'Series: a\nDepends: b\n')
        with self.assertRaises(SystemExit):
            series.covers_of(series.parse_text(text))

    def test_unknown_series(self):
        with self.assertRaises(SystemExit):
            series.select(self.blocks, only='c')


class MessageTest(unittest.TestCase):
    def test_notes_wrapped_before_signoff(self):
        p = series.parse_text(TEXT)[1]
        msg = series.commit_message(p, '6.12', ['word ' * 40], 'N <n@x.org>')
        lines = msg.rstrip('\n').split('\n')
        self.assertEqual(lines[-1], 'Signed-off-by: N <n@x.org>')
        self.assertTrue(all(len(x) <= 72 for x in lines))
        self.assertIn('[ 6.12 backport: word', msg)

    def test_identity(self):
        self.assertEqual(series.parse_identity('A B <a@b.c>'), ('A B', 'a@b.c'))
        with self.assertRaises(SystemExit):
            series.parse_identity('nobody')


class BuildTest(unittest.TestCase):
    """build_commits() on a scratch tree: new files, edits, a backport delta."""

    def git(self, *args):
        return subprocess.run(['git', '-C', self.tree] + list(args), check=True,
                              capture_output=True, text=True).stdout

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.top = os.path.join(self.tmp.name, 'top')
        self.tree = os.path.join(self.tmp.name, 'tree')
        os.makedirs(os.path.join(self.top, 'patches'))
        os.makedirs(os.path.join(self.top, 'backport', '6.12', 'patches'))
        os.makedirs(self.tree)
        with open(os.path.join(self.tree, 'up.txt'), 'w') as f:
            f.write('a\nb\nc\n')
        self.git('init', '-q')
        self.git('add', '-A')
        self.git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'base')
        self.git('tag', 'base')
        with open(os.path.join(self.top, 'f1'), 'w') as f:
            f.write('mainline\n')
        with open(os.path.join(self.top, 'patches', 'one.diff'), 'w') as f:
            f.write('diff --git a/up.txt b/up.txt\n--- a/up.txt\n+++ b/up.txt\n'
                    '@@ -1,3 +1,4 @@\n a\n+added\n b\n c\n')
        with open(os.path.join(self.top, 'f1'), 'w') as f:
            f.write('step two\na\nb\nc\nmainline\n')
        with open(os.path.join(self.top, 'patches', 'grow.diff'), 'w') as f:
            f.write('diff --git a/f1 b/f1\n--- a/f1\n+++ b/f1\n'
                    '@@ -1,3 +1,4 @@\n+step two\n a\n b\n c\n')
        with open(os.path.join(self.top, 'backport', '6.12', 'f1.diff'), 'w') as f:
            f.write('why it differs\n\ndiff --git a/f1 b/f1\n--- a/f1\n+++ b/f1\n'
                    '@@ -2,4 +2,4 @@\n a\n b\n c\n-mainline\n+backport\n')
        self.old_top = series.TOP
        series.TOP = self.top
        subprocess.run(['git', '-C', self.top, 'init', '-q'], check=True)

    def tearDown(self):
        series.TOP = self.old_top
        self.tmp.cleanup()

    def build(self, base):
        patches = series.select(series.parse_text(TEXT))
        head = series.build_commits(self.tree, patches, None, base, 'N <n@x.org>')
        return head

    def test_mainline(self):
        head = self.build('7.3')
        # the new file grows in patch two; patch one adds it without that
        self.assertEqual(self.git('show', head + '~2:f1'), 'a\nb\nc\nmainline\n')
        self.assertEqual(self.git('show', head + '~1:f1'), 'step two\na\nb\nc\nmainline\n')
        self.assertEqual(self.git('show', head + ':up.txt'), 'a\nadded\nb\nc\n')
        self.assertEqual(self.git('rev-list', '--count', 'base..' + head).strip(), '3')
        self.assertIn('Signed-off-by: N <n@x.org>', self.git('log', '-1', '--format=%B', head))

    def test_backport_delta(self):
        head = self.build('6.12')
        self.assertEqual(self.git('show', head + ':f1'), 'step two\na\nb\nc\nbackport\n')
        self.assertEqual(self.git('show', head + '~2:f1'), 'a\nb\nc\nbackport\n')
        msg = self.git('log', '-1', '--format=%B', head + '~2')
        self.assertIn('[ 6.12 backport: why it differs ]', msg)

    def test_backport_override_of_a_step(self):
        # 6.12's own hunk for the new file in patch two, on top of mainline's
        # step and the delta of the whole series
        with open(os.path.join(self.top, 'backport', '6.12', 'patches', 'grow.diff'), 'w') as f:
            f.write('step two differs\n\ndiff --git a/f1 b/f1\n--- a/f1\n+++ b/f1\n'
                    '@@ -1,2 +1,2 @@\n-step two\n+step 2\n a\n')
        head = self.build('6.12')
        self.assertEqual(self.git('show', head + '~2:f1'), 'a\nb\nc\nbackport\n')
        self.assertEqual(self.git('show', head + '~1:f1'), 'step 2\na\nb\nc\nbackport\n')
        self.assertIn('[ 6.12 backport: step two differs ]',
                      self.git('log', '-1', '--format=%B', head + '~1'))

    def test_chain_leaves_later_series_out(self):
        # series b grows a's new file f1 too: built alone, a has f1 as it is
        # after a, without b's line
        with open(os.path.join(self.top, 'f1'), 'w') as f:
            f.write('step two\na\nb\nc\nmainline\nlater\n')
        with open(os.path.join(self.top, 'patches', 'later.diff'), 'w') as f:
            f.write('diff --git a/f1 b/f1\n--- a/f1\n+++ b/f1\n'
                    '@@ -3,3 +3,4 @@\n b\n c\n mainline\n+later\n')
        blocks = series.parse_text(TEXT.replace('Subject: b: three\n',
                                                'Subject: b: three\nEdits: patches/later.diff\n'))
        head = series.build_commits(self.tree, series.select(blocks, only='a'), None,
                                    '7.3', 'N <n@x.org>')
        self.assertEqual(self.git('show', head + ':f1'), 'step two\na\nb\nc\nmainline\n')
        head = series.build_commits(self.tree, series.select(blocks), None,
                                    '7.3', 'N <n@x.org>')
        self.assertEqual(self.git('show', head + ':f1'), 'step two\na\nb\nc\nmainline\nlater\n')

    def test_hunks_reverse_and_skip(self):
        diff = os.path.join(self.top, 'patches', 'grow.diff')
        hunks = series.diff_hunks(diff, 'f1')
        self.assertEqual(series.apply_hunks('step two\na\nb\nc\n', hunks, reverse=True),
                         'a\nb\nc\n')
        self.assertEqual(series.apply_hunks('x\n', hunks, strict=False), 'x\n')
        with self.assertRaises(SystemExit):
            series.apply_hunks('x\n', hunks)

if __name__ == '__main__':
    unittest.main()
