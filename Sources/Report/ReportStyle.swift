/// The page's only stylesheet, inline: system fonts, comfortable line length, tables
/// with tabular figures, and print rules so the report also reads on paper.
package enum ReportStyle {
    package static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f6f8fa; color: #1f2328;
               font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
        header { border-bottom: 1px solid #d8dee4; margin-bottom: 8px; }
        h1 { font-size: 30px; line-height: 1.25; margin: 8px 0 4px; }
        h2 { font-size: 23px; line-height: 1.3; margin: 44px 0 8px; padding-top: 8px; border-top: 1px solid #d8dee4; }
        h3 { font-size: 18px; margin: 24px 0 6px; }
        p { margin: 8px 0; max-width: 78ch; }
        .lede { color: #57606a; margin-top: 0; }
        nav ul { list-style: none; padding: 0; margin: 12px 0 16px; display: flex; flex-wrap: wrap; gap: 6px 18px; }
        nav a, a { color: #0550ae; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 14px; margin: 16px 0; }
        .card { border: 1px solid #d8dee4; border-radius: 8px; padding: 12px 16px; background: #fff; }
        .card .label { font-size: 14px; color: #57606a; margin: 0; }
        .card .value { font-size: 28px; font-weight: 700; margin: 2px 0; line-height: 1.2; font-variant-numeric: tabular-nums; }
        .card .note { font-size: 14px; color: #57606a; margin: 0; }
        figure { margin: 16px 0 8px; }
        svg.chart { width: 100%; max-width: 780px; height: auto; display: block; }
        .explain { background: #f6f8fa; border-left: 4px solid #0072B2; padding: 10px 14px; margin: 8px 0 16px; max-width: 86ch; }
        .explain p { margin: 4px 0; }
        table { border-collapse: collapse; margin: 12px 0; font-size: 15px; }
        th, td { padding: 6px 10px; border-bottom: 1px solid #d8dee4; vertical-align: top; text-align: left; }
        th { background: #f6f8fa; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.model td { background: #eef6fc; }
        table.compact th, table.compact td { padding: 5px 7px; font-size: 14px; }
        table.compare td:first-child { min-width: 14em; max-width: 18em; }
        .day { white-space: nowrap; }
        td.best { font-weight: 700; }
        .scroll { overflow-x: auto; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; font-weight: 600; white-space: nowrap; border: 1px solid; }
        .badge.at_risk { background: #fde0d6; color: #8a2c00; border-color: #e8a88f; }
        .badge.watch { background: #fff1cc; color: #6b4700; border-color: #e0c56e; }
        .badge.healthy { background: #d9f2e6; color: #00603f; border-color: #8fcfb0; }
        .badge.ok { background: #e3f0fb; color: #0a4a7a; border-color: #9cc3e6; }
        .badge.off { background: #fde0d6; color: #8a2c00; border-color: #e8a88f; }
        ul.reasons { margin: 0; padding-left: 18px; }
        table.risk { width: 100%; }
        table.risk td:nth-child(2) { min-width: 12em; }
        table.risk td:last-child { min-width: 22em; }
        table.risk td { padding-top: 8px; padding-bottom: 8px; }
        .muted { color: #57606a; }
        .small { font-size: 14px; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; background: #f6f8fa; padding: 0 3px; border-radius: 3px; }
        dl.defs { display: grid; grid-template-columns: 14em 1fr; gap: 4px 16px; max-width: 100ch; font-size: 15px; }
        dl.defs dt { font-weight: 600; }
        dl.defs dd { margin: 0; }
        footer { margin-top: 48px; border-top: 1px solid #d8dee4; color: #57606a; font-size: 14px; }
        @media print {
          body { background: #fff; }
          main { max-width: none; padding: 0; }
          nav { display: none; }
          h2 { break-before: auto; }
          figure, table, .card { break-inside: avoid; }
        }
        """
}
