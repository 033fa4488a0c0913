import Foundation
import MSearchTestSupport
import Testing
@testable import MSearchSources

/// Publication dates from HTML markup outside the meta tags, in the README's order of trust.
@Suite struct HTMLDateEvidenceTests {
    let article = "<p>" + String(repeating: "The council met to discuss the new budget for the coming years. ", count: 8) + "</p>"

    func date(_ html: String) throws -> (String?, String?) {
        let d = try #require(try readDocs("page.html", html).first)
        return (d.date, d.dateEvidence)
    }

    @Test func dateElementOutsideTheArticle() throws {
        // the byline's date element sits in a header, outside the text the extractor keeps
        let page = "<html><body><header><span class=\"meta__date\">Mittwoch, 5. Februar 2020, 14:03 Uhr</span></header>"
            + "<article>\(article)</article></body></html>"
        #expect(try date(page) == ("2020-02-05", "date element in article"))
        let entry = "<html><body><div class=\"post\"><div class=\"entry-date\">Publicado el 3 de marzo de 2005</div>\(article)</div></body></html>"
        #expect(try date(entry) == ("2005-03-03", "date element"))
        // a comment's date is not the article's
        let comment = "<html><body>\(article)<div class=\"comments\"><span class=\"date\">June 1, 2021</span></div></body></html>"
        #expect(try date(comment).0 == nil)
    }

    @Test func anEntrysFooterAndTheWidgetAroundItAreTheEntrysOwn() throws {
        // a blog template: the post list is a "widget", the entry's date sits in its "post-footer"
        let blog = "<html><body><div class=\"widget Blog\"><div class=\"post hentry\">\(article)"
            + "<div class=\"post-footer\"><abbr class=\"published\" title=\"2016-05-08T00:55:00-07:00\">12:55 AM</abbr></div>"
            + "</div></div><div class=\"widget\"><span class=\"date\">March 1, 2015</span></div></body></html>"
        #expect(try date(blog) == ("2016-05-08", "date element in article"))
        // the same footer outside any entry is the site's, and a sidebar widget stays other content
        let site = "<html><body>\(article)<div class=\"site-footer\"><span class=\"date\">March 1, 2015</span></div>"
            + "<div class=\"widget\"><span class=\"date\">April 2, 2015</span></div></body></html>"
        #expect(try date(site).0 == nil)
        // a footer named for the article is the article's own
        let articleFooter = "<html><body>\(article)<div id=\"artikelfooter\"><div id=\"artikeldatum\">veröffentlicht: 25.10.2007 15:19</div></div></body></html>"
        #expect(try date(articleFooter) == ("2007-10-25", "date element"))
        // a comment inside the entry is still a comment
        let comment = "<html><body><article>\(article)<div class=\"comment-footer\"><span class=\"date\">June 1, 2021</span></div></article></body></html>"
        #expect(try date(comment).0 == nil)
    }

    @Test func parselyPageMetadataAndHtmldatesMetaNames() throws {
        let parsely = "<html><head><meta name='parsely-page' content='{\"title\": \"x\", \"pub_date\": \"2014-10-29 at 07:38:00AM EST\"}'></head><body>\(article)</body></html>"
        #expect(try date(parsely) == ("2014-10-29", "meta parsely-page pub_date"))
        let pdate = "<html><head><meta name=\"pdate\" content=\"20190806\"></head><body>\(article)</body></html>"
        #expect(try date(pdate) == ("2019-08-06", "meta pdate"))
    }

    @Test func numericMetaDatesWhoseOrderIsSettled() throws {
        func page(_ value: String) -> String {
            "<html><head><meta name=\"publishdate\" content=\"\(value)\"></head><body>\(article)</body></html>"
        }
        #expect(try date(page("05/29/2007 09:49:00")) == ("2007-05-29", "meta publishdate"))
        #expect(try date(page("29/05/2007")) == ("2007-05-29", "meta publishdate"))
        // 05/06/2007 could be May 6 or 5 June: no date rather than a guess
        #expect(try date(page("05/06/2007")).0 == nil)
    }

