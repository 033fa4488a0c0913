import Foundation

/// The small word lists the rules use. All entries are folded (lower case, no accents).
enum Words {
    /// Capitalised words that are never (the start of) a name by themselves.
    static let stop: Set<String> = set("""
    a an the this that these those there here then thus so such some any each every all both either neither
    no not nor none other another many much more most few several own same
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs who whom whose
    which what when where why how whether if unless because since while although though as at by for from in into of
    on onto off out over under up down to toward towards with within without about above across after against along
    among around before behind below beneath beside besides between beyond during except inside like near outside
    past per plus than through throughout till until upon via
    and but or yet also too very just only even still already again once twice
    however meanwhile moreover furthermore therefore nevertheless nonetheless otherwise instead indeed besides
    additionally consequently accordingly likewise similarly finally firstly secondly lastly overall currently
    recently previously earlier later today tomorrow yesterday tonight now yes ok okay
    according regarding concerning following including despite amid amidst given
    is are was were be been being am do does did done have has had having will would shall should can could may might must
    said says say told asked added noted stated according
    mr mrs ms dr sir madam
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    spring summer autumn fall winter
    north south east west northern southern eastern western central
    one two three four five six seven eight nine ten first second third last next
    q a faq faqs note notes update updated editor editors read more related video videos photo photos image images
    source sources file filed share click subscribe advertisement sponsored copyright reuters reuter
    breaking exclusive analysis opinion comment live watch listen
    mln bln pct dlrs cts vs
    naira cfa ecu ecus yen dollar dollars peso pesos rand franc francs lira lire mark marks rupee rupees rouble
    ruble yuan renminbi won baht ringgit rupiah cruzado cruzados cruzeiro austral sterling euro euros bolivar
    escudo drachma guilder guilders schilling krona kronor krone peseta pesetas shekel dinar riyal dirham sdr sdrs
    """)

    /// Nationality and group adjectives: "Cuban officials" names no actor.
    static let demonyms: Set<String> = set("""
    afghan albanian algerian american americans andorran angolan argentine argentinian armenian australian austrian
    azerbaijani bahamian bahraini bangladeshi barbadian belarusian belgian belizean beninese bhutanese bolivian bosnian
    brazilian british bruneian bulgarian burkinabe burmese burundian cambodian cameroonian canadian chadian chilean
    chinese colombian congolese costa rican croatian cuban cubans cypriot czech danish djiboutian dominican dutch
    ecuadorian egyptian emirati english eritrean estonian ethiopian european europeans fijian filipino finnish french
    gabonese gambian georgian german germans ghanaian greek grenadian guatemalan guinean guyanese haitian honduran hungarian
    icelandic indian indonesian iranian iraqi irish israeli italian ivorian jamaican japanese jordanian kazakh kenyan
    korean kosovar kuwaiti kyrgyz lao laotian latvian lebanese liberian libyan lithuanian luxembourgish macedonian
    malagasy malawian malaysian maldivian malian maltese mauritanian mauritian mexican mexicans moldovan monegasque mongolian
    montenegrin moroccan mozambican namibian nepalese nepali nicaraguan nigerian nigerien norwegian omani pakistani
    palestinian panamanian paraguayan persian peruvian polish portuguese qatari romanian russian russians rwandan
    salvadoran samoan saudi scottish senegalese serbian sierra leonean singaporean slovak slovenian somali south
    spanish sri lankan sudanese surinamese swazi swedish swiss syrian taiwanese tajik tanzanian thai togolese tongan
    trinidadian tunisian turkish turkmen ugandan ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian
    zimbabwean arab arabs asian asians african africans latin latino latina hispanic western soviet communist
    christian christians muslim muslims jewish jews catholic protestant sunni shiite shia buddhist hindu
    democrat democrats republican republicans democratic conservative conservatives liberal liberals socialist
    socialists labour tory tories yugoslav congressional presidential parliamentary ministerial governmental
    federal provincial municipal royal imperial
    """)

