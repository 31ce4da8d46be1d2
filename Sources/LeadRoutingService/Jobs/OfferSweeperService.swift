import LeadRoutingCore
import Logging
import ServiceLifecycle

/// Expires unaccepted offers older than the lifecycle's SLA and re-routes their leads (excluding every agent whose
/// offer ended), every ``interval``, so an offer nobody answers does not hold a lead for ever. Stops on graceful
/// shutdown; a failing store is logged and tried again at the next tick.
struct OfferSweeperService: Service {
    let lifecycle: LeadLifecycle
    let metrics: ServiceMetrics
    let logger: Logger
    /// Time between looks for overdue offers: an offer expires within about this long after its SLA. Default 1 s.
    var interval: Duration = .seconds(1)
    /// Offers expired per tick at most. Default 500.
    var batchSize = 500

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let expired = try await self.lifecycle.expireOverdueOffers(limit: self.batchSize)
                if !expired.isEmpty {
                    self.metrics.offersExpired(expired)
                    self.logger.info("offers expired and re-routed", metadata: ["count": .stringConvertible(expired.count)])
                }
            } catch {
                self.logger.warning("offer sweep failed; trying again", metadata: ["error": .string("\(error)")])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
        }
    }
}
