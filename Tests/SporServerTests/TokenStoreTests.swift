import Foundation
import SporInstruments
import SporTesting
import Testing

@testable import SporApplication
@testable import SporServer

@Suite struct TokenStoreTests {
    @Test func theStoredHashIsTheTokensSHA256InHex() {
        #expect(TokenStore.hash("spor_abc") == "f2fff54a9e5ae862b036b9bc15420745e1879345da94f72c728f26b631dd2a6b")
    }

    @Test func storesOnlyHashesWithMode0600() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = TokenStore(folder: folder.url)
        let (token, record) = try store.create(name: "anna", role: .staff, units: [Label(rawValue: "bostotte-nord")!])
        #expect(token.hasPrefix("spor_") && token.count > 40)
        #expect(record.hash == TokenStore.hash(token))
        let file = folder.path(TokenStore.fileName)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains(token) && !text.contains(String(token.dropFirst(5))))
        #expect(text.contains(record.hash))
        #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) == 0o600)
        #expect(
            try store.identity(for: token)
                == Identity(name: "anna", role: .staff, units: [Label(rawValue: "bostotte-nord")!]))
        #expect(try store.identity(for: token + "x") == nil)
    }

    @Test func revokeAndList() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = TokenStore(folder: folder.url)
        let (token, _) = try store.create(name: "bo", role: .caseworker, units: [])
        _ = try store.create(name: "cy", role: .admin, units: [])
        #expect(try store.identity(for: token)?.role == .caseworker)
        try store.revoke(name: "bo")
        #expect(try store.identity(for: token) == nil)
        #expect(try store.list().map(\.name) == ["bo", "cy"])
        #expect(try store.list().map { $0.revoked != nil } == [true, false])
        #expect(throws: TokenError.self) { try store.revoke(name: "bo") }
        #expect(throws: TokenError.self) { try store.revoke(name: "nobody") }
    }

    @Test func refusesBadNamesAndUnits() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = TokenStore(folder: folder.url)
        let unit = Label(rawValue: "u")!
        #expect(throws: TokenError(.invalidUnits, "a staff token needs at least one --unit")) {
            try store.create(name: "a", role: .staff, units: [])
        }
        #expect(throws: TokenError.self) { try store.create(name: "a", role: .strategic, units: [unit]) }
        #expect(throws: TokenError.self) { try store.create(name: "has space", role: .admin, units: []) }
        _ = try store.create(name: "a", role: .admin, units: [])
        #expect(throws: TokenError.self) { try store.create(name: "a", role: .admin, units: []) }
    }

    @Test func concurrentCreateAndRevokeLoseNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for round in 0..<60 {
            _ = try TokenStore(folder: folder.url).create(name: "old-\(round)", role: .admin, units: [])
            // As two processes and a reader would: each its own store.
            DispatchQueue.concurrentPerform(iterations: 3) { task in
                let store = TokenStore(folder: folder.url)
                switch task {
                case 0: #expect(throws: Never.self) { try store.revoke(name: "old-\(round)") }
                case 1: #expect(throws: Never.self) { try store.create(name: "new-\(round)", role: .admin, units: []) }
                default: for _ in 0..<5 { #expect(throws: Never.self) { try store.list() } }
                }
            }
            let records = try TokenStore(folder: folder.url).list()
            #expect(
                records.first { $0.name == "old-\(round)" }?.revoked != nil, "round \(round): the revocation was lost")
            #expect(records.contains { $0.name == "new-\(round)" }, "round \(round): the new token was lost")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter {
            $0.contains(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func theTokenCommandsPrintATokenOnceAndNeverAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let created = try SporBinary.run([
            "token", "create", "--data", folder.url.path, "--role", "staff", "--unit", "u-1", "--name", "dina",
        ])
        #expect(created.status == 0)
        let token = try #require(created.stdout.split(separator: "\n").first.map(String.init))
        #expect(try TokenStore(folder: folder.url).identity(for: token)?.name == "dina")
        let listed = try SporBinary.run(["token", "list", "--data", folder.url.path])
        #expect(listed.stdout.contains("dina") && listed.stdout.contains("staff") && listed.stdout.contains("u-1"))
        #expect(!listed.stdout.contains(token))
        #expect(try SporBinary.run(["token", "revoke", "--data", folder.url.path, "dina"]).status == 0)
        #expect(try TokenStore(folder: folder.url).identity(for: token) == nil)
        #expect(
            try SporBinary.run(["token", "create", "--data", folder.url.path, "--role", "boss", "--name", "x"]).status
                != 0)
    }
}
