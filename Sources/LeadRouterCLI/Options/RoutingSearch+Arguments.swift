// `--search pruned|exhaustive` (bench route). A conformance of a public type is public, hence the public imports.
public import ArgumentParser
public import LeadRoutingCore

extension RoutingSearch: ExpressibleByArgument {}
