import Foundation
@testable import OfficeXML

/// A workbook like the ones users print: a Chinese title merged across the table, a two-row
/// merged header, a bordered grid, A4 landscape fitted to width, a frozen header, a dropdown,
/// and a second sheet and a hidden one.
enum SampleWorkbook {
    static let title = "2025年度项目支出绩效目标表"
    static let header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成日期"]
    static let rows: [[CellValue]] = [
        [
            .string("产出指标"), .string("数量指标"), .string("培训人次"), .string("≥"), .number(1200), .string("人次"),
            .date(CellDate(year: 2025, month: 12, day: 12)),
        ],
        [
            .string("产出指标"), .string("质量指标"), .string("培训合格率"), .string("≥"), .number(0.955), .string("%"),
            .date(CellDate(year: 2025, month: 6, day: 30)),
        ],
        [
            .string("效益指标"), .string("社会效益指标"), .string("带动就业\n（含返乡人员）"), .string("定性"), .string("明显提升"),
            .empty, .empty,
        ],
        [
            .string("满意度指标"), .string("服务对象满意度指标"), .string("参训人员满意度 <95> & \"良好\""), .string("≥"),
            .number(95), .string("%"), .bool(true),
        ],
    ]

    static func make() throws -> XLSXWriter {
        var writer = XLSXWriter()
        let titleStyle = writer.addStyle(
            CellStyle(
                font: FontStyle(name: "黑体", size: 16, bold: true),
                horizontalAlignment: .center, verticalAlignment: .center))
        let headerStyle = writer.addStyle(
            CellStyle(
                font: FontStyle(name: "黑体", size: 11, bold: true), fillColor: "D9E1F2",
                border: .thin, horizontalAlignment: .center, verticalAlignment: .center,
                wrapText: true))
        let cellStyle = writer.addStyle(CellStyle(border: .thin, verticalAlignment: .center, wrapText: true))
        let percentStyle = writer.addStyle(CellStyle(border: .thin, horizontalAlignment: .right, numberFormat: "0.0%"))
        let dateStyle = writer.addStyle(CellStyle(border: .thin, numberFormat: "yyyy\"年\"m\"月\"d\"日\""))

        var sheet = WorksheetDraft(name: "项目支出")
        sheet.merge(try CellRange("A1:G1"), value: .string(title), style: titleStyle)
        sheet.rowHeights[1] = 32
        sheet.merge(try CellRange("A2:C2"), value: .string("绩效指标"), style: headerStyle)
        sheet.merge(try CellRange("D2:G2"), value: .string("指标值及完成时间"), style: headerStyle)
        for (offset, text) in header.enumerated() {
            sheet.set(text, row: 3, column: offset + 1, style: headerStyle)
        }
        for (rowOffset, values) in rows.enumerated() {
            for (columnOffset, value) in values.enumerated() {
                let style: StyleID
                if rowOffset == 1, columnOffset == 4 {
                    style = percentStyle
                } else if case .date = value {
                    style = dateStyle
                } else {
                    style = cellStyle
                }
                sheet.set(value, row: 4 + rowOffset, column: columnOffset + 1, style: style)
            }
        }
        // Text with control characters pasted from elsewhere must not break the file.
        sheet.set("备注\u{0001}：数据来源于\u{000B}统计年报", row: 9, column: 1)
        sheet.merge(try CellRange("A4:A5"), value: .string("产出指标"), style: cellStyle)
        sheet.columnWidths = [1: 14, 2: 18, 3: 30, 4: 10, 5: 12, 6: 10, 7: 18]
        sheet.frozenRows = 3
        sheet.printTitleRows = 2...3
        sheet.pageSetup = .a4LandscapeFitToWidth
        sheet.validations = [
            DataValidation(
                range: try CellRange("D4:D40"), source: .list(["≥", "≤", "=", "定性"]),
                errorMessage: "请从下拉列表中选择指标性质")
        ]
        try writer.addSheet(sheet)

        var second = WorksheetDraft(name: "说明")
        second.set("第二张表", row: 1, column: 1)
        second.set(3.25, row: 2, column: 2)
        second.hiddenRows = [3]
        second.set("隐藏行", row: 3, column: 1)
        try writer.addSheet(second)

        var lists = WorksheetDraft(name: "选项", visibility: .hidden)
        lists.set("是", row: 1, column: 1)
        lists.set("否", row: 2, column: 1)
        try writer.addSheet(lists)
        return writer
    }
}
