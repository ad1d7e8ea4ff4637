"""The bundled e5's int8 path: calibrated input smoothing folded into per-channel int8 weights, run by VNNI kernels.

Each quantized projection divides its input channels by shipped scales (SmoothQuant: an activation outlier moves
into the weight, where per-channel scales absorb it), then multiplies int8 × int8 with the batch's input quantized
as it comes, per tensor: a text's vector moves with its batch-mates within cosine 0.9997, as much as int8 moves it
from fp32. Per-sequence scales ran at 0.8× fp32's speed here (a call per sequence, or per-token arithmetic in
torch ops); this runs at 1.3× (`python -m benchmarks.embedder … --baseline torch-fp32`).
`python -m training.embedder.int8` calibrates the scales on news text and writes them here.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import torch
from torch import nn

SMOOTHING_PATH = Path(__file__).with_name("models") / "e5-int8.npz"
# The feed-forward output stays fp32: its input, GELU's output, quantized per tensor took vectors to cosine 0.98.
QUANTIZED_PROJECTIONS = ("qkv", "attention_out", "ffn_in")


def smoothing_key(layer: int, projection: str) -> str:
    """The artifact's name for one projection's scales."""
    return f"l{layer}.{projection}"


def smoothing_scales(activation_max: torch.Tensor, weight: torch.Tensor, alpha: float) -> torch.Tensor:
    """SmoothQuant's per-input-channel scales: max|x|^alpha / max|w|^(1 - alpha)."""
    weight_max = weight.abs().amax(dim=0).clamp(min=1e-5)
    return (activation_max.clamp(min=1e-5) ** alpha / weight_max ** (1 - alpha)).clamp(min=1e-5)


def load_smoothing(path: Path = SMOOTHING_PATH) -> dict[str, torch.Tensor]:
    """The shipped scales by `smoothing_key`; RuntimeError naming the file and the command that writes it."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return {key: torch.from_numpy(data[key].astype(np.float32)) for key in data.files if key != "meta"}
    except (OSError, ValueError, KeyError) as error:
        raise RuntimeError(
            f"{path}: cannot load the int8 scales ({error}); run `python -m training.embedder.int8`"
        ) from error


class Int8Linear(nn.Module):
    """A Linear as int8 × int8 products: weights per output channel, inputs per tensor after smoothing."""

    def __init__(self, linear: nn.Linear, smoothing: torch.Tensor) -> None:
        super().__init__()
        if smoothing.shape != (linear.in_features,):
            raise ValueError(
                f"smoothing must hold one scale per input channel ({linear.in_features}). "
                f"Currently, its shape is {tuple(smoothing.shape)}"
            )
        self.register_buffer("inverse_smoothing", 1 / smoothing)
        weight = linear.weight.detach() * smoothing[None, :]
        scales = (weight.abs().amax(dim=1) / 127).clamp(min=1e-8).double()
        with warnings.catch_warnings():  # torch marks its quantized tensors deprecated; torch is pinned (2.13)
            warnings.simplefilter("ignore", UserWarning)
            zero_points = torch.zeros_like(scales, dtype=torch.long)
            quantized = torch.quantize_per_channel(weight, scales, zero_points, 0, torch.qint8)
            self._packed = torch.ops.quantized.linear_prepack(quantized, linear.bias.detach().clone())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x @ W.T + b in int8 (the input's full 8-bit range: VNNI does not overflow)."""
        return torch.ops.quantized.linear_dynamic(x * self.inverse_smoothing, self._packed, False)
