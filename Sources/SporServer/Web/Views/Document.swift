/// What `Templates/layout.mustache` renders: the layout, and a page's view-model in the page's own template. The
/// names here are the templates' top-level names, so no view-model has a field called `layout`, `template`,
/// `page` or `t`.
struct Document {
    let layout: LayoutView
    /// The name of the page's template: `result` is `Templates/result.mustache`.
    let template: String
    /// The page's view-model.
    let page: Any
    /// The page's texts from ``Strings`` in its language: `{{t.signIn}}`.
    let t: [String: String]
}
