"""Per-step wall-clock timings, printed as each step ends and as a table at the end."""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field


class StepFailed(Exception):
    """A step of the run did not do what it must; the message says what was seen."""


@dataclass
class Timings:
    steps: list[tuple[str, float, str]] = field(default_factory=list)

    @contextmanager
    def step(self, name: str):
        print(f"-- {name} ...", flush=True)
        started = time.monotonic()
        status = "failed"
        try:
            yield
            status = "ok"
        finally:
            seconds = time.monotonic() - started
            self.steps.append((name, seconds, status))
            print(f"   {name}: {status} in {seconds:.1f} s", flush=True)

    def table(self) -> str:
        width = max((len(name) for name, _, _ in self.steps), default=10)
        lines = [f"{'step'.ljust(width)}  seconds  result"]
        for name, seconds, status in self.steps:
            lines.append(f"{name.ljust(width)}  {seconds:7.1f}  {status}")
        total = sum(seconds for _, seconds, _ in self.steps)
        lines.append(f"{'total'.ljust(width)}  {total:7.1f}")
        return "\n".join(lines)
