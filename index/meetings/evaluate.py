"""`python -m index.meetings.evaluate`: precision and recall of meeting extraction on an annotated gold set.

The default is the fair sample (`tests/meetings/gold/fair.jsonl`, drawn by `index.meetings.sample`), scored on its
dev and test articles apart; `--gold tests/meetings/gold/regression.jsonl` scores the older set of hand-picked cases.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from index.article import Article
from index.loaders import load_source
from index.meetings.extract import extract_meetings
from index.meetings.gold import GoldArticle, Score, load_gold, score
from index.meetings.model import Meeting

REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = REPO / "tests" / "meetings" / "gold" / "fair.jsonl"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "farsnews"


def load_articles(corpus: Path) -> dict[str, Article]:
    """The corpus articles by id (loader errors skipped)."""
    return {item.id: item for item in load_source(corpus) if isinstance(item, Article)}


def table(rows: list[tuple[str, Score]]) -> str:
    """A Markdown table of the scores."""
    lines = [
        "| measure | articles | gold meetings | extracted | correct | precision | recall | trap false positives |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, s in rows:
        traps = ", ".join(f"{kind} {count}" for kind, count in sorted(s.trap_hits.items())) or "none"
        lines.append(
            f"| {name} | {s.articles} | {s.gold} | {s.extracted} | {s.correct} | {s.precision:.3f} | "
            f"{s.recall:.3f} | {traps} |"
        )
    return "\n".join(lines)


def measures(
    gold: list[GoldArticle],
    articles: dict[str, Article],
    extract: Callable[[Article], list[Meeting]] = extract_meetings,
) -> list[tuple[str, Score]]:
    """The scores of each split (dev, test, all; all alone when the set has no split): meetings in person, then
    every kind (a call, transfer or talks must carry its kind), participants and status both right."""
    splits = sorted({row.split for row in gold if row.split})
    parts = [(name, [row for row in gold if row.split == name]) for name in splits] if splits else []
    rows = []
    for name, part in [*parts, ("all", gold)]:
        rows.append((f"{name}: meetings", score(part, articles, extract, kinds=frozenset({"meeting"}))))
        rows.append((f"{name}: every kind", score(part, articles, extract)))
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the precision/recall table; --errors lists false and missed meetings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="annotated meetings (JSONL)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the FarsNews corpus directory")
    parser.add_argument("--errors", action="store_true", help="list false and missed meetings, with their sentences")
    parser.add_argument("--split", help="list the errors of this split only (dev: the one to read; test: scored)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (pass --corpus)", file=sys.stderr)
        return 2
    gold, articles = load_gold(args.gold), load_articles(args.corpus)
    scores = measures(gold, articles)
    print(table(scores))
    if args.errors:
        name = f"{args.split}: every kind" if args.split else "all: every kind"
        chosen = dict(scores).get(name)
        if chosen is None:
            print(f"no split {args.split!r} in {args.gold}", file=sys.stderr)
            return 2
        print("\n".join(chosen.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
