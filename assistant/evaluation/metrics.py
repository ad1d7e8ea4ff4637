"""The metrics of the shared eval scorer (score.py), reimplemented with the same definitions."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

CONCISE_CHARS = 400
_LETTERS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "\u200c": " ",
     "\u200f": "", "\u200e": "", "ـ": ""}
)  # fmt: skip
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_DIACRITICS = re.compile(r"[\u064b-\u065f\u0670]")
_PUNCTUATION = re.compile(r"[^\w\s]")
_MARKER = re.compile(r"\[\d+\]")


def fold(text: str) -> str:
    """Fold the spellings of one Persian word onto one form, for matching keywords."""
    text = _DIACRITICS.sub("", text.translate(_LETTERS).translate(_DIGITS))
    return " ".join(_PUNCTUATION.sub(" ", text).split()).lower()


def contains(haystack: str, needles: Sequence[str], match: str = "any") -> bool:
    """True when the text holds any (or, with match="all", every) needle, spellings folded."""
    folded = fold(haystack)
    spaced, joined = f" {folded} ", folded.replace(" ", "")
    found = []
    for needle in needles:
        key = fold(needle)
        if not key:
            continue
        compact = key.replace(" ", "")
        found.append(f" {key} " in spaced or (len(compact) > 3 and compact in joined))
    return bool(found) and (all(found) if match == "all" else any(found))


def is_gold(article_id: str | None, question: Mapping) -> bool:
    """The article id names the question's gold article (eval id, URL, or the seed's file name)."""
    if not article_id:
        return False
    gold = {question.get("article"), question.get("article_url")} - {None}
    if article_id in gold:
        return True
    article = question.get("article") or ""
    seed = article.removeprefix("seed:")
    return bool(article.startswith("seed:") and seed and seed in article_id)


def answer_text(answer: str) -> str:
    """The answer as a reader sees it, without citation markers or whitespace runs."""
    return " ".join(_MARKER.sub(" ", answer).split())


def _pct(part: float, whole: int) -> float | None:
    """A percentage with one decimal, or None when there is nothing to count."""
    return round(100.0 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Scores:
    """One row of the evaluation table."""

    questions: int
    answered_pct: float | None
    answer_hit_pct: float | None
    concise_answer_hit_pct: float | None
    answer_chars_p50: int | None
    cited_quote_supports_pct: float | None
    first_citation_is_gold_pct: float | None
    hit_at_1_pct: float | None
    hit_at_5_pct: float | None
    hit_at_10_pct: float | None
    mrr_at_10: float | None
    unanswerable_refused_pct: float | None
    latency_ms_p50: float | None
    latency_ms_p95: float | None


def score(questions: Iterable[Mapping], answers: Iterable[Mapping]) -> Scores:
    """Score answers (the batch answer format) against questions (the eval question format)."""
    questions = list(questions)
    by_id = {a["id"]: a for a in answers}
    answerable = [q for q in questions if not q.get("unanswerable")]
    unanswerable = [q for q in questions if q.get("unanswerable")]
    hits = {1: 0, 5: 0, 10: 0}
    reciprocal = 0.0
    with_gold = found = answer_hit = concise_hit = cited_gold = supported = 0
    lengths: list[int] = []
    for question in answerable:
        answer = by_id.get(question["id"], {})
        if question.get("article"):
            with_gold += 1
            ranked = list(dict.fromkeys(answer.get("retrieved") or []))
            rank = next((i for i, r in enumerate(ranked) if is_gold(r, question)), None)
            if rank is not None:
                for k in hits:
                    hits[k] += rank < k
                reciprocal += 1.0 / (rank + 1) if rank < 10 else 0.0
            citations = answer.get("citations") or []
            cited_gold += bool(citations and is_gold(citations[0].get("article_id"), question))
        if not answer.get("found"):
            continue
        found += 1
        keywords, match = question.get("answer_keywords") or [], question.get("match", "any")
        text = answer.get("answer", "")
        lengths.append(len(answer_text(text)))
        if contains(text, keywords, match):
            answer_hit += 1
            concise_hit += len(answer_text(text)) <= CONCISE_CHARS
        quotes = " ".join(c.get("quote", "") for c in answer.get("citations") or [])
        supported += contains(quotes, keywords, match)
    refused = sum(1 for q in unanswerable if not by_id.get(q["id"], {}).get("found"))
    latencies = sorted(a["latency_ms"] for a in by_id.values() if isinstance(a.get("latency_ms"), int | float))
    n = len(answerable)
    return Scores(
        questions=len(questions),
        answered_pct=_pct(found, n),
        answer_hit_pct=_pct(answer_hit, n),
        concise_answer_hit_pct=_pct(concise_hit, n),
        answer_chars_p50=round(statistics.median(lengths)) if lengths else None,
        cited_quote_supports_pct=_pct(supported, n),
        first_citation_is_gold_pct=_pct(cited_gold, with_gold),
        hit_at_1_pct=_pct(hits[1], with_gold),
        hit_at_5_pct=_pct(hits[5], with_gold),
        hit_at_10_pct=_pct(hits[10], with_gold),
        mrr_at_10=round(reciprocal / with_gold, 3) if with_gold else None,
        unanswerable_refused_pct=_pct(refused, len(unanswerable)),
        latency_ms_p50=round(statistics.median(latencies), 1) if latencies else None,
        latency_ms_p95=round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
    )


def _golds(question: Mapping) -> list[dict]:
    """Each gold article of a question as its own (article, article_url) pair: `articles` when it has several."""
    articles = question.get("articles") or [question.get("article")]
    urls = question.get("article_urls") or [question.get("article_url")] * len(articles)
    return [{"article": article, "article_url": url} for article, url in zip(articles, urls, strict=False)]


def all_gold_figures(questions: Iterable[Mapping], answers: Iterable[Mapping]) -> dict[str, float | None]:
    """Questions with several gold articles: every one retrieved in the top 10, every one cited by the answer."""
    by_id = {a["id"]: a for a in answers}
    answerable = [q for q in questions if not q.get("unanswerable")]
    retrieved_all = cited_all = 0
    for question in answerable:
        answer = by_id.get(question["id"], {})
        ranked = list(dict.fromkeys(answer.get("retrieved") or []))[:10]
        cited = [c.get("article_id") for c in answer.get("citations") or []] if answer.get("found") else []
        golds = _golds(question)
        retrieved_all += all(any(is_gold(r, gold) for r in ranked) for gold in golds)
        cited_all += all(any(is_gold(c, gold) for c in cited) for gold in golds)
    return {
        "all_gold_at_10_pct": _pct(retrieved_all, len(answerable)),
        "cites_all_gold_pct": _pct(cited_all, len(answerable)),
    }


def kind_figures(questions: Iterable[Mapping], answers: Iterable[Mapping]) -> dict[str, float | None]:
    """Concise answer hit per question `kind` (fact, who, …) of the answerable questions."""
    questions = [q for q in questions if q.get("kind") and not q.get("unanswerable")]
    answers = list(answers)
    kinds = sorted({q["kind"] for q in questions})
    return {
        f"{kind}_concise_hit_pct": score([q for q in questions if q["kind"] == kind], answers).concise_answer_hit_pct
        for kind in kinds
    }


def read_figures(questions: Iterable[Mapping], answers: Iterable[Mapping]) -> dict[str, float | None]:
    """What any reader could answer: answerable questions whose answer keywords are in the passages read (`read`)."""
    by_id = {a["id"]: a for a in answers}
    answerable = [q for q in questions if not q.get("unanswerable")]
    read = sum(
        contains(by_id.get(q["id"], {}).get("read", ""), q.get("answer_keywords") or [], q.get("match", "any"))
        for q in answerable
    )
    return {"answer_read_pct": _pct(read, len(answerable))}
