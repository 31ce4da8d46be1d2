#!/usr/bin/env python3
"""Cross-checks `leadrouter analyze` against NetworkX on one or more dataset directories.

Usage: networkx_crosscheck.py LEADROUTER DATASET_DIR...

Checks: PageRank L1 distance <= 1e-6 (NetworkX's rule at tolerance 1e-10 on both sides) and our converged default
within 1e-9 of NetworkX at tolerance 1e-14, exact betweenness within 1e-9,
weak and strong components equal as partitions, reciprocity equal (overall and per agent), modularity of our
partition recomputed by NetworkX equal to the reported one, and Louvain modularity >= NetworkX
louvain_communities modularity - 0.01. Exits 1 on any failure.
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

import networkx as nx


def read_graph(directory):
    G = nx.DiGraph()
    with open(os.path.join(directory, "agents.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            G.add_node(row["id"])
    path = os.path.join(directory, "referrals.csv")
    if os.path.exists(path):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                sent = row.get("sent") or "1"
                G.add_edge(row["from_agent_id"], row["to_agent_id"], weight=float(sent))
    return G


def undirected_view(G):
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    for u, v, w in G.edges(data="weight"):
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
    return H


class Runner:
    def __init__(self, binary, dataset, workdir):
        self.binary, self.dataset, self.workdir = binary, dataset, workdir

    def csv(self, *args):
        out = os.path.join(self.workdir, "out.csv")
        self.run(*args, "--csv", "--out", out)
        with open(out, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def json(self, *args):
        return json.loads(self.run(*args, "--json"))

    def run(self, *args):
        cmd = [self.binary, "analyze", *args, "--dataset", self.dataset, "--quiet"]
        started = time.perf_counter()
        result = subprocess.run(cmd, capture_output=True, text=True)
        self.last_seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({result.returncode}): {result.stderr.strip()}")
        return result.stdout


def partition(rows, key):
    groups = {}
    for row in rows:
        groups.setdefault(row[key], set()).add(row["id"])
    return {frozenset(g) for g in groups.values()}


def check_dataset(binary, directory, results):
    name = os.path.basename(os.path.normpath(directory))
    G = read_graph(directory)
    label = f"{name} ({G.number_of_nodes()} agents, {G.number_of_edges()} referrals)"

    def record(check, ok, detail):
        results.append((label, check, ok, detail))

    with tempfile.TemporaryDirectory() as workdir:
        lr = Runner(binary, directory, workdir)

        # PageRank: NetworkX's rule and method on both sides, then our converged default against NetworkX run
        # to a per-agent tolerance of 1e-14.
        ours = {r["id"]: float(r["score"]) for r in lr.csv("pagerank", "--stop", "networkx", "--tolerance", "1e-10")}
        t = time.perf_counter()
        theirs = nx.pagerank(G, alpha=0.85, tol=1e-10, max_iter=1000, weight="weight")
        nx_seconds = time.perf_counter() - t
        l1 = sum(abs(ours[n] - theirs[n]) for n in G.nodes)
        record("pagerank --stop networkx L1 <= 1e-6", l1 <= 1e-6, f"L1 {l1:.3e} (nx {nx_seconds:.2f}s)")
        converged = {r["id"]: float(r["score"]) for r in lr.csv("pagerank")}
        exact = nx.pagerank(G, alpha=0.85, tol=1e-14, max_iter=10000, weight="weight")
        l1 = sum(abs(converged[n] - exact[n]) for n in G.nodes)
        record("pagerank converged L1 <= 1e-9", l1 <= 1e-9, f"L1 {l1:.3e} from nx at tol 1e-14")

        # Exact betweenness.
        ours = {r["id"]: float(r["score"]) for r in lr.csv("betweenness")}
        ours_seconds = lr.last_seconds
        t = time.perf_counter()
        theirs = nx.betweenness_centrality(G, normalized=True)
        nx_seconds = time.perf_counter() - t
        diff = max(abs(ours[n] - theirs[n]) for n in G.nodes)
        record("betweenness exact within 1e-9", diff <= 1e-9, f"max diff {diff:.3e} (ours {ours_seconds:.2f}s, nx {nx_seconds:.2f}s)")

        # Sampled betweenness reports its sample size.
        k = max(2, G.number_of_nodes() // 10)
        sampled = lr.json("betweenness", "--k", str(k), "--seed", "7")
        record("betweenness sampled reports k", sampled["sampleSize"] == k and not sampled["exact"], f"k {sampled['sampleSize']}")

        # Components as partitions.
        for kind, fn in (("weak", nx.weakly_connected_components), ("strong", nx.strongly_connected_components)):
            ours = partition(lr.csv("components", "--kind", kind), "component")
            theirs = {frozenset(c) for c in fn(G)}
            record(f"{kind} components equal", ours == theirs, f"{len(ours)} vs nx {len(theirs)}")

        # Reciprocity, overall and per agent.
        summary = lr.json("reciprocity")
        overall = nx.overall_reciprocity(G) if G.number_of_edges() else None
        ok = (summary["overall"] is None and overall is None) or abs(summary["overall"] - overall) <= 1e-12
        record("overall reciprocity equal", ok, f"{summary['overall']} vs nx {overall}")
        ours = {r["id"]: (float(r["score"]) if r["score"] != "" else None) for r in lr.csv("reciprocity")}
        theirs = nx.reciprocity(G, list(G.nodes))
        bad = [n for n in G.nodes if (ours[n] is None) != (theirs[n] is None) or (ours[n] is not None and abs(ours[n] - theirs[n]) > 1e-12)]
        record("per-agent reciprocity equal", not bad, f"{len(bad)} differ" + (f" e.g. {bad[0]}: {ours[bad[0]]} vs {theirs[bad[0]]}" if bad else ""))

        # Louvain.
        H = undirected_view(G)
        report = lr.json("communities")
        ours_seconds = lr.last_seconds
        rows = lr.csv("communities")
        ours_partition = [set(c) for c in partition(rows, "community")]
        recomputed = nx.community.modularity(H, ours_partition, weight="weight")
        record("modularity as NetworkX computes it", abs(recomputed - report["modularity"]) <= 1e-9,
               f"reported {report['modularity']:.6f}, nx.modularity {recomputed:.6f}")
        t = time.perf_counter()
        theirs = nx.community.louvain_communities(H, weight="weight", resolution=1, seed=42)
        nx_seconds = time.perf_counter() - t
        q = nx.community.modularity(H, theirs, weight="weight")
        record("louvain modularity >= nx - 0.01", report["modularity"] >= q - 0.01,
               f"{report['modularity']:.4f} ({report['communities']} comms) vs nx {q:.4f} ({len(theirs)} comms)")


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    binary, directories = sys.argv[1], sys.argv[2:]
    results = []
    started = time.perf_counter()
    for directory in directories:
        check_dataset(binary, directory, results)
    width = max(len(r[1]) for r in results)
    current = None
    for label, check, ok, detail in results:
        if label != current:
            print(f"-- {label}")
            current = label
        print(f"  {'ok  ' if ok else 'FAIL'} {check.ljust(width)}  {detail}")
    failed = [r for r in results if not r[2]]
    print(f"networkx {nx.__version__}: {len(results) - len(failed)}/{len(results)} checks passed in {time.perf_counter() - started:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
