import CryptoPrimitives
import Foundation

/// PAdES baseline B-B signatures (ETSI EN 319 142-1) on PDFs, as an incremental update.
///
/// The original bytes are copied unchanged and an update is appended: an invisible signature field on page 1 and
/// a `/ByteRange` + `/Contents` signature dictionary (`/SubFilter /ETSI.CAdES.detached`) whose CMS SignedData
/// covers the whole file except its own `/Contents`. Earlier signatures stay valid. Files with classic
/// cross-reference tables and with cross-reference and object streams are supported; encrypted and damaged files
/// are refused.
///
/// Safe to use from several tasks at once.
public struct PAdESSigner: Sendable {
    public let identity: SigningIdentity

    public init(identity: SigningIdentity) {
        self.identity = identity
    }

    /// Signs the PDF at `input` and writes the signed file to `output` (through a temporary file in the same
    /// directory, fsynced and renamed into place; an existing `output` is replaced). `input` is never modified.
    ///
    /// The input is read once, in 64 KiB blocks; memory does not grow with its size.
    /// - Returns: the name of the new signature field, e.g. "Signature2".
    @discardableResult
    public func sign(pdfAt input: String, to output: String, options: PAdESOptions = .init())
        throws(PAdESError) -> String
    {
        do {
            try identity.checkValidity()
        } catch {
            throw .signing(error)
        }
        let document: PDFDocument
        let update: PDFIncrementalUpdate
        do {
            document = try PDFDocument(path: input)
            update = try PDFIncrementalUpdate.build(
                document: document, options: options, signingTime: options.signingTime ?? Date())
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
                signature = try PAdESCMS.signature(digest: digest, identity: identity)
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
