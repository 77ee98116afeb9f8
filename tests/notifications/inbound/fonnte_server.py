"""A loopback stand-in for Fonnte: its send API, and its incoming-message webhook.

Shapes follow Fonnte's documentation (quoted in docs/WHATSAPP.md):

- send: ``POST /send`` with the device token in ``Authorization`` and form fields ``target``,
  ``message`` (``countryCode`` optional); answers JSON ``{"status": true, "id": [...],
  "target": [...], "process": "pending", "detail": ...}``, or ``{"status": false, "reason":
  "token invalid"}`` for a wrong token.
- incoming webhook: Fonnte POSTs JSON with ``device``, ``sender``, ``message``, ``member``,
  ``name``, ``location`` (and media fields ``url``, ``filename``, ``extension``) to the URL set
  on the device; ``deliver_incoming`` does that to our endpoint.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import requests

from tests.fixtures.services import free_port

DEVICE = "6281100001111"


@dataclass
class SentMessage:
    authorization: str
    target: str
    message: str
    country_code: str


@dataclass
class FonnteStandIn:
    token: str
    port: int = field(default_factory=free_port)
    sent: list[SentMessage] = field(default_factory=list)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def send_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/send"

    def received(self) -> list[SentMessage]:
        with self.lock:
            return list(self.sent)

    def wait_for(self, count: int, *, timeout: float = 30) -> list[SentMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.received()) >= count:
                return self.received()
            time.sleep(0.05)
        raise AssertionError(f"expected {count} Fonnte sends, got {len(self.received())}")

    def deliver_incoming(
        self, webhook_url: str, *, sender: str, message: str, name: str = "Ibu Sari", **extra
    ) -> requests.Response:
        """POST an incoming message to ``webhook_url`` the way Fonnte's webhook does."""
        payload = {
            "device": DEVICE,
            "sender": sender,
            "message": message,
            "member": "",
            "name": name,
            "location": "",
            "url": "",
            "filename": "",
            "extension": "",
            **extra,
        }
        return requests.post(webhook_url, json=payload, timeout=30)


def start_fonnte(stand_in: FonnteStandIn) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            form = {key: values[0] for key, values in parse_qs(body.decode()).items()}
            authorization = self.headers.get("Authorization", "")
            if self.path != "/send":
                answer, status = {"status": False, "reason": "unknown endpoint"}, 404
            elif authorization != stand_in.token:
                with stand_in.lock:
                    stand_in.refused += 1
                answer, status = {"status": False, "reason": "token invalid"}, 200
            elif not form.get("target") or "message" not in form:
                answer, status = {"status": False, "reason": "target invalid"}, 200
            else:
                with stand_in.lock:
                    stand_in.sent.append(
                        SentMessage(
                            authorization,
                            form["target"],
                            form["message"],
                            form.get("countryCode", ""),
                        )
                    )
                    number = len(stand_in.sent)
                answer = {
                    "status": True,
                    "detail": "success! message in queue",
                    "id": [str(80000000 + number)],
                    "process": "pending",
                    "target": [form["target"]],
                }
                status = 200
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", stand_in.port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
