import AxisProtocol
import Foundation

/// One verified axis call: the method, the HTTP request and the signed parameters of a registered system.
struct AxisCall {
    let method: AxisMethod
    let request: HTTPRequest
    let verified: VerifiedRequest
    let system: AxisSimulatorConfiguration.System

    func parameter(_ name: String) -> String? {
        verified.parameter(name)?.trimmingCharacters(in: .whitespaces)
    }

    /// The agencies the call acts for: the signed `from` if present (it must be registered for the system), else
    /// every agency of the system.
    func callerAgencies() throws(AxisRejection) -> [String] {
        guard let from = parameter("from"), !from.isEmpty else { return system.agencies }
        guard system.agencies.contains(from) else {
            throw .wrongSender(from: from, systemId: system.systemId)
        }
        return [from]
    }

    /// `messagetype` read liberally; nil when absent.
    func messageType() throws(AxisRejection) -> AxisMessageType? {
        guard let value = parameter("messagetype"), !value.isEmpty else { return nil }
        guard let type = AxisMessageType(headerValue: value) else {
            throw AxisRejection(
                errorCode: AxisErrorCode.missingParameter,
                errorDescription: "Tham so messagetype khong hop le: \(value) (edoc hoac status)")
        }
        return type
    }

    func requiredParameter(_ name: String) throws(AxisRejection) -> String {
        guard let value = parameter(name), !value.isEmpty else { throw .missingHeader(name) }
        return value
    }
}
