import GoalCore

/// The keys of the level names the built-in profiles list (产出指标, 数量指标, their accepted aliases…),
/// made once for the process. Nearly every table writes its 一级 and 二级 cells with these very names:
/// finding one by its bytes (a short hash, one comparison) costs a fraction of making its key again,
/// which allocated an array for every run of merged cells of every table.
enum KnownKeys {
    private struct Entry {
        let bytes: [UInt8]
        let key: Key
    }

    /// Entries by `code(_:) & mask`: bucket b is `entries[starts[b]..<starts[b + 1]]`.
    private static let mask = 255
    private static let (entries, starts): ([Entry], [Int]) = {
        var texts = Set<String>()
        for p in Profile.builtIn {
            for g in p.taxonomy.groups {
                texts.insert(g.level1)
                texts.formUnion(g.level2)
            }
            texts.formUnion(p.check.level2Aliases.keys)
        }
        var buckets = [[Entry]](repeating: [], count: mask + 1)
        for t in texts.sorted() {
            let bytes = Array(t.utf8)
            let code = bytes.withUnsafeBufferPointer { Self.code($0) }
            buckets[code & mask].append(Entry(bytes: bytes, key: Keys.key(t)))
        }
        var starts = [0]
        for b in buckets { starts.append(starts.last! + b.count) }
        return (buckets.flatMap { $0 }, starts)
    }()

    /// FNV-1a of the bytes, folded to an Int.
    private static func code(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var h = FNV1a()
        for byte in b { h.add(UInt64(byte)) }
        return Int(truncatingIfNeeded: h.value ^ (h.value >> 32))
    }

    /// `Keys.key(text)`: the key made once when the text is one of the known names, made now otherwise.
    static func key(_ text: String) -> Key {
        let known: Key?? = text.utf8.withContiguousStorageIfAvailable { b in
            let bucket = code(b) & mask
            for e in starts[bucket]..<starts[bucket + 1] where same(entries[e].bytes, b) {
                return entries[e].key
            }
            return nil
        }
        return (known ?? nil) ?? Keys.key(text)
    }

    /// Whether the bytes are equal, compared over both buffers (the generic `elementsEqual` walked
    /// two iterators and cost more than the look-up).
    private static func same(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBufferPointer { a in
            for i in 0..<a.count where a[i] != b[i] { return false }
            return true
        }
    }
}
