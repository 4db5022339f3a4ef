import GoalCore

/// One column of an indicator grid, with its position in the printed header (virtual columns,
/// which the header does not print but rows carry, sit between two printed ones).
struct GridColumn: Sendable {
    var kind: FormVocabulary.Column
    var position: Double
    var isVirtual: Bool = false
}

/// Places the non-empty cells of a row into the grid's columns by content, keeping their order.
///
/// Rows pasted from Word and PDF lose or gain empty cells, so a cell's position is only a hint:
/// a 二级 name belongs in the 二级 column wherever it stands, `≥` in the type column, a text with
/// 得…分 in the scoring column. A dynamic programme finds the order-preserving placement with the
/// best total fit; a cell that fits nowhere is left out and reported, never guessed.
struct RowAligner: Sendable {
    var columns: [GridColumn]

    /// A cell to place: its printed position (nil when positions mean nothing) and what it holds.
    /// A struct, not a tuple: an array of tuples is copied and destroyed through the tuple's generic
    /// metadata, element by element, on every row.
    struct Cell: Sendable {
        var position: Double?
        var features: CellFeatures
    }

    struct Placement: Sendable {
        /// Column index per input cell; nil when the cell was left out.
        var columnOfCell: [Int?]
        var score: Double
    }

    /// How much a cell away from its printed column costs per column, and most in all.
    static let shiftCost = 0.6
    static let maxShiftCost = 3.0
    /// Leaving a cell out costs more than placing it anywhere plausible.
    static let dropCost = 6.0

    func align(_ cells: [Cell]) -> Placement {
        let n = cells.count, m = columns.count
        if n == 0 { return Placement(columnOfCell: [], score: 0) }
        let negInf = -Double.greatestFiniteMagnitude / 4
        // best[i][j]: best score with the first i cells placed in columns < j; both tables are one
        // array each, row i at i * (m + 1), so a row costs no allocation of its own
        let w = m + 1
        var best = [Double](repeating: negInf, count: (n + 1) * w)
        var choice = [Int](repeating: -2, count: (n + 1) * w)
        for j in 0...m { best[j] = 0 }
        // The tables are filled through buffer pointers, without a bounds check per access: every
        // index is `row + j`, `row + j - 1`, `next + j` or `next + j - 1` with i < n, 0 ≤ j ≤ m (j ≥ 1
        // for the `- 1`s), so it lies in 0..<(n + 1) * w, the tables' size; `columns[j - 1]` has
        // 1 ≤ j ≤ m. The buffers live only inside the closures, and nothing else touches the arrays.
        columns.withUnsafeBufferPointer { columns in
            best.withUnsafeMutableBufferPointer { best in
                choice.withUnsafeMutableBufferPointer { choice in
                    for i in 0..<n {
                        let f = cells[i].features
                        let pos = cells[i].position
                        let row = i * w, next = (i + 1) * w
                        for j in 0...m {
                            // option 1: column j-1 left empty: carry best[i+1][j-1]; handled via prefix below
                            // option 2: drop cell i
                            var b = best[row + j] - Self.dropCost
                            var ch = -1
                            // option 3: put cell i in column j-1
                            if j > 0 {
                                let prev = best[row + j - 1]
                                if prev > negInf {
                                    var s = prev + affinity(f, columns[j - 1].kind)
                                    if let p = pos {
                                        s -= min(abs(p - columns[j - 1].position) * Self.shiftCost, Self.maxShiftCost)
                                    }
                                    if s > b { b = s; ch = j - 1 }
                                }
                                // option 1
                                if best[next + j - 1] > b { b = best[next + j - 1]; ch = -3 }
                            }
                            best[next + j] = b
                            choice[next + j] = ch
                        }
                    }
                }
            }
        }
        var result = [Int?](repeating: nil, count: n)
        var i = n, j = m
        while i > 0 {
            let ch = choice[i * w + j]
            if ch == -3 { j -= 1; continue }
            if ch == -1 { result[i - 1] = nil; i -= 1; continue }
            result[i - 1] = ch
            i -= 1; j = ch
        }
        return Placement(columnOfCell: result, score: best[n * w + m])
    }

    /// Each cell in the printed column at its own position, when every cell has one and can stand
    /// in it (the rows the stream reading rebuilt, whose columns are already chosen); else nil.
    func decided(_ cells: [Cell]) -> Placement? {
        var result: [Int?] = []
        result.reserveCapacity(cells.count)
        var score = 0.0
        for c in cells {
            guard let p = c.position, let j = columns.firstIndex(where: { !$0.isVirtual && $0.position == p }) else { return nil }
            let a = affinity(c.features, columns[j].kind)
            guard a > -3 else { return nil }
            result.append(j)
            score += a
        }
        return Placement(columnOfCell: result, score: score)
    }

