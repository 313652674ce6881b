import Config
import EdXML
import Foundation
import Signing

/// What was found about one signature over one received attachment: an embedded PDF signature (PAdES) or a
/// detached `.p7s` (CMS). Written to `signatures.txt` and, with these keys, to `document.json` under `signatures`.
struct SignatureCheck: Codable, Sendable, Equatable {
    enum Kind: String, Codable, Sendable {
        /// A signature field inside the PDF.
        case pdf
        /// A detached CMS signature in `<file>.p7s`.
        case detached
    }

    /// The verdict on one signature, most serious first.
    enum Outcome: String, Codable, Sendable {
        /// The signed bytes were altered, or the signature belongs to other content: the document was tampered with.
        case integrityBroken = "integrity_broken"
        /// The signature is intact, but a later revision of the PDF made a change it does not permit (page content,
        /// annotations, fields beyond filling them) or that cannot be analysed: what was signed is not what arrived.
        case modifiedAfterSigning = "modified_after_signing"
        /// The signature or the file cannot be read (damaged PDF, malformed `.p7s`, unsupported format).
        case unreadable
        /// Intact, but the signer's certificate does not chain to `inbound.trusted_roots` (or is expired).
        case untrusted
        /// Intact and trusted.
        case valid
    }

    /// The attachment (its name in the inbox folder).
    var file: String
    var kind: Kind
    /// For ``Kind/detached``: the `.p7s` file's name.
    var signatureFile: String?
    /// For ``Kind/pdf``: the signature field's name.
    var field: String?
    /// The signer certificate's common name (CN).
    var signerName: String?
    /// The signer certificate's organisation (O).
    var organization: String?
    /// The whole subject, RFC 2253 one-line form.
    var subject: String?
    /// The signer certificate's serial number, lowercase hex.
    var serial: String?
    /// The signing time the signer claims (`/M` or the signing-time attribute), ISO 8601 in Vietnam time.
    var signingTime: String?
    var outcome: Outcome
    /// Intact, but the PDF was updated after this signature in a way it does not permit (``Outcome/modifiedAfterSigning``
    /// when the signature is otherwise good). Only meaningful for ``Kind/pdf``; the signature then proves an earlier
    /// revision, not the file as delivered. Updates it permits (later signatures, form filling, validation data)
    /// are in ``laterChanges`` and leave this false.
    var changedAfterSigning: Bool
    /// For ``Kind/pdf``: what the revisions after the signed one changed; nil for detached signatures and when the
    /// signature's ranges could not be used.
    var laterChanges: LaterChanges?
    /// For a certification (author) signature: the DocMDP level, 1 (no changes), 2 (form filling and signing) or
    /// 3 (also annotations).
    var docMDP: Int?
    /// Why it is not valid, in the verifier's words (English), file paths reduced to the file's name.
    var problems: [String]
    /// The RFC 3161 timestamp (PAdES B-T), when the signature carries one.
    var timestamp: Timestamp?
    /// Worth telling even when valid (e.g. the certificate expired after the timestamped signing time).
    var notes: [String]

    /// The later revisions of a PDF as judged against the signature.
    struct LaterChanges: Codable, Sendable, Equatable {
        enum Status: String, Codable, Sendable {
            /// The signature covers the whole file.
            case none
            /// Only changes the signature permits.
            case permitted
            /// A change it does not permit, or one that cannot be analysed.
            case notPermitted = "not_permitted"
        }

        var status: Status
        /// The permitted kinds found (``PDFPermittedChange`` raw values, e.g. `signature`, `form_filling`).
        var kinds: [String]
        /// Why the change is not permitted, Vietnamese.
        var reasonVietnamese: String?
        /// Why the change is not permitted, English.
        var reasonEnglish: String?

        init(_ changes: PDFLaterChanges) {
            switch changes {
            case .none:
                self.init(status: .none, kinds: [])
            case .permitted(let kinds):
                self.init(status: .permitted, kinds: kinds.map(\.rawValue))
            case .notPermitted(let problem):
                self.init(
                    status: .notPermitted, kinds: [], reasonVietnamese: problem.vietnamese,
                    reasonEnglish: problem.english)
            }
        }

        init(status: Status, kinds: [String], reasonVietnamese: String? = nil, reasonEnglish: String? = nil) {
            self.status = status
            self.kinds = kinds
            self.reasonVietnamese = reasonVietnamese
            self.reasonEnglish = reasonEnglish
        }

        enum CodingKeys: String, CodingKey {
            case status, kinds
            case reasonVietnamese = "reason_vi"
            case reasonEnglish = "reason_en"
        }
    }

    /// A signature timestamp: the time an authority vouches for, which proves when the signature was made.
    struct Timestamp: Codable, Sendable, Equatable {
        /// ISO 8601 in Vietnam time.
        var time: String?
        /// The timestamp authority's certificate subject.
        var authority: String?
        var valid: Bool
    }

    /// Takes the signer's name and organisation from `subject`, and shows `signingTime` in `timeZone` (the agency's
    /// `time_zone`).
    init(
        file: String, kind: Kind, signatureFile: String? = nil, field: String? = nil, subject: String? = nil,
        serial: String? = nil, signingTime: Date? = nil, outcome: Outcome, changedAfterSigning: Bool,
        problems: [String], laterChanges: PDFLaterChanges? = nil, docMDP: PDFDocMDPPermission? = nil,
        timestamp: TimestampReport? = nil, notes: [String] = [], timeZone: CivilTimeZone = .vietnam
    ) {
        let name = subject.map(DistinguishedName.init)
        self.file = file
        self.kind = kind
        self.signatureFile = signatureFile
        self.field = field
        self.signerName = name?.commonName
        self.organization = name?.organization
        self.subject = subject
        self.serial = serial
        self.signingTime = signingTime.map(timeZone.iso8601)
        self.outcome = outcome
        self.changedAfterSigning = changedAfterSigning
        self.problems = problems
        self.laterChanges = laterChanges.map(LaterChanges.init)
        self.docMDP = docMDP?.rawValue
        self.timestamp = timestamp.map {
            Timestamp(time: $0.time.map(timeZone.iso8601), authority: $0.authority, valid: $0.isValid)
        }
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey {
        case file, kind, field, subject, serial, outcome, problems, organization, timestamp, notes
        case signatureFile = "signature_file"
        case signerName = "signer_name"
        case signingTime = "signing_time"
        case changedAfterSigning = "changed_after_signing"
        case laterChanges = "later_changes"
        case docMDP = "docmdp"
    }

    /// Valid and covering the file as delivered (up to changes the signature permits).
    var coversWholeFile: Bool { outcome == .valid && !changedAfterSigning }
}
