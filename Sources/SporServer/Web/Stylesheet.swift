/// The one stylesheet of the web pages: plain, calm and readable, with visible focus, large answer options,
/// colours of WCAG 2.1 AA contrast on white, and a print layout without navigation or forms.
enum Stylesheet {
    /// Where it is served.
    static let path = "/static/spor.css"

    static let css = """
        :root { --text: #1b1b1b; --muted: #4d4d4d; --link: #0b4f94; --line: #8a8a8a; --soft: #f3f5f7;
                --chosen: #e3edf9; --focus: #c2410c; --error: #a30000; --warn-bg: #fff4e0; }
        * { box-sizing: border-box; }
        html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 112.5%; line-height: 1.5;
               color: var(--text); background: #ffffff; }
        body { margin: 0; }
        main { max-width: 52rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
        h1 { font-size: 1.6rem; margin: 1rem 0 1rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
        h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
        a { color: var(--link); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
          outline: 3px solid var(--focus); outline-offset: 2px; }
        header { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; padding: .6rem 1.25rem;
                 border-bottom: 1px solid var(--line); background: var(--soft); }
        header .brand { font-weight: 700; font-size: 1.2rem; text-decoration: none; color: var(--text); }
        header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: 0; padding: 0; }
        header nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
        header .sign-out { margin-left: auto; color: var(--muted); }
        .skip { position: absolute; left: -10000px; }
        .skip:focus { position: static; }
        button, .button { font: inherit; padding: .55rem 1.2rem; border: 2px solid var(--link); border-radius: 6px;
                          background: var(--link); color: #ffffff; cursor: pointer; text-decoration: none; display: inline-block; }
        button.secondary { background: #ffffff; color: var(--link); }
        button.link { border: none; background: none; color: var(--link); text-decoration: underline; padding: 0; }
        label { font-weight: 600; }
        input[type=text], input[type=password], input[type=date], select {
          font: inherit; padding: .45rem .6rem; border: 1px solid var(--muted); border-radius: 4px; min-width: 14rem; }
        .field { margin: 0 0 1.1rem; }
        .field label { display: block; margin-bottom: .2rem; }
        .hint { color: var(--muted); font-size: .95rem; margin: .1rem 0 .3rem; }
        .error { color: var(--error); font-weight: 600; margin: .2rem 0; }
        .invalid input, fieldset.invalid { border-color: var(--error); }
        .notice { background: var(--warn-bg); border-left: 4px solid #8a5a00; padding: .6rem 1rem; }
        .summary-errors { border: 2px solid var(--error); padding: .5rem 1rem; margin-bottom: 1.5rem; }
        fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 1.25rem; padding: .75rem 1rem 1rem; }
        legend { font-weight: 700; padding: 0 .35rem; }
        .choices { display: grid; grid-template-columns: repeat(auto-fit, minmax(6.8rem, 1fr)); gap: .5rem; }
        .choice { display: flex; align-items: center; gap: .6rem; font-weight: 400; padding: .7rem .8rem;
                  border: 1px solid var(--line); border-radius: 8px; cursor: pointer; min-height: 3.2rem; }
        .choice input { width: 1.4rem; height: 1.4rem; margin: 0; flex: none; }
        .choice:has(input:checked) { background: var(--chosen); border-color: var(--link); font-weight: 600; }
        .choice:has(input:focus-visible) { outline: 3px solid var(--focus); outline-offset: 2px; }
        .tabs { display: flex; gap: 1rem; margin-bottom: 1rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #c8c8c8; vertical-align: top; }
        thead th { border-bottom: 2px solid var(--muted); }
        tbody th { font-weight: 600; }
        caption { text-align: left; }
        .table-scroll { overflow-x: auto; }
        .table-scroll table { font-size: .9rem; }
        .nowrap, tbody th { white-space: nowrap; }
        form.filters { display: flex; flex-wrap: wrap; gap: 0 1.25rem; align-items: flex-end; }
        form.filters input[type=date], form.filters select { min-width: 10rem; }
        form.filters button { margin-bottom: 1.1rem; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        .score { font-size: 2.2rem; font-weight: 700; margin: .25rem 0; }
        figure { margin: 1rem 0; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { color: var(--muted); font-size: .95rem; }
        .actions form { display: inline; }
        .actions input[type=text] { min-width: 10rem; }
        details { margin: .25rem 0; }
        ul.reasons { margin: 0; padding-left: 1.1rem; }
        .print-view main { max-width: none; }
        @media print {
          header, form, .no-print, .actions { display: none !important; }
          html { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          a { color: var(--text); text-decoration: none; }
          figure { break-inside: avoid; }
        }
        """
}
