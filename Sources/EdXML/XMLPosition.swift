/// A place in an input file, as a person would count it: lines from 1, columns in characters from 1.
public struct XMLPosition: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column)" }
}
