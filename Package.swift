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
        .library(name: "LeadRoutingFiles", targets: ["LeadRoutingFiles"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Neo4j adapter (issue 4).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Pure core: model, dataset codec (bytes in, bytes out), projection, scoring, routing, generator.
        // No I/O, no NIO, no networking; FoundationEssentials only.
        .target(name: "LeadRoutingCore", swiftSettings: swiftSettings),
        // Local files at the edge: dataset directories, policy files, generator output.
        .target(name: "LeadRoutingFiles", dependencies: ["LeadRoutingCore"], swiftSettings: swiftSettings),
        // Thin CLI over the libraries.
        .executableTarget(
            name: "LeadRouterCLI",
            dependencies: [
                "LeadRoutingCore",
                "LeadRoutingFiles",
                "LeadRoutingNeo4j",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Neo4j adapter (issue 4): HTTP Cypher client, graph store, import, refresh, lineage, snapshot cache.
        .target(
            name: "LeadRoutingNeo4j",
            dependencies: [
                "LeadRoutingCore", "LeadRoutingFiles",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadRoutingNeo4jTests",
            dependencies: ["LeadRoutingNeo4j", "LeadRoutingCore", "LeadRoutingFiles"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "LeadRoutingCoreTests", dependencies: ["LeadRoutingCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "LeadRoutingFilesTests",
            dependencies: ["LeadRoutingCore", "LeadRoutingFiles"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LeadRouterCLITests",
            dependencies: ["LeadRouterCLI", "LeadRoutingCore", "LeadRoutingFiles"],
            swiftSettings: swiftSettings
        ),
    ]
)
