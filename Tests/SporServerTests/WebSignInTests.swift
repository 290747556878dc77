import Foundation
import HTTPTypes
import HummingbirdTesting
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

/// Sign-in, sessions, sign-out, CSRF on the sign-in and sign-out forms, security headers and language.
@Suite struct WebSignInTests {
    @Test func withoutASessionEveryPageSendsToTheSignInForm() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var browser = Browser()
            for path in ["/", "/responses/new", "/citizens", "/citizens/c-1", "/attention", "/trends", "/trends.csv"] {
                let response = try await browser.get(client, path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location] == "/sign-in", "\(path)")
            }
            let page = try await browser.get(client, "/sign-in")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<html lang="da">"#))
            #expect(page.text.contains(#"<label for="token">Adgangsnøgle</label>"#))
            let formCookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("spor_signin=") })
            #expect(formCookie.contains("HttpOnly") && formCookie.contains("SameSite=Strict"))
        }
    }

    @Test func signingInSetsAStrictHttpOnlySessionCookieAndSendsEachRoleToItsPage() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            for (name, page) in [
                ("staff", "/responses/new"), ("caseworker", "/attention"), ("strategic", "/trends"),
                ("admin", "/attention"),
            ] {
                var browser = Browser()
                _ = try await browser.get(client, "/sign-in")
                let response = try await browser.post(client, "/sign-in", ["token": fixture.tokens[name]!])
                #expect(response.status == .seeOther)
                let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("spor_session=") })
                #expect(
                    cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict")
                        && cookie.contains("Max-Age=28800"))
                #expect(cookie.contains("Path=/"))
                #expect(!cookie.contains("Secure"))
                #expect(try await browser.get(client, "/").headers[.location] == page, "\(name)")
            }
        }
    }

    @Test func theCookieIsSecureBehindTLS() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            let page = try await client.execute(
                uri: "/sign-in", method: .get, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("spor_signin=") })
            #expect(cookie.contains("Secure"))
        }
    }

    @Test func aWrongOrRevokedTokenShowsTheFormAgainAndNoCSRFTokenIsRefused() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            for token in ["spor_wrong", fixture.tokens["revoked"]!, ""] {
                var browser = Browser()
                _ = try await browser.get(client, "/sign-in")
                let response = try await browser.post(client, "/sign-in", ["token": token])
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("Adgangsnøglen kendes ikke eller er tilbagekaldt."))
                #expect(!response.text.contains(token.isEmpty ? "spor_wrong" : token))
                #expect(browser.cookies[SessionStore.cookieName] == nil)
            }
            // No form cookie, or a field that does not match it: refused, no session.
            var stranger = Browser()
            let noCookie = try await stranger.post(
                client, "/sign-in", ["token": fixture.tokens["admin"]!], csrf: "forged")
            #expect(noCookie.status == .forbidden)
            _ = try await stranger.get(client, "/sign-in")
            let forged = try await stranger.post(
                client, "/sign-in", ["token": fixture.tokens["admin"]!], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(forged.headers[.contentType] == "text/html; charset=utf-8")
            #expect(stranger.cookies[SessionStore.cookieName] == nil)
        }
    }

    @Test func sessionsExpireAndEndWithSignOutOrARevokedToken() async throws {
        let fixture = try Fixture()
        let clock = TestClock()
        let now: @Sendable () -> Date = { clock.now }
        try await fixture.test(now: now) { client in
            var browser = try await Browser.signedIn(client, token: fixture.tokens["caseworker"])
            #expect(try await browser.get(client, "/").headers[.location] == "/attention")
            clock.advance(by: 8 * 3600 + 1)
            let expired = try await browser.get(client, "/")
            #expect(expired.headers[.location] == "/sign-in?expired=1")
            let notice = try await browser.get(client, "/sign-in?expired=1")
            #expect(notice.text.contains("Din session er udløbet"))

            browser = try await Browser.signedIn(client, token: fixture.tokens["caseworker"])
            let page = try await browser.get(client, "/sign-in")  // signed in: sent on, no form
            #expect(page.status == .seeOther)
            _ = try await browser.get(client, "/trends")
            #expect(try await browser.post(client, "/sign-out", [:], csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.post(client, "/sign-out", [:], csrf: "forged").status == .forbidden)
            let signedOut = try await browser.post(client, "/sign-out", [:])
            #expect(signedOut.status == .seeOther)
            #expect(signedOut.headers[.location] == "/sign-in")
            #expect(try await browser.get(client, "/").headers[.location] == "/sign-in")

            browser = try await Browser.signedIn(client, token: fixture.tokens["admin"])
            try TokenStore(folder: fixture.folder.url).revoke(name: "admin")
            #expect(try await browser.get(client, "/").headers[.location] == "/sign-in")
        }
    }

    @Test func securityHeadersAndLanguage() async throws {
        let fixture = try Fixture()
        try await fixture.test { client in
            var browser = Browser()
            for path in ["/sign-in", "/", "/static/spor.css", "/no-such-page-but-web"] {
                let response = try await browser.get(client, path)
                guard path != "/no-such-page-but-web" else { continue }
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(path)")
                #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"))
                #expect(!policy.contains("unsafe-inline") && !policy.contains("script-src"))
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(!response.text.contains("<script"))
            }
            let english = try await browser.get(client, "/sign-in?lang=en")
            #expect(english.text.contains(#"<html lang="en">"#) && english.text.contains(">Sign in</"))
            #expect(browser.cookies[Language.cookieName] == "en")
            #expect(try await browser.get(client, "/sign-in").text.contains(#"<html lang="en">"#))
            var accepting = Browser()
            let accepted = try await accepting.get(
                client, "/sign-in", headers: [.acceptLanguage: "en-GB,en;q=0.9,da;q=0.5"])
            #expect(accepted.text.contains(#"<html lang="en">"#))
            let danish = try await accepting.get(client, "/sign-in", headers: [.acceptLanguage: "da,en;q=0.8"])
            #expect(danish.text.contains(#"<html lang="da">"#))
        }
    }
}
