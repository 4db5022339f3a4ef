import Foundation

/// A cell's place, 1-based like Excel's own addresses: `E7` is row 7, column 5.
public struct CellAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `E7`, `$E$7` or `e7`.
    public init(_ text: String) throws {
        var column = 0
        var row = 0
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
            default:
                throw OfficeError.invalidCellReference(text)
            }
            if column > CellAddress.maxColumn || row > CellAddress.maxRow { throw OfficeError.invalidCellReference(text) }
        }
        guard column > 0, row > 0 else { throw OfficeError.invalidCellReference(text) }
        self.init(row: row, column: column)
    }

    /// Excel's sheet size limits.
    public static let maxRow = 1_048_576
    public static let maxColumn = 16_384

    /// `E7`.
    public var description: String { CellAddress.columnName(column) + String(row) }

    /// `A` for 1, `Z` for 26, `AA` for 27.
    public static func columnName(_ column: Int) -> String {
        var name: [UInt8] = []
        appendColumnName(column, to: &name)
        return String(decoding: name, as: UTF8.self)
    }

    static func appendColumnName(_ column: Int, to buffer: inout [UInt8]) {
        var value = column
        var letters: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var count = 0
        while value > 0, count < 3 {
            let remainder = (value - 1) % 26
            switch count {
            case 0: letters.0 = UInt8(65 + remainder)
            case 1: letters.1 = UInt8(65 + remainder)
            default: letters.2 = UInt8(65 + remainder)
            }
            count += 1
            value = (value - 1) / 26
        }
        if count > 2 { buffer.append(letters.2) }
        if count > 1 { buffer.append(letters.1) }
        if count > 0 { buffer.append(letters.0) }
    }

    public static func < (lhs: CellAddress, rhs: CellAddress) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }

    /// Parses the address in raw bytes (the `r` attribute of a cell) without building a string.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> CellAddress? {
        var column = 0
        var row = 0
        for index in range {
            let byte = bytes[index]
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
                column = column * 26 + Int(byte) - 64
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                row = row * 10 + Int(byte) - 48
            } else if byte != UInt8(ascii: "$") {
                return nil
            }
            if row > maxRow || column > maxColumn { return nil }
        }
        guard row > 0, column > 0 else { return nil }
        return CellAddress(row: row, column: column)
    }
}

/// A rectangle of cells such as a merged range `A1:C2`; both corners included.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    public var start: CellAddress
    public var end: CellAddress

    public init(_ start: CellAddress, _ end: CellAddress) {
        self.start = CellAddress(row: min(start.row, end.row), column: min(start.column, end.column))
        self.end = CellAddress(row: max(start.row, end.row), column: max(start.column, end.column))
    }

    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.init(
            CellAddress(row: rows.lowerBound, column: columns.lowerBound),
            CellAddress(row: rows.upperBound, column: columns.upperBound))
    }

    /// Parses `A1:C2`, or a single cell `B3` as a one-cell range.
    public init(_ text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { throw OfficeError.invalidCellReference(text) }
        let start = try CellAddress(String(parts[0]))
        let end = parts.count == 2 ? try CellAddress(String(parts[1])) : start
        self.init(start, end)
    }

    public var rows: ClosedRange<Int> { start.row...end.row }
    public var columns: ClosedRange<Int> { start.column...end.column }

    public func contains(_ address: CellAddress) -> Bool {
        rows.contains(address.row) && columns.contains(address.column)
    }

    public var description: String { start == end ? start.description : "\(start):\(end)" }
}
