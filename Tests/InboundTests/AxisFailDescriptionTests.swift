import AxisProtocol
import Foundation
import Testing

@testable import Inbound

@Suite struct AxisFailDescriptionTests {
    /// The signed-header check of the axis client: a description it refuses is a `fail` that is never sent.
    static func isSendable(_ description: String) -> Bool {
        let credentials = AxisCredentials(systemId: "000.00.00.H26", secret: String(repeating: "s", count: 44))
        return
            (try? SignedHeaders.make(
                parameters: [("docId", "d-1"), ("status", "fail"), ("description", description)],
                contentType: "application/json", credentials: credentials, now: Date(timeIntervalSince1970: 0))) != nil
    }

    @Test func theDescriptionIsOneLineOfPrintableASCIIPreferringTheEnglishLine() {
        let bilingual = "Không tệp đính kèm nào có chữ ký số hợp lệ.\nNo attachment carries a valid digital signature."
        #expect(AxisFailDescription.make(bilingual) == "No attachment carries a valid digital signature.")
        #expect(AxisFailDescription.make("tệp Đơn đề nghị.pdf hỏng") == "tep Don de nghi.pdf hong")
        let long = AxisFailDescription.make(String(repeating: "x", count: 300) + "\u{7}")
        #expect(long.count == 200 && long.allSatisfy { $0 == "x" })
    }

    /// Found in the field: a reason whose 200th character was a space was cut there, the client refused the header,
    /// and the quarantined document stayed listed on the axis for ever.
    @Test func aCutEndingInASpaceIsTrimmedAndStillSendable() {
        let reason = String(repeating: "a", count: 199) + " " + String(repeating: "b", count: 50)
        #expect(!Self.isSendable(String(reason.prefix(200))), "the test needs a cut the header check refuses")
        let description = AxisFailDescription.make(reason)
        #expect(description == String(repeating: "a", count: 199))
        #expect(Self.isSendable(description))
        let padded = AxisFailDescription.make("  " + String(repeating: "c", count: 20) + "   ")
        #expect(padded == String(repeating: "c", count: 20))
    }

    @Test func aReasonWithNothingSendableGetsTheFallbackNeverAnEmptyDescription() {
        for reason in ["", "   ", "\u{1}\u{2}", "\n", "中文", String(repeating: " ", count: 400)] {
            let description = AxisFailDescription.make(reason)
            #expect(description == AxisFailDescription.fallback, "\(Array(reason.unicodeScalars))")
            #expect(Self.isSendable(description))
        }
    }

    /// Found in the field: the state directory's path went to the axis inside a ZIP error.
    @Test func absolutePathsNeverReachTheAxis() {
        let zip =
            "attachment 2: cannot unwrap the ZIP attachment /var/lib/lienthong/spool/in/3/attachments/"
            + "attachment-2.bin: the CRC-32 of the extracted file does not match; it is corrupt"
        #expect(
            AxisFailDescription.make(zip)
                == "attachment 2: cannot unwrap the ZIP attachment [local file]: the CRC-32 of the extracted file "
                + "does not match; it is corrupt")
        #expect(
            AxisFailDescription.make("cannot open '/tmp/xy/a.edxml' (EIO); see /var/log/syslog.")
                == "cannot open '[local file]' (EIO); see [local file].")
        let roots = ["/srv/lienthong/UBND tinh", "/srv/lienthong/UBND tinh/quarantine"]
        let reason = "cannot write /srv/lienthong/UBND tinh/quarantine/d-1/reason.txt"
        #expect(AxisFailDescription.make(reason, localRoots: roots) == "cannot write [local file]")
        #expect(
            AxisFailDescription.make("Công văn 12/UBND-VP: see http://axis/x, and a / b")
                == "Cong van 12/UBND-VP: see http://axis/x, and a / b")
    }
}
