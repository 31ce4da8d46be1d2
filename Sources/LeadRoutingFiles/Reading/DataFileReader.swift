import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a data file whole into memory, chunk by chunk, decompressing it on the way when its name ends in `.gz`,
/// and reporting progress in bytes of the file on disk.
enum DataFileReader {
    /// The file's text: its bytes, or its decompressed bytes for a `.gz` file.
    /// - Parameters:
    ///   - chunkBytes: bytes read from disk per step.
    ///   - progress: called after each chunk with the bytes read so far and the file's size.
    static func read(
        _ path: String,
        chunkBytes: Int = 4 << 20,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(DatasetDirectoryError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Self.failure(path, "cannot open it") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.failure(path, "cannot get its size") }
        let size = Int(status.st_size)
        let compressed = path.hasSuffix(".gz")
        var output: [UInt8] = []
        var inflater: GzipInflater? = nil
        if compressed {
            output.reserveCapacity(size &* 4)
            do {
                inflater = try GzipInflater()
            } catch {
                throw DatasetDirectoryError(kind: .readFailed, path: path, message: "\(path): \(error.reason)")
            }
        } else {
            output.reserveCapacity(size)
        }
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        var done = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { readChunk(descriptor, $0) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Self.failure(path, "read failed")
            }
            if count == 0 { break }
            done += count
            if inflater != nil {
                do {
                    try chunk.withUnsafeBytes { bytes in
                        try inflater!.feed(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), into: &output)
                    }
                } catch let error as GzipInflater.Failure {
                    throw DatasetDirectoryError(kind: .readFailed, path: path, message: "\(path): \(error.reason)")
                } catch {
                    throw DatasetDirectoryError(kind: .readFailed, path: path, message: "\(path): \(error)")
                }
            } else {
                output.append(contentsOf: chunk[0..<count])
            }
            progress?(done, max(size, done))
        }
        if inflater != nil {
            do {
                try inflater!.finish(into: &output)
            } catch {
                throw DatasetDirectoryError(kind: .readFailed, path: path, message: "\(path): \(error.reason)")
            }
        }
        return output
    }

    private static func failure(_ path: String, _ what: String) -> DatasetDirectoryError {
        DatasetDirectoryError(kind: .readFailed, path: path, message: "cannot read \(path): \(what) (\(String(cString: strerror(errno))))")
    }
}

/// `read(2)` into `buffer`: the bytes read, 0 at the end of the file, -1 on error (see `errno`).
private func readChunk(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress, buffer.count)
}
