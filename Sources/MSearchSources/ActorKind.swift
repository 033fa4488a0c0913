/// What an actor is. Part of the document model because every stage carries it: extraction
/// finds it, the store and the columns keep it (the columns as `code`), facets count by it and
/// the output prints its raw value ("person", "organisation", "place").
public enum ActorKind: String, Codable, Sendable, CaseIterable {
    case person, organisation, place

    /// The byte the columns file stores. A new kind takes a new code, so codes already on disk
    /// keep their meaning.
    public var code: UInt8 {
        switch self {
        case .person: 0
        case .organisation: 1
        case .place: 2
        }
    }

    /// The kind a stored byte stands for, or nil for a byte no kind has (a damaged file).
    public init?(code: UInt8) {
        switch code {
        case 0: self = .person
        case 1: self = .organisation
        case 2: self = .place
        default: return nil
        }
    }
}
