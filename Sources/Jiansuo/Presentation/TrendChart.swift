/// A chart of values by year as SVG text: bars for one series, a line per series for
/// several, with title, axes, labelled years and a legend. Written by hand — the format is
/// simple and a dependency would outweigh it. Text asks for CJK fonts first, so Chinese
/// queries render as characters, not boxes.
public struct TrendChart: Sendable {
    public struct Point: Sendable, Equatable {
        public var year: Int
        public var value: Double

        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    public struct Series: Sendable {
        public var name: String
        public var points: [Point]

        public init(name: String, points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    public var title: String
    public var subtitle: String
    public var valueAxisLabel: String
    public var yearAxisLabel: String
    public var series: [Series]

    public init(title: String, subtitle: String = "", valueAxisLabel: String, yearAxisLabel: String = "年份 year", series: [Series]) {
        self.title = title
        self.subtitle = subtitle
        self.valueAxisLabel = valueAxisLabel
        self.yearAxisLabel = yearAxisLabel
        self.series = series
    }

    public static let fontFamily = "'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
    static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    static let width = 960.0, height = 540.0
    static let plotLeft = 90.0, plotRight = width - 30, plotTop = 100.0, plotBottom = height - 70

    public func svg() -> String {
        let years = series.flatMap { $0.points.map(\.year) }
        let firstYear = years.min() ?? 2000, lastYear = years.max() ?? 2000
        let slots = Double(lastYear - firstYear + 1)
        let slotWidth = (Self.plotRight - Self.plotLeft) / slots
        func x(_ year: Int) -> Double { Self.plotLeft + (Double(year - firstYear) + 0.5) * slotWidth }
        let axis = ValueAxis(maximum: series.flatMap { $0.points.map(\.value) }.max() ?? 0)
        func y(_ value: Double) -> Double {
            Self.plotBottom - value / axis.top * (Self.plotBottom - Self.plotTop)
        }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.number(Self.width))" height="\(Self.number(Self.height))" \
            viewBox="0 0 \(Self.number(Self.width)) \(Self.number(Self.height))" font-family="\(Self.fontFamily)">

            """
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += text(title, x: Self.width / 2, y: 32, size: 20, anchor: "middle", extra: " font-weight=\"bold\"")
        if !subtitle.isEmpty { svg += text(subtitle, x: Self.width / 2, y: 54, size: 13, anchor: "middle", extra: " fill=\"#555\"") }

        // Horizontal grid lines and value labels.
        for tick in axis.ticks {
            let ty = y(tick)
            svg += "<line x1=\"\(Self.number(Self.plotLeft))\" y1=\"\(Self.number(ty))\" x2=\"\(Self.number(Self.plotRight))\" y2=\"\(Self.number(ty))\" stroke=\"#ddd\" stroke-width=\"1\"/>\n"
            svg += text(axis.label(tick), x: Self.plotLeft - 8, y: ty + 4, size: 12, anchor: "end")
        }
        // Axes.
        svg += "<line x1=\"\(Self.number(Self.plotLeft))\" y1=\"\(Self.number(Self.plotTop))\" x2=\"\(Self.number(Self.plotLeft))\" y2=\"\(Self.number(Self.plotBottom))\" stroke=\"#333\" stroke-width=\"1.5\"/>\n"
        svg += "<line x1=\"\(Self.number(Self.plotLeft))\" y1=\"\(Self.number(Self.plotBottom))\" x2=\"\(Self.number(Self.plotRight))\" y2=\"\(Self.number(Self.plotBottom))\" stroke=\"#333\" stroke-width=\"1.5\"/>\n"
        // Year labels: every year when they fit, else every 2nd, 5th, 10th… year.
        let labelStep = [1, 2, 5, 10, 20, 25, 50, 100].first { slotWidth * Double($0) >= 40 } ?? 100
        for year in firstYear...lastYear where year % labelStep == 0 {
            let tx = x(year)
            svg += "<line x1=\"\(Self.number(tx))\" y1=\"\(Self.number(Self.plotBottom))\" x2=\"\(Self.number(tx))\" y2=\"\(Self.number(Self.plotBottom + 5))\" stroke=\"#333\"/>\n"
            svg += text(String(year), x: tx, y: Self.plotBottom + 20, size: 12, anchor: "middle")
        }
        svg += text(yearAxisLabel, x: (Self.plotLeft + Self.plotRight) / 2, y: Self.height - 22, size: 14, anchor: "middle")
        let middle = (Self.plotTop + Self.plotBottom) / 2
        svg += text(valueAxisLabel, x: 28, y: middle, size: 14, anchor: "middle", extra: " transform=\"rotate(-90 28 \(Self.number(middle)))\"")

        // The data: bars for a single series, lines for several.
        for (index, series) in series.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            let points = series.points.sorted { $0.year < $1.year }
            if self.series.count == 1 {
                let barWidth = max(1, slotWidth * 0.7)
                for point in points where point.value > 0 {
                    svg += "<rect x=\"\(Self.number(x(point.year) - barWidth / 2))\" y=\"\(Self.number(y(point.value)))\" width=\"\(Self.number(barWidth))\" height=\"\(Self.number(Self.plotBottom - y(point.value)))\" fill=\"\(color)\"><title>\(Self.escaped("\(point.year): \(axis.label(point.value, extraDigits: 2))"))</title></rect>\n"
                }
            } else {
                let coordinates = points.map { "\(Self.number(x($0.year))),\(Self.number(y($0.value)))" }.joined(separator: " ")
                svg += "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>\n"
                for point in points {
                    svg += "<circle cx=\"\(Self.number(x(point.year)))\" cy=\"\(Self.number(y(point.value)))\" r=\"3\" fill=\"\(color)\"><title>\(Self.escaped("\(series.name) \(point.year): \(axis.label(point.value, extraDigits: 2))"))</title></circle>\n"
                }
            }
        }
        // Legend: one swatch and name per series, in a row under the title.
        var legendX = Self.plotLeft + 10
        for (index, series) in series.enumerated() {
            let color = Self.colors[index % Self.colors.count]
            svg += "<rect x=\"\(Self.number(legendX))\" y=\"70\" width=\"14\" height=\"14\" fill=\"\(color)\"/>\n"
            svg += text(series.name, x: legendX + 20, y: 82, size: 13, anchor: "start")
            legendX += 20 + Double(DisplayWidth.of(series.name)) * 7.5 + 24
        }
        return svg + "</svg>\n"
    }

    /// Writes the chart's SVG text to `path`.
    public func write(toFile path: String) throws(JiansuoError) {
        try FileSystem.writeDurably(Array(svg().utf8), to: path)
    }

    private func text(_ content: String, x: Double, y: Double, size: Int, anchor: String, extra: String = "") -> String {
        "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\"\(extra)>\(Self.escaped(content))</text>\n"
    }

    /// Text safe inside an XML element or a double-quoted attribute.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A coordinate with at most one decimal: enough for a screen, and short.
    static func number(_ value: Double) -> String {
        decimal(value, places: 1)
    }

    /// `value` rounded to `places` decimals, trailing zeros dropped (no Foundation formatter).
    static func decimal(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        var digits = places > 0 ? String(fraction) : ""
        digits = String(repeating: "0", count: max(0, places - digits.count)) + digits
        while digits.last == "0" { digits.removeLast() }
        let sign = value < 0 && scaled > 0 ? "-" : ""
        return sign + String(whole) + (digits.isEmpty ? "" : "." + digits)
    }
}

/// The value axis: from 0 to a round number above the maximum, in 4–6 round steps.
struct ValueAxis {
    let top: Double
    let step: Double

    init(maximum: Double) {
        guard maximum > 0, maximum.isFinite else {
            top = 1
            step = 0.2
            return
        }
        let rough = maximum / 5
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        self.step = step
        self.top = (maximum / step).rounded(.up) * step
    }

    var ticks: [Double] {
        var ticks: [Double] = []
        var value = 0.0
        while value <= top + step / 2 {
            ticks.append(value)
            value += step
        }
        return ticks
    }

    /// Enough decimals to tell the ticks apart.
    func label(_ value: Double, extraDigits: Int = 0) -> String {
        var places = 0
        var scaled = step
        while places < 6, (scaled - scaled.rounded()).magnitude > 1e-9 {
            scaled *= 10
            places += 1
        }
        return TrendChart.decimal(value, places: places + extraDigits)
    }
}
