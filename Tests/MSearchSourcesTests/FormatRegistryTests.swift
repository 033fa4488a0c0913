import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

/// The standard registry as a whole: what each format declares, and that the declarations agree
/// with each other and with what the readers do.
@Suite struct FormatRegistryTests {
    let registry = SourceFormatRegistry.standard

    /// One small file of each registered format; a new format must add its own.
    static let samples: [String: String] = [
        "text": "A plain title\n\nSome words of text.\n",
        "html": "<!DOCTYPE html>\n<html><head><title>Page</title></head><body><p>Words on a page.</p></body></html>\n",
        "xml": "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>F</title>"
            + "<item><guid>g-1</guid><title>Item</title><description>Words of an item.</description></item></channel></rss>\n",
        "reuters": "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS NEWID=\"7\"><DATE>26-FEB-1987 15:01:01.79</DATE>"
            + "<TEXT><TITLE>COCOA</TITLE><BODY>Cocoa words.\n Reuter\n&#3;</BODY></TEXT></REUTERS>\n",
        "jsonl": "{\"id\": \"j-1\", \"title\": \"Line\", \"body\": \"Words of a line.\"}\n",
        "mail": "From: Jane Doe <jd@example.org>\nSubject: A message\nMessage-ID: <m-1@example.org>\n\nWords of a message.\n",
        "jsonfeed": "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"F\",\n"
            + "  \"items\": [{\"id\": \"f-1\", \"title\": \"Item\", \"content_text\": \"Words of an item.\"}]\n}\n",
    ]

