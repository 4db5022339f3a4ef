import Foundation
import GoalCharts
import GoalMonitoring
import GoalScoring
import GoalWorkflow

/// The 总览 as a page and as a workbook: the figures of `OverviewStore` turned into charts (`GoalCharts`),
/// each with its table, each bar or point linking to the 首页 filtered to the tables behind it.
struct OverviewPage: Encodable {
    var title = "总览"
    var year: Int?
    var scopeName: String
    var filter: PageContext.HomeFilter
    var cards: [Card]
    var sections: [SectionView]
    var notStarted: [String]
    var notStartedMore: Bool
    var deviations: [DeviationRow]
    var comparison: ComparisonView?
    /// The 投入管理 table's HTML.
    var input: String?
    var exportLink: String
    var printLink: String
    var printView: Bool

    struct Card: Encodable { var label: String; var value: String; var note: String?; var link: String? }
    /// A section's charts, for the workbook and the page.
    struct Section { var id: String; var heading: String; var lead: String?; var charts: [RenderedChart] }
    /// A section as the template shows it: each chart's SVG and its table's HTML (`ChartTable.html`).
    struct SectionView: Encodable { var id: String; var heading: String; var lead: String?; var charts: [ChartView] }
    struct ChartView: Encodable {
        var title: String; var svg: String; var table: String
        init(_ c: RenderedChart) { title = c.title; svg = c.svg; table = c.table.html() }
    }
    struct DeviationRow: Encodable {
        var unit: String; var table: String; var link: String; var indicator: String
        var target: String; var actual: String; var percent: String
    }
    struct ComparisonView: Encodable { var indicator: String; var chart: ChartView; var table: String }

    /// 未启动的单位: the store asks one more than it counts, so past the count the card says “个以上”.
    static func notStartedCard(_ found: Int) -> Card {
        let counted = OverviewStore.notStartedCounted
        return found > counted
            ? .init(label: "未启动的单位", value: String(counted), note: "个以上", link: "#not-started")
            : .init(label: "未启动的单位", value: String(found), note: "个", link: "#not-started")
    }

    /// The page for `f` as `user` sees it: what `OverviewController.page` answers and the benchmark times.
    init(
        _ f: Figures, facets: TableListFacets, user: CurrentUser, links: (export: String, print: String), printView: Bool
    ) {
        var filter = PageContext.HomeFilter(query: f.query, facets: facets, action: SitePath.overview.path)
        filter.canMine = user.role != .admin
        let p = f.progress
        year = f.query.year
        scopeName = user.organisationName
        self.filter = filter
        cards = [
            .init(label: "目标表", value: String(p.total), note: "张", link: Self.link(f.query) { _ in }),
            .init(
                label: "已批复", value: String(p.totals[.approved] ?? 0),
                note: p.total == 0 ? nil : Self.percent(Double(p.totals[.approved] ?? 0) / Double(p.total) * 100),
                link: Self.link(f.query) { $0.state = .approved }),
            .init(
                label: "无错误的表", value: Self.percent(f.quality.errorFreeShare), note: "\(f.quality.errorFree) 张", link: nil),
            Self.notStartedCard(f.notStarted.count),
            .init(
                label: "退回", value: String(f.returns.reduce(0) { $0 + $1.times }),
                note: "次，\(f.returns.reduce(0) { $0 + $1.tables }) 张表", link: nil),
            .init(label: "逾期未报", value: String(f.overdue.reduce(0) { $0 + $1.entries }), note: "份", link: "#monitoring"),
        ]
        sections = Self.sections(f).map {
            SectionView(id: $0.id, heading: $0.heading, lead: $0.lead, charts: $0.charts.map(ChartView.init))
        }
        notStarted = Array(f.notStarted.prefix(200))
        notStartedMore = f.notStarted.count > 200
        deviations = Self.deviationRows(f.deviations)
        comparison = f.comparison.map { c in
            let (chart, table) = Self.comparison(c, query: f.query)
            return ComparisonView(indicator: c.indicator, chart: ChartView(chart), table: table.html())
        }
        input = f.input?.table.html()
        exportLink = links.export
        printLink = links.print
        self.printView = printView
    }

    /// How many units the per-unit charts draw (most tables still on their way first); the workbook has all.
    static let unitsDrawn = 15
    /// How many tables the page's scatter draws, lowest 得分率 first: beyond a few hundred points a scatter
    /// is a blot, and each point is a link the page must carry. The workbook lists more.
    static let pointsDrawn = 300
    static let pointsExported = 5000

