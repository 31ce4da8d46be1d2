#!/usr/bin/env python3
"""Event lag of `leadrouter serve --nats`: how long each outbox event took from its commit (the event's
`occurredAt`) to JetStream storing it (the message's stored time; the PubAck follows at once).

  event_lag.py post URL TOKEN LEADS_CSV COUNT RATE   # POST COUNT leads at RATE per second, one keep-alive connection
  event_lag.py lag NATS_PORT STREAM [SINCE_SEQ]       # p50/p90/p99/max lag over the stream's messages after SINCE_SEQ
  event_lag.py settle NATS_PORT STREAM                # waits until the stream stops growing (1 s without a message)
  event_lag.py reset NATS_PORT STREAM                 # deletes the stream (the next server creates it afresh; a fresh
                                                      # store restarts event ids, which the old duplicate window drops)
"""
import base64
import csv
import http.client
import json
import socket
import sys
import time
import urllib.parse
from datetime import datetime


def post(url, token, leads_csv, count, rate):
    parsed = urllib.parse.urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    rows = []
    with open(leads_csv, newline="") as f:
        for row in csv.DictReader(f):
            rows.append(row)
            if len(rows) >= count:
                break
    run = int(time.time())
    start = time.monotonic()
    statuses = {}
    for i in range(count):
        row = rows[i % len(rows)]
        lead = {"id": f"LAG{run}-{i}", "territoryId": row["territory_id"]}
        if row.get("kind"):
            lead["kind"] = row["kind"]
        if row.get("price"):
            lead["price"] = float(row["price"])
        body = json.dumps(lead)
        due = start + i / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        connection.request("POST", "/api/v1/leads", body, {"Content-Type": "application/json", "Authorization": "Bearer " + token})
        response = connection.getresponse()
        response.read()
        statuses[response.status] = statuses.get(response.status, 0) + 1
    elapsed = time.monotonic() - start
    print(f"posted {count} leads in {elapsed:.1f} s ({count / elapsed:.0f}/s); statuses {statuses}")


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), 5)
    f = s.makefile("rb")
    f.readline()
    s.sendall(b'CONNECT {"verbose":false,"pedantic":false,"protocol":1,"headers":true,"no_responders":true}\r\nSUB _INBOX.lag.* 1\r\n')

    def request(subject, body):
        s.sendall(("PUB %s _INBOX.lag.1 %d\r\n" % (subject, len(body))).encode() + body + b"\r\n")
        while True:
            line = f.readline().decode().strip()
            if line == "PING":
                s.sendall(b"PONG\r\n")
            elif line.startswith("MSG"):
                size = int(line.split()[-1])
                return json.loads(f.read(size + 2)[:size])

    return request


def settle(port, stream):
    request = connect(port)
    last = -1
    while True:
        current = request("$JS.API.STREAM.INFO." + stream, b"")["state"]["last_seq"]
        if current == last:
            return
        last = current
        time.sleep(1)


def stream_messages(port, stream, since):
    request = connect(port)
    info = request("$JS.API.STREAM.INFO." + stream, b"")
    first = max(info["state"]["first_seq"], since + 1)
    for seq in range(first, info["state"]["last_seq"] + 1):
        reply = request("$JS.API.STREAM.MSG.GET." + stream, json.dumps({"seq": seq}).encode())
        if "message" in reply:
            yield reply["message"]


def timestamp(text):
    # RFC 3339 with up to nanoseconds; keep microseconds.
    text = text.replace("Z", "+00:00")
    if "." in text:
        head, rest = text.split(".", 1)
        digits = "".join(ch for ch in rest if ch.isdigit())
        zone = rest[len(digits):]
        text = f"{head}.{digits[:6].ljust(6, '0')}{zone}"
    return datetime.fromisoformat(text).timestamp()


def lag(port, stream, since):
    lags = []
    for message in stream_messages(port, stream, since):
        event = json.loads(base64.b64decode(message["data"]))
        lags.append((timestamp(message["time"]) - timestamp(event["occurredAt"])) * 1000)
    if not lags:
        print("no events in the stream")
        return
    lags.sort()

    def pick(q):
        return lags[min(len(lags) - 1, int(q * len(lags)))]

    print(f"{len(lags)} events: lag p50 {pick(0.5):.1f} ms, p90 {pick(0.9):.1f} ms, p99 {pick(0.99):.1f} ms, max {lags[-1]:.1f} ms")


if __name__ == "__main__":
    if sys.argv[1] == "post":
        post(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), float(sys.argv[6]))
    elif sys.argv[1] == "reset":
        connect(int(sys.argv[2]))("$JS.API.STREAM.DELETE." + sys.argv[3], b"")
    elif sys.argv[1] == "settle":
        settle(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1] == "lag":
        lag(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 0)
    else:
        sys.exit(__doc__)
