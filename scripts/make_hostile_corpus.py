#!/usr/bin/env python3
"""Writes a seeded corpus of hostile inputs for CI: mutated copies of testdata fixtures, and
registrations whose names hold characters XML and JSON outputs must survive (NUL, control
characters, ']]>', quotes, lone surrogates, bidi and line separators). reglint's reports on it
must still validate. Usage: make_hostile_corpus.py TESTDATA_DIR OUT_DIR
"""
import json
import os
import random
import sys

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(20261201)

names = ["nul \u0000 inside", "ctl \u0001\u0008\u000b\u000c\u001f", "cdata ]]> end", "quotes \" ' < > &",
         "bidi \u202e evil", "lines \u2028\u2029 sep", "emoji \U0001F600 and \ufffe\uffff", "tab\there\r\nnext"]
apps = []
for i, name in enumerate(names):
    apps.append({"appId": f"0000{i:04d}-aaaa-2222-bbbb-3333cccc4444", "displayName": name,
                 "web": {"redirectUris": [f"http://{i}.contoso.com/{name}"]},
                 "passwordCredentials": [{"keyId": f"aaaaaaaa-0000-1111-2222-bbbbbbbb{i:04d}", "displayName": name,
                                          "endDateTime": None, "startDateTime": "2026-01-01T00:00:00Z"}]})
with open(os.path.join(out, "hostile-names.json"), "w", encoding="utf-8") as f:
    json.dump({"value": apps}, f, ensure_ascii=True, indent=2)
# A lone surrogate escape: valid JSON text, not valid Unicode.
with open(os.path.join(out, "lone-surrogate.json"), "w") as f:
    f.write('{"appId": "x", "displayName": "lone \\ud800 surrogate", "web": {"redirectUris": ["http://a.contoso.com/"]}}\n')

seeds = []
for root, _, files in os.walk(src):
    for name in files:
        if name.endswith((".json", ".xml", ".env", ".config")):
            seeds.append(os.path.join(root, name))
seeds.sort()
for n in range(60):
    path = seeds[rng.randrange(len(seeds))]
    data = bytearray(open(path, "rb").read())
    if not data:
        continue
    kind = n % 4
    if kind == 0:
        data = data[: rng.randrange(len(data))]
    elif kind == 1:
        for _ in range(6):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == 2:
        a = rng.randrange(len(data))
        data[a:a] = data[rng.randrange(len(data)):][:300]
    else:
        for _ in range(4):
            data.insert(rng.randrange(len(data)), rng.choice(b'\x00"\\{[<\xff'))
    ext = os.path.splitext(path)[1] or ".json"
    with open(os.path.join(out, f"mutated-{n:02d}{ext}"), "wb") as f:
        f.write(bytes(data))
print(f"wrote {len(os.listdir(out))} hostile inputs to {out}")
