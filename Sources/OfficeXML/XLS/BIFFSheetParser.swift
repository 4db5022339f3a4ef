import Foundation

/// Reads one worksheet substream: its cell records, merged ranges, row and column records.
struct BIFFSheetParser {
    let stream: BIFFStream
    let globals: BIFFWorkbookParser.Globals
    var builder: BIFFSheetBuilder

    /// The highest row and column counts an .xls sheet can have (BIFF8: 65,536 × 256).
    static let maxRows = 65_536
    static let maxColumns = 256

    /// Error codes of BOOLERR and FORMULA results ([MS-XLS] 2.5.10).
    static func errorText(_ code: Int) -> String {
        switch code {
        case 0x00: return "#NULL!"
        case 0x07: return "#DIV/0!"
        case 0x0F: return "#VALUE!"
        case 0x17: return "#REF!"
        case 0x1D: return "#NAME?"
        case 0x24: return "#NUM!"
        case 0x2A: return "#N/A"
        default: return "#N/A"
        }
    }

    /// RK: a number packed into 30 bits, either an integer or the top of a double, maybe ×100.
    static func rk(_ raw: UInt32) -> Double {
        let value: Double =
            raw & 0x02 != 0
            ? Double(Int32(bitPattern: raw) >> 2)
            : Double(bitPattern: UInt64(raw & 0xFFFF_FFFC) << 32)
        return raw & 0x01 != 0 ? value / 100 : value
    }

    mutating func parse(from offset: Int, to limit: Int) throws(OfficeError) {
        guard let bof = try stream.record(at: offset), bof.type == BIFFRecordType.bof else {
            throw CompoundFileReader.damaged("工作表“\(builder.name)”的位置（\(offset)）上没有工作表的开头")
        }
        var position = bof.end
        // Embedded charts sit inside a sheet as BOF…EOF substreams of their own.
        var depth = 0
        // A formula whose cached result is text: the text follows in a STRING record.
        var pendingString: (row: Int, column: Int)?
        while position < limit, let record = try stream.record(at: position) {
            position = record.end
            if record.type == BIFFRecordType.bof { depth += 1; continue }
            if record.type == BIFFRecordType.eof {
                if depth == 0 { return }
                depth -= 1
                continue
            }
            guard depth == 0 else { continue }
            do {
                if record.type == BIFFRecordType.string {
                    if let target = pendingString {
                        let (run, next) = try stream.continued(record)
                        position = next
                        var cursor = ContinuedCursor(run)
                        let text: String
                        if globals.biff8 {
                            text = try BIFFStrings.unicode(&cursor, countBytes: 2)
                        } else {
                            text = try BIFFStrings.read(
                                stream.data(record), at: 0, countBytes: 2, biff8: false, codePage: globals.codePage)
                        }
                        try builder.add(row: target.row, column: target.column, .string(text))
                    }
                    pendingString = nil
                    continue
                }
                if let formulaString = try cell(record) {
                    pendingString = formulaString
                } else if isCell(record.type) {
                    pendingString = nil
                }
            } catch let error as OfficeError {
                throw error
            } catch {
                throw CompoundFileReader.damaged("工作表“\(builder.name)”中的记录 \(String(format: "0x%04X", record.type)) 太短或内容有误")
            }
        }
    }

    private func isCell(_ type: Int) -> Bool {
        [
            BIFFRecordType.labelSST, BIFFRecordType.label, BIFFRecordType.richLabel, BIFFRecordType.number,
            BIFFRecordType.rk, BIFFRecordType.mulRK, BIFFRecordType.formula, BIFFRecordType.boolErr,
            BIFFRecordType.blank, BIFFRecordType.mulBlank,
        ].contains(type)
    }

    private func number(_ value: Double, xf: Int) -> CellValue {
        globals.formats.kind(ofStyle: xf).value(value, dateSystem: globals.dateSystem)
    }

