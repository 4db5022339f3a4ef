import Foundation

/// Bounds on what reading one file may cost, so that a hostile or broken file fails with a
/// clear message instead of exhausting memory. The defaults keep a read well under 500 MB.
public struct ReadLimits: Sendable, Equatable {
    /// The most bytes all parts together may inflate to. Counted while inflating, because the
    /// sizes a zip declares can lie.
    public var maxUncompressedBytes: Int64
    /// The largest inflated-to-compressed ratio allowed for a big part. Real sheet XML compresses
    /// about 5–30:1; a zip bomb of zeros compresses about 1000:1.
    public var maxCompressionRatio: Double
    /// Parts smaller than this are not ratio-checked: tiny parts can compress very well.
    public var ratioCheckThreshold: Int64
    /// Parts in the zip. Real workbooks have tens; a zip of a million tiny entries would cost
    /// memory just to list.
    public var maxParts: Int
    public var maxRowsPerSheet: Int
    public var maxCellsPerSheet: Int
    /// How deeply Word tables may nest inside table cells (real documents rarely go past 3).
    public var maxTableNesting: Int
    /// Places on one Word table's column grid (rows × the widest row's columns), refused as soon as
    /// they pass the bound while the table is read. A goal table has a few hundred. The bound is set
    /// from the memory a place costs through to the written tables (issue #23, `jixiao convert`, peak
    /// RSS): about 200 bytes for a table of short texts (400,000 rows × 2 columns: 156 MB, 1.3 s) and up
    /// to about 370 for one the reader takes for as many indicators (124,999 rows × 8 columns: 366 MB to
    /// JSON, most of it the table's 100 MB of JSON; 285 MB to CSV), within the 500 MB above. Rows alone
    /// bound nothing: one row of thousands of cells widens every row.
    public var maxCellsPerTable: Int
    /// Wall-clock budget for reading one document, in seconds; checked while inflating and parsing.
    public var maxSeconds: Double
    /// The most bytes one part may inflate to. A goal table's document or sheet part is well under a
    /// megabyte; stopping a 45 MB one at this size keeps an attack cheap before its rows are even counted.
    public var maxPartBytes: Int64

    public init(
        maxUncompressedBytes: Int64 = 200 * 1_048_576, maxCompressionRatio: Double = 100,
        ratioCheckThreshold: Int64 = 10 * 1_048_576, maxParts: Int = 100_000, maxRowsPerSheet: Int = 200_000,
        maxCellsPerSheet: Int = 2_000_000, maxTableNesting: Int = 16, maxCellsPerTable: Int = 1_000_000,
        maxSeconds: Double = 120, maxPartBytes: Int64 = 200 * 1_048_576
    ) {
        self.maxUncompressedBytes = maxUncompressedBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckThreshold = ratioCheckThreshold
        self.maxParts = maxParts
        self.maxRowsPerSheet = maxRowsPerSheet
        self.maxCellsPerSheet = maxCellsPerSheet
        self.maxTableNesting = maxTableNesting
        self.maxCellsPerTable = maxCellsPerTable
        self.maxSeconds = maxSeconds
        self.maxPartBytes = maxPartBytes
    }

    /// The command line's: a file Jixiao wrote, Jixiao reads — an export of a province's tables has a part
    /// per sheet, one per table (tens of thousands), so parts are bounded at 100,000; the bytes stay bounded.
    public static let `default` = ReadLimits()

    /// What a server reads for anyone who uploads: far beyond any real goal table (tens of rows,
    /// a few sheets), small enough that several uploads at once stay within a few hundred MB.
    public static let upload = ReadLimits(
        maxUncompressedBytes: 100 * 1_048_576, maxParts: 2_000,
        maxRowsPerSheet: 50_000, maxCellsPerSheet: 500_000,
        maxCellsPerTable: 200_000, maxSeconds: 10, maxPartBytes: 16 * 1_048_576)
}
