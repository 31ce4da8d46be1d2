#!/usr/bin/env python3
"""Reads or deletes a JetStream stream over the plain NATS protocol (no NATS client needed).

  jetstream_stream.py NATS_URL dump STREAM    prints {"messages": N, "items": [{"seq", "subject", "msgId"}, ...]}
  jetstream_stream.py NATS_URL delete STREAM  deletes the stream if it exists

Each stored message is fetched by sequence with the JetStream API ($JS.API.STREAM.MSG.GET), so the output is what
the server holds, headers included (the `Nats-Msg-Id` a publisher set).
"""
import base64
import json
import socket
import sys
from urllib.parse import urlparse


class Connection:
    def __init__(self, url):
        parsed = urlparse(url)
        self.sock = socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 4222), timeout=10)
        self.buffer = b""
        line = self._line()
        if not line.startswith(b"INFO"):
            raise RuntimeError(f"not a NATS server: {line!r}")
        connect = {"verbose": False, "pedantic": False, "headers": True, "no_responders": True, "lang": "python", "version": "0"}
        self.sock.sendall(b"CONNECT " + json.dumps(connect).encode() + b"\r\nSUB _INBOX.check 1\r\nPING\r\n")
        while self._frame() != ("PONG", None):
            pass

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise RuntimeError("NATS server closed the connection")
        self.buffer += chunk

    def _line(self):
        while b"\r\n" not in self.buffer:
            self._fill()
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def _bytes(self, count):
        while len(self.buffer) < count + 2:
            self._fill()
        data, self.buffer = self.buffer[:count], self.buffer[count + 2:]
        return data

    def _frame(self):
        line = self._line()
        parts = line.split()
        if not parts:
            return ("", None)
        op = parts[0].decode().upper()
        if op == "PING":
            self.sock.sendall(b"PONG\r\n")
            return ("PING", None)
        if op == "-ERR":
            raise RuntimeError(line.decode())
        if op == "MSG":
            return ("MSG", (b"", self._bytes(int(parts[-1]))))
        if op == "HMSG":
            header_size, total = int(parts[-2]), int(parts[-1])
            data = self._bytes(total)
            return ("MSG", (data[:header_size], data[header_size:]))
        return (op, None)

    def request(self, subject, payload):
        body = json.dumps(payload).encode() if payload is not None else b""
        self.sock.sendall(f"PUB {subject} _INBOX.check {len(body)}\r\n".encode() + body + b"\r\n")
        while True:
            op, message = self._frame()
            if op == "MSG":
                headers, data = message
                if headers.startswith(b"NATS/1.0 503"):
                    raise RuntimeError("no JetStream responders")
                return json.loads(data) if data else {}


def header(headers, name):
    for line in headers.decode().split("\r\n")[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    return None


def main():
    url, command, stream = sys.argv[1], sys.argv[2], sys.argv[3]
    nats = Connection(url)
    if command == "delete":
        nats.request(f"$JS.API.STREAM.DELETE.{stream}", None)
        return
    info = nats.request(f"$JS.API.STREAM.INFO.{stream}", None)
    if "error" in info:
        print(json.dumps({"messages": 0, "items": [], "error": info["error"]}))
        return
    state = info["state"]
    items = []
    if state["messages"]:
        for seq in range(state["first_seq"], state["last_seq"] + 1):
            reply = nats.request(f"$JS.API.STREAM.MSG.GET.{stream}", {"seq": seq})
            if "error" in reply:
                continue
            message = reply["message"]
            headers = base64.b64decode(message.get("hdrs") or "")
            items.append({"seq": message["seq"], "subject": message["subject"], "msgId": header(headers, "Nats-Msg-Id")})
    print(json.dumps({"messages": state["messages"], "items": items}))


if __name__ == "__main__":
    main()
