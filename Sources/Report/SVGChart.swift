import Foundation

/// A linear map from data values to pixels.
package struct LinearScale {
    package let domain: (Double, Double)
    package let range: (Double, Double)

    package init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = domain
        self.range = range
    }

    package func callAsFunction(_ value: Double) -> Double {
        let (d0, d1) = domain, (r0, r1) = range
        guard d1 != d0 else { return r0 }
        return r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// A logarithmic map, for odds ratios: x2 and /2 are the same distance from 1.
struct LogScale {
    let domain: (Double, Double)
    let range: (Double, Double)

    func callAsFunction(_ value: Double) -> Double {
        LinearScale(domain: (log(domain.0), log(domain.1)), range: range)(log(max(value, 1e-12)))
    }
}

/// One inline SVG chart: a fixed coordinate system scaled to the page width, a title
/// and a description for screen readers, and the drawing primitives the charts use.
/// Shared by the report and the dashboard.
package struct SVGChart {
    package let width: Double
    package let height: Double
    /// Space around the plot area for axes, labels and legends.
    package let top: Double, right: Double, bottom: Double, left: Double
    package private(set) var elements: [String] = []

    package init(width: Double, height: Double, top: Double = 20, right: Double = 20, bottom: Double = 56, left: Double = 64) {
        self.width = width; self.height = height
        self.top = top; self.right = right; self.bottom = bottom; self.left = left
    }

    package var plotLeft: Double { left }
    package var plotRight: Double { width - right }
    package var plotTop: Double { top }
    package var plotBottom: Double { height - bottom }

    package mutating func add(_ element: String) { elements.append(element) }

    /// The finished `<svg>`: `title` is its accessible name, `description` says in words
    /// what the picture shows.
    package func render(id: String, title: String, description: String) -> String {
        """
        <svg class="chart" id="\(id)" viewBox="0 0 \(n(width)) \(n(height))" width="\(n(width))" height="\(n(height))" \
        role="img" aria-labelledby="\(id)-title \(id)-desc" xmlns="http://www.w3.org/2000/svg" \
        font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif">
        <title id="\(id)-title">\(HTML.escape(title))</title>
        <desc id="\(id)-desc">\(HTML.escape(description))</desc>
        \(elements.joined(separator: "\n"))
        </svg>
        """
    }

    // MARK: primitives

    package mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
                       dash: String = "", opacity: Double = 1) {
        add("<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
            + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + (opacity < 1 ? " stroke-opacity=\"\(n(opacity))\"" : "") + "/>")
    }

    package mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, dash: String = "") {
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        add("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\""
            + (dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"") + "/>")
    }

    package mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String = "none",
                               strokeWidth: Double? = nil, title: String? = nil) {
        let body = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(w, 0)))\" height=\"\(n(max(h, 0)))\" fill=\"\(fill)\" stroke=\"\(stroke)\""
            + (strokeWidth.map { " stroke-width=\"\(n($0))\"" } ?? "")
        add(title.map { body + "><title>\(HTML.escape($0))</title></rect>" } ?? body + "/>")
    }

    package mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String, stroke: String, width: Double = 2,
                         title: String? = nil) {
        let body = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        add(title.map { body + "><title>\(HTML.escape($0))</title></circle>" } ?? body + "/>")
    }

    /// A diamond, the second marker shape, so that two kinds of points differ by more than colour.
    package mutating func diamond(_ x: Double, _ y: Double, radius: Double, fill: String, stroke: String, width: Double = 2,
                          title: String? = nil) {
        let r = radius * 1.25
        let points = "\(n(x)),\(n(y - r)) \(n(x + r)),\(n(y)) \(n(x)),\(n(y + r)) \(n(x - r)),\(n(y))"
        let body = "<polygon points=\"\(points)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        add(title.map { body + "><title>\(HTML.escape($0))</title></polygon>" } ?? body + "/>")
    }

    /// A square, a third marker shape.
    mutating func square(_ x: Double, _ y: Double, radius: Double, fill: String, stroke: String, width: Double = 2,
                         title: String? = nil) {
        let r = radius * 0.9
        rect(x - r, y - r, 2 * r, 2 * r, fill: fill, stroke: stroke, strokeWidth: width, title: title)
    }

    /// A triangle pointing up (or down), the fourth and fifth marker shapes.
    mutating func triangle(_ x: Double, _ y: Double, radius: Double, down: Bool = false, fill: String, stroke: String,
                           width: Double = 2, title: String? = nil) {
        let r = radius * 1.25, h = down ? -r : r
        let points = "\(n(x)),\(n(y - h)) \(n(x + r)),\(n(y + h * 0.8)) \(n(x - r)),\(n(y + h * 0.8))"
        let body = "<polygon points=\"\(points)\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        add(title.map { body + "><title>\(HTML.escape($0))</title></polygon>" } ?? body + "/>")
    }

    package enum Anchor: String { case start, middle, end }

    package mutating func text(_ x: Double, _ y: Double, _ content: String, anchor: Anchor = .start, size: Double = 13,
                       weight: String = "normal", fill: String = Palette.text, rotate: Double? = nil) {
        let transform = rotate.map { " transform=\"rotate(\(n($0)) \(n(x)) \(n(y)))\"" } ?? ""
        add("<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(n(size))\""
            + (weight == "normal" ? "" : " font-weight=\"\(weight)\"") + " fill=\"\(fill)\"\(transform)>\(HTML.escape(content))</text>")
    }

    // MARK: axes

    /// Grid lines, tick labels and the axis titles of a plot with linear axes.
    package mutating func axes(x: LinearScale, xTicks: [Double], xLabel: String, xFormat: (Double) -> String,
                       y: LinearScale, yTicks: [Double], yLabel: String, yFormat: (Double) -> String) {
        for tick in yTicks {
            line(plotLeft, y(tick), plotRight, y(tick), stroke: Palette.grid)
            text(plotLeft - 8, y(tick) + 4, yFormat(tick), anchor: .end, size: 12, fill: Palette.muted)
        }
        for tick in xTicks {
            line(x(tick), plotTop, x(tick), plotBottom, stroke: Palette.grid)
            text(x(tick), plotBottom + 18, xFormat(tick), anchor: .middle, size: 12, fill: Palette.muted)
        }
        line(plotLeft, plotBottom, plotRight, plotBottom, stroke: Palette.axis, width: 1.5)
        line(plotLeft, plotTop, plotLeft, plotBottom, stroke: Palette.axis, width: 1.5)
        text((plotLeft + plotRight) / 2, height - 12, xLabel, anchor: .middle, size: 13, weight: "600")
        let middle = (plotTop + plotBottom) / 2
        text(16, middle, yLabel, anchor: .middle, size: 13, weight: "600", rotate: -90)
    }

    /// Coordinates with one decimal: enough for a screen, short enough for a small file.
    package func n(_ value: Double) -> String {
        // Integer arithmetic rather than a format string: a chart writes hundreds of these.
        let tenths = Int((value * 10).rounded())
        if tenths % 10 == 0 { return String(tenths / 10) }
        let magnitude = abs(tenths)
        return (tenths < 0 ? "-" : "") + String(magnitude / 10) + "." + String(magnitude % 10)
    }
}

/// Evenly spaced ticks from `lower` to `upper` inclusive.
package func ticks(from lower: Double, to upper: Double, step: Double) -> [Double] {
    guard step > 0, upper >= lower else { return [] }
    let count = Int(((upper - lower) / step + 1e-9).rounded(.down))
    return (0...count).map { lower + Double($0) * step }
}
