import Foundation

/// File and folder names that every system a unit uses can create: Windows forbids `\ / : * ? " < > |`,
/// control characters, names ending in a dot or a space and the device names (CON, PRN, AUX, NUL, COM1–9,
/// LPT1–9, with any extension); Explorer fails on paths over 260 characters. Forbidden characters become
/// their full-width forms (`：`, `？`, `＂`…), which read the same to a person; a long name is cut, its
/// extension kept.
public enum SafeFileName {
    /// Longest name of one file or folder, in characters (well under Windows' 255 UTF-16 units).
    public static let maxComponent = 80
    /// Longest path inside a pack, leaving room for the folder a user unpacks it into.
    public static let maxPath = 200

    static let fullWidth: [Character: Character] = [
        "\\": "＼", "/": "／", ":": "：", "*": "＊", "?": "？", "\"": "＂", "<": "＜", ">": "＞", "|": "｜",
    ]
    static let devices = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).map { "COM\($0)" } + (1...9).map { "LPT\($0)" })

    /// One component of a path, safe and at most `limit` characters.
    public static func component(_ raw: String, limit: Int = maxComponent, fallback: String = "文件") -> String {
        var s = String(
            raw.compactMap { c -> Character? in
                if let w = fullWidth[c] { return w }
                if c.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) { return nil }
                return c
            })
        s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        let ext = (s as NSString).pathExtension
        let stem = ext.isEmpty ? s : String(s.dropLast(ext.count + 1))
        if s.count > limit {
            let room = max(1, limit - (ext.isEmpty ? 0 : ext.count + 1))
            s = String(stem.prefix(room)) + (ext.isEmpty ? "" : "." + ext)
        }
        while let last = s.last, last == "." || last == " " { s.removeLast() }
        if s.isEmpty { s = fallback }
        let device = (s.split(separator: ".").first.map(String.init) ?? s).uppercased()
        if devices.contains(device) { s = "_" + s }
        return s
    }

    /// Makes names unique ignoring case (Windows does), adding `(2)`, `(3)`… before the extension.
    public struct Unique {
        private var taken = Set<String>()
        public init() {}

        public mutating func claim(_ name: String) -> String {
            let ext = (name as NSString).pathExtension
            let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
            var candidate = name
            var n = 2
            while !taken.insert(candidate.lowercased()).inserted {
                candidate = "\(stem)(\(n))" + (ext.isEmpty ? "" : "." + ext)
                n += 1
            }
            return candidate
        }
    }
}
