import Foundation

/// A private `nats-server -js` on a free loopback port with its own file storage, which a test may stop and restart
/// (same port, same storage) to see what survives.
public final class NATSTestServer: @unchecked Sendable {
    public let url: String
    private let port: Int
    private let directory: URL
    private let arguments: [String]
    private var process: Process?

    private init(port: Int, directory: URL, arguments: [String]) {
        self.port = port
        self.url = "nats://127.0.0.1:\(port)"
        self.directory = directory
        self.arguments = arguments
    }

    public static func start(arguments: [String] = []) throws -> NATSTestServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nats-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let server = NATSTestServer(port: try self.freePort(), directory: directory, arguments: arguments)
        try server.restart()
        return server
    }

    public func restart() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        process.arguments =
            ["-a", "127.0.0.1", "-p", String(self.port), "-js", "-sd", self.directory.appendingPathComponent("js").path]
            + self.arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if Self.canConnect(port: self.port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw TestServerError(message: "nats-server did not listen on \(self.port) within 10 s")
    }

    /// Stops the server (SIGTERM, then waits); storage is kept for ``restart()``.
    public func stop() {
        guard let process = self.process else { return }
        self.process = nil
        process.terminate()
        process.waitUntilExit()
    }

    /// Messages stored in `stream`, asked of the server by an independent raw client (not the client under test).
    public func streamMessageCount(_ stream: String) throws -> Int {
        let response = try Self.request(port: self.port, subject: "$JS.API.STREAM.INFO.\(stream)")
        guard let data = response.data(using: .utf8),
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let state = object["state"] as? [String: Any], let messages = state["messages"] as? Int
        else { throw TestServerError(message: "unexpected STREAM.INFO reply \(response)") }
        return messages
    }

    /// Every message stored in `stream`, oldest first: subject, `Nats-Msg-Id` header and payload text, read by an
    /// independent raw client through JetStream's direct get API.
    public func storedMessages(_ stream: String) throws -> [StoredMessage] {
        let script = """
            import socket, json, base64
            s = socket.create_connection(('127.0.0.1', \(self.port)), 5)
            f = s.makefile('rb')
            f.readline()
            s.sendall(b'CONNECT {"verbose":false,"pedantic":false,"protocol":1,"headers":true,"no_responders":true}\\r\\nSUB _INBOX.t.* 1\\r\\n')
            def request(subject, body):
                s.sendall(('PUB %s _INBOX.t.1 %d\\r\\n' % (subject, len(body))).encode() + body + b'\\r\\n')
                while True:
                    line = f.readline().decode().strip()
                    if line == 'PING':
                        s.sendall(b'PONG\\r\\n')
                    elif line.startswith('MSG'):
                        size = int(line.split()[-1])
                        data = f.read(size + 2)[:size]
                        return json.loads(data)
            info = request('$JS.API.STREAM.INFO.\(stream)', b'')
            out = []
            for seq in range(info['state']['first_seq'], info['state']['last_seq'] + 1):
                reply = request('$JS.API.STREAM.MSG.GET.\(stream)', json.dumps({'seq': seq}).encode())
                if 'message' not in reply:
                    continue
                m = reply['message']
                headers = base64.b64decode(m.get('hdrs', '')).decode()
                msg_id = ''
                for h in headers.split('\\r\\n'):
                    if h.startswith('Nats-Msg-Id:'):
                        msg_id = h[len('Nats-Msg-Id:'):].strip()
                out.append({'subject': m['subject'], 'id': msg_id, 'data': base64.b64decode(m.get('data', '')).decode()})
            print(json.dumps(out))
            """
        let output = try Self.python(script)
        return try JSONDecoder().decode([StoredMessage].self, from: Data(output.utf8))
    }

    /// One message as JetStream stored it.
    public struct StoredMessage: Decodable, Sendable, Hashable {
        public var subject: String
        /// The `Nats-Msg-Id` header.
        public var id: String
        /// The payload as text.
        public var data: String
    }

    deinit { self.stop() }

    static func binary() throws -> String {
        for candidate in ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw TestServerError(message: "nats-server is not installed (scripts/services/nats installs it)")
    }

    public static func freePort() throws -> Int {
        let output = try Self.python("import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1]); s.close()")
        guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestServerError(message: "no free port: \(output)")
        }
        return port
    }

    private static func canConnect(port: Int) -> Bool {
        (try? self.python("import socket; s=socket.create_connection(('127.0.0.1',\(port)),0.2); print(s.recv(4).decode())"))?.hasPrefix("INFO")
            == true
    }

    /// One raw request–reply over a fresh socket (a second, independent client: Python's socket module), so the
    /// assertions about what the server stored do not go through the client under test.
    private static func request(port: Int, subject: String) throws -> String {
        let script = """
            import socket
            s = socket.create_connection(('127.0.0.1', \(port)), 2)
            f = s.makefile('rb')
            f.readline()
            s.sendall(b'CONNECT {"verbose":false,"pedantic":false,"protocol":1,"headers":true,"no_responders":true}\\r\\nSUB _INBOX.t.* 1\\r\\nPUB \(subject) _INBOX.t.1 0\\r\\n\\r\\n')
            while True:
                line = f.readline().decode().strip()
                if line.startswith('MSG'):
                    size = int(line.split()[-1])
                    print(f.read(size).decode())
                    break
                if line == 'PING':
                    s.sendall(b'PONG\\r\\n')
            """
        return try self.python(script)
    }

    private static func python(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestServerError(message: "python3 failed: \(script.prefix(60))") }
        return String(decoding: data, as: UTF8.self)
    }
}

public struct TestServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { self.message }
}
