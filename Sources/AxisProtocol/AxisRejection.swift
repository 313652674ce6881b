/// Why the axis refused a request, as the `ErrorCode` and `ErrorDesc` of a FAIL reply.
///
/// Descriptions follow the real axis's style: Vietnamese without diacritics, naming the offending value, e.g.
/// `Don vi gui 002.00.20.H13 khong dung voi ma da dang ky: vxp.saas.03`.
public struct AxisRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// One of ``AxisErrorCode``.
    public let errorCode: String
    public let errorDescription: String

    public init(errorCode: String, errorDescription: String) {
        self.errorCode = errorCode
        self.errorDescription = errorDescription
    }

    public var description: String { "ErrorCode \(errorCode): \(errorDescription)" }

    /// The reply body the axis sends for this rejection (HTTP 200, `status: FAIL`).
    public var reply: AxisReply { .fail(errorCode: errorCode, errorDescription: errorDescription) }

    public static func missingHeader(_ name: String) -> AxisRejection {
        AxisRejection(errorCode: AxisErrorCode.missingParameter, errorDescription: "Thieu tham so: \(name)")
    }

    public static let invalidSignature = AxisRejection(
        errorCode: AxisErrorCode.invalidSignature,
        errorDescription: "Chu ky khong hop le (XroadVnpt-hash-header khong khop)"
    )

    public static func malformedSignHeader(_ reason: String) -> AxisRejection {
        AxisRejection(
            errorCode: AxisErrorCode.headerMismatch,
            errorDescription: "XroadVnpt-sign-header khong hop le: \(reason)"
        )
    }

    public static func headerMismatch(_ name: String) -> AxisRejection {
        AxisRejection(
            errorCode: AxisErrorCode.headerMismatch,
            errorDescription: "Tham so \(name) khong khop voi chu ky"
        )
    }

    public static func unknownSystem(_ systemId: String) -> AxisRejection {
        AxisRejection(
            errorCode: AxisErrorCode.unknownSystem,
            errorDescription: "Ma he thong \(systemId) chua duoc dang ky"
        )
    }

    public static func invalidTimestamp(_ value: String) -> AxisRejection {
        AxisRejection(errorCode: AxisErrorCode.invalidTimestamp, errorDescription: "Thoi gian khong hop le: \(value)")
    }

    public static func wrongSender(from: String, systemId: String) -> AxisRejection {
        AxisRejection(
            errorCode: AxisErrorCode.wrongSender,
            errorDescription: "Don vi gui \(from) khong dung voi ma da dang ky: \(systemId)"
        )
    }

    public static func unknownRecipient(_ code: String) -> AxisRejection {
        AxisRejection(
            errorCode: AxisErrorCode.unknownRecipient,
            errorDescription: "Khong tim thay don vi nhan: \(code)"
        )
    }

    public static func invalidDocument(_ reason: String) -> AxisRejection {
        AxisRejection(errorCode: AxisErrorCode.invalidDocument, errorDescription: "Van ban khong hop le: \(reason)")
    }

    public static let hashMismatch = AxisRejection(
        errorCode: AxisErrorCode.hashMismatch,
        errorDescription: "Ma bam tep tin (hash-file) khong khop voi noi dung"
    )

    public static func documentNotFound(_ docId: String) -> AxisRejection {
        AxisRejection(errorCode: AxisErrorCode.documentNotFound, errorDescription: "Khong tim thay van ban: \(docId)")
    }

    public static func unknownMethod(_ name: String) -> AxisRejection {
        AxisRejection(errorCode: AxisErrorCode.unknownMethod, errorDescription: "Phuong thuc khong ton tai: \(name)")
    }

    public static let internalError = AxisRejection(
        errorCode: AxisErrorCode.internalError,
        errorDescription: "Loi he thong, vui long thu lai sau"
    )
}
