#!/usr/bin/env bash
# End-to-end test of the review of suggestions in a real window under Xvfb,
# driven with xdotool like a person. A project holds one article: the seed
# article of ../shared/seeds beside the repository when it is there (a
# real Moscow Times report, not part of the project), else the bundled
# sample. The window computes its suggestions in the background; then
# Ctrl+F finds the quote to review, Escape closes the find bar, Tab selects
# the suggested quote there, Enter accepts it with its speaker (one key),
# Delete rejects the suggestion selected next, ] selects the accepted claim
# (its details show its provenance), and Ctrl+Q quits.
# Then `glossa export --include-suggestions` must hold the accepted claim
# linked to its source, both with provenance suggested and accepted by the
# annotator, the other suggestions still pending, and not the rejected one;
# `glossa suggest --all` run again must not propose the rejected one, nor the
# accepted ones, again; `glossa check` must pass.
# What to find, accept and reject is read from what the command line's
# suggester proposes on a copy of the project: the same rules as the
# window's.
#
# usage: scripts/e2e-suggest.sh [./glossa]
# E2E_SEED=FILE reviews another article.
# E2E_THEME=light|dark (default light) sets the window's theme; screenshots
# go to $E2E_ARTIFACTS (default: e2e-artifacts/) as suggest-$theme-N.png.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-./glossa}")
art=$(realpath -m "${E2E_ARTIFACTS:-e2e-artifacts}")
theme=${E2E_THEME:-light}
mkdir -p "$art"
. "$(dirname "$0")/xvfb.sh"
scratch
fail() { echo "e2e-suggest: FAIL: $*" >&2; exit 1; }
step() { echo "e2e-suggest: $*"; }
shot() { import -window root "$art/suggest-$theme-$1.png" 2>/dev/null || true; }

user_home "$theme" "e2e reviewer"

