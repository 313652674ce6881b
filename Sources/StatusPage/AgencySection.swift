import Daemon
import Foundation

/// One agency's part of the page: how its folders are watched and the axis reached, what waits and why, what needs a
/// person (with the text of the reason file the clerk reads), and its last documents each way with their statuses.
struct AgencySection {
    let agency: StatusReport.Agency
    let page: StatusPageHTML
    let text: PageText

    private var report: StatusReport { page.report }
    private var format: PageFormat { page.format }

    func render() -> String {
        let code = agency.code.htmlEscaped
        var html = "<section class=\"agency\" data-agency=\"\(code)\">\n"
        html += "<h2>\(code) · \(agency.name.htmlEscaped)</h2>\n"
        html += facts()
        html += counts()
        html += waiting()
        html += needsAPerson()
        html += recent(direction: "outbound", title: text.lastSent, counterpart: text.columns.counterpartOut)
        html += recent(direction: "inbound", title: text.lastReceived, counterpart: text.columns.counterpartIn)
        return html + "</section>\n"
    }

    private func facts() -> String {
        var items: [(String, Bool)] = []
        if report.daemon.state == .running {
            items.append(("\(text.outboxWatch): \(agency.outboxWatch ?? "?")", false))
            if let since = agency.axisUnreachableSince {
                items.append(("\(text.axisUnreachable) \(format.time(since)): \(agency.lastPollError ?? "")", true))
            } else if let error = agency.lastPollError {
                items.append(("\(text.lastPollFailed): \(error)", true))
            } else {
                items.append((text.axisReachable, false))
            }
            let lastPoll = agency.lastSuccessfulPoll.map { format.time($0) } ?? text.notPolledYet
            items.append(("\(text.lastPoll): \(lastPoll)", false))
        }
        if let problem = agency.outboundProblem { items.append(("\(text.outboundStopped): \(problem)", true)) }
        if let problem = agency.inboundProblem { items.append(("\(text.inboundStopped): \(problem)", true)) }
        for folder in agency.waitingFolders { items.append(("\(text.waitingFolder): \(folder)", true)) }
        guard !items.isEmpty else { return "" }
        var html = "<ul class=\"facts\">\n"
        for (line, trouble) in items {
            html += "<li\(trouble ? " class=\"trouble\"" : "")>\(line.htmlEscaped)</li>\n"
        }
        return html + "</ul>\n"
    }

    private func counts() -> String {
        let waiting = agency.waiting.values.reduce(0, +)
        let code = agency.code.htmlEscaped
        return """
            <p class="counts">\(text.waitingNow.htmlEscaped): <strong data-agency="\(code)" data-count="waiting">\
            \(waiting)</strong> · \(text.needsAPerson.htmlEscaped): <strong data-agency="\(code)" \
            data-count="needs-a-person">\(agency.needsAPerson)</strong></p>

            """
    }

    private func waiting() -> String {
        let documents = report.waiting.filter { $0.agency == agency.code }
        var html = "<h3>\(text.waitingList.htmlEscaped)</h3>\n"
        guard !documents.isEmpty else { return html + "<p class=\"empty\">\(text.nothingWaits.htmlEscaped)</p>\n" }
        html += "<table class=\"waiting\">\n<tr><th>#</th><th>\(text.columns.file.htmlEscaped)</th>"
        html += "<th>\(text.columns.state.htmlEscaped)</th><th>\(text.columns.since.htmlEscaped)</th>"
        html += "<th>\(text.columns.reason.htmlEscaped)</th></tr>\n"
        for document in documents {
            var why = document.reason ?? text.inProgress
            if document.attempts > 0 { why += "; \(text.attempt) \(document.attempts)" }
            if let next = document.nextAttemptAt { why += "; \(text.nextAttempt) \(format.time(next))" }
            html += "<tr><td>\(document.id)</td><td>\(page.fileName(document, text).htmlEscaped)</td>"
            html += "<td>\(page.state(document.state, text).htmlEscaped)</td>"
            html +=
                "<td>\(format.time(document.since).htmlEscaped)</td><td class=\"reason\">\(why.htmlEscaped)</td></tr>\n"
        }
        html += "</table>\n"
        let more = agency.waiting.values.reduce(0, +) - documents.count
        if more > 0 { html += "<p class=\"more\">+\(more) \(text.moreWaiting.htmlEscaped)</p>\n" }
        return html
    }

    private func needsAPerson() -> String {
        let documents = report.needsAPerson.filter { $0.agency == agency.code }
        var html = "<h3>\(text.failedAndQuarantined.htmlEscaped)</h3>\n"
        guard !documents.isEmpty else { return html + "<p class=\"empty\">\(text.nothingFailed.htmlEscaped)</p>\n" }
        for document in documents {
            html += "<article class=\"ended\" data-document=\"\(document.id)\">\n"
            html +=
                "<h4>#\(document.id) \(page.fileName(document, text).htmlEscaped): \(page.state(document.state, text).htmlEscaped)"
            html += " · \(format.time(document.updatedAt).htmlEscaped)</h4>\n"
            if let location = document.location { html += "<p class=\"location\">\(location.htmlEscaped)</p>\n" }
            if let reason = document.reason { html += "<p class=\"reason\">\(reason.htmlEscaped)</p>\n" }
            if let file = document.reasonFile { html += "<pre class=\"reason-file\">\(file.htmlEscaped)</pre>\n" }
            html += "</article>\n"
        }
        return html
    }

    private func recent(direction: String, title: String, counterpart: String) -> String {
        let documents = report.recent.filter { $0.agency == agency.code && $0.direction == direction }
        var html = "<h3>\(title.htmlEscaped) (\(documents.count))</h3>\n"
        guard !documents.isEmpty else { return html + "<p class=\"empty\">\(text.noDocuments.htmlEscaped)</p>\n" }
        html += "<table class=\"recent \(direction)\">\n<tr><th>#</th><th>\(text.columns.file.htmlEscaped)</th>"
        html += "<th>\(counterpart.htmlEscaped)</th><th>\(text.columns.state.htmlEscaped)</th>"
        html += "<th>\(text.columns.updated.htmlEscaped)</th><th>\(text.columns.statuses.htmlEscaped)</th></tr>\n"
        for document in documents {
            html += "<tr><td>\(document.id)</td><td>\(page.fileName(document, text).htmlEscaped)</td>"
            html += "<td>\((document.counterpart ?? "").htmlEscaped)</td>"
            html += "<td>\(page.state(document.state, text).htmlEscaped)</td>"
            html += "<td>\(format.time(document.updatedAt).htmlEscaped)</td>"
            html += "<td>\(statuses(document.statuses ?? []).htmlEscaped)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// `03 đã tiếp nhận (000.00.00.G02, 2026-12-07 09:12:00)`, one per status, oldest first.
    private func statuses(_ statuses: [StatusReport.Status]) -> String {
        statuses.map { status in
            var line = status.code
            if let words = text.statusCodes[status.code] { line += " \(words)" }
            var details: [String] = []
            if let from = status.from { details.append(from) }
            if status.state != "received" { details.append(text.statusStates[status.state] ?? status.state) }
            if let at = status.at { details.append(format.time(at)) }
            if !details.isEmpty { line += " (\(details.joined(separator: ", ")))" }
            return line
        }.joined(separator: "; ")
    }
}
