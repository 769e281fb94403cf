/// A test server that could not be started or asked, in words.
package struct TestServerFailure: Error, CustomStringConvertible {
    package let description: String
    package init(description: String) { self.description = description }
}
