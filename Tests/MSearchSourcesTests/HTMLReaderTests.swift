import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

@Suite struct HTMLReaderTests {
    static let articlePage = """
    <!DOCTYPE html>
    <html lang="en"><head>
    <meta charset="utf-8">
    <title>Ocean Currents Are Slowing Down | The Daily Example</title>
    <meta property="og:title" content="Ocean currents are slowing down, scientists warn">
    <meta property="article:published_time" content="2023-11-14T23:30:00-05:00">
    <link rel="canonical" href="https://example.com/news/ocean-currents">
    <style>body { color: red; } .x { display: none }</style>
    <script>window.dataLayer = []; function track() { return 1; }</script>
    </head>
    <body>
    <div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
    <header class="site-header"><a href="/">The Daily Example</a>
      <nav><ul><li><a href="/world">World</a></li><li><a href="/science">Science</a></li><li><a href="/sport">Sport</a></li></ul></nav>
    </header>
    <main>
    <article>
      <h1>Ocean currents are slowing down, scientists warn</h1>
      <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet this</a></div>
      <p>The great ocean conveyor belt, which carries warm water from the tropics towards the poles, has weakened by about fifteen percent since the middle of the last century, according to a new study.</p>
      <p>Researchers used decades of temperature records &amp; sediment cores to reconstruct the flow, and found that the slowdown is unprecedented in more than a thousand years.</p>
      <!-- a comment that is not content -->
      <p>“If the trend continues, winters in northern Europe could become markedly colder,” said the study’s lead author, who works at a university in Potsdam.</p>
      <script>document.write("ad slot");</script>
      <p>Other scientists cautioned that the records are incomplete, but agreed that the direction of change is clear and that further monitoring is needed.</p>
      <form class="newsletter"><label>Get our newsletter</label><input type="email"><button>Subscribe</button></form>
    </article>
    <section id="comments" class="comments">
      <h3>Comments</h3>
      <div class="comment"><p>This is a reader comment that should not be part of the article body at all, no matter how long it is.</p></div>
    </section>
    </main>
    <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Something else entirely happened today</a></li><li><a href="/b">Another unrelated story</a></li></ul></aside>
    <footer><p>Copyright 2023 The Daily Example. All rights reserved. Contact us for licensing information.</p></footer>
    </body></html>
    """

    @Test func extractsArticleWithoutBoilerplate() throws {
        let d = try #require(try readDocs("ocean-currents.html", HTMLReaderTests.articlePage).first)
        #expect(d.id == "ocean-currents")
        #expect(d.format == .html)
        #expect(d.title == "Ocean currents are slowing down, scientists warn")
        #expect(d.url == "https://example.com/news/ocean-currents")
        #expect(d.date == "2023-11-14")   // as written, in its own zone
        #expect(d.dateEvidence == "meta article:published_time")
        let paragraphs = d.body.split(separator: "\n").map(String.init)
        #expect(paragraphs.count == 4, "\(paragraphs)")
        #expect(paragraphs.first?.hasPrefix("The great ocean conveyor belt") == true)
        #expect(d.body.contains("temperature records & sediment cores"))
        #expect(d.body.contains("“If the trend continues, winters in northern Europe could become markedly colder,” said the study’s lead author"))
        for junk in ["cookies", "World", "Sport", "Share on Facebook", "Tweet", "reader comment", "Most read",
                     "Copyright", "newsletter", "Subscribe", "ad slot", "dataLayer", "color: red", "{", "function",
                     "not content", "The Daily Example"] {
            #expect(!d.body.contains(junk), "body contains \(junk)")
        }
    }

