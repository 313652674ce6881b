/// `ErrorCode` values in axis replies.
///
/// Only `"0"` (success) is documented by the real axis. The other codes are lienthong's own, used by the simulator
/// and understood by the client; the real axis's failure codes are unknown, so the client also reads the wording of
/// `ErrorDesc` (see `AxisFailureClass` in AxisClient). Keep this list and the client's classification table in step.
public enum AxisErrorCode {
    /// Success.
    public static let ok = "0"
    /// The axis failed internally; try again later.
    public static let internalError = "-1"
    /// `XroadVnpt-hash-header` does not match the HMAC of `XroadVnpt-sign-header`.
    public static let invalidSignature = "1"
    /// The `systemid` is not registered on the axis.
    public static let unknownSystem = "2"
    /// A required parameter (header) is missing.
    public static let missingParameter = "3"
    /// A `XroadVnpt-*` header differs from its value in the signed JSON, or the signed JSON is malformed.
    public static let headerMismatch = "4"
    /// `from` is not the agency registered for the system id.
    public static let wrongSender = "5"
    /// A recipient agency code is unknown to the axis.
    public static let unknownRecipient = "6"
    /// The document or status message failed validation.
    public static let invalidDocument = "7"
    /// `hash-file` does not match the body.
    public static let hashMismatch = "8"
    /// No document with that `docId` is available to this system.
    public static let documentNotFound = "9"
    /// The method does not exist on this axis.
    public static let unknownMethod = "10"
    /// The `timestamp` header is missing or unreadable.
    public static let invalidTimestamp = "11"
}
