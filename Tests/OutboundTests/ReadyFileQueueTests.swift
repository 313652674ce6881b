import FolderWatch
import SystemSupport
import Testing

@testable import Outbound

@Suite struct ReadyFileQueueTests {
    static func file(_ number: Int) -> ReadyFile {
        ReadyFile(
            path: "/srv/outbox/\(number).pdf", relativeComponents: ["\(number).pdf"], size: 1,
            modificationTime: FileTimestamp(seconds: 0, nanoseconds: 0), device: 1, inode: UInt64(number))
    }

    @Test func batchesComeOutInTheOrderTheFilesWentIn() {
        var queue = ReadyFileQueue()
        for number in 0..<10 { queue.append(Self.file(number)) }
        #expect(queue.take(upTo: 0).isEmpty)
        #expect(queue.take(upTo: 4).map(\.inode) == [0, 1, 2, 3])
        queue.append(Self.file(10))
        #expect(queue.count == 7)
        #expect(queue.take(upTo: 100).map(\.inode) == [4, 5, 6, 7, 8, 9, 10])
        #expect(queue.isEmpty)
        #expect(queue.take(upTo: 5).isEmpty)
    }

    @Test func aLongQueueTakenInSmallBatchesKeepsItsOrderThroughCompaction() {
        var queue = ReadyFileQueue()
        var taken: [UInt64] = []
        for number in 0..<10_000 {
            queue.append(Self.file(number))
            if number % 3 == 0 { taken += queue.take(upTo: 2).map(\.inode) }
        }
        while !queue.isEmpty { taken += queue.take(upTo: 128).map(\.inode) }
        #expect(taken == (0..<10_000).map { UInt64($0) })
    }
}
