import Foundation
import PropertyBased
import Testing
@testable import Ingest

/// Dates, timestamps and numbers, parsed straight from bytes, agree with independent
/// computations on random inputs and never crash on garbage.
@Suite struct ValueParsingProperties {
    static func parse<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var storage = Array(text.utf8)
        return storage.withUnsafeMutableBufferPointer { body(UnsafeBufferPointer($0)) }
    }

    @Test func daysRoundTrip() async {
        // 1600-01-01 ... 2400-12-31
        await propertyCheck(count: 2000, input: Gen.int(in: -135_140...157_100)) { days in
            let day = CalendarDay(daysSinceEpoch: Int32(days))
            #expect(CalendarDay(day.description) == day)
        }
    }

    /// A random instant written as local time with a random offset reads back as that instant.
    @Test func timestampsWithOffsets() async {
        let instants = Gen.int(in: 0...4_102_444_800)              // 1970 ... 2100
        let offsets = Gen.int(in: -56...56).map { $0 * 15 * 60 }   // -14:00 ... +14:00, quarter hours
        await propertyCheck(count: 2000, input: instants, offsets, Gen.int(in: 0...3)) { instant, offset, style in
            let local = Int64(instant + offset)
            let day = CalendarDay(unixSeconds: local)
            let secondOfDay = Int(local - day.unixSeconds)
            var text = day.description + "T" + String(format: "%02d:%02d:%02d", secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
            let sign = offset < 0 ? "-" : "+"
            let hours = abs(offset) / 3600, minutes = abs(offset) / 60 % 60
            switch style {
            case 0: text += offset == 0 ? "Z" : String(format: "%@%02d:%02d", sign, hours, minutes)
            case 1: text += String(format: "%@%02d%02d", sign, hours, minutes)
            case 2: text += String(format: ".%03d%@%02d:%02d", secondOfDay % 1000, sign, hours, minutes)
            default: text += String(format: "%@%02d:%02d", sign, hours, minutes)
            }
            #expect(ValueParsingProperties.parse(text, Timestamp.unixSeconds) == Int64(instant), "\(text)")
        }
    }

    @Test func garbageNeverCrashesTheDateParsers() async {
        let alphabet = Gen.element(of: Array("0123456789-:TZ+. tz/x")).compactMap { $0 }.array(of: 0...30).map { String($0) }
        await propertyCheck(count: 3000, input: alphabet) { text in
            if let seconds = ValueParsingProperties.parse(text, Timestamp.unixSeconds) {
                // Anything accepted starts with a valid date.
                #expect(CalendarDay(String(text.prefix(10))) != nil)
                #expect(abs(seconds) < 400_000_000_000)
            }
            _ = CalendarDay(text)
        }
    }

    @Test func decimalsMatchTheStandardLibrary() async {
        let digits = Gen.element(of: Array("0123456789")).compactMap { $0 }.array(of: 1...20).map { String($0) }
        await propertyCheck(count: 3000, input: Gen.bool, digits, digits.optional, Gen.int(in: -30...30).optional) {
            negative, whole, fraction, exponent in
            var text = (negative ? "-" : "") + whole
            if let fraction { text += "." + fraction }
            if let exponent { text += "e\(exponent)" }
            #expect(ValueParsingProperties.parse(text, FieldParsing.decimal) == Double(text), "\(text)")
        }
    }
}
