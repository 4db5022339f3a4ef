import GoalCore

/// What the rules need to know about one indicator row, worked out once: normalised keys, the parsed
/// target, the name as scalars and the categories the row falls in. A class so that handing a row to
/// each rule costs one reference count, not a copy of a dozen fields.
final class Row {
    let index: Int
    /// The table's indicators, shared by all its rows (one reference each), for the rules that read
    /// a cell the row does not keep. Reading `indicators[i]` copies the whole indicator (a dozen
    /// strings retained, then released): the cells the rules read on every row are kept below.
    private let indicators: [Indicator]
    var indicator: Indicator { indicators[index] }
    let type: Comparison
    let weight: Double?
    /// The 一级 and 二级 cells as written.
    let level1: String
    let level2: String
    let lastYear: String?
    /// The 佐证资料 cell holds something (`present`).
    let hasEvidence: Bool
    let name: String
    let nameText: Scalars
    let level1Key: Key
    let level2Key: Key
    /// The target's number: nil for a 定性 row or a value that is no number.
    let number: Double?
    /// The value cell, trimmed.
    let value: String
    /// The written unit, trimmed; nil when empty or a placeholder such as `-`.
    let unit: String?
    let measure: MeasureUnit?
    let dimension: MeasureUnit.Dimension?
    let explanation: String?
    let scoring: String?
    /// A bare 二级 label rendered as a row: no 三级 name and no value.
    let isLabelOnly: Bool
    let isCost: Bool
    let isSatisfaction: Bool
    /// The name holds a lower-is-better word (投诉, 差错, 事故…).
    let isLowerBetter: Bool
    /// The name measures a rate (…率) or the target is in %.
    let isRate: Bool

    /// `previous` is the row above: merged cells repeat the same unit down the table, so its measure
    /// is reused when the text is byte-for-byte the same, and its `isCost` when the level keys are.
    /// The level keys come from `LevelKeys`.
    /// `indicators` is the table's array; `cells` the same indicators borrowed in place, so that
    /// each cell is read without copying its indicator.
    init(
        index: Int, of indicators: [Indicator], cells: UnsafeBufferPointer<Indicator>, level1Key: Key, level2Key: Key,
        rules: CompiledProfile, previous: Row? = nil
    ) {
        self.index = index
        self.indicators = indicators
        type = cells[index].type
        weight = cells[index].weight
        level1 = cells[index].level1
        level2 = cells[index].level2
        lastYear = cells[index].lastYear
        hasEvidence = Row.present(cells[index].evidence) != nil
        name = Keys.trim(cells[index].name)
        nameText = Scalars(name)
        self.level1Key = level1Key
        self.level2Key = level2Key
        unit = Row.present(cells[index].unit)
        let value = Keys.trim(cells[index].value)
        self.value = value
        // The common cell (a plain number beside its type and unit, or 定性 text) is read directly;
        // anything else goes through the general parser once. Only the number is kept: the rules
        // read nothing else of the parsed target.
        if type == .qualitative {
            number = nil
        } else if let n = QuickNumber.parse(value) {
            number = n
        } else {
            number = cells[index].target.number
        }
        if let u = unit, let p = previous, let pu = p.unit, let pm = p.measure, Keys.sameBytes(pu, u) {
            measure = pm; dimension = p.dimension
        } else if let u = unit {
            let info = UnitTable.info(u)
            measure = info.measure; dimension = info.dimension
        } else {
            measure = nil; dimension = nil
        }
        explanation = Row.present(cells[index].explanation)
        scoring = Row.present(cells[index].scoring)
        isLabelOnly = name.isEmpty && value.isEmpty
        // merged cells: the row above with the same keys (the same arrays, from `LevelKeys`) has the answer
        if let p = previous, p.level1Key == level1Key, p.level2Key == level2Key {
            isCost = p.isCost
        } else {
            isCost = Scalars(values: level1Key).contains(Words.costKey) || Scalars(values: level2Key).contains(Words.costKey)
        }
        isLowerBetter = rules.lowerIsBetter.matches(nameText)
        isSatisfaction = (rules.satisfaction.matches(nameText) && !isLowerBetter) || level1Key == Words.satisfactionKey
        isRate = nameText.contains(Row.rateChar) || dimension == .ratio
    }

