// swift-tools-version: 6.1
import PackageDescription

// Data flows one way: Ingest (read CSV) -> Features (snapshots; the DataSource protocol)
// -> Modeling (and Survival, the hazard model) -> Scoring -> Exports, with DataSources opening what `--data` names and
// Jobs running the steps for the CLI, a thin layer on top. Regression is the general logistic fitter
// behind Modeling and the `fit` command; Simulation writes sample datasets.
// Evaluation checks scores against what happened (metrics, baselines, backtests,
// portfolio KPIs); Report renders that as one self-contained HTML page.
let package = Package(
    name: "healthscore",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "healthscore", targets: ["healthscore"]),
        .executable(name: "healthscore-bench", targets: ["healthscore-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .target(name: "Regression", dependencies: ["CLapack"]),
        .target(name: "Ingest"),
        .target(name: "Features", dependencies: ["Ingest"]),
        .target(name: "Modeling", dependencies: ["Features", "Regression"]),
        // The discrete-time hazard model: account-month table, fit, survival curves, lifetime value.
        .target(name: "Survival", dependencies: ["Features", "Modeling", "Regression"]),
        .target(name: "Scoring", dependencies: ["Modeling", "Regression", "Survival"]),
        .target(name: "Exports", dependencies: ["Scoring", "Survival"]),
        .target(name: "Simulation", dependencies: ["Ingest"]),
        .target(name: "Evaluation", dependencies: ["Scoring", "Regression", "Survival"]),
        .target(name: "Report", dependencies: ["Evaluation", "Exports"]),
        // Where the data comes from: a folder of CSV exports today.
        .target(name: "DataSources", dependencies: ["Ingest", "Features"]),
        // The jobs the command line (and later the server) run: they return values and
        // notices and print nothing.
        .target(name: "Jobs", dependencies: ["Features", "Modeling", "Survival", "Scoring", "Evaluation", "Report"]),
        // Runs kept over time: SQLite (GRDB) for one analyst, PostgreSQL for a team.
        .target(
            name: "Store",
            dependencies: [
                "Scoring", "Exports",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "healthscore",
            dependencies: [
                "Exports", "Simulation", "Evaluation", "Report", "DataSources", "Jobs", "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Times each stage of the pipeline on simulated data (README, "Performance").
        .executableTarget(
            name: "healthscore-bench",
            dependencies: [
                "Ingest", "Features", "Regression", "Modeling", "Scoring", "Exports", "Simulation", "DataSources", "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets (temporary folders).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "RegressionTests", dependencies: ["Regression"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Simulation", "TestSupport"]),
        .testTarget(name: "FeaturesTests", dependencies: ["Features", "DataSources", "Simulation", "TestSupport"]),
        .testTarget(name: "ModelingTests", dependencies: ["Modeling", "TestSupport"]),
        .testTarget(name: "SurvivalTests", dependencies: ["Survival", "Features", "DataSources", "Scoring", "Exports", "Simulation", "TestSupport"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Exports", "Simulation", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation"]),
        // Property-based fuzzing of the parsers that face users' files.
        .testTarget(
            name: "PropertyTests",
            dependencies: ["Ingest", "Exports", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Jobs", "DataSources", "Simulation", "TestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Jobs", "DataSources", "Simulation", "Survival", "TestSupport"]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Simulation", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "CLITests", dependencies: ["healthscore", "Store", "Simulation", "TestSupport"], exclude: ["Help"]),
    ],
    swiftLanguageModes: [.v6]
)
