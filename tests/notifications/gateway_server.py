"""A local HTTP server standing in for a WhatsApp / SMS gateway.

It answers from a script of status codes (then 200), records every request, and counts
deliveries the way a gateway honouring ``Idempotency-Key`` would: a repeated key is dropped.
With ``echo_text`` set, an error answer quotes the text it was asked to send, as some do.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from tests.fixtures.services import free_port


@dataclass
class GatewayRequest:
    path: str
    headers: dict
    body: bytes
    status: int

    def json(self) -> dict:
        return json.loads(self.body)

    def form(self) -> dict:
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}


@dataclass
class GatewayStandIn:
    port: int = field(default_factory=free_port)
    script: list[int] = field(default_factory=list)
    answer: dict = field(default_factory=lambda: {"id": "gw-1"})
    echo_text: bool = False
    requests: list[GatewayRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/send"

    def next_status(self) -> int:
        with self.lock:
            return self.script.pop(0) if self.script else 200

    def record(self, request: GatewayRequest) -> None:
        with self.lock:
            self.requests.append(request)

    def received(self) -> list[GatewayRequest]:
        with self.lock:
            return list(self.requests)

    def delivered_keys(self) -> list[str]:
        """Idempotency keys of accepted requests, each once (what a phone would show)."""
        keys = []
        for request in self.received():
            key = request.headers.get("Idempotency-Key")
            if request.status == 200 and key not in keys:
                keys.append(key)
        return keys

    def wait_for(self, count: int, *, timeout: float = 20) -> list[GatewayRequest]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received()) >= count:
                return self.received()
            time.sleep(0.05)
        raise AssertionError(f"expected {count} gateway requests, got {len(self.received())}")


def _error(stand_in: GatewayStandIn, body: bytes) -> dict:
    if not stand_in.echo_text:
        return {"error": "busy"}
    return {"error": "busy", "text": json.loads(body).get("text", "")}


def start_gateway(stand_in: GatewayStandIn) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status = stand_in.next_status()
            stand_in.record(GatewayRequest(self.path, dict(self.headers), body, status))
            payload = json.dumps(stand_in.answer if status == 200 else _error(stand_in, body))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload.encode())

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", stand_in.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
