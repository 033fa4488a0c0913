import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

/// The mail and news reader on fixtures: headers, dates, MIME, charsets, mbox, ids.
@Suite struct MailReaderTests {
    func read(_ text: String, path: String = "box/message.eml") -> (documents: [SourceDocument], problems: [SourceProblem]) {
        SourceReader.readAll(bytes: Array(text.utf8), path: path, format: .mail)
    }

    func one(_ text: String, path: String = "box/message.eml") throws -> SourceDocument {
        let r = read(text, path: path)
        #expect(r.documents.count == 1, "\(r.problems)")
        return try #require(r.documents.first)
    }

    static let post = """
        From: lmh@juliet.caltech.edu (Henling, Lawrence M.)
        Subject: Re: Americans and Evolution
        Organization: California Institute of Technology
        Lines: 3
        NNTP-Posting-Host: juliet.caltech.edu
        Expires: Sat, 1 May 1993 00:00:00 GMT
        Newsgroups: alt.atheism,talk.origins

        In article <x@y> someone writes:
        >Evolution is a theory.

        So is gravity, I'm told.
        """

    @Test func aNewsPostIsTitledBySubjectWithHeadersOutOfTheBody() throws {
        let doc = try one(MailReaderTests.post, path: "alt.atheism/53150")
        #expect(doc.title == "Re: Americans and Evolution")
        #expect(doc.metadata["thread"] == "Americans and Evolution")
        #expect(doc.metadata["newsgroups"] == "alt.atheism,talk.origins")
        #expect(doc.id == "53150")
        #expect(doc.format == .mail)
        for header in ["Lines", "NNTP-Posting-Host", "Organization", "Expires", "Subject", "From:"] {
            #expect(!doc.body.contains(header), "\(header) in \(doc.body)")
        }
        #expect(doc.body == "In article <x@y> someone writes:\n>Evolution is a theory.\nSo is gravity, I'm told.")
        #expect(doc.actors == [NamedActor(name: "Lawrence M. Henling", kind: .person)])
        // Expires: is no publication date, and no date may come from the text.
        #expect(doc.date == nil)
        #expect(!doc.textMayDate)
    }

    @Test func theAuthorIsTheDisplayNameOrTheReadableLocalPart() {
        #expect(MailAddress.authorName("Jane Doe <jd@example.org>") == "Jane Doe")
        #expect(MailAddress.authorName("\"Doe, Jane\" <jd@example.org>") == "Jane Doe")
        #expect(MailAddress.authorName("jd@example.org (Jane Doe)") == "Jane Doe")
        #expect(MailAddress.authorName("jane.doe@example.org") == "Jane Doe")
        #expect(MailAddress.authorName("<john_smith@example.org>") == "John Smith")
        #expect(MailAddress.authorName("host!uunet!mary@x") == "Mary")
        #expect(MailAddress.authorName("\"x@y.org\" <x@y.org>") == "X")
        #expect(MailAddress.authorName(" (jmhodapp@aplcomm.jhuapl.edu)") == "Jmhodapp")
        #expect(MailAddress.authorName("  ()") == nil)
    }

    @Test func replyAndForwardChainsAreLeftOutOfTheThreadSubject() {
        #expect(MailMessage.threadSubject("Re: Fwd: AW: WG: Budget") == "Budget")
        #expect(MailMessage.threadSubject("RE[2]: Re^3: SV: Budget") == "Budget")
        #expect(MailMessage.threadSubject("Report: the budget") == "Report: the budget")
        #expect(MailMessage.threadSubject("Re:") == "")
    }

