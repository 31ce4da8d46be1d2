#!/usr/bin/env python3
"""Cross-checks the rebalance solver's optimum against OR-Tools and NetworkX on exported DIMACS instances.

Usage: rebalance_optimum_check.py LEADROUTER WORKDIR

For each generated instance (ties, scarce capacity so that not every lead is placed, zero-capacity agents, a
non-default policy, one larger instance) it runs `leadrouter bench rebalance --export-dimacs` with each of
leadrouter's solvers (cost scaling, network simplex), then solves the exported file with OR-Tools SimpleMinCostFlow
(all instances) and NetworkX network_simplex (the small ones) and requires the same optimal cost as the objective
each leadrouter solver reported. REBALANCE_BREAK=objective adds 1 to the
reported objective, to show the check failing. Exits 1 on any failure.
"""
import json
import os
import subprocess
import sys

import networkx as nx
from ortools.graph.python import min_cost_flow

INSTANCES = [
    # name, bench arguments, also NetworkX, what must hold of the instance
    ("ties", ["--leads", "60", "--agents", "12", "--candidates", "4", "--score-levels", "4", "--max-capacity", "6"], True, None),
    ("scarce", ["--leads", "200", "--agents", "20", "--candidates", "5", "--max-capacity", "3",
                "--fixed-load-share", "0.7"], True, "unplaced"),
    ("zero-capacity", ["--leads", "150", "--agents", "30", "--candidates", "6", "--zero-capacity-share", "0.3",
                       "--score-levels", "10"], True, None),
    ("policy", ["--leads", "300", "--agents", "40", "--candidates", "8", "--score-levels", "20", "--policy", "POLICY"],
     True, None),
    ("larger", ["--leads", "20000", "--agents", "4000", "--candidates", "10", "--seed", "7"], False, None),
]

POLICY = {
    "version": "rebalance-check",
    "rebalance": {
        "churnPenalty": 0.3,
        "unassignedPenalty": 0.5,
        "loadCost": [
            {"upToUtilisation": 0.25, "costPerLead": 0},
            {"upToUtilisation": 0.5, "costPerLead": 0.1},
            {"upToUtilisation": 1, "costPerLead": 0.35},
        ],
    },
}


def read_dimacs(path):
    nodes, supplies, arcs = 0, {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if not fields or fields[0] == "c":
                continue
            if fields[0] == "p":
                assert fields[1] == "min", line
                nodes = int(fields[2])
            elif fields[0] == "n":
                supplies[int(fields[1])] = int(fields[2])
            elif fields[0] == "a":
                u, v, low, cap, cost = map(int, fields[1:6])
                assert low == 0, line
                arcs.append((u, v, cap, cost))
    return nodes, supplies, arcs


def ortools_optimum(nodes, supplies, arcs):
    flow = min_cost_flow.SimpleMinCostFlow()
    for u, v, cap, cost in arcs:
        flow.add_arc_with_capacity_and_unit_cost(u - 1, v - 1, cap, cost)
    for node in range(1, nodes + 1):
        flow.set_node_supply(node - 1, supplies.get(node, 0))
    status = flow.solve()
    if status != flow.OPTIMAL:
        return None
    return flow.optimal_cost()


def networkx_optimum(nodes, supplies, arcs):
    graph = nx.MultiDiGraph()
    for node in range(1, nodes + 1):
        graph.add_node(node, demand=-supplies.get(node, 0))
    for u, v, cap, cost in arcs:
        graph.add_edge(u, v, capacity=cap, weight=cost)
    cost, _ = nx.network_simplex(graph)
    return cost


def main():
    binary, work = sys.argv[1], sys.argv[2]
    broken = os.environ.get("REBALANCE_BREAK", "")
    if broken not in ("", "objective"):
        print(f"REBALANCE_BREAK: unknown mode {broken}", file=sys.stderr)
        return 2
    policy_path = os.path.join(work, "policy.json")
    with open(policy_path, "w", encoding="utf-8") as f:
        json.dump(POLICY, f)
    failures = 0
    for name, arguments, with_networkx, must in INSTANCES:
        dimacs = os.path.join(work, f"{name}.dimacs")
        arguments = [policy_path if a == "POLICY" else a for a in arguments]
        out = subprocess.run([binary, "bench", "rebalance", *arguments, "--solver", "cost-scaling",
                              "--export-dimacs", dimacs], check=True, capture_output=True, text=True).stdout
        report = json.loads(out)
        ours = report["objective"] + (1 if broken == "objective" else 0)
        simplex_out = subprocess.run([binary, "bench", "rebalance", *arguments, "--solver", "network-simplex"],
                                     check=True, capture_output=True, text=True).stdout
        simplex = json.loads(simplex_out)["objective"]
        nodes, supplies, arcs = read_dimacs(dimacs)
        expected = ortools_optimum(nodes, supplies, arcs)
        line = f"{name}: {report['leads']} leads, {report['agents']} agents, {len(arcs)} arcs, " \
               f"{report['unplaced']} unplaced; leadrouter cost scaling {ours}, network simplex {simplex}, " \
               f"OR-Tools {expected}"
        ok = expected == ours and expected == simplex
        if with_networkx:
            reference = networkx_optimum(nodes, supplies, arcs)
            line += f", NetworkX {reference}"
            ok = ok and reference == ours
        if must == "unplaced" and report["unplaced"] == 0:
            line += " (expected some leads left unplaced)"
            ok = False
        print(("ok   " if ok else "FAIL ") + line)
        failures += 0 if ok else 1
    if failures:
        print(f"rebalance optimum check: {failures} instance(s) disagree", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
