# Screen positions used by scripts/e2e.sh: the sample article (assets/sample.md)
# in a 1280x800 window with the default theme and zoom. If the layout or the
# sample changes, take a screenshot (e2e-artifacts/e2e-1-open.png) and update.
# Drag inside "We" .. inside "problem" of the first quote: word snapping must
# widen it to whole words.
CLAIM_FROM="356 447"
CLAIM_TO="510 447"
# Drag inside "Inês" .. inside "Valadares".
SOURCE_FROM="433 470"
SOURCE_TO="492 470"
export E2E_CLAIM="We will not dig up a problem"
export E2E_SOURCE="Inês Valadares"
# The Help menu and its first item, Keyboard shortcuts.
HELP_MENU="231 14"
KEYS_ITEM="280 45"
# The Note field of the detail editor, the claim selected.
NOTE_FIELD="1170 550"
export E2E_NOTE="checked by e2e: typed, then Ctrl+Q"