    static let rateChar: [UInt32] = ["率".unicodeScalars.first!.value]

    /// The name's subject words, for matching it with the 总体目标; made when first asked for.
    private(set) lazy var nameBigrams: [UInt64] = nameText.bigramList()
    /// Set by the taxonomy rule: the 一级/二级 pair is allowed. The row below with the same pair
    /// (merged cells) reuses the verdict.
    var pairAllowed = false
    /// Compared by their bytes, not hashed into a set: no other text is canonically equivalent to these
    /// (none of their characters is the decomposition of another), so byte equality is String equality.
    private static let placeholders: [String] = ["-", "—", "－", "/", "无", "——", "--"]

    /// The placeholders' first bytes: a short cell starting otherwise (人, %, 万元…) is compared with none.
    private static let placeholderFirstBytes: [UInt8] = placeholders.compactMap(\.utf8.first)

    /// A cell's text, or nil when it is empty or only a placeholder (`-`, `—`, `/`, `无`).
    static func present(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = Keys.trim(s)
        if t.isEmpty { return nil }
        if t.utf8.count <= 6, let first = t.utf8.first, placeholderFirstBytes.contains(first),
            placeholders.contains(where: { Keys.sameBytes($0, t) })
        {
            return nil
        }
        return t
    }

    /// The name and the 二级 as messages show them (`Display.clip`), made once for the row's first
    /// finding: a row with findings usually has several, and each names its place.
    private(set) lazy var shownName: String =
        // `Display.clip(name)`, told from the scalars at hand: a short clean name (nearly all) is shown
        // as it is, being trimmed already
        nameText.count <= 30 && !nameText.v.contains(where: Display.isInvisible) ? name : Display.clip(name)
    private(set) lazy var shownLevel2: String = Display.clip(level2, 16)
    /// `TableCheck.place(_:)` of this row, kept by it after the first finding.
    var place: String?

    var isQuantitative: Bool { type.isQuantitative }

    /// The target as users wrote it: `≥95%`, `=12次`, `有效提高`.
    var targetText: String {
        Indicator.targetText(
            type: type, value: Display.clip(type == .qualitative ? indicator.value : value, 20), unit: unit)
    }
}

/// `MeasureUnit`s of the units tables use most, built once: reading a unit is a scalar scan and a
/// hash of integers instead of the general unit parser on every row.
enum UnitTable {
    struct Info { let measure: MeasureUnit; let dimension: MeasureUnit.Dimension }

    private static let common: [Key: Info] = {
        let units = [
            "%", "人", "万人", "次", "万次", "人次", "万人次", "元", "万元", "亿元", "个", "项", "户", "万户",
            "天", "日", "月", "年", "小时", "工作日", "件", "家", "所", "只", "台", "套", "份", "场", "期",
            "元/人", "元/人/月", "元/人/年", "万元/次", "元/次", "万元/人", "平方米", "公里", "亩", "吨", "批次", "名",
        ]
        var d: [Key: Info] = [:]
        for u in units { let m = MeasureUnit(u); d[u.unicodeScalars.map(\.value)] = Info(measure: m, dimension: m.dimension) }
        return d
    }()

    /// The entries of `common` of up to three scalars (nearly every unit written), keyed by `packed`:
    /// hashing one integer instead of an array made the look-up several times cheaper.
    private static let short: [UInt64: Info] = {
        var d: [UInt64: Info] = [:]
        for (k, info) in common { if let p = packed(Scalars(values: k)) { d[p] = info } }
        return d
    }()

    /// Up to three scalars in one integer, 21 bits each; each is stored plus one so that no field is
    /// zero and texts of different lengths never share a code. Nil for longer texts.
    static func packed(_ s: Scalars) -> UInt64? {
        guard s.count <= 3 else { return nil }
        return s.v.reduce(0) { $0 << 21 | UInt64($1 + 1) }
    }

