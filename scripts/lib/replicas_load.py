#!/usr/bin/env python3
"""Load and inspection steps of scripts/checks/replicas, over the HTTP API of the running replicas (loopback).

  replicas_load.py post LEADS.jsonl OUT.json PORT...     posts every lead, alternating replicas, 4 at a time; writes
                                                       {leadId: [HTTP status or 0 when unanswered, decision status]};
                                                       OUT.progress counts the leads posted so far
  replicas_load.py resend LEADS.jsonl FIRST.json PORT... re-sends every lead by id; fails unless each is answered 200
                                                       (replayed) or 201 (recorded now, or an unroutable one routed)
  replicas_load.py accept OFFERS.tsv PORT               accepts each `lead_id<TAB>agent_id` offer (a refusal is fine:
                                                       the offer may have expired meanwhile)
  replicas_load.py views LOADS.tsv PORT...              fails unless every replica's agent listing shows the open
                                                       leads of `agent_id<TAB>open_count` (the store's)
"""
import concurrent.futures
import json
import sys
import time
import urllib.error
import urllib.request


def call(port, method, path, body=None, timeout=10):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, b""


def leads(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def post(path, out, ports):
    items = leads(path)
    results = {}
    progress = out + ".progress"

    def send(index):
        lead = items[index]
        time.sleep(0.02)  # paced, so the load lasts while a replica is killed
        status, body = call(ports[index % len(ports)], "POST", "/api/v1/leads", lead)
        decision = json.loads(body).get("status") if status in (200, 201) else None
        return lead["id"], [status, decision]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for done, (lead_id, status) in enumerate(pool.map(send, range(len(items))), 1):
            results[lead_id] = status
            if done % 10 == 0:
                with open(progress, "w") as f:
                    f.write(str(done))
    with open(out, "w") as f:
        json.dump(results, f)
    answered = sum(1 for s, _ in results.values() if s in (200, 201))
    print(f"   posted {len(items)} leads to {len(ports)} replicas: {answered} answered, {len(items) - answered} unanswered")


def resend(path, first_path, ports):
    items = leads(path)
    first = json.load(open(first_path))
    failures = []

    def send(index):
        lead = items[index]
        return lead["id"], call(ports[index % len(ports)], "POST", "/api/v1/leads", lead)[0]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(pool.map(send, range(len(items))))
    for lead_id, status in results.items():
        if status not in (200, 201):
            failures.append(f"{lead_id}: {status}")
    # 200: the stored decision replayed. 201: recorded now (unanswered before the kill and never committed), or an
    # unroutable lead (its offers expired meanwhile) that this retry routed.
    unanswered = sum(1 for s, _ in first.values() if s not in (200, 201))
    replayed = sum(1 for s in results.values() if s == 200)
    if failures:
        sys.exit("re-send by id failed: " + "; ".join(failures[:10]))
    print(f"   re-sent {len(items)} leads by id ({unanswered} unanswered before): {replayed} replayed, "
          f"{len(items) - replayed} recorded or retried now")


def accept(path, port):
    accepted = 0
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            lead_id, agent_id = line.rstrip("\n").split("\t")
            status, _ = call(port, "POST", f"/api/v1/leads/{lead_id}/accept", {"agentId": agent_id})
            accepted += status == 200
    print(f"   accepted {accepted} offers")


def views(path, ports):
    store = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                agent_id, open_count = line.rstrip("\n").split("\t")
                store[agent_id] = int(open_count)
    wrong = []
    for port in ports:
        cursor = None
        seen = 0
        while True:
            status, body = call(port, "GET", "/api/v1/agents?limit=500" + (f"&cursor={cursor}" if cursor else ""))
            if status != 200:
                sys.exit(f"GET /api/v1/agents on port {port}: {status}")
            page = json.loads(body)
            for agent in page["agents"]:
                seen += 1
                if agent["id"] in store and agent["openLeads"] != store[agent["id"]]:
                    wrong.append(f"port {port}: {agent['id']} shows {agent['openLeads']}, store {store[agent['id']]}")
            cursor = page.get("nextCursor")
            if not cursor:
                break
        if seen != len(store):
            wrong.append(f"port {port}: listed {seen} agents, the store has {len(store)}")
    return wrong


def main():
    command = sys.argv[1]
    if command == "post":
        post(sys.argv[2], sys.argv[3], [int(p) for p in sys.argv[4:]])
    elif command == "resend":
        resend(sys.argv[2], sys.argv[3], [int(p) for p in sys.argv[4:]])
    elif command == "accept":
        accept(sys.argv[2], int(sys.argv[3]))
    elif command == "views":
        wrong = views(sys.argv[2], [int(p) for p in sys.argv[3:]])
        if wrong:
            print("\n".join(wrong[:10]))
            sys.exit(1)
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
