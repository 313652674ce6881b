/// The common part of every axis reply: `status`, `ErrorCode`, `ErrorDesc`.
public struct AxisReply: Sendable, Equatable {
    /// `OK` or `FAIL` (any other text is kept as received; empty when absent).
    public let status: String
    /// `"0"` on success; empty when absent.
    public let errorCode: String
    /// The axis's explanation, Vietnamese without diacritics; empty when absent.
    public let errorDescription: String

    public init(status: String, errorCode: String, errorDescription: String) {
        self.status = status
        self.errorCode = errorCode
        self.errorDescription = errorDescription
    }

    public static let ok = AxisReply(status: "OK", errorCode: AxisErrorCode.ok, errorDescription: "")

    public static func fail(errorCode: String, errorDescription: String) -> AxisReply {
        AxisReply(status: "FAIL", errorCode: errorCode, errorDescription: errorDescription)
    }

    /// True when the axis reports success.
    ///
    /// The documented success is `status: "OK"` with `ErrorCode: "0"`. Read liberally: the status is compared
    /// ignoring case; an absent `ErrorCode` with status OK, or an absent status with `ErrorCode` 0, also counts as
    /// success. Everything else, including a reply with neither field, is a failure.
    public var isOK: Bool {
        let statusOK = status.trimmingASCIIWhitespace().uppercased() == "OK"
        let code = errorCode.trimmingASCIIWhitespace()
        if status.isEmpty { return code == AxisErrorCode.ok }
        return statusOK && (code.isEmpty || code == AxisErrorCode.ok)
    }

    /// Reads the common fields; does not judge success (see ``isOK``).
    public static func parse(_ bytes: [UInt8]) throws(AxisReplyError) -> AxisReply {
        AxisReply(try ReplyObject.parse(bytes))
    }

    init(_ object: ReplyObject) {
        self.init(
            status: object.string("status") ?? "",
            errorCode: object.string("ErrorCode", "error_code", "code") ?? "",
            errorDescription: object.string("ErrorDesc", "ErrorDescription", "message") ?? ""
        )
    }

    var jsonMembers: [(key: String, value: JSONText.Value)] {
        [("status", .string(status)), ("ErrorCode", .string(errorCode)), ("ErrorDesc", .string(errorDescription))]
    }

    /// The reply as the axis writes it: `{"status":"OK","ErrorCode":"0","ErrorDesc":""}`.
    public func jsonBytes() -> [UInt8] { JSONText.bytes(.object(jsonMembers)) }

    /// Throws ``AxisReplyError/fail(_:)`` unless ``isOK``.
    func requireOK() throws(AxisReplyError) {
        guard isOK else { throw .fail(self) }
    }
}
