import AxisClient
import AxisProtocol
import Config
import EdXML
import Foundation
import Logging
import StateStore
import SystemSupport

/// Sends the answers clerks queued (statuses 02..06, 15, 16) as status messages, once each.
///
/// An answer's envelope is written to the spool before its first send and every retry sends those bytes. The
/// failure class of the axis client decides: transient failures are retried with the configured backoff (the
/// reason visible in `status` and `show`); permanent ones mark the answer failed with the axis's message. The axis
/// does not deduplicate, so the intent is recorded before each send, and after a lost reply or a kill the status is
/// looked up with `getSentEdocList` (``SentStatusLookup``) before it is sent again. Once the axis has it the answer
/// is marked sent and never sent again, then `answers.txt` in the document's folder gets a line.
struct AnswerSender: Sendable {
    let agency: AgencyConfig
    let store: DocumentStore
    let axis: AxisClient
    let spool: InboundSpool
    let retry: RetryPolicy
    let logger: Logger

    /// Sends every answer whose time has come.
    func sendDue(now: Date = Date()) async {
        let due: [AnswerRecord]
        do {
            due = try store.dueAnswers(agency: agency.code, now: now)
        } catch {
            logger.warning("cannot read the queued answers: \(error)")
            return
        }
        for answer in due {
            if Task.isCancelled { return }
            await send(answer)
        }
    }

    private func send(_ answer: AnswerRecord) async {
        guard let answerId = answer.id, let document = try? store.document(answer.documentId) else { return }
        let metadata: Logger.Metadata = [
            "DOC_ID": "\(answer.documentId)", "AXIS_DOC_ID": "\(document.axisDocId ?? "")",
        ]
        let path = spool.answerEnvelope(of: answerId)
        let header = StatusReply(
            agency: agency, document: document, code: answer.code.rawValue,
            description: StatusReply.description(of: answer.code, reason: answer.reason), now: answer.createdAt
        ).header
        do {
            try await Offload.run {
                try Directories.create((path as NSString).deletingLastPathComponent, mode: 0o700)
                if (try? FileStatus.lstat(path)) == nil { try EdXMLWriter().writeStatus(header: header, to: path) }
            }
        } catch {
            failed(answer, "cannot write the status message: \(error)", permanent: false, metadata: metadata)
            return
        }
        let code = answer.code.rawValue
        let lookup = SentStatusLookup(axis: axis, store: store)
        if let started = answer.sendStartedAt {
            // An earlier send may be on the axis: a kill or a lost reply came between it and our record of it.
            do {
                let found = try await lookup.find(code: code, from: agency.code, about: document, sentSince: started)
                if let found {
                    finish(answer, statusDocId: found, document: document, envelope: path, metadata: metadata)
                    return
                }
            } catch {
                failed(answer, "\(error)", permanent: false, metadata: metadata)
                return
            }
            if lookup.mayStillBeCommitting(since: started) {
                failed(
                    answer, "status \(code) is not listed yet and may still be committing; looking again",
                    permanent: false, metadata: metadata)
                return
            }
        }
        let statusDocId: String
        do {
            try store.noteAnswerSendStarted(answerId, at: Date())
            statusDocId = try await axis.sendEdoc(from: agency.code, messageType: .status, envelopePath: path)
        } catch let error as AxisError {
            if error.failureClass != .ambiguous { _ = try? store.noteAnswerSendStarted(answerId, at: nil) }
            if error.failureClass == .permanent {
                var message = error.description
                if case .fail(_, let description) = error.kind, !description.isEmpty { message = description }
                failed(answer, "the axis refused status \(code): \(message)", permanent: true, metadata: metadata)
            } else {
                failed(answer, "sending status \(code): \(error)", permanent: false, metadata: metadata)
            }
            return
        } catch {
            failed(
                answer, "cannot record that status \(code) is being sent: \(error)", permanent: false,
                metadata: metadata)
            return
        }
        finish(answer, statusDocId: statusDocId, document: document, envelope: path, metadata: metadata)
    }

    /// Records a status the axis has (sent now, or found after a lost reply) and tells the clerks in `answers.txt`.
    private func finish(
        _ answer: AnswerRecord, statusDocId: String, document: DocumentRecord, envelope path: String,
        metadata: Logger.Metadata
    ) {
        guard let answerId = answer.id else { return }
        let sentAt = Date()
        do {
            try store.markAnswerSent(answerId, statusDocId: statusDocId, now: sentAt)
        } catch {
            logger.error(
                "status \(answer.code.rawValue) was sent (DocId \(statusDocId)) but cannot be recorded: \(error)",
                metadata: metadata)
            return
        }
        logger.notice(
            "status \(answer.code.rawValue) (\(answer.code.english)) sent to \(document.counterpart ?? "?")",
            metadata: metadata)
        try? Directories.removeTree(path)
        if let folder = document.destinationPath {
            AnswersLog.append(
                AnswersLog.line(for: answer, sentAt: sentAt, timeZone: agency.timeZone), toFolder: folder,
                logger: logger, metadata: metadata)
        }
    }

    /// Records a failed attempt: retried later with backoff, or failed for good when permanent or when the retry
    /// policy allows no more attempts.
    private func failed(_ answer: AnswerRecord, _ message: String, permanent: Bool, metadata: Logger.Metadata) {
        guard let id = answer.id else { return }
        let attempts = answer.attempts + 1
        do {
            if permanent || !retry.allowsAnotherAttempt(after: attempts) {
                let why = permanent ? message : "\(message) (gave up after \(attempts) attempts)"
                logger.error("\(why)", metadata: metadata)
                try store.markAnswerFailed(id, error: why)
                try? Directories.removeTree(spool.answerEnvelope(of: id))
            } else {
                let delay = retry.delay(afterAttempt: attempts, random: Double.random(in: 0..<1))
                logger.warning("\(message); retrying in \(delay)", metadata: metadata)
                try store.recordAnswerAttemptFailed(
                    id, error: message, retryAt: Date().addingTimeInterval(delay.seconds))
            }
        } catch {
            logger.error("cannot record the failure of status \(answer.code.rawValue): \(error)", metadata: metadata)
        }
    }
}
