# usage: e2e-layers.py EXPORT OUTDIR (scripts/e2e-curate.sh)
# Writes ana.json and ben.json: two annotators' Glossa JSON datasets of the
# articles of EXPORT (a Glossa JSON export with suggestions), made from
# the suggester's proposals. In the first article they agree on some units
# and not on others (a claim shifted by a word, one with an attribute set,
# one only ana tagged, one only ben, a date labelled Event); in the others
# they agree but for one claim shifted by a word.
import copy, json, sys
src, out = sys.argv[1], sys.argv[2]
d = json.load(open(src, encoding="utf-8"))

def person(a, who):
    a = copy.deepcopy(a)
    a["provenance"] = {"origin": "person"}
    a["author"] = who
    a.pop("layer", None)
    return a

layers = {"ana": [], "ben": []}
for n, doc in enumerate(d["documents"]):
    anns = sorted(doc["annotations"], key=lambda a: (a["spans"][0]["start"], a["id"]))
    by_id = {a["id"]: a for a in anns}
    def linked(a, t):
        return [by_id[l["target"]] for l in a.get("links", []) if l["type"] == t and l["target"] in by_id]
    groups = [a for a in anns if a["label"] == "Claim" and linked(a, "said_by") and linked(a, "cue")]
    dates = [a for a in anns if a["label"] == "Date"]
    assert len(groups) >= 6 and len(dates) >= 5, f"article {n + 1} needs 6 claims with a source and a cue, and 5 dates"

    def group(c, who, change=None):
        g = [c] + linked(c, "said_by") + linked(c, "cue")
        c = person(c, who)
        if change == "shift":  # the claim without its first word
            s = c["spans"][0]
            first = s["text"].split(" ", 1)[0]
            s["start"] += len(first) + 1
            s["text"] = s["text"][len(first) + 1:]
        if change == "attr":
            c["attributes"] = {"check-worthy": "yes"}
        return [c] + [person(t, who) for t in g[1:]]

    ana, ben = [], []
    if n == 0:
        for c in groups[:5]:
            ana += group(c, "ana")
        ana += [person(a, "ana") for a in dates[:5]]
        ben += group(groups[0], "ben") + group(groups[1], "ben", "shift") + group(groups[2], "ben", "attr")
        ben += group(groups[4], "ben") + group(groups[5], "ben")  # groups[3] only ana's, groups[5] only ben's
        ben += [person(a, "ben") for a in dates[:3]]
        ev = person(dates[3], "ben")
        ev["label"] = "Event"  # the same span, another entity label
        ben.append(ev)
    else:
        for i, c in enumerate(groups[:6]):
            ana += group(c, "ana")
            ben += group(c, "ben", "shift" if i == 2 else None)
        ana += [person(a, "ana") for a in dates[:5]]
        ben += [person(a, "ben") for a in dates[:5]]
    layers["ana"].append(ana)
    layers["ben"].append(ben)

for who, docs in layers.items():
    f = copy.deepcopy(d)
    for doc, anns in zip(f["documents"], docs):
        doc["annotations"] = anns
    json.dump(f, open(f"{out}/{who}.json", "w", encoding="utf-8"), ensure_ascii=False)

# The plan: what the curator's keys in scripts/e2e-curate.sh save, one
# line a curated annotation (label, start, end, the layers it is taken
# from), found as the window groups the first article's units
# (session.Units: per kind, extents overlapping one another; by start,
# then kind).
kinds = {l["name"]: l["kind"] for l in d["labels"]}
anns = [(who, a) for who in ("ana", "ben") for a in layers[who][0]]
def extent(a):
    return min(s["start"] for s in a["spans"]), max(s["end"] for s in a["spans"])
anns.sort(key=lambda wa: (kinds[wa[1]["label"]], extent(wa[1]), wa[0]))
units = []
for who, a in anns:
    k, (s, e) = kinds[a["label"]], extent(a)
    u = units[-1] if units else None
    if u and u["kind"] == k and s < u["end"]:
        u["end"] = max(u["end"], e)
        u["anns"].append((who, a))
    else:
        units.append({"kind": k, "start": s, "end": e, "anns": [(who, a)]})
units.sort(key=lambda u: (u["start"], u["kind"]))
ids = {}
for who in ("ana", "ben"):
    for a in layers[who][0]:
        ids[(who, a["id"])] = a
def version(who, a):
    links = sorted((l["type"], ids[(who, l["target"])]["label"], json.dumps(ids[(who, l["target"])]["spans"])) for l in a.get("links", []))
    return (a["label"], json.dumps(a["spans"]), json.dumps(a.get("attributes") or {}, sort_keys=True), a.get("note", ""), links)
def accept(u, who):
    mine = [a for w, a in u["anns"] if w == who]
    assert mine, f"{who} has no version of the unit at {u['start']}"
    for a in mine:
        v = version(who, a)
        frm = sorted({w for w, b in u["anns"] if version(w, b) == v})
        print(f"{a['label']}\t{a['spans'][0]['start']}\t{a['spans'][0]['end']}\t{' '.join(frm)}")
def first_with_version(u):
    return next(w for w in ("ana", "ben") if any(x == w for x, _ in u["anns"]))
accept(units[0], "ana")          # 1 on the first unit
accept(units[1], "ben")          # 2 on the next, selected after it
u = units[4]                     # Down, Down from the third
assert first_with_version(u) == "ana", "the unit of Down Down has no version of ana's to step Right from"
accept(u, "ben")                 # Right: ben's; Enter
