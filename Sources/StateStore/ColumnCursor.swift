import GRDB

/// Reads a row's columns one after the other in a known order: by position when the row's columns are exactly
/// `names` in that order (cheap), by name otherwise (a `SELECT *`, or columns in another order).
struct ColumnCursor {
    private let row: Row
    private let names: [String]
    private let inOrder: Bool
    private var index = 0

    init(row: Row, names: [String]) {
        self.row = row
        self.names = names
        inOrder = row.count == names.count && row.columnNames.elementsEqual(names)
    }

    /// The next column's value; a NULL or a value of another type is a programming error, as with `Row`'s subscripts.
    mutating func next<Value: DatabaseValueConvertible>() -> Value {
        defer { index += 1 }
        return inOrder ? row[index] : row[names[index]]
    }

    /// The next column's value, nil for NULL.
    mutating func nextOrNil<Value: DatabaseValueConvertible>() -> Value? {
        defer { index += 1 }
        return inOrder ? row[index] : row[names[index]]
    }
}
