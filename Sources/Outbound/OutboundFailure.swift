/// Why an outbound step did not complete, and whether trying again can help.
struct OutboundFailure: Error, CustomStringConvertible {
    enum Disposition {
        /// Try the same step again later, with backoff (network, axis down, disk full).
        case transient
        /// A person must act: the document goes to `failed/` with ``clerkMessage``.
        case permanent
        /// The axis may have stored the document although we got no answer: look it up before sending again.
        case ambiguous
    }

    let disposition: Disposition
    /// For the log and `lienthong show`, in English.
    let description: String
    /// For the clerk's `x.pdf.error.txt`: what happened and what to do, Vietnamese first, then English.
    let clerkMessage: ClerkMessage?
    /// The signing key's trouble (token not present, wrong PIN, signing service down), shown by `lienthong status`
    /// until a document is signed again; nil for failures that are the document's own.
    var keyProblem: String? = nil
    /// The axis's trouble (it cannot be reached, answers 5xx, refuses our credentials or our clock), which every
    /// document would meet: the pipeline then holds its sends (``AxisGate``); nil for failures that are the
    /// document's own.
    var axisProblem: String? = nil

    static func transient(_ description: String) -> OutboundFailure {
        OutboundFailure(disposition: .transient, description: description, clerkMessage: nil)
    }

    /// A transient failure caused by the signing key: the document waits and `status` shows `problem`.
    static func signingKey(_ description: String, problem: String) -> OutboundFailure {
        OutboundFailure(disposition: .transient, description: description, clerkMessage: nil, keyProblem: problem)
    }

    /// A transient failure of an axis call that says nothing about the document: the axis's own trouble.
    static func axis(_ description: String, problem: String) -> OutboundFailure {
        OutboundFailure(disposition: .transient, description: description, clerkMessage: nil, axisProblem: problem)
    }

    static func permanent(_ description: String, clerk: ClerkMessage) -> OutboundFailure {
        OutboundFailure(disposition: .permanent, description: description, clerkMessage: clerk)
    }
}
