import Regression
import XCTest

/// Cross-validation folds by a hash of the account id.
final class FoldAssignmentTests: XCTestCase {
    /// The hash is fixed: the same folds, and so the same chosen penalty, on every run and
    /// machine. 64-bit FNV-1a of "" is its offset basis 0xcbf29ce484222325 and of "a"
    /// 0xaf63dc4c8601ec8c (Fowler, Noll & Vo's test vectors). The folds of ACC-0 ... ACC-11
    /// were computed by `fold_of` in scripts/honest_numbers_reference.py, a separate
    /// implementation: `[fold_of(f"ACC-{i}", 5) for i in range(12)]`.
    func testTheHashIsFixed() {
        XCTAssertEqual(FoldAssignment.hash(""), Self.splitMixFinaliser(0xcbf2_9ce4_8422_2325))
        XCTAssertEqual(FoldAssignment.hash("a"), Self.splitMixFinaliser(0xaf63_dc4c_8601_ec8c))
        XCTAssertEqual((0..<12).map { FoldAssignment.fold(of: "ACC-\($0)", folds: 5) },
                       [4, 2, 4, 2, 2, 4, 1, 2, 0, 0, 2, 4])
    }

    /// Consecutive ids do not cycle through the folds (position mod 5 did), and 10,000 ids
    /// fill five folds evenly: each within 4 standard deviations (4 x 40) of 2,000.
    func testFoldsAreBalancedAndDoNotFollowOrder() {
        let folds = (0..<10_000).map { FoldAssignment.fold(of: String(format: "ACC-%05d", $0), folds: 5) }
        XCTAssertTrue(folds.allSatisfy { (0..<5).contains($0) })
        for fold in 0..<5 {
            XCTAssertEqual(Double(folds.filter { $0 == fold }.count), 2_000, accuracy: 160)
        }
        let cyclic = folds.indices.filter { folds[$0] == $0 % 5 }.count
        XCTAssertEqual(Double(cyclic), 2_000, accuracy: 160, "about one in five by chance, not all")
        XCTAssertNotEqual(Array(folds.prefix(10)), [0, 1, 2, 3, 4, 0, 1, 2, 3, 4])
    }

    /// SplitMix64's output function (Steele, Lea & Flood 2014), written out here.
    static func splitMixFinaliser(_ z: UInt64) -> UInt64 {
        var z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