    /// Titles and roles written before a name ("President Donald Trump", "Treasury Secretary
    /// James Baker"): stripped from a name, and they mark the name after them as a person.
    static let titles: Set<String> = set("""
    president vice minister ministers secretary speaker chairman chairwoman chairperson chair governor senator sen
    congressman congresswoman representative rep mayor ambassador chancellor director spokesman spokeswoman spokesperson
    commissioner judge justice king queen prince princess pope premier general gen lt col colonel capt captain sgt
    sergeant adm admiral lieutenant commander prof professor rev reverend sir lord lady dame sheikh emir sultan
    ayatollah cardinal bishop archbishop chief ceo cfo coo founder cofounder deputy assistant undersecretary
    under acting interim former ex mr mrs ms dr miss mister madame monsieur senor senora mp attorney prosecutor
    economist analyst officer official dealer trader counsellor counselor adviser advisor envoy negotiator leader
    treasurer comptroller controller president-elect viceroy consul delegate minister-president
    presidente presidenta vicepresidente vicepresidenta canciller vicecanciller ministro ministra viceministro
    viceministra secretario secretaria embajador embajadora portavoz vocero vocera gobernador gobernadora alcalde
    alcaldesa senador senadora diputado diputada coronel juez jueza fiscal directora jefe jefa rey reina papa
    principe princesa senor senora dona licenciado doctor doctora mandatario mandataria infanta infante
    """)

    /// Titles kept with a one-word name: "King Fahd", "Pope Francis".
    static let royalTitles: Set<String> = set("king queen prince princess pope sheikh emir sultan ayatollah crown")

    /// Portfolio words that complete a title ("Secretary of State", "Minister of Foreign Affairs",
    /// "Finance Minister") rather than start a name.
    static let portfolio: Set<String> = set("""
    state defense defence treasury finance financial foreign affairs homeland security commerce trade agriculture
    energy labor labour health education interior justice economy economic economics industry exchequer transport
    transportation communications information oil petroleum mines mining planning development the for and of
    western hemisphere international relations external home environment housing culture tourism fisheries
    budget revenue customs immigration public works war navy army air force intelligence national general
    executive managing senior chief prime first deputy vice assistant
    """)

    /// Lower-case role words after which a name follows ("spokesperson, Ned Price", "journalist
    /// Wilfredo Cancio", "foreign minister Bruno Rodriguez").
    static let roleBefore: Set<String> = set("""
    president minister secretary chairman chairwoman chair governor senator congressman congresswoman mayor ambassador
    chancellor director spokesman spokeswoman spokesperson commissioner judge premier leader chief executive
    founder cofounder ceo head deputy analyst economist journalist reporter correspondent editor writer author
    professor lawyer attorney prosecutor diplomat adviser advisor negotiator envoy dealer trader strategist
    candidate nominee activist researcher scientist colleague son daughter wife husband brother sister father mother
    manager partner president-elect king queen prince pope counsel consul commander general officer
    presidente presidenta vicepresidente vicepresidenta canciller vicecanciller ministro ministra viceministro
    viceministra secretario secretaria embajador embajadora portavoz vocero vocera gobernador gobernadora alcalde
    alcaldesa senador senadora diputado diputada juez jueza fiscal director directora jefe jefa mandatario
    mandataria periodista dirigente lider opositor opositora activista escritor escritora analista economista
    abogado abogada empresario empresaria investigador investigadora profesor profesora hijo hija esposa esposo
    """)

    /// Verbs that follow a person's name ("Rodriguez said").
    static let speechVerbs: Set<String> = set("""
    said says told added noted stated declared warned explained argued wrote asked replied recalled insisted
    announced urged denied confirmed acknowledged admitted indicated emphasized emphasised stressed tweeted
    posted claimed suggested believes believed thinks thought expects expected predicted commented
    dijo dice afirmo afirma declaro senalo indico anadio aseguro explico agrego expreso manifesto advirtio
    denuncio escribio comento sostuvo subrayo destaco reitero aseguro insistio
    sagte sagt sagten erklarte erklart betonte betont meinte schrieb warnte kritisierte forderte
    """)

