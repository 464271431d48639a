#!/usr/bin/env bash
# End-to-end test of the built binary in a real window under Xvfb, driven
# with xdotool like a person: on a fresh project (which opens on the sample
# article) drag across words, press 1 (Claim), drag across the speaker's
# name, press 2 (Source: linked to the selected claim), open Help > Keyboard
# shortcuts and press Delete (the claim behind it must stay), Escape, type a
# note into the claim's Note field and quit with Ctrl+Q at once.
# Then `glossa export` must hold the claim with that note, its source and the said_by link,
# every span slicing the text exactly (code points), and `glossa check` must
# pass. Screenshots go to $E2E_ARTIFACTS (default: e2e-artifacts/).
#
# usage: scripts/e2e.sh [./glossa]
set -euo pipefail
bin=$(realpath "${1:-./glossa}")
art=$(realpath -m "${E2E_ARTIFACTS:-e2e-artifacts}")
mkdir -p "$art"
. "$(dirname "$0")/xvfb.sh"
scratch
fail() { echo "e2e: FAIL: $*" >&2; exit 1; }
step() { echo "e2e: $*"; }

export HOME=$work/home XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
export LANG=en_US.UTF-8 LC_ALL=
mkdir -p "$HOME"

# A display of our own, so that nothing else on the machine interferes.
start_xvfb 90 120

want=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
got=$("$bin" --version)
[ "$got" = "glossa $want" ] || fail "--version printed '$got', want 'glossa $want'"
# In the C.UTF-8 locale of containers and CI, nothing but the version
# (Fyne printed "Error parsing user locale C" on every command).
got=$(LANG=C.UTF-8 "$bin" --version 2>&1)
[ "$got" = "glossa $want" ] || fail "with LANG=C.UTF-8 --version printed '$got', want only 'glossa $want'"

db=$work/e2e.glossa
export GLOSSA_PROBE=$work/probe # where the window draws things: probe, in xvfb.sh
step "starting $bin --db $db"
launch_window '^Glossa' 120 0.25 "$bin" --db "$db" # 30 s
step "window $wid is up"
xdotool windowmove --sync "$wid" 0 0 || true
xdotool windowsize --sync "$wid" 1280 800 || true
sleep 2
import -window root "$art/e2e-1-open.png" 2>/dev/null || true

# drag X1 Y1 X2 Y2: press, move in steps, release, as a hand would.
drag() {
  xdotool mousemove "$1" "$2"; sleep 0.2
  xdotool mousedown 1; sleep 0.1
  local i
  for i in 1 2 3 4 5 6 7 8; do
    xdotool mousemove $(( $1 + ($3 - $1) * i / 8 )) $(( $2 + ($4 - $2) * i / 8 )); sleep 0.05
  done
  xdotool mouseup 1; sleep 0.3
}

# What to select, and where the menus are; the rest is read from the
# window (probe).
. "$(dirname "$0")/e2e-positions.sh"

step "select the claim and press 1"
probe
pts=$(probe_text "$E2E_CLAIM") || exit 1
drag $pts
xdotool key 1; sleep 0.5
import -window root "$art/e2e-2-claim.png" 2>/dev/null || true
step "select the source and press 2"
probe
pts=$(probe_text "$E2E_SOURCE") || exit 1
drag $pts
xdotool key 2; sleep 0.5
import -window root "$art/e2e-3-source.png" 2>/dev/null || true
step "open Help > Keyboard shortcuts and press Delete: the claim behind the dialog stays"
xdotool mousemove $HELP_MENU click 1; sleep 0.5
xdotool mousemove $KEYS_ITEM click 1; sleep 0.7
xdotool key Delete; sleep 0.5
import -window root "$art/e2e-4-dialog-delete.png" 2>/dev/null || true
step "Escape closes the dialog"
xdotool key Escape; sleep 0.5
step "type a note and quit with Ctrl+Q at once: the note is saved"
probe
note=$(probe_box note) || exit 1
xdotool mousemove $note click 1; sleep 0.3
xdotool type --delay 20 "$E2E_NOTE"; sleep 0.2
import -window root "$art/e2e-5-note.png" 2>/dev/null || true
xdotool key ctrl+q
for _ in $(seq 40); do kill -0 "$app" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$app" 2>/dev/null; then
  import -window root "$art/e2e-6-quit.png" 2>/dev/null || true
  fail "Glossa did not quit on Ctrl+Q"
fi
if grep -E 'Error parsing user locale|Preferences load error' "$work/app.log"; then
  fail "Fyne's locale or preferences noise reached the terminal"
fi

"$bin" export --db "$db" --format json -o "$work/out.json"
"$bin" check --db "$db" >/dev/null || fail "glossa check failed on the saved project"
python3 - "$work/out.json" <<'PY'
import json, sys, unicodedata
ds = json.load(open(sys.argv[1], encoding="utf-8"))
assert ds["format"] == "glossa" and ds["offsets"] == "codepoint", "not a Glossa code point dataset"
docs = [d for d in ds["documents"] if d["annotations"]]
assert len(docs) == 1, f"want annotations on one document, got {len(docs)}"
doc = docs[0]
text = doc["text"]
anns = {a["id"]: a for a in doc["annotations"]}
def word_char(c):
    return unicodedata.category(c)[0] in "LN"
for a in anns.values():
    for s in a["spans"]:
        got = text[s["start"]:s["end"]]
        assert got == s["text"], f"span {s['start']}-{s['end']} holds {s['text']!r}, the text there is {got!r}"
        # word-snapped: no word is cut at either end
        assert not (s["start"] > 0 and word_char(text[s["start"]-1]) and word_char(text[s["start"]])), f"{s['text']!r} starts inside a word"
        assert not (s["end"] < len(text) and word_char(text[s["end"]-1]) and word_char(text[s["end"]])), f"{s['text']!r} ends inside a word"
claims = [a for a in anns.values() if a["label"] == "Claim"]
sources = [a for a in anns.values() if a["label"] == "Source"]
assert len(claims) == 1, f"want one claim, got {[a['label'] for a in anns.values()]}"
assert len(sources) == 1, f"want one source, got {[a['label'] for a in anns.values()]}"
claim, source = claims[0], sources[0]
links = [l for l in claim.get("links", []) if l["type"] == "said_by"]
assert links and links[0]["target"] == source["id"], f"claim links {claim.get('links')}, want said_by {source['id']}"
import os
exp_claim, exp_source = os.environ.get("E2E_CLAIM"), os.environ.get("E2E_SOURCE")
if exp_claim:
    assert claim["spans"][0]["text"] == exp_claim, f"claim {claim['spans'][0]['text']!r}, want {exp_claim!r}"
if exp_source:
    assert source["spans"][0]["text"] == exp_source, f"source {source['spans'][0]['text']!r}, want {exp_source!r}"
exp_note = os.environ.get("E2E_NOTE")
if exp_note:
    assert claim.get("note") == exp_note, f"claim note {claim.get('note')!r}, want {exp_note!r}: the note typed before Ctrl+Q was lost"
print(f"e2e: claim {claim['spans'][0]['text']!r} [{claim['spans'][0]['start']},{claim['spans'][0]['end']}) said_by source {source['spans'][0]['text']!r} [{source['spans'][0]['start']},{source['spans'][0]['end']})")
PY
echo "e2e: passed"
