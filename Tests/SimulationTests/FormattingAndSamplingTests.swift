import Foundation
import Ingest
import XCTest
@testable import Simulation

final class FormattingAndSamplingTests: XCTestCase {
    private func formatted(_ build: (inout CSVRowBuffer) -> Void) -> String {
        var buffer = CSVRowBuffer(capacity: 8)
        build(&buffer)
        return buffer.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    func testIntegersAndFixedPoint() {
        XCTAssertEqual(formatted { $0.append(integer: 0) }, "0")
        XCTAssertEqual(formatted { $0.append(integer: -1_234_567) }, "-1234567")
        XCTAssertEqual(formatted { $0.append(integer: Int.max) }, String(Int.max))
        XCTAssertEqual(formatted { $0.append(integer: Int.min) }, String(Int.min))
        XCTAssertEqual(formatted { $0.append(scaled: 123_456, fractionDigits: 2) }, "1234.56")
        XCTAssertEqual(formatted { $0.append(scaled: -5, fractionDigits: 2) }, "-0.05")
        XCTAssertEqual(formatted { $0.append(scaled: 7, fractionDigits: 0) }, "7")
        XCTAssertEqual(formatted { $0.append(scaled: 100, fractionDigits: 3) }, "0.100")
    }

    func testDatesAndTimestamps() {
        XCTAssertEqual(formatted { $0.append(day: CalendarDay(year: 2024, month: 2, day: 29)!) }, "2024-02-29")
        XCTAssertEqual(formatted { $0.append(timestamp: 0) }, "1970-01-01T00:00:00Z")
        let day = CalendarDay(year: 2026, month: 3, day: 4)!
        XCTAssertEqual(formatted { $0.append(timestamp: day.unixSeconds + 10 * 3_600 + 15 * 60) }, "2026-03-04T10:15:00Z")
        XCTAssertEqual(formatted { $0.append(timestamp: day.unixSeconds - 1) }, "2026-03-03T23:59:59Z")
        // Every second of a day against Foundation's formatter would be slow; sample across years.
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        for seconds in stride(from: Int64(946_684_800), to: 4_102_444_800, by: 7_777_777) {
            XCTAssertEqual(formatted { $0.append(timestamp: seconds) },
                           formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
    }

    func testTextQuotingFollowsRFC4180() {
        XCTAssertEqual(formatted { $0.append(text: "Blue Harbor Labs") }, "Blue Harbor Labs")
        XCTAssertEqual(formatted { $0.append(text: "Lopez, Hart & Co") }, "\"Lopez, Hart & Co\"")
        XCTAssertEqual(formatted { $0.append(text: "Atlas \"Blue\" Freight") }, "\"Atlas \"\"Blue\"\" Freight\"")
        XCTAssertEqual(formatted { $0.append(text: "two\nlines") }, "\"two\nlines\"")
        XCTAssertEqual(formatted { $0.append(text: "carriage\rreturn") }, "\"carriage\rreturn\"")
        XCTAssertEqual(formatted { $0.append(text: "Müller GmbH") }, "Müller GmbH")
        XCTAssertEqual(TestCSV.split(Data("a,\"b, \"\"c\"\"\",d\n".utf8)), [["a", "b, \"c\"", "d"]])
    }

    func testBufferGrowsPastItsInitialCapacity() {
        let text = formatted { buffer in for value in 0..<10_000 { buffer.append(integer: value); buffer.comma() } }
        XCTAssertEqual(text.split(separator: ",").count, 10_000)
        XCTAssertTrue(text.hasPrefix("0,1,2,"))
    }

    func testDeterministicMathMatchesTheSystemLibrary() {
        var random = RandomSource(seed: 1)
        for _ in 0..<20_000 {
            let x = random.uniform(-700, 700)
            XCTAssertEqual(DeterministicMath.exp(x), Foundation.exp(x), accuracy: Foundation.exp(x) * 4e-16)
            let y = DeterministicMath.exp(random.uniform(-700, 700))
            XCTAssertEqual(DeterministicMath.log(y), Foundation.log(y), accuracy: max(abs(Foundation.log(y)) * 4e-16, 1e-300))
        }
        XCTAssertEqual(DeterministicMath.exp(0), 1)
        XCTAssertEqual(DeterministicMath.log(1), 0)
        XCTAssertEqual(DeterministicMath.log(0), -.infinity)
        XCTAssertTrue(DeterministicMath.log(-1).isNaN)
        XCTAssertEqual(DeterministicMath.log(Double.leastNonzeroMagnitude), Foundation.log(Double.leastNonzeroMagnitude),
                       accuracy: 1e-12)
    }

    func testSamplersHaveTheirDocumentedMoments() {
        var random = RandomSource(seed: 2024)
        let count = 200_000
        let uniforms = (0..<count).map { _ in random.uniform() }
        XCTAssertTrue(uniforms.allSatisfy { $0 >= 0 && $0 < 1 })
        XCTAssertEqual(uniforms.reduce(0, +) / Double(count), 0.5, accuracy: 0.005)

        let normals = (0..<count).map { _ in random.normal() }
        let normalMean = normals.reduce(0, +) / Double(count)
        XCTAssertEqual(normalMean, 0, accuracy: 0.01)
        XCTAssertEqual(normals.map { ($0 - normalMean) * ($0 - normalMean) }.reduce(0, +) / Double(count), 1, accuracy: 0.02)

        for mean in [0.3, 4.0, 75.0] {
            let draws = (0..<50_000).map { _ in Double(random.poisson(mean)) }
            let sampleMean = draws.reduce(0, +) / Double(draws.count)
            let variance = draws.map { ($0 - sampleMean) * ($0 - sampleMean) }.reduce(0, +) / Double(draws.count)
            XCTAssertEqual(sampleMean, mean, accuracy: mean * 0.03 + 0.01, "Poisson(\(mean)) mean")
            XCTAssertEqual(variance, mean, accuracy: mean * 0.06 + 0.01, "Poisson(\(mean)) variance")
        }

        let logNormals = (0..<count).map { _ in random.logNormal(median: 600, sigma: 0.75) }.sorted()
        XCTAssertEqual(logNormals[count / 2], 600, accuracy: 12)

        let hits = (0..<count).filter { _ in random.bernoulli(0.2) }.count
        XCTAssertEqual(Double(hits) / Double(count), 0.2, accuracy: 0.005)

        let integers = (0..<count).map { _ in random.integer(below: 7) }
        XCTAssertTrue(integers.allSatisfy { (0..<7).contains($0) })
        XCTAssertEqual(Set(integers).count, 7)
    }
}