    @Test func aTitleSegmentThatIsADate() throws {
        func page(_ title: String) -> String { "<html><head><title>\(title)</title></head><body>\(article)</body></html>" }
        #expect(try date(page("Una solución no violenta - 07.12.2017 - LA NACION")) == ("2017-12-07", "title"))
        #expect(try date(page("Berlin confronts its past | DW | 19.01.2020")) == ("2020-01-19", "title"))
        // a date inside the headline's own words is what the story is about, not when it ran
        #expect(try date(page("What happened on 5 March 2019 in Berlin | DW")).0 == nil)
        #expect(try date(page("Remembering 5 March 2019")).0 == nil)
    }

    @Test func aUTCTimestampTheURLDatesADayEarlierKeepsTheLocalDay() throws {
        func page(_ published: String, _ url: String) -> String {
            "<html><head><link rel=\"canonical\" href=\"\(url)\"><meta property=\"article:published_time\" content=\"\(published)\"></head><body>\(article)</body></html>"
        }
        // 04:58 UTC on the 19th is the evening of the 18th where the paper's URL was dated
        #expect(try date(page("2019-11-19T04:58:46Z", "https://news.example/2019/11/18/story/")) == ("2019-11-18", "meta article:published_time; local day from url path"))
        // a timestamp in its own zone is kept, and so is a UTC one the URL does not contradict
        #expect(try date(page("2019-11-19T04:58:46-05:00", "https://news.example/2019/11/18/story/")) == ("2019-11-19", "meta article:published_time"))
        #expect(try date(page("2019-11-19T04:58:46Z", "https://news.example/2019/11/12/story/")) == ("2019-11-19", "meta article:published_time"))
        // a date within a path segment counts as well, not one in the query
        #expect(try date(page("2019-11-20T06:07:01+0000", "https://news.example/news/key-moments-2019-11-19/")) == ("2019-11-19", "meta article:published_time; local day from url path"))
        #expect(try date(page("2019-11-20T06:07:01+0000", "https://news.example/news/story/?d=2019-11-19")) == ("2019-11-20", "meta article:published_time"))
        #expect(PageMetadata.dateInURL("https://news.example/story/2019-11-19/slug") == PartialDate(year: 2019, month: 11, day: 19))
        #expect(PageMetadata.dateInURL("https://news.example/id/12019-11-190") == nil)
        // a date element the day before does not: it is as often a teaser's
        let byline = "<html><head><meta property=\"article:published_time\" content=\"2014-12-30T03:00:14Z\"></head><body>"
            + "<span class=\"date\">December 29, 2014</span>\(article)</body></html>"
        #expect(try date(byline) == ("2014-12-30", "meta article:published_time"))
    }

    @Test func aMetaKeyThatNamesSeveralDaysYieldsToOneThatAgrees() throws {
        // teasers' microdata meta tags name several days; the page's dc.date names one
        let page = "<html><head><meta name=\"dc.date\" content=\"2014-12-29\"></head><body>\(article)"
            + "<div><meta itemprop=\"datePublished\" content=\"2014-11-20T16:00:49Z\"><a href=\"/a\">Other story</a></div>"
            + "<div><meta itemprop=\"datePublished\" content=\"2014-11-18T19:00:09Z\"><a href=\"/b\">Another</a></div></body></html>"
        #expect(try date(page) == ("2014-12-29", "meta dc.date"))
        // alone, the contested key still dates the page by its first value
        let alone = "<html><body>\(article)<meta itemprop=\"datePublished\" content=\"2014-11-20\"><meta itemprop=\"datePublished\" content=\"2014-11-18\"></body></html>"
        #expect(try date(alone).0 == "2014-11-20")
    }

    @Test func httpEquivLastModifiedIsALastFallback() throws {
        let modified = "<html><head><meta http-equiv=\"last-modified\" content=\"2014-07-24T12:07:34Z\"></head><body>\(article)</body></html>"
        #expect(try date(modified) == ("2014-07-24", "meta last-modified"))
    }

    @Test func layoutClassesOfBodyAndHTMLDoNotHideTheDate() throws {
        let page = "<html class=\"has-sidebar\"><body class=\"page sidebar-second no-widgets\"><span class=\"date\">5 March 2019</span>\(article)</body></html>"
        #expect(try date(page) == ("2019-03-05", "date element"))
    }

    @Test func abbrTitleAndItempropContent() throws {
        let abbr = "<html><body><abbr class=\"published\" title=\"2012-04-20T10:00:00+02:00\">vor 3 Tagen</abbr>\(article)</body></html>"
        #expect(try date(abbr) == ("2012-04-20", "date element"))
        let content = "<html><body><span itemprop=\"datePublished\" content=\"2016-09-30\">30 Sep</span>\(article)</body></html>"
        #expect(try date(content) == ("2016-09-30", "itemprop datePublished"))
    }

