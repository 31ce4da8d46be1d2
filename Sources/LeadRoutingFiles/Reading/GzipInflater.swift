import CompressNIO
import NIOCore

/// Inflates a gzip stream fed in chunks of any size, appending the text to a byte array: the file is never held
/// compressed in memory as a whole. Concatenated gzip members (as `cat a.gz b.gz` or block compressors write)
/// read as one stream; a stream that stops before its last member's trailer is reported as truncated.
struct GzipInflater {
    /// Why the input is not a complete gzip stream.
    struct Failure: Error, Sendable, Equatable {
        var reason: String
    }

    private let zlib: ZlibDecompressor
    private var window: ByteBuffer
    private var input: ByteBuffer

    /// - Parameter windowBytes: how much decompressed text is produced between two appends to the output.
    init(windowBytes: Int = 1 << 20) throws(Failure) {
        do {
            self.zlib = try ZlibDecompressor(algorithm: .gzip)
        } catch {
            throw Failure(reason: "cannot start gzip decompression (\(error))")
        }
        let allocator = ByteBufferAllocator()
        self.window = allocator.buffer(capacity: windowBytes)
        self.input = allocator.buffer(capacity: 1 << 16)
    }

    /// Inflates `chunk` (the next bytes of the compressed file), appending the text to `output`.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(Failure) {
        self.input.clear()
        self.input.writeBytes(chunk)
        while true {
            do {
                try self.zlib.inflate(from: &self.input, to: &self.window)
                self.drain(into: &output)
                // No error: either every input byte was consumed, or a member ended with more input after it.
                guard self.input.readableBytes > 0 else { return }
                try self.zlib.reset()
            } catch let error as CompressNIOError where error == .bufferOverflow {
                self.drain(into: &output)
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                self.drain(into: &output)
                return
            } catch let error as CompressNIOError where error == .corruptData {
                throw Failure(reason: "not valid gzip data (corrupt or not gzip-compressed)")
            } catch {
                throw Failure(reason: "gzip decompression failed (\(error))")
            }
        }
    }

    /// Checks that the stream ended with a complete member, appending any text still held back.
    mutating func finish(into output: inout [UInt8]) throws(Failure) {
        self.input.clear()
        while true {
            do {
                // With no input left, zlib answers "stream end" only after a member's trailer was read.
                try self.zlib.inflate(from: &self.input, to: &self.window)
                self.drain(into: &output)
                return
            } catch let error as CompressNIOError where error == .bufferOverflow {
                self.drain(into: &output)
            } catch let error as CompressNIOError where error == .inputBufferOverflow {
                throw Failure(reason: "truncated gzip data (the stream ends before its last member is complete)")
            } catch {
                throw Failure(reason: "gzip decompression failed (\(error))")
            }
        }
    }

    private mutating func drain(into output: inout [UInt8]) {
        guard self.window.readableBytes > 0 else { return }
        self.window.withUnsafeReadableBytes { output.append(contentsOf: $0) }
        self.window.clear()
    }
}