    @Test(arguments: [
        ("Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01", "2003-07-01T10:52:37+02:00"),
        ("Mon, 5 Apr 1993 23:30:00 -0500", "1993-04-05", "1993-04-05T23:30:00-05:00"),   // local day, not UTC's 6th
        ("5 Apr 93 23:30 EST", "1993-04-05", "1993-04-05T23:30:00-05:00"),                 // no weekday, 2-digit year, named zone
        ("Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)", "1969-02-13", "1969-02-13T23:32:00-03:30"),
        ("Fri, 21 Nov 1997 09:55:06 -0600 (MDT)", "1997-11-21", "1997-11-21T09:55:06-06:00"),
        ("Thu,\r\n 13\r\n   Feb\r\n     1969\r\n 23:32\r\n  -0330 (Newfoundland Time)", "1969-02-13", "1969-02-13T23:32:00-03:30"),
        ("21 Apr 93 16:18:19 GMT", "1993-04-21", "1993-04-21T16:18:19+00:00"),
        ("Wednesday, 14-Apr-93 08:12:01 PDT", "1993-04-14", "1993-04-14T08:12:01-07:00"),   // RFC 850
        ("Sat Apr 17 12:01:02 1993", "1993-04-17", "1993-04-17T12:01:02-00:00"),             // asctime, no zone
        ("1 Jan 05 00:00:00 -0000", "2005-01-01", "2005-01-01T00:00:00-00:00"),              // -0000: zone unknown
        ("Sun, 2 Feb 1997 10:00:00 J", "1997-02-02", "1997-02-02T10:00:00-00:00"),           // military letter: unknown
        ("29 Feb 2000 12:00 +0100", "2000-02-29", "2000-02-29T12:00:00+01:00"),
        ("Mon, 5 Apr 999 10:00:00 GMT", "2899-04-05", "2899-04-05T10:00:00+00:00"),          // 3-digit year + 1900
    ])
    func datesAreReadWithTheirZoneAndTheDayAsWritten(header: String, day: String, dateTime: String) throws {
        let date = try #require(MailDate(Array(header.utf8)), "\(header)")
        #expect(date.isoDay == day)
        #expect(date.isoDateTime == dateTime)
    }

    @Test(arguments: ["", "yesterday", "30 Feb 2000 10:00 GMT", "Mon, 5 Apr 1993 25:00:00 GMT",
                      "Mon, 99999999999999999999 Apr 1993 10:00:00 GMT", "5 Apr 1993 10:00:00 +99999999999999999999",
                      "Mon, 5 Apr 18446744073709551616 10:00 GMT", "((((((", "5 Foo 1993 10:00 GMT"])
    func badDatesAreNoDates(header: String) {
        #expect(MailDate(Array(header.utf8)) == nil)
    }

