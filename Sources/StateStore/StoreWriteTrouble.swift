import GRDB

/// Why the state database refused a write that can succeed later without anyone touching the document: a full
/// disk (SQLite cannot grow the database or its WAL) or another process holding the write lock past the busy
/// timeout (an admin's `sqlite3` shell, say). Work refused this way is kept and offered again.
public enum StoreWriteTrouble: Sendable, Equatable {
    case diskFull
    case locked

    /// The trouble behind `error`, or nil when it is another kind of failure.
    public init?(_ error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .locked
        default: return nil
        }
    }

    /// In words for the journal and `lienthong status`, naming the database.
    public func description(database path: String) -> String {
        switch self {
        case .diskFull:
            "disk full on \(path) (the state database cannot grow): free space there; lienthong retries on its own"
        case .locked:
            "the state database \(path) is locked by another process (an sqlite3 shell?): close it; lienthong "
                + "retries on its own"
        }
    }
}
