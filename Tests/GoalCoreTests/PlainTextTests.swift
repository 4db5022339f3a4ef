import Foundation
import Testing
@testable import GoalCore

/// `PlainText` lets the importer compare, count and search text by its bytes. That is only right
/// while every scalar it admits is its own Character, already in NFC, and not white space except
/// the few it names: these tests check that promise for every scalar of the Basic Multilingual
/// Plane it admits, so widening the set by mistake fails here, not in a user's table.
@Suite("纯文本字节比较的前提")
struct PlainTextTests {
    /// Every BMP scalar `isPlain` admits on its own.
    static let admitted: [Unicode.Scalar] = (0...0xFFFF).compactMap { v in
        guard let u = Unicode.Scalar(v) else { return nil }
        return PlainText.isPlain(String(u)) ? u : nil
    }

    @Test("every admitted scalar is one Character with any neighbour, and already NFC")
    func graphemesAndNormalisation() {
        #expect(Self.admitted.count > 20_000)
        let neighbours: [Unicode.Scalar] = ["a", "1", "率", "（", "=", "\u{3000}", "×", "①"]
        var failures: [String] = []
        for u in Self.admitted {
            let s = String(u)
            if s.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(s.unicodeScalars) == false {
                failures.append("U+\(String(u.value, radix: 16)) not NFC")
            }
            for n in neighbours where (s + String(n)).count != 2 || (String(n) + s).count != 2 {
                failures.append("U+\(String(u.value, radix: 16)) joins U+\(String(n.value, radix: 16))")
            }
            let blank = u.properties.isWhitespace
            let allowedBlank = u == " " || u == "\t" || u == "\n" || u == "\u{0B}" || u == "\u{0C}" || u == "\u{3000}"
            if blank != allowedBlank { failures.append("U+\(String(u.value, radix: 16)) white space \(blank)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test("byte answers equal String answers on formula text with × ÷ ℃ ①")
    func byteAnswersMatch() {
        let texts = ["完成率=实际完成数÷计划数×100%", "①培训人数≥95%", "温度≤26℃", "±5%", "中·小学", "√"]
        for t in texts {
            #expect(PlainText.isPlain(t), "\(t)")
            #expect(PlainText.count(t) == t.count)
            #expect(PlainText.contains(t, "×100%") == t.contains("×100%"))
            #expect(PlainText.hasSuffix(t, "%") == t.hasSuffix("%"))
            #expect(TextNormalizer.trim(" \(t)\u{3000}") == t)
        }
        // a combining mark after an admitted sign makes the text ordinary again
        #expect(!PlainText.isPlain("×\u{0301}"))
        #expect(!PlainText.isPlain("a\u{00A0}b")) // no-break space is not admitted
    }
}
