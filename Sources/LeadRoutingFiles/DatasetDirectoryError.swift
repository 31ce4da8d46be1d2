/// A dataset directory that could not be read or written (as opposed to malformed content,
/// which is a `DatasetError` and is re-thrown unchanged).
public struct DatasetDirectoryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of problem, as an open set of static values.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case notFound
            case notADirectory
            case readFailed
            case writeFailed
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// Nothing exists at the path.
        public static let notFound = Kind(.notFound)
        /// The path exists but is not a directory.
        public static let notADirectory = Kind(.notADirectory)
        /// A file of the directory exists but could not be read.
        public static let readFailed = Kind(.readFailed)
        /// The directory or one of its files could not be created, written or renamed into place.
        public static let writeFailed = Kind(.writeFailed)

        /// The kind's name, for example `notFound`.
        public var description: String { self.base.rawValue }
    }

    /// The class of problem.
    public var kind: Kind
    /// The directory or file concerned.
    public var path: String
    /// Human-readable explanation naming ``path``.
    public var message: String

    /// Creates an error.
    public init(kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// The message.
    public var description: String { self.message }
}
