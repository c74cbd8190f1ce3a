extension Configuration {
    /// The commented starter file `reglint init` writes: every key, with what it does. It parses
    /// as it is (a test checks), so a team can uncomment line by line.
    public static let starter = """
        # reglint configuration. Found in the current folder or the nearest parent up to the
        # repository root, or given with --config. Options on the command line win over this file.
        # Every key is optional; an unknown key is an error at its line and column.

        # Lowest severity that fails the run: error (default), warning, note or none.
        failOn: error

        # production (default) or development: in development, localhost redirect URIs and
        # test-tool callbacks are notes, not warnings.
        profile: production

        # Rules switched off, by id or name. `only:` runs just the rules it lists.
        disable: []
        # only: [REG201, REG202]

        # Severity per rule (error, warning or note), replacing the rule's own.
        severity: {}
        #   REG309: warning

        # Rule parameters (`reglint explain REGnnn` lists a rule's parameters and defaults).
        params: {}
        #   REG304: { maxSecretLifetimeDays: 90 }
        #   REG307: { expiringWithinDays: 45 }

        # Domains your organisation owns and monitors: redirect URIs on them (and their
        # subdomains) are not reported as third-party or takeover-prone hosts.
        ownedDomains: []
        #   - contoso.com

        # Which files a folder walk lints (fnmatch globs, relative to this file's folder).
        # .gitignore is honoured in walks unless `gitignore: false` or --no-gitignore.
        include: []
        exclude: [venv/, dist/, node_modules/]
        gitignore: true

        # Findings recorded with `reglint baseline` do not fail the run; only new ones do.
        # baseline: .reglint-baseline.json

        # Accepted findings. `reason` is required; after `expires` (YYYY-MM-DD) the finding
        # comes back and the output says so. Targets: appId, displayName (glob), file (glob),
        # keyId, uri, permission, fingerprint. A suppression that matches nothing is reported.
        suppressions: []
        #   - rule: REG202
        #     appId: 00000000-0000-0000-0000-000000000000
        #     uri: http://localhost:8080/callback
        #     reason: "Local development only; tracked in SEC-123"
        #     expires: 2027-03-31

        """
}
