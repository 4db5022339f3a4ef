import Foundation
import SwiftCSV

/// Reads CSV text through SwiftCSV, the one parser every CSV the project reads goes through
/// (organisations, actuals, the export's own files read back).
public enum CSVReader {
    /// One record and the 1-based line of the text it starts on (a quoted field may span lines).
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
        public init(line: Int, fields: [String]) { self.line = line; self.fields = fields }
        /// A record of empty cells only (a blank line, or `,,,`).
        public var isBlank: Bool { fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    public struct ReadError: Error, Sendable, CustomStringConvertible {
        /// In Chinese, for the person who sent the file.
        public var message: String
        public var description: String { message }
    }

    /// The separator a spreadsheet used: a tab when the first line has tabs and no commas, else a comma.
    public static func guessSeparator(_ text: String) -> Character {
        let firstLine = text.prefix { !$0.isNewline }
        return firstLine.contains("\t") && !firstLine.contains(",") ? "\t" : ","
    }

    /// Every record of `text` (a leading byte-order mark dropped; separator guessed unless given).
    /// Blank lines come back as blank records so that line numbers stay right; callers skip them.
    public static func records(_ text: String, separator: Character? = nil) throws(ReadError) -> [Record] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        if body.isEmpty { return [] }
        let sep = separator ?? guessSeparator(String(body))
        let rows: [[String]]
        do {
            let csv = try EnumeratedCSV(string: String(body), delimiter: .character(sep), loadColumns: false)
            rows = csv.header.isEmpty && csv.rows.isEmpty ? [] : [csv.header] + csv.rows
        } catch {
            throw ReadError(message: "CSV 格式有误（引号不成对：字段中的英文双引号应写成两个，或整个字段用双引号括起）")
        }
        var out: [Record] = []
        out.reserveCapacity(rows.count)
        var line = 1
        for fields in rows {
            out.append(Record(line: line, fields: fields))
            // the next record starts after this one's line break and any line breaks inside its quoted fields
            line += 1 + fields.reduce(0) { $0 + $1.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } }
        }
        return out
    }
}
