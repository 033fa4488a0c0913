import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

/// The mail reader on seeded random damage to its fixtures (bytes flipped, inserted, deleted,
/// header-ish fragments spliced in): every input gives documents and problems, the same ones
/// twice, problems naming the file in one line, and ISO dates. A quick, reproducible stand-in
/// for Fuzz/Sources' MailFuzzer between fuzzing runs.
@Suite struct MailMutationTests {
    static let fragments = ["\n\n", "\r\n", "From ", ">From ", "=?", "?=", "=?utf-8?q?", "=?koi8-r?b?", "=\n", "=3D",
                            "Content-Type: multipart/mixed; boundary=b\n", "--b\n", "--b--\n",
                            "Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n",
                            "charset=\"x-unknown\"", "Date: ", " 99999999999999999999 ", "(", ")", "\\", ":", "\t",
                            "Message-ID: <a@b>\n", "Content-Type: message/rfc822\n\n", "Content-Type: text/html\n\n<p>"]

    @Test func randomDamageNeverTrapsAndReadsTheSameTwice() {
        let seeds = [MailReaderTests.post, MailReaderTests.nested, MailReaderTests.mbox].map { Array($0.utf8) }
        var rng = SplitMix64(seed: 0x6D61_696C)
        let path = "box/damaged.mbox"
        for round in 0..<1500 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(1 + Int(rng.next() % 8)) {
                let at = bytes.isEmpty ? 0 : Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: if !bytes.isEmpty { bytes[at] = UInt8(truncatingIfNeeded: rng.next()) }
                case 1: bytes.insert(contentsOf: Array(MailMutationTests.fragments[Int(rng.next() % UInt64(MailMutationTests.fragments.count))].utf8), at: at)
                case 2: if !bytes.isEmpty { bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 64))) }
                default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + Int(rng.next() % 200))], at: at)
                }
            }
            let first = SourceReader.readAll(bytes: bytes, path: path, format: .mail)
            let second = SourceReader.readAll(bytes: bytes, path: path, format: .mail)
            #expect(first.documents == second.documents && first.problems == second.problems, "round \(round)")
            for p in first.problems {
                #expect(p.path == path && !p.reason.isEmpty && !p.reason.contains("\n"), "round \(round): \(p)")
            }
            for d in first.documents {
                if let date = d.date { #expect(date.utf8.count == 10 && DateNormalizer.normalize(date) == date, "round \(round): \(date)") }
                #expect(!d.title.isEmpty, "round \(round)")
            }
            // --store none's re-reading finds each document as the full read gave it.
            if let byOrdinal = MailboxDocuments(bytes: bytes, path: path) {
                #expect(byOrdinal.count == first.documents.count, "round \(round)")
                for (k, doc) in first.documents.enumerated() where k < 3 { #expect(byOrdinal.document(at: k) == doc, "round \(round)") }
            }
        }
    }
}
