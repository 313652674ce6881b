import Config
import Logging

/// Why a document is secret (văn bản mật). Decision 28/2018/QĐ-TTg sends every document on the axis except secret
/// ones, so a secret document is never signed, packaged or sent: it goes to `failed/` with a reason for the clerk,
/// and the journal records it at warning level.
///
/// The rule is checked where a document is recorded (its folder), where its metadata file is read at the claim, and
/// again just before it is signed, so that no crash between those points can let a secret document through.
enum SecretMarking: Equatable, CustomStringConvertible {
    /// Dropped in `outbox/<folder>/`, a folder listed in the agency's `secret_folders`.
    case folder(String)
    /// Its metadata file says `do_mat: <level>` with a level other than none.
    case metadata(level: String)

    /// The marking of a document from where it was dropped and, when `sidecar` is given, its metadata file.
    static func of(relativeComponents: [String], agency: AgencyConfig, sidecar: SidecarReading = .absent)
        -> SecretMarking?
    {
        if let folder = agency.secretFolder(relativeComponents: relativeComponents) { return .folder(folder) }
        if let sidecar = sidecar.sidecar, sidecar.isMarkedSecret { return .metadata(level: sidecar.secrecy ?? "") }
        return nil
    }

    /// The marking of a claimed document, from its place in the outbox and the metadata file in the spool.
    static func of(_ metadata: OutboundMetadata) -> SecretMarking? {
        of(relativeComponents: metadata.relativeComponents, agency: metadata.agency, sidecar: metadata.sidecar)
    }

    var description: String {
        switch self {
        case .folder(let folder): "it was dropped in outbox/\(folder)/, a folder listed in secret_folders"
        case .metadata(let level): "its metadata file marks it secret (do_mat: \(level))"
        }
    }

    /// The permanent failure that files the document in `failed/`, with the clerk's explanation.
    var failure: OutboundFailure {
        .permanent("a secret document is never signed or sent on the axis: \(description)", clerk: .secret(self))
    }

    /// Records the refusal in the journal, at warning level: an admin should know a secret document reached the
    /// outbox of a system connected to the axis.
    func log(documentID: Int64, fileName: String, logger: Logger) {
        logger.warning(
            "secret document refused: never signed or sent (\(description))",
            metadata: ["DOC_ID": "\(documentID)", "FILE": "\(fileName)"])
    }
}
