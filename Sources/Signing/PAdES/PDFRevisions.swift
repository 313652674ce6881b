import Foundation

/// The ends of a PDF's revisions: the offsets just past each `%%EOF` marker and its end-of-line.
enum PDFRevisions {
    static let maxMarkers = 100_000

    /// Scans the file in 64 KiB blocks; a marker split across blocks is found too.
    static func ends(_ reader: PDFFileReader) throws(PDFError) -> [ClosedRange<Int64>] {
        let marker = Array("%%EOF".utf8)
        var ends: [ClosedRange<Int64>] = []
        var offset: Int64 = 0
        var carry: [UInt8] = []
        while offset < reader.size {
            let chunk = try reader.read(at: offset, count: 65_536)
            guard !chunk.isEmpty else { break }
            let window = carry + chunk
            let windowStart = offset - Int64(carry.count)
            for index in positions(of: marker, in: window) {
                let end = windowStart + Int64(index + marker.count)
                // The revision may end right after the marker or after its CR, LF or CRLF.
                let tail = try reader.read(at: end, count: 2)
                var withEOL = end
                if tail.first == 0x0D { withEOL += 1 }
                if tail.count > Int(withEOL - end), tail[Int(withEOL - end)] == 0x0A { withEOL += 1 }
                ends.append(end...withEOL)
                guard ends.count <= maxMarkers else {
                    throw .limitExceeded(path: reader.path, detail: "more than \(maxMarkers) revisions")
                }
            }
            carry = Array(window.suffix(marker.count - 1))
            offset += Int64(chunk.count)
        }
        return ends
    }

    /// Where `marker` starts in `bytes`, each occurrence after the end of the one before. `memchr` finds each
    /// candidate first byte: every PDF received is scanned whole, and comparing byte by byte cost 2 % of the inbound
    /// daemon's time.
    static func positions(of marker: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard let first = marker.first else { return [] }
        return bytes.withUnsafeBytes { haystack in
            marker.withUnsafeBytes { needle in
                guard let needleBase = needle.baseAddress else { return [] }
                var found: [Int] = []
                var index = 0
                while index + needle.count <= haystack.count, let base = haystack.baseAddress,
                    let candidate = memchr(base + index, Int32(first), haystack.count - needle.count + 1 - index)
                {
                    let at = base.distance(to: UnsafeRawPointer(candidate))
                    if memcmp(candidate, needleBase, needle.count) == 0 {
                        found.append(at)
                        index = at + needle.count
                    } else {
                        index = at + 1
                    }
                }
                return found
            }
        }
    }
}
