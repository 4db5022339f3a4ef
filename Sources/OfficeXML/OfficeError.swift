import Foundation

/// The kinds of Office file this module reads, used to tell a user which file they gave us.
public enum OfficeFileKind: String, Sendable, Equatable {
    case xlsx
    /// Excel 97–2003 (BIFF8), and WPS .et files stored the same way.
    case xls
    case docx

    /// How a user names the kind, in Chinese.
    var userName: String {
        switch self {
        case .xlsx: return "Excel 表格（.xlsx）"
        case .xls: return "Excel 97-2003 工作簿（.xls）"
        case .docx: return "Word 文档（.docx）"
        }
    }
}

/// The one error of OfficeXML. Every message is in Chinese and says what the user can do next,
/// because it is shown as it is in the command line and the web app.
public enum OfficeError: Error, Equatable, Sendable {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    /// Neither a zip nor an OLE2 container: a CSV, a PDF, a picture renamed to .xlsx, …
    case notOfficeFile(expected: OfficeFileKind)
    /// A zip whose directory cannot be read: usually a download or copy that stopped early.
    case damaged(expected: OfficeFileKind, detail: String)
    case passwordProtected
    /// A workbook older than Excel 95 (BIFF2–4); Excel 95 and 97–2003 workbooks are read.
    case legacyExcel
    case legacyWord
    /// An OLE2 container that is neither: we cannot say more than that it is an old binary file.
    case legacyBinary(expected: OfficeFileKind)
    case wrongKind(expected: OfficeFileKind, found: OfficeFileKind)
    case missingPart(path: String)
    case malformedXML(part: String, detail: String)
    case tooLarge(limitBytes: Int64)
    case suspiciousCompression(entry: String)
    case tooManyParts(limit: Int)
    case tablesNestedTooDeeply(limit: Int)
    case tooManyRows(sheet: String, limit: Int)
    /// A Word table whose grid (rows × the widest row's columns) passes `ReadLimits.maxCellsPerTable`.
    case tooManyTableCells(table: Int, limit: Int)
    /// Reading took longer than `ReadLimits.maxSeconds`.
    case tooSlow(seconds: Double)
    case tooManyCells(sheet: String, limit: Int)
    case gridTooLarge(sheet: String, rows: Int, columns: Int)
    case invalidCellReference(String)
    case invalidSheetName(name: String, reason: String)
    /// Excel refuses a file whose merged ranges overlap, so the writer stops first.
    case overlappingMerges(sheet: String, first: String, second: String)
    case cellTextTooLong(sheet: String, cell: String)
    case outsideSheet(sheet: String, cell: String)
    case writeFailed(detail: String)
    /// The system refused to create or write the file at `path` (no space, no permission, no folder).
    case cannotWrite(path: String, reason: SystemReason)

