import HTTPTypes
import Testing

@testable import SporServer

/// The media type a body check compares: parameters, spaces and tabs dropped, case folded.
struct MediaTypeTests {
    @Test(arguments: [
        ("application/json", "application/json"),
        (" Application/JSON ; charset=utf-8", "application/json"),
        ("\tapplication/x-www-form-urlencoded\t", "application/x-www-form-urlencoded"),
        ("application/fhir+json;fhirVersion=4.0", "application/fhir+json"),
        ("", ""),
        (";charset=utf-8", ""),
    ])
    func theMediaTypeIsTheTypeBeforeItsParameters(header: String, expected: String) {
        var fields = HTTPFields()
        fields[.contentType] = header
        #expect(fields.mediaType == expected)
    }

    @Test func noContentTypeHasNoMediaType() {
        #expect(HTTPFields().mediaType == nil)
    }
}
