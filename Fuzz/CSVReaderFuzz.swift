// libFuzzer harness: the CSV reader and the readers built on it (accounts.csv, event
// files, fit tables, score files), fed arbitrary bytes. Built and run by scripts/fuzz.
//
// What counts as a finding: any crash or trap, a hang, or an error that does not name a
// line (every problem of a file's content has one) or spans lines it should not.
import Exports
import Foundation
import Ingest

/// One file per process, rewritten for each input: the readers take paths.
let folder: String = {
    let path = "/dev/shm/healthscore-fuzz-csv-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

func write(_ name: String, _ data: UnsafeRawBufferPointer) -> String {
    let path = folder + "/" + name
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(descriptor >= 0)
    if data.count > 0 { _ = Glibc.write(descriptor, data.baseAddress!, data.count) }
    close(descriptor)
    return path
}

func check(_ error: InputError) {
    // Problems of the content name their line; only whole-file problems may not.
    if error.line == nil {
        precondition(error.problem.hasPrefix("cannot") || error.problem.hasPrefix("read failed")
                     || error.problem.hasPrefix("is ") || error.problem.hasPrefix("not found"), "\(error)")
    }
    for line in error.lines.dropLast(error.notShown > 0 ? 1 : 0) { _ = line }
    precondition(error.problemCount <= ProblemLog.limit + error.notShown)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: bytes, count: size)
    // The first byte picks the reader; the rest is the file.
    guard let selector = input.first else { return 0 }
    let body = UnsafeRawBufferPointer(rebasing: input.dropFirst())
    do throws(InputError) {
        switch selector % 5 {
        case 0:
            let reader = try CSVReader(path: write("raw.csv", body))
            var records = 0
            while let record = try reader.nextRecord() {
                precondition(record.line >= 1)
                for index in 0..<record.count { _ = record[index].count }
                records += 1
            }
        case 1:
            _ = try AccountTable.read(path: write("accounts.csv", body))
        case 2:
            _ = accountsText.withUnsafeBytes { write("accounts.csv", $0) }
            _ = write("sessions.csv", body)
            for workers in [1, 3] {
                var dataset = try DatasetFolder(path: folder, rejects: selector & 0x80 != 0 ? RejectedRows() : nil)
                dataset.workers = workers
                dataset.minimumPartBytes = 16
                var days: [Int32] = []
                _ = try dataset.forEach(SessionEvent.self) { days.append($0.day.daysSinceEpoch) }
                precondition(days.allSatisfy { DateBounds.range.contains($0) })
            }
        case 3:
            _ = try NumericTable.read(path: write("table.csv", body))
        default:
            let rows = try ScoreFile.read(path: write("scores.csv", body))
            for row in rows { precondition((0...1).contains(row.churnProbability) && (0...100).contains(row.healthScore)) }
        }
    } catch {
        // Every read throws `InputError` alone (typed throws): nothing else can arrive here.
        check(error)
    }
    return 0
}

let accountsText: [UInt8] = Array("account_id,started_on\nA1,2025-01-01\nA2,2025-06-01\n\u{C9}3,2025-01-01\n".utf8)
