import COpenSSL
import Foundation

/// Verification of every signature in a received PDF.
public enum PDFSignatureVerifier {
    /// Checks each signature field of the PDF at `path`: the byte ranges (start at 0, in order, in bounds, and
    /// excluding exactly the `/Contents` string), the digest against the signed message-digest attribute, the CMS
    /// signature, the RFC 3161 signature timestamp when present (PAdES B-T: imprint over the signature value, token
    /// signature, TSA chain to the same trust anchors), the signer's chain to `trustedCertificatePaths` (PEM files
    /// of trust anchors) at the signing time (the timestamp's, else `/M`), and what the revisions after the signed
    /// one changed: each later revision is compared object by object with the one before it, and a change the
    /// signature does not permit (page content, annotations, fields beyond filling them, anything not understood)
    /// makes it not valid (``PDFSignatureReport/laterChanges``, ``ModificationAnalysis``).
    ///
    /// A broken or untrusted signature is reported in its ``PDFSignatureReport``, not thrown; an unsigned PDF gives
    /// an empty array. The file is streamed in 64 KiB blocks.
    ///
    /// - Throws: ``PAdESError/pdf(_:)`` for unreadable, encrypted or damaged files, ``PAdESError/signing(_:)`` when
    ///   a trusted certificate file cannot be loaded.
    public static func verify(pdfAt path: String, trustedCertificatePaths: [String]) throws(PAdESError)
        -> [PDFSignatureReport]
    {
        try verify(pdfAt: path, trustedCertificatePaths: trustedCertificatePaths, now: Date())
    }

    /// ``verify(pdfAt:trustedCertificatePaths:)`` with the clock as a parameter.
    static func verify(pdfAt path: String, trustedCertificatePaths: [String], now: Date) throws(PAdESError)
        -> [PDFSignatureReport]
    {
        var trusted: [X509Certificate] = []
        do {
            for trustedPath in trustedCertificatePaths {
                trusted += try X509Certificate.load(path: trustedPath, role: .trustedCertificate)
            }
        } catch {
            throw .signing(error)
        }
        let document: PDFDocument
        let fields: [(name: String, signature: PDFDictionary)]
        let revisionEnds: [ClosedRange<Int64>]
        do {
            document = try PDFDocument(path: path)
            fields = try signatureFields(document)
            revisionEnds = fields.isEmpty ? [] : try PDFRevisions.ends(document.reader)
        } catch {
            throw .pdf(error)
        }
        var reports: [PDFSignatureReport] = []
        for field in fields {
            reports.append(try report(field.name, field.signature, document, revisionEnds, trusted, now))
        }
        judgeLaterChanges(&reports, document)
        do {
            try document.reader.confirmUnchanged()
        } catch {
            throw .pdf(error)
        }
        return reports
    }

    private static func report(
        _ name: String,
        _ signature: PDFDictionary,
        _ document: PDFDocument,
        _ revisionEnds: [ClosedRange<Int64>],
        _ trusted: [X509Certificate],
        _ now: Date
    ) throws(PAdESError) -> PDFSignatureReport {
        let reader = document.reader
        var problems: [String] = []
        let byteRange =
            (try? document.resolve(signature["ByteRange"]).array)?.compactMap(\.integer).map(Int64.init)
            ?? []
        let contents = (try? document.resolve(signature["Contents"]).stringBytes) ?? []
        let subFilter = signature["SubFilter"]?.name
        var coveredEnd: Int64 = 0
        var rangesUsable = false
        if subFilter != "ETSI.CAdES.detached" && subFilter != "adbe.pkcs7.detached" {
            problems.append(
                "unsupported /SubFilter \(subFilter ?? "(none)"); only ETSI.CAdES.detached and "
                    + "adbe.pkcs7.detached are checked")
        } else if byteRange.count != 4 || byteRange[0] != 0 || byteRange[1] <= 0 || byteRange[2] <= byteRange[1]
            || byteRange[3] < 0 || byteRange[2] + byteRange[3] > reader.size
        {
            problems.append(
                "/ByteRange \(byteRange) is not two ordered ranges from the start of the file within "
                    + "its \(reader.size) bytes")
        } else if contents.isEmpty {
            problems.append("/Contents is empty")
        } else {
            coveredEnd = byteRange[2] + byteRange[3]
            do {
                if try gapHoldsContents(reader, byteRange[1]..<byteRange[2], contents) {
                    rangesUsable = true
                } else {
                    problems.append("the gap between the signed ranges is not exactly the /Contents string")
                }
            } catch {
                throw .pdf(error)
            }
        }

        let claimedTime = (try? document.resolve(signature["M"]).stringBytes).flatMap { PDFDate.date(text($0)) }
        var check: PDFSignatureCMSCheck?
        if rangesUsable {
            let ranges = [0..<byteRange[1], byteRange[2]..<coveredEnd]
            check = try PDFSignatureCMSCheck(
                der: contents, trusted: trusted, claimedTime: claimedTime, now: now
            ) {
                (md: OpaquePointer) throws(PDFError) in
                try digest(reader, ranges: ranges, algorithm: md)
            }
            problems += check?.integrityProblems ?? []
        }
        let integrityValid = rangesUsable && problems.isEmpty
        let chainProblem = check.map { $0.chainProblem } ?? "the signature could not be read"
        let timestampProblem = check?.timestampProblem
        if integrityValid, let timestampProblem { problems.append(timestampProblem) }
        if integrityValid, let chainProblem { problems.append("certificate chain: \(chainProblem)") }

        let revision = revisionEnds.firstIndex { $0.contains(coveredEnd) }
        if rangesUsable, revision == nil {
            problems.append("the signed ranges do not end at the end of a revision (%%EOF)")
        }
        let later = revisionEnds.filter { $0.lowerBound > coveredEnd }.count
        let docMDP: PDFDocMDPPermission?
        do {
            docMDP = try PDFDocMDPPermission.of(signature: signature, in: document)
        } catch {
            throw .pdf(error)
        }
        var modified = later > 0
        if !modified, rangesUsable, coveredEnd < reader.size {
            let trailing = (try? reader.read(at: coveredEnd, count: 3)) ?? []
            modified = trailing.count > 2 || trailing.contains { !PDFParser.isWhitespace($0) }
        }
        return PDFSignatureReport(
            fieldName: name,
            subFilter: subFilter,
            signerSubject: check?.signerSubject,
            signerSerialHex: check?.signerSerialHex,
            signingTime: claimedTime ?? check?.signingTime,
            byteRange: byteRange,
            integrityValid: integrityValid,
            chainValid: integrityValid && chainProblem == nil && timestampProblem == nil,
            problems: problems,
            modifiedAfterSigning: modified,
            laterChanges: .none,
            docMDP: docMDP,
            signedRevision: revision.map { $0 + 1 } ?? 0,
            laterRevisions: later,
            timestamp: check?.timestamp,
            notes: check?.notes ?? []
        )
    }

