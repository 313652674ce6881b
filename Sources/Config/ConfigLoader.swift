import Foundation
import Yams

/// Reads `/etc/lienthong/lienthong.yaml`.
///
/// Every problem is reported at once in a ``ConfigError``, each naming the key path, the line and what would be
/// valid, e.g. `agencies[0].watch.mode (line 31): 'inotfy' is not valid; use auto, inotify or poll`.
public enum ConfigLoader {
    /// Where the daemon and the command line look unless told otherwise.
    public static let defaultPath = "/etc/lienthong/lienthong.yaml"
    /// Configuration files are a few kilobytes; anything far larger is not a configuration.
    public static let maximumFileSize = 1024 * 1024

    /// Reads, parses and validates the configuration file at `path`.
    public static func load(path: String) throws(ConfigError) -> LienthongConfig {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? NSNumber, size.intValue > maximumFileSize {
                throw ConfigError(
                    keyPath: "",
                    message: "the file is \(size.intValue) bytes; a configuration is at most "
                        + "\(maximumFileSize) bytes. Is this the right file?", sourceName: path)
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as ConfigError {
            throw error
        } catch {
            throw ConfigError(keyPath: "", message: readFailure(path: path, error: error), sourceName: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(
                keyPath: "",
                message: "the file is not UTF-8 text; save it as UTF-8 (without a byte order mark "
                    + "is best)", sourceName: path)
        }
        return try parse(yaml: text, sourceName: path)
    }

    /// Parses and validates configuration text. `sourceName` names it in error messages.
    public static func parse(yaml: String, sourceName: String) throws(ConfigError) -> LienthongConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError(problems: [YAMLSyntaxProblem.problem(from: error)], sourceName: sourceName)
        }
        guard let root else {
            throw ConfigError(
                keyPath: "", line: 1,
                message: "the configuration is empty; start from the documented example lienthong.yaml shipped "
                    + "with lienthong", sourceName: sourceName)
        }
        guard case .mapping(let mapping) = root else {
            throw ConfigError(
                keyPath: "", line: root.mark?.line,
                message: "expected a mapping of keys such as 'axis:', 'signing:' and 'agencies:' at the top level, "
                    + "found \(root.kindDescription)", sourceName: sourceName)
        }
        let diagnostics = Diagnostics()
        let reader = MappingReader(mapping: mapping, path: "", line: nil, diagnostics: diagnostics)
        let config = ConfigDecoder(diagnostics: diagnostics).decode(root: reader)
        guard diagnostics.problems.isEmpty, let config else {
            throw ConfigError(problems: diagnostics.sortedProblems, sourceName: sourceName)
        }
        return config
    }

    private static func readFailure(path: String, error: any Error) -> String {
        let nsError = error as NSError
        let code = (nsError.userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? nsError.code
        switch code {
        case Int(ENOENT), NSFileReadNoSuchFileError, NSFileNoSuchFileError:
            return "the file does not exist; create it from the documented example lienthong.yaml"
        case Int(EACCES), NSFileReadNoPermissionError:
            return "permission denied; the file must be readable by the user lienthong runs as"
        default:
            return "cannot be read: \(nsError.localizedDescription)"
        }
    }
}