    /// Last words of organisation names ("… Department", "… Bank", "… Inc").
    static let orgHeads: Set<String> = set("""
    department ministry agency embassy consulate bank banks inc corp corporation co cos company companies ltd limited
    llc plc ag sa nv bv gmbh spa group party council commission committee association organization organisation
    union federation institute institution university college school academy foundation fund trust court tribunal
    board authority authorities administration service services office bureau directorate secretariat
    congress parliament senate assembly cabinet government police army navy force forces guard command
    exchange reserve securities holdings industries airlines airways motors systems technologies partners
    enforcement protection network networks press times post news journal herald tribune gazette television daily magazine
    radio broadcasting club league church mission delegation coalition alliance front movement society
    center centre laboratory laboratories hospital clinic insurance investments capital ventures brothers
    energy oil petroleum steel chemical chemicals electric electronics communications telecom foods mining
    railways railroad shipping mills products international inc. corp. co. ltd.
    united fc afc cf rovers wanderers athletic albion
    """)

    /// Organisation words strong enough to join "X and Y …" into one name.
    static let strongOrgHeads: Set<String> = set("""
    department ministry agency bank council commission committee association organization organisation union
    federation institute university administration authority board fund bureau office party group corporation
    company co inc corp ltd services service enforcement exchange
    """)

    /// "Trump Administration", "Reagan Government": the name before these is a person.
    static let personHeads: Set<String> = set("administration government cabinet presidency campaign era camp")

    /// "Government of Cuba": the place after "of".
    static let governmentOf: Set<String> = set("government republic kingdom state states people peoples")

    /// First words of organisation names in languages that put the head first ("Ministerio de
    /// Relaciones Exteriores", "Partido Comunista de Cuba", "Banco Central"): Spanish, French,
    /// Italian and Portuguese spellings that English does not share.
    static let orgFirstHeads: Set<String> = set("""
    ministerio departamento partido banco consejo comision comite asociacion organizacion federacion
    instituto universidad tribunal corte oficina agencia embajada asamblea congreso senado camara
    gobierno ejercito policia servicio fundacion sindicato movimiento frente empresa grupo compania sociedad
    fiscalia juzgado audiencia hacienda guardia junta ayuntamiento diputacion delegacion subdelegacion consejeria
    conselleria procuraduria contraloria defensoria superintendencia comisaria cancilleria alcaldia gobernacion
    prefeitura procuradoria mairie prefecture gendarmerie procura questura
    ministere parti departement banque conseil universite cour agence
    ambassade assemblee senat gouvernement armee societe ministero partito banca consiglio commissione
    universita ministerio governo camara
    """)

    /// Lower-case nouns after which a name is a publication or news outlet ("the news site Café
    /// Fuerte", "el diario Granma", "the newspaper El País").
    static let publicationBefore: Set<String> = set("""
    newspaper newspapers daily weekly magazine site website outlet portal tabloid broadcaster channel agency
    journal paper blog periodico diario semanario revista sitio medio agencia emisora cadena canal
    quotidien hebdomadaire zeitung
    """)

    /// Definite articles of other languages that start names of publications, groups and
    /// places, never of a person's given name ("El País", "Le Monde", "Der Spiegel", "Los Lobos").
    /// Nouns of creative works written right before the work's title ("the film Million Dollar
    /// Baby", "his novel Atonement"): the capitalised words after them are a title, no actor.
    static let workNouns: Set<String> = set("film films movie movies novel novels album albums single singles series sitcom documentary musical opera song songs book books")

    static let foreignArticles: Set<String> = set("el los las la le les der die das il gli lo het")

    /// Verbs of headlines in capitals after which a name stands ("LAWSON SAYS").
    static let headlineVerbs: Set<String> = set("""
    says said sees urges calls warns denies predicts expects wants asks backs rejects opposes favours favors supports
    hopes pledges heads meets nominates named resigns quits to will may plans seeks proposes criticises criticizes
    attacks defends affirms reaffirms confirms announces agrees doubts has is was says, tells told gets wins
    """)

