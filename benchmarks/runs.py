"""Running the sides of a benchmark in fresh processes, alternating, so that drift in the machine hits both."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator, Sequence


def alternating(sides: Sequence[str], repeat: int) -> Iterator[tuple[int, str]]:
    """(repetition, side) in the order to run them: the sides in turn, reversed on every other repetition."""
    for repetition in range(repeat):
        for side in sides if repetition % 2 == 0 else tuple(reversed(sides)):
            yield repetition, side


def run_fresh(module: str, arguments: Sequence[str]) -> dict:
    """Run `python -m module arguments...` and return the JSON of its last output line."""
    command = [sys.executable, "-m", module, *arguments]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])
