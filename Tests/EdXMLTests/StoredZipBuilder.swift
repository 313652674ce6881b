import Foundation

/// Builds small uncompressed ("stored") ZIP files byte by byte, for tests that need archives the module
/// itself never writes (several entries, symbolic links).
enum StoredZipBuilder {
    struct Entry {
        var name: String
        var data: Data
        /// Unix mode in the high 16 bits of the external attributes (0o120777 for a symlink).
        var unixMode: UInt32 = 0o100644
    }

    static func build(_ entries: [Entry]) -> Data {
        var body = Data()
        var central = Data()
        for entry in entries {
            let name = Data(entry.name.utf8)
            let crc = crc32(entry.data)
            let offset = UInt32(body.count)
            body.append(le32(0x0403_4B50))
            body.append(le16(20))
            body.append(le16(0))
            body.append(le16(0))  // version, flags, stored
            body.append(le16(0))
            body.append(le16(0x21))  // time, date (1980-01-01)
            body.append(le32(crc))
            body.append(le32(UInt32(entry.data.count)))
            body.append(le32(UInt32(entry.data.count)))
            body.append(le16(UInt16(name.count)))
            body.append(le16(0))
            body.append(name)
            body.append(entry.data)
            central.append(le32(0x0201_4B50))
            central.append(le16(0x031E))
            central.append(le16(20))  // made by Unix, version needed
            central.append(le16(0))
            central.append(le16(0))
            central.append(le16(0))
            central.append(le16(0x21))
            central.append(le32(crc))
            central.append(le32(UInt32(entry.data.count)))
            central.append(le32(UInt32(entry.data.count)))
            central.append(le16(UInt16(name.count)))
            central.append(le16(0))
            central.append(le16(0))
            central.append(le16(0))
            central.append(le16(0))
            central.append(le32(entry.unixMode << 16))
            central.append(le32(offset))
            central.append(name)
        }
        var end = Data()
        end.append(le32(0x0605_4B50))
        end.append(le16(0))
        end.append(le16(0))
        end.append(le16(UInt16(entries.count)))
        end.append(le16(UInt16(entries.count)))
        end.append(le32(UInt32(central.count)))
        end.append(le32(UInt32(body.count)))
        end.append(le16(0))
        return body + central + end
    }

    private static func le16(_ value: UInt16) -> Data { Data([UInt8(value & 0xFF), UInt8(value >> 8)]) }

    private static func le32(_ value: UInt32) -> Data {
        Data([UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)])
    }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