    @Test func shortArticleKeepsBoilerplateOut() throws {
        // Under 500 characters of article, extraction retries with fewer of its aggressive steps:
        // cookie banners, navigation and footers must still stay out.
        let html = """
        <html><head><title>A short note about bread</title></head><body>
        <div class="cookie-consent">We use cookies on this website to give you the best experience. By continuing to browse you agree to our use of cookies and our privacy policy.</div>
        <nav class="menu"><a href="/">Home</a> <a href="/about">About us and our long history of baking</a> <a href="/contact">Contact the bakery team today</a></nav>
        <div class="post"><h1>A short note about bread</h1>
        <p>Bread rises because yeast turns sugar into gas, and the gluten network traps it.</p>
        <p>Bake it hot, let it cool before slicing, and store it in paper rather than plastic.</p></div>
        <footer class="footer">Copyright 2024 The Bakery Blog. All rights reserved. Terms of service. Privacy policy.</footer>
        </body></html>
        """
        let d = try #require(try readDocs("bread.html", html).first)
        #expect(d.title == "A short note about bread")
        #expect(d.body == "Bread rises because yeast turns sugar into gas, and the gluten network traps it.\nBake it hot, let it cool before slicing, and store it in paper rather than plastic.")
    }

    @Test func articleInsideAnAsideIsFound() throws {
        let para = "<p>This paragraph is real article text, written at length, with commas, so that it scores well.</p>"
        let html = "<html><body><nav><a href='/'>Home</a></nav><aside class='wrapper'><article>\(para)\(para)\(para)</article></aside></body></html>"
        let d = try #require(try readDocs("aside.html", html).first)
        #expect(d.body.split(separator: "\n").count == 3)
        #expect(!d.body.contains("Home"))
    }

    @Test func siteNameIsStrippedFromTitleTag() throws {
        let html = """
        <html><head><title>A Perfectly Ordinary Headline Today - Example News</title></head>
        <body><p>Some text long enough to be a paragraph of an article, with a comma, and more words.</p></body></html>
        """
        #expect(try readDocs("t.html", html).first?.title == "A Perfectly Ordinary Headline Today")
        let keep = "<html><head><title>Mozilla - Wikipedia</title></head><body><p>Mozilla is a free software community.</p></body></html>"
        // Too little would be left: keep the whole title.
        #expect(try readDocs("t.html", keep).first?.title == "Mozilla - Wikipedia")
    }

    @Test func titleFallsBackToH1AndThenText() throws {
        let h1 = "<html><body><h1>Only A Heading</h1><p>Body text of the page goes here.</p></body></html>"
        #expect(try readDocs("t.html", h1).first?.title == "Only A Heading")
        let none = "<html><body><p>Body text of the page goes here.</p></body></html>"
        #expect(try readDocs("t.html", none).first?.title == "Body text of the page goes here.")
    }

