import Testing

@testable import AxisProtocol

@Suite struct ReplyParsingTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test(arguments: [
        #"{"status":"OK","ErrorCode":"0","ErrorDesc":"","DocId":"abc-1"}"#,
        #"{"status":"OK","ErrorCode":0,"ErrorDesc":"","docId":"abc-1"}"#,
        #"{"status":"ok","errorCode":"0","docid":"abc-1"}"#,
        #"{"Status":"OK","DocId":" abc-1 "}"#,
        "\u{FEFF}" + #" {"status":"OK","ErrorCode":"0","doc_id":"abc-1"}"#,
    ])
    func sendEdocReplyReadsEverySpellingOfDocId(_ text: String) throws {
        #expect(try SendEdocReply.parse(Self.bytes(text)).docId == "abc-1")
    }

    @Test(arguments: [#"{"status":"OK","ErrorCode":"0","DocId":"0"}"#, #"{"status":"OK","ErrorCode":"0","DocId":""}"#,
        #"{"status":"OK","ErrorCode":"0"}"#])
    func sendEdocReplyWithoutARealDocIdIsAFailure(_ text: String) {
        #expect {
            try SendEdocReply.parse(Self.bytes(text))
        } throws: { error in
            guard case .missingDocId = error as? AxisReplyError else { return false }
            return true
        }
    }

    @Test func failReplyKeepsTheAxisOwnMessage() {
        let text = #"{"status":"FAIL","ErrorCode":5,"ErrorDesc":"Don vi gui 002.00.20.H13 khong dung voi ma "#
            + #"da dang ky: vxp.saas.03","DocId":"123"}"#
        #expect(throws: AxisReplyError.fail(AxisReply(status: "FAIL", errorCode: "5",
            errorDescription: "Don vi gui 002.00.20.H13 khong dung voi ma da dang ky: vxp.saas.03"))) {
            try SendEdocReply.parse(Self.bytes(text))
        }
    }

    @Test func okStatusWithNonZeroErrorCodeIsAFailure() throws {
        let reply = try AxisReply.parse(Self.bytes(#"{"status":"OK","ErrorCode":"7","ErrorDesc":"x"}"#))
        #expect(!reply.isOK)
        #expect(try AxisReply.parse(Self.bytes(#"{"ErrorCode":"0"}"#)).isOK)
        #expect(try !AxisReply.parse(Self.bytes("{}")).isOK)
    }

    @Test func htmlErrorPageGivesASanitizedTruncatedExcerpt() {
        let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\n<body>" + String(repeating: "x", count: 500)
        #expect {
            try AxisReply.parse(Self.bytes(page))
        } throws: { error in
            guard case .notJSON(let excerpt) = error as? AxisReplyError else { return false }
            return excerpt.hasPrefix("<html>  <head><title>502 Bad Gateway</title>") && excerpt.hasSuffix("…")
                && !excerpt.contains("\n") && excerpt.count <= 201
                && (error as? AxisReplyError)?.description.contains("502 Bad Gateway") == true
        }
    }

    @Test func emptyBodyIsNotJSON() {
        #expect(throws: AxisReplyError.notJSON(excerpt: "(empty body)")) { try AxisReply.parse([]) }
    }

    @Test func receivedListReadsSnakeAndCamelSpellings() throws {
        let text = #"{"status":"OK","ErrorCode":"0","data":["#
            + #"{"docId":"d1","serviceType":"eDoc","messageType":"edoc","created_time":"2026-11-25 10:00:00","#
            + #""updated_time":"u","from":"000.00.00.G22","to":"000.00.00.H26","status":"initial","status_desc":"s"},"#
            + #"{"docid":42,"servicetype":"edoc","messagetype":"status","createdTime":"c"},"#
            + #"{"serviceType":"eDoc"}, 7]}"#
        let items = try ReceivedEdocItem.parseList(Self.bytes(text))
        #expect(items == [
            ReceivedEdocItem(
                docId: "d1", serviceType: "eDoc", messageType: "edoc", createdTime: "2026-11-25 10:00:00",
                updatedTime: "u", from: "000.00.00.G22", to: "000.00.00.H26", status: "initial",
                statusDescription: "s"),
            ReceivedEdocItem(docId: "42", serviceType: "edoc", messageType: "status", createdTime: "c"),
        ])
    }

    @Test func listWithoutDataIsEmptyAndFailListThrows() throws {
        #expect(try ReceivedEdocItem.parseList(Self.bytes(#"{"status":"OK","ErrorCode":"0"}"#)).isEmpty)
        #expect(throws: AxisReplyError.self) {
            try ReceivedEdocItem.parseList(Self.bytes(#"{"status":"FAIL","ErrorCode":"2","ErrorDesc":"x"}"#))
        }
    }

    @Test func listEncodersUseTheRealSpellingAndParseBack() throws {
        let received = [ReceivedEdocItem(docId: "d\"1", from: "a", statusDescription: "ok")]
        let receivedText = String(decoding: ReceivedEdocItem.listJSONBytes(received), as: UTF8.self)
        #expect(receivedText.hasPrefix(#"{"status":"OK","ErrorCode":"0","ErrorDesc":"","data":[{"docId":"d\"1","#))
        #expect(receivedText.contains(#""status_desc":"ok""#))
        #expect(try ReceivedEdocItem.parseList(ReceivedEdocItem.listJSONBytes(received)) == received)

        let sent = [SentEdocItem(senderDocId: "s1", receiverDocId: "r1", fromCode: "f", toCode: "t", title: "T",
            notation: "1/UBND", sentTime: "st", receivedTime: "rt", sendStatus: "1", sendStatusDescription: "sd",
            receiveStatus: "2", receiveStatusDescription: "rd")]
        let sentText = String(decoding: SentEdocItem.listJSONBytes(sent), as: UTF8.self)
        #expect(sentText.contains(#""sendStatusDesc":"sd","receiveStatus":"2","receiveStatusDesc":"rd""#))
        #expect(try SentEdocItem.parseList(SentEdocItem.listJSONBytes(sent)) == sent)

        let agencies = [AgencyItem(id: "1", pid: "0", code: "000.00.00.H26", name: "UBND Ha Noi", mail: "m",
            oldCode: "o")]
        #expect(try AgencyItem.parseList(AgencyItem.listJSONBytes(agencies)) == agencies)
    }

    @Test func agencyNumbersAreReadAsText() throws {
        let text = #"{"status":"OK","ErrorCode":"0","data":[{"id":12,"pid":3,"code":"000.00.00.H26","name":"N"}]}"#
        #expect(try AgencyItem.parseList(Self.bytes(text)) == [AgencyItem(id: "12", pid: "3", code: "000.00.00.H26",
            name: "N")])
    }

    @Test(arguments: [
        (#"{"status":"OK","ErrorCode":"0","count":5}"#, 5), (#"{"status":"OK","ErrorCode":"0","count":"12"}"#, 12),
        (#"{"count":0}"#, 0),
    ])
    func countReplyAcceptsNumberOrString(_ text: String, _ expected: Int) throws {
        #expect(try CountReply.parse(Self.bytes(text)).count == expected)
    }

    @Test func countReplyEncodesAndRejectsMissingCount() throws {
        #expect(String(decoding: CountReply(count: 3).jsonBytes(), as: UTF8.self)
            == #"{"status":"OK","ErrorCode":"0","ErrorDesc":"","count":3}"#)
        #expect(throws: AxisReplyError.missingField("count")) {
            try CountReply.parse(Self.bytes(#"{"status":"OK","ErrorCode":"0"}"#))
        }
    }

    @Test func replyEncodersWriteTheAxisSpelling() {
        #expect(String(decoding: SendEdocReply(docId: "x-1").jsonBytes(), as: UTF8.self)
            == #"{"status":"OK","ErrorCode":"0","ErrorDesc":"","DocId":"x-1"}"#)
        #expect(String(decoding: AxisRejection.unknownSystem("a").reply.jsonBytes(), as: UTF8.self)
            == #"{"status":"FAIL","ErrorCode":"2","ErrorDesc":"Ma he thong a chua duoc dang ky"}"#)
    }
}
