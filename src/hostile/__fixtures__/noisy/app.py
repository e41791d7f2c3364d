# A server whose logs and answers carry terminal escapes, a forged Markdown heading and workflow commands.
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

HOSTILE = (
    "\x1b]0;pwned-title\x07\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b[?1049h"
    "body\r# Forged heading\r\n::error::forged-by-student\n  ::add-mask::HIDE\n::stop-commands::tok\n"
)
sys.stderr.write(HOSTILE)
sys.stderr.flush()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(500)
        self.end_headers()
        self.wfile.write(HOSTILE.encode())


HTTPServer(("0.0.0.0", 5000), Handler).serve_forever()