    /// The message a user reads.
    public var message: String {
        switch self {
        case .fileNotFound(let path):
            return "找不到文件“\(path)”。请检查文件路径和文件名是否正确。"
        case .unreadable(let path, let reason):
            return "无法读取文件“\(path)”（\(reason)）。请确认文件没有被其他程序占用，并且有读取权限。"
        case .notOfficeFile(let expected):
            let form = expected == .xls ? "Excel 97-2003 使用的复合文档格式" : "Office 文件使用的 zip 格式"
            return "这个文件不是\(expected.userName)：它不是 \(form)。"
                + "请用 Excel、WPS 或 Word 打开它，另存为\(expected.userName)后再导入。"
        case .damaged(let expected, let detail):
            return "这个\(expected.userName)已损坏或不完整（\(detail)），可能是下载或复制没有完成。"
                + "请重新获取原文件，或用 Excel、WPS 打开后另存一份再导入。"
        case .passwordProtected:
            return "这个文件设置了打开密码（已加密），无法读取。请在 Excel、WPS 或 Word 中打开它，"
                + "取消密码（文件 → 信息 → 保护 → 用密码进行加密，清空密码）后保存，再导入。"
        case .legacyExcel:
            return "这是 Excel 5.0 以前的旧版工作簿，无法读取。请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再导入。"
        case .legacyWord:
            return "这是旧版 Word 97-2003 文档（.doc），暂不支持。请用 Word 或 WPS 打开后“另存为” .docx 格式再导入。"
        case .legacyBinary(let expected):
            return "这是旧版 Office 二进制文件，不是\(expected.userName)。请用 Office 或 WPS 打开后另存为\(expected.userName)再导入。"
        case .wrongKind(let expected, let found):
            return "这个文件是\(found.userName)，不是\(expected.userName)。请检查是否选错了文件，"
                + "或按\(found.userName)导入。"
        case .missingPart(let path):
            return "文件内容不完整：缺少“\(path)”部分。请用 Excel、WPS 或 Word 打开后重新保存，再导入。"
        case .malformedXML(let part, let detail):
            return "文件中“\(part)”的内容格式有误（\(detail)）。请用 Excel、WPS 或 Word 打开后重新保存，再导入。"
        case .tooLarge(let limit):
            return "文件解压后超过 \(limit / 1_048_576) MB，超出了允许的大小。请删除无关的工作表、图片后再导入，"
                + "或把内容拆分成几个文件。"
        case .suspiciousCompression(let entry):
            return "文件中的“\(entry)”压缩比异常（疑似“压缩炸弹”），为安全起见已停止读取。"
                + "请确认文件来源可靠，用 Excel 或 WPS 打开后重新保存再导入。"
        case .tooManyParts(let limit):
            return "文件包含超过 \(limit) 个内部部件，不像正常的 Office 文件，为安全起见已停止读取。"
                + "请用 Excel、WPS 或 Word 打开后重新保存再导入。"
        case .tablesNestedTooDeeply(let limit):
            return "文档中的表格嵌套超过 \(limit) 层，无法读取。请把嵌套在单元格里的表格移出来后再导入。"
        case .tooManyRows(let sheet, let limit):
            return "工作表“\(sheet)”超过 \(limit) 行，超出了允许的范围。请删除多余的空行或无关数据，"
                + "或把内容拆分到几个文件后再导入。"
        case .tooManyTableCells(let table, let limit):
            return "文档中的第 \(table) 个表格超过 \(limit) 个单元格（行数 × 列数），超出了允许的范围（绩效目标表通常只有几十行）。"
                + "请删除无关内容，或把内容拆分到几个文件后再导入。"
        case .tooSlow(let seconds):
            return "读取这个文件用时超过 \(Int(seconds)) 秒，为不影响其他用户已停止。文件可能过大或已损坏，"
                + "请删除无关的工作表和内容，或拆分成几个文件后再导入。"
        case .tooManyCells(let sheet, let limit):
            return "工作表“\(sheet)”超过 \(limit) 个单元格，超出了允许的范围。请删除无关数据或拆分文件后再导入。"
        case .gridTooLarge(let sheet, let rows, let columns):
            return "工作表“\(sheet)”的数据范围达到 \(rows) 行 × \(columns) 列，过大。"
                + "请删除远处零散的单元格内容或格式后再导入。"
        case .invalidCellReference(let text):
            return "单元格地址“\(text)”无效，应写成“B7”或“A1:C3”这样的形式。"
        case .invalidSheetName(let name, let reason):
            return "工作表名称“\(name)”不可用：\(reason)。"
        case .overlappingMerges(let sheet, let first, let second):
            return "工作表“\(sheet)”中的合并区域 \(first) 与 \(second) 重叠，Excel 无法打开这样的文件。请调整合并范围。"
        case .cellTextTooLong(let sheet, let cell):
            return "工作表“\(sheet)”的 \(cell) 单元格文字超过 Excel 允许的 32767 个字符。请精简内容或拆分到几个单元格。"
        case .outsideSheet(let sheet, let cell):
            return "工作表“\(sheet)”的单元格 \(cell) 超出了 Excel 的范围（最多 1048576 行、16384 列）。"
        case .writeFailed(let detail):
            return "无法写出文件（\(detail)）。请检查保存位置是否存在、是否有写入权限、磁盘空间是否足够。"
        case .cannotWrite(let path, let reason):
            return "无法写出文件“\(path)”：\(reason.text)。\(reason.advice)。"
        }
    }
}

extension OfficeError: LocalizedError {
    public var errorDescription: String? { message }
}

extension OfficeError: CustomStringConvertible {
    public var description: String { message }
}
