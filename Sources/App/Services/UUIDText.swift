import Foundation
import GoalCore

extension UUID {
    /// `uuidString` (upper-case hex, 8-4-4-4-12), written by table look-up. The table page makes some
    /// twenty links and cache keys from its id, and Foundation formats each through `snprintf`: `vfprintf`
    /// and its helpers fell from 1.8 % to 0.4 % of the page's samples under `wrk` (`perf`).
    var text: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var k = 0
                HexDigits.upper.withUnsafeBufferPointer { hex in
                    for (i, b) in bytes.enumerated() {
                        if i == 4 || i == 6 || i == 8 || i == 10 { out[k] = UInt8(ascii: "-"); k += 1 }
                        out[k] = hex[Int(b >> 4)]
                        out[k + 1] = hex[Int(b & 0x0F)]
                        k += 2
                    }
                }
                return k
            }
        }
    }
}
