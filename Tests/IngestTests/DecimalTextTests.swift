import Foundation
import Simulation
import XCTest
@testable import Ingest

/// `DecimalText` must write exactly what `String(format: "%.Nf")` writes.
final class DecimalTextTests: XCTestCase {
    private func check(_ value: Double, _ decimals: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(DecimalText.string(value, decimals: decimals), String(format: "%.\(decimals)f", value),
                       "\(value) with \(decimals) decimals", file: file, line: line)
    }

    func testEdgeCases() {
        for decimals in [0, 1, 2, 6, 9, 12] {
            for value in [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.25, 0.35, 0.125, 1e-7, -1e-9, 0.9999995, 9.5, 99.95,
                          123456.789, 1e15, 4503599627370496.5, 9007199254740994, 1.8e19, 1e300, -1e300,
                          Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude,
                          0.1 + 0.2, 1 / 3.0, 2 / 3.0] {
                check(value, decimals)
            }
        }
    }

    /// Exact ties (k / 2^j) are where rounding rules differ; random values cover the rest.
    func testTiesAndRandomValues() {
        var random = SplitMix64(seed: 20_261_130)
        for _ in 0..<100_000 {
            let decimals = Int.random(in: 0...9, using: &random)
            let tie = Double(Int.random(in: -100_000...100_000, using: &random)) / Double(1 << Int.random(in: 0...12, using: &random))
            check(tie, decimals)
            let magnitude = Double.random(in: 0...1, using: &random) * pow(10, Double(Int.random(in: -8...12, using: &random)))
            check(Bool.random(using: &random) ? magnitude : -magnitude, decimals)
        }
    }

    func testNonFiniteValuesAppendNothing() {
        var bytes: [UInt8] = []
        DecimalText.append(.nan, decimals: 2, to: &bytes)
        DecimalText.append(.infinity, decimals: 2, to: &bytes)
        XCTAssertEqual(bytes, [])
    }
}
