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
    platforms: [.macOS(.v14)],
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
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The dashboard's HTTP server, without swift-configuration (no default traits).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        // Per-task slots and chunked loops on all cores, for the modules that split work.
        .target(name: "Parallel"),
        .target(name: "Regression", dependencies: ["CLapack", "Parallel"]),
        .target(name: "Ingest", dependencies: ["Parallel"]),
        .target(name: "Features", dependencies: ["Ingest", "Parallel"]),
        .target(name: "Modeling", dependencies: ["Features", "Parallel", "Regression"]),
        // The discrete-time hazard model: account-month table, fit, survival curves, lifetime value.
        .target(name: "Survival", dependencies: ["Features", "Modeling", "Regression"]),
        .target(name: "Scoring", dependencies: ["Modeling", "Regression", "Survival", "Parallel"]),
        .target(name: "Exports", dependencies: ["Scoring", "Survival"]),
        .target(name: "Simulation", dependencies: ["Ingest"]),
        .target(name: "Evaluation", dependencies: ["Scoring", "Regression", "Survival"]),
        .target(name: "Report", dependencies: ["Evaluation", "Exports"]),
        // Connecting to PostgreSQL: the URL, TLS, COPY's text format; shared by the score
        // store and the PostgreSQL data source.
        .target(
            name: "PostgresAccess",
            dependencies: [.product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // Where the data comes from: a folder of CSV exports (read as a mapping file, in
        // YAML, says when the exports use other names and formats), or a PostgreSQL
        // database that computes the features itself (and `load`, which fills it from a folder).
        .target(
            name: "DataSources",
            dependencies: [
                "Ingest", "Features", "PostgresAccess",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The jobs the command line and the report run: they return values and notices and
        // print nothing. (The server only reads the store.)
        .target(name: "Jobs", dependencies: ["Features", "Modeling", "Survival", "Scoring", "Evaluation", "Report"]),
        // Runs kept over time: SQLite (GRDB) for one analyst, PostgreSQL for a team.
        .target(
            name: "Store",
            dependencies: [
                "Scoring", "Exports", "PostgresAccess",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The dashboard and the JSON API on a store, read-only (Hummingbird 2).
        .target(
            name: "Server",
            dependencies: [
                "Store", "Report", "Evaluation", "Scoring", "Modeling", "Features", "Ingest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "healthscore",
            dependencies: [
                "Exports", "Simulation", "Evaluation", "Report", "DataSources", "Jobs", "Store", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Times each stage of the pipeline on simulated data (README, "Performance").
        .executableTarget(
            name: "healthscore-bench",
            dependencies: [
                "Ingest", "Features", "Regression", "Modeling", "Scoring", "Exports", "Simulation", "DataSources", "Store",
                "Jobs", "LoopbackHTTP", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets (temporary folders).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // A plain HTTP/1.1 client for a server on this machine: the dashboard's tests and its benchmark.
        .target(name: "LoopbackHTTP"),
        .testTarget(name: "RegressionTests", dependencies: ["Parallel", "Regression", "Simulation"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Simulation", "TestSupport"]),
        .testTarget(name: "FeaturesTests", dependencies: ["Features", "DataSources", "Simulation", "TestSupport"]),
        .testTarget(name: "ModelingTests", dependencies: ["Modeling", "Simulation", "TestSupport"]),
        .testTarget(name: "SurvivalTests", dependencies: ["Survival", "Features", "DataSources", "Scoring", "Exports", "Simulation", "TestSupport"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Exports", "Simulation", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation"]),
        // Property-based fuzzing of the parsers that face users' files: CSV, dates, model
        // files and score files. (libFuzzer harnesses live in Fuzz/, run by scripts/fuzz.)
        .testTarget(
            name: "PropertyTests",
            dependencies: ["Ingest", "Exports", "Modeling", "Scoring", "TestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "Jobs", "DataSources", "Simulation", "TestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Jobs", "DataSources", "Simulation", "Survival", "TestSupport"]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "PostgresAccess", "Simulation", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The PostgreSQL source against the CSV folder, loading, and a sharded database.
        .testTarget(
            name: "PostgresSourceTests",
            dependencies: [
                "DataSources", "Features", "Jobs", "Modeling", "Scoring", "Simulation", "TestSupport", "PostgresAccess",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: ["Server", "Store", "Simulation", "Modeling", "Scoring", "Features", "Ingest", "DataSources", "TestSupport",
                           "LoopbackHTTP"],
            // The browser test's Selenium script, run by BrowserTests.swift.
            exclude: ["Browser"]
        ),
        .testTarget(name: "CLITests", dependencies: ["healthscore", "Store", "Simulation", "TestSupport", "LoopbackHTTP"],
                    exclude: ["Help"]),
    ],
    swiftLanguageModes: [.v6]
)
