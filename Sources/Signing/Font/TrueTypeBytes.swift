/// Big-endian, bounds-checked reads over a font file or one of its tables. Every read that would go past the end
/// throws instead of trapping, so a hostile file cannot crash the reader.
struct TrueTypeBytes: Sendable {
    let bytes: [UInt8]
    /// Where this view starts and ends within ``bytes``.
    let range: Range<Int>
    /// Names the table in error messages.
    let table: String
    let path: String

    init(bytes: [UInt8], range: Range<Int>? = nil, table: String, path: String) {
        self.bytes = bytes
        self.range = range ?? 0..<bytes.count
        self.table = table
        self.path = path
    }

    var count: Int { range.count }

    func failure(_ detail: String) -> TrueTypeError { .malformed(path: path, table: table, detail: detail) }

    private func check(_ offset: Int, _ length: Int) throws(TrueTypeError) -> Int {
        guard offset >= 0, length >= 0, offset <= count - length else {
            throw failure("is too short: \(length) bytes at offset \(offset) lie past its end (\(count) bytes)")
        }
        return range.lowerBound + offset
    }

    func uint8(_ offset: Int) throws(TrueTypeError) -> UInt8 {
        bytes[try check(offset, 1)]
    }

    func uint16(_ offset: Int) throws(TrueTypeError) -> UInt16 {
        let start = try check(offset, 2)
        return UInt16(bytes[start]) << 8 | UInt16(bytes[start + 1])
    }

    func int16(_ offset: Int) throws(TrueTypeError) -> Int16 {
        Int16(bitPattern: try uint16(offset))
    }

    func uint32(_ offset: Int) throws(TrueTypeError) -> UInt32 {
        let start = try check(offset, 4)
        return UInt32(bytes[start]) << 24 | UInt32(bytes[start + 1]) << 16 | UInt32(bytes[start + 2]) << 8
            | UInt32(bytes[start + 3])
    }

    func slice(_ offset: Int, _ length: Int) throws(TrueTypeError) -> ArraySlice<UInt8> {
        let start = try check(offset, length)
        return bytes[start..<start + length]
    }

    /// A view of `length` bytes at `offset`, for a sub-structure such as a cmap subtable.
    func view(_ offset: Int, _ length: Int, table: String? = nil) throws(TrueTypeError) -> TrueTypeBytes {
        let start = try check(offset, length)
        return TrueTypeBytes(bytes: bytes, range: start..<start + length, table: table ?? self.table, path: path)
    }
}
