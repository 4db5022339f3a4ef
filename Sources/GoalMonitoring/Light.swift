/// A warning light (预警灯) of the monitoring form: of one indicator, the budget, a table or a unit.
/// Written in JSON and on pages as the forms write it: 红 / 黄 / 绿 / 蓝, or 无法判断 when a value
/// needed for the arithmetic cannot be read (the reason travels beside the light, never guessed).
public enum Light: String, Sendable, Hashable, Codable, CaseIterable {
    case red = "红"
    case yellow = "黄"
    case green = "绿"
    /// Far ahead of 序时进度: the target may have been set too low.
    case blue = "蓝"
    case undetermined = "无法判断"

    /// How much the light asks of finance, for "the worst light": 红 > 黄 > 无法判断 > 蓝 > 绿.
    /// 无法判断 ranks above 蓝 and 绿 because a table with an unreadable value cannot be called on
    /// track, and below 黄 because a light that is known to be off is more urgent than one unknown.
    public var severity: Int {
        switch self {
        case .green: return 0
        case .blue: return 1
        case .undetermined: return 2
        case .yellow: return 3
        case .red: return 4
        }
    }

    /// The worst of several lights; 绿 for none (nothing off track).
    public static func worst<S: Sequence>(_ lights: S) -> Light where S.Element == Light {
        lights.reduce(Light.green) { $1.severity > $0.severity ? $1 : $0 }
    }

    /// 红 or 黄: off track, so the form asks why (under the default reason rule).
    public var isWarning: Bool { self == .red || self == .yellow }
}

/// The bands that turn a ratio (in %) into a light: below `red` → 红, below `yellow` → 黄,
/// from `blue` on → 蓝 (when set), otherwise 绿. The spec's default is 60 / 80 / 120.
public struct Bands: Sendable, Hashable, Codable {
    public var red: Double
    public var yellow: Double
    /// nil: no 蓝 light (the budget rule of the spec has none).
    public var blue: Double?

    public init(red: Double, yellow: Double, blue: Double? = nil) {
        self.red = red; self.yellow = yellow; self.blue = blue
    }

    /// 60 / 80 / 120: the common default for indicators.
    public static let standard = Bands(red: 60, yellow: 80, blue: 120)

    /// The light of a ratio. The ratio is rounded to 6 decimals first, so 360 ÷ 600 × 100 (which a
    /// Double makes 60.00000000000001 or 59.99999999999999) falls where a person doing it by hand puts it.
    public func light(_ ratio: Double) -> Light {
        let r = Figures.settle(ratio)
        if r < red { return .red }
        if r < yellow { return .yellow }
        if let blue, r >= blue { return .blue }
        return .green
    }

    /// The band a ratio falls in, in words: "<60", "60–80", "80–120", "≥120".
    func bandText(_ light: Light) -> String {
        switch light {
        case .red: return "<\(Figures.text(red))"
        case .yellow: return "\(Figures.text(red))–\(Figures.text(yellow))"
        case .green: return blue.map { "\(Figures.text(yellow))–\(Figures.text($0))" } ?? "≥\(Figures.text(yellow))"
        case .blue: return "≥\(Figures.text(blue ?? 0))"
        case .undetermined: return ""
        }
    }

    /// The boundaries, for printing a ratio precisely enough not to look like the other side of one.
    var boundaries: [Double] { [red, yellow] + (blue.map { [$0] } ?? []) }
}