    @Test(arguments: [
        (#"<meta property="article:published_time" content="2021-03-04T10:00:00Z">"#, "2021-03-04", "meta article:published_time"),
        (#"<meta property="og:published_time" content="2021-03-04">"#, "2021-03-04", "meta og:published_time"),
        (#"<meta name="date" content="2021-03-04">"#, "2021-03-04", "meta date"),
        (#"<meta name="dc.date" content="2021-03-04">"#, "2021-03-04", "meta dc.date"),
        (#"<meta name="DC.date.issued" content="2021-03-04">"#, "2021-03-04", "meta DC.date.issued"),
        (#"<meta name="citation_publication_date" content="2021/03/04">"#, "2021-03-04", "meta citation_publication_date"),
        (#"<meta name="pubdate" content="20210304">"#, "2021-03-04", "meta pubdate"),
        (#"<meta name="sailthru.date" content="Thu, 04 Mar 2021 10:00:00 GMT">"#, "2021-03-04", "meta sailthru.date"),
        (#"<meta name="parsely-pub-date" content="2021-03-04T10:00:00Z">"#, "2021-03-04", "meta parsely-pub-date"),
        (#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","datePublished":"2021-03-04T10:00:00+01:00"}</script>"#,
         "2021-03-04", "json-ld datePublished"),
        (#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"S"},{"@type":["BlogPosting"],"datePublished":"March 4, 2021"}]}</script>"#,
         "2021-03-04", "json-ld datePublished"),
        (#"<script type="application/ld+json">not json at all {</script><meta name="date" content="2021-03-04">"#, "2021-03-04", "meta date"),
        (#"<meta name="date" content="2021-02-30">"#, "", ""),
    ])
    func datesFromMetadata(_ head: String, _ date: String, _ evidence: String) throws {
        let html = "<html><head><title>Dated page title here</title>\(head)</head><body><p>Text of the article, long enough.</p></body></html>"
        let d = try #require(try readDocs("d.html", html).first)
        #expect(d.date == (date.isEmpty ? nil : date))
        #expect(d.dateEvidence == (evidence.isEmpty ? nil : evidence))
    }

    @Test func datesFromBodyElementsAndURL() throws {
        let time = #"<html><body><article><time datetime="2019-01-02T08:00">Jan 2</time><time itemprop="datePublished" datetime="2018-07-06">x</time><p>Article text here.</p></article></body></html>"#
        let d1 = try #require(try readDocs("a.html", time).first)
        #expect(d1.date == "2018-07-06")
        #expect(d1.dateEvidence == "itemprop datePublished")
        let plain = #"<html><body><time datetime="2019-01-02T08:00">Jan 2</time><p>Article text here.</p></body></html>"#
        #expect(try readDocs("b.html", plain).first?.date == "2019-01-02")
        let url = #"<html><head><link rel="canonical" href="https://e.com/2020/05/17/story-slug/"><time datetime="2019-01-02">x</time></head><body><p>Article text here.</p></body></html>"#
        let d3 = try #require(try readDocs("c.html", url).first)
        #expect(d3.date == "2020-05-17")
        #expect(d3.dateEvidence == "url path")
        #expect(d3.url == "https://e.com/2020/05/17/story-slug/")
    }

    @Test func declaredCharsetIsHonoured() throws {
        let dir = TemporaryDirectory("sources")
        var bytes = Array(#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>Caf"#.utf8)
        bytes += [0xE9]
        bytes += Array("</title></head><body><p>D".utf8) + [0xE9, 0x6A, 0xE0] + Array(" vu ".utf8) + [0x93, 0x71, 0x94] + Array("</p></body></html>".utf8)
        let d = try #require(try SourceReader.read(fileAt: dir.write("latin.html", bytes: bytes)).first)
        #expect(d.title == "Café")
        #expect(d.body == "Déjà vu “q”")   // ISO-8859-1 is read as windows-1252, as browsers do
    }

    @Test func undeclaredBrokenUTF8IsRepaired() throws {
        let dir = TemporaryDirectory("sources")
        let bytes = Array("<html><body><p>na\u{00EF}ve caf".utf8) + [0xE9, 0xFF] + Array(" and more text, with \u{2014} dashes</p></body></html>".utf8)
        let d = try #require(try SourceReader.read(fileAt: dir.write("u.html", bytes: bytes)).first)
        #expect(d.body.hasPrefix("naïve caf\u{FFFD}"))
        #expect(d.body.hasSuffix("with — dashes"))
    }

    @Test func entitiesAndWhitespace() throws {
        let html = "<html><body><p>  caf&eacute;&nbsp;&amp;\n\n\t bar&#8217;s   &lt;tag&gt; </p><p>line<br>break</p><pre>a  b\nc</pre></body></html>"
        let d = try #require(try readDocs("e.html", html).first)
        #expect(d.body == "café & bar’s <tag>\nline\nbreak\na b\nc")
    }

    @Test func pageWithoutTextIsAProblem() {
        #expect(throws: SourceProblem.self) {
            try readDocs("s.html", "<html><head><script>var a = 1;</script><style>p{}</style></head><body>  </body></html>")
        }
    }

    @Test func hiddenElementsAreNotText() throws {
        let html = #"<html><body><p>Visible paragraph.</p><p hidden>Hidden one.</p><p style="display: none">Styled away.</p><p aria-hidden="true">Aria hidden.</p></body></html>"#
        #expect(try readDocs("h.html", html).first?.body == "Visible paragraph.")
    }

    @Test func fragmentTextKeepsEverything() throws {
        #expect(try HTMLReader.fragmentText("<p>One &amp; two</p><ul><li>a</li><li>b</li></ul><script>x()</script>") == "One & two\na\nb")
    }
}
