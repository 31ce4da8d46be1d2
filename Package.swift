// swift-tools-version:6.2
import PackageDescription

/// Same settings on every target (as Hummingbird and PostgresNIO do).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "lead-router",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "leadrouter", targets: ["LeadRouterCLI"]),
        .library(name: "LeadRoutingCore", targets: ["LeadRoutingCore"]),
        .library(name: "LeadRoutingAnalysis", targets: ["LeadRoutingAnalysis"]),
        .library(name: "LeadRoutingGenerator", targets: ["LeadRoutingGenerator"]),
        .library(name: "LeadRoutingFiles", targets: ["LeadRoutingFiles"]),
        .library(name: "LeadRoutingSQLite", targets: ["LeadRoutingSQLite"]),
        .library(name: "LeadRoutingPostgres", targets: ["LeadRoutingPostgres"]),
        .library(name: "LeadRoutingNeo4j", targets: ["LeadRoutingNeo4j"]),
        .library(name: "LeadRoutingNATS", targets: ["LeadRoutingNATS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    ],
    targets: [
        // Pure core: model, dataset codec (bytes in, bytes out), projection, scoring, routing, analysis, seeded
        // randomness, the storage protocols and the lead lifecycle. No I/O, no NIO, no networking; FoundationEssentials only.
        .target(name: "LeadRoutingCore", swiftSettings: swiftSettings),
        // Network analysis (query, algorithms, one report builder) and charts: pure, on the core's projection.
        .target(name: "LeadRoutingAnalysis", dependencies: ["LeadRoutingCore"], swiftSettings: swiftSettings),
        // The synthetic network generator and its hidden truth: pure, streaming rows to a sink; not needed to route.
        .target(name: "LeadRoutingGenerator", dependencies: ["LeadRoutingCore"], swiftSettings: swiftSettings),
        // Local files at the edge: dataset directories (plain or gzip-compressed CSV), policy files, generator output.
        .target(
            name: "LeadRoutingFiles",
            dependencies: [
                "LeadRoutingCore", "LeadRoutingAnalysis", "LeadRoutingGenerator",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The decision-commit transactions, schema and migrations written once over a minimal SQL connection
        // protocol (no NIO); the two adapters below supply the connections.
        .target(name: "LeadRoutingSQL", dependencies: ["LeadRoutingCore"], swiftSettings: swiftSettings),
        // Embedded lead store: SQLite through SQLiteNIO (a file or :memory:).
        .target(
            name: "LeadRoutingSQLite",
            dependencies: [
                "LeadRoutingCore", "LeadRoutingSQL",
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Production lead store: Postgres through PostgresNIO's pooled client (a ServiceLifecycle service).
        .target(
            name: "LeadRoutingPostgres",
            dependencies: [
                "LeadRoutingCore", "LeadRoutingSQL",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Opens a lead store from its URL (either adapter) for the CLI and the service, one way.
        .target(
            name: "LeadRoutingStores",
            dependencies: [
                "LeadRoutingCore", "LeadRoutingSQL", "LeadRoutingSQLite", "LeadRoutingPostgres",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Neo4j adapter: HTTP Cypher client, graph store, import, refresh, lineage, snapshot cache.
        .target(
            name: "LeadRoutingNeo4j",
            dependencies: [
                "LeadRoutingCore", "LeadRoutingFiles",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // NATS JetStream publisher over SwiftNIO (no NATS client package exists here): the wire protocol, one
        // connection with request–reply through an inbox, and a publisher that ensures its stream and awaits PubAcks.
        .target(
            name: "LeadRoutingNATS",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTP API: Hummingbird router, auth, limits, metrics, problem details; the only place errors
        // become HTTP statuses.
        .target(
            name: "LeadRoutingService",
            dependencies: [
                "LeadRoutingCore", "LeadRoutingAnalysis", "LeadRoutingFiles", "LeadRoutingStores", "LeadRoutingNATS", "LeadRoutingNeo4j",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Resources/openapi.yaml")],
            swiftSettings: swiftSettings
        ),
        // Thin CLI over the libraries.
        .executableTarget(
            name: "LeadRouterCLI",
            dependencies: [
                "LeadRoutingCore", "LeadRoutingAnalysis", "LeadRoutingGenerator", "LeadRoutingFiles", "LeadRoutingSQL",
                "LeadRoutingStores", "LeadRoutingNeo4j", "LeadRoutingService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared by every test target: the repository root and fixture paths, the CLI process runner and the
        // service-environment lookups. Foundation only, so any test target can depend on it.
        .target(name: "LeadRoutingTestSupport", path: "Tests/LeadRoutingTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "LeadRoutingCoreTests",
            dependencies: ["LeadRoutingCore", "LeadRoutingGenerator", "LeadRoutingTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadRoutingAnalysisTests",
            dependencies: ["LeadRoutingCore", "LeadRoutingAnalysis", "LeadRoutingTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadRoutingGeneratorTests",
            dependencies: ["LeadRoutingCore", "LeadRoutingGenerator", "LeadRoutingTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadRoutingFilesTests",
            dependencies: [
                "LeadRoutingCore", "LeadRoutingAnalysis", "LeadRoutingGenerator", "LeadRoutingFiles", "LeadRoutingTestSupport",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // One conformance suite run against both stores (Postgres when POSTGRES_URL is set).
        .testTarget(
            name: "LeadStoreTests",
            dependencies: [
                "LeadRoutingCore", "LeadRoutingFiles", "LeadRoutingSQL", "LeadRoutingSQLite", "LeadRoutingPostgres",
                "LeadRoutingTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        // Canned-response client tests always; the integration suite when NEO4J_URL is set.
        .testTarget(
            name: "LeadRoutingSimulationTests",
            dependencies: ["LeadRoutingCore", "LeadRoutingGenerator", "LeadRoutingStores", "LeadRoutingTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadRoutingNeo4jTests",
            dependencies: ["LeadRoutingNeo4j", "LeadRoutingCore", "LeadRoutingGenerator", "LeadRoutingFiles", "LeadRoutingTestSupport"],
            swiftSettings: swiftSettings
        ),
        // Route-level (HummingbirdTesting), live, auth, OpenAPI tests; Postgres variant when POSTGRES_URL is set.
        .testTarget(
            name: "LeadRoutingServiceTests",
            dependencies: [
                "LeadRoutingService", "LeadRoutingCore", "LeadRoutingAnalysis", "LeadRoutingFiles", "LeadRoutingSQL",
                "LeadRoutingSQLite", "LeadRoutingPostgres", "LeadRoutingStores", "LeadRoutingNeo4j", "LeadRoutingTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["Keys"],
            swiftSettings: swiftSettings
        ),
        // Recorded protocol exchanges always; the live suite against nats-server when NATS_URL is set.
        .testTarget(
            name: "LeadRoutingNATSTests",
            dependencies: [
                "LeadRoutingNATS", "LeadRoutingTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadRouterCLITests",
            dependencies: [
                "LeadRouterCLI", "LeadRoutingCore", "LeadRoutingAnalysis", "LeadRoutingGenerator", "LeadRoutingFiles",
                "LeadRoutingNeo4j", "LeadRoutingSQL", "LeadRoutingSQLite", "LeadRoutingStores", "LeadRoutingTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
