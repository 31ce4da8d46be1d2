/// One protocol operation the server sends.
public enum NATSServerFrame: Sendable, Hashable {
    case info(NATSServerInfo)
    case message(NATSMessage)
    case ping
    case pong
    case ok
    /// `-ERR '<text>'`, with the quotes removed.
    case error(String)
}
