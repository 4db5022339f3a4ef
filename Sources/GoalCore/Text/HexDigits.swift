/// The sixteen hexadecimal digits as UTF-8 bytes, for the writers that format bytes by table look-up
/// (ids in links, token hashes, `\u00XX` escapes): one table, not one per writer.
public enum HexDigits {
    public static let lower: [UInt8] = Array("0123456789abcdef".utf8)
    public static let upper: [UInt8] = Array("0123456789ABCDEF".utf8)
}