seed=${E2E_SEED:-$(ls "$root"/../shared/seeds/*.txt 2>/dev/null | head -n1 || true)}
[ -n "$seed" ] || seed=$root/assets/sample.md
db=$work/review.glossa
"$bin" import --db "$db" "$seed" >/dev/null 2>&1 || fail "could not import $seed"
step "article: $seed"

# What the window will propose: the command line's suggester on a copy.
cp "$db" "$work/expect.glossa"
"$bin" suggest --db "$work/expect.glossa" --all >/dev/null 2>&1 || fail "glossa suggest failed"
"$bin" export --db "$work/expect.glossa" --format json --include-suggestions -o "$work/expect.json" 2>/dev/null
python3 - "$work/expect.json" >"$work/plan" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
sugs = sorted(doc["annotations"], key=lambda a: (a["spans"][0]["start"], a["id"]))
by_id = {a["id"]: a for a in sugs}
def said_by(a):
    return [by_id[l["target"]] for l in a.get("links", []) if l["type"] == "said_by" and l["target"] in by_id]
claims = [a for a in sugs if a["label"] == "Claim" and said_by(a) and a["provenance"]["rule"].startswith("quote.")]
# The State Department's quote in the seed article; any quote with a speaker elsewhere.
pick = [a for a in claims if "State Department" in said_by(a)[0]["spans"][0]["text"]] or claims
assert pick, "no suggested quote with a speaker"
claim = pick[0]
group = {claim["id"]} | {l["target"] for l in claim.get("links", [])}
nxt = next(a for a in sugs if a["spans"][0]["start"] >= claim["spans"][0]["start"] and a["id"] not in group)
fp = lambda a: a["label"] + " " + ",".join(f'{s["start"]}-{s["end"]}' for s in a["spans"])
find = claim["spans"][0]["text"].split()
print(" ".join(find[:4]))
print(claim["spans"][0]["text"])
print(said_by(claim)[0]["spans"][0]["text"])
print(fp(nxt))
print(len(sugs))
PY
{ read -r find; read -r want_claim; read -r want_source; read -r want_rejected; read -r n_sugs; } <"$work/plan"
export E2E_CLAIM=$want_claim E2E_SOURCE=$want_source E2E_REJECTED=$want_rejected
step "to accept: \"$want_claim\" said by \"$want_source\"; then to reject: $want_rejected ($n_sugs suggested)"

start_xvfb 91 120
launch_window '^Glossa' 120 0.25 "$bin" --db "$db" # 30 s
step "window $wid is up ($theme theme)"
xdotool windowmove --sync "$wid" 0 0 || true
xdotool windowsize --sync "$wid" 1280 800 || true
sleep 3 # the suggestions come in the background
shot 1-open

step "Ctrl+F \"$find\", Escape, Tab: the suggested quote is selected"
xdotool key ctrl+f; sleep 0.5
xdotool type --delay 20 "$find"; sleep 0.5
xdotool key Escape; sleep 0.5
xdotool key Tab; sleep 0.7
shot 2-selected
step "Enter accepts it with its speaker"
xdotool key Return; sleep 0.7
shot 3-accepted
step "Delete rejects the next suggestion"
xdotool key Delete; sleep 0.7
shot 4-rejected
step "] selects the accepted claim: its details say where it came from"
xdotool key bracketright; sleep 0.7
shot 5-provenance
xdotool key ctrl+q
for _ in $(seq 40); do kill -0 "$app" 2>/dev/null || break; sleep 0.25; done
kill -0 "$app" 2>/dev/null && { shot 6-quit; fail "Glossa did not quit on Ctrl+Q"; }

"$bin" check --db "$db" >/dev/null 2>&1 || fail "glossa check failed on the saved project"
"$bin" export --db "$db" --format json --include-suggestions -o "$work/out.json" 2>/dev/null
"$bin" suggest --db "$db" --all >/dev/null 2>&1 || fail "glossa suggest failed on the saved project"
"$bin" export --db "$db" --format json --include-suggestions -o "$work/again.json" 2>/dev/null
python3 - "$work/out.json" "$work/again.json" <<'PY'
import json, os, sys
def load(path):
    doc = json.load(open(path, encoding="utf-8"))["documents"][0]
    return doc["text"], doc["annotations"]
fp = lambda a: a["label"] + " " + ",".join(f'{s["start"]}-{s["end"]}' for s in a["spans"])
text, anns = load(sys.argv[1])
for a in anns:
    for s in a["spans"]:
        assert text[s["start"]:s["end"]] == s["text"], f"span {s} does not slice the text"
accepted = [a for a in anns if a["provenance"].get("review") == "accepted"]
pending = [a for a in anns if a["provenance"].get("review") == "pending"]
assert len(accepted) + len(pending) == len(anns), "an annotation that is neither accepted nor pending: nothing was tagged by hand"
claims = [a for a in accepted if a["label"] == "Claim"]
assert len(claims) == 1, f"want one accepted claim, got {[fp(a) for a in accepted]}"
claim = claims[0]
assert claim["spans"][0]["text"] == os.environ["E2E_CLAIM"], f"accepted {claim['spans'][0]['text']!r}, want {os.environ['E2E_CLAIM']!r}"
by_id = {a["id"]: a for a in accepted}
src = [by_id.get(l["target"]) for l in claim.get("links", []) if l["type"] == "said_by"]
assert src and src[0] and src[0]["spans"][0]["text"] == os.environ["E2E_SOURCE"], f"claim links {claim.get('links')}, want said_by the accepted source {os.environ['E2E_SOURCE']!r}"
for a in (claim, src[0]):
    p = a["provenance"]
    assert p["origin"] == "suggested" and p.get("rule") and p.get("confidence") and p.get("reviewer") == "e2e reviewer" and a.get("author") == "e2e reviewer", f"{a['label']} provenance {p}, author {a.get('author')}"
rejected = os.environ["E2E_REJECTED"]
assert rejected not in {fp(a) for a in anns}, f"the rejected {rejected} is in the export"
assert pending, "no suggestion left pending: more than one was decided"
_, again = load(sys.argv[2])
assert rejected not in {fp(a) for a in again}, f"the rejected {rejected} was proposed again"
dup = [fp(a) for a in again if a["provenance"].get("review") == "pending" and fp(a) in {fp(b) for b in accepted}]
assert not dup, f"accepted suggestions proposed again: {dup}"
print(f"e2e-suggest: accepted claim {claim['spans'][0]['text'][:50]!r}… said_by {src[0]['spans'][0]['text']!r} "
      f"(rule {claim['provenance']['rule']}, confidence {claim['provenance']['confidence']}); rejected {rejected}; {len(pending)} still pending")
PY
echo "e2e-suggest: passed ($theme theme)"
