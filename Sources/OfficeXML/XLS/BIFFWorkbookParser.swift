import Foundation

/// Reads a workbook stream: first the globals (sheet list, shared strings, number formats, the
/// date system, the code page), then each worksheet's substream from where its BOUNDSHEET says.
struct BIFFWorkbookParser {
    let stream: BIFFStream
    let limits: ReadLimits

    private struct SheetEntry {
        var name: String
        var offset: Int
        var visibility: SheetVisibility
        var isWorksheet: Bool
    }

    /// What the globals give the sheets.
    struct Globals {
        var biff8 = true
        var codePage = 1252
        var dateSystem = DateSystem.from1900
        var sharedStrings: [String] = []
        var formats = StyleFormats()
    }

    func parse() throws(OfficeError) -> Workbook {
        guard let bof = try stream.record(at: 0), bof.type == BIFFRecordType.bof else {
            // BIFF2–4 start with BOF records of other numbers; these are not kept in compound files.
            if let first = try? stream.record(at: 0), [0x0009, 0x0209, 0x0409].contains(first.type) { throw .legacyExcel }
            throw CompoundFileReader.damaged("工作簿流不是以 BOF 记录开头")
        }
        let version = (try? stream.data(bof).u16(0)) ?? 0
        guard version >= 0x0500 else { throw .legacyExcel }
        var globals = Globals()
        globals.biff8 = version != 0x0500
        let sheets = try readGlobals(from: bof.end, into: &globals)
        guard sheets.count <= limits.maxParts else { throw .tooManyParts(limit: limits.maxParts) }

        // A sheet's records end where the next sheet begins, so a sheet without its EOF cannot run
        // on through the others: the whole stream is read at most once.
        let starts = Array(Set(sheets.map(\.offset))).sorted()
        let worksheetStarts = sheets.filter(\.isWorksheet).map(\.offset)
        guard Set(worksheetStarts).count == worksheetStarts.count else { throw CompoundFileReader.damaged("两个工作表指向同一位置") }
        var result: [Sheet] = []
        for entry in sheets where entry.isWorksheet {
            let limit = Self.firstGreater(than: entry.offset, in: starts) ?? stream.bytes.count
            var parser = BIFFSheetParser(
                stream: stream, globals: globals, builder: BIFFSheetBuilder(name: entry.name, limits: limits))
            try parser.parse(from: entry.offset, to: limit)
            result.append(try parser.builder.sheet(visibility: entry.visibility))
        }
        return Workbook(sheets: result, dateSystem: globals.dateSystem)
    }

    /// Binary search in sorted offsets: a workbook may list thousands of sheets.
    static func firstGreater(than value: Int, in sorted: [Int]) -> Int? {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = low + (high - low) / 2
            if sorted[middle] > value { high = middle } else { low = middle + 1 }
        }
        return low < sorted.count ? sorted[low] : nil
    }

    private func readGlobals(from start: Int, into globals: inout Globals) throws(OfficeError) -> [SheetEntry] {
        var sheets: [SheetEntry] = []
        var customFormats: [Int: NumberFormatKind] = [:]
        var xfFormats: [Int] = []
        var position = start
        while let record = try stream.record(at: position) {
            position = record.end
            let data = stream.data(record)
            do {
                switch record.type {
                case BIFFRecordType.eof:
                    globals.formats = StyleFormats(kinds: xfFormats.map { customFormats[$0] ?? .builtIn($0) })
                    return sheets
                case BIFFRecordType.filePass:
                    throw OfficeError.passwordProtected
                case BIFFRecordType.codePage:
                    globals.codePage = try data.u16(0)
                case BIFFRecordType.dateMode:
                    if try data.u16(0) == 1 { globals.dateSystem = .from1904 }
                case BIFFRecordType.format:
                    let code = try BIFFStrings.read(
                        data, at: 2, countBytes: globals.biff8 ? 2 : 1, biff8: globals.biff8, codePage: globals.codePage)
                    customFormats[try data.u16(0)] = NumberFormatKind.custom(code)
                case BIFFRecordType.xf:
                    xfFormats.append(try data.u16(2))
                case BIFFRecordType.boundSheet:
                    let name = try BIFFStrings.read(data, at: 6, countBytes: 1, biff8: globals.biff8, codePage: globals.codePage)
                    let visibility: SheetVisibility =
                        switch try data.u8(4) & 0x03 {
                        case 0: .visible
                        case 1: .hidden
                        default: .veryHidden
                        }
                    sheets.append(
                        SheetEntry(
                            name: name, offset: Int(try data.u32(0)), visibility: visibility,
                            isWorksheet: try data.u8(5) == 0))
                case BIFFRecordType.sst where globals.biff8:
                    let (run, next) = try stream.continued(record)
                    position = next
                    globals.sharedStrings = try Self.sharedStrings(run)
                default:
                    break
                }
            } catch let error as OfficeError {
                throw error
            } catch {
                throw CompoundFileReader.damaged(String(format: "工作簿记录 0x%04X 太短或内容有误", record.type))
            }
        }
        // No EOF: the stream ended early. What was read is used; the sheets will say if they are missing.
        globals.formats = StyleFormats(kinds: xfFormats.map { customFormats[$0] ?? .builtIn($0) })
        return sheets
    }

    /// The shared string table. Its declared count is only trusted as far as the bytes go: the
    /// array grows string by string, and a table that ends early is reported.
    static func sharedStrings(_ run: ContinuedBytes) throws(OfficeError) -> [String] {
        var cursor = ContinuedCursor(run)
        var strings: [String] = []
        do {
            _ = try cursor.u32()
            let unique = Int(try cursor.u32())
            strings.reserveCapacity(min(unique, run.bytes.count / 3))
            while strings.count < unique {
                guard !cursor.atEnd else {
                    throw CompoundFileReader.damaged("共享字符串表（SST）声明有 \(unique) 个字符串，实际只有 \(strings.count) 个")
                }
                strings.append(try BIFFStrings.unicode(&cursor, countBytes: 2))
            }
        } catch let error as OfficeError {
            throw error
        } catch {
            throw CompoundFileReader.damaged("共享字符串表（SST）第 \(strings.count + 1) 个字符串被截断")
        }
        return strings
    }
}
