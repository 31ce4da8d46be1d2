import LeadRoutingCore
import Testing

@Suite struct GeoDistanceTests {
    @Test func newYorkToLosAngelesIsAbout3936Km() {
        let km = GeoDistance.kilometres(latitude1: 40.7128, longitude1: -74.0060, latitude2: 34.0522, longitude2: -118.2437)
        #expect(abs(km - 3936) < 10)
    }
}
