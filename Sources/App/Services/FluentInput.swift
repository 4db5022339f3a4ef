import Fluent

/// A model's values as Fluent inserts them, for writing many rows in one statement with the times the
/// caller gives: Fluent's own batch create stamps each row's `created_at`/`updated_at` in a task of its
/// own, so rows made in order got their times in no order (and a unit's imported drafts listed shuffled).
final class FluentInput: DatabaseInput {
    private(set) var values: [FieldKey: DatabaseQuery.Value] = [:]

    func set(_ value: DatabaseQuery.Value, at key: FieldKey) { values[key] = value }

    static func values(of model: some Model) -> [FieldKey: DatabaseQuery.Value] {
        let input = FluentInput()
        model.input(to: input)
        return input.values
    }
}
