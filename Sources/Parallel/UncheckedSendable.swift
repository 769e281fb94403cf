/// A value handed to other threads under a rule the compiler cannot check; each use says
/// which rule.
package struct UncheckedSendable<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
