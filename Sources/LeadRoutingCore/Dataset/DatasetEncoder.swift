/// Writes a ``Dataset`` as the CSV files of a dataset directory, the inverse of ``DatasetDecoder``.
///
/// Every file is written, each with the full header of ``DatasetFile/columns`` in that order; absent optional
/// values become empty fields, lists are joined with `|`, doubles use Swift's shortest round-tripping
/// `description`, and edge indices are written back as external ids. For any dataset the decoder accepted,
/// `decode(encode(dataset))` equals `dataset` field by field.
public struct DatasetEncoder: Sendable {
    /// Creates an encoder; it holds no state.
    public init() {}

    /// The bytes of every ``DatasetFile``, keyed by file.
    public func encode(_ dataset: Dataset) -> [DatasetFile: [UInt8]] {
        var files: [DatasetFile: [UInt8]] = [:]
        for file in DatasetFile.allCases {
            files[file] = Self.encode(file, dataset)
        }
        return files
    }

    private static func encode(_ file: DatasetFile, _ dataset: Dataset) -> [UInt8] {
        var writer = CSVWriter(reservingCapacity: Self.estimatedBytes(file, dataset))
        writer.writeRow(file.columns)
        switch file {
        case .agents:
            for agent in dataset.agents {
                writer.writeField(agent.id)
                writer.next(agent.name)
                writer.next(agent.active ? "true" : "false")
                writer.next(agent.states.joined(separator: "|"))
                writer.next(agent.languages.joined(separator: "|"))
                writer.next(agent.specialties.joined(separator: "|"))
                writer.next(agent.priceMin)
                writer.next(agent.priceMax)
                writer.next(agent.capacity)
                writer.next(agent.openLeads)
                writer.next(agent.closed)
                writer.next(agent.assigned)
                writer.next(agent.responseMinutes)
                writer.next(agent.latitude)
                writer.next(agent.longitude)
                writer.endRow()
            }
        case .territories:
            for territory in dataset.territories {
                writer.writeField(territory.id)
                writer.next(territory.name)
                writer.next(territory.state)
                writer.next(territory.latitude)
                writer.next(territory.longitude)
                writer.endRow()
            }
        case .coverage:
            for coverage in dataset.coverage {
                writer.writeField(dataset.agents[Int(coverage.agent)].id)
                writer.next(dataset.territories[Int(coverage.territory)].id)
                writer.next(coverage.weight)
                writer.endRow()
            }
        case .adjacency:
            for adjacency in dataset.adjacency {
                writer.writeField(dataset.territories[Int(adjacency.territory)].id)
                writer.next(dataset.territories[Int(adjacency.neighbor)].id)
                writer.next(adjacency.distanceKm)
                writer.endRow()
            }
        case .referrals:
            for referral in dataset.referrals {
                writer.writeField(dataset.agents[Int(referral.from)].id)
                writer.next(dataset.agents[Int(referral.to)].id)
                writer.next(Int(referral.sent))
                writer.next(Int(referral.closed))
                writer.endRow()
            }
        case .leads:
            for lead in dataset.leads {
                writer.writeField(lead.id)
                writer.next(lead.territoryId)
                writer.next(lead.kind.rawValue)
                writer.next(lead.price)
                writer.next(lead.language ?? "")
                writer.next(lead.languageRequired ? "true" : "false")
                writer.next(lead.urgency)
                writer.next(lead.sourceAgentId ?? "")
                writer.next(lead.previousAgentId ?? "")
                writer.next(lead.createdAt ?? "")
                writer.endRow()
            }
        }
        return writer.bytes
    }

    private static func estimatedBytes(_ file: DatasetFile, _ dataset: Dataset) -> Int {
        switch file {
        case .agents: 128 * dataset.agents.count
        case .territories: 48 * dataset.territories.count
        case .coverage: 32 * dataset.coverage.count
        case .adjacency: 32 * dataset.adjacency.count
        case .referrals: 28 * dataset.referrals.count
        case .leads: 96 * dataset.leads.count
        }
    }
}

extension CSVWriter {
    /// Separator, then a text field.
    fileprivate mutating func next(_ text: String) {
        self.writeSeparator()
        self.writeField(text)
    }

    /// Separator, then an optional double (empty when nil) in its round-tripping `description`.
    fileprivate mutating func next(_ value: Double?) {
        self.writeSeparator()
        guard let value else { return }
        self.bytes.append(contentsOf: value.description.utf8)
    }

    /// Separator, then an integer (its `String` is small enough to stay inline, so no heap allocation).
    fileprivate mutating func next(_ value: Int) {
        self.writeSeparator()
        self.bytes.append(contentsOf: String(value).utf8)
    }
}