    /// `packed(Scalars(text))`, read from the text without making its scalar array.
    static func packed(_ text: String) -> UInt64? {
        var code: UInt64 = 0, count = 0
        Scalars.forEach(in: text) { v in
            count += 1
            if count <= 3 { code = code << 21 | UInt64(v + 1) }
        }
        return count <= 3 ? code : nil
    }

    static func info(_ unit: String) -> Info {
        // the short unit nearly every row writes is found without an array of its scalars
        if let p = packed(unit) {
            if let i = short[p] { return i }
        } else if let i = common[Scalars(unit).v] {
            return i
        }
        let m = MeasureUnit(unit)
        return Info(measure: m, dimension: m.dimension)
    }

    static func measure(_ unit: String) -> MeasureUnit { info(unit).measure }

    static let tenThousandYuan = MeasureUnit("万元")
}

/// How texts from the table appear inside messages: short, one line, no control characters.
enum Display {
    /// At most `limit` scalars; control and direction-override characters become one space.
    static func clip(_ s: String, _ limit: Int = 30) -> String {
        // The usual cell is short and clean: hand it back as it is. One pass counts the scalars and
        // looks for invisible ones together, over the UTF-8 bytes when the string has them at hand
        // (every place names its row this way: the scalar view cost several times as much).
        let (count, clean) = s.utf8.withContiguousStorageIfAvailable(countVisible) ?? countVisible(s)
        if clean && (s.utf8.count <= limit || count <= limit) {
            return Keys.trim(s)
        }
        var out = String.UnicodeScalarView()
        var n = 0
        var lastWasSpace = false
        for u in s.unicodeScalars {
            if n == limit { out.append("…"); break }
            if isInvisible(u.value) {
                if !lastWasSpace { out.append(" "); lastWasSpace = true }
            } else {
                out.append(u); lastWasSpace = false
            }
            n += 1
        }
        return Keys.trim(String(out))
    }

    /// The number of scalars in valid UTF-8 and whether none of them `isInvisible`, read from the bytes:
    /// a scalar is counted at each byte that is no continuation byte, and the invisible ones are
    /// recognised by their encodings (ASCII controls; C2 80–9F; E2 80 A8–AE; E2 81 A6–A9).
    private static func countVisible(_ b: UnsafeBufferPointer<UInt8>) -> (count: Int, clean: Bool) {
        // from lead byte to lead byte: one step per scalar, not one per byte
        var count = 0
        var i = 0
        while i < b.count {
            let byte = b[i]
            count += 1
            if byte < 0x80 {
                if byte < 0x20 || byte == 0x7F { return (count, false) }
                i += 1
            } else if byte < 0xE0 {
                if byte == 0xC2, i + 1 < b.count, b[i + 1] <= 0x9F { return (count, false) }
                i += 2
            } else if byte < 0xF0 {
                if byte == 0xE2, i + 2 < b.count, isInvisible(UTF8Ends.decode(b, at: i, lead: byte)) { return (count, false) }
                i += 3
            } else {
                i += 4
            }
        }
        return (count, true)
    }

    /// `countVisible` by the scalar view, for a string without contiguous UTF-8.
    private static func countVisible(_ s: String) -> (count: Int, clean: Bool) {
        var count = 0
        for u in s.unicodeScalars {
            if isInvisible(u.value) { return (count, false) }
            count += 1
        }
        return (count, true)
    }

    static func isInvisible(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// `45.5`, `100`, `0.42`: at most two decimals, no trailing zeros. Swift's shortest round-trip
    /// printing of the rounded value gives exactly that, without Foundation's `String(format:)`.
    static func number(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return TextNormalizer.format(v, decimals: 2) }
        if v.rounded() == v { return String(Int64(v)) }
        let r = (v * 100).rounded() / 100
        return r.rounded() == r ? String(Int64(r)) : "\(r)"
    }
}
