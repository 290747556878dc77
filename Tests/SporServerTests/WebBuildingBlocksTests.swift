@testable import SporApplication
import Foundation
import Testing

@testable import SporServer

/// The typed HTML builder, form bodies and secret comparison the pages are built on.
@Suite struct WebBuildingBlocksTests {
    @Test func textAndAttributeValuesAreEscapedByConstruction() {
        let html = HTML.tag("p", [("title", #"a "quote" & <tag>"#), ("hidden", nil)], "1 < 2 & 'x'", .tag("br"), .trusted("<b>ok</b>"))
        #expect(html.markup == #"<p title="a &quot;quote&quot; &amp; &lt;tag&gt;">1 &lt; 2 &amp; &#39;x&#39;<br><b>ok</b></p>"#)
        let name = "<script>alert(1)</script>"
        let interpolated: HTML = "Hej \(name)"
        #expect(interpolated.markup == "Hej &lt;script&gt;alert(1)&lt;/script&gt;")
    }

    @Test func formBodiesDecodePlusAndPercentEscapes() {
        let form = FormBody("citizen=c-1&reason=wrong+citizen%2C+sorry&empty=&item1=3&item1=4&%C3%A6=%C3%B8")
        #expect(form["citizen"] == "c-1")
        #expect(form["reason"] == "wrong citizen, sorry")
        #expect(form["empty"] == "" && form.nonEmpty("empty") == nil)
        #expect(form["item1"] == "3")
        #expect(form["æ"] == "ø")
        #expect(form["missing"] == nil)
    }

    @Test func secretsCompareWholly() {
        #expect(SessionStore.matches("abc", "abc"))
        #expect(!SessionStore.matches("abd", "abc"))
        #expect(!SessionStore.matches("ab", "abc"))
        #expect(!SessionStore.matches(nil, "abc"))
        #expect(SessionStore.randomToken() != SessionStore.randomToken())
        #expect(SessionStore.randomToken().count == 43)
    }
}