    struct Figures: Sendable {
        var query: TableListQuery
        var progress: OverviewStore.Progress
        var notStarted: [String]
        var returns: [OverviewStore.Returns]
        var quality: OverviewStore.Quality
        var evaluation: OverviewStore.Evaluation
        var deviations: [OverviewStore.Deviation]
        var lights: (periods: [Int], units: [OverviewStore.UnitLights])
        /// 逾期未报 per unit, most first.
        var overdue: [OverviewStore.Overdue] = []
        /// 执行率 against 序时进度 of the latest monitoring period; nil when the year has none.
        var budget: OverviewStore.BudgetProgress? = nil
        var comparison: OverviewStore.Comparison?
        var input: InputIndicators?
    }

    /// The 首页 with this filter and `change` on top of it.
    static func link(_ query: TableListQuery, _ change: (inout TableListQuery) -> Void) -> String {
        var q = query
        q.page = 1
        change(&q)
        return q.link(page: 1)
    }

    static func percent(_ v: Double?) -> String { v.map { SVGText.number($0) + "%" } ?? "—" }

    /// Every chart of the page, in its order: the page's sections and the workbook's sheets come from here.
    static func sections(_ f: Figures, unitsDrawn: Int = OverviewPage.unitsDrawn) -> [Section] {
        let q = f.query
        let steps = OverviewStore.Step.allCases
        let stepLink: (OverviewStore.Step, String?) -> String? = { step, unit in
            guard let state = step.listState else { return unit.map { u in link(q) { $0.unit = u } } }
            return link(q) {
                $0.state = state; if let unit { $0.unit = unit }
            }
        }
        let byStep = BarChart(
            title: "各环节目标表数", valueHeading: "张数",
            bars: steps.map { .init($0.label, Double(f.progress.totals[$0] ?? 0), link: stepLink($0, nil)) }
        ).render()
        let perUnit = StackedBarChart(
            title: Self.mostFirst("各单位进度", "未批复最多", f.progress.units.count, unitsDrawn), series: steps.map(\.label),
            rows: f.progress.units.prefix(unitsDrawn).map { u in
                .init(
                    u.unit, values: steps.map { Double(u.counts[$0] ?? 0) }, links: steps.map { stepLink($0, u.unit) },
                    link: link(q) { $0.unit = u.unit })
            }
        ).render()
        let returned = BarChart(
            title: "退回次数（按单位）", valueHeading: "退回次数",
            bars: f.returns.prefix(unitsDrawn).map { r in .init(r.unit, Double(r.times), link: link(q) { $0.unit = r.unit }) }
        ).render()

        let rules = BarChart(
            title: "检查发现最多的规则（涉及表数）", valueHeading: "表数",
            bars: f.quality.rules.prefix(10).map { r in
                .init("\(r.rule.code) \(r.rule.title)", Double(r.tables), link: link(q) { $0.rule = r.rule.code })
            }
        ).render()
        let topRules = f.quality.rules.prefix(6).map(\.rule)
        let worstUnits = f.quality.units.filter { !$0.byRule.isEmpty }
            .sorted { ($0.byRule.values.reduce(0, +), $1.unit) > ($1.byRule.values.reduce(0, +), $0.unit) }.prefix(unitsDrawn)
        let ruleMatrix = LightMatrix(
            title: "规则 × 单位（涉及表数）", columns: topRules.map(\.code),
            rows: worstUnits.map { u in
                .init(
                    u.unit,
                    cells: topRules.map { rule in
                        let n = u.byRule[rule.code] ?? 0
                        return n == 0
                            ? .init(.green, "0")
                            : .init(
                                rule.severity == .error ? .red : .amber, String(n),
                                link: link(q) {
                                    $0.unit = u.unit; $0.rule = rule.code
                                })
                    }, link: link(q) { $0.unit = u.unit })
            }
        ).render()

        let grades = BarChart(
            title: "自评等级分布", valueHeading: "张数",
            bars: Grade.allCases.map { g in .init(g.rawValue, Double(f.evaluation.grades[g] ?? 0), link: link(q) { $0.grade = g })
            }
        ).render()
        let histogram = Histogram(
            title: "自评得分分布（得分率 %）",
            bins: f.evaluation.bins.indices.map { i in
                let edges = OverviewStore.Evaluation.binEdges
                return Histogram.Bin(lower: edges[i], upper: edges[i + 1], count: f.evaluation.bins[i])
            }
        ).render()
        let scatter = ScatterChart(
            title: f.evaluation.points.count < f.evaluation.pointsInAll
                ? "预算执行率与自评得分率（共 \(f.evaluation.pointsInAll) 张，图中为得分率最低的 \(f.evaluation.points.count) 张）"
                : "预算执行率与自评得分率", xLabel: "执行率（%）", yLabel: "得分率（%）",
            points: f.evaluation.points.map { p in
                .init("\(p.unit) \(p.name)", x: p.executionRate, y: p.percent, link: SitePath.table(.value(p.id)).path)
            }, xReference: 90, yReference: 90
        ).render()

        let periods = f.lights.periods
        let lightMatrix = LightMatrix(
            title: "运行监控预警灯（单位 × 监控期，取最严重的灯）", columns: periods.map { "\($0)月" },
            rows: f.lights.units.prefix(unitsDrawn * 2).map { u in
                .init(
                    u.unit,
                    cells: periods.map { period in
                        guard let counts = u.periods[period], !counts.isEmpty else { return .empty }
                        let worst = Light.worst(counts.keys)
                        let text = counts.sorted { $0.key.severity > $1.key.severity }.map { "\($0.key.rawValue)\($0.value)" }
                            .joined(separator: " ")
                        return .init(
                            Self.tone(worst), text,
                            link: link(q) {
                                $0.unit = u.unit; $0.light = ListLight(worst)
                            })
                    }, link: link(q) { $0.unit = u.unit })
            }
        ).render()

        let overdue = BarChart(
            title: Self.mostFirst("逾期未报的监控表", "逾期最多", f.overdue.count, unitsDrawn), valueHeading: "逾期份数",
            bars: f.overdue.prefix(unitsDrawn).map { o in .init(o.unit, Double(o.entries), link: link(q) { $0.unit = o.unit }) }
        ).render()

        return [
            Section(
                id: "progress", heading: "填报进度", lead: "每张表只计在一个环节；调整中是尚未批复的调整。", charts: [byStep, perUnit, returned]),
            Section(
                id: "quality", heading: "审核质量",
                lead: "无错误的表占 \(percent(f.quality.errorFreeShare))（\(f.quality.errorFree) / \(f.quality.tables) 张）。",
                charts: [rules, ruleMatrix]),
            Section(
                id: "evaluation", heading: "绩效自评", lead: "已批复且已填实际完成值的表；虚线为 90%。",
                charts: [grades, histogram, scatter]),
            Section(
                id: "monitoring", heading: "运行监控",
                lead: periods.isEmpty
                    ? "本年度尚无监控记录。"
                    : "逾期未报：仍在填报中且已过截止日期的监控表。执行率 = 1-N月执行数 ÷ 全年预算数（未调整的按年初预算数），表数为已填执行数的监控表。",
                charts: [lightMatrix, overdue, budget(f.budget, query: q, unitsDrawn: unitsDrawn)]),
        ]
    }

