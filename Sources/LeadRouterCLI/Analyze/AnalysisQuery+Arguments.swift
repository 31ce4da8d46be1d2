// The core's parameter choices as flag values (`--kind strong`, `--by brokerage`, `--direction in`). A conformance
// of a public type is public, hence the public imports.
public import ArgumentParser
public import LeadRoutingAnalysis
import LeadRoutingCore

extension AnalysisQuery.ComponentKind: ExpressibleByArgument {}
extension AnalysisQuery.LeakageGrouping: ExpressibleByArgument {}
extension KHopReach.Direction: ExpressibleByArgument {}
extension PageRank.StopRule: ExpressibleByArgument {}
