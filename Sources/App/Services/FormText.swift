import Foundation

extension String {
    /// Whether anything but white space is left, as `trimmingCharacters(in: .whitespacesAndNewlines)` would
    /// say, stopping at the first such character: trimming a 9 MB paste copied it through NSString only
    /// to learn it was not empty (a tenth of the 导入预览's samples).
    var hasContent: Bool {
        unicodeScalars.contains { !CharacterSet.whitespacesAndNewlines.contains($0) }
    }
}
