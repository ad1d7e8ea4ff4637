"""`python -m index.meetings.evaluate`: precision and recall of meeting extraction on the annotated gold set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from index.article import Article
from index.loaders import load_source
from index.meetings.extract import extract_meetings
from index.meetings.gold import Score, load_gold, score

REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = REPO / "tests" / "meetings" / "gold" / "farsnews.jsonl"
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


def main(argv: list[str] | None = None) -> int:
    """Print the precision/recall table; --errors lists false and missed meetings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="annotated meetings (JSONL)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the FarsNews corpus directory")
    parser.add_argument("--errors", action="store_true", help="list false and missed meetings")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (pass --corpus)", file=sys.stderr)
        return 2
    gold, articles = load_gold(args.gold), load_articles(args.corpus)
    strict = score(gold, articles, extract_meetings)
    loose = score(gold, articles, extract_meetings, with_status=False)
    print(table([("participants and status", strict), ("participants only", loose)]))
    if args.errors:
        print("\n".join(strict.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
