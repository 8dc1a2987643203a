"""The machine's own speed during a run. On a shared machine the same work can take a third longer from one
minute to the next (a loop that took 205 ms took 334 ms a few seconds later on this project's 2-core machines),
and a page's p95 moves with it. So the benchmark times one fixed piece of pure-Python work before every page and
reports how much that varied: a p95 that misses its budget in a run whose probe varied 1.5x may be the machine."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Any

LOOP = 150_000  # about 10 ms of CPU on the project's machines: long enough to time, short enough before each page


def probe_ms() -> float:
    """CPU milliseconds for the same arithmetic loop; it touches no I/O, memory it did not make, or Orbit."""
    started = time.process_time()
    total = 0
    for n in range(LOOP):
        total += n * n % 7
    return (time.process_time() - started) * 1000


@dataclass
class Speed:
    """Probe times taken through a run."""

    samples: list[float] = field(default_factory=list)

    def take(self) -> None:
        self.samples.append(probe_ms())

    def spread(self) -> float:
        """Slowest probe over fastest: 1.0 on a steady machine."""
        return max(self.samples) / min(self.samples) if self.samples else 1.0

    def as_dict(self) -> dict[str, Any]:
        if not self.samples:
            return {"probes": 0}
        return {
            "probes": len(self.samples),
            "loop_ms_min": round(min(self.samples), 2),
            "loop_ms_median": round(statistics.median(self.samples), 2),
            "loop_ms_max": round(max(self.samples), 2),
            "spread": round(self.spread(), 2),
        }


def speed_line(found: dict[str, Any]) -> str:
    """What a run's probes say, for the printed report (`found` is Speed.as_dict())."""
    if not found.get("probes"):
        return "Machine speed: not probed."
    return (
        f"Machine speed: the same loop took {found['loop_ms_min']}-{found['loop_ms_max']} ms of CPU"
        f" (median {found['loop_ms_median']}) over {found['probes']} probes, a spread of {found['spread']}x."
        " Page times on this machine vary by as much, whatever Orbit does."
    )
