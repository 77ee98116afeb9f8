"""Child processes of the run: each in its own session, logged to a file, always stopped."""

import contextlib
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .timings import StepFailed


@dataclass
class Supervisor:
    """Starts servers and one-shot commands; ``stop_all`` ends every server it started."""

    log_dir: Path
    running: list[tuple[str, subprocess.Popen]] = field(default_factory=list)

    def log_path(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    def run(self, name: str, argv: list[str], *, cwd: Path, env: dict, timeout: float) -> str:
        """Run a command to its end; fail with the tail of its log when it exits non-zero."""
        path = self.log_path(name)
        with path.open("w") as log:
            proc = subprocess.Popen(
                argv, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
            try:
                code = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                raise StepFailed(f"{name} did not finish in {timeout:.0f} s; log: {path}")
        output = path.read_text(errors="replace")
        if code != 0:
            tail = "\n".join(output.splitlines()[-60:])
            raise StepFailed(f"{name} exited with {code}; log: {path}\n{tail}")
        return output

    def start(self, name: str, argv: list[str], *, cwd: Path, env: dict) -> subprocess.Popen:
        log = self.log_path(name).open("w")
        proc = subprocess.Popen(
            argv, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.running.append((name, proc))
        return proc

    def wait_http(
        self, name: str, url: str, *, timeout: float, accept=(200,), json_body: bytes | None = None
    ) -> None:
        """Poll ``url`` until it answers one of ``accept``; fail early when the server died."""
        proc = dict(self.running)[name]
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                tail = "\n".join(self.log_path(name).read_text(errors="replace").splitlines()[-40:])
                raise StepFailed(f"{name} exited with {proc.returncode} while starting\n{tail}")
            try:
                request = urllib.request.Request(url, data=json_body)  # noqa: S310 (http only)
                if json_body is not None:
                    request.add_header("Content-Type", "application/json")
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                    if response.status in accept:
                        return
                    last = f"HTTP {response.status}"
            except urllib.error.HTTPError as err:
                if err.code in accept:
                    return
                last = f"HTTP {err.code}"
            except OSError as err:
                last = str(err)
            time.sleep(0.5)
        raise StepFailed(f"{name} did not answer {url} in {timeout:.0f} s (last: {last})")

    def stop_all(self) -> None:
        for name, proc in reversed(self.running):
            _kill_group(proc)  # also when the leader exited: its children share the group
            print(f"   stopped {name} (pid {proc.pid})", flush=True)
        self.running.clear()


def _kill_group(proc: subprocess.Popen) -> None:
    """SIGTERM the child's own process group (it was started in a new session), then SIGKILL."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and (proc.poll() is None or _group_alive(proc.pid)):
        time.sleep(0.2)
    if _group_alive(proc.pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=5)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True
