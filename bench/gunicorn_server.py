"""Starting and stopping the gunicorn server a bench measures (not a benchmark itself).

Loopback only; the caller stops it (``stop``) whatever happens.
"""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(app: str, port: int, *, workers: int, env: dict, ready_path: str) -> subprocess.Popen:
    """gunicorn serving ``app`` on 127.0.0.1:``port``, once ``ready_path`` answers."""
    import requests

    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}{ready_path}", timeout=10).ok:
                return server
        except requests.RequestException:
            time.sleep(0.3)
    stop(server)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)
