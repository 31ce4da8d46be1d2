/// What went wrong in a lead store. A struct wrapping a private code, so new kinds are not API breaks; compare
/// with the static values (`error.kind == .conflict`), read ``message`` for the details.
public struct LeadStoreError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; equality is by kind only.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Code: String, Sendable, Hashable {
            case conflict, notFound, invalidTransition, unavailable, schemaTooNew, invalidURL, invalidPayload, corrupt, missingStore
            case authenticationFailed
        }
        private let code: Code
        private init(_ code: Code) { self.code = code }

        /// The lead id is already recorded with a different payload; nothing was written.
        public static let conflict = Kind(.conflict)
        /// No lead (or assignment) with that id.
        public static let notFound = Kind(.notFound)
        /// The state change is not allowed from the assignment's current state (e.g. accepting a closed lead).
        public static let invalidTransition = Kind(.invalidTransition)
        /// The database cannot be reached or failed (connection refused, timeout, disk error); retry later.
        public static let unavailable = Kind(.unavailable)
        /// The database was migrated by a newer binary; this one refuses to run against it.
        public static let schemaTooNew = Kind(.schemaTooNew)
        /// The store URL could not be understood.
        public static let invalidURL = Kind(.invalidURL)
        /// The lead payload is malformed or too large; nothing was written.
        public static let invalidPayload = Kind(.invalidPayload)
        /// A stored row could not be decoded (written by something else).
        public static let corrupt = Kind(.corrupt)
        /// A read-only command named a store that does not exist (or holds no lead-store schema); nothing was created.
        public static let missingStore = Kind(.missingStore)
        /// The database refused the credentials (wrong password, unknown user): retrying will not help.
        public static let authenticationFailed = Kind(.authenticationFailed)

        public var description: String { self.code.rawValue }
    }

    public let kind: Kind
    /// One line for a person: what failed and, where useful, what to do.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { self.message }

    public static func conflict(leadId: String) -> Self {
        Self(.conflict, "lead \(leadId) is already recorded with a different payload")
    }

    public static func notFound(leadId: String) -> Self { Self(.notFound, "no lead \(leadId) in the store") }

    /// The database was migrated to `databaseVersion` by a newer binary than this one (`binaryVersion`).
    public static func schemaTooNew(databaseVersion: Int, binaryVersion: Int) -> Self {
        Self(
            .schemaTooNew,
            "the database's schema version \(databaseVersion) is newer than this binary's \(binaryVersion); upgrade leadrouter"
        )
    }
}
