"""Write the reference background: `python -m training.reader.background [--pquad FILE] [--seed N] [--out FILE]`.

The e5 vectors of 512 PQuAD validation paragraphs (title and text, as the reader's training reads a background),
drawn with the seed, stored in float16 with the embedder's name. The reader reads a question's similarities against
the index's own vectors; an index of fewer chunks than that is filled up with these.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

from assistant.answering.background import REFERENCE_PATH
from index.text.chunker import search_text
from training.reader.features import BACKGROUND_SAMPLE
from training.reader.pquad import SHARED, load
from training.reader.vectors import cached_vectors, embedder_pair


def main() -> None:
    """Embed the seeded sample of paragraphs and write the reference background."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pquad", type=Path, default=SHARED / "eval" / "pquad" / "Validation.json")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/khabar-reader"), help="e5 vectors computed once")
    parser.add_argument("--out", type=Path, default=REFERENCE_PATH)
    args = parser.parse_args()
    paragraphs, _ = load(args.pquad)
    passages, _ = embedder_pair()
    vectors = cached_vectors(
        passages.encode_documents, [search_text(p.title, p.text) for p in paragraphs], "passage", args.cache
    )
    chosen = sorted(random.Random(args.seed).sample(range(len(paragraphs)), min(BACKGROUND_SAMPLE, len(paragraphs))))
    meta = json.dumps(
        {"embedder": passages.name, "trained_on": f"PQuAD validation (CC BY-SA 4.0) paragraphs, seed {args.seed}"}
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as handle:
        np.savez_compressed(handle, vectors=vectors[chosen].astype(np.float16), meta=np.array(meta))
    print(f"wrote {args.out}: {len(chosen)} vectors ({args.out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
