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
        let r = round(x, places: places)
        if r == r.rounded(), abs(r) < 1e15 { return String(Int64(r)) }
        let scale = pow10(places)
        guard abs(r) * scale < 9e15 else { return String(r) }
        let scaled = Int64((abs(r) * scale).rounded())
        let unit = Int64(scale)
        let whole = scaled / unit
        var frac = scaled % unit
        var digits = places
        while digits > 0, frac % 10 == 0 { frac /= 10; digits -= 1 }
        var s = r < 0 ? "-" : ""
        s += String(whole)
        if digits > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: max(0, digits - f.count)) + f
        }
        return s
    }

    /// A share as a percentage: 0.9375 → "93.75%".
    public static func percent(_ share: Double) -> String { number(share * 100, places: 2) + "%" }
}
