import LeadRoutingCore
import Testing

/// A policy's recorded identity is its label plus a hash of its content, so the label alone never identifies it.
@Suite struct PolicyIdentityTests {
    /// FIPS 180-4 test vectors, and one spanning two blocks' padding.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256MatchesTheStandardVectors(input: String, hex: String) {
        #expect(SHA256Digest.hex(Array(input.utf8)) == hex)
    }

    @Test func theBuiltInPolicyHasALabelAndAHash() throws {
        let identity = RoutingPolicy.default.identity
        #expect(identity.hasPrefix("default-2@sha256:"))
        let hash = identity.dropFirst("default-2@sha256:".count)
        #expect(hash.count == RoutingPolicy.identityHashDigits)
        #expect(hash.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(try SmallNetwork.router().policyIdentity == identity)
    }

    /// Two files both claiming `default-2` are told apart; the same content gives the same hash whatever the label.
    @Test func twoFilesClaimingTheSameVersionAreToldApart() throws {
        let heavy = try RoutingPolicy.decode(json: Array(#"{"version":"default-2","weights":{"coverage":5,"referral":1}}"#.utf8))
        #expect(heavy.version == RoutingPolicy.default.version)
        #expect(heavy.identity != RoutingPolicy.default.identity)
        let same = try RoutingPolicy.decode(json: RoutingPolicy.default.encodedJSON())
        #expect(same.identity == RoutingPolicy.default.identity)
    }

    /// A file without `version` is recorded as `unversioned`, never as the built-in `default-2`, and still gets a hash.
    @Test func aFileWithoutVersionStillGetsAHash() throws {
        let bare = try RoutingPolicy.decode(json: Array(#"{"maxReferralHops":3}"#.utf8))
        #expect(bare.version == RoutingPolicy.unversionedLabel)
        #expect(bare.identity.hasPrefix("unversioned@sha256:"))
        let empty = try RoutingPolicy.decode(json: Array("{}".utf8))
        #expect(empty.identity.hasPrefix("unversioned@sha256:"))
        // The same knobs as the built-in policy: the same hash, under its own label.
        #expect(empty.identity.dropFirst("unversioned".count) == RoutingPolicy.default.identity.dropFirst("default-2".count))
        #expect(bare.identity.dropFirst("unversioned".count) != empty.identity.dropFirst("unversioned".count))
    }

    /// Decisions carry the identity, also through a deeper ranking router (which explains more candidates).
    @Test func decisionsRecordTheIdentity() throws {
        let policy = try RoutingPolicy.decode(json: Array(#"{"version":"default-2","weights":{"coverage":1}}"#.utf8))
        let router = try SmallNetwork.router(policy)
        let lead = Lead(id: "L1", territoryId: "t1")
        #expect(router.route(lead).policy == policy.identity)
        #expect(router.ranking(depth: 16).route(lead).policy == policy.identity)
    }
}
