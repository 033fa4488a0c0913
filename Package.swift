// swift-tools-version:6.1
// The targets follow the data flow:
//   sources → documents → analysis → index segments → queries → scored hits → snippets → output
import PackageDescription

/// Release hot paths check array bounds but not Swift's dynamic exclusivity: the index and
/// search loops touch class-held buffers millions of times, and measuring showed those runtime
/// access checks costing ~9 % of indexing instructions (callgrind, Reuters JSONL).
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"])]

let package = Package(
    name: "msearch",
    products: [
        .executable(name: "msearch", targets: ["msearch"]),
        .library(name: "MSearchCLI", targets: ["MSearchCLI"]),
        .library(name: "MSearchQuery", targets: ["MSearchQuery"]),
        // For the side packages: libFuzzer harnesses in Fuzz/, micro-benchmarks in Benchmarks/.
        .library(name: "MSearchSources", targets: ["MSearchSources"]),
        .library(name: "MSearchAnalysis", targets: ["MSearchAnalysis"]),
        .library(name: "MSearchIndex", targets: ["MSearchIndex"]),
        .library(name: "MSearchIndexing", targets: ["MSearchIndexing"]),
        .library(name: "MSearchSearch", targets: ["MSearchSearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System C libraries (Debian: libxml2-dev, libstemmer-dev, libzstd-dev).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // libdeflate's CRC-32 (the same polynomial and values as zlib's) folds with PCLMULQDQ:
        // checking the index files' checksums at open is 2.3× faster than zlib's crc32.
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CEditline", providers: [.apt(["libedit-dev"])]),
        // Google's Compact Language Detector 2 (Debian libcld2-dev) is C++: this target is the
        // small extern "C" shim Swift calls (Sources/CCLD2Shim/cld2_shim.cc).
        // DWARF 4 like the Swift objects: valgrind (callgrind) cannot read clang's default DWARF 5.
        .target(name: "CCLD2Shim", cxxSettings: [.unsafeFlags(["-gdwarf-4"])],
                linkerSettings: [.linkedLibrary("cld2")]),
        // ICU's word break iterator (Debian libicu-dev, libicuuc) for Thai, Lao, Khmer and
        // Myanmar, whose words are not separated by spaces: a C shim, as its C API's names are
        // versioned macros (Sources/CICUWordBreakShim). DWARF 4 so valgrind 3.19 can read it.
        .target(name: "CICUWordBreakShim", cSettings: [.unsafeFlags(["-gdwarf-4"])],
                linkerSettings: [.linkedLibrary("icuuc")]),

        // What documents are in these files?
        .target(name: "MSearchSources", dependencies: ["CLibXML2"]),
        // Which terms does this text contain, and where? In which language is it written?
        // Resources: the Snowball stop lists of languages other than English (Resources/STOPWORDS.md).
        .target(name: "MSearchAnalysis", dependencies: ["CStemmer", "CCLD2Shim", "CICUWordBreakShim"], resources: [.copy("Resources")],
                swiftSettings: hotPath),
        // When was it published, and who does it name? (dates and actors, by rules)
        .target(name: "MSearchExtraction", dependencies: ["MSearchSources", "MSearchAnalysis"],
                resources: [.copy("Resources")]),
        // How are terms, postings and documents laid out on disk, written and read back?
        .target(name: "MSearchIndex", dependencies: ["MSearchAnalysis", "MSearchSources", "CZstd", "CZlib", "CDeflate"],
                swiftSettings: hotPath),
        // Which files changed, and what documents do they add? (walk, change detection, the
        // parallel read-extract-analyse pipeline, ids, the kept gazetteer, re-reading sources)
        .target(name: "MSearchIndexing", dependencies: ["MSearchSources", "MSearchExtraction", "MSearchAnalysis", "MSearchIndex"]),
        // What is the user asking for? (query language → query tree)
        .target(name: "MSearchQuery"),
        // Which documents match a query, and how well?
        .target(name: "MSearchSearch", dependencies: ["MSearchQuery", "MSearchIndex", "MSearchAnalysis"],
                swiftSettings: hotPath),
        // How good is a ranking? (trec_eval's measures against relevance judgements)
        .target(name: "MSearchEval"),
        // Which passage of a hit shows the reader why it matched?
        .target(name: "MSearchSnippets", dependencies: ["MSearchAnalysis"]),
        // What did the user ask for on the command line, and how is the answer printed?
        .target(name: "MSearchCLI", dependencies: [
            "MSearchSources", "MSearchExtraction", "MSearchAnalysis", "MSearchIndex", "MSearchIndexing", "MSearchQuery",
            "MSearchSearch", "MSearchSnippets", "MSearchEval", "CEditline",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Linked with the Swift runtime and Foundation static: only the code msearch uses is loaded,
        // which saves about 6 MB of resident memory in every process and the dynamic linking at
        // start-up (measured in Benchmarks/PERFORMANCE.md). Release builds only: SwiftPM links
        // executable modules into the debug test bundle, which needs the shared XCTest.
        .executableTarget(name: "msearch", dependencies: ["MSearchCLI"],
                          linkerSettings: [.unsafeFlags(["-static-stdlib", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization"],
                                                        .when(configuration: .release))]),

        // What the test targets share: temporary directories, the msearch binary as a child
        // process, a seeded random generator, where the test data is, golden files. Only test
        // targets depend on it; no product contains it.
        .target(name: "MSearchTestSupport", path: "Tests/MSearchTestSupport"),
        // An index of given documents built in-process (`TestIndex`), apart from the above so
        // that test targets without an index do not build MSearchIndex for it.
        .target(name: "MSearchIndexTestSupport", dependencies: ["MSearchIndex", "MSearchAnalysis", "MSearchSources", "MSearchTestSupport"],
                path: "Tests/MSearchIndexTestSupport"),
        .testTarget(name: "MSearchSourcesTests", dependencies: ["MSearchSources", "MSearchTestSupport"]),
        .testTarget(name: "MSearchExtractionTests", dependencies: ["MSearchExtraction", "MSearchSources", "MSearchAnalysis", "MSearchTestSupport"]),
        .testTarget(name: "MSearchAnalysisTests", dependencies: ["MSearchAnalysis", "MSearchTestSupport"]),
        .testTarget(name: "MSearchIndexTests", dependencies: ["MSearchIndex", "MSearchAnalysis", "MSearchSources", "MSearchTestSupport",
                                                            "MSearchIndexTestSupport"]),
        .testTarget(name: "MSearchIndexingTests", dependencies: ["MSearchIndexing", "MSearchIndex", "MSearchSources", "MSearchExtraction",
                                                               "MSearchTestSupport"]),
        .testTarget(name: "MSearchQueryTests", dependencies: ["MSearchQuery", "MSearchTestSupport"]),
        .testTarget(name: "MSearchSearchTests", dependencies: ["MSearchSearch", "MSearchQuery", "MSearchIndex", "MSearchSources",
                                                             "MSearchTestSupport", "MSearchIndexTestSupport"]),
        .testTarget(name: "MSearchEvalTests", dependencies: ["MSearchEval"]),
        .testTarget(name: "MSearchSnippetsTests", dependencies: ["MSearchSnippets", "MSearchAnalysis", "MSearchTestSupport"]),
        // Golden/ holds the expected outputs read by `Golden.check` (not resources: read in place).
        .testTarget(name: "MSearchEndToEndTests", dependencies: ["MSearchCLI", "msearch", "MSearchTestSupport"],
                    exclude: ["Golden"]),
        // Crashes, corruption, hostile files, concurrent readers, incremental == rebuilt.
        .testTarget(name: "MSearchRobustnessTests", dependencies: [
            "MSearchIndex", "MSearchSearch", "MSearchQuery", "MSearchSources", "MSearchAnalysis", "msearch", "MSearchTestSupport",
        ]),
    ],
    swiftLanguageModes: [.v5]
)

/// `MSEARCH_TESTS=MSearchQueryTests` (comma-separated target names) keeps only those test
/// targets: SwiftPM links every test target into one test bundle, so `swift test --filter` alone
/// still builds them all and what they depend on (10.5 minutes cold). With it,
/// `swift build --product msearchPackageTests` then `swift test --skip-build --filter …` build
/// and run one target (README, "One test target at a time").
if let names = Context.environment["MSEARCH_TESTS"] {
    let wanted = Set(names.split(separator: ",").map(String.init))
    package.targets.removeAll { $0.type == .test && !wanted.contains($0.name) }
}
