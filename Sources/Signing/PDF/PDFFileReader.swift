import Foundation
import SystemSupport

/// Positional reads (`pread`) from an open PDF, so that only the parts that are needed are ever in memory.
///
/// The descriptor's size and modification time are recorded at opening; ``confirmUnchanged()`` lets a caller
/// prove that what it read belongs to one version of the file.
final class PDFFileReader {
    let path: String
    let size: Int64
    private let opened: FileOpening.Opened

    init(path: String) throws(PDFError) {
        do {
            opened = try FileOpening.open(path: path, role: .content)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        self.path = path
        self.size = opened.status.size
    }

    /// Up to `count` bytes from `offset` (fewer at the end of the file).
    func read(at offset: Int64, count: Int) throws(PDFError) -> [UInt8] {
        guard offset >= 0, offset <= size, count >= 0 else { return [] }
        let wanted = Int(min(Int64(count), size - offset))
        var buffer = [UInt8](repeating: 0, count: wanted)
        let filled = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in try opened.descriptor.readFully(into: raw, at: offset) }
        }
        switch filled {
        case .success(let count):
            if count < wanted { buffer.removeSubrange(count...) }
            return buffer
        case .failure(let error):
            throw .unreadable(path: path, reason: error.systemMessage)
        }
    }

    /// Calls `body` with consecutive chunks of `range`, in order, reading at most 64 KiB at a time.
    func stream(_ range: Range<Int64>, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        var offset = range.lowerBound
        while offset < range.upperBound {
            let chunk = try read(at: offset, count: Int(min(65_536, range.upperBound - offset)))
            guard !chunk.isEmpty else { throw PDFError.damaged(path: path, detail: "the file ended early") }
            try body(chunk[...])
            offset += Int64(chunk.count)
        }
    }

    /// Throws when the file's size or modification time changed since it was opened.
    func confirmUnchanged() throws(PDFError) {
        let changed: Bool
        do {
            changed = try opened.hasChanged(path: path, role: .content)
        } catch {
            throw .unreadable(path: path, reason: error.description)
        }
        guard !changed else {
            throw .unreadable(path: path, reason: "it changed while it was being read; retry once it is stable")
        }
    }
}
