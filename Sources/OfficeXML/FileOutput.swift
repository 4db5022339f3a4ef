import Foundation

/// Writing a finished file where a user asked for it.
public enum FileOutput {
    /// Writes `data` to `url`, as `Stream` does.
    public static func write(_ data: Data, to url: URL) throws {
        let stream = try Stream(url)
        try stream.write(data)
        try stream.finish()
    }

    /// A file written a part at a time. A regular file (or a new one) is written beside the destination
    /// and renamed over it by `finish()`, so a failed or abandoned write never leaves half a file where
    /// the old one was; the temporary file is removed on every other path. A device or a pipe
    /// (`/dev/null`, `/dev/stdout`, a FIFO) is written in place: a rename would replace the device node
    /// itself with a plain file.
    public final class Stream {
        private let handle: FileHandle
        private let url: URL?
        private var temporary: URL?

        public init(_ url: URL) throws {
            if isSpecialFile(url) {
                self.handle = try Self.openFile(url.path, O_WRONLY, naming: url.path)
                self.url = url
                return
            }
            // A link is kept, its target replaced (`-o /dev/stdout` on a file replaced the link in /dev).
            let url = url.resolvingSymlinksInPath()
            self.url = url
            let temporary = url.deletingLastPathComponent().appendingPathComponent(
                ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
            self.handle = try Self.openFile(temporary.path, O_WRONLY | O_CREAT | O_EXCL, naming: url.path)
            self.temporary = temporary
        }

        /// open(2) rather than `FileHandle(forWritingAtPath:)`, which says only that it failed: the
        /// user is told why (no folder, no permission, a read-only disk), naming the file they asked for.
        private static func openFile(_ path: String, _ flags: Int32, naming shown: String) throws -> FileHandle {
            let fd = open(path, flags | O_CLOEXEC, 0o666)
            guard fd >= 0 else { throw OfficeError.cannotWrite(path: shown, reason: .current) }
            return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        }

        /// Standard output, written in place.
        public static var standardOutput: Stream { Stream(handle: .standardOutput) }

        private init(handle: FileHandle) {
            self.handle = handle
            url = nil
        }

        public func write(_ bytes: some DataProtocol) throws {
            do {
                try handle.write(contentsOf: bytes)
            } catch {
                let shown = url?.path ?? "标准输出"
                guard let reason = SystemReason(error) else {
                    throw OfficeError.writeFailed(detail: "\(shown)：\(error.localizedDescription)")
                }
                throw OfficeError.cannotWrite(path: shown, reason: reason)
            }
        }

        public func write(_ bytes: [UInt8]) throws {
            try bytes.withUnsafeBytes { try write($0) }
        }

        /// The file complete: closed, and put in its place.
        public func finish() throws {
            guard let url else { return }
            try? handle.close()
            guard let temporary else { return }
            self.temporary = nil
            // rename(2) replaces the destination atomically on the same file system.
            guard rename(temporary.path, url.path) == 0 else {
                let reason = SystemReason.current
                try? FileManager.default.removeItem(at: temporary)
                throw OfficeError.cannotWrite(path: url.path, reason: reason)
            }
        }

        deinit {
            guard let temporary else { return }
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Whether something other than a regular file or a directory already exists at `url`, through
    /// symbolic links. A link that resolves to no path (`/dev/stdout` on a pipe: `/proc/self/fd/1` →
    /// `pipe:[…]`) counts as special: it is written in place. (It was followed without end, and the
    /// command crashed.)
    public static func isSpecialFile(_ url: URL) -> Bool {
        guard let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType else {
            return false
        }
        guard type == .typeSymbolicLink else { return type != .typeRegular && type != .typeDirectory }
        let target = url.resolvingSymlinksInPath()
        return target.path == url.path || isSpecialFile(target)
    }
}
