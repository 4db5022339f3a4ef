/// A message assembled as UTF-8 bytes and made a String once at the end. Appending to a String
/// checks capacity, uniqueness and its ASCII/NFC flags on every piece (hundreds of instructions
/// each), which made writing a finding's place cost more than the rules that found it.
struct TextBuilder {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ s: String) {
        let copied: Void? = s.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if copied == nil { bytes.append(contentsOf: s.utf8) }
    }

    /// Bytes of valid UTF-8 kept from another builder.
    mutating func append(bytes more: [UInt8]) { bytes.append(contentsOf: more) }

    /// An integer in decimal digits, as `"\(n)"` writes it (row and table numbers: the digits are
    /// written straight into the bytes).
    mutating func append(_ n: Int) {
        guard n >= 0 && n < 1_000_000_000 else { return append(String(n)) }
        var width = 1, power = 10
        while power <= n { width += 1; power *= 10 }
        let end = bytes.count + width
        bytes.append(contentsOf: repeatElement(0x30, count: width))
        var rest = n, k = end - 1
        while rest > 0 {
            bytes[k] = UInt8(0x30 + rest % 10)
            rest /= 10; k -= 1
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