    /// 执行率 against 序时进度 of the latest monitoring period: the units furthest behind first, with a table
    /// of each unit's average, the 序时进度 and the gap (percentage points).
    static func budget(_ b: OverviewStore.BudgetProgress?, query q: TableListQuery, unitsDrawn: Int) -> RenderedChart {
        let units = b?.units ?? [], progress = b?.timeProgress ?? 0
        let period = b.map { MonitoringWorkflow.periodLabel($0.period) } ?? ""
        let title =
            b == nil
            ? "预算执行率与序时进度"
            : units.isEmpty
                ? "\(period)预算执行率（序时进度 \(percent(progress))，尚无单位填写执行数）"
                : "\(period)预算执行率（各单位平均，序时进度 \(percent(progress))，执行率最低的 \(min(unitsDrawn, units.count)) 个单位）"
        let unitLink = { (unit: String) in link(q) { $0.unit = unit } }
        var chart = BarChart(
            title: title, valueHeading: "平均执行率（%）",
            bars: units.prefix(unitsDrawn).map { .init($0.unit, $0.averageRate, link: unitLink($0.unit)) }, decimals: 2
        ).render()
        chart.table = ChartTable(
            caption: title, headers: ["单位", "监控期", "表数", "平均执行率（%）", "序时进度（%）", "差距（百分点）"],
            rows: units.map { u in
                [
                    ChartTable.Cell(u.unit, link: unitLink(u.unit)), .init(period), .value(Double(u.tables), decimals: 0),
                    .value(u.averageRate, decimals: 2), .value(progress, decimals: 2),
                    .value(OverviewStore.rounded(u.averageRate - progress), decimals: 2),
                ]
            })
        return chart
    }

