/// One value per task of a `DispatchQueue.concurrentPerform`, each slot written by its own
/// task only and read after all have finished: the rule that makes this `Sendable`, which
/// the compiler cannot check.
///
/// Slots are reached in place (`slots[i].append(...)` mutates the stored value), so a
/// task's accumulator of many megabytes is never copied.
package final class TaskSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Value>
    package let count: Int
    private var taken = false

    /// `count` slots, each made by `make(index)`.
    package init(count: Int, _ make: (Int) -> Value) {
        self.count = count
        slots = .allocate(capacity: count)
        for index in 0..<count { (slots + index).initialize(to: make(index)) }
    }

    /// One slot per element of `values`, holding it.
    package convenience init(_ values: [Value]) {
        self.init(count: values.count) { values[$0] }
    }

    package subscript(index: Int) -> Value {
        unsafeAddress {
            precondition(!taken && index >= 0 && index < count, "slot out of range")
            return UnsafePointer(slots + index)
        }
        unsafeMutableAddress {
            precondition(!taken && index >= 0 && index < count, "slot out of range")
            return slots + index
        }
    }

    /// Every slot's value, in order, moved out; the slots are not used after.
    package func takeAll() -> [Value] {
        precondition(!taken, "slots already taken")
        taken = true
        return (0..<count).map { (slots + $0).move() }
    }

    deinit {
        if !taken { slots.deinitialize(count: count) }
        slots.deallocate()
    }
}
