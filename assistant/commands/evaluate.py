"""`khabar eval`: answer the eval sets (all, some by name, or one questions file) and print a quality table each."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from assistant.commands.common import (
    EXIT_INDEX,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    add_index_options,
    opened_index,
    print_json,
)
from assistant.config import shared_dir
from assistant.evaluation.sets import CORPORA, SETS, Corpus, EvalSet, set_for_file
from assistant.evaluation.squad import convert, write_corpus
from index.embeddings import make_embedder
from index.ingest import Ingestor
from index.loaders import load_source
from index.news_index import NewsIndex
from index.progress import TerminalProgress

REPO = Path(__file__).resolve().parents[2]


def _listed(value: str, known: dict | tuple, what: str) -> list[str]:
    """A comma-separated list of names, each among `known`."""
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in known]
    if not names or unknown:
        raise argparse.ArgumentTypeError(f"{what} must be among {', '.join(known)}; got {value!r}")
    return names


def _index_of(value: str) -> tuple[str, str]:
    """A CORPUS=DIR pair naming the index one corpus is answered from."""
    corpus, _, directory = value.partition("=")
    if corpus not in CORPORA or not directory:
        raise argparse.ArgumentTypeError(f"expected CORPUS=DIR with CORPUS among {', '.join(CORPORA)}; got {value!r}")
    return corpus, directory


def _modes(value: str) -> list[str]:
    """A comma-separated list of retrieval modes."""
    from assistant.retrieval.hybrid import MODES  # the answering stack loads only for the commands that answer

    return _listed(value, MODES, "modes")


def register(commands: argparse._SubParsersAction) -> None:
    """Add the eval parser."""
    parser = commands.add_parser("eval", help="measure answer quality on the eval sets, one table per set")
    parser.add_argument("questions", type=Path, nargs="?", metavar="QUESTIONS.jsonl", help="one questions file")
    parser.add_argument(
        "--set", dest="sets", type=lambda v: _listed(v, SETS, "sets"), help=f"comma-separated: {','.join(SETS)}"
    )
    parser.add_argument("--shared", metavar="DIR", help="the shared data folder (default: $KHABAR_SHARED, ../shared)")
    parser.add_argument(
        "--index-of", type=_index_of, action="append", default=[], metavar="CORPUS=DIR",
        help=f"the index of one corpus ({', '.join(CORPORA)}); --index serves when only one corpus is needed",
    )  # fmt: skip
    parser.add_argument(
        "--build", nargs="?", const=list(CORPORA), default=[], type=lambda v: _listed(v, CORPORA, "corpora"),
        metavar="CORPORA", help="ingest these corpora (default: every one needed) into their indexes; resumable",
    )  # fmt: skip
    parser.add_argument("--corpus", metavar="PATH", help="with QUESTIONS.jsonl: ingest this corpus first")
    parser.add_argument(
        "--modes", type=_modes, default=["hybrid"], help="comma-separated: "
        "hybrid,dense,bm25 (default hybrid)",
    )  # fmt: skip
    parser.add_argument("--languages", default=None, help="fa,en (default: every language the set has)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument(
        "--before", type=Path, metavar="RUN.json", help="a saved `--json` run: print each figure beside it"
    )
    add_index_options(parser)
    parser.set_defaults(run=run)


def _specs(args: argparse.Namespace) -> list[EvalSet]:
    """The sets to run: the questions file, the named sets, or every set."""
    if args.questions and args.sets:
        raise CommandError("give either QUESTIONS.jsonl or --set, not both", EXIT_USAGE)
    if args.corpus and not args.questions:
        raise CommandError("--corpus goes with QUESTIONS.jsonl; with --set, use --build", EXIT_USAGE)
    if args.questions:
        return [set_for_file(args.questions)]
    return [SETS[name] for name in args.sets or SETS]


def _index_dirs(args: argparse.Namespace, specs: list[EvalSet]) -> dict[str, str | None]:
    """The index directory of each corpus the sets need; None for a questions file without --index (the default
    index, or a temporary one with --corpus)."""
    given = dict(args.index_of)
    needed = list(dict.fromkeys(spec.corpus for spec in specs))
    if args.index:
        if len(needed) > 1 and not all(corpus in given for corpus in needed[1:]):
            raise CommandError(
                f"the sets need the indexes of {', '.join(needed)}: give each with --index-of CORPUS=DIR", EXIT_USAGE
            )
        given.setdefault(needed[0], args.index)
    missing = [] if args.questions else [corpus for corpus in needed if corpus not in given]
    if missing:
        sets = ", ".join(spec.name for spec in specs if spec.corpus in missing)
        raise CommandError(
            f"{sets}: no index given for corpus {', '.join(missing)}: pass --index-of CORPUS=DIR "
            "(add --build to build it there)",
            EXIT_USAGE,
        )
    return {corpus: given.get(corpus) for corpus in needed}


def _corpus_items(corpus: Corpus, shared: Path, scratch: Path) -> list:
    """The loaded articles of a known corpus (a SQuAD file converted first); errors name the missing file."""
    if corpus.squad_file:
        squad = convert(shared / corpus.squad_file, corpus.squad_prefix, corpus.squad_source)
        return list(load_source(write_corpus(squad, scratch / f"{corpus.name}.jsonl")))
    try:
        files = corpus.files(shared, REPO)
    except FileNotFoundError as error:
        raise CommandError(str(error), EXIT_USAGE) from error
    return [item for path in files for item in load_source(path)]


def _build(news_index: NewsIndex, items: list, label: str) -> None:
    """Ingest the items with progress on the terminal; what is indexed already is kept, so a rerun resumes."""
    print(f"khabar: building the {label} index at {news_index.settings.home}: {len(items)} articles", file=sys.stderr)
    embedder = make_embedder(news_index.settings.embedder)
    report = Ingestor(news_index, embedder).ingest(items, TerminalProgress(total=len(items)))
    print(f"khabar: {report.summary()}", file=sys.stderr)
    if report.interrupted:
        raise KeyboardInterrupt


@contextmanager
def _opened(args: argparse.Namespace, directory: str | None) -> Iterator[NewsIndex]:
    """One corpus's index, opened with the command's other index options."""
    with opened_index(argparse.Namespace(index=directory, chroma_url=args.chroma_url, model=args.model)) as opened:
        yield opened


def run(args: argparse.Namespace) -> int:
    """Build the needed indexes when asked, answer each set per language and mode, print its table."""
    from assistant.app import Assistant  # the answering stack loads only for the commands that answer
    from assistant.evaluation.runner import evaluate, languages_of, load_questions
    from assistant.evaluation.table import as_json, comparison, markdown

    specs = _specs(args)
    before = _saved_run(args.before) if args.before else {}
    directories = _index_dirs(args, specs)
    shared = shared_dir(args.shared)
    questions = {spec.name: load_questions(spec, None if args.questions else shared) for spec in specs}
    tables: dict[str, list] = {}
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="khabar-eval-")))
        for corpus, directory in directories.items():
            if directory is None and args.corpus:
                directory = str(scratch / "index")
            news_index = stack.enter_context(_opened(args, directory))
            if args.corpus:
                _build(news_index, list(load_source(args.corpus)), args.corpus)
            elif corpus in args.build:
                _build(news_index, _corpus_items(CORPORA[corpus], shared, scratch), corpus)
            if news_index.manifest.stats()["articles"] == 0:
                remedy = f"add --build {corpus}" if corpus in CORPORA else "ingest its corpus, or pass --corpus PATH"
                raise CommandError(f"the index at {news_index.settings.home} is empty: {remedy}", EXIT_INDEX)
            assistant = Assistant(news_index, make_embedder(news_index.settings.embedder))
            for spec in (s for s in specs if s.corpus == corpus):
                languages = args.languages.split(",") if args.languages else languages_of(spec, questions[spec.name])
                unknown = set(languages) - set(spec.languages)
                if unknown:
                    raise CommandError(f"{spec.name} has questions in {', '.join(spec.languages)} only", EXIT_USAGE)
                tables[spec.name] = evaluate(assistant, spec, questions[spec.name], args.modes, languages)
    if args.json:
        print_json({name: as_json(rows) for name, rows in tables.items()})
        return EXIT_OK
    for spec in specs:
        table = markdown(tables[spec.name])
        if spec.name in before:
            table = comparison(before[spec.name], as_json(tables[spec.name]), (args.before.stem, "this run"))
        print(f"## {spec.name}\n\n{table}\n")
    return EXIT_OK


def _saved_run(path: Path) -> dict[str, list[dict]]:
    """The sets of a saved `khabar eval --json` run; errors name the file."""
    try:
        run = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{path}: not a saved `khabar eval --json` run: {error}", EXIT_USAGE) from error
    if not isinstance(run, dict) or not all(isinstance(rows, list) for rows in run.values()):
        raise CommandError(f"{path}: expected {{set name: [rows]}} as `khabar eval --json` prints", EXIT_USAGE)
    return run
