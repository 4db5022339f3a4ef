/// Rounding and the writing of numbers in explanations ("5 × 1.71 ÷ 1.8 = 4.75").
public enum ArithmeticText {
    /// Rounds half away from zero to `places` decimals. Binary noise is removed first, so that
    /// 4.749999999 (5 × 1.71 ÷ 1.8 in floating point) rounds as the 4.75 it stands for.
    public static func round(_ x: Double, places: Int = 2) -> Double {
        guard x.isFinite else { return x }
        let scale = places == 2 ? 100.0 : pow10(places)
        let scaled = x * scale
        guard abs(scaled) < 1e13 else { return x }
        let cleaned = (scaled * 1e6).rounded() / 1e6
        return cleaned.rounded(.toNearestOrAwayFromZero) / scale
    }

    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<max(0, n) { r *= 10 }
        return r
    }

    /// A number as a person writes it: no trailing zeros, at most `places` decimals (rounded half away
    /// from zero), no exponent. 4.75 → "4.75", 5.0 → "5", 0.1 + 0.2 → "0.3".
    public static func number(_ x: Double, places: Int = 4) -> String {
        guard x.isFinite else { return x.isNaN ? "?" : (x > 0 ? "∞" : "−∞") }
        let scale = places == 4 ? 10_000.0 : pow10(places)
        let scaled = x * scale
        guard abs(scaled) < 9e15 else { return String(x) }
        // half away from zero after removing binary noise, as `round`
        var n = Int64(((abs(scaled) * 1e6).rounded() / 1e6).rounded(.toNearestOrAwayFromZero))
        var digits = places
        while digits > 0, n % 10 == 0 { n /= 10; digits -= 1 }
        // digits written right to left into a small buffer
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf -> String in
            var i = 24
            var v = n, written = 0
            repeat {
                if written == digits, digits > 0 { i -= 1; buf[i] = UInt8(ascii: ".") }
                i -= 1; buf[i] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; written += 1
            } while v > 0 || written <= digits
            if x < 0, n != 0 { i -= 1; buf[i] = UInt8(ascii: "-") }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[i..<24]), as: UTF8.self)
        }
    }

    /// The text on one line: line breaks users typed in a cell become spaces.
    public static func oneLine(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return s }
        return String(s.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }

    /// A share as a percentage: 0.9375 → "93.75%".
    public static func percent(_ share: Double) -> String { number(share * 100, places: 2) + "%" }
}
