// swift-tools-version: 6.1
import PackageDescription

// Data flows one way: Ingest (read) -> Features -> Modeling -> Scoring -> Exports,
// with the CLI a thin layer on top. Regression is the general logistic fitter
// behind Modeling and the `fit` command; Simulation writes sample datasets.
let package = Package(
    name: "healthscore",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "healthscore", targets: ["healthscore"]),
        .executable(name: "healthscore-bench", targets: ["healthscore-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CLapack", path: "Sources/CLapack"),
        .target(name: "Regression", dependencies: ["CLapack"]),
        .target(name: "Ingest"),
        .target(name: "Features", dependencies: ["Ingest"]),
        .target(name: "Modeling", dependencies: ["Features", "Regression"]),
        .target(name: "Scoring", dependencies: ["Modeling"]),
        .target(name: "Exports", dependencies: ["Scoring"]),
        .target(name: "Simulation", dependencies: ["Ingest"]),
        .executableTarget(
            name: "healthscore",
            dependencies: [
                "Exports", "Simulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Times each stage of the pipeline on simulated data (README, "Performance").
        .executableTarget(
            name: "healthscore-bench",
            dependencies: [
                "Ingest", "Features", "Regression", "Modeling", "Scoring", "Exports", "Simulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Helpers shared by the test targets (temporary folders).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "RegressionTests", dependencies: ["Regression"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "TestSupport"]),
        .testTarget(name: "FeaturesTests", dependencies: ["Features", "TestSupport"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Exports", "Simulation", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation"]),
        .testTarget(name: "CLITests", dependencies: ["healthscore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
