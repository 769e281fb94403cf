import Foundation
import TestSupport
import XCTest

/// Tried as an attacker or a careless user would: option values at and past their
/// edges, outputs that are inputs, wild dates, invalid bytes, files that are not files,
/// endless records, escape sequences in names. Every case ends without a crash, with an
/// error naming what is wrong, and with every input and existing output intact.
final class HostileInputTests: XCTestCase {
    /// A small simulated base and a model trained on it, made once for the whole class.
    nonisolated(unsafe) static var shared: (folder: TemporaryFolder, data: String, model: String)?

    func fixture() throws -> (folder: TemporaryFolder, data: String, model: String) {
        if let shared = Self.shared { return shared }
        let folder = TemporaryFolder()
        let data = folder.path + "/data"
        let generated = try healthscore(["generate", "--out", data, "--accounts", "300", "--seed", "11"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let model = folder.path + "/model.json"
        let trained = try healthscore(["train", "--data", data, "--as-of", "2026-03-31", "--model", model, "--l2", "1"])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        Self.shared = (folder, data, model)
        return (folder, data, model)
    }

    /// A copy of the shared dataset to damage.
    func copyOfData(_ folder: TemporaryFolder, _ name: String = "copy") throws -> String {
        let copy = folder.path + "/" + name
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: try fixture().data, toPath: copy)
        return copy
    }

    /// Every file of a folder with its bytes, to check that nothing changed.
    func snapshot(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            result[name] = contents(folder + "/" + name)
        }
        return result
    }

    func assertNoCrash(_ result: CommandResult, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        // 132 (SIGILL, a Swift trap), 134 (abort) and 139 (segfault) as a shell shows them,
        // or a termination by signal, would be crashes.
        XCTAssertTrue([0, 1, 64].contains(result.status), "\(context): status \(result.status)\n\(result.stderr)",
                      file: file, line: line)
    }

    // MARK: - Option values

