/// The audit report's inline style sheet: system fonts only (nothing fetched), tinted cells that
/// always carry a symbol and a word too, and a print layout (black on white, major sections on a
/// new page, rows never split).
enum HTMLStyle {
    static let css = """
        :root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --head: #f3f5f7;
          --err: #b42318; --err-bg: #fdecea; --warn: #9a5b00; --warn-bg: #fff4e0; --note: #1f5fa8; --note-bg: #e8f1fb;
          --ok: #1a7f37; --ok-bg: #e9f7ee; --gray-bg: #eef0f2; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1240px; padding: 24px 28px 48px; color: var(--ink); background: #fff;
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
        h3 { font-size: 16px; margin: 22px 0 6px; }
        code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
        .subtitle { color: var(--muted); margin: 0 0 12px; }
        .verdict { display: inline-block; padding: 4px 10px; border-radius: 4px; font-weight: 600; border: 1px solid; }
        .verdict.v0 { color: var(--ok); background: var(--ok-bg); }
        .verdict.v1 { color: var(--err); background: var(--err-bg); }
        .verdict.v2 { color: var(--warn); background: var(--warn-bg); }
        nav { margin: 14px 0 0; padding: 8px 0; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); }
        nav a { margin-right: 14px; color: var(--note); text-decoration: none; }
        .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 8px 0 16px; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
        .card .n { font-size: 24px; font-weight: 700; display: block; }
        .card .l { color: var(--muted); font-size: 12px; }
        .card.bad .n { color: var(--err); } .card.warn .n { color: var(--warn); }
        table { border-collapse: collapse; margin: 6px 0 14px; page-break-inside: avoid; }
        th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: var(--head); font-weight: 600; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        td.nowrap { white-space: nowrap; }
        td.nowrap code { font-size: 11px; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        table.kv th { width: 220px; }
        .wide { overflow-x: auto; }
        table.matrix { font-size: 12px; }
        table.matrix th.rule { white-space: nowrap; text-align: center; padding: 4px 3px; font-size: 11px; }
        table.matrix td.c { text-align: center; white-space: nowrap; padding: 3px 4px; }
        table.matrix td.app { min-width: 220px; max-width: 300px; padding: 3px 8px; line-height: 1.25; }
        table.matrix td.app a { font-weight: 600; }
        h3 .appid { font-size: 12px; font-weight: 400; }
        .appid { color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 10.5px; white-space: nowrap; }
        table.matrix tbody tr:hover td { outline: 1px solid #afb8c1; }
        table.matrix thead th { position: sticky; top: 0; z-index: 1; }
        .s-pass { color: var(--ok); }
        .s-fail { color: var(--err); background: var(--err-bg); font-weight: 700; }
        .s-ne { color: var(--warn); background: var(--warn-bg); }
        .s-supp, .s-base { color: var(--muted); background: var(--gray-bg); }
        .s-na { color: #8c959f; }
        .legend > span { margin-right: 16px; white-space: nowrap; }
        .legend .box { display: inline-block; padding: 0 5px; border: 1px solid var(--line); }
        td.sev-error, td.sev-warning, td.sev-note { white-space: nowrap; }
        .sev { display: inline-block; padding: 0 6px; border-radius: 3px; font-weight: 600; white-space: nowrap; }
        .sev-error { color: var(--err); background: var(--err-bg); }
        .sev-warning { color: var(--warn); background: var(--warn-bg); }
        .sev-note { color: var(--note); background: var(--note-bg); }
        .registration { border: 1px solid var(--line); border-radius: 6px; padding: 4px 14px 8px; margin: 14px 0; page-break-inside: avoid; }
        .registration h3 { margin-top: 10px; }
        .meta { color: var(--muted); margin: 0 0 6px; }
        ol.findings { margin: 6px 0; padding-left: 22px; }
        ol.findings li { margin: 10px 0; page-break-inside: avoid; break-inside: avoid; }
        .fhead code { color: var(--muted); }
        .disp { color: var(--muted); font-style: italic; }
        .msg { margin: 3px 0; font-weight: 500; }
        .fix { margin: 4px 0 0; padding: 4px 10px; border-left: 3px solid var(--line); color: #32383f; }
        .fix p { margin: 3px 0; }
        pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; margin: 4px 0;
          white-space: pre-wrap; overflow-wrap: anywhere; }
        .ref { color: var(--muted); font-size: 12px; word-break: break-all; }
        td.cred-expired { color: var(--err); font-weight: 600; }
        td.cred-expiring { color: var(--warn); font-weight: 600; }
        td.cred-never { color: var(--err); }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
        svg.timeline { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; }
        .muted { color: var(--muted); }
        footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
        @media print {
          body { max-width: none; padding: 0; color: #000; background: #fff; font-size: 11px; }
          nav { display: none; }
          a { color: #000; text-decoration: none; }
          section.major { break-before: page; page-break-before: always; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          table, tr, .registration, ol.findings li, svg { page-break-inside: avoid; break-inside: avoid; }
          .wide { overflow: visible; }
          table.matrix thead th { position: static; }
          th { background: #eee; }
          .s-pass, .s-fail, .s-ne, .s-supp, .s-base, .sev, .verdict, td.cred-expired, td.cred-expiring, td.cred-never { background: #fff; color: #000; }
          .card .n { color: #000 !important; }
        }
        """
}
