import GoalCore
import Testing

@testable import GoalIO

/// A field is declared once (`IndicatorField`); the importer's column headings come from there, so every
/// heading Jixiao prints — on screen, on the printed form, in .xlsx and CSV — reads back as its field.
@Suite("每个栏目的表头只声明一次，导入按它识别")
struct FieldHeadingTests {
    @Test("every heading a form of each kind prints is read back as that field", arguments: TableKind.allCases)
    func printedHeadingsReadBack(kind: TableKind) {
        for field in IndicatorField.stored {
            let heading = field.label(for: kind)
            #expect(field.headings.contains { TextNormalizer.labelKey($0) == TextNormalizer.labelKey(heading) }, "\(heading)")
            #expect(FormVocabulary.column(forHeading: heading) == .field(field), "\(kind) \(heading)")
        }
    }

    @Test("the importer knows each field by all of its headings, and 得分 only for reference")
    func everyHeadingIsKnown() {
        for field in IndicatorField.stored {
            for heading in field.headings {
                #expect(FormVocabulary.column(forHeading: heading) == .field(field), "\(heading)")
            }
        }
        #expect(FormVocabulary.column(forHeading: "得分") == .printedScore)
        #expect(FormVocabulary.column(forHeading: "指标值类型") == .field(.type))
        #expect(FormVocabulary.column(forHeading: "*评（扣）分标准") == .field(.scoring))
    }
}
