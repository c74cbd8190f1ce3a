#!/usr/bin/env python3
"""Builds rules/data/permissions.json from ScubaGear's RiskyAppPermissions.json (CC0 1.0) plus the
well-known permissions it leaves out (Microsoft Graph sign-in scopes, the Azure Healthcare APIs
user_impersonation scope), so the table stays one regenerable file.

Usage: scripts/make_permission_table.py ../shared/reference/data/RiskyAppPermissions.json > rules/data/permissions.json
"""
import json
import sys

SOURCE_COMMIT = "4d34e9a48e38ce5c2e14c0fdfbaee53e57594ae2"

# Permissions not in the risk table, each with where its id is published.
EXTRA = [
    ("00000003-0000-0000-c000-000000000000", "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "User.Read", "delegated", "low", "Microsoft Graph permissions reference"),
    ("00000003-0000-0000-c000-000000000000", "37f7f235-527c-4136-accd-4a02d197296e", "openid", "delegated", "low", "Microsoft Graph permissions reference"),
    ("00000003-0000-0000-c000-000000000000", "14dad69e-099b-42c9-810b-d002981feec1", "profile", "delegated", "low", "Microsoft Graph permissions reference"),
    ("00000003-0000-0000-c000-000000000000", "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0", "email", "delegated", "low", "Microsoft Graph permissions reference"),
    ("00000003-0000-0000-c000-000000000000", "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", "offline_access", "delegated", "low", "Microsoft Graph permissions reference"),
    ("4f6778d8-5aef-43dc-a1ff-b073724b9495", "db75143a-8f20-4238-9450-8b73ef4992f4", "user_impersonation", "delegated", "low", "Microsoft Learn: Register a client application in Microsoft Entra ID for the Azure Health Data Services"),
]


def main() -> None:
    risky = json.load(open(sys.argv[1]))
    resources = {name: app for app, name in risky["resources"].items()}
    rows = {}
    for resource_name, kinds in risky["permissions"].items():
        app = resources[resource_name]
        for kind, entries in kinds.items():
            permission_type = "application" if kind == "Application" else "delegated"
            for pid, entry in entries.items():
                risk = entry["RiskLevel"].lower()
                rows[(app, pid.lower(), permission_type)] = {
                    "resourceAppId": app, "id": pid.lower(), "name": entry["Name"], "type": permission_type,
                    "risk": risk, "source": "ScubaGear RiskyAppPermissions.json" + (" (excluded delegated)" if kind.startswith("_") else ""),
                }
    for app, pid, name, permission_type, risk, source in EXTRA:
        rows.setdefault((app, pid, permission_type), {"resourceAppId": app, "id": pid, "name": name, "type": permission_type, "risk": risk, "source": source})
    table = {
        "table": "permissions",
        "source": f"cisagov/ScubaGear PowerShell/ScubaGear/schemas/RiskyAppPermissions.json at {SOURCE_COMMIT} (risk levels and names), "
                  "plus the ids listed in scripts/make_permission_table.py with their sources",
        "licence": "CC0 1.0 (ScubaGear's table); the added ids are facts published by Microsoft",
        "generatedBy": "scripts/make_permission_table.py",
        "entries": [rows[key] for key in sorted(rows)],
    }
    json.dump(table, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
