import Foundation
import Testing

@testable import SystemSupport

@Suite struct WriteBehindTests {
    private static let window = Int(WriteBehind.window)

    private static let block = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }

    /// `count` bytes of the file from offset `start`: 4 KiB blocks, each stamped with its number, so that a piece
    /// written twice or out of place shows. (Built by copying, not byte by byte: debug builds are slow.)
    private static func pattern(_ count: Int, from start: Int = 0) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 2 * block.count)
        var number = start / block.count
        while bytes.count < count + start % block.count {
            bytes += block
            withUnsafeBytes(of: UInt64(number).littleEndian) { stamp in
                bytes.replaceSubrange(bytes.count - block.count..<bytes.count - block.count + 8, with: stamp)
            }
            number += 1
        }
        return Array(bytes[start % block.count..<start % block.count + count])
    }

    @Test func onlyWholeWindowsAreHandedToTheDisk() throws {
        try TemporaryDirectory.with { directory in
            let file = try FileDescriptor.createExclusive(directory.file("big"))
            var writeBehind = WriteBehind()
            var end = 0
            for count in [Self.window - 1, 1, Self.window + Self.window / 2] {
                try file.write(Self.pattern(count, from: end))
                end += count
                writeBehind.fileGrew(to: Int64(end), descriptor: file)
                #expect(writeBehind.started == Int64(end / Self.window * Self.window))
            }
            #expect(writeBehind.started == 2 * WriteBehind.window)
        }
    }

    @Test(arguments: [false, true])
    func theFileHoldsExactlyTheBytesWrittenWhetherPagesAreDroppedOrNot(dropsWrittenPages: Bool) throws {
        try TemporaryDirectory.with { directory in
            let path = directory.file("big")
            let file = try FileDescriptor.createExclusive(path)
            var writeBehind = WriteBehind(dropsWrittenPages: dropsWrittenPages)
            let expected = Self.pattern(3 * Self.window + 12_345)
            var end = 0
            // Pieces that never line up with a window: each call may start, wait for and drop windows mid-piece.
            while end < expected.count {
                let count = min(3_000_017, expected.count - end)
                try expected[end..<end + count].withUnsafeBytes { try file.write($0) }
                end += count
                writeBehind.fileGrew(to: Int64(end), descriptor: file)
            }
            try file.sync()
            try file.close()
            #expect(writeBehind.started == 3 * WriteBehind.window)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
        }
    }

    @Test func aDescriptorThatCannotWriteBehindIsStillWrittenToTheEnd() throws {
        // A pipe has no pages to write back (sync_file_range fails with ESPIPE): the hint is dropped, not thrown,
        // and the writing goes on.
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let reader = FileDescriptor(owning: ends[0])
        let writer = FileDescriptor(owning: ends[1])
        try writer.setNonBlocking(true)
        var writeBehind = WriteBehind(dropsWrittenPages: true)
        writeBehind.fileGrew(to: 3 * WriteBehind.window, descriptor: writer)
        #expect(writeBehind.started == 3 * WriteBehind.window)
        try writer.write([7, 8, 9])
        var received = [UInt8](repeating: 0, count: 3)
        #expect(try received.withUnsafeMutableBytes { try reader.readFully(into: $0) } == 3)
        #expect(received == [7, 8, 9])
    }
}
