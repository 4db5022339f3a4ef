import Foundation

/// The links of one OPC part (`_rels/*.rels`): how a workbook finds its sheets and a package its
/// main document.
struct Relationships {
    struct Relationship {
        var id: String
        var type: String
        /// The target resolved to a part name inside the package (no leading slash).
        var target: String
        var isExternal: Bool
    }

    private(set) var all: [Relationship] = []
    /// By id as well: a workbook of 20,000 sheets looks each one up at once, not through the whole list.
    private var byID: [String: Int] = [:]

    subscript(id: String) -> Relationship? { byID[id].map { all[$0] } }

    /// The first of a repeated id wins, as a linear search would find it.
    mutating func add(_ r: Relationship) {
        if byID[r.id] == nil { byID[r.id] = all.count }
        all.append(r)
    }

    /// The first relationship whose type ends with the given name, e.g. `/officeDocument`.
    func first(ofType suffix: String) -> Relationship? { all.first { $0.type.hasSuffix(suffix) } }

    /// Reads the relationships of `sourcePart` (e.g. `xl/workbook.xml`, or "" for the package).
    static func read(for sourcePart: String, in package: ZipPackage) throws -> Relationships {
        let directory = sourcePart.split(separator: "/", omittingEmptySubsequences: true).dropLast().joined(separator: "/")
        let file = sourcePart.split(separator: "/").last.map(String.init) ?? ""
        let relsPath = (directory.isEmpty ? "" : directory + "/") + "_rels/" + file + ".rels"
        guard let data = try package.readIfPresent(relsPath) else { return Relationships() }
        return try data.scanXML(part: relsPath) { scanner in
            var result = Relationships()
            while true {
                switch try scanner.next() {
                case .eof: return result
                case .start where scanner.nameIs("Relationship"):
                    let external = scanner.attribute("TargetMode") == "External"
                    let target = scanner.attribute("Target") ?? ""
                    result.add(
                        Relationship(
                            id: scanner.attribute("Id") ?? "",
                            type: scanner.attribute("Type") ?? "",
                            target: external ? target : resolve(target, from: directory),
                            isExternal: external))
                default: break
                }
            }
        }
    }

    /// Resolves a target such as `worksheets/sheet1.xml`, `../media/a.png` or the absolute
    /// `/xl/worksheets/sheet1.xml` against the source part's directory.
    static func resolve(_ target: String, from directory: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : directory.split(separator: "/")
        for piece in target.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(piece)
            }
        }
        return parts.joined(separator: "/").removingPercentEncoding ?? parts.joined(separator: "/")
    }
}
