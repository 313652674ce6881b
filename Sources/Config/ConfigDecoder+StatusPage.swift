extension ConfigDecoder {
    /// `status_page.listen` and `status_page.allow_remote`.
    func decodeStatusPage(_ page: MappingReader) -> StatusPageSettings {
        let allowRemote = page.bool("allow_remote", default: false)
        var listen: ListenAddress? = StatusPageSettings.defaultListen
        if page.node("listen") == nil, page.presentKeys.contains("listen") {
            listen = nil  // `listen: ""` (or no value): the page is off
        } else if let text = page.string("listen") {
            if text.isEmpty {
                listen = nil
            } else if let address = ListenAddress(text) {
                listen = address
            } else {
                page.report(
                    "listen",
                    "'\(text)' is not an address to listen on; use an IP address and a port, e.g. 127.0.0.1:9740 "
                        + "or [::1]:9740, or \"\" to turn the status page off")
            }
        }
        page.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)
        if let listen, !listen.isLoopback, !allowRemote {
            page.report(
                "listen",
                "'\(listen)' can be reached from other machines, and the page shows every agency's queue, file names "
                    + "and reasons; listen on 127.0.0.1 (and reach it through an SSH tunnel or an authenticating "
                    + "reverse proxy), or set status_page.allow_remote: true to publish it on purpose")
        }
        return StatusPageSettings(listen: listen, allowRemote: allowRemote)
    }
}
