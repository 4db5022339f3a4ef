import Foundation

/// Reads Excel 97–2003 workbooks (.xls, BIFF8) and WPS spreadsheets stored the same way (.et),
/// into the same `Workbook` as `XLSXReader`: sheets by name in tab order, their cells, merged
/// ranges, hidden rows and columns. Excel 95 workbooks (BIFF5/7) read too, their text decoded
/// in the workbook's code page.
///
/// Encrypted workbooks and Word documents are refused with what to do. Formulas give their
/// cached results; the formula text itself is not decoded (`Cell.formula` stays nil).
public struct XLSReader: Sendable {
    public var limits: ReadLimits

    public init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    public func read(contentsOf url: URL) throws -> Workbook {
        try read(data: OfficeFileData.load(url, limits: limits))
    }

    public func read(data: Data) throws -> Workbook {
        guard CompoundFile.hasMagic(data) else {
            if ZipPackage.hasMagic(data) { throw OfficeError.wrongKind(expected: .xls, found: .xlsx) }
            throw OfficeError.notOfficeFile(expected: .xls)
        }
        let container: CompoundFileReader
        do {
            container = try CompoundFileReader(data: data, limits: limits)
        } catch {
            // A container too broken to walk may still name its streams: an encrypted package or a
            // Word document gets its own advice rather than "damaged".
            let named = CompoundFile.error(for: data, expected: .xls)
            if named == .passwordProtected || named == .legacyWord { throw named }
            throw error
        }
        // Stream names compare without case in compound files.
        var streams: [String: CompoundFileReader.Entry] = [:]
        for (name, entry) in container.rootStreams() { streams[name.uppercased()] = entry }
        if streams["ENCRYPTIONINFO"] != nil || streams["ENCRYPTEDPACKAGE"] != nil { throw OfficeError.passwordProtected }
        guard let workbook = [streams["WORKBOOK"], streams["BOOK"]].compactMap({ $0 }).first(where: { $0.type == .stream }) else {
            if streams["WORDDOCUMENT"] != nil { throw OfficeError.legacyWord }
            throw OfficeError.legacyBinary(expected: .xls)
        }
        let stream = try container.read(workbook)
        return try BIFFWorkbookParser(stream: BIFFStream(bytes: stream), limits: limits).parse()
    }
}

/// Reads a workbook whatever its format, judged by content rather than by name: .xlsx (and WPS
/// .et saved as OOXML) through `XLSXReader`, .xls (and .et saved as BIFF8) through `XLSReader`.
/// Importers use this so a file reads however it is named.
public struct WorkbookReader: Sendable {
    public var limits: ReadLimits

    public init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    public func read(contentsOf url: URL) throws -> Workbook {
        let header =
            (try? FileHandle(forReadingFrom: url)).flatMap { handle in
                defer { try? handle.close() }
                return try? handle.read(upToCount: 8)
            } ?? Data()
        if CompoundFile.hasMagic(header) { return try XLSReader(limits: limits).read(contentsOf: url) }
        return try XLSXReader(limits: limits).read(contentsOf: url)
    }

    public func read(data: Data) throws -> Workbook {
        if CompoundFile.hasMagic(data) { return try XLSReader(limits: limits).read(data: data) }
        return try XLSXReader(limits: limits).read(data: data)
    }
}

/// Loads a whole Office file, refusing one larger than the read limit before reading it.
enum OfficeFileData {
    static func load(_ url: URL, limits: ReadLimits) throws -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else { throw OfficeError.fileNotFound(path: url.path) }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard Int64(size) <= limits.maxUncompressedBytes else {
            throw OfficeError.tooLarge(limitBytes: limits.maxUncompressedBytes)
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw OfficeError.unreadable(path: url.path, reason: SystemReason(error)?.text ?? error.localizedDescription)
        }
    }
}
