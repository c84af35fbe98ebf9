"""A web app on Python's standard library, with a dependency from the wheel it ships."""
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pysample_greeting

HERE = os.path.dirname(os.path.abspath(__file__))


def build_mark():
    # Left by bin/pre_compile at build time.
    try:
        with open(os.path.join(HERE, "build-mark.txt")) as f:
            return f.read().strip()
    except OSError:
        return "no build mark"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = "Hello from Python {}, GREETING={}, {}, {}\n".format(
            sys.version.split()[0], os.environ.get("GREETING", "unset"),
            pysample_greeting.proverb(), build_mark()).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("", int(os.environ.get("PORT", "5000"))), Handler)
    # The platform stops a process with SIGTERM: finish cleanly (exit 0), as on Heroku.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("listening on", server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()
