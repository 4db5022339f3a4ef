import Foundation

/// `../shared/tools/compare_import.py` in Swift: the field-by-field comparison of an import with a
/// transcription (kind, year, unit per table; level1, level2, name, type, value, unit, and weight
/// and actual where the transcription has them, per indicator; indicators paired by name as
/// difflib pairs them; extra indicators and tables counted as misses).
enum FieldComparison {
    static func norm(_ x: Any?) -> String {
        guard let x, !(x is NSNull) else { return "" }
        var s = "\(x)".precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        s = s.replacingOccurrences(of: ">=", with: "≥").replacingOccurrences(of: "<=", with: "≤").replacingOccurrences(
            of: " ", with: "")
        return s
    }

    static func number(_ x: Any?) -> Double? {
        guard let x, !(x is NSNull) else { return nil }
        if let n = x as? NSNumber, !(x is String) { return n.doubleValue }
        return Double("\(x)".replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces))
    }

    static func same(_ a: Any?, _ b: Any?) -> Bool {
        if let x = number(a), let y = number(b) { return abs(x - y) < 1e-6 }
        return norm(a) == norm(b)
    }

    static let fields = ["level1", "level2", "name", "type", "value", "unit", "weight", "actual"]

    /// An indicator's compared fields; a null or missing field is absent.
    static func indicators(_ t: [String: Any]) -> [[String: Any]] {
        let list = (t["indicators"] as? [[String: Any]]) ?? []
        var out: [[String: Any]] = []
        for i in list {
            var d: [String: Any] = [:]
            for f in fields {
                if let v = i[f], !(v is NSNull) { d[f] = v }
            }
            if d["type"] == nil, let op = i["operator"], !(op is NSNull) { d["type"] = op }
            if let u = d["unit"] as? String, u.isEmpty { d["unit"] = nil }
            out.append(d)
        }
        return out
    }

    static func tables(_ doc: Any) -> [[String: Any]] {
        if let d = doc as? [String: Any], let t = d["tables"] as? [[String: Any]] { return t }
        if let l = doc as? [[String: Any]] { return l }
        return [(doc as? [String: Any]) ?? [:]]
    }

    /// difflib's matching blocks without junk: the longest common run (earliest in a, then in b),
    /// then the same on each side of it.
    static func matchingPairs(_ a: [String], _ b: [String]) -> [Int: Int] {
        var pairs: [Int: Int] = [:]
        var queue = [(0, a.count, 0, b.count)]
        while let (alo, ahi, blo, bhi) = queue.popLast() {
            var best = (i: alo, j: blo, n: 0)
            var lengths = [Int: Int]()
            for i in alo..<max(alo, ahi) {
                var next = [Int: Int]()
                for j in blo..<max(blo, bhi) where a[i] == b[j] {
                    let k = (lengths[j - 1] ?? 0) + 1
                    next[j] = k
                    if k > best.n { best = (i - k + 1, j - k + 1, k) }
                }
                lengths = next
            }
            guard best.n > 0 else { continue }
            for k in 0..<best.n { pairs[best.i + k] = best.j + k }
            if alo < best.i && blo < best.j { queue.append((alo, best.i, blo, best.j)) }
            if best.i + best.n < ahi && best.j + best.n < bhi { queue.append((best.i + best.n, ahi, best.j + best.n, bhi)) }
        }
        return pairs
    }

    static func compare(expected: Any, actual: Any) -> (matched: Int, total: Int, misses: [String]) {
        let et = tables(expected), at = tables(actual)
        var total = 0, matched = 0
        var misses: [String] = []
        for (ti, e) in et.enumerated() {
            let a = ti < at.count ? at[ti] : [:]
            for k in ["kind", "year", "unit"] {
                guard let v = e[k], !(v is NSNull), !(k == "kind" && (v as? String) == "self-evaluation") else { continue }
                total += 1
                if same(v, a[k]) { matched += 1 } else { misses.append("t\(ti).\(k): want \(v) got \(a[k] ?? "nil")") }
            }
            let ei = indicators(e), ai = indicators(a)
            var pairs = matchingPairs(ei.map { norm($0["name"]) }, ai.map { norm($0["name"]) })
            var used = Set(pairs.values)
            for idx in ei.indices where pairs[idx] == nil && idx < ai.count && !used.contains(idx) {
                pairs[idx] = idx; used.insert(idx)
            }
            for (idx, ind) in ei.enumerated() {
                let got: [String: Any] = pairs[idx].map { ai[$0] } ?? [:]
                for f in fields {
                    let v = ind[f]
                    if (f == "weight" || f == "actual") && v == nil { continue }
                    let g = got[f]
                    total += 1
                    if f == "unit" && v == nil && g == nil { matched += 1; continue }
                    if same(v, g) {
                        matched += 1
                    } else {
                        misses.append("t\(ti).i\(idx).\(f): want \(v ?? "nil") got \(g ?? "nil")")
                    }
                }
            }
            let extra = ai.count - Set(pairs.values).intersection(0..<ai.count).count
            if extra > 0 { total += extra; misses.append("t\(ti): \(extra) extra indicators") }
        }
        if at.count > et.count { total += at.count - et.count; misses.append("\(at.count - et.count) extra tables") }
        return (matched, total, misses)
    }
}