    /// Fills each report's ``PDFSignatureReport/laterChanges``. A signature whose ranges cannot be used proves
    /// nothing already; the others are judged against their own DocMDP level, or the document's certification when
    /// a certification signature precedes them.
    private static func judgeLaterChanges(_ reports: inout [PDFSignatureReport], _ document: PDFDocument) {
        let ends = reports.map {
            $0.byteRange.count == 4 && $0.integrityValid ? $0.byteRange[2] + $0.byteRange[3] : nil
        }
        let analysis = ModificationAnalysis(document: document, earliestEnd: ends.compactMap { $0 }.min())
        let certifications = zip(reports, ends).compactMap { report, end in
            report.docMDP.flatMap { level in end.map { (level: level, end: $0) } }
        }
        for index in reports.indices {
            guard let end = ends[index] else { continue }
            let certification = certifications.filter { $0.end <= end }.map(\.level).min()
            reports[index].laterChanges = analysis.laterChanges(
                signedEnd: end, own: reports[index].docMDP, certification: certification)
        }
    }

    /// Whether the bytes in `gap` are `<`, the hex of `contents`, `>`.
    private static func gapHoldsContents(_ reader: PDFFileReader, _ gap: Range<Int64>, _ contents: [UInt8])
        throws(PDFError) -> Bool
    {
        guard gap.count == 2 * contents.count + 2, gap.count <= 2 * PDFLimits.standard.maxObjectBytes else {
            return false
        }
        let bytes = try reader.read(at: gap.lowerBound, count: Int(gap.count))
        guard bytes.count == gap.count, bytes.first == UInt8(ascii: "<"), bytes.last == UInt8(ascii: ">") else {
            return false
        }
        for (index, byte) in contents.enumerated() {
            guard let high = PDFParser.hexValue(bytes[1 + 2 * index]),
                let low = PDFParser.hexValue(bytes[2 + 2 * index]),
                high << 4 | low == byte
            else { return false }
        }
        return true
    }

    private static func digest(_ reader: PDFFileReader, ranges: [Range<Int64>], algorithm: OpaquePointer)
        throws(PDFError) -> [UInt8]
    {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, algorithm, nil) == 1 else {
            throw .unreadable(path: reader.path, reason: "OpenSSL cannot start a digest")
        }
        defer { EVP_MD_CTX_free(context) }
        for range in ranges {
            var offset = range.lowerBound
            while offset < range.upperBound {
                let chunk = try reader.read(at: offset, count: Int(min(65_536, range.upperBound - offset)))
                guard !chunk.isEmpty else { throw .damaged(path: reader.path, detail: "the file ended early") }
                chunk.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
                offset += Int64(chunk.count)
            }
        }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &output, &length)
        return Array(output.prefix(Int(length)))
    }

    /// Signature fields with a value, through `/Kids`, with their full names (`parent.child`).
    static func signatureFields(_ document: PDFDocument) throws(PDFError) -> [(name: String, signature: PDFDictionary)]
    {
        guard let acroForm = try document.resolve(document.catalog()["AcroForm"]).dictionary,
            let roots = try document.resolve(acroForm["Fields"]).array
        else { return [] }
        var found: [(String, PDFDictionary)] = []
        var visited: Set<Int> = []
        var pending: [(PDFObject, String, String?, Int)] = roots.reversed().map { ($0, "", nil, 0) }
        while let (object, prefix, inheritedType, depth) = pending.popLast() {
            guard depth <= document.limits.maxDepth, visited.count < 100_000 else {
                throw .limitExceeded(path: document.path, detail: "the form field tree is too large or too deep")
            }
            if let reference = object.reference, !visited.insert(reference.number).inserted { continue }
            guard let field = try document.resolve(object).dictionary else { continue }
            let partial = field["T"]?.stringBytes.map(text)
            let name = [prefix, partial ?? ""].filter { !$0.isEmpty }.joined(separator: ".")
            let type = field["FT"]?.name ?? inheritedType
            if let kids = try document.resolve(field["Kids"]).array {
                pending += kids.reversed().map { ($0, name, type, depth + 1) }
            }
            if type == "Sig", let value = try document.resolve(field["V"]).dictionary {
                found.append((name, value))
            }
        }
        return found
    }

    /// A PDF text string: UTF-16BE with a byte order mark, else PDFDocEncoding (read as Latin-1).
    static func text(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFE, 0xFF]) {
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map {
                UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])
            }
            return String(decoding: units, as: UTF16.self)
        }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
