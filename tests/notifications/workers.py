"""Prefork Celery workers (the docker-compose shape) and an SMTP server that counts connections.

``prefork_worker_factory(concurrency=2, env=..., broker_url=...)`` is ``celery_worker_factory``
with ``--pool=prefork``: one main process and ``concurrency`` child processes, killed together
(the whole process group) by ``worker.kill()``.
"""

import subprocess
import sys
import time
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings

from tests.fixtures.celery_worker import ROOT, CeleryWorker, route_tasks_to, worker_environment
from tests.fixtures.services import free_port
from tests.fixtures.smtp import SmtpSink


class PreforkWorker(CeleryWorker):
    def __init__(self, *, concurrency: int, **kwargs):
        super().__init__(**kwargs)
        self.concurrency = concurrency

    def start(self, *, timeout: float = 60) -> "PreforkWorker":
        offset = self.logfile.stat().st_size if self.logfile.exists() else 0
        with open(self.logfile, "ab") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "marketplace",
                    "worker",
                    "--pool=prefork",
                    "-O",
                    "fair",
                    f"--concurrency={self.concurrency}",
                    "--without-mingle",
                    "--without-gossip",
                    "--without-heartbeat",
                    "-Q",
                    self.queue,
                    "-n",
                    f"{self.queue}@%h",
                    "--loglevel=INFO",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"celery worker exited:\n{self.log()[-3000:]}")
            if " ready." in self.log()[offset:]:
                return self
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"celery worker not ready:\n{self.log()[-3000:]}")


@pytest.fixture
def prefork_worker_factory(transactional_db, celery_queue, tmp_path):
    """``prefork_worker_factory(concurrency=2, env={...}, broker_url=..., started=True)``."""
    workers: list[PreforkWorker] = []
    routes: list = []

    def start(
        *,
        concurrency: int = 2,
        env: dict | None = None,
        broker_url: str | None = None,
        started: bool = True,
    ) -> PreforkWorker:
        broker = broker_url or settings.CELERY_BROKER_URL
        if not routes:
            routing = route_tasks_to(broker_url=broker, queue=celery_queue)
            routing.__enter__()
            routes.append(routing)
        worker = PreforkWorker(
            concurrency=concurrency,
            queue=celery_queue,
            broker_url=broker,
            env=worker_environment(broker_url=broker, queue=celery_queue, extra=env or {}),
            logfile=tmp_path / f"prefork-{len(workers)}.log",
        )
        workers.append(worker)
        return worker.start() if started else worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
        for routing in routes:
            routing.__exit__(None, None, None)


@dataclass
class CountingSmtpSink(SmtpSink):
    """``SmtpSink`` that also notes the client connection (peer address) of every mail."""

    peers: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        with self.lock:
            self.peers.append(session.peer)
        return answer

    def connections(self) -> int:
        with self.lock:
            return len(set(self.peers))

    def message_ids(self) -> list[str]:
        return [mail.message_id for mail in self.received()]


@pytest.fixture
def counting_smtp_server():
    sink = CountingSmtpSink(port=free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port, decode_data=False)
    controller.start()
    try:
        yield sink
    finally:
        sink.release()
        controller.stop()
