import HTTPTypes
@_spi(Internal) import Hummingbird

/// Answers 405 with `Allow` when a request's path is served but not with its method, for every route the API and
/// the web pages have; a path no route serves stays 404.
///
/// Hummingbird answers both cases 404. This middleware is added to the router after every route, so it runs only
/// in front of the router's not-found responder (a router's middleware applies to the routes added after it, and
/// to the not-found responder always), and it resolves the path in a trie of Hummingbird's own kind built from
/// ``Router/routes``: the same path matches the same route template as in the router itself.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = SporRequestContext

    /// One route template and the methods it is served with.
    struct Endpoint: Sendable {
        var template: String
        var methods: [HTTPRequest.Method]
    }

    private let trie: RouterTrie<Endpoint>

    /// - Parameter routes: every route of the router, as ``Router/routes`` lists them.
    init(routes: [Router<Context>.RouteDescription]) {
        let builder = RouterPathTrieBuilder<Endpoint>()
        var order: [String] = []
        var grouped: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
        for route in routes {
            let key = route.path.description
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: (route.path, [])].methods.append(route.method)
        }
        for key in order {
            let (path, methods) = grouped[key]!
            builder.addEntry(path, value: Endpoint(template: key, methods: methods))
        }
        trie = builder.build()
    }

    /// The route template `path` resolves to and its methods, `nil` when no route serves the path.
    func endpoint(for path: String) -> Endpoint? {
        trie.resolve(path)?.value
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let endpoint = endpoint(for: request.uri.path) else { throw error }
            // Logs and metrics name the route template, as for a served request.
            context.coreContext.endpointPath.value = endpoint.template
            throw Problem.methodNotAllowed(allow: endpoint.methods)
        }
    }
}
