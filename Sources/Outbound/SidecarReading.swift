import Config
import Foundation
import SystemSupport

/// What was found where a document's metadata file (`x.pdf.meta.yaml`) would be.
enum SidecarReading: Equatable {
    /// No metadata file: every value comes from the file name, the folder and the defaults.
    case absent
    case read(DocumentSidecar)
    /// A metadata file that cannot be used; each problem names the key and line when it can.
    case unusable([ConfigProblem])

    var sidecar: DocumentSidecar? {
        if case .read(let sidecar) = self { return sidecar }
        return nil
    }

    var problems: [ConfigProblem] {
        if case .unusable(let problems) = self { return problems }
        return []
    }

    /// Reads the metadata file at `path`, which clerks control: opened without following links, at most
    /// ``DocumentSidecar/maximumSize`` bytes, UTF-8 (a UTF-16 file with a byte order mark is accepted, as Windows
    /// Notepad writes it).
    static func read(at path: String) -> SidecarReading {
        let descriptor: FileDescriptor
        let status: FileStatus
        do {
            (descriptor, status) = try SafeOpen.openUntrustedRegularFile(at: path)
        } catch {
            if case .system(let systemError) = error, systemError.isNotFound { return .absent }
            return .unusable([problem("the metadata file cannot be used (không dùng được tệp mô tả): \(error)")])
        }
        defer { try? descriptor.close() }
        guard status.size <= DocumentSidecar.maximumSize else {
            return .unusable([
                problem(
                    "the metadata file is \(status.size) bytes; at most \(DocumentSidecar.maximumSize) are accepted "
                        + "(tệp mô tả quá lớn)")
            ])
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.size) + 1)
        let count: Int
        do {
            count = try bytes.withUnsafeMutableBytes { try descriptor.readFully(into: $0) }
        } catch {
            return .unusable([problem("the metadata file cannot be read (không đọc được tệp mô tả): \(error)")])
        }
        guard count <= DocumentSidecar.maximumSize, let text = decode(Array(bytes[..<count])) else {
            return .unusable([
                problem("the metadata file is not UTF-8 text; save it as UTF-8 (hãy lưu tệp mô tả dạng UTF-8)")
            ])
        }
        do {
            return .read(try DocumentSidecar.parse(yaml: text, sourceName: (path as NSString).lastPathComponent))
        } catch {
            return .unusable(error.problems)
        }
    }

    private static func decode(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return String(data: Data(bytes), encoding: .utf16)
        }
        return String(validatingUTF8CString: bytes)
    }

    private static func problem(_ message: String) -> ConfigProblem {
        ConfigProblem(keyPath: "", line: nil, message: message)
    }
}

extension String {
    /// The bytes as UTF-8, or nil when they are not valid UTF-8 or contain a NUL.
    fileprivate init?(validatingUTF8CString bytes: [UInt8]) {
        guard !bytes.contains(0) else { return nil }
        guard let text = String(bytes: bytes, encoding: .utf8) else { return nil }
        self = text
    }
}