    /// Words that make an "X of Y" run an organisation when X is one of them ("Bank of England").
    static let orgOfHeads: Set<String> = set("""
    department ministry bank council commission committee association organization organisation union federation
    institute university college academy court board office bureau house chamber league society conference
    secretary minister government republic kingdom state states
    """)

    /// Last words of names that are not actors: laws, programmes, events, places in a city
    /// (with the abbreviations "St" and "Rd" of street and road: "Downing St").
    static let nonActorHeads: Set<String> = set("""
    st rd act acts law laws bill bills declaration agreement agreements accord accords treaty treaties pact protocol program
    programme programs plan plans day days week weeks month war wars syndrome crisis summit games olympics cup
    award awards prize street avenue road square boulevard building tower bridge airport station hotel index
    amendment amendments code rule rules policy doctrine strategy initiative project report review survey
    conference talks deal process convention doctrine era age revolution election elections campaign
    """)

    /// Determiners that never stand before a person's name in English ("the Guardian", "his
    /// Achilles tendon"); see `ActorRules.determinerBefore`. Not "a": it is also a word of
    /// Czech, Spanish or Italian ("a David Moyes").
    static let nameDeterminers: Set<String> = set("the his its their our my your")

    /// Plural verbs that make a singular name a group ("Blackburn have rejected").
    static let pluralVerbs: Set<String> = set("have are were")

    /// Nouns for companies, clubs, bands, outlets and other organisations, written right before
    /// a name or heading an apposition after it ("carmaker PSA", "Motorola, the … manufacturer,").
    /// Not the nouns that also name a person's trade ("games maker Peter Molyneux", "developer").
    static let organisationNouns: Set<String> = set("""
    company companies firm firms carmaker carmakers manufacturer manufacturers retailer retailers
    supermarket chain developers publishers label band group bank banks lender insurer
    airline airlines operator operators club clubs side team broadcaster network channel website websites
    site sites agency agencies giant giants brand brands studio studios startup conglomerate
    bookmaker bookmakers car-maker car-makers automaker automakers chipmaker chipmakers drugmaker drugmakers
    """)

    /// Lower-case words right after the name of an organisation, never after a person's
    /// without a possessive ("Ladbrokes spokesman", "Vodafone chairman", "Vulture magazine").
    static let organisationWordsAfter: Set<String> = set("""
    spokesman spokeswoman spokesperson spokesmen chairman chairwoman shareholders magazine newspaper
    """)

    /// Verbs whose object may be followed by the office it is given ("named Charles Hinckley
    /// chairman", "elected Anthony O'Reilly chairman").
    static let appointmentVerbs: Set<String> = set("named name names elected elect elects appointed appoint appoints made make makes became become becomes as")

    /// Heads of institutions named after their town ("Florida State University", "Leeds
    /// College", "Aston Villa Football Club"): the town inside is no mention of the place.
    static let placeNamedHeads: Set<String> = set("university college school academy institute hospital museum club")

    /// Conjunctions that open a clause ("…, while Aston Villa were drawn"): a comma before one
    /// ends a clause, not a list.
    static let clauseOpeners: Set<String> = set("while whereas but although though because since when after before as if")

    /// Forms of "be" and modal verbs: after "said it" they make the "it" a clause's
    /// ("said it was time", "said it would be wrong"), not a company's.
    static let beForms: Set<String> = set("is was were are be been being")
    static let modals: Set<String> = set("will would could should might may must can")

    /// Titles written before a surname that the stop list holds.
    static let personalTitles: Set<String> = set("mr mrs ms dr sir madam")

    /// Compass words that open a place's or a club's name ("South Africa", "West Ham", "North
    /// Korea"); they are stop words alone ("the West", "South" in a heading).
    static let compassWords: Set<String> = set("north south east west")

    /// Common nouns that an acronym of a technology stands before ("USB port", "IP addresses",
    /// "HTTP requests"): that acronym names a standard or a protocol, no actor.
    static let technologyNouns: Set<String> = set("""
    port ports address addresses request requests protocol protocols cable cables connection connections
    socket sockets stick sticks drive drives header headers packet packets
    format formats file files interface interfaces traffic enabled compatible encoding encryption
    slot slots plug plugs
    """)

