#!/usr/bin/env python3
"""A webhook receiver for the end-to-end checks: records every delivery LeadRouter makes and whether its signature
holds. Usage: webhook_receiver.py PORT LOG SECRET DOWN_FILE

Listens on 127.0.0.1:PORT. While DOWN_FILE exists it answers 503 (a receiver that is down) and counts the refusal;
otherwise it checks `X-LeadRouter-Signature: sha256=<hex HMAC-SHA256 of the body under SECRET>`, answers 204 and
appends one JSON line to LOG: {"id", "type", "leadId", "signed"} (`signed` false when the signature does not hold;
it still answers 204 so the check can count every bad one). Refusals are appended as {"refused": true}.
"""
import hashlib
import hmac
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, log_path, secret, down_file = int(sys.argv[1]), sys.argv[2], sys.argv[3].encode(), sys.argv[4]
lock = threading.Lock()


def record(entry):
    with lock, open(log_path, "a") as log:
        log.write(json.dumps(entry) + "\n")


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if os.path.exists(down_file):
            record({"refused": True})
            self.send_response(503)
            self.end_headers()
            return
        expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        signed = hmac.compare_digest(expected, self.headers.get("X-LeadRouter-Signature", ""))
        event = json.loads(body)
        record({"id": event.get("id"), "type": event.get("type"), "leadId": event.get("leadId"), "signed": signed,
                "header": self.headers.get("X-LeadRouter-Event-Id")})
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
