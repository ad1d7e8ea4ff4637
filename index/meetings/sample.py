"""`python -m index.meetings.sample`: the seeded draw of FarsNews sentences that the fair gold set labels.

Articles are drawn by a seed from the sorted corpus ids, in rounds (each round from the articles not drawn yet, its
seed the seed plus 100 per round), and each round is split dev/test by article; every sentence of a drawn article
that holds a meeting word (the extraction's cues and the words of calls and receptions it does not read) is listed,
and a seeded few of their other sentences per round, so that the labels measure recall beyond the cue words.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from index.article import Article
from index.meetings.evaluate import DEFAULT_CORPUS, load_articles
from index.meetings.fold import fold
from index.text.sentences import split_sentences

LABEL_CUE = re.compile(
    r"دیدار|ملاقات|مذاکره|رایزنی|گفتگو|گفت\s?و\s?گو|گفت\s?گو|میزبان|استوارنامه|تلفن|تماس|استقبال|همتا|دیدن"
)
"""Meeting words for labelling: wider than the extraction's cues, so that a meeting they miss is still read."""


def drawn_articles(ids: list[str], count: int, seed: int) -> list[tuple[str, str]]:
    """(article id, split) of `count` of the sorted ids drawn by the seed; the first half of a second shuffle is dev."""
    if not 0 < count <= len(ids):
        raise ValueError(f"count must be between 1 and {len(ids)}. Currently, count is {count}")
    drawn = random.Random(seed).sample(ids, count)
    order = drawn[:]
    random.Random(seed + 1).shuffle(order)
    dev = set(order[: count // 2])
    return [(article_id, "dev" if article_id in dev else "test") for article_id in drawn]


def sample_rows(articles: dict[str, Article], counts: list[int], seed: int, others: int) -> Iterator[dict]:
    """The sentences to label, round by round: every meeting-word sentence of the round's articles, and `others`
    of their other sentences by the round's seed."""
    left = sorted(articles)
    for number, count in enumerate(counts):
        round_seed = seed + 100 * number
        drawn = drawn_articles(left, count, round_seed)
        taken = {article_id for article_id, _ in drawn}
        left = [article_id for article_id in left if article_id not in taken]
        rest: list[dict] = []
        for article_id, split in drawn:
            text = articles[article_id].text
            for index, span in enumerate(split_sentences(text)):
                row = {"article": article_id, "split": split, "sentence": index, "text": text[span.start : span.end]}
                if LABEL_CUE.search(fold(row["text"])):
                    yield {**row, "round": number, "drawn": "cue"}
                else:
                    rest.append({**row, "round": number, "drawn": "other"})
        yield from random.Random(round_seed + 2).sample(rest, min(others, len(rest)))


def main(argv: list[str] | None = None) -> int:
    """Print the sentences to label as JSONL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the FarsNews corpus directory")
    parser.add_argument(
        "--articles", type=int, nargs="+", default=[400, 300], help="how many articles each round draws"
    )
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--others", type=int, default=40, help="sentences without a meeting word per round")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (pass --corpus)", file=sys.stderr)
        return 2
    for row in sample_rows(load_articles(args.corpus), args.articles, args.seed, args.others):
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
