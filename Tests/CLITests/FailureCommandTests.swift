import Foundation
import TestSupport
import XCTest

/// Bad input gets one line naming file, line and column, a non-zero exit, and leaves
/// existing outputs exactly as they were.
final class FailureCommandTests: XCTestCase {
    func makeData(_ folder: TemporaryFolder) throws -> String {
        let data = folder.path + "/data"
        let generated = try healthscore(["generate", "--out", data, "--accounts", "300", "--seed", "3"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        return data
    }

    func testBadRowFailsWithOneLineAndKeepsTheModel() throws {
        let folder = TemporaryFolder()
        let data = try makeData(folder)
        let model = folder.path + "/model.json"
        XCTAssertEqual(try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model]).status, 0)
        let before = contents(model)!

        // Break line 5 of nps.csv with an out-of-range score.
        let nps = data + "/nps.csv"
        var lines = String(decoding: contents(nps)!, as: UTF8.self).components(separatedBy: "\n")
        var fields = lines[4].components(separatedBy: ",")
        fields[2] = "11"
        lines[4] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(toFile: nps, atomically: true, encoding: .utf8)

        let failed = try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model])
        XCTAssertNotEqual(failed.status, 0)
        let message = failed.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(message.split(separator: "\n").count, 1, message)
        XCTAssertTrue(message.contains("nps.csv line 5, column 'score': '11' is not an NPS score"), message)
        XCTAssertEqual(contents(model), before, "a failed run must leave the model byte for byte")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testModelOfAnotherVersionIsRefusedAndScoresKept() throws {
        let folder = TemporaryFolder()
        let data = try makeData(folder)
        let model = folder.path + "/model.json"
        XCTAssertEqual(try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model]).status, 0)
        let scores = folder.path + "/scores.csv"
        XCTAssertEqual(try healthscore(["score", "--data", data, "--model", model, "--out", scores]).status, 0)
        let before = contents(scores)!

        let text = String(decoding: contents(model)!, as: UTF8.self)
            .replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 99")
        try text.write(toFile: model, atomically: true, encoding: .utf8)
        let refused = try healthscore(["score", "--data", data, "--model", model, "--out", scores])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("model file version 99, this healthscore reads version 1"), refused.stderr)
        XCTAssertEqual(contents(scores), before)

        try String(text.prefix(200)).write(toFile: model, atomically: true, encoding: .utf8)
        let truncated = try healthscore(["score", "--data", data, "--model", model, "--out", scores])
        XCTAssertNotEqual(truncated.status, 0)
        XCTAssertTrue(truncated.stderr.contains("not a healthscore model file, or a truncated one"), truncated.stderr)
        XCTAssertEqual(contents(scores), before)
    }

    /// The last day of the data has no known outcome: training on it would label every
    /// account a stayer. Refused with the last day that works, which then trains.
    func testTrainingDayWithoutAKnownOutcomeIsRefusedWithTheDayThatWorks() throws {
        let folder = TemporaryFolder()
        let data = try makeData(folder)
        let result = try healthscore(["train", "--data", data, "--as-of", "2026-09-30", "--pool", "1",
                                      "--model", folder.path + "/m.json"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("the outcome of 2026-09-30 is not known: 2026-09-30 + 90 days runs past the end of the data (2026-09-30)"),
                      result.stderr)
        XCTAssertTrue(result.stderr.contains("(pick an --as-of on or before 2026-07-02, or a shorter --horizon)"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path + "/m.json"))
        // A day after the end is refused the same way; the day named works.
        let later = try healthscore(["train", "--data", data, "--as-of", "2026-07-03", "--horizon", "90", "--model", folder.path + "/m.json"])
        XCTAssertEqual(later.status, 1)
        let works = try healthscore(["train", "--data", data, "--as-of", "2026-07-02", "--model", folder.path + "/m.json"])
        XCTAssertEqual(works.status, 0, works.stderr)
    }

    func testFormulaLikeNamesAreNeutralisedInCSV() throws {
        let folder = TemporaryFolder()
        let data = try makeData(folder)
        let model = folder.path + "/model.json"
        XCTAssertEqual(try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model]).status, 0)
        // Rename three accounts that are customers on the scoring day to formula payloads.
        let accounts = data + "/accounts.csv"
        var lines = String(decoding: contents(accounts)!, as: UTF8.self).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        let nameColumn = header.firstIndex(of: "name")!
        let startColumn = header.firstIndex(of: "started_on")!, churnColumn = header.firstIndex(of: "churned_on")!
        let payloads = ["=HYPERLINK(\"http://x.example\",\"click\")", "+1+cmd|' /C calc'!A0", "@SUM(A1:A2)"]
        var row = 1
        for payload in payloads {
            // Rows whose name needs no quoting split cleanly on commas.
            while true {
                let fields = lines[row].components(separatedBy: ",")
                if !lines[row].contains("\""), fields[startColumn] <= "2026-03-31",
                   fields[churnColumn].isEmpty || fields[churnColumn] > "2026-03-31" { break }
                row += 1
            }
            var fields = lines[row].components(separatedBy: ",")
            fields[nameColumn] = "\"" + payload.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            lines[row] = fields.joined(separator: ",")
            row += 1
        }
        try lines.joined(separator: "\n").write(toFile: accounts, atomically: true, encoding: .utf8)
        let scores = folder.path + "/scores.csv"
        let scored = try healthscore(["score", "--data", data, "--model", model, "--as-of", "2026-03-31", "--out", scores])
        XCTAssertEqual(scored.status, 0, scored.stderr)
        let list = folder.path + "/list.csv"
        XCTAssertEqual(try healthscore(["risks", "--scores", scores, "--out", list]).status, 0)
        let text = String(decoding: contents(list)!, as: UTF8.self)
        XCTAssertTrue(text.contains("\"'=HYPERLINK(\"\"http://x.example\"\",\"\"click\"\")\""), text.prefix(400).description)
        XCTAssertTrue(text.contains("'+1+cmd|' /C calc'!A0"))
        XCTAssertTrue(text.contains("'@SUM(A1:A2)"))
        for line in text.split(separator: "\n") {
            for cell in line.split(separator: ",") {
                XCTAssertFalse(cell.hasPrefix("=") || cell.hasPrefix("@") || cell.hasPrefix("+"), String(line))
            }
        }
    }

    func testUnknownOutputTypeIsAUsageError() throws {
        let result = try healthscore(["risks", "--scores", "x.csv", "--out", "list.xlsx"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("end the name in .csv or .json"), result.stderr)
    }

    func testFitExplainsTablesItCannotFit() throws {
        let folder = TemporaryFolder()
        let separated = folder.write("separated.csv", "churned,x\n0,1\n0,2\n0,3\n1,4\n1,5\n1,6\n")
        var result = try healthscore(["fit", "--table", separated, "--label", "churned"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("separat") && result.stderr.contains("'x'"), result.stderr)
        XCTAssertEqual(try healthscore(["fit", "--table", separated, "--label", "churned", "--l2", "1"]).status, 0)

        let collinear = folder.write("collinear.csv", "y,a,b,c\n0,1,2,3\n1,2,1,3\n0,3,5,8\n1,4,1,5\n0,2,2,4\n1,1,3,4\n")
        result = try healthscore(["fit", "--table", collinear, "--label", "y"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("'c'"), result.stderr)

        result = try healthscore(["fit", "--table", collinear, "--label", "outcome"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("no column 'outcome' (columns: y, a, b, c)"), result.stderr)

        let text = folder.write("text.csv", "y,x\n0,1\n1,n/a\n")
        result = try healthscore(["fit", "--table", text, "--label", "y"])
        XCTAssertTrue(result.stderr.contains("text.csv line 3, column 'x': 'n/a' is not a number"), result.stderr)
    }

    func testEmptyEventFileIsAnErrorAndHeaderOnlyIsNoEvents() throws {
        let folder = TemporaryFolder()
        let data = try makeData(folder)
        try Data("account_id,occurred_at,rating\n".utf8).write(to: URL(fileURLWithPath: data + "/interactions.csv"))
        let model = folder.path + "/m.json"
        XCTAssertEqual(try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model]).status, 0)
        try Data().write(to: URL(fileURLWithPath: data + "/interactions.csv"))
        let result = try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("interactions.csv line 1: the file is empty"), result.stderr)
    }
}