    @Test func theFirstDatePublishedIsTheArticlesNotATeasers() throws {
        let page = "<html><body><article><meta itemprop=\"datePublished\" content=\"2021-03-04\">\(article)</article>"
            + "<aside><div><meta itemprop=\"datePublished\" content=\"2019-01-01\"><a href=\"/x\">Older story</a></div>"
            + "<div><meta itemprop=\"datePublished\" content=\"2018-05-05\"><a href=\"/y\">Oldest story</a></div></aside></body></html>"
        #expect(try date(page) == ("2021-03-04", "meta datePublished"))
    }

    @Test func offsetTimestampsKeepTheirLocalDay() throws {
        let page = "<html><head><meta property=\"article:published_time\" content=\"2023-11-08T20:09-05:00\"></head><body>\(article)</body></html>"
        #expect(try date(page).0 == "2023-11-08")
        #expect(DateNormalizer.normalize("2023-11-08T23:59:59+14:00") == "2023-11-08")
    }

    @Test func jsonLDComesBeforeMetaTagsAsTheREADMESays() throws {
        let page = "<html><head><meta property=\"article:published_time\" content=\"2020-01-02\">"
            + "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"datePublished\": \"2020-01-05\"}</script></head>"
            + "<body>\(article)</body></html>"
        #expect(try date(page) == ("2020-01-05", "json-ld datePublished"))
    }

    @Test func malformedJSONLDIsReadTolerantly() throws {
        // a raw newline inside a string
        let newline = "{\"@type\": \"NewsArticle\", \"headline\": \"Two\nlines\", \"datePublished\": \"2018-02-03T09:00:00Z\"}"
        #expect(JSONLDInfo(scripts: [newline]).datePublished == "2018-02-03T09:00:00Z")
        // a stray closing brace
        let brace = "{\"@type\": \"NewsArticle\", \"datePublished\": \"2017-06-07\"}}"
        #expect(JSONLDInfo(scripts: [brace]).datePublished == "2017-06-07")
        let page = "<html><head><script type=\"application/ld+json\">\(brace)</script></head><body>\(article)</body></html>"
        #expect(try date(page) == ("2017-06-07", "json-ld datePublished"))
    }

    @Test func creationAndModificationAreFallbacks() throws {
        let updated = "<html><head><meta property=\"og:updated_time\" content=\"2015-08-09T10:00:00+00:00\"></head><body>\(article)</body></html>"
        #expect(try date(updated) == ("2015-08-09", "meta og:updated_time"))
        let video = "<html><head><script type=\"application/ld+json\">{\"@type\": \"VideoObject\", \"uploadDate\": \"2014-03-02\", \"dateModified\": \"2014-05-01\"}</script></head><body>\(article)</body></html>"
        #expect(try date(video) == ("2014-03-02", "json-ld uploadDate"))
        // a publication date, however it is found, wins over a modification date
        let both = "<html><head><meta property=\"og:updated_time\" content=\"2015-08-09\"></head><body><time datetime=\"2015-08-01\">1 Aug</time>\(article)</body></html>"
        #expect(try date(both) == ("2015-08-01", "date element"))
    }

    @Test func datesFoundInShortTexts() {
        #expect(DateNormalizer.find(in: "by Ann Lee, Staff Writer\u{A0}\u{A0}|\u{A0}\u{A0}October 29, 2014 07:38am ET")?.iso == "2014-10-29")
        #expect(DateNormalizer.find(in: "Von Anna Berg | 5. Februar 2020, 14:03 Uhr")?.iso == "2020-02-05")
        #expect(DateNormalizer.find(in: "Publié le 5 mars 2020 à 10h")?.iso == "2020-03-05")
        #expect(DateNormalizer.find(in: "Updated 3 hours ago") == nil)
        #expect(DateNormalizer.find(in: "2 comments") == nil)
        #expect(DateNormalizer.find(in: String(repeating: "x ", count: 200) + "5 March 2020") == nil)
    }

