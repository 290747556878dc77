import HTTPTypes
import Testing

@testable import SporServer

/// `value(_:)` answers what the subscript answers: nothing, the one value, or repeated values joined.
struct HTTPFieldsValueTests {
    @Test func answersAsTheSubscriptDoes() {
        var fields: HTTPFields = [.contentType: "application/json", .accept: "*/*"]
        #expect(fields.value(.authorization) == nil)
        #expect(fields.value(.contentType) == "application/json")
        fields.append(HTTPField(name: .authorization, value: "Bearer one"))
        #expect(fields.value(.authorization) == "Bearer one")
        fields.append(HTTPField(name: .authorization, value: "Bearer two"))
        #expect(fields.value(.authorization) == fields[.authorization])
        #expect(fields.value(.authorization) == "Bearer one, Bearer two")
    }
}
