import Fluent
import Foundation

/// One 抽查 draw: the year, the size rule (`SpotCheckDraw.Size.recorded`), the seed (a UInt64 as text:
/// PostgreSQL has no unsigned 64-bit type) and the population drawn from (table ids as a JSON array), so
/// `SpotCheckDraw.draw(population, rule, seed)` repeats it exactly.
final class SpotCheckRecord: Model, @unchecked Sendable {
    static let schema = "spot_checks"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "year") var year: Int?
    @Field(key: "rule") var rule: String
    @Field(key: "seed") var seed: String
    @Field(key: "population") var population: String
    /// The org path of the finance bureau that drew (its tables are the population).
    @Field(key: "scope_path") var scopePath: String
    @Field(key: "drawn_by") var drawnBy: UUID
    @Field(key: "drawn_by_name") var drawnByName: String
    @Field(key: "drawn_at") var drawnAt: Date

    init() {}
}

/// A table drawn, in draw order, with finance's conclusion once recorded.
final class SpotCheckItemRecord: Model, @unchecked Sendable {
    static let schema = "spot_check_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "spot_check_id") var spotCheckID: UUID
    @Field(key: "table_id") var tableID: UUID
    @Field(key: "position") var position: Int
    /// 合格 / 基本合格 / 不合格.
    @OptionalField(key: "result") var result: String?
    @OptionalField(key: "opinion") var opinion: String?
    @OptionalField(key: "reviewed_by_name") var reviewedByName: String?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?

    init() {}
}