    /// Last words of the names of natural features ("Nu River", "Beverly Hills", "Hikurangi
    /// Trench"): the name is a place. Not the heads that are also surnames or clubs ("Hill",
    /// "Forest": Damon Hill, Nottingham Forest).
    static let placeHeads: Set<String> = set("""
    river rivers hills islands isles mountains lake lakes sea ocean gulf bay strait straits trench valley
    peninsula desert canyon estuary archipelago
    """)

    /// Prepositions after which a lone unknown name is a place ("in Tapachula", "to Georgetown").
    static let placeBefore: Set<String> = set("in at from to near into across throughout toward towards via outside inside")

    /// "the city of X": X is a place.
    static let placeNouns: Set<String> = set("city town village port province state region district county island islands capital municipality")

    /// Name particles inside a person's name ("Carlos Fernández de Cossío", "Ludwig van Beethoven").
    static let particles: Set<String> = set("de del della di da do dos das du la le van von der den ter bin ibn al el")

    /// Connectors inside organisation names ("Bank of England", "Immigration and Customs Enforcement").
    static let orgConnectors: Set<String> = set("of for and on the")

    /// Abbreviations whose period does not end a sentence.
    static let abbreviations: Set<String> = set("""
    mr mrs ms dr prof sen rep gov gen lt col capt sgt adm st jr sr inc corp co ltd bros no vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave approx dept univ assn est
    """)

    /// All-capital words that are not organisations.
    static let nonAcronyms: Set<String> = set("""
    i ii iii iv v vi vii viii ix x xi xii ok tv ceo cfo coo cto gdp gnp am pm usd eur gbp jpy chf cad aud covid
    dna rna hiv aids faq faqs pdf url id q1 q2 q3 q4 h1 h2 vat ipo etf ai it nb ps re fyi asap cst est gmt utc
    edt pdt pst cdt mdt bst cet cest mst mph kg km cm mm lb oz pct mln bln dlrs cts st sq ft yr yrs vs rpt nil
    note update updated new news breaking exclusive the and or of for in on at to a by from with not no
    mc dj
    """)

    static func set(_ s: String) -> Set<String> {
        Set(s.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { String($0) })
    }
}

/// Function words of other languages (the resource `function-words.txt`, generated by
/// scripts/make-function-words.py from PyPI stop-words): a capitalised one alone ("El", "Las",
/// "Der") is never an actor. Empty, with a warning, when the resource is missing.
enum FunctionWords {
    static let load: (words: Set<String>, warning: String?) = {
        guard let path = ExtractionResources.path(of: "function-words.txt"),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return ([], "msearch: function-words.txt not found; foreign function words may be taken for names")
        }
        var words = Set<String>()
        for line in text.utf8.split(separator: 0x0A) where line.first != 0x23 {   // "#"
            words.insert(String(decoding: line, as: UTF8.self))
        }
        return (words, nil)
    }()
}

/// Common English words in lower case (the resource `common-words.txt`, derived by
/// Benchmarks/make_common_words.py), used to tell a capitalised common word at the start of a
/// sentence from a name. Empty, with a warning, when the resource is missing.
enum CommonWords {
    /// Each word and whether it is strict (never a name too) rather than loose (also a name:
    /// "price*", "set*", "bill*"). `WordClassTable` turns them into the `.common` (strict) and
    /// `.looseCommon` (all) classes.
    static let load: (words: [(word: String, strict: Bool)], warning: String?) = {
        guard let path = ExtractionResources.path(of: "common-words.txt"),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return ([], "msearch: common-words.txt not found; sentence-initial words are judged without a lexicon")
        }
        var words: [(word: String, strict: Bool)] = []
        // split on bytes: Character-wise splitting of 100 KB costs more than the lookups it serves
        for line in text.utf8.split(separator: 0x0A) where line.first != 0x23 {   // "#"
            if line.last == 0x2A {   // "*"
                words.append((String(decoding: line.dropLast(), as: UTF8.self), false))
            } else {
                words.append((String(decoding: line, as: UTF8.self), true))
            }
        }
        return (words, nil)
    }()
}