    @Test func aBadDateHeaderLeavesTheMessageUndatedWithANote() throws {
        let r = read("Subject: s\nDate: Mon, 99999999999999999999 Apr 1993\n\nText.\n")
        let doc = try #require(r.documents.first)
        #expect(doc.date == nil)
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.partial == true)
        #expect(r.problems.first?.path == "box/message.eml")
        #expect(r.problems.first?.reason.contains("Date header") == true)
    }

    @Test func aDatedMessageCarriesItsDayAndZone() throws {
        let doc = try one("From: A <a@b>\nDate: Mon, 5 Apr 1993 23:30:00 -0500\nSubject: s\nMessage-ID: <abc@host>\n\nText.\n")
        #expect(doc.date == "1993-04-05")
        #expect(doc.dateEvidence == "mail Date header")
        #expect(doc.metadata["date-time"] == "1993-04-05T23:30:00-05:00")
        #expect(doc.id == "abc@host")
    }

    @Test func encodedWordsInEveryCharsetAreDecoded() throws {
        #expect(EncodedWords.decode(Array("=?ISO-8859-1?Q?Andr=E9?= Pirard".utf8)) == "André Pirard")
        #expect(EncodedWords.decode(Array("=?windows-1252?Q?=93quoted=94_text?=".utf8)) == "\u{201C}quoted\u{201D} text")
        #expect(EncodedWords.decode(Array("=?iso-8859-1?Q?=93quoted=94?=".utf8)) == "\u{201C}quoted\u{201D}")
        #expect(EncodedWords.decode(Array("=?KOI8-R?B?8NLJ18XU?=".utf8)) == "Привет")
        #expect(EncodedWords.decode(Array("=?UTF-8?B?R3LDvMOfZQ==?= =?utf-8?q?_aus_K=C3=B6ln?=".utf8)) == "Grüße aus Köln")
        #expect(EncodedWords.decode(Array("=?bogus-charset?Q?x?= =?utf-8?x?bad?=".utf8)) == "x =?utf-8?x?bad?=")
        let doc = try one("From: =?ISO-8859-1?Q?Andr=E9_Pirard?= <pirard@x.be>\nSubject: =?UTF-8?B?R3LDvMOfZQ==?=\n\nHallo.\n")
        #expect(doc.title == "Grüße")
        #expect(doc.actors.first?.name == "André Pirard")
    }

    @Test func rawEightBitTextIsReadInItsCharsetOrAsWindows1252() throws {
        var bytes = Array("Subject: Caf".utf8) + [0xE9] + Array("\n\nna".utf8) + [0xEF] + Array("ve\n".utf8)
        var doc = try #require(SourceReader.readAll(bytes: bytes, path: "p", format: .mail).documents.first)
        #expect(doc.title == "Café")
        #expect(doc.body == "naïve")
        bytes = Array("Content-Type: text/plain; charset=koi8-r\nSubject: s\n\n".utf8) + [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4] + [0x0A]
        doc = try #require(SourceReader.readAll(bytes: bytes, path: "p", format: .mail).documents.first)
        #expect(doc.body == "Привет")
    }

    static let nested = """
        From: Jane Doe <jd@example.org>
        Subject: Nested
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        This is the preamble.
        --outer
        Content-Type: multipart/alternative; boundary=inner

        --inner
        Content-Type: text/html; charset=utf-8

        <html><body><p>The <b>HTML</b> version.</p></body></html>
        --inner
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        The plain version, caf=E9 and a soft=
         break.
        --inner--
        --outer
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: base64

        U2Vjb25kIHBhcnQ6IEvDtmxuLg==
        --outer
        Content-Type: application/pdf
        Content-Disposition: attachment; filename="x.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer--
        The epilogue.
        """

    @Test func nestedMultipartPrefersPlainTextAndDecodesEachPart() throws {
        let doc = try one(MailReaderTests.nested)
        #expect(doc.body == "The plain version, café and a soft break.\nSecond part: Köln.")
    }

    @Test func anHTMLOnlyAlternativeIsReadThroughTheHTMLReader() throws {
        let doc = try one("""
            Subject: h
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/html

            <html><head><style>p{}</style></head><body><p>Only <i>HTML</i> here.</p></body></html>
            --b--
            """)
        #expect(doc.body == "Only HTML here.")
    }

    @Test func quotedPrintableAndBase64AreDecoded() {
        #expect(TransferEncoding.quotedPrintable(Array("a=3Db=\r\nc=\n=ZZ=4".utf8), underscoreIsSpace: false) == Array("a=bc=ZZ=4".utf8))
        #expect(TransferEncoding.base64(Array("SGVs\nbG8=".utf8)) == Array("Hello".utf8))
        #expect(TransferEncoding.base64(Array("!!".utf8)) == [])
    }

    static let mbox = """
        From alice@example.org Mon Apr  5 10:00:00 1993
        From: Alice <alice@example.org>
        Subject: First
        Message-ID: <one@example.org>
        Date: Mon, 5 Apr 1993 10:00:00 +0000

        Hello.
        >From the archive, a quoted line.
        >>From deeper.

        From bob@example.org Tue Apr  6 10:00:00 1993
        From: bob.builder@example.org
        Subject: Re: First

        Second message.
        From here on a body line that is no separator.

        From carol@example.org Wed Apr  7 10:00:00 1993
        Subject: Third
        Message-ID: <three@example.org>

        Third message.
        """

    @Test func anMboxGivesOneDocumentPerMessageWithFromUnquoted() throws {
        let r = read(MailReaderTests.mbox, path: "mail/archive.mbox")
        #expect(r.problems.isEmpty)
        #expect(r.documents.map(\.id) == ["one@example.org", "archive#2", "three@example.org"])
        #expect(r.documents.map(\.title) == ["First", "Re: First", "Third"])
        #expect(r.documents.map(\.ordinal) == [0, 1, 2])
        #expect(r.documents[0].body == "Hello. From the archive, a quoted line.\n>From deeper.")
        #expect(r.documents[1].body == "Second message. From here on a body line that is no separator.")
        #expect(r.documents[1].actors.first?.name == "Bob Builder")
        #expect(r.documents[0].date == "1993-04-05")
        #expect(r.documents[1].date == nil)
        // --store none finds each message again alone, as the full read gave it.
        let byOrdinal = try #require(MailboxDocuments(bytes: Array(MailReaderTests.mbox.utf8), path: "mail/archive.mbox"))
        #expect(byOrdinal.count == 3)
        for (k, doc) in r.documents.enumerated() { #expect(byOrdinal.document(at: k) == doc) }
        #expect(byOrdinal.document(at: 3) == nil)
    }

    @Test func aRepeatedMessageIDInAnMboxIsReportedOnce() {
        let text = "From a\nMessage-ID: <x@y>\nSubject: 1\n\nOne.\n\nFrom b\nMessage-ID: <x@y>\nSubject: 2\n\nTwo.\n"
        let r = read(text, path: "m.mbox")
        #expect(r.documents.map(\.title) == ["1"])
        #expect(r.problems.map(\.description) == ["m.mbox: message 2: duplicate Message-ID \"x@y\" (first in message 1)"])
    }

    @Test func contentIsRecognisedFromItsHeaderBlock() throws {
        let registry = SourceFormatRegistry.standard
        func detect(_ s: String) -> SourceFormat? { registry.detect(path: "group/12345", prefix: Array(s.utf8)) }
        #expect(detect(MailReaderTests.post) == .mail)
        #expect(detect(MailReaderTests.mbox) == .mail)
        // a header block that opens mid-field (its first line lost), as some archived posts do
        #expect(detect(" host!uunet!lmh\nSubject: Re: x\nFrom: a@b\nLines: 2\n\nBody\n") == .mail)
        #expect(detect("Subject: my notes\nWritten on a train.\n") == .text)
        #expect(detect("From the desk of the editor\nDear reader,\n") == .text)
        #expect(detect("Note: one\nTodo: two\n\ntext\n") == .text)
        #expect(registry.format(forPath: "x.eml") == .mail)
        #expect(registry.format(forPath: "x.mbox") == .mail)
    }

    @Test func noHeaderNameIsEverTheTitle() throws {
        let doc = try one("From: a@b\nLines: 2\n\n\nThe first line.\nMore.\n")
        #expect(doc.title == "The first line. More.")
        #expect(try one("Subject: Subject: Re: 16550 v. 16550A\n\nText.\n").title == "Re: 16550 v. 16550A")
        let bare = try one("From: Jane Doe <a@b>\nLines: 0\n\n")
        #expect(bare.title == "Jane Doe")
    }

    @Test func malformedMessagesGiveProblemsNotCrashes() {
        for text in ["", "\n\n\n", "Content-Type: multipart/mixed; boundary=\"\"\n\n--\n--\n",
                     "Content-Type: multipart/mixed; boundary=b\n\n--b\n--b\n--b--\n",
                     "Content-Type: message/rfc822\n\n" + String(repeating: "Content-Type: message/rfc822\n\n", count: 50),
                     String(repeating: "Content-Type: multipart/mixed; boundary=a\n\n--a\n", count: 40),
                     "Subject: =?utf-8?B?" + String(repeating: "/", count: 1000) + "?=\n\n",
                     "From \n", ">From x\n\n"] {
            let r = read(text)
            if r.documents.isEmpty { #expect(r.problems.first?.path == "box/message.eml", "\(text.prefix(40))") }
        }
        #expect(read("").problems.map(\.reason) == ["empty file"])
    }
}
