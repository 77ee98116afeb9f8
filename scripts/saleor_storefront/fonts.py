"""Google Fonts for an offline `next build`, through Next's own NEXT_FONT_GOOGLE_MOCKED_RESPONSES.

The storefront loads a `next/font/google` family (Fraunces), which `next build` fetches from
fonts.googleapis.com; the run has no internet. Next reads the stylesheet for each Google Fonts URL
from the JavaScript module that variable names, and Turbopack then fetches the font file the
stylesheet points at over HTTP. Here every family's stylesheet points at one local TrueType font
served on 127.0.0.1 while the build runs. The storefront itself is not changed: the typography
differs only in that one optional display family (its default theme uses Geist, from npm).
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .timings import StepFailed

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
)

# The Google Fonts stylesheets `next build` asks for at the proven storefront commit (its
# src/lib/fonts.ts). Another family or weight there makes the build name the URL it misses.
GOOGLE_FONT_URLS = {
    "https://fonts.googleapis.com/css2?family=Fraunces:wght@100..900&display=swap": "Fraunces",
}

FONT_FACE = """@font-face {
  font-family: '%(family)s';
  font-style: normal;
  font-weight: 100 900;
  font-display: swap;
  src: url(%(font_url)s) format('truetype');
}
"""


class FontServer:
    """Serves one local font file on 127.0.0.1 (a free port) until ``stop``."""

    def __init__(self, run_dir: Path):
        self.font = next((path for path in FONT_CANDIDATES if path.is_file()), None)
        if self.font is None:
            raise StepFailed(f"no local font for the offline build (looked for {FONT_CANDIDATES})")
        body = self.font.read_bytes()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                self.send_response(200)
                self.send_header("Content-Type", "font/ttf")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        font_url = f"http://127.0.0.1:{self.httpd.server_port}/{self.font.name}"
        self.mock_module = run_dir / "google-fonts-mock.js"
        answers = {
            url: FONT_FACE % {"family": family, "font_url": font_url}
            for url, family in GOOGLE_FONT_URLS.items()
        }
        self.mock_module.write_text(
            "// Written by scripts/saleor_storefront/fonts.py for an offline `next build`.\n"
            f"module.exports = {json.dumps(answers, indent=2)};\n"
        )

    def env(self) -> dict:
        return {"NEXT_FONT_GOOGLE_MOCKED_RESPONSES": str(self.mock_module)}

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
