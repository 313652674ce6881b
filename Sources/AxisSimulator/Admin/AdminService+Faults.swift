import Foundation

/// `/admin/faults`: fault rules for tests, in the JSON of `AxisFaultRule+JSON.swift`.
///
/// - `POST` a rule (`{"method":"sendEdoc","count":2,"fault":{"kind":"http_status","status":503}}`) or a list of
///   rules: 200 with `{"status":"OK","rules":[…the added rules with ids…]}`, or 400 with a message naming the field.
/// - `GET`: 200 with `{"rules":[…]}`, each with its `remaining` count, in the order they apply.
/// - `DELETE`: 200 with `{"status":"OK","cleared":N}`.
extension AdminService {
    struct FaultList: Encodable {
        let rules: [AxisFaultRule]
    }

    struct FaultsAdded: Encodable {
        let status: String
        let rules: [AxisFaultRule]
    }

    struct FaultsCleared: Encodable {
        let status: String
        let cleared: Int
    }

    func addFaults(_ request: HTTPRequest) -> HTTPResponse {
        guard case .file(let path, _, _) = request.body,
            let body = FileManager.default.contents(atPath: path)
        else {
            return .text(AxisFaultRuleError.notJSON("the body is empty").description, status: 400)
        }
        let rules: [AxisFaultRule]
        do {
            rules = try AxisFaultRule.parseRequest(body)
        } catch {
            logger.notice("refused fault rules: \(error)")
            return .text(error.description, status: 400)
        }
        let added = faultPlan.add(rules)
        for rule in added {
            let caller = rule.systemId.map { " from \($0)" } ?? ""
            logger.notice(
                "fault rule \(rule.id): next \(rule.count) \(rule.method.rawValue) calls\(caller): \(rule.kind.name)")
        }
        return .json(FaultsAdded(status: "OK", rules: added))
    }
}
