import GoalCore

/// The 一级 and 二级 keys of a table's rows, made once per table: the built-in profile a table is
/// checked under is chosen from them (`Checker.autoRules`), and each row keeps its own. Merged cells
/// repeat the same text down the table: the row below with the same bytes reuses the key above.
struct LevelKeys {
    let level1: [Key]
    let level2: [Key]

    init(_ indicators: UnsafeBufferPointer<Indicator>) {
        var level1: [Key] = [], level2: [Key] = []
        level1.reserveCapacity(indicators.count)
        level2.reserveCapacity(indicators.count)
        for i in indicators.indices {
            // the cells read in place: a copy of the indicator above would retain all its fields
            if i > 0, Keys.sameBytes(indicators[i - 1].level1, indicators[i].level1) {
                level1.append(level1[i - 1])
            } else {
                level1.append(KnownKeys.key(indicators[i].level1))
            }
            if i > 0, Keys.sameBytes(indicators[i - 1].level2, indicators[i].level2) {
                level2.append(level2[i - 1])
            } else {
                level2.append(KnownKeys.key(indicators[i].level2))
            }
        }
        self.level1 = level1
        self.level2 = level2
    }
}