    /// Handles one record; returns the place of a formula whose text result comes next.
    private mutating func cell(_ record: BIFFRecord) throws -> (row: Int, column: Int)? {
        let data = stream.data(record)
        switch record.type {
        case BIFFRecordType.labelSST:
            let index = Int(try data.u32(6))
            let strings = globals.sharedStrings
            try builder.add(
                row: try data.u16(0), column: try data.u16(2), index < strings.count ? .string(strings[index]) : .empty)
        case BIFFRecordType.label, BIFFRecordType.richLabel:
            let text = try BIFFStrings.read(data, at: 6, countBytes: 2, biff8: globals.biff8, codePage: globals.codePage)
            try builder.add(row: try data.u16(0), column: try data.u16(2), .string(text))
        case BIFFRecordType.number:
            try builder.add(row: try data.u16(0), column: try data.u16(2), number(try data.f64(6), xf: try data.u16(4)))
        case BIFFRecordType.rk:
            try builder.add(row: try data.u16(0), column: try data.u16(2), number(Self.rk(try data.u32(6)), xf: try data.u16(4)))
        case BIFFRecordType.mulRK:
            // Row, first column, then (XF, RK) pairs of 6 bytes, then the last column.
            let row = try data.u16(0)
            let first = try data.u16(2)
            let pairs = (data.count - 6) / 6
            for index in 0..<max(pairs, 0) {
                let at = 4 + index * 6
                try builder.add(row: row, column: first + index, number(Self.rk(try data.u32(at + 2)), xf: try data.u16(at)))
            }
        case BIFFRecordType.boolErr:
            let value = try data.u8(6)
            let cell: CellValue = try data.u8(7) == 0 ? .bool(value != 0) : .error(Self.errorText(value))
            try builder.add(row: try data.u16(0), column: try data.u16(2), cell)
        case BIFFRecordType.formula:
            let row = try data.u16(0)
            let column = try data.u16(2)
            // The cached result: a double, or a tagged value when its last two bytes are 0xFFFF.
            guard try data.u16(12) == 0xFFFF else {
                try builder.add(row: row, column: column, number(try data.f64(6), xf: try data.u16(4)))
                return nil
            }
            switch try data.u8(6) {
            case 0: return (row, column)
            case 1: try builder.add(row: row, column: column, .bool(try data.u8(8) != 0))
            case 2: try builder.add(row: row, column: column, .error(Self.errorText(try data.u8(8))))
            default: break // 3: an empty string
            }
        case BIFFRecordType.mergedCells:
            let count = try data.u16(0)
            for index in 0..<count where data.has(2 + index * 8, 8) {
                let at = 2 + index * 8
                builder.merged.append(
                    CellRange(
                        rows: (try data.u16(at) + 1)...max(try data.u16(at) + 1, try data.u16(at + 2) + 1),
                        columns: (try data.u16(at + 4) + 1)...max(try data.u16(at + 4) + 1, try data.u16(at + 6) + 1)))
            }
        case BIFFRecordType.row:
            let height = try data.u16(6) & 0x7FFF
            let options = try data.u16(12)
            builder.setRow(try data.u16(0), height: options & 0x40 != 0 ? Double(height) / 20 : nil, hidden: options & 0x20 != 0)
        case BIFFRecordType.colInfo:
            builder.setColumns(
                try data.u16(0), try data.u16(2), width: Double(try data.u16(4)) / 256, hidden: try data.u16(8) & 0x01 != 0)
        case BIFFRecordType.dimensions:
            try checkDimensions(data)
        default:
            break
        }
        return nil
    }

    /// DIMENSIONS declares the used range. The reader never sizes anything by it, but a range
    /// beyond what an .xls sheet can hold means the file is not what it says.
    private func checkDimensions(_ data: LittleEndianBytes) throws {
        let rows: Int
        let firstRow: Int
        let columns: Int
        let firstColumn: Int
        if globals.biff8 {
            firstRow = Int(try data.u32(0))
            rows = Int(try data.u32(4))
            firstColumn = try data.u16(8)
            columns = try data.u16(10)
        } else {
            firstRow = try data.u16(0)
            rows = try data.u16(2)
            firstColumn = try data.u16(4)
            columns = try data.u16(6)
        }
        guard rows <= Self.maxRows, columns <= Self.maxColumns, firstRow <= rows, firstColumn <= columns else {
            throw CompoundFileReader.damaged(
                "工作表“\(builder.name)”的尺寸记录（DIMENSIONS）声称有 \(rows) 行、\(columns) 列，"
                    + "超出 .xls 的上限（65536 行、256 列）")
        }
    }
}
