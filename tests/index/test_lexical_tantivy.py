"""The tantivy index beside the manifest loses nothing: a crash between the two commits, a lost or stale directory
and another process's writer lock are all repaired from the manifest."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import tantivy
from conftest import REPO
from lexical_contract import _articles, _only_in

from index.store.lexical_tantivy import TantivyLexicalIndex, _schema
from index.store.manifest import Manifest


def _open(home, **options):
    lexical = TantivyLexicalIndex(home / "lexical", **options)
    return Manifest(home / "manifest.sqlite3", [lexical]), lexical


def _journalled(manifest) -> int:
    return manifest.connection.execute("SELECT count(*) FROM lexical_pending").fetchone()[0]


def test_a_crash_after_the_manifest_commit_is_repaired_on_opening(tmp_path):
    home = tmp_path / "index"
    manifest, _ = _open(home)
    manifest.close()
    crash = f"""
        import os, sys
        sys.path[:0] = [{str(REPO)!r}, {str(REPO / "tests" / "index")!r}, {str(REPO / "tests")!r}]
        from pathlib import Path
        from lexical_contract import _articles
        from index.store.lexical_tantivy import TantivyLexicalIndex
        from index.store.manifest import Manifest

        class DiesBeforeTantivyCommits(TantivyLexicalIndex):
            def apply(self, db):
                if db.execute("SELECT count(*) FROM lexical_pending").fetchone()[0]:
                    os._exit(9)  # the process dies with the manifest committed and tantivy not

        home = Path({str(home)!r})
        manifest = Manifest(home / "manifest.sqlite3", [DiesBeforeTantivyCommits(home / "lexical")])
        manifest.commit(_articles())
    """
    died = subprocess.run([sys.executable, "-c", textwrap.dedent(crash)], capture_output=True, text=True)
    assert died.returncode == 9, died.stderr
    tantivy_index = tantivy.Index(_schema(), path=str(home / "lexical"))
    assert tantivy_index.searcher().num_docs == 0, "the crash left tantivy without the commit"

    manifest, lexical = _open(home)
    articles = _articles()
    assert _journalled(manifest) == 0
    assert lexical.size == manifest.stats()["chunks"] == sum(len(chunks) for _, chunks in articles)
    word = _only_in(articles, 2)
    assert {c for c, _ in lexical.search(word, 10)} <= {c.id for c in articles[2][1]}
    assert lexical.search(word, 10)
    manifest.close()


def test_a_lost_or_stale_directory_is_derived_again_from_the_manifest(tmp_path):
    home = tmp_path / "index"
    manifest, lexical = _open(home)
    articles = _articles()
    manifest.commit(articles[:2])
    manifest.close()
    stale = tmp_path / "stale-copy"
    shutil.copytree(home / "lexical", stale)
    manifest, lexical = _open(home)
    manifest.commit(articles[2:])
    expected = lexical.search(_only_in(articles, 2), 10)
    manifest.close()

    shutil.rmtree(home / "lexical")
    manifest, lexical = _open(home)
    assert lexical.search(_only_in(articles, 2), 10) == expected
    manifest.close()

    shutil.rmtree(home / "lexical")
    shutil.copytree(stale, home / "lexical")  # a backup from before the last commit: one article short
    manifest, lexical = _open(home)
    assert lexical.size == manifest.stats()["chunks"]
    assert lexical.search(_only_in(articles, 2), 10) == expected
    manifest.close()


def test_a_write_while_another_process_holds_the_writer_is_kept_and_applied_later(tmp_path):
    home = tmp_path / "index"
    manifest, lexical = _open(home, lock_wait=0.2)
    other_process = tantivy.Index(_schema(), path=str(home / "lexical")).writer(heap_size=15_000_000, num_threads=1)
    articles = _articles()
    manifest.commit(articles)
    assert _journalled(manifest) > 0 and lexical.size == 0, "tantivy could not be written: the change waits"
    del other_process
    manifest.close()
    manifest, lexical = _open(home)
    assert _journalled(manifest) == 0 and lexical.size == manifest.stats()["chunks"] > 0
    manifest.close()
