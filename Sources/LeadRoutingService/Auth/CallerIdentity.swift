/// Who called, from a verified access token.
public struct CallerIdentity: Sendable, Equatable {
    public var subject: String
    public var scopes: Set<Scope>
}