    func sample(_ format: SourceFormat) throws -> [UInt8] {
        Array(try #require(FormatRegistryTests.samples[format.rawValue], "no sample for format \(format)").utf8)
    }

    @Test func namesAndExtensionsAreUniqueAndFindTheirFormat() throws {
        let names = registry.formats.map(\.format.rawValue)
        #expect(names == ["text", "html", "xml", "reuters", "jsonfeed", "jsonl", "mail"])
        #expect(Set(names).count == names.count)
        var owner: [String: SourceFormat] = [:]
        for capabilities in registry.formats {
            let format = capabilities.format
            #expect(SourceFormat(rawValue: format.rawValue) == format, "the name an index records reads back")
            #expect(!capabilities.extensions.isEmpty)
            for ext in capabilities.extensions {
                #expect(ext == ext.lowercased() && !ext.contains("."))
                #expect(owner.updateValue(format, forKey: ext) == nil, ".\(ext) claimed twice")
                #expect(registry.format(forPath: "dir/file." + ext) == format)
                #expect(registry.format(forPath: "dir/FILE." + ext.uppercased() + ".gz") == format)
            }
        }
        #expect(SourceFormat(rawValue: "pdf") == nil)
        #expect(registry.format(forPath: "x.pdf") == nil)
        #expect(registry.format(forPath: "README") == nil)
    }

    /// The help text of `msearch index` lists the formats from the registry: every format's
    /// label and every extension it claims are in the sentence, in registration order.
    @Test func summaryNamesEveryFormatAndExtension() {
        let summary = registry.summary
        #expect(summary.hasPrefix("plain text (.txt, .md, .markdown, .text), HTML (.html, .htm, .xhtml), "))
        #expect(summary.hasSuffix(", JSON Lines (.jsonl, .ndjson) and mail (.eml, .mbox)"))
        for capabilities in registry.formats {
            #expect(summary.contains(capabilities.label + " ("), "\(capabilities.label)")
            for ext in capabilities.extensions { #expect(summary.contains("." + ext), "\(ext)") }
        }
        #expect(SourceFormatRegistry([TextReader.capabilities]).summary == "plain text (.txt, .md, .markdown, .text)")
    }

    @Test func eachSniffRecognisesItsOwnSampleAndNoOther() throws {
        for capabilities in registry.formats {
            let own = try sample(capabilities.format)
            // Without a telling extension, content decides; text is the fallback.
            #expect(registry.detect(path: "dir/no-extension", prefix: own) == capabilities.format)
            guard let sniff = capabilities.sniff else {
                #expect(capabilities.format == registry.fallback, "only the fallback may lack sniffing")
                continue
            }
            #expect(sniff(try #require(SniffedPrefix(own))))
            for other in registry.formats where other.format != capabilities.format {
                #expect(!sniff(try #require(SniffedPrefix(try sample(other.format)))),
                        "\(capabilities.format) sniffing claims the \(other.format) sample")
            }
        }
    }

    @Test func sniffingSeesThroughPrologsCaseAndMarks() {
        func detect(_ text: String) -> SourceFormat? { registry.detect(path: "x", prefix: Array(text.utf8)) }
        #expect(detect("<feed xmlns=\"http://www.w3.org/2005/Atom\">") == .xml)
        #expect(detect("<?xml version=\"1.0\"?>\n<!-- feed -->\n<rdf:RDF xmlns:rdf=\"…\">") == .xml)
        #expect(detect("<?xml version=\"1.0\"?><catalog/>") == .xml)
        #expect(detect("<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">") == .html)
        #expect(detect("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">") == .html)
        #expect(detect("  <HTML><BODY>") == .html)
        #expect(detect("<REUTERS TOPICS=\"NO\" NEWID=\"1\">") == .reuters)
        #expect(registry.detect(path: "x", prefix: [0xEF, 0xBB, 0xBF] + Array("\n \t{\"id\": 1}".utf8)) == .jsonl)
        #expect(detect("Dear reader, <html> is a tag.") == .text)
        #expect(detect("[1, 2]") == .text)
        #expect(detect("") == .text)
    }

    @Test func extensionComesBeforeContent() {
        #expect(registry.detect(path: "a/notes.txt", prefix: Array("{\"id\": 1}".utf8)) == .text)
        #expect(registry.detect(path: "a/feed.rss", prefix: Array("<!DOCTYPE html>".utf8)) == .xml)
    }

    @Test func binaryCompressedAndWideContentIsNotGuessed() {
        #expect(registry.detect(path: "x", prefix: Array("text\0more".utf8)) == nil)
        #expect(registry.detect(path: "x", prefix: [0x1F, 0x8B, 0x08, 0]) == nil)
        #expect(registry.detect(path: "x", prefix: [0xFF, 0xFE, 0x7B, 0]) == nil)
        #expect(registry.detect(path: "x.jsonl", prefix: [0x1F, 0x8B, 0x08, 0]) == .jsonl, "the extension still decides")
    }

    @Test func samplesReadAsTheirFormatWithTheDeclaredIds() throws {
        for capabilities in registry.formats {
            let path = "/data/sample." + capabilities.extensions[0]
            let read = SourceReader.readAll(bytes: try sample(capabilities.format), path: path, format: capabilities.format)
            #expect(read.problems.isEmpty, "\(read.problems)")
            let document = try #require(read.documents.first, "no document from the \(capabilities.format) sample")
            #expect(document.format == capabilities.format)
            switch capabilities.identity {
            case .fileStem: #expect(document.id == "sample")
            case .perDocument: #expect(["g-1", "7", "j-1", "f-1", "m-1@example.org"].contains(document.id), "\(document.id)")
            }
        }
        #expect(DocumentIdentity.numbered(stem: "feed", 3) == "feed#3")
    }

    @Test func onlyJSONLinesStreamsAndItAndMailFindOneDocumentAlone() throws {
        #expect(registry.formats.filter(\.streams).map(\.format) == [.jsonl])
        #expect(registry.formats.filter { $0.findDocuments != nil }.map(\.format) == [.jsonl, .mail])
        let bytes = try sample(.jsonl)
        let found = try #require(registry[.jsonl]?.findDocuments?(bytes, "/data/sample.jsonl"))
        #expect(found.count == 1)
        #expect(found.document(at: 0) == SourceReader.readAll(bytes: bytes, path: "/data/sample.jsonl", format: .jsonl).documents.first)
    }

    @Test func anUnregisteredFormatIsAProblemNotATrap() {
        let read = SourceReader.readAll(bytes: Array("x".utf8), path: "m.memo", format: SourceFormat(name: "memo"))
        #expect(read.documents.isEmpty)
        #expect(read.problems == [SourceProblem(path: "m.memo", reason: "unsupported format memo", kind: .unknownFormat)])
    }
}
