import Foundation

/// A file written through a temporary name and renamed into place on close, or standard output.
struct OutputFile {
    private let handle: FileHandle
    private let temporaryPath: String?
    private let finalPath: String?

    static var standardOutput: OutputFile { OutputFile(handle: .standardOutput) }

    private init(handle: FileHandle) {
        self.handle = handle
        self.temporaryPath = nil
        self.finalPath = nil
    }

    init(path: String) throws {
        let temporary = path + ".partial"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CLIError("\(path): cannot create the file")
        }
        self.handle = handle
        self.temporaryPath = temporary
        self.finalPath = path
    }

    func write(_ data: Data) throws {
        do {
            try self.handle.write(contentsOf: data)
        } catch {
            throw CLIError("\(self.finalPath ?? "stdout"): write failed")
        }
    }

    func close() throws {
        guard let temporaryPath, let finalPath else { return }
        try self.handle.close()
        if FileManager.default.fileExists(atPath: finalPath) { try FileManager.default.removeItem(atPath: finalPath) }
        try FileManager.default.moveItem(atPath: temporaryPath, toPath: finalPath)
    }
}
