import Foundation

extension Array where Element == UInt8 {
    /// Overwrites the bytes with zeros: for passwords and key material once they have been handed to OpenSSL.
    mutating func wipe() {
        withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            memset(base, 0, buffer.count)
        }
    }
}
