import CryptoPrimitives
import Foundation

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

    /// Signs the PDF at `input` and writes the signed file to `output` (through a temporary file in the same
    /// directory, fsynced and renamed into place; an existing `output` is replaced). `input` is never modified,
    /// and nothing is written to `output` when signing or timestamping fails.
    ///
    /// With a timestamper, ``Timestamper/reservation`` bytes are reserved in `/Contents` on top of
    /// ``PAdESOptions/signatureCapacity``. The input is read once, in 64 KiB blocks; memory does not grow with its
    /// size.
    /// - Returns: the name of the new signature field, e.g. "Signature2".
    /// - Throws: ``PAdESError``; a timestamp authority that is down or refuses gives
    ///   ``PAdESError/signing(_:)`` with ``SigningError/timestampUnavailable(authority:detail:)`` or
    ///   ``SigningError/timestampRejected(authority:detail:)``, both worth retrying later.
    @discardableResult
    public func sign(pdfAt input: String, to output: String, options: PAdESOptions = .init())
        throws(PAdESError) -> String
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

        let file = try SignedFileOutput(finalPath: output)
        do {
            try file.copy(from: document.reader)
            do {
                try document.reader.confirmUnchanged()
            } catch {
                throw PAdESError.pdf(error)
            }
            try file.write(update.bytes)
            let base = document.fileSize
            let gap = (base + Int64(update.contentsRange.lowerBound))..<(base + Int64(update.contentsRange.upperBound))
            let total = base + Int64(update.bytes.count)
            let digest = try file.sha256(ranges: [0..<gap.lowerBound, gap.upperBound..<total])

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
            try file.write(Array(Hex.encode(signature).utf8), at: gap.lowerBound + 1)
            try file.commit()
        } catch let error as PAdESError {
            file.discard()
            throw error
        } catch {
            file.discard()
            throw .outputFailed(path: output, reason: "\(error)")
        }
        return update.fieldName
    }
}
