import GoalCore

/// What the reader has worked out about a cell's text, kept for the rest of one read. Pasted tables
/// repeat their cells word for word: 一级/二级 names, `≥95%`, units and method names on every row, and
/// scoring texts and explanations copied from one table to the next. Hashing a cell's bytes costs a
/// fraction of reading it again.
///
/// Keyed by the text's exact bytes (`TextKey(exactly:)`, not `String`'s normalising hash) and bounded
/// by the bytes of the texts kept, so a huge paste of distinct cells cannot grow it past `budget`.
struct CellCache<Value> {
    private var values: [TextKey: Value] = [:]
    private var bytes = 0
    /// Bytes of cell text kept at most.
    let budget: Int
    /// Longer cells are worked out each time: nothing that long repeats often.
    static var longestCell: Int { 4096 }

    init(budget: Int = 4 << 20) { self.budget = budget }

    /// The value for `text`, made by `make` the first time. `quick` answers first, when it can without
    /// `make` (a filter that rules a text out): what it answers is neither looked up nor kept, so that a
    /// paste of distinct cells (noise) is not hashed and stored cell by cell.
    mutating func value(for text: String, quick: (String) -> Value? = { _ in nil }, _ make: (String) -> Value) -> Value {
        if let v = quick(text) { return v }
        let n = text.utf8.count
        guard n <= Self.longestCell else { return make(text) }
        let key = TextKey(exactly: text)
        if let v = values[key] { return v }
        let v = make(text)
        if bytes + n <= budget {
            values[key] = v
            bytes += n
        }
        return v
    }
}
