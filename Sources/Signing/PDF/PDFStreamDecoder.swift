import COpenSSL
import Foundation

/// Decoding of the streams lienthong must read itself: cross-reference streams and object streams.
///
/// Only `/FlateDecode` (zlib) with optional PNG or TIFF-2 predictors is supported, which is what every common
/// producer writes for these streams. Output is bounded by `limit`.
enum PDFStreamDecoder {
    enum Failure: Error {
        case unsupported(String)
        case corrupt(String)
        case tooLarge
    }

    static func decode(_ data: [UInt8], dictionary: PDFDictionary, limit: Int) throws(Failure) -> [UInt8] {
        var filters: [String] = []
        var parameters: [PDFDictionary?] = []
        switch dictionary["Filter"] {
        case nil: break
        case .name(let name)?:
            filters = [name]
            parameters = [dictionary["DecodeParms"]?.dictionary]
        case .array(let items)?:
            filters = items.compactMap(\.name)
            guard filters.count == items.count else { throw .corrupt("a /Filter entry is not a name") }
            let given = dictionary["DecodeParms"]?.array ?? []
            parameters = filters.indices.map { $0 < given.count ? given[$0].dictionary : nil }
        default:
            throw .corrupt("/Filter is neither a name nor an array")
        }
        var bytes = data
        for (filter, parameter) in zip(filters, parameters) {
            guard filter == "FlateDecode" || filter == "Fl" else { throw .unsupported("the /\(filter) filter") }
            bytes = try inflate(bytes, limit: limit)
            if let parameter { bytes = try unpredict(bytes, parameters: parameter) }
        }
        return bytes
    }

    static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard COpenSSL_zlib_inflateInit(&stream) == Z_OK else { throw .corrupt("zlib could not start") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { source -> Int32 in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while true {
                let result = chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    return COpenSSL.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                if output.count + produced > limit { return -1000 }
                output.append(contentsOf: chunk[0..<produced])
                if result == Z_STREAM_END { return Z_STREAM_END }
                if result == Z_BUF_ERROR && stream.avail_in == 0 { return Z_BUF_ERROR }
                if result != Z_OK { return result }
            }
        }
        switch status {
        case Z_STREAM_END: return output
        case -1000: throw .tooLarge
        // Some producers omit the zlib end marker; the data decoded so far is complete in practice.
        case Z_BUF_ERROR where !output.isEmpty: return output
        default: throw .corrupt("zlib reported error \(status)")
        }
    }

    /// Undoes a PNG (10–15) or TIFF (2) predictor (ISO 32000-1 7.4.4.4).
    static func unpredict(_ data: [UInt8], parameters: PDFDictionary) throws(Failure) -> [UInt8] {
        let predictor = parameters["Predictor"]?.integer ?? 1
        guard predictor > 1 else { return data }
        let colors = parameters["Colors"]?.integer ?? 1
        let bits = parameters["BitsPerComponent"]?.integer ?? 8
        let columns = parameters["Columns"]?.integer ?? 1
        guard (1...32).contains(colors), [1, 2, 4, 8, 16].contains(bits), (1...1 << 20).contains(columns) else {
            throw .corrupt("unusable predictor parameters")
        }
        let pixelBytes = max(1, (colors * bits + 7) / 8)
        let rowBytes = (colors * bits * columns + 7) / 8
        if predictor == 2 {
            guard bits == 8 else { throw .unsupported("TIFF predictor with \(bits) bits per component") }
            var output = data
            var rowStart = 0
            while rowStart < output.count {
                let rowEnd = min(rowStart + rowBytes, output.count)
                if rowStart + pixelBytes < rowEnd {
                    for index in (rowStart + pixelBytes)..<rowEnd {
                        output[index] = output[index] &+ output[index - pixelBytes]
                    }
                }
                rowStart += rowBytes
            }
            return output
        }
        guard predictor >= 10 else { throw .unsupported("predictor \(predictor)") }
        var output: [UInt8] = []
        output.reserveCapacity(data.count)
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var index = 0
        while index < data.count {
            let type = data[index]
            index += 1
            var row = [UInt8](repeating: 0, count: rowBytes)
            let available = min(rowBytes, data.count - index)
            for column in 0..<available { row[column] = data[index + column] }
            index += available
            for column in 0..<rowBytes {
                let left = column >= pixelBytes ? row[column - pixelBytes] : 0
                let up = previous[column]
                let upLeft = column >= pixelBytes ? previous[column - pixelBytes] : 0
                switch type {
                case 0: break
                case 1: row[column] = row[column] &+ left
                case 2: row[column] = row[column] &+ up
                case 3: row[column] = row[column] &+ UInt8((Int(left) + Int(up)) / 2)
                case 4: row[column] = row[column] &+ paeth(left, up, upLeft)
                default: throw .corrupt("unknown PNG row filter \(type)")
                }
            }
            output.append(contentsOf: row[0..<available])
            previous = row
        }
        return output
    }

    private static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a))
        let pb = abs(p - Int(b))
        let pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }
}
