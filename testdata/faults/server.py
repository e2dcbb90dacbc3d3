#!/usr/bin/env python3
"""A misbehaving stand-in for the vSIP trunk API, for errpat's fault corpus.

It listens on 127.0.0.1 only, over TLS with a self-signed certificate,
answers like the API (201 with a trunk "sid" on create, 200 on GETs) and
injects one fault, chosen with --fault, into a fixed set of requests
(by arrival number n, counted from 1):

  ok         every request succeeds
  slow       even n: answered after 2.5 s (over errpat's default --slow 2s)
  hang       n % 3 == 0: no answer until after the client's 30 s timeout
  reset      n % 4 == 2: connection closed without a response;
             n % 4 == 0: connection reset (RST)
  clientcert TLS 1.3 with a client certificate required: the client's
             handshake ends, then the server's alert arrives on first read
  ratelimit  n % 6 == 3: 429 with Retry-After: 60 and a body with retry_after 60;
             n % 6 == 0: 429 with Retry-After: 120 and no retry_after in the body
  burst503   4 <= n <= 7: 503 Service Unavailable
  flaky500   n % 4 == 0: 500 Internal Server Error
  stall      n >= 3: no answer at all (for runs killed mid-way)

Requests whose Basic credentials are not --key/--token get 401.
The server stops by itself after --max-seconds.
"""
import argparse
import base64
import json
import os
import socket
import ssl
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
count = 0


def next_n():
    global count
    with lock:
        count += 1
        return count


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FaultAPI/1.0"

    def log_message(self, fmt, *args):
        pass

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def send_json(self, status, obj, extra=None):
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        self.body()
        self.answer()

    def do_GET(self):
        self.body()  # httpx and requests send json={} with a GET too
        self.answer()

    def answer(self):
        n = next_n()
        opt = self.server.opt
        want = "Basic " + base64.b64encode(f"{opt.key}:{opt.token}".encode()).decode()
        fault = opt.fault
        if fault == "hang" and n % 3 == 0 or fault == "stall" and n >= 3:
            time.sleep(35)
            self.close_connection = True
            return
        if fault == "reset" and n % 4 == 2:
            self.close_connection = True
            return
        if fault == "reset" and n % 4 == 0:
            # Closed here, at once and with no linger: the peer gets a RST
            # (the server's own close would send a FIN first).
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if fault == "slow" and n % 2 == 0:
            time.sleep(2.5)
        if self.headers.get("Authorization") != want:
            return self.send_json(401, {"error": "Authentication failed", "message": "Invalid API credentials",
                                        "code": "AUTH_FAILED"})
        if fault == "ratelimit" and n % 6 == 3:
            return self.send_json(429, {"error": "Rate limit exceeded",
                                        "message": "Maximum 100 requests per minute exceeded",
                                        "retry_after": 60, "limit": 100, "remaining": 0,
                                        "code": "RATE_LIMIT_EXCEEDED"}, {"Retry-After": "60"})
        if fault == "ratelimit" and n % 6 == 0:  # the header alone says how long
            return self.send_json(429, {"error": "Rate limit exceeded", "message": "Too many requests",
                                        "code": "RATE_LIMIT_EXCEEDED"}, {"Retry-After": "120"})
        if fault == "burst503" and 4 <= n <= 7:
            return self.send_json(503, {"error": "Service Unavailable", "message": "Service temporarily unavailable",
                                        "code": "SERVICE_UNAVAILABLE"})
        if fault == "flaky500" and n % 4 == 0:
            return self.send_json(500, {"error": "Internal Server Error", "message": "Internal server error",
                                        "code": "INTERNAL_ERROR"})
        if self.command == "POST":
            return self.send_json(201, {"sid": "TR%08x" % (0x5a17 + n), "status": "created"})
        if self.path.endswith("/credentials"):
            return self.send_json(200, {"response": {"status": "success", "data": {"username": "trunk_user"}}})
        return self.send_json(200, {"response": {"status": "success", "data": []}})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8443)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key-file", required=True)
    ap.add_argument("--fault", default="ok")
    ap.add_argument("--key", default="")
    ap.add_argument("--token", default="")
    ap.add_argument("--max-seconds", type=float, default=180)
    opt = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", opt.port), Handler)
    srv.daemon_threads = True
    srv.opt = opt
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(opt.cert, opt.key_file)
    if opt.fault == "clientcert":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
        ctx.verify_mode = ssl.CERT_REQUIRED
        ctx.load_verify_locations(opt.cert)
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True, do_handshake_on_connect=False)
    threading.Timer(opt.max_seconds, lambda: os._exit(0)).start()
    srv.serve_forever()


if __name__ == "__main__":
    main()
