import ArgumentParser
import Foundation
import Simulation
import Regression

/// The logistic fit on a synthetic design, to measure the fitter (and the system BLAS
/// behind it) apart from reading: n rows, an intercept and k standard normal features.
struct FitBench {
    let rows: Int
    let features: Int

    func run(_ table: BenchTable) throws {
        let (design, labels) = table.measure("fit", "make a \(BenchTable.grouped(rows)) x \(features) design",
                                             rows: rows) {
            FitBench.design(rows: rows, features: features)
        }
        var iterations = 0
        let lap = Lap()
        iterations = try LogisticRegression().fit(design, labels: labels).iterations
        table.record(lap, "fit", "fit, \(iterations) Newton steps, \(SystemBLAS.name)", rows: rows)

        // The penalty search of `train` with its defaults, on the rows it fits on for the
        // 1 GB base (every second row of four days of about 16,000 customers), five folds
        // by row as the search's folds by account id would cut them.
        let searchRows = min(rows, FitBench.searchRows)
        let (searchDesign, searchLabels) = FitBench.design(rows: searchRows, features: features, seed: 11)
        let fold = (0..<searchRows).map { $0 % PenaltySelection.defaultFolds }
        let searchLap = Lap()
        let chosen = PenaltySelection().choose(searchDesign, labels: searchLabels, fold: fold)
        table.record(searchLap, "fit", "penalty search, \(PenaltySelection.defaultFolds) folds x "
                     + "\(PenaltySelection.defaultCandidates.count) penalties (chose \(chosen.l2.formatted()))", rows: searchRows)
    }

    /// Rows of the penalty search's design: what `train` with its defaults fits on in its
    /// search on the 1 GB, 20,000-account base.
    static let searchRows = 32_000

    /// Features drawn from a standard normal, labels from the logistic model with an
    /// intercept of -1 and slopes of +-0.5/sqrt(k): about 30% ones, no separation.
    static func design(rows: Int, features: Int, seed: UInt64 = 7) -> (DesignMatrix, [Double]) {
        var random = SplitMix64(seed: seed)
        var values = [Double](repeating: 1, count: rows * (features + 1))
        var eta = [Double](repeating: -1, count: rows)
        let slope = 0.5 / Double(features).squareRoot()
        for j in 1...features {
            let beta = j % 2 == 0 ? slope : -slope
            for i in 0..<rows {
                let x = random.normal()
                values[j * rows + i] = x
                eta[i] += beta * x
            }
        }
        let labels = eta.map { random.uniform() < 1 / (1 + exp(-$0)) ? 1.0 : 0.0 }
        let names = ["intercept"] + (1...features).map { "x\($0)" }
        return (DesignMatrix(rows: rows, names: names, columnMajor: values), labels)
    }
}

/// Which BLAS the process loaded: the system's `libblas.so.3` is whichever one
/// `update-alternatives` (or `LD_LIBRARY_PATH`) points at.
enum SystemBLAS {
    static var name: String {
        let maps = procFile("/proc/self/maps")
        let paths = maps.split(separator: "\n").compactMap { line -> String? in
            guard let slash = line.firstIndex(of: "/") else { return nil }
            let path = String(line[slash...])
            return path.contains("blas") ? path : nil
        }
        if let path = paths.first(where: { $0.contains("openblas") }) {
            return "OpenBLAS (\((path as NSString).deletingLastPathComponent.split(separator: "/").last ?? ""))"
        }
        return paths.isEmpty ? "BLAS" : "reference BLAS"
    }
}

/// `healthscore-bench fit`: the fit alone, to compare BLAS libraries quickly.
struct FitOnly: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Time the logistic fit and the penalty search on synthetic designs with the system BLAS."
    )

    @Option(help: "Rows of the design.")
    var rows = 1_000_000

    @Option(help: "Features (an intercept is added).")
    var features = 20

    @Option(help: "Runs; the fastest is shown.")
    var `repeat` = 1

    func run() throws {
        print(Machine.description)
        let table = BenchTable()
        table.printHeader()
        try table.best(of: self.repeat) { try FitBench(rows: rows, features: features).run($0) }
    }
}
