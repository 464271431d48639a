package suggest

// NamingVerbs are the forms of call, dub, brand and label: cues of a quote
// (S called the plan "a disaster") that are not in the lexicon.
var NamingVerbs = namingVerbs

// AccordingWords are the one-word "according to" of French and German.
var AccordingWords = accordingWords
