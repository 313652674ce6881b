import Foundation
import Testing

@testable import EdXML

/// readHeader on every real sample yields the values a person reads in it.
@Suite struct FixtureHeaderTests {
    let reader = EdXMLReader()

    @Test func newDocumentHeaderHasSenderRecipientCodeSubjectAndBusinessTypeZero() throws {
        let message = try reader.readHeader(from: Fixtures.path("edoc_new.edxml"))
        let document = try #require(message.document)
        #expect(message.kind == .document)
        #expect(message.senderId == "002.00.20.H13")
        #expect(message.recipientIds == ["28.22.H17"])
        #expect(document.from.organName == "UBND xã Hòa Tiến - UBND huyện Hòa Vang - Thành phố Đà Nẵng")
        #expect(document.to.first?.organizationInCharge == "UBND xã Hòa Sơn - UBND huyện Hòa Vang - Thành phố Đà Nẵng")
        #expect(document.documentId == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
        #expect(document.code == DocumentHeader.Code(codeNumber: "74fass22", codeNotation: "VPCP-TTĐT"))
        #expect(document.promulgationInfo == .init(place: "Hà Nội", promulgationDate: "2019/01/16"))
        #expect(document.documentType == .init(type: "1", typeDetail: "0", typeName: "Công văn"))
        #expect(document.subject == "V/v kết nối, liên thông phần mềm quản lý văn bản")
        #expect(document.signerInfo?.fullName == "Nguyen Thanh Phuc")
        #expect(document.dueDate == "2018/09/28")
        #expect(document.toPlaces == ["Cac bo va co quan ngang bo", "Uy ban nhan dan cac tinh, TP"])
        #expect(document.otherInfo?.priority == "0")
        #expect(document.otherInfo?.direction == "false")
        #expect(document.otherInfo?.appendixes == ["Công văn về việc kết nối, liên thông phần mềm quản lý văn bản"])
        #expect(document.steeringType == "1")
        #expect(document.responseFor.isEmpty)
        #expect(message.traces == [TraceHeader(organId: "000.00.00.G22", timestamp: "2018/09/28 00:00:00")])
        let business = try #require(message.business)
        #expect(business.docType == "0")
        #expect(business.docTypeKind == .new)
        #expect(business.documentId == "000.00.00.G22,2014/02/30,7806/VPCP-TTĐT")
        #expect(business.docReason == "Văn bản điện tử mới")
        #expect(business.paper == "0")
        #expect(business.staffInfo?.staff == "Nguyễn Thị Ngọc Trâm")
        #expect(message.attachments.isEmpty && message.references.isEmpty)
    }

    @Test func strayBytesBeforeTheDeclarationAreSkippedWithAWarning() throws {
        let message = try reader.readHeader(from: Fixtures.path("edoc_new.edxml"))
        #expect(message.warnings.count == 1)
        let warning = try #require(message.warnings.first)
        #expect(warning.contains("line 1, column 1"))
        #expect(warning.contains("skipped 4 stray byte(s) before the XML declaration"))
        #expect(warning.contains("1212"))
    }

