extension ImportNote {
    /// What an importer saw and did, one case per situation, with what the message names: the
    /// cell's text, the line, the level, the count. Tests and analytics match the case or its
    /// `rawCode`, never the Chinese text; `message` renders the words users read.
    ///
    /// Texts passed in are as the message shows them (already shortened where the importer
    /// shortens a long cell). Lines are 1-based, as printed.
    public enum Code: Sendable, Hashable {
        // MARK: tables, lines and columns (the text reader)

        /// A table with a title and header block but no indicator rows, kept as a header-only table.
        case headerOnlyTable(line: Int, title: String)
        /// A header with no indicator rows and too little else to be a table: not imported.
        case tableWithoutIndicators(line: Int, title: String)
        /// More lines outside any header or grid than are noted one by one.
        case moreLinesSkipped(count: Int)
        /// A line outside any header or grid.
        case lineSkipped(line: Int, text: String)
        /// No year printed: taken from the filing date (from September on, the next year).
        case yearFromFilingDate(line: Int, date: String, year: Int, nextYear: Bool)
        /// A self-evaluation without a year whose text names one year only.
        case yearFromText(line: Int, year: Int, mentionedOn: Int)
        /// A 年度主要任务 content printed after another task's name, put under the name its words fit.
        case taskContentMoved(line: Int, printedAfter: String, movedTo: String)
        /// Columns separated by spaces (copied from a PDF): cells cut at spaces, placed by content.
        case spaceSeparatedColumns
        /// The rows' breaks were lost (one cell per line, or cells glued): rows rebuilt from the heading.
        case rowBreaksLost
        /// The file was read in an encoding other than UTF-8.
        case encoding(name: String)
        /// A name wrapped onto two lines, joined.
        case nameWrapped(line: Int, nextLine: Int, first: String, second: String, joined: String)
        /// The 填表说明 after the table, recognised and skipped.
        case guidanceSkipped(line: Int)
        /// The heading of the grid printed over two lines, read as one.
        case headingOnTwoLines(line: Int, lastLine: Int)
        /// No heading before the first indicator row: the columns recognised from the cells' content.
        case columnsByContent(line: Int)
        /// A header-block money label whose value is no amount.
        case amountNotNumber(line: Int, label: String, text: String)
        /// A heading printed one cell per line, read so.
        case verticalHeading(line: Int)
        /// The 预算执行 row without points: 10 assumed.
        case executionWeightDefault(line: Int)

        // MARK: indicator rows

        /// A 合计/总分 row, not an indicator.
        case totalRow(line: Int, text: String)
        /// A self-evaluation row printing two figures only: read as 分值 and 得分.
        case twoFiguresAsWeightAndScore(line: Int, first: String, second: String)
        /// A cell (1-based position in the row) that fits no column.
        case cellUnplaced(line: Int, position: Int, text: String)
        /// A lone figure under a row without a weight: that row's weight, wrapped.
        case weightOnNextLine(line: Int, text: String)
        /// A row with fields but no 三级指标 name: dropped.
        case rowWithoutName(line: Int, text: String)
        /// Cells moved to the columns their content belongs to (`moves`: "“95%”→指标值"…).
        case cellsRealigned(line: Int, moves: [String])
        /// An empty 一级 inferred from the 二级.
        case level1Inferred(line: Int, level2: String, inferred: String)
        /// An empty 一级 where the carried-down one has no such 二级: inferred from the 二级.
        case level1InferredNotCarried(line: Int, carried: String, level2: String, inferred: String)
        /// A level name (`level`: 一级 or 二级) with a wrap's space inside, read without it.
        case levelNameWrapSpace(line: Int, level: String, printed: String, read: String)
        /// A level name with a number or points around it, read without them.
        case levelNameCleaned(line: Int, level: String, printed: String, read: String)
        /// `指标1:` and the like before a name, removed.
        case templatePrefixRemoved(line: Int, printed: String, read: String)
        /// A template row marked not applicable (`指标1:/ / /`), not an indicator.
        case templateRowNotApplicable(line: Int, text: String)
        /// A common indicator of the provincial form given its 二级 from the taxonomy.
        case commonIndicatorLevel2(line: Int, name: String, level2: String)
        /// A row without a 三级指标 name, its other columns read.
        case nameMissing(line: Int)
        /// The unit written in the name, read as the unit.
        case unitInName(line: Int, unit: String)
        /// A named row without a target.
        case valueMissing(line: Int, name: String)
        /// A 分值 that is not a number.
        case weightNotNumber(line: Int, text: String)
        /// A rate's actual over 100% with a leading `2`: OCR's `≥`.
        case actualAtLeastMisread(line: Int, name: String, printed: String, read: String)
        /// A 指标值类型 that is no operator: the type taken from the target.
        case typeUnknown(line: Int, text: String)
        /// A rate's target over 100% with a leading `2`: OCR's `≥`.
        case targetAtLeastMisread(line: Int, name: String, printed: String, read: String)
        /// A bare figure with no operator, read as `=`.
        case targetWithoutOperator(line: Int, text: String)
        /// An empty 一级 filled back from its group (merged cells printed mid-group).
        case level1FilledBack(line: Int, level1: String)
        /// Empty 一级 and 二级 filled from the row below (merged cells printed mid-group).
        case levelsFilledFromBelow(line: Int, sourceLine: Int, level1: String, level2: String)
        /// An empty 二级 filled back from its group (merged cells printed mid-group).
        case level2FilledBack(line: Int, level2: String)
        /// A vertical (one cell per line) row repeating an indicator read before.
        case verticalRowDuplicate(line: Int, lastLine: Int, name: String, firstLine: Int)
        /// A vertical (one cell per line) row joined into one.
        case verticalRowJoined(line: Int, lastLine: Int)
        /// A name repeating an indicator read before.
        case nameDuplicate(line: Int, name: String, firstLine: Int)
        /// A name-like cell with no target after it.
        case nameWithoutValue(line: Int, text: String)

