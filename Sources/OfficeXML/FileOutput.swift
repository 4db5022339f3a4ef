import Foundation

/// Writing a finished file where a user asked for it.
public enum FileOutput {
    /// Writes `data` to `url`. A regular file (or a new one) is written beside the destination and
    /// renamed over it, so a failed write never leaves half a file where the old one was. A device or
    /// a pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written in place: a rename would replace the
    /// device node itself with a plain file.
    public static func write(_ data: Data, to url: URL) throws {
        if isSpecialFile(url) {
            guard let handle = FileHandle(forWritingAtPath: url.path) else {
                throw OfficeError.writeFailed(detail: "\(url.path)：无法打开")
            }
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            return
        }
        try data.write(to: url, options: .atomic)
    }

    /// Whether something other than a regular file or a directory already exists at `url`.
    public static func isSpecialFile(_ url: URL) -> Bool {
        guard let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType else {
            return false
        }
        return type != .typeRegular && type != .typeDirectory && type != .typeSymbolicLink
            || (type == .typeSymbolicLink && isSpecialFile(url.resolvingSymlinksInPath()))
    }
}
