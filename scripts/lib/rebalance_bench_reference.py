#!/usr/bin/env python3
"""Times OR-Tools SimpleMinCostFlow on a DIMACS min-cost-flow file and prints JSON (optimum, load and solve seconds).

Usage: rebalance_bench_reference.py INSTANCE.dimacs
"""
import json
import resource
import sys
import time

from ortools.graph.python import min_cost_flow


def main():
    path = sys.argv[1]
    start = time.perf_counter()
    tails, heads, capacities, costs, supplies = [], [], [], [], {}
    nodes = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("a "):
                _, u, v, _, cap, cost = line.split()
                tails.append(int(u) - 1)
                heads.append(int(v) - 1)
                capacities.append(int(cap))
                costs.append(int(cost))
            elif line.startswith("n "):
                _, node, supply = line.split()
                supplies[int(node) - 1] = int(supply)
            elif line.startswith("p "):
                nodes = int(line.split()[2])
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    for node in range(nodes):
        flow.set_node_supply(node, supplies.get(node, 0))
    loaded = time.perf_counter()
    status = flow.solve()
    solved = time.perf_counter()
    print(json.dumps({
        "solver": "ortools SimpleMinCostFlow",
        "status": "optimal" if status == flow.OPTIMAL else str(status),
        "objective": flow.optimal_cost() if status == flow.OPTIMAL else None,
        "loadSeconds": round(loaded - start, 3),
        "solveSeconds": round(solved - loaded, 3),
        "peakResidentBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
