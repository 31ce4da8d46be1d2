#!/usr/bin/env python3
"""Times the `bench analyze` algorithms in igraph and NetworkX on the same dataset and prints the comparison.

Usage: bench_analyze_reference.py DATASET_DIR SWIFT_BENCH_JSON [--markdown FILE]

NetworkX runs only where it finishes in reasonable time on 200k agents / 2M referrals: sampled betweenness
is timed on 8 pivots and extrapolated linearly to 256; Louvain is skipped (pure Python, many minutes).
"""
import csv
import json
import os
import platform
import random
import sys
import time

import igraph as ig
import networkx as nx
import numpy as np


CPU = {}


def timed(fn, name=None):
    """Runs fn; returns (value, wall seconds) and records process CPU seconds under `name`."""
    t, c = time.perf_counter(), time.process_time()
    value = fn()
    if name:
        CPU[name] = time.process_time() - c
    return value, time.perf_counter() - t


def main():
    directory, swift_json = sys.argv[1], sys.argv[2]
    markdown = sys.argv[sys.argv.index("--markdown") + 1] if "--markdown" in sys.argv else None
    swift = json.load(open(swift_json))
    s = swift["seconds"]

    t = time.perf_counter()
    with open(os.path.join(directory, "agents.csv"), newline="", encoding="utf-8") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    index = {a: i for i, a in enumerate(ids)}
    sources, targets, weights = [], [], []
    with open(os.path.join(directory, "referrals.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            sources.append(index[row["from_agent_id"]])
            targets.append(index[row["to_agent_id"]])
            weights.append(float(row.get("sent") or 1))
    n = len(ids)
    print(f"read {n} agents, {len(sources)} referrals in {time.perf_counter() - t:.1f}s", file=sys.stderr)

    rows = []  # (name, swift seconds, igraph seconds, networkx seconds or None, note)

    # igraph.
    G, ig_build = timed(lambda: ig.Graph(n=n, edges=list(zip(sources, targets)), directed=True, edge_attrs={"weight": weights}))
    pr, ig_pr = timed(lambda: G.pagerank(weights="weight", damping=0.85), "ig_pr")
    random.seed(1)
    pivots = random.sample(range(n), 256)
    _, ig_bc = timed(lambda: G.betweenness(directed=True, sources=pivots), "ig_bc")
    U, ig_undirected = timed(lambda: G.as_undirected(mode="collapse", combine_edges={"weight": "sum"}), "ig_undirected")
    communities, ig_louvain = timed(lambda: U.community_multilevel(weights="weight"), "ig_louvain")
    ig_q = U.modularity(communities.membership, weights="weight")
    weak, ig_weak = timed(lambda: G.connected_components(mode="weak"), "ig_weak")
    strong, ig_strong = timed(lambda: G.connected_components(mode="strong"), "ig_strong")
    ig_rec, ig_rec_s = timed(lambda: G.reciprocity(ignore_loops=True), "ig_rec")
    print("igraph done", file=sys.stderr)

    # NetworkX.
    def build():
        D = nx.DiGraph()
        D.add_nodes_from(range(n))
        D.add_weighted_edges_from(zip(sources, targets, weights))
        return D

    D, nx_build = timed(build)
    nx_pr, nx_pr_s = timed(lambda: nx.pagerank(D, alpha=0.85, weight="weight"), "nx_pr")
    nx_pr_precise, nx_pr_precise_s = timed(lambda: nx.pagerank(D, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000), "nx_pr_precise")
    _, nx_bc8 = timed(lambda: nx.betweenness_centrality(D, k=8, seed=1), "nx_bc8")
    nx_weak, nx_weak_s = timed(lambda: nx.number_weakly_connected_components(D), "nx_weak")
    nx_strong, nx_strong_s = timed(lambda: nx.number_strongly_connected_components(D), "nx_strong")
    nx_rec, nx_rec_s = timed(lambda: nx.overall_reciprocity(D), "nx_rec")
    print("networkx done", file=sys.stderr)

    # Agreement figures.
    ours_pr_note = f"{int(swift['figures']['pagerankIterations'])} it @1e-6; {int(swift['figures']['pagerankPreciseIterations'])} it @1e-10"
    f = swift["figures"]
    cpu = swift.get("cpuSeconds", {})
    cpu_rows = [
        ("PageRank, NetworkX default tol 1e-6", cpu.get("pagerank"), CPU["ig_pr"], CPU["nx_pr"]),
        ("PageRank, tol 1e-10", cpu.get("pagerankPrecise"), CPU["ig_pr"], CPU["nx_pr_precise"]),
        ("PageRank converged (default), total L1 < 1e-10", cpu.get("pagerankConverged"), CPU["ig_pr"], None),
        ("betweenness, 256 pivots", cpu.get("betweennessSampled"), CPU["ig_bc"], CPU["nx_bc8"] * 32),
        ("Louvain (undirected view)", (cpu.get("louvain") or 0) + (cpu.get("undirectedView") or 0), CPU["ig_louvain"] + CPU["ig_undirected"], None),
        ("weak components", cpu.get("weakComponents"), CPU["ig_weak"], CPU["nx_weak"]),
        ("strong components", cpu.get("strongComponents"), CPU["ig_strong"], CPU["nx_strong"]),
        ("reciprocity", cpu.get("reciprocity"), CPU["ig_rec"], CPU["nx_rec"]),
    ]
    rows = [
        ("PageRank, NetworkX default tol 1e-6", s["pagerank"], ig_pr, nx_pr_s, ours_pr_note + "; aim ≤ 1/5 igraph"),
        ("PageRank, NetworkX rule tol 1e-10", s["pagerankPrecise"], ig_pr, nx_pr_precise_s,
         f"L1 {f.get('pagerankPreciseL1FromConverged', float('nan')):.1e} from converged"),
        ("PageRank converged (default; vs igraph PRPACK, exact)", s.get("pagerankConverged"), ig_pr, None,
         f"{int(f.get('pagerankConvergedSweeps', 0))} sweeps; aim ≤ 1/5 igraph"),
        ("betweenness, 256 pivots", s["betweennessSampled"], ig_bc, nx_bc8 * 32, "aim ≤ 10 s; NetworkX: 8 pivots × 32 (extrapolated)"),
        ("Louvain (undirected view)", s["louvain"] + s["undirectedView"], ig_louvain + ig_undirected, None,
         f"Q {f['modularity']:.4f} ({int(f['communities'])}) vs igraph {ig_q:.4f} ({len(communities)}); NetworkX skipped (minutes)"),
        ("weak components", s["weakComponents"], ig_weak, nx_weak_s, f"{int(f['weakComponents'])} vs igraph {len(weak)}, nx {nx_weak}; aim < 1 s"),
        ("strong components", s["strongComponents"], ig_strong, nx_strong_s, f"{int(f['strongComponents'])} vs igraph {len(strong)}, nx {nx_strong}; aim < 1 s"),
        ("reciprocity", s["reciprocity"], ig_rec_s, nx_rec_s, f"{f['reciprocity']:.6f} vs igraph {ig_rec:.6f}, nx {nx_rec:.6f}"),
    ]
    header = "| algorithm | LeadRouter s | igraph s | NetworkX s | LeadRouter / igraph | LeadRouter / NetworkX | notes |"
    lines = [header, "|---|---:|---:|---:|---:|---:|---|"]
    for name, ours, igraph_s, nx_s, note in rows:
        nx_text = f"{nx_s:.3f}" if nx_s is not None else "skipped"
        nx_ratio = f"{ours / nx_s:.3f}" if nx_s else "—"
        lines.append(f"| {name} | {ours:.3f} | {igraph_s:.3f} | {nx_text} | {ours / igraph_s:.3f} | {nx_ratio} | {note} |")
    lines += ["", "CPU seconds (all threads; the machine was shared, so these show the work independent of load):", "",
              "| algorithm | LeadRouter CPU s | igraph CPU s | NetworkX CPU s | LeadRouter / igraph (CPU) |", "|---|---:|---:|---:|---:|"]
    for name, ours, igraph_s, nx_s in cpu_rows:
        ours_text = f"{ours:.3f}" if ours is not None else "—"
        ratio = f"{ours / igraph_s:.3f}" if ours is not None and igraph_s else "—"
        lines.append(f"| {name} | {ours_text} | {igraph_s:.3f} | {f'{nx_s:.3f}' if nx_s is not None else 'skipped'} | {ratio} |")
    build = (f"Graph build (after CSV parsing): LeadRouter load + projection {swift['loadSeconds']:.2f} s (CSV included), "
             f"igraph {ig_build:.2f} s, NetworkX {nx_build:.2f} s. "
             f"{n} agents, {len(sources)} referrals; {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
             f"igraph {ig.__version__}, networkx {nx.__version__}.")
    text = "\n".join(lines) + "\n\n" + build + "\n"
    print(text)
    if markdown:
        open(markdown, "w").write(text)


if __name__ == "__main__":
    main()
