import AxisClient
import AxisProtocol
import CryptoPrimitives
import EdXML
import Foundation

/// The measured steps, run in order in one scratch directory: generate a random attachment, write it into an
/// edXML envelope, read the envelope back, upload it to the in-process axis and fetch it back as the recipient, by
/// downloadEdoc (raw) and by getEdoc (base64 inside JSON).
struct Benchmark {
    let attachmentBytes: Int64
    let directory: String
    let method: MemoryMethod
    /// Called after each step, so that progress shows during a long run.
    let progress: (StepResult) -> Void

    func run() async throws(BenchmarkError) -> [StepResult] {
        var results: [StepResult] = []
        func record(_ result: StepResult) {
            results.append(result)
            progress(result)
        }

        let source = path("source.bin")
        var measurement = StepMeasurement(method: method)
        let sourceDigest = try StreamingFiles.writeRandomFile(at: source, byteCount: attachmentBytes)
        record(result("generate random", attachmentBytes, measurement.finish(), hashMatches: nil))

        let envelope = path("document.edxml")
        measurement = StepMeasurement(method: method)
        try writeEnvelope(to: envelope, attachment: source)
        record(result("edXML write", attachmentBytes, measurement.finish(), hashMatches: nil))
        let envelopeDigest = try StreamingFiles.digest(ofFile: envelope)

        let decoded = path("decoded")
        try makeDirectory(decoded)
        measurement = StepMeasurement(method: method)
        let message = try readEnvelope(envelope, into: decoded)
        let readFigures = measurement.finish()
        let attachment = message.attachments.count == 1 ? message.attachments.first : nil
        let decodedDigest = try attachment.map { item throws(BenchmarkError) in
            try StreamingFiles.digest(ofFile: item.filePath).digest
        }
        record(result("edXML read", attachmentBytes, readFigures, hashMatches: decodedDigest == sourceDigest))
        if let attachment { try? FileManager.default.removeItem(atPath: attachment.filePath) }

        let axis = try BenchmarkAxis(
            dataDirectory: path("axis-data"), maximumBodyBytes: envelopeDigest.byteCount + (1 << 20))
        defer { axis.stop() }
        measurement = StepMeasurement(method: method)
        let docId: String
        do throws(AxisError) {
            docId = try await axis.senderClient.sendEdoc(
                from: BenchmarkAxis.senderCode, messageType: .edoc, envelopePath: envelope)
        } catch {
            throw .step(name: "axis upload", reason: error.description)
        }
        record(result("axis upload", envelopeDigest.byteCount, measurement.finish(), hashMatches: nil))

        let downloaded = path("downloaded.edxml")
        measurement = StepMeasurement(method: method)
        do throws(AxisError) {
            try await axis.recipientClient.downloadEdoc(docId: docId, to: downloaded)
        } catch {
            throw .step(name: "axis download", reason: error.description)
        }
        let downloadFigures = measurement.finish()
        let downloadedDigest = try StreamingFiles.digest(ofFile: downloaded).digest
        record(
            result(
                "axis download", envelopeDigest.byteCount, downloadFigures,
                hashMatches: downloadedDigest == envelopeDigest.digest))
        try? FileManager.default.removeItem(atPath: downloaded)

        // getEdoc: the envelope base64-encoded inside one JSON string, decoded by the client as it streams in.
        let fetched = path("fetched-by-getEdoc.edxml")
        measurement = StepMeasurement(method: method)
        do throws(AxisError) {
            try await axis.recipientClient.getEdoc(docId: docId, to: fetched)
        } catch {
            throw .step(name: "axis getEdoc", reason: error.description)
        }
        let getEdocFigures = measurement.finish()
        let fetchedDigest = try StreamingFiles.digest(ofFile: fetched).digest
        record(
            result(
                "axis getEdoc", envelopeDigest.byteCount, getEdocFigures,
                hashMatches: fetchedDigest == envelopeDigest.digest))
        return results
    }

    private func writeEnvelope(to envelope: String, attachment source: String) throws(BenchmarkError) {
        let header = DocumentHeader(
            from: Organization(organId: BenchmarkAxis.senderCode, organName: "UBND Tinh Nghe An"),
            to: [Organization(organId: BenchmarkAxis.recipientCode, organName: "Van phong Chinh phu")],
            documentId: "\(BenchmarkAxis.senderCode),2026/11/25,1/BENCH",
            code: .init(codeNumber: "1", codeNotation: "BENCH"),
            promulgationInfo: .init(place: "Nghe An", promulgationDate: "2026/11/25"),
            subject: "lienthong-bench: \(attachmentBytes >> 20) MiB attachment")
        let attachment = OutgoingAttachment(
            name: "random.bin", contentType: "application/octet-stream", sourcePath: source)
        do throws(EdXMLError) {
            try EdXMLWriter().writeDocument(
                header: header, traces: [], business: nil, attachments: [attachment], to: envelope)
        } catch {
            throw .step(name: "edXML write", reason: error.description)
        }
    }

    /// Reads with limits raised to fit this run's attachment (the defaults stop at 512 MiB per attachment).
    private func readEnvelope(_ envelope: String, into directory: String) throws(BenchmarkError) -> EdXMLMessage {
        var limits = EdXMLLimits.default
        limits.maxAttachmentBytes = max(limits.maxAttachmentBytes, attachmentBytes)
        limits.maxTotalAttachmentBytes = max(limits.maxTotalAttachmentBytes, attachmentBytes)
        limits.xml.maxInputBytes = max(limits.xml.maxInputBytes, attachmentBytes * 2 + (1 << 20))
        do throws(EdXMLError) {
            return try EdXMLReader(limits: limits).read(from: envelope, attachmentDirectory: directory)
        } catch {
            throw .step(name: "edXML read", reason: error.description)
        }
    }

    private func result(
        _ name: String, _ bytes: Int64, _ figures: (seconds: Double, peakBytes: Int64, peakGrowthBytes: Int64),
        hashMatches: Bool?
    ) -> StepResult {
        StepResult(
            name: name, bytes: bytes, seconds: figures.seconds, peakBytes: figures.peakBytes,
            peakGrowthBytes: figures.peakGrowthBytes, hashMatches: hashMatches)
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    private func makeDirectory(_ path: String) throws(BenchmarkError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        } catch {
            throw .io(operation: "create directory", path: path, reason: error.localizedDescription)
        }
    }
}
