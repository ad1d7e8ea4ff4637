"""Persian named entities (person, organisation, location) from the trained head over e5 token states."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import torch
from safetensors.torch import load_file

from index.embeddings.e5_torch_backend import E5TorchEmbedder
from index.entities.head import TaggerHead
from index.entities.tags import TAGS, chunks
from index.text.normalize import fold_letters

ARTIFACT = Path(__file__).with_name("ner-fa")
_WORD_CHARACTER = re.compile(r"[\w\u200c\u200d\u064b-\u065f]")


@dataclass(frozen=True)
class Entity:
    """A named entity of a text: its type (PER, ORG, LOC) and its character span, whole words."""

    kind: str
    start: int
    end: int
    text: str


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the words it touches (a piece never cuts a word)."""
    while start > 0 and _WORD_CHARACTER.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHARACTER.match(text[end]):
        end += 1
    return start, end


class PersianNer:
    """Tags texts with PER/ORG/LOC spans; the head loads on first use from `artifact` (.safetensors + .json)."""

    def __init__(self, embedder: E5TorchEmbedder, artifact: Path = ARTIFACT) -> None:
        for suffix in (".safetensors", ".json"):
            if not artifact.with_suffix(suffix).is_file():
                raise FileNotFoundError(f"NER artifact {artifact.with_suffix(suffix)} is missing: run training.ner")
        self._embedder = embedder
        self._artifact = artifact

    @cached_property
    def config(self) -> dict:
        """The artifact's JSON: the e5 layers it reads, its size, tags and figures."""
        config = json.loads(self._artifact.with_suffix(".json").read_text(encoding="utf-8"))
        if config["tags"] != list(TAGS):
            raise ValueError(f"{self._artifact}.json has tags {config['tags']}, this code expects {list(TAGS)}")
        return config

    @cached_property
    def _head(self) -> TaggerHead:
        """The trained head in fp32, eval mode."""
        head = TaggerHead(self.config["dimension"], self.config["hidden"], self.config["width"])
        weights = load_file(str(self._artifact.with_suffix(".safetensors")))
        head.load_state_dict({name: value.float() for name, value in weights.items()})
        return head.eval()

    def entities(self, texts: list[str]) -> list[list[Entity]]:
        """Each text's entities in order (texts of a sentence or two read best, as the head was trained).

        The head reads the text with ي/ك and hamza seats folded (one for one, so spans stay those of `text`), the
        spelling of its training data.
        """
        found = []
        folded = [fold_letters(text) for text in texts]
        layers = tuple(self.config["layers"])
        for text, (states, spans) in zip(texts, self._embedder.token_states(folded, layers), strict=True):
            if not spans:
                found.append([])
                continue
            tags = [TAGS[index] for index in self._head.decode(torch.from_numpy(states))]
            entities = []
            for kind, first, last in chunks(tags):
                start, end = _whole_words(text, spans[first][0], spans[last - 1][1])
                if start < end and (not entities or start >= entities[-1].end):
                    entities.append(Entity(kind, start, end, text[start:end]))
            found.append(entities)
        return found
