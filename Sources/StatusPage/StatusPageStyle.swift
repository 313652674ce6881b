/// `/style.css`: the page's only style sheet, served by the page itself so that the Content-Security-Policy can
/// forbid inline styles and every other origin.
enum StatusPageStyle {
    static let css = """
        body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; margin: 1.5em; color: #1b1b1b;
          background: #fff; line-height: 1.4; }
        main + main { border-top: 3px double #999; margin-top: 2.5em; padding-top: 1em; }
        h1 { font-size: 1.5em; margin: 0 0 .5em; }
        h2 { font-size: 1.2em; margin: 1.5em 0 .4em; }
        h3 { font-size: 1em; margin: 1.2em 0 .3em; }
        h4 { font-size: .95em; margin: .3em 0; }
        nav.languages { float: right; }
        .trouble { color: #a40000; font-weight: bold; }
        .running { color: #1d6b1d; }
        .empty, .note, .more, .location { color: #555; }
        section.agency { border: 1px solid #ccc; border-radius: 6px; padding: .2em 1em 1em; margin: 1em 0; }
        table { border-collapse: collapse; width: 100%; font-size: .9em; }
        th, td { border-bottom: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; }
        th { background: #f3f3f3; }
        td.reason, p.reason { overflow-wrap: anywhere; }
        article.ended { border-left: 4px solid #a40000; padding-left: .8em; margin: .8em 0; }
        pre.reason-file { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f7; padding: .6em;
          max-height: 20em; overflow: auto; }

        """
}
