/// Assigns observations to cross-validation folds by a hash of a key, such as the account
/// id: every row of one account lands in the same fold, the assignment is the same on
/// every run and machine, and it does not follow the order of the input file.
///
/// The hash is 64-bit FNV-1a over the key's UTF-8 bytes, passed through the SplitMix64
/// finaliser (Steele, Lea & Flood 2014) so that keys differing in one character land in
/// unrelated folds; the fold is the result modulo the number of folds (the bias of the
/// modulo is below 1e-18 for any fold count in use). Swift's own `Hasher` is not used: it
/// is seeded afresh in every process, so folds, and the chosen penalty, would change
/// from run to run.
package enum FoldAssignment {
    /// The fold of `key`, in `0..<folds`.
    package static func fold(of key: String, folds: Int) -> Int {
        precondition(folds >= 1, "at least one fold")
        return Int(hash(key) % UInt64(folds))
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, finalised by SplitMix64's mixer.
    package static func hash(_ key: String) -> UInt64 {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            state ^= UInt64(byte)
            state = state &* 0x0000_0100_0000_01b3
        }
        state = (state ^ (state >> 30)) &* 0xbf58_476d_1ce4_e5b9
        state = (state ^ (state >> 27)) &* 0x94d0_49bb_1331_11eb
        return state ^ (state >> 31)
    }
}