        // MARK: explanations

        /// An explanation defining `X` (`X=…`) where no row `X` exists: removed from its row.
        case definitionOfMissingIndicator(line: Int, row: String, defined: String)
        /// A definition of an indicator that has an explanation already: not moved.
        case definitionTargetExplained(line: Int, defined: String)
        /// A definition moved to the indicator it defines.
        case definitionMoved(line: Int, defined: String, toLine: Int)
        /// Text on a 二级 label row, given to the next row.
        case level2RowTextToNext(line: Int, name: String, toLine: Int)
        /// The explanation template of an indicator group, not any indicator's.
        case groupTemplateText(line: Int, text: String)
        /// An explanation of `X` where no row `X` exists.
        case explanationOfMissingIndicator(line: Int, name: String)
        /// A loose paragraph given to the indicator whose name it repeats.
        case explanationByContent(line: Int, name: String, toLine: Int)
        /// A loose paragraph right after an indicator without an explanation, given to it.
        case explanationFollowing(line: Int, name: String)
        /// A loose paragraph no indicator can take.
        case looseText(line: Int, text: String)

        // MARK: header printed by a PDF

        /// Header labels followed by another set of labels: their values not read.
        case headerLabelsBeforeLabels(line: Int, labels: [String])
        /// Header labels followed by text that fits none of them: their values not read.
        case headerLabelsWithoutValues(line: Int, labels: [String], text: String)
        /// Labels and values interleaved, paired in order (`pairs`: "单位名称：…").
        case headerInterleaved(line: Int, pairs: [String])
        /// Texts after the header that are no label's value.
        case headerTextUnplaced(line: Int, count: Int)

        // MARK: tables whose row breaks were lost (the stream reader)

