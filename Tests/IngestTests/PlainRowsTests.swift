import Foundation
import TestSupport
import Simulation
import XCTest
@testable import Ingest

/// Plain rows take a path of their own (`PlainLine`, `EventDayParser.plainDay`,
/// `AccountIndex.Key(loading:)`, each decoder's `plainEvent`); every row must come out of
/// it exactly as out of the general reader, and every other row must reach the general
/// reader untouched.
final class PlainRowsTests: XCTestCase {
    private func scan(_ text: String, fields: Int = 4) -> PlainLine? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { PlainLine.scan($0, fields: fields, id: 0, time: 1, value: 2) }
    }

    /// Lines that neither `PlainLine` nor `LeadingLine` takes, `stamp` in the time column.
    private func linesNotPlain(stamp: String) -> [String] {
        [
            "A1,\(stamp),5,\"u\"\n",          // a quote
            "A1,\(stamp),5,u\ru\n",           // a carriage return inside the line
            "A1,\(stamp),5,u\r\r\n",          // two
            "A1,\(stamp),5\n",                // a field too few
            "A1,\(stamp),5,u,v\n",            // a field too many
            "\n", "\r\n",                     // blank lines
            "A1,\(stamp),5,u",                 // no line end yet: the reader must read on
            "",
        ]
    }

    func testPlainLinesAndWhatIsLeftToTheGeneralReader() {
        let line = scan("A000001,2026-05-28T19:18:21Z,733,U000001-004\nA000002,x,1,u\n")
        XCTAssertEqual(line?.id, 0..<7)
        XCTAssertEqual(line?.time, 8..<28)
        XCTAssertEqual(line?.value, 29..<32)
        XCTAssertEqual(line?.length, 45)
        // CRLF: the carriage return ends the last field.
        XCTAssertEqual(scan("A1,2026-01-01,5,u\r\nnext")?.length, 19)
        XCTAssertEqual(scan("A1,2026-01-01,5\r\n", fields: 3)?.value, 14..<15)
        // Empty fields are plain too.
        XCTAssertEqual(scan(",,,\n")?.value, 2..<2)
        for text in linesNotPlain(stamp: "2026-01-01") {
            XCTAssertNil(scan(text), text.debugDescription)
        }
        // Separators on every position of the eight-byte words, and a long last field.
        for pad in 0..<17 {
            let id = String(repeating: "a", count: pad + 1)
            let text = "\(id),\(id)x,\(id)yy,\(String(repeating: "z", count: 3 * pad))\nrest"
            let found = scan(text)
            XCTAssertEqual(found?.id, 0..<(pad + 1), "pad \(pad)")
            XCTAssertEqual(found?.time, (pad + 2)..<(2 * pad + 4))
            XCTAssertEqual(found?.value, (2 * pad + 5)..<(3 * pad + 8))
            XCTAssertEqual(found?.length, text.utf8.count - 4)
        }
    }

    /// The eight-bytes-at-once time check takes what `day` takes and leaves the rest to it.
    func testPlainDayAgreesWithTheGeneralParser() {
        var random = SplitMix64(seed: 7)
        var plain = EventDayParser(), general = EventDayParser()
        var taken = 0
        let pieces = ["0", "1", "2", "3", "5", "9", ":", "a", " ", "6"]
        for round in 0..<20_000 {
            func two() -> String { pieces[random.below(pieces.count)] + pieces[random.below(pieces.count)] }
            let date = round % 5 == 0 ? "2024-02-\(29 + random.below(2))" : "202\(random.below(10))-0\(1 + random.below(9))-1\(random.below(10))"
            let separator = ["T", "T", "T", " ", "t"][random.below(5)]
            let time = random.below(3) == 0 ? "\(two()):\(two()):\(two())" : "\(10 + random.below(14)):\(10 + random.below(50)):\(10 + random.below(51))"
            let zone = ["Z", "Z", "z", "+00:00"][random.below(4)]
            let text = Array((date + separator + time + zone).utf8)
            text.withUnsafeBufferPointer { bytes in
                let expected = general.day(bytes)
                if let day = plain.plainDay(bytes) {
                    XCTAssertEqual(day, expected, String(decoding: bytes, as: UTF8.self))
                    taken += 1
                }
            }
        }
        XCTAssertGreaterThan(taken, 2_000)
        // A leap second belongs to the next day: left to the general parser.
        let leap = Array("2026-12-31T23:59:60Z".utf8)
        leap.withUnsafeBufferPointer { XCTAssertNil(plain.plainDay($0)) }
    }

    /// Dates of the last date's month are answered from it: every day of a run of months
    /// (leap and not), in and out of order, and days that do not exist in their month,
    /// against the parser without memory (`Timestamp.day`).
    func testDaysOfTheLastMonthAgreeWithTheParserWithoutMemory() {
        var random = SplitMix64(seed: 11)
        var days = EventDayParser()
        var valid = 0
        for round in 0..<20_000 {
            let year = [2023, 2024, 2100, 2000][random.below(4)], month = 1 + random.below(12)
            // Mostly the last month again; days 00 and 29-32 often, to cross the month's end.
            let day = random.below(3) == 0 ? [0, 29, 30, 31, 32][random.below(5)] : 1 + random.below(28)
            let text = String(format: "%04d-%02d-%02d", year, month, day) + (round % 2 == 0 ? "" : "T12:00:00Z")
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { bytes in
                XCTAssertEqual(days.day(bytes), Timestamp.day(bytes), text)
                if Timestamp.day(bytes) != nil { valid += 1 }
            }
            if random.below(4) > 0 {
                // The same month, another day.
                let again = String(format: "%04d-%02d-%02d", year, month, [0, 1, 15, 28, 29, 30, 31, 32][random.below(8)])
                Array(again.utf8).withUnsafeBufferPointer { XCTAssertEqual(days.day($0), Timestamp.day($0), again) }
            }
        }
        XCTAssertGreaterThan(valid, 12_000)
    }

    func testKeysLoadedAsWordsEqualKeysReadByteByByte() {
        let bytes = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
        bytes.withUnsafeBufferPointer { all in
            for count in 0...20 {
                let field = UnsafeBufferPointer(rebasing: all[3..<(3 + count)])
                let loaded = AccountIndex.Key(loading: all.baseAddress! + 3, count: count)
                XCTAssertEqual(loaded, AccountIndex.Key(field), "\(count) bytes")
            }
        }
    }

    private func leading(_ text: String, fields: Int = 4, lastId: String = "") -> LeadingLine? {
        let bytes = Array(text.utf8)
        let last = Array(lastId.utf8).withUnsafeBufferPointer { AccountIndex.Key($0) }
        return bytes.withUnsafeBufferPointer { LeadingLine.scan($0.baseAddress!, count: $0.count, fields: fields, lastId: last) }
    }

    /// `LeadingLine` takes a line only as `PlainLine` takes it, with the same fields.
    func testLeadingLinesAreThePlainLinesWithIdTimeAndValueFirst() {
        let row = "A000001,2026-05-28T19:18:21Z,733,U000001-004\nA000002,x,1,u\n"
        for lastId in ["", "A000001", "A000002", "A00000"] {
            let line = leading(row, lastId: lastId)
            XCTAssertEqual(line?.plain.id, scan(row)?.id)
            XCTAssertEqual(line?.plain.time, scan(row)?.time)
            XCTAssertEqual(line?.plain.value, scan(row)?.value)
            XCTAssertEqual(line?.length, 45)
            XCTAssertEqual(line?.sameId, lastId == "A000001", lastId)
        }
        let stamp = "2026-05-28T19:18:21Z"
        XCTAssertEqual(leading("A1,\(stamp),5,u\r\nnext")?.length, 29)
        XCTAssertEqual(leading("A1,\(stamp),5\r\n", fields: 3)?.plain.value, 24..<25)
        XCTAssertEqual(leading("A1,\(stamp),5\n", fields: 3)?.length, 26)
        XCTAssertEqual(leading("A1,\(stamp),,u v w,\n", fields: 5)?.plain.value, 24..<24)
        for text in linesNotPlain(stamp: stamp) + [
            "A1,\(stamp),5 ,u\n",             // a space after the value
            "A1,\(stamp),\"5\",u\n",          // a quoted value
            "A1,2026-05-28,5,u\n",             // a date without its time
            " A1,\(stamp),5,u\n",             // a space before the id
            "\"A1\",\(stamp),5,u\n",          // a quoted id
            ",\(stamp),5,u\n",                // no id
        ] {
            XCTAssertNil(leading(text), text.debugDescription)
            XCTAssertNil(leading(text, lastId: "A1"), text.debugDescription)
        }
        // Separators on every position of the eight-byte words.
        for pad in 0..<17 {
            let id = String(repeating: "a", count: pad + 1)
            let text = "\(id),\(stamp),\(id)yy,\(String(repeating: "z", count: 3 * pad))\nrest"
            XCTAssertEqual(leading(text)?.plain.value, scan(text)?.value, "pad \(pad)")
            XCTAssertEqual(leading(text, lastId: id)?.length, scan(text)?.length, "pad \(pad)")
        }
    }

    /// Random lines near the plain form (separators, quotes and line ends dropped into the
    /// id, the timestamp, the value and the columns after it): whatever `LeadingLine` takes
    /// and whose timestamp the day parser accepts, `PlainLine` takes with the same fields.
    func testLeadingLineTakesOnlyWhatPlainLineTakesAlike() {
        var random = SplitMix64(seed: 15)
        let pieces = [",", "\"", "\r", "\n", " ", "\t", "A", "7", "-", ":", "é"]
        func noise(_ text: String) -> String {
            guard random.below(4) == 0 else { return text }
            var characters = Array(text)
            characters.insert(Character(pieces[random.below(pieces.count)]), at: random.below(characters.count + 1))
            return String(characters)
        }
        var taken = 0
        for _ in 0..<40_000 {
            let id = noise(["A000001", "A2", "Account-0000000000001", ""][random.below(4)])
            let lastId = ["A000001", "A2", ""][random.below(3)]
            let stamp = noise("2026-0\(1 + random.below(9))-1\(random.below(10))T1\(random.below(10)):0\(random.below(10)):5\(random.below(10))Z")
            let value = noise(["733", "5", "", "12345678"][random.below(4)])
            let rest = (0..<random.below(3)).map { _ in noise("U1-004") }
            let fields = 3 + random.below(3)
            let text = ([id, stamp, value] + rest).joined(separator: ",") + noise(["\n", "\r\n", ""][random.below(3)]) + "A1,"
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                let last = Array(lastId.utf8).withUnsafeBufferPointer { AccountIndex.Key($0) }
                var days = EventDayParser()
                guard let line = LeadingLine.scan(buffer.baseAddress!, count: buffer.count, fields: fields, lastId: last),
                      days.plainDay(UnsafeBufferPointer(rebasing: buffer[line.timeStart..<(line.timeStart + 20)])) != nil
                else { return }
                taken += 1
                let plain = PlainLine.scan(buffer, fields: fields, id: 0, time: 1, value: 2)
                XCTAssertEqual(plain?.id, line.plain.id, text.debugDescription)
                XCTAssertEqual(plain?.time, line.plain.time, text.debugDescription)
                XCTAssertEqual(plain?.value, line.plain.value, text.debugDescription)
                XCTAssertEqual(plain?.length, line.length, text.debugDescription)
                if line.sameId { XCTAssertEqual(Array(buffer[0..<line.idEnd]), Array(lastId.utf8), text.debugDescription) }
            }
        }
        XCTAssertGreaterThan(taken, 1_000)
    }

    /// Durations of up to eight digits are read eight bytes at once: the same seconds as the
    /// digit-by-digit reader for every length and digit, and nil for anything not a digit.
    func testDurationsReadEightDigitsAtOnce() {
        var random = SplitMix64(seed: 3)
        for round in 0..<50_000 {
            let length = 1 + round % 8
            var text = Array("2026-05-28T19:18:21Z,".utf8)
            for _ in 0..<length {
                // Mostly digits; now and then a byte on either side of '0'-'9'.
                let pick = random.below(40)
                text.append(pick == 0 ? UInt8(ascii: "/") : pick == 1 ? UInt8(ascii: ":") : pick == 2 ? UInt8(ascii: " ")
                            : UInt8(ascii: "0") + UInt8(random.below(10)))
            }
            text.withUnsafeBufferPointer { bytes in
                let value = UnsafeBufferPointer(rebasing: bytes[(bytes.count - length)...])
                let expected = SessionDecoder.wholeSeconds(value)
                XCTAssertEqual(SessionDecoder.wholeSeconds(endingAt: bytes.baseAddress! + bytes.count, count: length), expected,
                               String(decoding: value, as: UTF8.self))
            }
        }
    }

    func testMarketingNamesInAnyLetterCase() {
        func kind(_ text: String) -> MarketingEventKind? {
            Array(text.utf8).withUnsafeBufferPointer { MarketingDecoder.asciiKind($0) }
        }
        for expected in MarketingEventKind.allCases {
            XCTAssertEqual(kind(expected.rawValue), expected)
            XCTAssertEqual(kind(expected.rawValue.uppercased()), expected)
        }
        XCTAssertEqual(kind("Email_Open"), .emailOpen)
        XCTAssertEqual(kind("CASE_study"), .caseStudy)
        for other in ["email_opens", "email open", "emai_open", "", "webinar!", "email_open\u{0}", "Ẇebinar", "email_openemail_open"] {
            XCTAssertNil(kind(other), other)
        }
    }

    /// A key loaded as words from the bytes before a field's end is the key gathered byte
    /// by byte, for every length a key holds; and a plain row's event name, read that way,
    /// is the kind read from its bytes.
    func testKeysEndingAtAFieldsEndAreTheKeysOfItsBytes() {
        let bytes: [UInt8] = Array("xxxxxxxx,Email_Click;0123456789ABCDEF\u{7F}\u{80}".utf8)
        bytes.withUnsafeBufferPointer { all in
            for end in 8...all.count {
                for count in 0...min(16, end) {
                    let field = UnsafeBufferPointer(rebasing: all[(end - count)..<end])
                    XCTAssertEqual(AccountIndex.Key(endingAt: all.baseAddress! + end, count: count), AccountIndex.Key(field),
                                   "\(count) bytes ending at \(end)")
                }
            }
        }
        for name in MarketingEventKind.allCases.map(\.rawValue) + ["EMAIL_SENT", "Social", "socia", "email_sent_", "x"] {
            let line = Array("A1,2026-01-01T00:00:00Z,\(name)\n".utf8)
            line.withUnsafeBufferPointer { line in
                let value = UnsafeBufferPointer(rebasing: line[24..<(line.count - 1)])
                let loaded = MarketingDecoder.asciiKind(AccountIndex.Key(endingAt: value.baseAddress! + value.count, count: value.count))
                XCTAssertEqual(loaded, MarketingDecoder.asciiKind(value), name)
                XCTAssertEqual(loaded, MarketingEventKind(rawValue: name.lowercased()), name)
            }
        }
    }

    /// Every file of a messy dataset read with and without the plain path: the same
    /// events, counts, rejected rows and errors.
    func testBothPathsReadMessyExportsTheSame() throws {
        let folder = TemporaryFolder()
        // The last id starts with a space and a combining accent: one character, which
        // accounts.csv does not trim, while an event row's id is trimmed byte by byte.
        folder.write("accounts.csv", "account_id,started_on\nA1,2025-01-01\nA2,2025-06-01\n\"A,3\",2025-01-01\nAccount-with-a-long-id-0001,2025-01-01\n \u{301}x,2025-01-01\n")
        var random = SplitMix64(seed: 11)
        func timestamp() -> String {
            let day = "2025-\(random.below(2) == 0 ? "05" : "11")-1\(random.below(10))"
            switch random.below(12) {
            case 0: return day
            case 1: return "\(day) 10:00:00Z"
            case 2: return "\(day)T23:59:60Z"
            case 3: return " \(day)T10:00:00Z"
            case 4: return "\(day)T10:00:00+02:00"
            default: return "\(day)T1\(random.below(10)):3\(random.below(10)):0\(random.below(10))Z"
            }
        }
        func account() -> String { ["A1", "A2", "\"A,3\"", " A1", "A9", "Account-with-a-long-id-0001", "A1 ", " \u{301}x"][random.below(8)] }
        func end() -> String { ["\n", "\n", "\r\n", "\n\n"][random.below(4)] }
        var sessions = "account_id,started_at,duration_seconds,user_id\n"
        // The same rows with the columns in another order: `PlainLine` rather than `LeadingLine`.
        var reordered = "user_id,account_id,started_at,duration_seconds\n"
        var nps = "account_id,responded_at,score\n"
        var marketing = "account_id,occurred_at,event\n"
        var interactions = "account_id,occurred_at,rating,channel\n"
        for row in 0..<3_000 {
            let seconds = ["733", "12.5", "", " 40", "0", "007", "12345678", "000000000086400", "5 "][random.below(9)]
            let user = ["\"U,\(row)\"", "U \(row)", "U\(row)", "U\(row)", "U\(row)"][random.below(5)]
            let (id, time, ending) = (account(), timestamp(), end())
            sessions += "\(id),\(time),\(seconds),\(user)\(ending)"
            reordered += "\(user),\(id),\(time),\(seconds)\(ending)"
            nps += "\(account()),\(timestamp()),\(["9", "10", "0", "07", " 8"][random.below(5)])\(end())"
            marketing += "\(account()),\(timestamp()),\(["email_open", "Email_Sent", "WEBINAR", "case_study ", "social"][random.below(5)])\(end())"
            interactions += "\(account()),\(timestamp()),\(["1", "5", "3", " 4"][random.below(4)]),call\(end())"
        }
        folder.write("sessions.csv", sessions)
        folder.write("nps.csv", nps)
        folder.write("marketing.csv", marketing)
        folder.write("interactions.csv", interactions)

        func everything(plain: Bool) throws -> [String] {
            var data = try DatasetFolder(path: folder.path)
            data.readsPlainRows = plain
            data.workers = 3
            data.minimumPartBytes = 10_000
            var lines: [String] = []
            func collect<Event: AccountEvent>(_ type: Event.Type) throws {
                let read = try data.read(type, into: { [Event]() }, { $0.append(contentsOf: $1) })!
                lines += read.parts.flatMap { $0 }.map { "\($0)" }
                lines.append("\(read.report)")
            }
            try collect(SessionEvent.self)
            try collect(NPSResponse.self)
            try collect(MarketingEvent.self)
            try collect(InteractionRating.self)
            return lines
        }
        let general = try everything(plain: false)
        XCTAssertGreaterThan(general.count, 8_000)
        XCTAssertEqual(try everything(plain: true), general)
        folder.write("sessions.csv", reordered)
        let generalReordered = try everything(plain: false)
        XCTAssertEqual(generalReordered.count, general.count)
        XCTAssertEqual(try everything(plain: true), generalReordered)

        // A bad row among plain ones: the same error, at the same line, either way.
        folder.write("nps.csv", nps + "A1,2025-05-11T10:00:00Z,11\n")
        func error(plain: Bool, strict: Bool) -> String {
            do {
                var data = try DatasetFolder(path: folder.path, strict: strict)
                data.readsPlainRows = plain
                _ = try data.read(NPSResponse.self, into: { 0 }, { $0 += $1.count })
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertTrue(error(plain: true, strict: false).contains("'11' is not an NPS score"))
        XCTAssertEqual(error(plain: true, strict: false), error(plain: false, strict: false))
        XCTAssertEqual(error(plain: true, strict: true), error(plain: false, strict: true))
    }
}
