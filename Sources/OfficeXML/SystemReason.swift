import Foundation

/// Why the operating system refused to read or write a file, in the words a finance clerk reads, with
/// what to do about it. Foundation's and `strerror`'s reasons are English ("There isn’t enough space",
/// "Permission denied"); the program's other messages are Chinese, so its I/O failures are too.
public struct SystemReason: Equatable, Sendable {
    public let code: Int32
    /// What went wrong: `磁盘空间不足`.
    public let text: String
    /// What the user can do: `请清理磁盘或换一个保存位置`.
    public let advice: String

    public init(errno code: Int32) {
        self.code = code
        (text, advice) = Self.words(code)
    }

    /// The reason of an error thrown by Foundation (`FileHandle`, `Data(contentsOf:)`, `FileManager`):
    /// the POSIX code it carries itself or as its underlying error, else the code its Cocoa error
    /// stands for; nil when it carries none.
    public init?(_ error: any Error) {
        guard let code = Self.posixCode(error as NSError) else { return nil }
        self.init(errno: code)
    }

    /// The reason `errno` holds now, right after a failed system call.
    public static var current: SystemReason { SystemReason(errno: errno) }

    private static func posixCode(_ error: NSError) -> Int32? {
        if error.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, let code = posixCode(underlying) {
            return code
        }
        guard error.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteNoPermission, .fileReadNoPermission: return EACCES
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileReadTooLarge: return EFBIG
        case .fileWriteFileExists: return EEXIST
        case .fileReadInvalidFileName, .fileWriteInvalidFileName: return EINVAL
        default: return nil
        }
    }

    private static func words(_ code: Int32) -> (String, String) {
        switch code {
        case ENOSPC, EDQUOT: return ("磁盘空间不足", "请清理磁盘或换一个保存位置")
        case EACCES, EPERM: return ("没有权限", "请换一个有权限的文件夹，或请管理员开通权限")
        case ENOENT: return ("文件或所在的文件夹不存在", "请检查路径，或先创建该文件夹")
        case EROFS: return ("所在的磁盘只能读、不能写", "请换一个保存位置")
        case EISDIR: return ("这是一个文件夹，不是文件", "请在路径末尾写上文件名")
        case ENOTDIR: return ("路径中有一段不是文件夹", "请检查路径")
        case ENAMETOOLONG: return ("文件名或路径太长", "请缩短文件名或换一个较浅的文件夹")
        case EFBIG: return ("文件太大", "请换一个保存位置或拆分文件")
        case EINVAL: return ("文件名无效", "请去掉文件名中的特殊字符后再试")
        case EIO: return ("磁盘读写出错", "请检查磁盘或 U 盘是否连接正常后再试")
        case EPIPE: return ("接收输出的程序已经关闭", "请检查命令行中 | 后面的程序")
        case EMFILE, ENFILE: return ("同时打开的文件太多", "请稍后再试")
        case EBUSY, ETXTBSY: return ("文件正被其他程序占用", "请关闭占用它的程序后再试")
        case EEXIST: return ("同名文件已存在", "请换一个文件名")
        case EXDEV: return ("不能跨磁盘移动文件", "请把文件保存到同一磁盘上")
        default: return ("系统错误（错误号 \(code)）", "请检查保存位置是否存在、是否有权限、磁盘空间是否足够")
        }
    }
}