    /// A self-evaluation scores every row, filled target or not: a row that prints just two figures
    /// where the form has 分值 and 得分 (`工程质量合格 10 10`) gives those two, not 指标值 and 实际完成值.
    /// Only for rows without positions (space-separated, one cell per line), where order is all there
    /// is; the columns of the two figures, or nil.
    func pointsPair(_ cells: [CellFeatures], _ placement: Placement) -> (weight: Int, score: Int)? {
        guard
            let w = columns.firstIndex(where: {
                if case .field(.weight) = $0.kind { return true }; return false
            }),
            let s = columns.firstIndex(where: {
                if case .field(.score) = $0.kind { return true }
                if case .printedScore = $0.kind { return true }
                return false
            }), s > w,
            columns.contains(where: {
                if case .field(.actual) = $0.kind { return true }; return false
            })
        else { return nil }
        var numeric: [Int] = []
        for (k, col) in placement.columnOfCell.enumerated() where col != nil {
            if cells[k].isNumber || cells[k].isTarget || cells[k].isOperator { numeric.append(k) }
        }
        guard numeric.count == 2, let a = placement.columnOfCell[numeric[0]], let b = placement.columnOfCell[numeric[1]],
            !(a == w && b == s),
            numeric.allSatisfy({ (cells[$0].number ?? -1) >= 0 && (cells[$0].number ?? 101) <= 100 }),
            // nothing placed between or after them but prose
            placement.columnOfCell.enumerated().allSatisfy({ k, c in c == nil || k < numeric[0] || numeric.contains(k) || (c! > s)
            })
        else { return nil }
        return (w, s)
    }

    /// How well a cell's content fits a column: positive is a fit, negative a misfit.
    func affinity(_ f: CellFeatures, _ column: FormVocabulary.Column) -> Double {
        switch column {
        case .groupLabel:
            return -3
        case .printedScore:
            return f.isNumber ? 3 : -6
        case .scoreFactor:
            return f.isNumber || f.isTarget ? 1 : -6
        case .field(let field):
            return Self.affinity(f, field)
        }
    }

    static func affinity(_ f: CellFeatures, _ field: IndicatorField) -> Double {
        let plainText = !f.isOperator && !f.isNumber && !f.isTarget && !f.isScoringText
        switch field {
        case .level1:
            if f.isLevel1 { return 10 }
            if f.isLevel2 { return 1 }
            return plainText && f.length <= 10 ? -1 : -6
        case .level2:
            if f.isLevel2 { return 10 }
            if f.isLevel1 { return 4 }
            if f.isCommonIndicator { return -4 }
            return plainText && f.length <= 12 ? 0.5 : -6
        case .name:
            if f.isTemplateName { return 8 }
            if f.isOperator || f.isNumber { return -8 }
            if f.isTarget { return -4 }
            if f.isLevel1 || f.isLevel2 { return 0 }
            if f.isMethodName || f.isBasis { return -3 }
            if f.isScoringText { return -2 }
            if f.isCommonIndicator { return 6 }
            return f.length <= 24 ? 4 : (f.looksLikeExplanation ? -1 : 1)
        case .type:
            return f.isOperator ? 10 : -10
        case .value:
            if f.isTarget { return f.targetHasOperator ? 9 : 7 }
            if f.isNumber { return 6 }
            if f.isOperator { return -8 }
            if f.isScoringText || f.isBasis { return -5 }
            if f.isLevel1 || f.isLevel2 { return -4 }
            return f.isShortPhrase ? (f.length <= 10 ? 3 : 1) : -2
        case .unit:
            return f.isUnit ? 8 : -10
        case .explanation:
            if f.isOperator || f.isNumber || f.isTarget { return -6 }
            if f.isMethodName { return -5 }
            if f.isScoringText { return -2 }
            if f.looksLikeExplanation { return 7 }
            return f.length > 12 ? 4 : 0
        case .scoring:
            if f.isScoringText { return 9 }
            if f.isOperator || f.isNumber || f.isTarget { return -6 }
            return f.looksLikeExplanation ? -1 : -2
        case .weight:
            if let v = f.number, v >= 0, v <= 100 { return 6 }
            return -10
        case .basis:
            return f.isBasis ? 9 : (f.isShortPhrase && f.length <= 8 && !f.isTarget && !f.isUnit ? -1 : -5)
        case .lastYear:
            if f.isTarget { return f.targetHasOperator ? 2 : 5 }
            if f.isNumber { return 3 }
            if f.isScoringText || f.isBasis || f.isEvidence { return -5 }
            return f.isShortPhrase && f.length <= 10 ? 2 : -3
        case .evidence:
            if f.isEvidence { return 8 }
            return f.isShortPhrase && !f.isTarget && !f.isNumber ? 0.5 : -4
        case .note:
            if f.isScoringText { return -1 }
            return 0.3
        case .actual:
            if f.isTarget || f.isNumber { return 5 }
            if f.isScoringText { return -4 }
            return f.isShortPhrase ? 2 : -1
        case .deviation:
            if f.isNumber || f.isTarget || f.isOperator { return -5 }
            return f.length > 4 ? 2 : 0.5
        case .score:
            return f.isNumber ? 3 : -6
        }
    }
}
