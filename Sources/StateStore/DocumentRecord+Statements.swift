import GRDB

/// The statements every step of every document runs (fetch by id, update, insert), prepared once per connection
/// (an update names only the columns it changes, so it has a few shapes, each prepared once).
///
/// GRDB's record methods build and compile their SQL on each call (query generation, then SQLite's parser and
/// authorizer): a third of the store's CPU per transition. These reuse the connection's cached statements.
extension DocumentRecord {
    private static let columnList = columns.joined(separator: ", ")
    private static let selectByID = "SELECT \(columnList) FROM documents WHERE id = ?"
    private static let insertRow =
        "INSERT INTO documents (\(columns.dropFirst().joined(separator: ", "))) VALUES ("
        + Array(repeating: "?", count: columns.count - 1).joined(separator: ", ") + ")"

    /// The record with this id, or nil.
    static func fetch(_ db: Database, id: Int64) throws -> DocumentRecord? {
        try DocumentRecord.fetchOne(db.cachedStatement(sql: selectByID), arguments: [id])
    }

    /// Writes the columns whose values differ from `stored` (the row as fetched in this transaction). SQLite
    /// rewrites the entries of every index on a column an UPDATE names, whether its value changed or not, so naming
    /// only what changed keeps a step's commit to the pages it really touches.
    func write(_ db: Database, over stored: DocumentRecord) throws {
        guard let id else { preconditionFailure("only a stored record can be updated") }
        let new = try databaseValues.map { $0?.databaseValue ?? .null }
        let old = try stored.databaseValues.map { $0?.databaseValue ?? .null }
        let changed = new.indices.dropFirst().filter { new[$0] != old[$0] }
        guard !changed.isEmpty else { return }
        let sql =
            "UPDATE documents SET " + changed.map { "\(Self.columns[$0]) = ?" }.joined(separator: ", ")
            + " WHERE id = ?"
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(changed.map { new[$0] } + [id]))
    }

    /// Inserts the record as a new row and sets its id.
    mutating func add(_ db: Database) throws {
        precondition(id == nil, "a stored record is updated, not inserted")
        let values = try databaseValues.dropFirst()
        try db.cachedStatement(sql: Self.insertRow).execute(arguments: StatementArguments(Array(values)))
        id = db.lastInsertedRowID
    }
}
