"""What re-deriving each people table costs when an index is opened, beside the meetings and statements tables.

    python -m benchmarks.people_open INDEX [--repeat 3]

Copies INDEX to a temporary folder (it is never written), opens it once so every table is current, then for each
extension marks its recorded version stale and times the next open, which re-derives that table from the stored
article text (the people table is also re-derived whenever the code of meetings or statements changes: its version
names theirs). Prints a Markdown table of the median seconds, with the counts of rows each table holds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from index.extensions import default_extensions
from index.store.manifest import Manifest

TABLES = {"meetings": "meetings", "statements": "statements", "people": "people"}
"""The extension names and the table whose rows each keeps."""


def _open_seconds(path: Path, stale: str) -> float:
    """Seconds to open the manifest after marking one extension's version stale."""
    manifest = Manifest(path, default_extensions())
    manifest.set_meta(f"extension:{stale}", "stale")
    manifest.close()
    start = time.perf_counter()
    Manifest(path, default_extensions()).close()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="khabar-people-open-") as folder:
        path = Path(folder) / "manifest.sqlite3"
        for name in ("manifest.sqlite3", "manifest.sqlite3-wal", "manifest.sqlite3-shm"):
            if (args.index / name).exists():
                shutil.copy(args.index / name, Path(folder) / name)
        Manifest(path, default_extensions()).close()
        manifest = Manifest(path, default_extensions())
        db = manifest.connection
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        rows = {name: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for name, table in TABLES.items()}
        manifest.close()
        print(f"{articles} articles\n")
        print("| table re-derived on open | rows | median seconds |")
        print("| --- | ---: | ---: |")
        for name in TABLES:
            seconds = [_open_seconds(path, name) for _ in range(args.repeat)]
            print(f"| {name} | {rows[name]} | {statistics.median(seconds):.2f} |")


if __name__ == "__main__":
    main()
