/// The version reglint reports in SARIF, JUnit and `--version`.
public enum RegLintVersion {
    public static let current = "0.1.0"
}
