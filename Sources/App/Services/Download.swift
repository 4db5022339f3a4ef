import Foundation
import Vapor

extension Response {
    /// A file to save (or, `inline`, to open in the browser): its Chinese name in `filename*` (RFC 5987), which
    /// every current browser uses, and a plain ASCII `filename` for the few that do not.
    static func download(_ body: Data, name: String, asciiName: String, contentType: String, inline: Bool = false) -> Response {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? asciiName
        return Response(
            status: .ok,
            headers: [
                "Content-Type": contentType,
                "Content-Disposition":
                    "\(inline ? "inline" : "attachment"); filename=\"\(asciiName)\"; filename*=UTF-8''\(encoded)",
            ], body: .init(data: body))
    }
}
