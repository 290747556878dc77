import Foundation
import Testing

@testable import SporApplication
@testable import SporServer

/// The form bodies and secret comparison the pages are built on (escaping: `WebTemplatesTests`).
@Suite struct WebBuildingBlocksTests {
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
