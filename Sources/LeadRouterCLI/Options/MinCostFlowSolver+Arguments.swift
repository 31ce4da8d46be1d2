// `--solver cost-scaling|network-simplex` (bench rebalance). A conformance of a public type is public, hence the public
// imports.
public import ArgumentParser
public import LeadRoutingCore

extension MinCostFlowSolver: ExpressibleByArgument {}