    /// "逾期未报的监控表（逾期最多的 15 个单位）" when some units are left out, "（按单位）" when every unit is drawn
    /// or there is none (never "最多的 0 个单位").
    static func mostFirst(_ title: String, _ most: String, _ units: Int, _ drawn: Int) -> String {
        units > drawn ? "\(title)（\(most)的 \(drawn) 个单位，共 \(units) 个）" : "\(title)（按单位）"
    }

    static func tone(_ light: Light) -> Tone {
        switch light {
        case .red: return .red
        case .yellow: return .amber
        case .green: return .green
        case .blue: return .blue
        case .undetermined: return .none
        }
    }

    static func comparison(_ c: OverviewStore.Comparison, query: TableListQuery) -> (chart: RenderedChart, table: ChartTable) {
        // the chart draws the units furthest behind (lowest actual first); the table under it lists every unit
        let measured = c.units.filter { $0.actual != nil }.sorted { ($0.actual!, $0.unit) < ($1.actual!, $1.unit) }
        let drawn = measured.prefix(unitsDrawn * 2)
        let chart = BarChart(
            title: drawn.count < measured.count
                ? "“\(c.indicator)”实际完成值最低的 \(drawn.count) 个单位（共 \(measured.count) 个，\(c.year)年度）"
                : "“\(c.indicator)”各单位实际完成值（\(c.year)年度）",
            valueHeading: "实际完成值",
            bars: drawn.map { u in .init(u.unit, u.actual!, link: link(query) { $0.unit = u.unit }) },
            decimals: 2
        ).render()
        let table = ChartTable(
            caption: "“\(c.indicator)”：指标值、实际完成值与上年对比",
            headers: ["单位", "表数", "指标值（平均）", "实际完成值（平均）", "上年实际完成值", "较上年"],
            rows: c.units.map { u in
                let change = u.actual.flatMap { a in u.lastYearActual.map { a - $0 } }
                return [
                    ChartTable.Cell(u.unit, link: link(query) { $0.unit = u.unit }), .value(Double(u.tables), decimals: 0),
                    u.target.map { .value($0, decimals: 2) } ?? .init("—"),
                    u.actual.map { .value($0, decimals: 2) } ?? .init("—"),
                    u.lastYearActual.map { .value($0, decimals: 2) } ?? .init("—"),
                    change.map { .value($0, decimals: 2) } ?? .init("—"),
                ]
            })
        return (chart, table)
    }

    static func deviationRows(_ d: [OverviewStore.Deviation]) -> [DeviationRow] {
        d.map {
            DeviationRow(
                unit: $0.unit, table: $0.tableName, link: SitePath.table(.value($0.tableID)).path, indicator: $0.indicator,
                target: SVGText.number($0.target, decimals: 2) + ($0.unitOfMeasure ?? ""),
                actual: SVGText.number($0.actual, decimals: 2) + ($0.unitOfMeasure ?? ""),
                percent: ($0.percent > 0 ? "+" : "") + SVGText.number($0.percent) + "%")
        }
    }

    /// Every table of the page, for the workbook: the charts' tables, then the lists beside them.
    static func tables(_ f: Figures) -> [ChartTable] {
        var all = sections(f, unitsDrawn: 1_000_000).flatMap { $0.charts.map(\.table) }
        all.append(
            ChartTable(
                caption: "未启动填报的单位", headers: ["单位"],
                rows: f.notStarted.prefix(OverviewStore.notStartedCounted).map { [.init($0)] }))
        all.append(
            ChartTable(
                caption: "偏差最大的指标", headers: ["单位", "目标表", "三级指标", "指标值", "实际完成值", "偏差"],
                rows: deviationRows(f.deviations).map {
                    [.init($0.unit), .init($0.table), .init($0.indicator), .init($0.target), .init($0.actual), .init($0.percent)]
                }))
        if let c = f.comparison { all.append(comparison(c, query: f.query).table) }
        if let input = f.input { all.append(input.table) }
        return all
    }
}
