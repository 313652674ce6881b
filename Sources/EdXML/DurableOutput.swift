import SystemSupport

/// How this module writes every file: through a `DurableFileWriter` (mode 0600) that appears at its path whole or
/// not at all. An existing file is ``EdXMLError/destinationExists(path:)``, never overwritten; any other failure is
/// ``EdXMLError/writeFailed(_:)`` naming the file.
enum DurableOutput {
    /// Creates `path`, lets `body` fill it, and publishes it once `body` returns; if `body` throws, nothing is left.
    static func write<Result>(
        to path: String, _ body: (DurableFileWriter) throws(EdXMLError) -> Result
    ) throws(EdXMLError) -> Result {
        try syncingAfterwards(naming: path) { syncs throws(EdXMLError) in try write(to: path, syncs: &syncs, body) }
    }

    /// Runs `body`, then makes the directory `fsync`s it collected; a failed one is ``EdXMLError`` naming `path`.
    static func syncingAfterwards<Result>(
        naming path: String, _ body: (inout DirectorySyncs) throws(EdXMLError) -> Result
    ) throws(EdXMLError) -> Result {
        var syncs = DirectorySyncs()
        let result = try body(&syncs)
        do {
            try syncs.sync()
        } catch {
            throw .writing(path, error)
        }
        return result
    }

    /// ``write(to:_:)`` whose `fsync` of the directory is added to `syncs`: the file's content is durable when it
    /// returns, its name only after `syncs.sync()`.
    static func write<Result>(
        to path: String, syncs: inout DirectorySyncs, _ body: (DurableFileWriter) throws(EdXMLError) -> Result
    ) throws(EdXMLError) -> Result {
        let file: DurableFileWriter
        do {
            file = try DurableFileWriter(creating: path, mode: 0o600)
        } catch {
            throw .writing(path, error)
        }
        let result: Result
        do {
            result = try body(file)
        } catch {
            file.abandon()
            throw error
        }
        do {
            try file.publish(syncs: &syncs)
        } catch {
            throw .writing(path, error)
        }
        return result
    }

    /// Appends `bytes` to `file`.
    static func append(_ bytes: some Collection<UInt8>, to file: DurableFileWriter) throws(EdXMLError) {
        do {
            try file.write(bytes)
        } catch {
            throw .writing(file.destination, error)
        }
    }
}
