import CryptoPrimitives
import Foundation
import SystemSupport

/// PAdES baseline signatures (ETSI EN 319 142-1) on PDFs, as an incremental update: B-B, or B-T when a
/// ``Timestamper`` is configured (an RFC 3161 token over the signature value, in the CMS).
///
/// The original bytes are copied unchanged and an update is appended: an invisible signature field on page 1 and
/// a `/ByteRange` + `/Contents` signature dictionary (`/SubFilter /ETSI.CAdES.detached`) whose CMS SignedData
/// covers the whole file except its own `/Contents`. Earlier signatures stay valid. Files with classic
/// cross-reference tables and with cross-reference and object streams are supported; encrypted and damaged files
/// are refused.
///
/// The key is any ``SigningKey``: a key file (``SigningIdentity``), a token or a remote signing service.
/// Safe to use from several tasks at once.
public struct PAdESSigner: Sendable {
    public let key: any SigningKey
    public let timestamper: Timestamper?

    public init(key: any SigningKey, timestamper: Timestamper? = nil) {
        self.key = key
        self.timestamper = timestamper
    }

    public init(identity: SigningIdentity, timestamper: Timestamper? = nil) {
        self.init(key: identity, timestamper: timestamper)
    }

    /// Signs the PDF at `input` and writes the signed file to `output` with a `DurableFileWriter` (mode 0644): after
    /// a crash `output` holds the whole signed file or what was there before. An existing `output` is replaced: the
    /// outbound pipeline signs again into the same spool file when a restart repeats the step. `input` is never
    /// modified, and nothing is written to `output` when signing or timestamping fails.
    ///
    /// With a timestamper, ``Timestamper/reservation`` bytes are reserved in `/Contents` on top of
    /// ``PAdESOptions/signatureCapacity``. The input is read once, in 64 KiB blocks; memory does not grow with its
    /// size.
    /// - Returns: the new signature field: its name, e.g. "Signature2", and whether the visible box was drawn.
    /// - Throws: ``PAdESError``; a timestamp authority that is down or refuses gives
    ///   ``PAdESError/signing(_:)`` with ``SigningError/timestampUnavailable(authority:detail:)`` or
    ///   ``SigningError/timestampRejected(authority:detail:)``, both worth retrying later.
    @discardableResult
    public func sign(pdfAt input: String, to output: String, options: PAdESOptions = .init())
        throws(PAdESError) -> PAdESSignedField
    {
        var syncs = DirectorySyncs()
        let field = try sign(pdfAt: input, to: output, options: options, syncs: &syncs)
        do {
            try syncs.sync()
        } catch {
            throw .outputFailed(error)
        }
        return field
    }

    /// ``sign(pdfAt:to:options:)`` whose `fsync` of `output`'s directory is added to `syncs`: the signed file's
    /// bytes are durable when it returns, its name only after `syncs.sync()`.
    @discardableResult
    public func sign(
        pdfAt input: String, to output: String, options: PAdESOptions = .init(), syncs: inout DirectorySyncs
    )
        throws(PAdESError) -> PAdESSignedField
    {
        var options = options
        if timestamper != nil { options.signatureCapacity += Timestamper.reservation }
        let signingTime = options.signingTime ?? Date()
        let document: PDFDocument
        let update: PDFIncrementalUpdate
        do {
            document = try PDFDocument(path: input)
            update = try PDFIncrementalUpdate.build(document: document, options: options, signingTime: signingTime)
        } catch {
            throw .pdf(error)
        }

        let file: DurableFileWriter
        do {
            file = try DurableFileWriter(creating: output, mode: 0o644, replaceExisting: true)
        } catch {
            throw .outputFailed(error)
        }
        do throws(PAdESError) {
            try copy(document.reader, to: file)
            do {
                try document.reader.confirmUnchanged()
            } catch {
                throw PAdESError.pdf(error)
            }
            try outputStep { () throws(SystemError) in try file.write(update.bytes) }
            let base = document.fileSize
            let gap = (base + Int64(update.contentsRange.lowerBound))..<(base + Int64(update.contentsRange.upperBound))
            let total = base + Int64(update.bytes.count)
            let digest = try Self.sha256(of: file, ranges: [0..<gap.lowerBound, gap.upperBound..<total])

            let signature: [UInt8]
            do {
                // No signing-time attribute: PAdES B-B forbids it (ETSI EN 319 142-1 5.2.1); the time is /M.
                signature = try CMSSignedDataBuilder.signature(
                    digest: digest, key: key, signingTime: nil, timestamper: timestamper)
            } catch {
                throw PAdESError.signing(error)
            }
            guard signature.count <= options.signatureCapacity else {
                throw PAdESError.signatureTooLarge(size: signature.count, capacity: options.signatureCapacity)
            }
            try outputStep { () throws(SystemError) in
                try file.write(Array(Hex.encode(signature).utf8), at: gap.lowerBound + 1)
                try file.publish(syncs: &syncs)
            }
        } catch {
            file.abandon()
            throw error
        }
        return PAdESSignedField(name: update.fieldName, isVisible: update.isVisible)
    }

    /// Copies the original PDF, unchanged, to the start of `file`.
    private func copy(_ reader: PDFFileReader, to file: DurableFileWriter) throws(PAdESError) {
        do {
            try reader.stream(0..<reader.size) { chunk in try file.write(chunk) }
        } catch let error as PDFError {
            throw .pdf(error)
        } catch let error as SystemError {
            throw .outputFailed(error)
        } catch {
            throw .pdf(.unreadable(path: reader.path, reason: "\(error)"))
        }
    }

    /// SHA-256 of `ranges` of what has been written, read back from the file in 64 KiB blocks.
    private static func sha256(of file: DurableFileWriter, ranges: [Range<Int64>]) throws(PAdESError) -> [UInt8] {
        let hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 16)
        defer { buffer.deallocate() }
        for range in ranges {
            var offset = range.lowerBound
            while offset < range.upperBound {
                let wanted = Int(min(Int64(buffer.count), range.upperBound - offset))
                let count = try outputStep { () throws(SystemError) in
                    try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]), at: offset)
                }
                guard count > 0 else {
                    throw .outputFailed(SystemError(operation: "read back", path: file.destination, errno: EIO))
                }
                hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                offset += Int64(count)
            }
        }
        return hasher.finalize().bytes
    }
}

/// Runs a step on the signed file being written; its failure is ``PAdESError/outputFailed(_:)``.
private func outputStep<Result>(_ step: () throws(SystemError) -> Result) throws(PAdESError) -> Result {
    do {
        return try step()
    } catch {
        throw .outputFailed(error)
    }
}
