import Foundation
import Testing

@testable import LeadRouterCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--out` never removes what is at the target unless it is a regular file it replaces.
@Suite struct OutputFileTests {
    private static func scratchDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "leadrouter-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The type of what is at `path` itself (a symbolic link is not followed).
    private static func fileType(_ path: String) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    }

    @Test func dashIsStandardOutput() throws {
        #expect(try OutputFile(path: "-").name == "stdout")
    }

    @Test func replacesARegularFileWholeAndLeavesNoTemporaryFile() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/decisions.jsonl"
        try Data("old contents that are longer\n".utf8).write(to: URL(fileURLWithPath: path))
        let output = try OutputFile(path: path)
        try output.write(Data("new\n".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents that are longer\n", "replaced only on close")
        try output.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["decisions.jsonl"])
    }

    @Test func writesThroughASymbolicLinkAndKeepsTheLink() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: directory + "/target.txt"))
        try FileManager.default.createSymbolicLink(atPath: directory + "/link.txt", withDestinationPath: directory + "/target.txt")
        let output = try OutputFile(path: directory + "/link.txt")
        try output.write(Data("new\n".utf8))
        try output.close()
        #expect(Self.fileType(directory + "/link.txt") == .typeSymbolicLink)
        #expect(try String(contentsOfFile: directory + "/target.txt", encoding: .utf8) == "new\n")
    }

    /// A FIFO stands for every special file (`/dev/null`, a terminal): it is written directly and stays a FIFO.
    @Test func writesAFIFODirectlyAndLeavesItInPlace() async throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Task.detached { () -> String in
            guard let handle = FileHandle(forReadingAtPath: fifo) else { return "<cannot open>" }
            defer { try? handle.close() }
            return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
        }
        let output = try OutputFile(path: fifo)
        try output.write(Data("through the pipe\n".utf8))
        try output.close()
        #expect(await reader.value == "through the pipe\n")
        #expect(Self.fileType(fifo) != nil && Self.fileType(fifo) != .typeRegular, "still the FIFO, not a regular file put in its place")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["pipe"])
    }

    @Test func refusesADirectory() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: CLIError.self) { try OutputFile(path: directory) }
        #expect(Self.fileType(directory) == .typeDirectory)
    }
}