    @Test func revocationCarriesBusinessTypeOneAndTheDocumentItRevokes() throws {
        let message = try reader.readHeader(from: Fixtures.path("edoc_revocation.edxml"))
        #expect(message.senderId == "000.00.00.G22")
        #expect(message.recipientIds == ["000.00.00.H41", "000.00.00.H14", "000.00.00.G17"])
        #expect(message.business?.docTypeKind == .revoke)
        #expect(message.business?.docReason == "Thu hồi văn bản điện tử")
        #expect(
            message.document?.responseFor == [
                ResponseFor(
                    organId: "000.00.00.H14", code: "267/VPCP-TTĐT", promulgationDate: "2018/09/28",
                    documentId: "000.00.04.G14,2012/08/06,267/VPCP-TTĐT")
            ])
        #expect(message.warnings.isEmpty)
    }

    @Test func updateCarriesBusinessTypeTwoAndItsReceiverList() throws {
        let message = try reader.readHeader(from: Fixtures.path("edoc_update.edxml"))
        let business = try #require(message.business)
        #expect(business.docType == "2")
        #expect(business.docReason == "Cập nhật văn bản điện tử")
        #expect(
            business.documentInfo
                == BusinessInfo.DocumentInfo(
                    documentInfo: "1", documentReceiver: "1",
                    receivers: [
                        .init(organId: "000.00.00.H41", receiverType: "0"),
                        .init(organId: "000.00.00.H14", receiverType: "1"),
                    ]))
    }

    @Test func replacementCarriesBusinessTypeThreeAndTheReplacedDocuments() throws {
        let message = try reader.readHeader(from: Fixtures.path("edoc_replacement.edxml"))
        let business = try #require(message.business)
        #expect(business.docTypeKind == .replace)
        #expect(business.replacements.count == 2)
        #expect(
            business.replacements.first
                == BusinessInfo.ReplacementInfo(
                    documentId: "000.00.00.G22,2014/01/30,7806/VPCP-TTĐT", organIds: ["000.00.00.H41", "000.00.00.H14"])
        )
        #expect(message.document?.code?.codeNumber == "7816")
        #expect(
            message.document?.to.map(\.organName) == [
                "UBND Tỉnh Nghệ An", "UBND Tỉnh Cao Bằng",
                "Sở Thông tin truyền thông Hải Phòng",
            ])
    }

    @Test func edocSampleHeaderReadsDespiteCommentsAndAnEmptyResponseFor() throws {
        let message = try reader.readHeader(from: Fixtures.path("edoc.edxml"))
        let document = try #require(message.document)
        #expect(message.senderId == "002.00.20.H13")
        #expect(message.recipientIds == ["000.00.15.H51"])
        #expect(document.documentId == "9fbfbad2-f1f8-4256-a2eb-50fb1061cddb")
        #expect(document.code == .init(codeNumber: "12234555512", codeNotation: "PRO-TEST-CASE1"))
        #expect(document.subject == "Văn bản liên thông chỉ đạo - 190701")
        #expect(document.documentType?.typeDetail == nil)
        #expect(document.responseFor.isEmpty, "a ResponseFor with only empty children means none")
        #expect(message.business == nil)
        #expect(message.traces == [TraceHeader(organId: "01.02.G22", timestamp: "2018/06/20 16:35:56")])
    }

    @Test func receivedFilesKeepMissingFieldsAsNil() throws {
        let message = try reader.readHeader(
            from: Fixtures.path("received-2025-10-874e0f18-90dc-45fb-989a-65401470ba84.edxml"))
        let document = try #require(message.document)
        #expect(message.senderId == "vxp.saas.03")
        #expect(message.recipientIds == ["vxp.saas.03"])
        #expect(document.from.organName == nil)
        #expect(document.from.organAdd == "Số 1, Hà Nội")
        #expect(document.documentId == "5e515fca-3627-4f2e-b517-7169acdc8bda")
        #expect(document.code == .init(codeNumber: "BINTEST123", codeNotation: "GW-AUTO"))
        #expect(document.subject == "Binary fix test")
        #expect(document.signerInfo == .init(fullName: "Gateway Auto"))
        #expect(
            message.traces == [
                TraceHeader(organId: "null", timestamp: "2025/10/23 16:28:42"),
                TraceHeader(organId: nil, timestamp: "2025/10/23 16:28:43"),
            ])
    }

    @Test func receivedReportHasTypeTwoPriorityOneAndTwoAppendixes() throws {
        let message = try reader.readHeader(
            from: Fixtures.path("received-2025-10-9e272474-0603-48a2-b525-9cd1af689612.edxml"))
        let document = try #require(message.document)
        #expect(document.documentId == "efa170d6-eca4-47e1-aef7-a6dafce24e9e")
        #expect(document.code == .init(codeNumber: "202545", codeNotation: "VPCP-TTĐT"))
        #expect(document.subject == "Gộp 3 file")
        #expect(document.documentType == .init(type: "2", typeDetail: "1", typeName: "Báo cáo"))
        #expect(document.otherInfo?.priority == "1")
        #expect(document.otherInfo?.appendixes == ["Phụ lục 1", "Phụ lục 2"])
        #expect(document.steeringType == "2")
        #expect(document.promulgationInfo?.place == "Thành phố Đà Nẵng")
    }

    @Test func received2019HasTwoTracesAndASelfClosingResponseFor() throws {
        let message = try reader.readHeader(
            from: Fixtures.path("received-2019-5-852e179c-8eca-4502-ac38-0b97321f29c3.edxml"))
        let document = try #require(message.document)
        #expect(message.senderId == "000.00.15.H51")
        #expect(document.code?.codeNumber == "1223412")
        #expect(document.responseFor.isEmpty)
        #expect(message.traces.map(\.organId) == ["01.02.G22", "001.00.20.TT2"])
    }

    @Test(arguments: Fixtures.statusFiles.map { $0.file })
    func statusFileHasItsCodeSenderAndOriginalDocument(file: String) throws {
        let expectedCode = try #require(Fixtures.statusFiles.first { $0.file == file }?.code)
        let message = try reader.readHeader(from: Fixtures.path(file))
        let status = try #require(message.status)
        #expect(message.kind == .status)
        #expect(status.statusCode == expectedCode)
        #expect(status.responseFor.documentId == "000.00.00.G22,2015/09/30,7816/VPCP-TTĐT")
        #expect(status.responseFor.code == "7816/VPCP-TTĐT")
        if expectedCode == "13" {
            #expect(message.senderId == "000.00.00.G22")
            #expect(message.recipientIds == ["000.00.00.H41"])
        } else {
            #expect(message.senderId == "000.00.00.H41")
            #expect(message.recipientIds == ["000.00.00.G22"])
            #expect(status.from.organName == "UBND Tỉnh Nghệ An")
        }
        #expect(status.staffInfo?.mobile == "84912000001")
        #expect(status.description?.isEmpty == false)
        #expect(message.traces.isEmpty && message.business == nil && message.warnings.isEmpty)
    }

    @Test func firstStatusSampleHasItsStaffDescriptionAndTimestamp() throws {
        let status = try #require(try reader.readHeader(from: Fixtures.path("status.edxml")).status)
        #expect(
            status.staffInfo
                == StaffInfo(
                    department: "Văn thư văn phòng", staff: "Nguyễn Thị Ngọc Trâm",
                    mobile: "84912000001", email: "vanthuvanphong@gov.vn"))
        #expect(
            status.description
                == "Văn thư - Phòng Văn thư - Lưu trữ: Đã đến - Phần mềm QLVB đã nhận nhưng văn thư chưa xử lý")
        #expect(status.timestamp == "2018/09/28 17:25:11")
        #expect(status.responseFor.promulgationDate == "2018/09/28")
    }

    @Test func rejectionStatusCarriesItsReason() throws {
        let status = try #require(try reader.readHeader(from: Fixtures.path("status_rejection_02.edxml")).status)
        #expect(status.description == "Văn thư - Phòng Văn thư - Lưu trữ: Từ chối không tiếp nhận văn bản điện tử")
        #expect(
            status.staffInfo
                == StaffInfo(
                    department: "Phong hanh chinh", staff: "Nguyen thi ngoc tram",
                    mobile: "84912000001", email: "ngoctram@nghean.vn"))
        #expect(status.timestamp == "2015/09/20 11:08:36")
    }
}
