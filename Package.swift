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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
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

// Lead records (issue 3): the lead-store adapters, appended so the lines above stay as they are.
package.dependencies += [
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/vapor/sqlite-nio", from: "1.13.2"),
]
package.products += [
    .library(name: "LeadRoutingSQLite", targets: ["LeadRoutingSQLite"]),
    .library(name: "LeadRoutingPostgres", targets: ["LeadRoutingPostgres"]),
]
package.targets += [
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
    // One conformance suite run against both stores (Postgres when POSTGRES_URL is set).
    .testTarget(
        name: "LeadStoreTests",
        dependencies: ["LeadRoutingCore", "LeadRoutingFiles", "LeadRoutingSQL", "LeadRoutingSQLite", "LeadRoutingPostgres"],
        swiftSettings: swiftSettings
    ),
]
for target in package.targets where target.name == "LeadRouterCLI" {
    target.dependencies += [
        "LeadRoutingSQL", "LeadRoutingSQLite", "LeadRoutingPostgres",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    ]
}

// Routing service (issue 5), appended likewise (swift-log, swift-nio and swift-service-lifecycle are declared above).
package.dependencies += [
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
]
package.targets += [
    // HTTP API: Hummingbird router, auth, limits, metrics, problem details; the only place errors become statuses.
    .target(
        name: "LeadRoutingService",
        dependencies: [
            "LeadRoutingCore",
            "LeadRoutingFiles",
            "LeadRoutingSQL",
            "LeadRoutingSQLite",
            "LeadRoutingPostgres",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
        ],
        resources: [.copy("Resources/openapi.yaml")],
        swiftSettings: swiftSettings
    ),
    .testTarget(
        name: "LeadRoutingServiceTests",
        dependencies: [
            "LeadRoutingService",
            "LeadRoutingCore",
            "LeadRoutingFiles",
            "LeadRoutingSQL",
            "LeadRoutingSQLite",
            "LeadRoutingPostgres",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
        ],
        exclude: ["Keys"],
        swiftSettings: swiftSettings
    ),
]
// `leadrouter serve` and `leadrouter token` call the service library.
for target in package.targets where target.name == "LeadRouterCLI" {
    target.dependencies.append("LeadRoutingService")
}
