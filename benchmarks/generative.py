"""The generative answerer with a real model: what its verifier kept and removed, and how soon sentences show.

    python -m llama_cpp.server --model SmolLM2-135M-Instruct.Q4_1.gguf --host 127.0.0.1 --port 8080 &
    KHABAR_LLM_URL=http://127.0.0.1:8080/v1 python -m benchmarks.generative --index DIR \\
        --questions ../shared/eval/facts-dev.jsonl ../shared/eval/meetings-dev.jsonl --out /tmp/generative.jsonl

With `--replay-evidence RATE` no model is needed: a scripted server streams each question's evidence sentence
from the eval set (a sentence a person accepts, cited [1]; unanswerable questions, which have none, are skipped)
at RATE tokens a second: how soon a verified sentence shows at a real model's pace, and how many such sentences
the verifier keeps. `--save-replies FILE` writes what the real model wrote to each question (and the passages it
was answered from); `--replay-replies FILE` streams those replies again from the scripted server, so two
verifiers are compared on the very same sentences without the model.

For every question it streams a generative answer and records each sentence the model wrote (kept, with the
passage it cites, or removed, with why), the notice, and the time from the model's first token to the first
verified sentence. "Invented facts passed" recounts, for every kept sentence, the numbers, dates and Latin names
that its cited passage (read back from the index) does not hold. The extractive answer's latency is the baseline
column. `--out` gets one JSON line per sentence, for judging by hand which removed sentences a person would accept.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

from assistant.answer import Answer
from assistant.answering.generative import Removed, Token, Verified
from assistant.answering.generative_model import LLMSettings
from assistant.answering.verification.facts import Evidence, missing_facts, passage_words
from assistant.app import Assistant, AssistantSettings
from assistant.config import index_settings, llm_settings
from benchmarks.replay_llm import Replay, replay_server
from index.embeddings import make_embedder
from index.news_index import NewsIndex

_MARKER = re.compile(r"\s*\[\d+\]$")
REPLAY_RATE = 500.0
"""Tokens a second of a replayed real reply: fast, since its timing was measured when the model wrote it."""


def _recorded(path: Path | None) -> dict[str, str]:
    """The replies a --save-replies run wrote, by question id."""
    if path is None:
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["id"]: row["reply"] for row in rows}


def _questions(paths: list[Path], limit: int) -> list[dict]:
    """The questions of the files (the first `limit` of each when limit > 0)."""
    rows = []
    for path in paths:
        lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows.extend(lines[:limit] if limit else lines)
    return rows


def _p(values: list[float], q: float) -> str:
    """A percentile in ms, or a dash."""
    if not values:
        return "–"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))]:.0f}"


def main() -> None:
    """Run the questions generatively and extractively; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True)
    parser.add_argument("--questions", type=Path, nargs="+", required=True)
    parser.add_argument("--limit", type=int, default=0, help="the first N questions of each file (0: all)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/khabar-generative.jsonl"))
    parser.add_argument("--replay-evidence", type=float, metavar="RATE", help="tokens a second of a scripted model")
    parser.add_argument("--save-replies", type=Path, help="write each question's model reply here (JSON lines)")
    parser.add_argument("--replay-replies", type=Path, help="stream the replies a --save-replies run wrote")
    args = parser.parse_args()
    if args.replay_evidence and args.replay_replies:
        parser.error("--replay-evidence and --replay-replies are two scripted models: choose one")
    replay = Replay(args.replay_evidence or REPLAY_RATE) if args.replay_evidence or args.replay_replies else None
    with replay_server(replay) if replay else nullcontext() as url:
        llm = replace(llm_settings(), url=url, model="replay") if url else llm_settings()
        run(args, llm, replay)


