import Foundation
public import NIOCore

/// Splits the server's byte stream into ``NATSServerFrame``s. Pure: it only reads the buffer it is given, so the
/// tests replay recorded exchanges through it byte for byte.
///
/// Tolerant where servers differ (fields split on runs of spaces or tabs — 2.9 writes two spaces before a PubAck's
/// size —, operation names in any case, a space before INFO's CRLF), strict where a mistake would desynchronise the
/// stream (sizes, the CRLF after a payload, control-line length).
public struct NATSFrameParser: Sendable {
    /// The longest control line accepted before the stream is declared broken.
    public var maximumControlLineBytes: Int

    public init(maximumControlLineBytes: Int = 64 * 1024) {
        self.maximumControlLineBytes = maximumControlLineBytes
    }

    /// Reads one frame from the front of `buffer`, or returns nil (consuming nothing) when more bytes are needed.
    public func parse(_ buffer: inout ByteBuffer) throws(NATSError) -> NATSServerFrame? {
        while true {
            let view = buffer.readableBytesView
            guard let lineEnd = Self.indexOfCRLF(in: view) else {
                if view.count > self.maximumControlLineBytes {
                    throw NATSError(.protocolViolation, "control line longer than \(self.maximumControlLineBytes) bytes")
                }
                return nil
            }
            let lineLength = lineEnd - view.startIndex
            let line = String(decoding: view[view.startIndex..<lineEnd], as: UTF8.self)
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let operation = words.first?.uppercased() else {
                buffer.moveReaderIndex(forwardBy: lineLength + 2)  // a stray empty line: skip it
                continue
            }
            switch operation {
            case "PING", "PONG", "+OK":
                buffer.moveReaderIndex(forwardBy: lineLength + 2)
                return operation == "PING" ? .ping : operation == "PONG" ? .pong : .ok
            case "-ERR":
                buffer.moveReaderIndex(forwardBy: lineLength + 2)
                return .error(Self.errorText(line))
            case "INFO":
                buffer.moveReaderIndex(forwardBy: lineLength + 2)
                let json = line.drop(while: { $0 != "{" }).trimmingCharacters(in: .whitespaces)
                do {
                    return .info(try JSONDecoder().decode(NATSServerInfo.self, from: Data(json.utf8)))
                } catch {
                    throw NATSError(.protocolViolation, "INFO is not valid JSON: \(error)")
                }
            case "MSG", "HMSG":
                return try self.parseMessage(words: words, headers: operation == "HMSG", lineLength: lineLength, buffer: &buffer)
            default:
                throw NATSError(.protocolViolation, "unknown server operation \(operation.prefix(32))")
            }
        }
    }

    private func parseMessage(
        words: [Substring],
        headers hasHeaders: Bool,
        lineLength: Int,
        buffer: inout ByteBuffer
    ) throws(NATSError) -> NATSServerFrame? {
        // MSG <subject> <sid> [reply] <size>; HMSG <subject> <sid> [reply] <header size> <total size>
        let sizeCount = hasHeaders ? 2 : 1
        guard words.count == 3 + sizeCount || words.count == 4 + sizeCount else {
            throw NATSError(.protocolViolation, "malformed \(words[0]) line (\(words.count) fields)")
        }
        let sizes = words.suffix(sizeCount).map { Int($0) }
        guard let total = sizes.last ?? nil, total >= 0, let headerBytes = hasHeaders ? sizes.first ?? nil : 0,
            headerBytes >= 0, headerBytes <= total
        else {
            throw NATSError(.protocolViolation, "malformed sizes in \(words[0]) line")
        }
        let frameLength = lineLength + 2 + total + 2
        guard buffer.readableBytes >= frameLength else { return nil }
        let bodyStart = buffer.readerIndex + lineLength + 2
        guard buffer.getInteger(at: bodyStart + total, as: UInt8.self) == UInt8(ascii: "\r"),
            buffer.getInteger(at: bodyStart + total + 1, as: UInt8.self) == UInt8(ascii: "\n")
        else {
            throw NATSError(.protocolViolation, "\(words[0]) payload is not followed by CRLF")
        }
        let headerBlock = buffer.getBytes(at: bodyStart, length: headerBytes) ?? []
        let payload = buffer.getBytes(at: bodyStart + headerBytes, length: total - headerBytes) ?? []
        buffer.moveReaderIndex(forwardBy: frameLength)
        var message = NATSMessage(
            subject: String(words[1]),
            sid: String(words[2]),
            replyTo: words.count == 4 + sizeCount ? String(words[3]) : nil,
            payload: payload
        )
        if hasHeaders {
            try Self.parseHeaderBlock(headerBlock, into: &message)
        }
        return .message(message)
    }

    /// `NATS/1.0[ <status>[ <description>]]\r\n(Name: value\r\n)*\r\n`
    static func parseHeaderBlock(_ block: [UInt8], into message: inout NATSMessage) throws(NATSError) {
        let text = String(decoding: block, as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        guard let first = lines.first, first.hasPrefix("NATS/1.0") else {
            throw NATSError(.protocolViolation, "header block does not start with NATS/1.0")
        }
        lines.removeFirst()
        let statusPart = first.dropFirst("NATS/1.0".count).trimmingCharacters(in: .whitespaces)
        if !statusPart.isEmpty {
            let code = statusPart.prefix(while: { $0.isNumber })
            message.status = Int(code)
            let description = statusPart.dropFirst(code.count).trimmingCharacters(in: .whitespaces)
            message.statusDescription = description.isEmpty ? nil : description
        }
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw NATSError(.protocolViolation, "header line without a colon")
            }
            // The value starts after the colon with leading spaces skipped and keeps trailing spaces (as JetStream does).
            let value = line[line.index(after: colon)...].drop(while: { $0 == " " })
            message.headers.append(NATSHeader(String(line[..<colon]), String(value)))
        }
    }

    static func errorText(_ line: String) -> String {
        var text = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
        if text.count >= 2, text.hasPrefix("'"), text.hasSuffix("'") {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }

    static func indexOfCRLF(in view: ByteBufferView) -> ByteBufferView.Index? {
        var index = view.startIndex
        while let cr = view[index...].firstIndex(of: UInt8(ascii: "\r")) {
            let next = view.index(after: cr)
            if next == view.endIndex { return nil }
            if view[next] == UInt8(ascii: "\n") { return cr }
            index = next
        }
        return nil
    }
}
