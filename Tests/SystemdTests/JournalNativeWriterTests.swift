import Foundation
import Logging
import Testing

@testable import Systemd

@Suite("Native journal protocol")
struct JournalNativeWriterTests {
    @Test("fields without newlines are encoded as NAME=value lines")
    func encodesSimpleFields() throws {
        let bytes = try JournalNativeWriter.encode([
            .init(name: "MESSAGE", value: "sent"), .init(name: "PRIORITY", value: "6"),
        ])
        #expect(bytes == Array("MESSAGE=sent\nPRIORITY=6\n".utf8))
    }

    @Test("a value containing a newline uses the length-prefixed binary form")
    func encodesBinaryForm() throws {
        let bytes = try JournalNativeWriter.encode([.init(name: "PATH", value: "a\nb"), .init(name: "X", value: "")])
        #expect(bytes == Array("PATH\n".utf8) + [3, 0, 0, 0, 0, 0, 0, 0] + Array("a\nb\nX=\n".utf8))
    }

    @Test(
        "invalid field names are refused",
        arguments: ["", "_PID", "1ST", "doc_id", "DOC-ID", String(repeating: "A", count: 65)])
    func rejectsInvalidNames(name: String) {
        #expect(throws: SystemdError.invalidJournalFieldName(name)) {
            try JournalNativeWriter.encode([.init(name: name, value: "v")])
        }
    }

    @Test("a record arrives at the journal socket with its journal fields as real, unescaped fields")
    func sendsRecordToSocket() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let receiver = try DatagramReceiver(address: directory.path("journal"))
        let writer = try JournalNativeWriter(socketPath: receiver.address)
        let fallback = CapturingOutput()
        let output = JournalNativeOutput(writer: writer, fallback: fallback, identifier: "lienthong")
        let logger = Logger(label: "outbound") { label in
            JournalLogHandler(label: label, level: .info, output: output, metadataProvider: nil)
        }
        logger.warning(
            "cannot claim", metadata: ["doc_id": "42", "PATH": "/srv/x/new\nline.pdf", "axis-secret": "s", "n": "1"])

        let fields = try parseNativeDatagram(receiver.receive())
        #expect(
            fields.map(\.name) == [
                "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "LOGGER", "DOC_ID", "PATH", "CODE_FILE", "CODE_LINE",
                "CODE_FUNC",
            ])
        let values = Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(
            values["MESSAGE"]
                == #"outbound: cannot claim DOC_ID=42 PATH=/srv/x/new\nline.pdf axis-secret=<redacted> n=1"#)
        #expect(values["PRIORITY"] == "4")
        #expect(values["SYSLOG_IDENTIFIER"] == "lienthong")
        #expect(values["LOGGER"] == "outbound")
        #expect(values["DOC_ID"] == "42")
        #expect(values["PATH"] == "/srv/x/new\nline.pdf")
        #expect(values["CODE_FILE"]?.hasSuffix("JournalNativeWriterTests.swift") == true)
        #expect(fallback.records.isEmpty)
    }

    @Test("when the journal socket is gone, the record goes to the stderr fallback instead")
    func fallsBackWhenSocketIsMissing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writer = try JournalNativeWriter(socketPath: directory.path("no-such-socket"))
        let fallback = CapturingOutput()
        let output = JournalNativeOutput(writer: writer, fallback: fallback, identifier: "lienthong")
        let logger = Logger(label: "") { label in
            JournalLogHandler(label: label, level: .info, output: output, metadataProvider: nil)
        }
        logger.error("still logged", metadata: ["agency": "H41"])
        #expect(fallback.lines() == ["<3>still logged AGENCY=H41"])
    }

    /// Parses a native-protocol datagram back into fields (both the `=` and the binary form).
    private func parseNativeDatagram(_ bytes: [UInt8]) throws -> [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        var index = 0
        while index < bytes.count {
            let end = try #require(bytes[index...].firstIndex { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "\n") })
            let name = String(decoding: bytes[index..<end], as: UTF8.self)
            if bytes[end] == UInt8(ascii: "=") {
                let lineEnd = try #require(bytes[end...].firstIndex(of: UInt8(ascii: "\n")))
                fields.append((name, String(decoding: bytes[(end + 1)..<lineEnd], as: UTF8.self)))
                index = lineEnd + 1
            } else {
                let lengthBytes = bytes[(end + 1)..<(end + 9)]
                let length = lengthBytes.reversed().reduce(0) { $0 << 8 | Int($1) }
                let start = end + 9
                fields.append((name, String(decoding: bytes[start..<(start + length)], as: UTF8.self)))
                #expect(bytes[start + length] == UInt8(ascii: "\n"))
                index = start + length + 1
            }
        }
        return fields
    }
}