        /// A heading's column word printed between indicator rows.
        case headingWordBetweenRows(line: Int, text: String)
        /// The template's `指标1` with its figure misread, not filled in.
        case templateIndicatorMisread(line: Int, text: String)
        /// A 一级 printed right before a 三级 under another 一级: read as the 二级.
        case level1ReadAsLevel2(line: Int, text: String, level1: String)
        /// A 一级 over no row, followed by a 二级 that is not its own: the 一级 inferred.
        case level1WithoutIndicators(line: Int, level1: String, level2: String)
        /// `是`/`否` glued before the next name: the previous row's yes/no column.
        case yesNoGlued(line: Int, text: String, answer: String)
        /// A dash printed in an empty cell.
        case dashInEmptyCell(line: Int, text: String)
        /// A weight glued to a target that the actual repeats (`415万元` before `15万元`).
        case weightAndTargetGlued(line: Int, text: String, weight: String, target: String)
        /// A weight and its full score glued (`1010`).
        case weightAndScoreGlued(line: Int, text: String, points: String)
        /// Target, actual and score glued (`6620`: 6, 6, 20).
        case targetActualScoreGlued(line: Int, text: String, figure: String, points: String)
        /// Debris between a 一级 over no row and the 二级 after it.
        case textBetweenLevels(line: Int, text: String)
        /// A unit glued after a name (`控制率%`).
        case unitGluedToName(line: Int, text: String, unit: String)
        /// A target cell OCR could not read, between the unit column and the next figure
        /// (`次数次到0次`: the name, `次`, then `到0次`), kept as printed.
        case unreadableTargetAfterUnit(line: Int, text: String, unit: String, target: String)
        /// Letters OCR made of the unit column, glued after a name (`数量tot扁` before `2200篇`).
        case unreadableUnitAfterName(line: Int, text: String, unit: String)
        /// A cell that fits no column of the rebuilt row.
        case streamCellUnplaced(line: Int, text: String)
        /// A figure every row prints in a column (得分系数 `100%`), moved to that column.
        case constantColumnMoved(line: Int, text: String, column: String, printedAs: String)
        /// An empty template row (`指标2`).
        case templateEmptyRow(line: Int, text: String)
        /// A target in words glued to the name's end (`…影响长远`).
        case targetGluedToName(line: Int, text: String, target: String)
        /// A vertical label's characters out of order inside a glued cell.
        case verticalLabelScrambled(line: Int, text: String, printed: String, read: String)
        /// A level name with one character misread right before its points (`顼目产出(30分)`).
        case levelNameMisread(line: Int, text: String, read: String)
        /// A level name with one character read as a letter.
        case levelNameLetter(line: Int, text: String, printed: String, read: String)
        /// `二` before a bare figure: OCR's `=`.
        case equalSignMisread(line: Int, text: String, figure: String)
        /// One cell wrapped into two, joined.
        case cellWrapJoined(line: Int, lastLine: Int, first: String, second: String, joined: String)
        /// A level name split from its `指标` by a wrap, joined.
        case levelWordSplit(line: Int, lastLine: Int, text: String)
        /// A heading whose characters are out of order (`考值参分`).
        case headingScrambled(line: Int, text: String, read: String)
        /// A page number left by a page break, dropped.
        case pageNumberDropped(line: Int, text: String)
        /// A figure cut by a page break, joined again.
        case figureSplitByPage(line: Int, start: String, previous: String)
        /// Spaces a wrap left inside cells, removed (noted once).
        case wrapSpacesRemoved(line: Int, sample: String)

        // MARK: workbooks

        /// A hidden sheet, not read.
        case hiddenSheet(sheet: String)
        /// Hidden rows (1-based), not read.
        case hiddenRows(sheet: String, rows: [Int])
        /// Hidden columns (`B列`…), not read.
        case hiddenColumns(sheet: String, columns: [String])
        /// A monitoring form read for its goals only.
        case monitoringFormGoalsOnly(sheet: String)

        // MARK: monitoring forms

        /// A monitoring row without a 三级指标.
        case monitoringRowWithoutName(line: Int, text: String)
        /// No monitoring period (`1-7月执行数`) found.
        case monitoringPeriodMissing
        /// A budget figure that is not a number.
        case budgetNotNumber(item: String, heading: String, text: String)
        /// A printed 执行率 that differs from the computed one.
        case executionRateRecomputed(item: String, printed: String, computed: String)
        /// A printed 执行率 that is no percentage.
        case executionRateNotPercent(item: String, printed: String)
        /// A monitoring form's target without an operator, read as `=`.
        case monitoringTargetWithoutOperator(text: String)
        /// A monitoring form's empty target.
        case monitoringTargetEmpty(name: String)
        /// Several likelihoods ticked.
        case likelihoodTickedSeveral(name: String, ticked: [String])
        /// A mark that is no tick.
        case notATick(heading: String, text: String)
        /// A qualitative indicator's value that is none of the three levels.
        case qualitativeValueNotLevel(name: String, heading: String, text: String)
        /// A qualitative indicator's value that is a number.
        case qualitativeValueIsNumber(name: String, target: String, heading: String, text: String)
        /// A value that is not a number: no light.
        case monitoringValueNotNumber(name: String, heading: String, text: String)
        /// A percentage where the target is not one (`unit`: the target's unit, if any).
        case monitoringValuePercent(name: String, heading: String, text: String, target: String, unit: String?)
        /// A value in a unit the target's cannot be compared with.
        case monitoringValueUnit(name: String, heading: String, text: String, target: String)
        /// An interchange table (0-based) without monitoring data.
        case tableWithoutMonitoring(table: Int)

        /// A note made outside the importers, or read back from JSON: its code (`other` for a note
        /// written before notes had codes), kind and message as given.
        case other(code: String, kind: ImportNote.Kind, message: String)
    }
}

extension ImportNote.Code {
    // Each of these three builds the code's message (`parts`): code that has a note reads the note's kept
    // `kind`, `rawCode` and `message` instead (asking the code per note was 5 % of a large 导入预览).

    /// The stable identifier written in JSON beside the message (`level1-inferred`).
    public var rawCode: String { parts.code }

    public var kind: ImportNote.Kind { parts.kind }

    /// The one line of Chinese users read.
    public var message: String { parts.message }

