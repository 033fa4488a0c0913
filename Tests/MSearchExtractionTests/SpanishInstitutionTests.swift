import Foundation
import Testing
import MSearchSources
@testable import MSearchExtraction

/// Spanish institutions name their head first ("Fiscalía Anticorrupción", "Juzgado de
/// Instrucción 3 de Palma", "Audiencia de Palma", "Hacienda Pública"): organisations, never
/// people; a royal title alone ("la Infanta") is not a name.
@Suite struct SpanishInstitutionTests {
    let rulesOnly = Extractor(gazetteer: Gazetteer(), today: XDate(year: 2025, month: 6, day: 1))

    static let article = """
    El fiscal Pedro Horrach está perfilando con el jefe de la Fiscalía Anticorrupción, Antonio Salinas, la estrategia jurídica.
    El juez del Juzgado de Instrucción 3 de Palma citó a declarar a la infanta por delitos contra la Hacienda Pública.
    La Audiencia de Palma anuló la primera imputación de la Infanta, según el abogado Miquel Roca.
    El Tribunal Supremo y la Guardia Civil no comentaron. La Junta de Andalucía y el Ayuntamiento de Sevilla tampoco.
    """

    func kinds() -> [String: ActorKind] {
        var out: [String: ActorKind] = [:]
        for a in rulesOnly.extract(doc(Self.article)).actors { out[a.name] = a.kind }
        return out
    }

    @Test func institutionsAreOrganisations() {
        let k = kinds()
        for name in ["Fiscalía Anticorrupción", "Hacienda Pública", "Audiencia de Palma", "Tribunal Supremo", "Guardia Civil",
                     "Junta de Andalucía", "Ayuntamiento de Sevilla"] {
            #expect(k[name] == .organisation, "\(name): \(String(describing: k[name])) in \(k)")
        }
        #expect(k.keys.contains { $0.hasPrefix("Juzgado de Instrucción") && k[$0] == .organisation }, "\(k)")
        for name in ["Pedro Horrach", "Antonio Salinas", "Miquel Roca"] { #expect(k[name] == .person, "\(name) in \(k)") }
        #expect(k["Infanta"] == nil, "a title alone: \(k)")
        // Its distinctive word alone is the organisation too.
        let short = rulesOnly.extract(doc("Anticorrupción decidirá hoy. La Fiscalía Anticorrupción recurrirá el auto del caso Nóos, que investiga al Instituto Nóos.")).actors
        #expect(!short.contains { $0.name == "Anticorrupción" || $0.name == "Nóos" }, "linked: \(short.map { ($0.name, $0.kind) })")
        #expect(short.first { $0.name == "Fiscalía Anticorrupción" }?.kind == .organisation, "\(short.map { ($0.name, $0.kind) })")
        // Named alone, a head-first institution word is still the institution.
        let alone = rulesOnly.extract(doc("El juez recurrió. La Audiencia anuló la decisión del juez, y la Fiscalía no recurrió.")).actors
        for name in ["Audiencia", "Fiscalía"] {
            #expect(alone.first { $0.name == name }?.kind == .organisation, "\(name) in \(alone.map { ($0.name, $0.kind) })")
        }
    }
}
