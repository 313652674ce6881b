import COpenSSL
import Foundation

/// Conversion of OpenSSL's `ASN1_TIME` (UTCTime or GeneralizedTime) to `Date`.
enum ASN1Time {
    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
