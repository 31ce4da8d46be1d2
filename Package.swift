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
