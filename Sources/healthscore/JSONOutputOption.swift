import ArgumentParser

/// `--out FILE.json`, shared by the commands that can also write their figures as JSON.
struct JSONOutputOption: ParsableArguments {
    @Option(help: ArgumentHelp("Also write every figure as JSON to this file.", valueName: "file.json"))
    var out: String?

    func validate() throws {
        if let out, !out.lowercased().hasSuffix(".json") {
            throw ValidationError("--out writes JSON: end the file name in .json")
        }
    }
}