    @Test func monthNamesComeFromTheLocaleData() {
        for (name, month) in [("januar", 1), ("février", 2), ("fevrier", 2), ("märz", 3), ("abril", 4), ("mei", 5), ("giugno", 6),
                              ("julho", 7), ("août", 8), ("settembre", 9), ("okt", 10), ("noviembre", 11), ("dezembro", 12), ("jänner", 1)] {
            #expect(LocaleDateNames.months[name] == month, "\(name)")
        }
        #expect(LocaleDateNames.weekdays["martes"] == 2)
        #expect(LocaleDateNames.weekdays["sonntag"] == 7)
        #expect(LocaleDateNames.weekdays["thurs"] == 4)
        #expect(LocaleDateNames.weekdays["di"] == nil)   // German abbreviations are words elsewhere
    }

    @Test func aTimestampInTheTooltipOfADateElement() throws {
        let page = "<html><body><div class=\"timestamp updated\" title=\"2016-06-13T1603Z\">Jun 13, 4:03 PM EDT</div>\(article)</body></html>"
        #expect(try date(page) == ("2016-06-13", "date element"))
    }

    @Test func aDatePrintedBesideTheHeadline() throws {
        // after the headline (a blog's h2, any element whose text is the title), before it
        // (a date line above an h1), or in the language's own order for a slash date
        let after = "<html><head><title>My Blog | Journey to Python 3</title></head><body><div><h2><a href=\"/p\">Journey to Python 3</a></h2>"
            + "<small>January 13, 2020 at 08:45 AM | categories: Python</small><article>\(article)</article></div></body></html>"
        #expect(try date(after) == ("2020-01-13", "date by the headline"))
        let before = "<html><head><title>Schwierige Gespräche - speicherguide.de</title></head><body><div class=\"detailheader\">14.06.2019 (ch) <span>3</span> von <span>5</span></div>"
            + "<h1>Schwierige Gespräche</h1><article>\(article)</article></body></html>"
        #expect(try date(before) == ("2019-06-14", "date by the headline"))
        let slash = "<html lang=\"pt-br\"><head><title>Atendimento Domiciliar registra arrombamento</title></head><body>"
            + "<p class=\"titulo\">Atendimento Domiciliar registra arrombamento</p><small><b>05/10/2018</b> - Publicado por: Clarissa</small><article>\(article)</article></body></html>"
        #expect(try date(slash) == ("2018-10-05", "date by the headline"))
        // a date far from the headline, or beside a heading that is not the title, is not the article's
        let far = "<html><head><title>Journey to Python 3</title></head><body><h1>Journey to Python 3</h1><article>\(article)</article><p>January 13, 2020</p></body></html>"
        #expect(try date(far).0 == nil)
        let otherHeading = "<html><head><title>Journey to Python 3</title></head><body><h2>Latest posts</h2><small>January 13, 2020</small><article>\(article)</article></body></html>"
        #expect(try date(otherHeading).0 == nil)
    }

    @Test func aDateThePageLabelsAsPublishedOrUpdated() throws {
        let korean = "<html><body><dl><dt>헤드라인</dt></dl>기사입력 :[ 2018-08-25 15:24 ]<article>\(article)</article></body></html>"
        #expect(try date(korean) == ("2018-08-25", "labelled date in page"))
        let german = "<html><body><p><span>Moritz Bachmann</span> <span>publiziert am 25. September 2018</span></p><article>\(article)</article></body></html>"
        #expect(try date(german) == ("2018-09-25", "labelled date in page"))
        // an update label counts last, and in the page's footer too
        let stand = "<html><body><article>\(article)</article><p id=\"footer_print\">Quelle: Stadt<br/>[Stand: 08.05.2019, 05:02 Uhr]</p></body></html>"
        #expect(try date(stand) == ("2019-05-08", "labelled update date in page"))
        // a label inside a sentence is an event the article reports, and a comment's label is the comment's
        let prose = "<html><body><article>\(article)<p>Mercurial 5.2 was released on November 5, 2019. The book was published on November 6, 2019 by Penguin.</p></article></body></html>"
        #expect(try date(prose).0 == nil)
        let comment = "<html><body><article>\(article)</article><div class=\"comments\"><span>Posted on March 3, 2021</span></div></body></html>"
        #expect(try date(comment).0 == nil)
        #expect(DateLabels.firstLabel(in: "Stand: 08.05.2019")?.kind == .updated)
        #expect(DateLabels.firstLabel(in: "standard 08.05.2019") == nil)
        #expect(DateLabels.firstLabel(in: "Last updated on Sep 21, 2017")?.after == " on Sep 21, 2017")
    }
}