def run(args: argparse.Namespace, llm: LLMSettings, replay: Replay | None) -> None:
    """Ask every question both ways and print the table."""
    news_index = NewsIndex(index_settings(args.index, None, None))
    embedder = make_embedder(news_index.settings.embedder)
    generative = Assistant(news_index, embedder, AssistantSettings(answerers=("generative",), llm=llm))
    extractive = Assistant(news_index, embedder)
    counts = {"questions": 0, "generative answers": 0, "fallbacks": 0, "sentences": 0, "kept": 0, "invented passed": 0}
    reasons: dict[str, int] = {}
    to_first, checks, total_gen, total_ext = [], [], [], []
    recorded = _recorded(args.replay_replies)
    saved = args.save_replies.open("w", encoding="utf-8") if args.save_replies else None
    with args.out.open("w", encoding="utf-8") as out:
        for row in _questions(args.questions, args.limit):
            if args.replay_replies and row["id"] not in recorded:
                continue  # not asked in the recorded run
            if args.replay_evidence and not row.get("evidence"):
                continue  # an unanswerable question: no sentence to replay
            counts["questions"] += 1
            if replay:
                replay.reply = recorded.get(row["id"]) or f"{row['evidence'].strip().rstrip('.')} [1]."
            started, first_token, first_verified, answer = time.perf_counter(), None, None, None
            last_token = None
            verified: list[str] = []
            written: list[str] = []
            for step in generative.ask_stream(row["question"], k=5):
                now = time.perf_counter()
                if isinstance(step, Token):
                    first_token, last_token = first_token or now, now
                    written.append(step.text)
                elif isinstance(step, Verified):
                    if first_verified is None and last_token is not None:
                        checks.append((now - last_token) * 1000)
                    first_verified = first_verified or now
                    verified.append(_MARKER.sub("", step.text).strip())
                elif isinstance(step, Removed):
                    reason = step.item.reason.split(":")[0]
                    reasons[reason] = reasons.get(reason, 0) + 1
                    counts["sentences"] += 1
                    out.write(json.dumps({"id": row["id"], "kept": False, **vars(step.item)}, ensure_ascii=False))
                    out.write("\n")
                elif isinstance(step, Answer):
                    answer = step
            total_gen.append((time.perf_counter() - started) * 1000)
            if first_token and first_verified:
                to_first.append((first_verified - first_token) * 1000)
            assert answer is not None
            if saved:
                passages = [p.text for p in answer.passages]
                reply = {"id": row["id"], "question": row["question"], "reply": "".join(written), "passages": passages}
                saved.write(json.dumps(reply | {"notice": answer.notice}, ensure_ascii=False) + "\n")
            if answer.answerer == "generative":
                counts["generative answers"] += 1
                passages = {p.chunk_id: p.text for p in answer.passages}
                for sentence, citation in zip(verified, answer.citations, strict=True):
                    cited = passages.get(citation.chunk_id, citation.quote)
                    claim, source = Evidence.of(sentence), Evidence.of(cited)
                    invented = missing_facts(claim, source, passage_words(cited))
                    counts["kept"] += 1
                    counts["sentences"] += 1
                    counts["invented passed"] += bool(invented)
                    record = {"id": row["id"], "kept": True, "text": sentence, "quote": citation.quote}
                    record["invented"], record["new_terms"] = invented, sorted(claim.terms - source.terms)
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif answer.notice:
                counts["fallbacks"] += 1
            started = time.perf_counter()
            extractive.ask(row["question"], k=5)
            total_ext.append((time.perf_counter() - started) * 1000)
    if saved:
        saved.close()
    print("| figure | value |\n| --- | --- |")
    for name, value in counts.items():
        print(f"| {name} | {value} |")
    for reason, value in sorted(reasons.items()):
        print(f"| removed: {reason} | {value} |")
    print(f"| first token → first verified sentence, ms p50 / p95 | {_p(to_first, 0.5)} / {_p(to_first, 0.95)} |")
    print(f"| its check after its last token, ms p50 / p95 | {_p(checks, 0.5)} / {_p(checks, 0.95)} |")
    print(f"| whole answer ms p50: generative / extractive (baseline) | {_p(total_gen, 0.5)} / {_p(total_ext, 0.5)} |")
    news_index.close()


if __name__ == "__main__":
    main()
