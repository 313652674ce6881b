import Foundation
import SystemSupport

/// Reads request bodies (Content-Length or chunked) into temporary files in one directory, never into memory.
struct HTTPBodySpool: Sendable {
    let directory: String
    let maximumBytes: Int64

    static let maximumChunkLineBytes = 4096
    static let maximumTrailerBytes = 16 * 1024

    /// Reads the body described by `framing` into a new spool file.
    func readBody(framing: HTTPRequestHead.BodyFraming, from input: HTTPInputBuffer) throws -> HTTPRequestBody {
        switch framing {
        case .none:
            return .empty
        case .length(let length):
            guard length <= maximumBytes else { throw HTTPError.bodyTooLarge(limit: maximumBytes) }
            return try spool { file in
                try input.readExactly(length) { try file.write($0) }
                return length
            }
        case .chunked:
            return try spool { file in try readChunks(from: input, into: file) }
        }
    }

    /// A scratch file, removed once the request is handled: not made durable (``EnvelopeStore`` is).
    private func spool(_ fill: (FileDescriptor) throws -> Int64) throws -> HTTPRequestBody {
        let path = (directory as NSString).appendingPathComponent("body-\(UUID().uuidString).tmp")
        let file = try FileDescriptor.createExclusive(path)
        do {
            let length = try fill(file)
            try file.close()
            return .file(path: path, length: length)
        } catch {
            unlink(path)
            throw error
        }
    }

    private func readChunks(from input: HTTPInputBuffer, into file: FileDescriptor) throws -> Int64 {
        var total: Int64 = 0
        while true {
            var lineBudget = Self.maximumChunkLineBytes
            guard
                let line = try input.readLine(
                    budget: &lineBudget, limitError: .malformed("chunk size line too long"))
            else { throw HTTPError.unexpectedEndOfStream }
            let size = try Self.parseChunkSize(line)
            if size == 0 { break }
            guard total + size <= maximumBytes else { throw HTTPError.bodyTooLarge(limit: maximumBytes) }
            try input.readExactly(size) { try file.write($0) }
            total += size
            var crlfBudget = 2
            guard
                let end = try input.readLine(
                    budget: &crlfBudget, limitError: .malformed("chunk data overruns its size")),
                end.isEmpty
            else { throw HTTPError.malformed("chunk data not followed by CRLF") }
        }
        var trailerBudget = Self.maximumTrailerBytes
        while true {
            guard
                let trailer = try input.readLine(
                    budget: &trailerBudget, limitError: .malformed("chunked trailers too long"))
            else { throw HTTPError.unexpectedEndOfStream }
            if trailer.isEmpty { return total }
        }
    }

    /// Parses `hex-size [; extensions]`.
    static func parseChunkSize(_ line: [UInt8]) throws -> Int64 {
        let sizePart = line.prefix { $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        let isHex = sizePart.allSatisfy {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0)
        }
        guard !sizePart.isEmpty, sizePart.count <= 15, isHex,
            let size = Int64(String(decoding: sizePart, as: UTF8.self), radix: 16), size >= 0
        else {
            throw HTTPError.malformed("invalid chunk size \"\(String(decoding: line.prefix(32), as: UTF8.self))\"")
        }
        return size
    }
}
