import Config

extension OutboundSpool {
    /// `spool/out/<id>/<file name>.meta.yaml`: the clerk's metadata file, moved in with the document so that every
    /// later step (and a restart) reads the same one.
    func sidecar(of id: Int64, fileName: String) -> String {
        "\(directory(of: id))/\(fileName)\(DocumentSidecar.suffix)"
    }
}
