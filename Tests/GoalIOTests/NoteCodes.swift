import GoalCore

extension [ImportNote] {
    /// Whether a note of this code (`level1-inferred`) is among them: tests match which note appeared
    /// by its code, and the wording only where the wording is what they test.
    func has(_ rawCode: String) -> Bool { contains { $0.rawCode == rawCode } }

    /// The notes of one code.
    func coded(_ rawCode: String) -> [ImportNote] { filter { $0.rawCode == rawCode } }
}
