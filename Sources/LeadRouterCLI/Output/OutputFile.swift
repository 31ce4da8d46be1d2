import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes its output:
/// - standard output, for no path or `-`;
/// - a regular file (or a path where nothing is yet) is written under a temporary name in the same directory and
///   renamed over the target on ``close()``, so a reader never sees half a file; a symbolic link is followed, so
///   the link stays and its target is replaced;
/// - anything else that exists at the path (a device such as `/dev/null`, a FIFO, a terminal) is opened and
///   written directly.
/// Nothing at the target path is ever removed: only a rename replaces it, and only when it is a regular file.
struct OutputFile {
    private let handle: FileHandle
    /// The temporary file and the regular file it replaces on close; nil when writing directly.
    private let replacement: (temporary: String, target: String)?
    /// The path as given, for messages.
    let name: String

    static var standardOutput: OutputFile { OutputFile(handle: .standardOutput, replacement: nil, name: "stdout") }

    private init(handle: FileHandle, replacement: (temporary: String, target: String)?, name: String) {
        self.handle = handle
        self.replacement = replacement
        self.name = name
    }

    init(path: String) throws {
        if path == "-" {
            self = .standardOutput
            return
        }
        switch Self.kind(of: path) {
        case .directory:
            throw CLIError("\(path): is a directory, not a file")
        case .special:
            guard let handle = FileHandle(forWritingAtPath: path) else { throw CLIError("\(path): cannot open for writing") }
            self.init(handle: handle, replacement: nil, name: path)
        case .regularOrMissing:
            let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            var template = Array((target + ".partial-XXXXXX").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard descriptor >= 0 else { throw CLIError("\(path): cannot create a file in its directory") }
            let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            self.init(handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), replacement: (temporary, target), name: path)
        }
    }

    func write(_ data: Data) throws {
        do {
            try self.handle.write(contentsOf: data)
        } catch {
            throw CLIError("\(self.name): write failed")
        }
    }

    /// Finishes the output: renames the temporary file over a regular target (giving it the usual permissions of a
    /// new file); a direct write is only flushed and closed.
    func close() throws {
        guard let replacement else {
            if self.handle !== FileHandle.standardOutput { try self.handle.close() }
            return
        }
        try self.handle.close()
        let mask = umask(0)
        umask(mask)
        chmod(replacement.temporary, 0o666 & ~mask)
        guard rename(replacement.temporary, replacement.target) == 0 else {
            unlink(replacement.temporary)
            throw CLIError("\(self.name): cannot move the finished output into place")
        }
    }

    private enum Kind { case regularOrMissing, directory, special }

    /// What is at `path` now (following symbolic links).
    private static func kind(of path: String) -> Kind {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let type = (try? FileManager.default.attributesOfItem(atPath: resolved))?[.type] as? FileAttributeType else {
            return .regularOrMissing
        }
        switch type {
        case .typeRegular: return .regularOrMissing
        case .typeDirectory: return .directory
        default: return .special
        }
    }
}
