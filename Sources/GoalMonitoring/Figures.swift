import Foundation

/// Numbers as the explanations print them: thousands grouped (1,200), at most two decimals,
/// ratios with one decimal unless that would put them on the other side of a band boundary.
enum Figures {
    /// Rounds away the last bits of floating-point error (6 decimals), so that boundaries are exact.
    static func settle(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }

    /// 1200 → "1,200"; 74.25 → "74.25"; 0.5 → "0.5".
    static func text(_ x: Double, decimals: Int = 2) -> String {
        // a figure no form holds (infinity, 10^18 typed by hand): printed as Foundation prints it,
        // never through an integer conversion that would stop the process
        guard x.isFinite, abs(x) < 9e15 else { return Self.huge(x) }
        let negative = x < 0
        let scale = pow(10, Double(decimals))
        let rounded = (abs(x) * scale).rounded() / scale
        var whole = rounded.rounded(.down)
        var fraction = Int(((rounded - whole) * scale).rounded())
        if fraction >= Int(scale) { whole += 1; fraction = 0 }
        // String(format:) goes through Foundation and costs more than the light itself
        var digits = whole < 9e15 ? String(Int64(whole)) : String(format: "%.0f", whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if fraction > 0 {
            var f = String(fraction)
            f = String(repeating: "0", count: decimals - f.count) + f
            while f.hasSuffix("0") { f.removeLast() }
            grouped += "." + f
        }
        return (negative && (whole > 0 || fraction > 0) ? "-" : "") + grouped
    }

    /// Beyond what an integer holds: "∞" or the figure in exponent form (1e+18).
    static func huge(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "—" : (x < 0 ? "-∞" : "∞") }
        return String(format: "%.3g", x)
    }

    /// `x` with exactly `decimals` decimals, no grouping: 74.3, 100.0, 0.05.
    static func fixed(_ x: Double, decimals: Int) -> String {
        let scale = pow(10, Double(decimals))
        guard x.isFinite, abs(x * scale) < 9e15 else { return Self.huge(x) }
        let scaled = Int64((abs(x) * scale).rounded())
        let whole = scaled / Int64(scale), fraction = scaled % Int64(scale)
        var f = String(fraction)
        f = String(repeating: "0", count: decimals - f.count) + f
        return (x < 0 && scaled != 0 ? "-" : "") + String(whole) + "." + f
    }

    /// A ratio in % for a light's explanation: one decimal ("74.3%"), more where one decimal would
    /// round it onto or across a boundary (59.99 stays "59.99%", not "60.0%", since it is 红).
    static func percent(_ ratio: Double, boundaries: [Double]) -> String {
        let r = settle(ratio)
        for decimals in 1...6 {
            let scale = pow(10, Double(decimals))
            let shown = (r * scale).rounded() / scale
            let crosses = boundaries.contains { (r < $0) != (shown < $0) }
            if !crosses || decimals == 6 { return fixed(shown, decimals: decimals) + "%" }
        }
        return fixed(r, decimals: 1) + "%"
    }
}