    /// Repairs where the importer supplied what the source did not print (an empty 一级指标 read from its
    /// 二级): a person must confirm them, so the checker shows them as warnings rather than hints.
    static let guessCodes: Set<String> = ["level1-inferred", "level1-inferred-not-carried", "level1-without-indicators"]

    /// One case, its code, its kind and its words, together: one line each, read as a table (not reformatted).
    // swift-format-ignore
    var parts: (code: String, kind: ImportNote.Kind, message: String) {
        switch self {
        case .headerOnlyTable(let line, let title):
            return ("header-only-table", .unreadable, "第\(line)行起的“\(title)”没有读到任何指标行（指标可能尚未填写），已作为只有表头的表导入。")
        case .tableWithoutIndicators(let line, let title):
            return ("table-without-indicators", .unreadable, "第\(line)行起的“\(title)”有表头，但没有读到任何指标行，未作为一张表导入。")
        case .moreLinesSkipped(let count):
            return ("more-lines-skipped", .skipped, "另有 \(count) 行不属于表头或指标，未读取。")
        case .lineSkipped(let line, let text):
            return ("line-skipped", .skipped, "第\(line)行“\(text)”不属于表头或指标，未读取。")
        case .yearFromFilingDate(let line, let date, let year, let nextYear):
            let why = nextYear ? "9 月起填报的是下一年度的目标" : "当年 1–8 月填报的是当年的目标"
            return ("year-from-filing-date", .repaired, "第\(line)行起的表没有印年度，已按填报日期 \(date) 取 \(year) 年度（\(why)），请核对。")
        case .yearFromText(let line, let year, let mentionedOn):
            return ("year-from-text", .repaired, "第\(line)行起的自评表没有印年度，表中文字只提到 \(year) 年（第\(mentionedOn)行），按 \(year) 年度读取，请核对。")
        case .taskContentMoved(let line, let printedAfter, let movedTo):
            return ("task-content-moved", .repaired, "第\(line)行年度主要任务的内容错位：印在“\(printedAfter)”之后的内容按文字归入“\(movedTo)”。")
        case .spaceSeparatedColumns:
            return ("space-separated-columns", .repaired, "表格各列以空格分隔（如从 PDF 复制），已按空格切分单元格、按内容归入各列；合并单元格处请核对。")
        case .rowBreaksLost:
            return ("row-breaks-lost", .repaired, "表格的行界已丢失（每格一行或多格粘连成一行），已按表头各列与单元格内容重新分行读取；请核对各行。")
        case .encoding(let name):
            return ("encoding", .repaired, "文件为 \(name) 编码，已按该编码读取。")
        case .nameWrapped(let line, let nextLine, let first, let second, let joined):
            return ("name-wrapped", .repaired, "第\(line)、\(nextLine)行的“\(first)”“\(second)”是换行拆开的一个指标名称，已合并为“\(joined)”。")
        case .guidanceSkipped(let line):
            return ("guidance-skipped", .skipped, "第\(line)行起是表后的填表说明，已识别，不作为指标读取。")
        case .headingOnTwoLines(let line, let lastLine):
            return ("heading-on-two-lines", .repaired, "第\(line)–\(lastLine)行的表头占两行，已合并读取。")
        case .columnsByContent(let line):
            return ("columns-by-content", .repaired, "第\(line)行前没有找到指标表头（一级指标、三级指标、指标值…），已按单元格内容识别各列。")
        case .amountNotNumber(let line, let label, let text):
            return ("amount-not-number", .unreadable, "第\(line)行\(label)“\(text)”不是金额数字，未读取。")
        case .verticalHeading(let line):
            return ("vertical-heading", .repaired, "第\(line)行起的表头每格占一行，已按每行一个单元格读取。")
        case .executionWeightDefault(let line):
            return ("execution-weight-default", .repaired, "第\(line)行预算执行没有分值，按10分计。")

        case .totalRow(let line, let text):
            return ("total-row", .skipped, "第\(line)行是“\(text)”行（合计分数），不是指标，未作为指标读取。")
        case .twoFiguresAsWeightAndScore(let line, let first, let second):
            return ("two-figures-as-weight-and-score", .repaired, "第\(line)行只印了两个数“\(first)”“\(second)”，自评表每行都有分值和得分，已读作分值和得分（指标值、实际完成值为空），请核对。")
        case .cellUnplaced(let line, let position, let text):
            return ("cell-unplaced", .unreadable, "第\(line)行第\(position)格“\(text)”无法归入任何一列，未读取。")
        case .weightOnNextLine(let line, let text):
            return ("weight-on-next-line", .repaired, "第\(line)行只有“\(text)”，是上一行换行到下一行的分值/权重，已归入上一行。")
        case .rowWithoutName(let line, let text):
            return ("row-without-name", .unreadable, "第\(line)行只有“\(text)”，没有三级指标名称，无法确定属于哪个指标，未录入。")
        case .cellsRealigned(let line, let moves):
            return ("cells-realigned", .repaired, "第\(line)行单元格错位，已按内容对齐：\(moves.prefix(4).joined(separator: "，"))\(moves.count > 4 ? "等" : "")。")
        case .level1Inferred(let line, let level2, let inferred):
            return ("level1-inferred", .repaired, "第\(line)行一级指标为空，按二级指标“\(level2)”推定为“\(inferred)”。")
        case .level1InferredNotCarried(let line, let carried, let level2, let inferred):
            return ("level1-inferred-not-carried", .repaired, "第\(line)行一级指标为空，上方的“\(carried)”下没有二级指标“\(level2)”，按二级指标推定为“\(inferred)”。")
        case .levelNameWrapSpace(let line, let level, let printed, let read):
            return ("level-name-wrap-space", .repaired, "第\(line)行\(level)指标“\(printed)”含换行留下的空格，读作“\(read)”。")
        case .levelNameCleaned(let line, let level, let printed, let read):
            return ("level-name-cleaned", .repaired, "第\(line)行\(level)指标“\(printed)”去掉序号或分值，读作“\(read)”。")
        case .templatePrefixRemoved(let line, let printed, let read):
            return ("template-prefix-removed", .repaired, "第\(line)行指标名称“\(printed)”去掉模板序号，读作“\(read)”。")
        case .templateRowNotApplicable(let line, let text):
            return ("template-row-not-applicable", .skipped, "第\(line)行“\(text)”是标明不适用的模板行，不是指标，未录入。")
        case .commonIndicatorLevel2(let line, let name, let level2):
            return ("common-indicator-level2", .repaired, "第\(line)行“\(name)”是共性指标，二级指标按指标体系定为“\(level2)”（表中未印出）。")
        case .nameMissing(let line):
            return ("name-missing", .unreadable, "第\(line)行没有三级指标名称（其余各列已读取），请补填。")
        case .unitInName(let line, let unit):
            return ("unit-in-name", .repaired, "第\(line)行计量单位写在指标名称里，已读作“\(unit)”。")
        case .valueMissing(let line, let name):
            return ("value-missing", .unreadable, "第\(line)行“\(name)”没有指标值（该行可能被截断），请补填。")
        case .weightNotNumber(let line, let text):
            return ("weight-not-number", .unreadable, "第\(line)行分值“\(text)”不是数字，未读取。")
        case .actualAtLeastMisread(let line, let name, let printed, let read):
            return ("actual-at-least-misread", .repaired, "第\(line)行“\(name)”是比率，实际完成值“\(printed)”不可能超过100%，开头的“2”是识别错的“≥”，按“\(read)”读取，请核对。")
        case .typeUnknown(let line, let text):
            return ("type-unknown", .unreadable, "第\(line)行指标值类型“\(text)”不是 ≥ > = ≤ < 或 定性，已按指标值判断。")
        case .targetAtLeastMisread(let line, let name, let printed, let read):
            return ("target-at-least-misread", .repaired, "第\(line)行“\(name)”是比率，指标值“\(printed)”不可能超过100%，开头的“2”是识别错的“≥”，按“\(read)”读取，请核对。")
        case .targetWithoutOperator(let line, let text):
            return ("target-without-operator", .repaired, "第\(line)行指标值“\(text)”未写比较符号，按“=”读取，请核对。")
        case .level1FilledBack(let line, let level1):
            return ("level1-filled-back", .repaired, "第\(line)行一级指标为空（合并单元格只在组中间印出），按本组的“\(level1)”补全。")
        case .levelsFilledFromBelow(let line, let sourceLine, let level1, let level2):
            return ("levels-filled-from-below", .repaired, "第\(line)行一级、二级指标为空（合并单元格只在组中间印出），按下方第\(sourceLine)行的“\(level1)”“\(level2)”补全。")
        case .level2FilledBack(let line, let level2):
            return ("level2-filled-back", .repaired, "第\(line)行二级指标为空（合并单元格只在组中间印出），按本组的“\(level2)”补全。")
        case .verticalRowDuplicate(let line, let lastLine, let name, let firstLine):
            return ("vertical-row-duplicate", .skipped, "第\(line)–\(lastLine)行的“\(name)”与第\(firstLine)行重复，未重复录入。")
        case .verticalRowJoined(let line, let lastLine):
            return ("vertical-row-joined", .repaired, "第\(line)–\(lastLine)行的指标每格占一行（竖排），已合并为一行读取。")
        case .nameDuplicate(let line, let name, let firstLine):
            return ("name-duplicate", .skipped, "第\(line)行“\(name)”重复了第\(firstLine)行的指标名称，未重复录入。")
        case .nameWithoutValue(let line, let text):
            return ("name-without-value", .unreadable, "第\(line)行“\(text)”像是指标名称，但找不到它的指标值，未录入。")

        case .definitionOfMissingIndicator(let line, let row, let defined):
            return ("definition-of-missing-indicator", .unreadable, "第\(line)行“\(row)”的指标解释是“\(defined)”的定义，表中找不到“\(defined)”这一行（可能丢失），已从本行移除。")
        case .definitionTargetExplained(let line, let defined):
            return ("definition-target-explained", .unreadable, "第\(line)行的文字是“\(defined)”的定义，但该指标已有解释，未移动。")
        case .definitionMoved(let line, let defined, let toLine):
            return ("definition-moved", .repaired, "第\(line)行的指标解释是“\(defined)”的定义，已移到该指标（第\(toLine)行）。")
        case .level2RowTextToNext(let line, let name, let toLine):
            return ("level2-row-text-to-next", .repaired, "第\(line)行（二级指标行）上的说明文字归入下一行指标“\(name)”（第\(toLine)行）。")
        case .groupTemplateText(let line, let text):
            return ("group-template-text", .skipped, "第\(line)行是指标组的说明模板（“\(text)”），不是某个指标的解释，未录入。")
        case .explanationOfMissingIndicator(let line, let name):
            return ("explanation-of-missing-indicator", .unreadable, "第\(line)行是“\(name)”的指标说明，但表中找不到“\(name)”这一行（可能在转换中丢失），未录入。")
        case .explanationByContent(let line, let name, let toLine):
            return ("explanation-by-content", .repaired, "第\(line)行的说明文字按内容归入指标“\(name)”（第\(toLine)行）的指标解释。")
        case .explanationFollowing(let line, let name):
            return ("explanation-following", .repaired, "第\(line)行的说明文字紧跟指标“\(name)”，已作为其指标解释。")
        case .looseText(let line, let text):
            return ("loose-text", .unreadable, "第\(line)行的文字“\(text)”无法归入任何指标，未录入。")

        case .headerLabelsBeforeLabels(let line, let labels):
            return ("header-labels-before-labels", .unreadable, "第\(line)行的表头标签“\(labels.joined(separator: "”“"))”后面是另一组表头，未读取这些标签的值。")
        case .headerLabelsWithoutValues(let line, let labels, let text):
            return ("header-labels-without-values", .unreadable, "第\(line)行的表头标签“\(labels.joined(separator: "”“"))”后面的“\(text)”不像它们的值，未读取这些标签的值。")
        case .headerInterleaved(let line, let pairs):
            return ("header-interleaved", .repaired, "第\(line)行起表头的标签与取值交错排列（如从 PDF 提取），已按顺序配对：\(pairs.joined(separator: "；"))。请核对。")
        case .headerTextUnplaced(_, let count):
            return ("header-text-unplaced", .skipped, "表头后另有 \(count) 段文字不是任何标签的值，未读取。")

        case .headingWordBetweenRows(let line, let text):
            return ("heading-word-between-rows", .skipped, "第\(line)行“\(text)”是表头的栏目名，印在指标行之间，未读取。")
        case .templateIndicatorMisread(let line, let text):
            return ("template-indicator-misread", .skipped, "第\(line)行“\(text)”是表样的“指标1”（识别错一字），未填写，未作为指标读取。")
        case .level1ReadAsLevel2(let line, let text, let level1):
            return ("level1-read-as-level2", .repaired, "第\(line)行“\(text)”印在“\(level1)”之下、紧接三级指标，按二级指标读取。")
        case .level1WithoutIndicators(let line, let level1, let level2):
            return ("level1-without-indicators", .repaired, "第\(line)行一级指标“\(level1)”下没有指标，其后的二级指标“\(level2)”不属于它，按二级指标推定一级指标。")
        case .yesNoGlued(let line, let text, let answer):
            return ("yes-no-glued", .repaired, "第\(line)行“\(text)”开头的“\(answer)”属于上一行的是否列，其余是下一行的指标名称。")
        case .dashInEmptyCell(let line, let text):
            return ("dash-in-empty-cell", .repaired, "第\(line)行“\(text)”是空单元格里的横线，该格按空读取。")
        case .weightAndTargetGlued(let line, let text, let weight, let target):
            return ("weight-and-target-glued", .repaired, "第\(line)行“\(text)”是粘连的分值与指标值（其后实际值同为“\(target)”），读作分值\(weight)、指标值\(target)。")
        case .weightAndScoreGlued(let line, let text, let points):
            return ("weight-and-score-glued", .repaired, "第\(line)行“\(text)”是粘连的分值与得分，读作分值\(points)、得分\(points)。")
        case .targetActualScoreGlued(let line, let text, let figure, let points):
            return ("target-actual-score-glued", .repaired, "第\(line)行“\(text)”是粘连的指标值、实际完成值与得分，读作\(figure)、\(figure)、\(points)。")
        case .textBetweenLevels(let line, let text):
            return ("text-between-levels", .unreadable, "第\(line)行“\(text)”夹在一级指标与二级指标之间，不属于任何一列，未读取。")
        case .unitGluedToName(let line, let text, let unit):
            return ("unit-glued-to-name", .repaired, "第\(line)行“\(text)”末尾的“\(unit)”是粘在名称后的计量单位。")
        case .unreadableTargetAfterUnit(let line, let text, let unit, let target):
            return (
                "unreadable-target-after-unit", .repaired,
                "第\(line)行“\(text)”：名称后的“\(unit)”是计量单位列，其后的指标值“\(target)”识别不清，照原文保留，请核对原表。"
            )
        case .unreadableUnitAfterName(let line, let text, let unit):
            return (
                "unreadable-unit-after-name", .repaired,
                "第\(line)行“\(text)”末尾的“\(unit)”是识别不清的计量单位列，不计入名称，请核对原表。"
            )
        case .streamCellUnplaced(let line, let text):
            return ("stream-cell-unplaced", .unreadable, "第\(line)行“\(text)”不属于任何一列，未读取。")
        case .constantColumnMoved(let line, let text, let column, let printedAs):
            return ("constant-column-moved", .repaired, "第\(line)行“\(text)”是每行都印的\(column)，不是\(printedAs)，已归入该列。")
        case .templateEmptyRow(let line, let text):
            return ("template-empty-row", .skipped, "第\(line)行“\(text)”是表样留下的空行，未作为指标读取。")
        case .targetGluedToName(let line, let text, let target):
            return ("target-glued-to-name", .repaired, "第\(line)行“\(text)”末尾的“\(target)”是粘在名称后的定性指标值。")
        case .verticalLabelScrambled(let line, let text, let printed, let read):
            return ("vertical-label-scrambled", .repaired, "第\(line)行“\(text)”中的“\(printed)”是“\(read)”的字序错乱（竖排标签识别所致），按“\(read)”读取。")
        case .levelNameMisread(let line, let text, let read):
            return ("level-name-misread", .repaired, "第\(line)行“\(text)”后印有分值，是指标层级名称“\(read)”印错了一个字（识别所致），按“\(read)”读取。")
        case .levelNameLetter(let line, let text, let printed, let read):
            return ("level-name-letter", .repaired, "第\(line)行“\(text)”开头的“\(printed)”是指标层级名称“\(read)”（一字识别为字母），按“\(read)”读取。")
        case .equalSignMisread(let line, let text, let figure):
            return ("equal-sign-misread", .repaired, "第\(line)行“\(text)”末尾的“二”是识别错的“=”（其后的“\(figure)”没有比较符号），按“=\(figure)”读取。")
        case .cellWrapJoined(let line, let lastLine, let first, let second, let joined):
            return ("cell-wrap-joined", .repaired, "第\(line)–\(lastLine)行“\(first)”与“\(second)”是一个单元格换行所分，已合为“\(joined)”。")
        case .levelWordSplit(let line, let lastLine, let text):
            return ("level-word-split", .repaired, "第\(line)–\(lastLine)行“\(text)”与下一格开头的“指标”是一个被换行拆开的名称，已合为“\(text)指标”。")
        case .headingScrambled(let line, let text, let read):
            return ("heading-scrambled", .repaired, "第\(line)行表头“\(text)”是“\(read)”的字序错乱（识别或复制所致），按“\(read)”读取。")
        case .pageNumberDropped(let line, let text):
            return ("page-number-dropped", .repaired, "第\(line)行开头的“\(text)”是分页留下的页码，已去掉。")
        case .figureSplitByPage(let line, let start, let previous):
            return ("figure-split-by-page", .repaired, "第\(line)行开头的“\(start)”接着上一行末尾的“\(previous)”，是被分页拆开的一个数。")
        case .wrapSpacesRemoved(let line, let sample):
            return ("wrap-spaces-removed", .repaired, "第\(line)行单元格内有换行留下的空格（如“\(sample)”），已去掉。")

        case .hiddenSheet(let sheet):
            return ("hidden-sheet", .skipped, "工作表“\(sheet)”是隐藏的，未读取（如需导入，请先取消隐藏）。")
        case .hiddenRows(let sheet, let rows):
            let list = rows.prefix(10).map { "第\($0)行" }.joined(separator: "、") + (rows.count > 10 ? "等\(rows.count)行" : "")
            return ("hidden-rows", .skipped, "工作表“\(sheet)”的\(list)是隐藏行，未读取（打印的表上也看不到）；如需导入，请取消隐藏。")
        case .hiddenColumns(let sheet, let columns):
            return ("hidden-columns", .skipped, "工作表“\(sheet)”的\(columns.joined(separator: "、"))是隐藏列，未读取；如需导入，请取消隐藏。")
        case .monitoringFormGoalsOnly(let sheet):
            return ("monitoring-form-goals-only", .skipped, "工作表“\(sheet)”是执行监控表：已读取其中的目标（指标和年度指标值），执行数、偏差原因等监控数据未作为目标导入（用 jixiao monitor 读取）。")

        case .monitoringRowWithoutName(let line, let text):
            return ("monitoring-row-without-name", .skipped, "第\(line)行没有三级指标，未读取：“\(text)”")
        case .monitoringPeriodMissing:
            return ("monitoring-period-missing", .unreadable, "没有读到监控期间（如“1-7月执行数”），请在导入时指定月份。")
        case .budgetNotNumber(let item, let heading, let text):
            return ("budget-not-number", .unreadable, "\(item)的\(heading)“\(text)”不是数字，未读取。")
        case .executionRateRecomputed(let item, let printed, let computed):
            return ("execution-rate-recomputed", .repaired, "\(item)的执行率印为“\(printed)”，按执行数 ÷ 预算数应为 \(computed)%，以计算为准。")
        case .executionRateNotPercent(let item, let printed):
            return ("execution-rate-not-percent", .unreadable, "\(item)的执行率“\(printed)”不是百分数，执行率按执行数 ÷ 预算数计算。")
        case .monitoringTargetWithoutOperator(let text):
            return ("monitoring-target-without-operator", .repaired, "年度指标值“\(text)”没有写 ≥、≤ 等符号，按“=”读取，请核对。")
        case .monitoringTargetEmpty(let name):
            return ("monitoring-target-empty", .unreadable, "“\(name)”的年度指标值为空。")
        case .likelihoodTickedSeveral(let name, let ticked):
            return ("likelihood-ticked-several", .unreadable, "“\(name)”的完成目标可能性勾选了\(ticked.joined(separator: "、"))多项，未读取，请只勾选一项。")
        case .notATick(let heading, let text):
            return ("not-a-tick", .unreadable, "“\(heading)”列的“\(text)”不是勾选标记（✔），未当作勾选。")
        case .qualitativeValueNotLevel(let name, let heading, let text):
            return ("qualitative-value-not-level", .unreadable, "“\(name)”是定性指标，\(heading)“\(text)”不是 达成目标 / 部分达成目标并具有一定效果 / 未达成目标且效果较差 之一，原样保留。")
        case .qualitativeValueIsNumber(let name, let target, let heading, let text):
            return ("qualitative-value-is-number", .unreadable, "“\(name)”是定性指标（年度指标值“\(target)”），\(heading)却是数字“\(text)”，原样保留。")
        case .monitoringValueNotNumber(let name, let heading, let text):
            return ("monitoring-value-not-number", .unreadable, "“\(name)”的\(heading)“\(text)”不是数字，原样保留，无法计算预警灯。")
        case .monitoringValuePercent(let name, let heading, let text, let target, let unit):
            return ("monitoring-value-percent", .unreadable, "“\(name)”的\(heading)是百分数“\(text)”，年度指标值“\(target)”\(unit.map { "的单位是“\($0)”" } ?? "不是百分数")，原样保留。")
        case .monitoringValueUnit(let name, let heading, let text, let target):
            return ("monitoring-value-unit", .unreadable, "“\(name)”的\(heading)“\(text)”与年度指标值“\(target)”单位不同，原样保留。")
        case .tableWithoutMonitoring(let table):
            return ("table-without-monitoring", .skipped, "第\(table + 1)张表没有 monitoring（监控数据），未读取。")

        case .other(let code, let kind, let message):
            return (code, kind, message)
        }
    }
}

extension ImportNote {
    /// Whether this note is such a guess (`Code.guessCodes`): by its code (also when read back from JSON
    /// as `other`), or, for a note made outside the importers, by its words.
    public var isGuess: Bool {
        if Code.guessCodes.contains(rawCode) { return true }
        guard case .other(_, _, let message) = code else { return false }
        return ["推定", "推断", "推测"].contains { message.contains($0) }
    }
}
