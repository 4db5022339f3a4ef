/// The 64-bit FNV-1a hash, fed one value at a time: a cheap code for short keys where a `Hasher`
/// combining each element cost more than the look-up it served (level-name keys, run hashes of text).
/// Not a defence against chosen collisions: used where a match is confirmed afterwards, or to pick
/// a bucket that `Hasher` then hashes again.
public struct FNV1a {
    @usableFromInline var code: UInt64 = 0xCBF2_9CE4_8422_2325

    /// The hash of what was added.
    @inlinable public var value: UInt64 { code }

    @inlinable public init() {}

    @inlinable @inline(__always)
    public mutating func add(_ v: UInt64) { code = (code ^ v) &* 0x100_0000_01B3 }
}
