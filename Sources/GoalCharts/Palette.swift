/// The colours of the charts: the project's own (Public/css/app.css) so a chart looks like the page it
/// is on, written into the SVG itself so it prints and copies without the stylesheet.
public enum Palette {
    /// Series, in order: a stacked bar's parts, bars' one colour.
    public static let series = ["#1f6feb", "#1a7f37", "#8a5a00", "#b0252a", "#6e40c9", "#5b636e", "#0f766e", "#c2410c"]
    public static let ink = "#1f2328"
    public static let muted = "#5b636e"
    public static let line = "#c9d1d9"

    public static func series(_ i: Int) -> String { series[i % series.count] }
}

/// A red-amber-green light, as the monitoring form's lights and the checker's severities fall into it.
public enum Tone: String, Sendable, Equatable, Encodable, CaseIterable {
    case red, amber, green, blue, none

    public var fill: String {
        switch self {
        case .red: return "#d1242f"
        case .amber: return "#e3a008"
        case .green: return "#2da44e"
        case .blue: return "#1f6feb"
        case .none: return "#eaeef2"
        }
    }
}
