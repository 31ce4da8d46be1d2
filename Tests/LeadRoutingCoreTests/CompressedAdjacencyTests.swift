import Testing

@testable import LeadRoutingCore

@Suite struct CompressedAdjacencyTests {
    @Test func groupsBySourceAndSortsTargets() {
        let (csr, permutation) = CompressedAdjacency.build(nodeCount: 4, sources: [2, 0, 2, 0, 3], targets: [1, 3, 0, 1, 2])
        #expect(csr.offsets == [0, 2, 2, 4, 5])
        #expect(csr.targets == [1, 3, 0, 1, 2])
        #expect(permutation == [3, 1, 2, 0, 4])
        #expect(csr.degree(of: 1) == 0)
        #expect(Array(csr.edgeRange(of: 2)) == [2, 3])
    }

    @Test func emptyGraph() {
        let (csr, permutation) = CompressedAdjacency.build(nodeCount: 3, sources: [], targets: [])
        #expect(csr.offsets == [0, 0, 0, 0])
        #expect(csr.edgeCount == 0)
        #expect(permutation.isEmpty)
    }
}
