public import Foundation

/// Where and how `spor serve` runs.
public struct ServerConfiguration: Sendable {
    /// The data folder: the log, the pseudonym key, `tokens.json` and `audit.log`.
    public var dataFolder: URL
    /// The address to bind; loopback unless told otherwise.
    public var host: String
    /// The port to bind; 0 picks a free one.
    public var port: Int
    /// The web pages' sessions and the attention list.
    public var web: WebSettings

    public init(dataFolder: URL, host: String = "127.0.0.1", port: Int = 8080, web: WebSettings = WebSettings()) {
        self.dataFolder = dataFolder
        self.host = host
        self.port = port
        self.web = web
    }
}
