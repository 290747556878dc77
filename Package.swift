// swift-tools-version:6.1
import PackageDescription

/// Swift 6 settings Hummingbird uses: explicit `any`, imports visible only where declared,
/// internal imports unless a module is part of the public API.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "spor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "spor", targets: ["SporCLI"]),
        .library(name: "SporInstruments", targets: ["SporInstruments"]),
        .library(name: "SporLog", targets: ["SporLog"]),
        .library(name: "SporReports", targets: ["SporReports"]),
        .library(name: "SporApplication", targets: ["SporApplication"]),
        .library(name: "SporFHIR", targets: ["SporFHIR"]),
        .executable(name: "spor-bench", targets: ["SporBench"]),
        .executable(name: "spor-report-bench", targets: ["SporReportBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.25.0"),
    ],
    targets: [
        // Questionnaire definitions, validation and scoring. No dependencies, by design.
        .target(name: "SporInstruments", swiftSettings: swiftSettings),
        // CPU instructions Swift does not reach: CRC-32C (the log's frame checksum) and a memory prefetch.
        .target(name: "CSporCPU"),
        // FHIR R4 resources of the instruments and responses (Questionnaire, QuestionnaireResponse, score
        // Observation, Bundle, OperationOutcome) and the reading of a QuestionnaireResponse. No I/O.
        .target(name: "SporFHIR", dependencies: ["SporInstruments"], swiftSettings: swiftSettings),
        // The append-only, hash-chained event log, the pseudonymiser and the state replayed from the log.
        .target(
            name: "SporLog",
            dependencies: [
                "CSporCPU",
                "SporInstruments",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // Trajectories, follow-up summaries and trend reports over the state replayed from the log. No I/O.
        .target(name: "SporReports", dependencies: ["SporInstruments", "SporLog"], swiftSettings: swiftSettings),
        // The dataset of a data folder loaded from a checksummed snapshot beside the log plus the records after it.
        .target(
            name: "SporSnapshot", dependencies: ["SporInstruments", "SporLog", "SporReports"], swiftSettings: swiftSettings),
        // The log in PostgreSQL: the `spor_log` table holding the same records and chain as the embedded log,
        // copying a log in and out of it and walking its chain (docs/postgresql.md).
        .target(
            name: "SporPostgres",
            dependencies: [
                "SporInstruments",
                "SporLog",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The use cases every adapter calls: the data folder, the access policy, tokens, the access audit trail,
        // recording, correcting, retracting, importing, reading a citizen and the reports. The only door to the log.
        .target(
            name: "SporApplication",
            dependencies: [
                "SporInstruments",
                "SporFHIR",
                "SporLog",
                "SporReports",
                "SporSnapshot",
                "SporPostgres",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP daemon: routes, problem+json errors and web pages over the use cases.
        .target(
            name: "SporServer",
            dependencies: [
                "SporInstruments",
                "SporFHIR",
                "SporReports",
                "SporApplication",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["Web/Templates"],
            swiftSettings: swiftSettings
        ),
        // The `spor` command: thin commands over the use cases.
        .executableTarget(
            name: "SporCLI",
            dependencies: [
                "SporInstruments",
                "SporFHIR",
                "SporApplication",
                "SporServer",
                "SporReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmarks, run in release mode: `swift build -c release && .build/release/spor-bench log`.
        .executableTarget(
            name: "SporBench",
            dependencies: [
                "SporInstruments",
                "SporLog",
                "SporReports",
                "SporTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                // The HTTP stack alone, as the floor under the daemon's rows (FloorServer).
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        // Report benchmark, run in release mode: `swift build -c release && .build/release/spor-report-bench`.
        .executableTarget(
            name: "SporReportBench",
            dependencies: [
                "SporReports",
                "SporSnapshot",
                "SporLog",
                "SporInstruments",
                "SporTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared test helpers: temporary data folders, generated data, running the real binary.
        .target(name: "SporTesting", dependencies: ["SporInstruments"], swiftSettings: swiftSettings),
        .testTarget(name: "SporInstrumentsTests", dependencies: ["SporInstruments", "SporTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "SporReportsTests", dependencies: ["SporReports", "SporInstruments", "SporLog"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SporSnapshotTests",
            dependencies: [
                "SporSnapshot", "SporReports", "SporInstruments", "SporLog", "SporTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "SporCLITests", dependencies: ["SporInstruments", "SporTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SporApplicationTests",
            dependencies: ["SporApplication", "SporReports", "SporInstruments", "SporTesting", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SporPostgresTests",
            dependencies: [
                "SporPostgres", "SporApplication", "SporLog", "SporInstruments", "SporTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SporLogTests",
            dependencies: ["SporLog", "SporInstruments", "SporTesting", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SporServerTests",
            dependencies: [
                "SporServer", "SporApplication", "SporFHIR", "SporLog", "SporReports", "SporInstruments", "SporTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