    func testOptionValuesOutOfRangeEndWithAnErrorNotATrap() throws {
        let (folder, data, model) = try fixture()
        let out = folder.path + "/out.csv"
        let wide = folder.write("wide.csv", (0...1000).map { "c\($0)" }.joined(separator: ",") + "\n")
        let cases: [[String]] = [
            ["train", "--data", data, "--as-of", "2026-03-31", "--horizon", "4000000000", "--model", out + ".json"],
            ["train", "--data", data, "--as-of", "2026-03-31", "--horizon", "0", "--model", out + ".json"],
            ["train", "--data", data, "--as-of", "2026-03-31", "--pool", "100000000", "--model", out + ".json"],
            ["train", "--data", data, "--as-of", "2026-03-31", "--l2", "1e300", "--model", out + ".json"],
            ["train", "--data", data, "--as-of", "2026-03-31", "--l2", "nan", "--model", out + ".json"],
            ["features", "--data", data, "--as-of", "2026-03-31", "--horizon", "9223372036854775807", "--out", out],
            ["features", "--data", data, "--as-of", "2026-03-31", "--horizon", "-9223372036854775808", "--out", out],
            ["evaluate", "--data", data, "--every", "9223372036854775807"],
            ["evaluate", "--data", data, "--folds", "100000000"],
            ["evaluate", "--data", data, "--folds", "-1"],
            ["report", "--data", data, "--horizon", "99999", "--out", folder.path + "/r.html"],
            ["score", "--data", data, "--model", model, "--out", out, "--at-risk-share", "nan", "--tiers", "share"],
            ["score", "--data", data, "--model", model, "--out", out, "--at-risk-below", "101"],
            ["risks", "--scores", out, "--top", "0", "--out", out],
            ["risks", "--scores", out, "--min-probability", "nan", "--out", out],
            ["fit", "--table", out, "--label", "y", "--l2", "inf"],
            ["generate", "--out", folder.path + "/g", "--accounts", "100000000000"],
            ["generate", "--out", folder.path + "/g", "--accounts", "1000000"],
            ["fit", "--table", wide, "--label", "c0"],
            ["generate", "--out", folder.path + "/g", "--start", "1970-01-01", "--end", "2090-01-01"],
        ]
        for arguments in cases {
            let result = try healthscore(arguments)
            assertNoCrash(result, arguments.joined(separator: " "))
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.hasPrefix("Error: "), "\(arguments): \(result.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        // Extreme days are values, not errors: they end normally.
        for arguments in [["kpis", "--data", data, "--from", "0000-01-01", "--to", "9999-12-31"],
                          ["kpis", "--data", data, "--from", "9999-12-31"],
                          ["score", "--data", data, "--model", model, "--as-of", "9999-12-31", "--out", out],
                          ["features", "--data", data, "--as-of", "0000-01-01", "--out", out],
                          ["evaluate", "--data", data, "--test-as-of", "0001-03-31", "--folds", "40", "--every", "120"]] {
            assertNoCrash(try healthscore(arguments), arguments.joined(separator: " "))
        }
    }

    func testDayOptionsNameTheFormat() throws {
        let (folder, data, model) = try fixture()
        let result = try healthscore(["score", "--data", data, "--model", model, "--as-of", "2014/12/31",
                                      "--out", folder.path + "/s.csv"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("'2014/12/31' is invalid for '--as-of <yyyy-mm-dd>': not a date: dates are written YYYY-MM-DD"),
                      result.stderr)
    }

    // MARK: - Nothing lost

    func testOutputsThatAreInputsAreRefusedBeforeAnyWork() throws {
        let (folder, _, model) = try fixture()
        let data = try copyOfData(folder, "outputs")
        let scores = folder.path + "/outputs-scores.csv"
        XCTAssertEqual(try healthscore(["score", "--data", data, "--model", model, "--out", scores]).status, 0)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/scores-link.csv", withDestinationPath: scores)
        try FileManager.default.linkItem(atPath: scores, toPath: folder.path + "/scores-hard.csv")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/accounts-link.csv",
                                                   withDestinationPath: data + "/accounts.csv")
        // JSON is YAML: an (empty) mapping file can be named like an evaluation output.
        let mappingFile = folder.path + "/mapping.json"
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: mappingFile))
        let before = try snapshot(data)
        let modelBefore = contents(model), scoresBefore = contents(scores)
        let cases: [[String]] = [
            ["score", "--data", data, "--model", model, "--out", data + "/accounts.csv"],
            ["score", "--data", data, "--model", model, "--out", model],
            ["score", "--data", data, "--model", model, "--out", folder.path + "/accounts-link.csv"],
            ["score", "--data", data + "/", "--model", model, "--out", data + "/../outputs/sessions.csv"],
            ["train", "--data", data, "--as-of", "2026-03-31", "--model", data + "/accounts.csv"],
            ["features", "--data", data, "--as-of", "2026-03-31", "--out", data + "/sessions.csv"],
            ["evaluate", "--data", data, "--mapping", mappingFile, "--out", mappingFile],
            ["risks", "--scores", scores, "--top", "5", "--out", scores],
            ["risks", "--scores", scores, "--top", "5", "--out", folder.path + "/scores-link.csv"],
            ["risks", "--scores", scores, "--top", "5", "--out", folder.path + "/scores-hard.csv"],
            ["score", "--data", data, "--model", model, "--out", folder.path + "/x.csv", "--rejects", data + "/nps.csv"],
        ]
        for arguments in cases {
            let result = try healthscore(arguments)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("writing it would destroy the input"), "\(arguments): \(result.stderr)")
        }
        XCTAssertEqual(try snapshot(data), before, "an input was changed")
        XCTAssertEqual(contents(model), modelBefore)
        XCTAssertEqual(contents(scores), scoresBefore)
    }

    func testARunWithNothingToWriteFailsAndKeepsTheOldFile() throws {
        let (folder, data, model) = try fixture()
        let scores = folder.path + "/keep.csv"
        XCTAssertEqual(try healthscore(["score", "--data", data, "--model", model, "--out", scores]).status, 0)
        let before = contents(scores)
        // Nobody is a customer before the history starts.
        let result = try healthscore(["score", "--data", data, "--model", model, "--as-of", "2020-01-01", "--out", scores])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("no account is a customer on 2020-01-01: nothing to score"), result.stderr)
        XCTAssertEqual(contents(scores), before)

        let list = folder.path + "/keep-list.csv"
        XCTAssertEqual(try healthscore(["risks", "--scores", scores, "--top", "3", "--out", list]).status, 0)
        let listBefore = contents(list)
        let empty = try healthscore(["risks", "--scores", scores, "--min-probability", "1", "--out", list])
        XCTAssertEqual(empty.status, 1, empty.stderr)
        XCTAssertEqual(contents(list), listBefore)

        let features = folder.path + "/keep-features.csv"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: features))
        let none = try healthscore(["features", "--data", data, "--as-of", "2020-01-01", "--out", features])
        XCTAssertEqual(none.status, 1, none.stderr)
        XCTAssertEqual(contents(features), Data("old\n".utf8))
    }

    /// SIGTERM and SIGINT while the output is being written: the old file stays, and the
    /// hidden temporary file is removed. The run is held (by a test hook) once the
    /// temporary file exists, so the signal lands at a known point, not after a guess.
    func testSignalsRemoveTheTemporaryFile() throws {
        let (folder, data, model) = try fixture()
        for signal in [SIGTERM, SIGINT] {
            let outputs = folder.path + "/signal-\(signal)"
            try FileManager.default.createDirectory(atPath: outputs, withIntermediateDirectories: true)
            let scores = outputs + "/scores.csv"
            try Data("old scores\n".utf8).write(to: URL(fileURLWithPath: scores))
            let process = Process()
            process.executableURL = Bundle.main.bundleURL.appendingPathComponent("healthscore")
            process.arguments = ["score", "--data", data, "--model", model, "--out", scores]
            process.environment = ProcessInfo.processInfo.environment.merging(["HEALTHSCORE_TEST_HOLD_OUTPUT": "1"]) { $1 }
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // The hook says "holding PATH" on stderr once the temporary file exists.
            var said = Data()
            func held() -> Bool {
                let text = String(decoding: said, as: UTF8.self)
                return text.range(of: "holding ").map { text[$0.upperBound...].contains("\n") } ?? false
            }
            while !held() {
                let chunk = errors.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                said.append(chunk)
            }
            let line = String(decoding: said, as: UTF8.self)
            XCTAssertTrue(line.contains("holding"), line)
            let temporary = try FileManager.default.contentsOfDirectory(atPath: outputs).filter { $0.contains(".tmp-") }
            XCTAssertEqual(temporary.count, 1, "the temporary file exists while the run is held")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal)
            XCTAssertEqual(process.terminationStatus, signal)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outputs), ["scores.csv"])
            XCTAssertEqual(contents(scores), Data("old scores\n".utf8))
        }
    }

    // MARK: - Wrong data is named

    func testAWildDateIsAnErrorNamingTheRowNotTheScoringDay() throws {
        let (folder, _, model) = try fixture()
        let data = try copyOfData(folder, "wild")
        let sessions = data + "/sessions.csv"
        var text = String(decoding: contents(sessions)!, as: UTF8.self)
        let lines = text.split(separator: "\n").count
        text += "A000001,2099-01-01T10:00:00Z,600,U1\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: sessions))
        let scores = folder.path + "/wild.csv"
        let result = try healthscore(["score", "--data", data, "--model", model, "--out", scores])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("sessions.csv line \(lines + 1), column 'started_at': 2099-01-01 is more than a year after today"),
                      result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scores))

        // Set aside, the row is left out and the scoring day is the real latest day.
        let rejects = folder.path + "/wild-rejects.csv"
        let kept = try healthscore(["score", "--data", data, "--model", model, "--out", scores, "--rejects", rejects])
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertTrue(kept.stdout.contains("as of 2026-09-30"), kept.stdout)
        XCTAssertTrue(String(decoding: contents(rejects)!, as: UTF8.self).contains("sessions.csv,\(lines + 1),started_at,"))

        // Accounts too, both ends of the bound.
        let early = try copyOfData(folder, "early")
        var accounts = String(decoding: contents(early + "/accounts.csv")!, as: UTF8.self)
        accounts += "Z9,Zed,,,,,1900-01-01,\n"   // account_id,name,owner,segment,mrr,seats,started_on,churned_on
        try Data(accounts.utf8).write(to: URL(fileURLWithPath: early + "/accounts.csv"))
        let before = try healthscore(["score", "--data", early, "--model", model, "--out", scores])
        XCTAssertEqual(before.status, 1)
        XCTAssertTrue(before.stderr.contains("column 'started_on': 1900-01-01 is before 1970-01-01"), before.stderr)
    }

    func testInvalidBytesInIdsAndHeadersAreNamed() throws {
        let (folder, _, model) = try fixture()
        let out = folder.path + "/bytes.csv"
        func damage(_ file: String, line: Int, _ change: (inout [UInt8]) -> Void) throws -> String {
            let data = try copyOfData(folder, "bytes")
            let path = data + "/" + file
            var rows = contents(path)!.split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
            change(&rows[line - 1])
            try Data(Array(rows.joined(separator: [10]))).write(to: URL(fileURLWithPath: path))
            return data
        }
        // Invalid UTF-8 in an account id.
        var data = try damage("accounts.csv", line: 3) { $0.insert(0xFF, at: 2) }
        var result = try healthscore(["score", "--data", data, "--model", model, "--out", out])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("accounts.csv line 3, column 'account_id': the account id byte 3 is not valid UTF-8"),
                      result.stderr)
        // A NUL in an event's account id: named, not counted as an unknown account.
        data = try damage("sessions.csv", line: 2) { $0.insert(0, at: 3) }
        result = try healthscore(["score", "--data", data, "--model", model, "--out", out])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("sessions.csv line 2, column 'account_id': the account id holds a NUL byte (U+0000) at byte 4"),
                      result.stderr)
        // An escape character in a header name.
        data = try damage("nps.csv", line: 1) { $0.insert(0x1B, at: 0) }
        result = try healthscore(["score", "--data", data, "--model", model, "--out", out])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("nps.csv line 1, column '#1': the header name holds a control character (U+001B) at byte 1"),
                      result.stderr)
        XCTAssertFalse(result.stderr.contains("\u{1B}"), "the raw escape reached the terminal")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testEventFilesThatAreNotRegularFilesAreErrors() throws {
        let (folder, _, model) = try fixture()
        let out = folder.path + "/links.csv"
        let data = try copyOfData(folder, "links")
        let nps = data + "/nps.csv"
        try FileManager.default.removeItem(atPath: nps)
        try FileManager.default.createSymbolicLink(atPath: nps, withDestinationPath: folder.path + "/nowhere.csv")
        var result = try healthscore(["score", "--data", data, "--model", model, "--out", out])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("nps.csv: is a link to '\(folder.path)/nowhere.csv', which does not exist"), result.stderr)

        try FileManager.default.removeItem(atPath: nps)
        try FileManager.default.createSymbolicLink(atPath: nps, withDestinationPath: "/dev/zero")
        result = try healthscore(["score", "--data", data, "--model", model, "--out", out])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("nps.csv: is not a regular file"), result.stderr)

        try FileManager.default.removeItem(atPath: nps)
        try FileManager.default.createDirectory(atPath: nps, withIntermediateDirectories: false)
        result = try healthscore(["score", "--data", data, "--model", model, "--out", out])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("nps.csv: is not a regular file"), result.stderr)

        // A link to a regular file is read as the file.
        try FileManager.default.removeItem(atPath: nps)
        try FileManager.default.createSymbolicLink(atPath: nps, withDestinationPath: try fixture().data + "/nps.csv")
        XCTAssertEqual(try healthscore(["score", "--data", data, "--model", model, "--out", out]).status, 0)

        // The model and score files too.
        result = try healthscore(["score", "--data", data, "--model", "/dev/zero", "--out", out])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("/dev/zero: not a regular file"), result.stderr)
        result = try healthscore(["risks", "--scores", "/dev/zero", "--out", folder.path + "/list.csv"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("zero: is not a regular file"), result.stderr)
    }

    func testARecordLongerThanOneMebibyteIsAnError() throws {
        let (folder, _, model) = try fixture()
        let data = try copyOfData(folder, "long")
        // Two mebibytes without a line end, as a file of zeros or a runaway quote gives.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/interactions.csv"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: "x"), count: 2 << 20))
        try handle.close()
        let result = try healthscore(["score", "--data", data, "--model", model, "--out", folder.path + "/long.csv"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("interactions.csv line") && result.stderr.contains("a record longer than 1 MiB"),
                      result.stderr)
    }

    func testNamesWrittenToTheTerminalAreEscaped() throws {
        let (folder, _, model) = try fixture()
        let data = try copyOfData(folder, "escape")
        let path = data + "/accounts.csv"
        var lines = String(decoding: contents(path)!, as: UTF8.self).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        let nameColumn = header.firstIndex(of: "name")!
        for row in 1..<lines.count - 1 {
            var fields = lines[row].components(separatedBy: ",")
            guard fields.count == header.count, !lines[row].contains("\"") else { continue }
            fields[nameColumn] = "\"\u{1B}[2J\u{1B}[31mEvil \u{07}Corp\r\""
            lines[row] = fields.joined(separator: ",")
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let scores = folder.path + "/escape.csv"
        XCTAssertEqual(try healthscore(["score", "--data", data, "--model", model, "--out", scores]).status, 0)
        let result = try healthscore(["risks", "--scores", scores, "--top", "3", "--out", folder.path + "/escape-list.csv"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\\u{1B}[2J\\u{1B}[31mEvil \\u{7}Corp\\u{D}"), result.stdout)
        XCTAssertFalse(result.stdout.contains("\u{1B}") || result.stdout.contains("\u{07}") || result.stdout.contains("\r"))
    }

    // MARK: - Real exports

    func testUpToTwentyProblemsOfAFileAreReportedWithTheCountOfTheRest() throws {
        let (folder, _, model) = try fixture()
        let data = try copyOfData(folder, "many")
        let path = data + "/nps.csv"
        var lines = String(decoding: contents(path)!, as: UTF8.self).components(separatedBy: "\n")
        for row in 1...25 {
            var fields = lines[row * 3].components(separatedBy: ",")
            fields[2] = "11"
            lines[row * 3] = fields.joined(separator: ",")
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let result = try healthscore(["score", "--data", data, "--model", model, "--out", folder.path + "/many.csv"])
        XCTAssertEqual(result.status, 1)
        let shown = result.stderr.split(separator: "\n")
        XCTAssertEqual(shown.count, 21, result.stderr)
        XCTAssertTrue(shown[0].hasPrefix("Error: nps.csv line 4, column 'score': '11' is not an NPS score"), result.stderr)
        XCTAssertTrue(shown[19].hasPrefix("nps.csv line 61, column 'score'"), result.stderr)
        XCTAssertEqual(shown[20], "... and 5 more")
    }

    func testRejectsSetAccountAndEventRowsAsideAndTheRunGoesOn() throws {
        let (folder, _, model) = try fixture()
        let data = try copyOfData(folder, "rejects")
        let accounts = data + "/accounts.csv"
        var lines = String(decoding: contents(accounts)!, as: UTF8.self).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        let mrrColumn = header.firstIndex(of: "mrr")!
        // Rows whose name needs no quoting split cleanly on commas.
        let bad = (2..<lines.count).first { !lines[$0].contains("\"") }!
        var fields = lines[bad].components(separatedBy: ",")
        let rejectedID = fields[0]
        fields[mrrColumn] = "lots"
        lines[bad] = fields.joined(separator: ",")
        lines.insert(lines[bad + 2], at: bad + 3)   // a duplicate id
        let duplicateLine = bad + 4
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: accounts))
        let interactions = data + "/interactions.csv"
        var events = String(decoding: contents(interactions)!, as: UTF8.self).components(separatedBy: "\n")
        events[9] = events[9].components(separatedBy: ",").enumerated().map { $0.offset == 2 ? "0" : $0.element }
            .joined(separator: ",")
        try Data(events.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: interactions))

        let scores = folder.path + "/rejects-scores.csv", rejects = folder.path + "/rejects.csv"
        let stopped = try healthscore(["score", "--data", data, "--model", model, "--out", scores])
        XCTAssertEqual(stopped.status, 1)
        XCTAssertEqual(stopped.stderr.split(separator: "\n").count, 2, "both account problems at once: \(stopped.stderr)")

        let result = try healthscore(["score", "--data", data, "--model", model, "--out", scores, "--rejects", rejects])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("note: set aside 3 rows with a problem (2 of accounts.csv, 1 of interactions.csv) in \(rejects)"),
                      result.stderr)
        let written = String(decoding: contents(rejects)!, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(written.count, 4, written.joined(separator: "\n"))
        guard written.count == 4 else { return }
        XCTAssertEqual(written[0], "file,line,column,reason,row")
        XCTAssertTrue(written[1].hasPrefix("accounts.csv,\(bad + 1),mrr,'lots' is not an amount,"), String(written[1]))
        XCTAssertTrue(written[2].hasPrefix("accounts.csv,\(duplicateLine),account_id,duplicate account id"), String(written[2]))
        XCTAssertTrue(written[3].hasPrefix("interactions.csv,10,rating,'0' is not a rating,"), String(written[3]))
        // The rejected account is not scored; its events count as rows of an unknown account.
        let scored = String(decoding: contents(scores)!, as: UTF8.self)
        XCTAssertFalse(scored.contains("\n\(rejectedID),"))
    }
}
