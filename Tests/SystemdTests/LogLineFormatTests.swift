import Logging
import Testing

@testable import Systemd

@Suite("Log line format")
struct LogLineFormatTests {
    @Test(
        "each level is prefixed with its syslog priority",
        arguments: [
            (Logger.Level.trace, "<7>"), (.debug, "<7>"), (.info, "<6>"), (.notice, "<5>"),
            (.warning, "<4>"), (.error, "<3>"), (.critical, "<2>"),
        ]
    )
    func priorityPrefix(level: Logger.Level, prefix: String) {
        let output = CapturingOutput()
        makeLogger(label: "", output: output).log(level: level, "hello")
        #expect(output.lines() == [prefix + "hello"])
    }

    @Test("a record is the label, the message, then journal fields uppercase in fixed order, then other keys sorted")
    func fullLine() {
        let output = CapturingOutput()
        makeLogger(label: "outbound", output: output).info(
            "document sent",
            metadata: [
                "zeta": "1", "path": "/srv/lienthong/h41/outbox/cv.pdf", "attempt": "3", "state": "sent",
                "Agency": "000.00.00.H41", "axis_doc_id": "abc-123", "DOC_ID": "42",
            ]
        )
        #expect(
            output.lines() == [
                "<6>outbound: document sent DOC_ID=42 AXIS_DOC_ID=abc-123 AGENCY=000.00.00.H41 STATE=sent "
                    + "PATH=/srv/lienthong/h41/outbox/cv.pdf attempt=3 zeta=1"
            ]
        )
    }

    @Test("the metadata order does not depend on how the dictionary was built")
    func stableOrder() {
        let pairs: [(String, Logger.MetadataValue)] = [
            ("b", "2"), ("a", "1"), ("PATH", "/x"), ("c", "3"), ("doc_id", "7"), ("agency", "H41"), ("d", "4"),
        ]
        var lines = Set<String>()
        for rotation in 0..<pairs.count {
            var metadata = Logger.Metadata()
            for (key, value) in pairs[rotation...] + pairs[..<rotation] { metadata[key] = value }
            lines.insert(
                LogLineFormatter(format: .priorityPrefixed).line(
                    for: LogRecord(level: .info, label: "", message: "m", metadata: metadata)))
        }
        #expect(lines == ["<6>m DOC_ID=7 AGENCY=H41 PATH=/x a=1 b=2 c=3 d=4"])
    }

    @Test("journal field names are matched case-insensitively and nothing else is")
    func journalFieldNames() {
        #expect(JournalField.allCases.map(\.key) == ["DOC_ID", "AXIS_DOC_ID", "AGENCY", "STATE", "PATH"])
        #expect(JournalField(metadataKey: "doc_id") == .docID)
        #expect(JournalField(metadataKey: "Axis_Doc_Id") == .axisDocID)
        #expect(JournalField(metadataKey: "docid") == nil)
        #expect(JournalField(metadataKey: "path ") == nil)
        #expect(JournalField(metadataKey: "filepath") == nil)
    }

    @Test("newlines, carriage returns, tabs, escape sequences and NUL in a message stay on one line")
    func escapesControlCharactersInMessage() throws {
        let output = CapturingOutput()
        makeLogger(label: "", output: output).warning("bad name \"a\nb\r\tc\u{1B}[31m\u{0}\u{7F}\u{85}\u{2028}d\\e\"")
        let line = try #require(output.lines().first)
        #expect(line == #"<4>bad name "a\nb\r\tc\x1b[31m\x00\x7f\x85\u{2028}d\\e""#)
        #expect(!line.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    @Test("values with spaces, quotes or '=' are quoted; control characters in keys and values are escaped")
    func quotesAndEscapesValues() {
        let record = LogRecord(
            level: .error, label: "", message: "m",
            metadata: [
                "PATH": "/srv/a b/Công văn\nsố 12.pdf", "empty": "", "eq": "a=b", "quote": "say \"hi\"",
                "new\nkey": "v", "plain": "Hà_Nội",
            ]
        )
        #expect(
            LogLineFormatter(format: .priorityPrefixed).line(for: record)
                == #"<3>m PATH="/srv/a b/Công văn\nsố 12.pdf" empty="" eq="a=b" new\nkey=v plain=Hà_Nội "#
                + #"quote="say \"hi\"""#
        )
    }

    @Test("values under keys containing secret, password or token are redacted, also inside dictionaries")
    func redactsSecrets() throws {
        let output = CapturingOutput()
        makeLogger(label: "", output: output).info(
            "loaded",
            metadata: [
                "axis-secret": "s3cr3t", "keyPassword": "hunter2", "API_TOKEN": "t0k",
                "config": ["user": "lienthong", "Password": "pw-inside"],
                "agency": "H41",
            ]
        )
        let line = try #require(output.lines().first)
        #expect(
            line == "<6>loaded AGENCY=H41 API_TOKEN=<redacted> axis-secret=<redacted> "
                + #"config="[Password: <redacted>, user: lienthong]" keyPassword=<redacted>"#
        )
        for secret in ["s3cr3t", "hunter2", "t0k", "pw-inside"] {
            #expect(!line.contains(secret))
        }
    }

    @Test("the terminal format starts with a local ISO-8601 timestamp and the level word")
    func terminalFormat() throws {
        let record = LogRecord(level: .warning, label: "daemon", message: "inotify limit reached", metadata: [:])
        let line = LogLineFormatter(format: .terminal).line(for: record)
        let match = try #require(
            line.wholeMatch(of: /(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d) WARNING  (.*)/)
        )
        #expect(match.2 == "daemon: inotify limit reached")
    }

    @Test("the local timestamp shows milliseconds and the UTC offset of the local zone")
    func timestampShape() {
        let text = LocalTimestamp.format(seconds: 1_795_000_000, milliseconds: 7)
        #expect(text.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.007[+-]\d\d:\d\d/) != nil)
    }

    @Test("a huge record is cut to the byte limit with a marker giving its real size")
    func truncatesHugeRecords() {
        let record = LogRecord(level: .info, label: "", message: String(repeating: "ă", count: 20_000), metadata: [:])
        let formatter = LogLineFormatter(format: .priorityPrefixed, maximumBytes: 1_000)
        let line = formatter.line(for: record)
        #expect(line.hasSuffix(" …[truncated, 40000 bytes]"))
        #expect(line.utf8.count <= 1_000 + 3)
        #expect(line.hasPrefix("<6>ăăă"))
    }
}
