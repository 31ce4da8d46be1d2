import ArgumentParser
import LeadRoutingCore

/// `--search pruned|exhaustive` (bench route).
extension RoutingSearch: ExpressibleByArgument {}
