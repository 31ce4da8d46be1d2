#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Great-circle distances between coordinates given in degrees.
public enum GeoDistance {
    /// Mean Earth radius in kilometres.
    public static let earthRadiusKm = 6371.0088

    /// Haversine distance in kilometres.
    public static func kilometres(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double {
        let toRadians = Double.pi / 180
        let dLat = (latitude2 - latitude1) * toRadians
        let dLon = (longitude2 - longitude1) * toRadians
        let a = sinSquared(dLat / 2) + cos(latitude1 * toRadians) * cos(latitude2 * toRadians) * sinSquared(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, a.squareRoot()))
    }

    private static func sinSquared(_ x: Double) -> Double {
        let s = sin(x)
        return s * s
    }
}

extension GeoDistance {
    /// Equirectangular approximation in kilometres, given the cosine of the reference latitude: within 0.1% of
    /// haversine at metro scale and an order of magnitude cheaper (one square root, no trigonometry per call).
    @inlinable
    public static func approximateKilometres(
        latitude1: Double,
        longitude1: Double,
        latitude2: Double,
        longitude2: Double,
        cosLatitude: Double
    ) -> Double {
        let toRadians = Double.pi / 180
        let x = (longitude2 - longitude1) * toRadians * cosLatitude
        let y = (latitude2 - latitude1) * toRadians
        return earthRadiusKm * (x * x + y * y).squareRoot()
    }

    /// Cosine of a latitude in degrees (NaN stays NaN).
    public static func cosine(degrees: Double) -> Double {
        cos(degrees * Double.pi / 180)
    }
}
