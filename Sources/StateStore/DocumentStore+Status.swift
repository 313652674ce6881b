import Foundation
import GRDB

/// The queries behind `lienthong status` (and its JSON form): what waits now, what needs a person, what was done.
extension DocumentStore {
    /// How many documents each agency has in each state.
    public func countsByAgencyAndState() throws -> [String: [DocumentState: Int]] {
        try pool.read { db in
            var counts: [String: [DocumentState: Int]] = [:]
            let rows = try Row.fetchAll(
                db, sql: "SELECT agency, state, COUNT(*) AS n FROM documents GROUP BY agency, state")
            for row in rows {
                guard let state = DocumentState(rawValue: row["state"]) else { continue }
                counts[row["agency"], default: [:]][state] = row["n"]
            }
            return counts
        }
    }

    /// Documents still being worked on (not in a final state), oldest first: what is stuck is at the top. Only one
    /// agency's in one direction when they are given.
    public func waiting(limit: Int, agency: String? = nil, direction: Direction? = nil) throws -> [DocumentRecord] {
        try pool.read { db in try waitingRequest(agency: agency, direction: direction).limit(limit).fetchAll(db) }
    }

    /// How many documents ``waiting(limit:agency:direction:)`` would list without a limit.
    public func waitingCount(agency: String? = nil, direction: Direction? = nil) throws -> Int {
        try pool.read { db in try waitingRequest(agency: agency, direction: direction).fetchCount(db) }
    }

    private func waitingRequest(agency: String?, direction: Direction?) -> QueryInterfaceRequest<DocumentRecord> {
        let active = DocumentState.allCases.filter { !$0.isTerminal }.map(\.rawValue)
        var request = DocumentRecord.filter(active.contains(Column("state")))
        if let agency { request = request.filter(Column("agency") == agency) }
        if let direction { request = request.filter(Column("direction") == direction.rawValue) }
        return request.order(Column("id"))
    }

    /// Documents that ended where a person must act: outbound `failed`, inbound `quarantined`, newest first, at most
    /// `limit` of them. Whether the person already did (moved the file away) is for the caller to see on disk.
    public func endedForAPerson(limit: Int) throws -> [DocumentRecord] {
        try pool.read { db in
            try DocumentRecord
                .filter([DocumentState.failed.rawValue, DocumentState.quarantined.rawValue].contains(Column("state")))
                .order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }
}
