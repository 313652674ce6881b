import Daemon
import Foundation

/// The page `/`: a ``StatusReport`` as HTML, Vietnamese first and English below (or one of them), the same content
/// in each. No script, nothing fetched from elsewhere: the style sheet is `/style.css` on the same server, and the
/// page refreshes itself with `<meta http-equiv="refresh">`.
///
/// Every value from the report (file names, reasons, reason files, agency names) is escaped with
/// ``Swift/String/htmlEscaped``; they come from clerks' folders and from other agencies, so they are hostile.
struct StatusPageHTML {
    let report: StatusReport
    let languages: [PageLanguage]
    var refreshSeconds = 10
    let format = PageFormat()

    func render() -> String {
        let lang = languages.first?.rawValue ?? "vi"
        var html = """
            <!DOCTYPE html>
            <html lang="\(lang)">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="refresh" content="\(refreshSeconds)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>lienthong: \(PageText.of(languages.first ?? .vietnamese).title.htmlEscaped)</title>
            <link rel="stylesheet" href="/style.css">
            </head>
            <body>

            """
        if languages.count > 1 {
            html +=
                "<nav class=\"languages\"><a href=\"?lang=vi\">Tiếng Việt</a> · <a href=\"?lang=en\">English</a></nav>\n"
        }
        for language in languages { html += section(language) }
        html += "</body>\n</html>\n"
        return html
    }

    private func section(_ language: PageLanguage) -> String {
        let text = PageText.of(language)
        var html = "<main lang=\"\(language.rawValue)\" id=\"page-\(language.rawValue)\">\n"
        html += "<h1>\(text.title.htmlEscaped)</h1>\n"
        html += daemon(text)
        html += signingKey(text)
        html += disks(text)
        for agency in report.agencies { html += AgencySection(agency: agency, page: self, text: text).render() }
        html += "<p class=\"note\">\(String(format: text.refreshNote, refreshSeconds).htmlEscaped) "
        html += "\(format.time(report.generatedAt).htmlEscaped)</p>\n"
        html += "</main>\n"
        return html
    }

    private func daemon(_ text: PageText) -> String {
        let daemon = report.daemon
        switch daemon.state {
        case .running:
            var line = "\(text.daemonRunning) (pid \(daemon.pid ?? 0)"
            if let started = daemon.startedAt { line += ", \(text.since) \(format.time(started))" }
            line += "); \(text.axis) \(daemon.axisEndpoint ?? "?")"
            var html = "<p class=\"daemon running\">\(line.htmlEscaped)</p>\n"
            if daemon.liveStatusStale { html += "<p class=\"trouble\">\(text.liveStatusStale.htmlEscaped)</p>\n" }
            return html
        case .notRunning:
            let detail = daemon.lastSeen.map { "\(text.since) \(format.time($0))" } ?? text.neverRan
            return "<p class=\"daemon trouble\">\("\(text.daemonNotRunning) (\(detail))".htmlEscaped)</p>\n"
        }
    }

    private func signingKey(_ text: PageText) -> String {
        let key = report.signingKey
        var line = "\(text.signingKey): \(text.keyKinds[key.kind] ?? key.kind)"
        var trouble = false
        if key.kind == "token" {
            switch key.tokenPresent {
            case true?: line += ", \(text.tokenPresent)"
            case false?:
                line += ", \(text.tokenAbsent)"
                trouble = true
            case nil: line += ", \(text.tokenUnknown)"
            }
        }
        return "<p class=\"key\(trouble ? " trouble" : "")\" id=\"signing-key\">\(line.htmlEscaped)</p>\n"
    }

    private func disks(_ text: PageText) -> String {
        guard !report.disks.isEmpty else { return "" }
        var html = "<h2>\(text.disks.htmlEscaped)</h2>\n<ul class=\"disks\">\n"
        for disk in report.disks {
            var line = "\(disk.path): \(PageFormat.bytes(disk.availableBytes)) \(text.free)"
            if disk.full { line += "; \(text.diskFull)" }
            html += "<li\(disk.full ? " class=\"trouble\"" : "")>\(line.htmlEscaped)</li>\n"
        }
        return html + "</ul>\n"
    }

    /// The document's file name, or for a received one not yet named, that it has none and who sent it.
    func fileName(_ document: StatusReport.Document, _ text: PageText) -> String {
        guard document.fileName.isEmpty else { return document.fileName }
        return [text.noFileName, document.counterpart].compactMap { $0 }.joined(separator: " ")
    }

    /// `packaged (đã đóng gói, chờ gửi)`: the state as `status` names it, then in words.
    func state(_ state: String, _ text: PageText) -> String {
        guard let words = text.states[state] else { return state }
        return "\(state) (\(words))"
    }
}
