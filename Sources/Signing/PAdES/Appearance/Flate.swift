import COpenSSL

/// zlib compression for the streams the visible signature adds (`/Filter /FlateDecode`).
enum Flate {
    /// The zlib stream of `input` at the best compression; nil only if zlib fails (out of memory).
    static func compress(_ input: [UInt8]) -> [UInt8]? {
        var capacity = compressBound(uLong(input.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = output.withUnsafeMutableBufferPointer { target in
            input.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &capacity, source.baseAddress, uLong(source.count), Z_BEST_COMPRESSION)
            }
        }
        guard status == Z_OK else { return nil }
        output.removeSubrange(Int(capacity)...)
        return output
    }
}
