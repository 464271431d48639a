// Package eval scores suggestions of attributions (package suggest, or
// those a project holds) against a gold standard in brat standoff: what
// `glossa eval GOLD_DIR` prints. It is pure Go over annotation types: no
// Fyne, no bbolt. It reads the gold folder with Glossa's own brat reader
// (formats/brat); the caller says where the suggestions for each article
// come from (Evaluate's predict function: suggest.Text, or a project's
// pending and accepted suggestions, FromProject).
//
// # The gold standard
//
// Every X.txt under the folder, at any depth, is an article; X.ann beside
// it holds its annotations (brat standoff, read by brat.Read: T, R, E, A
// lines; offsets in code points); a .txt without an .ann is an article with
// no attribution. The kind of a label is what the nearest annotation.conf
// says (Glossa writes kinds into its comments), else read from its name,
// letter case ignored: Content, Claim, Quote, Statement … are claims,
// Source, Speaker … sources, Cue, Cues, Trigger, Reporting verb … cues (see
// LabelKind). Labels of other kinds (Glossa's Title and ScareQuote, entity
// labels) are not attributions: a suggestion on a scare quote is a false
// positive.
//
// An attribution is one annotation of kind claim, its content, with:
//   - its sources: the targets of its said_by links, and every annotation of
//     kind source joined to it by a link of any type in either direction
//     (a PARC-style E line with Source, Cue and Content roles, which the
//     brat reader turns into said_by and cue links; an R line named SOURCE,
//     Arg1/Arg2 either way round). A content with none of these takes the
//     sources joined the same way to its cues (an event whose trigger is the
//     cue and whose arguments are source and content);
//   - its cues: the targets of its cue links and every annotation of kind
//     cue joined to it by a link in either direction.
//
// The sources scored are every annotation of kind source and every
// annotation a content takes as its source; the cues likewise. An
// annotation of the same spans as another of its group is counted once.
//
// # Spans and matches
//
// Offsets are code points. Before comparing, each span is trimmed at both
// ends of white space, quote marks and punctuation (Unicode P categories,
// and ` and ´), on both sides, so that a gold span holding its quote marks
// and final comma equals a suggestion without them; a span that trims to
// nothing (a colon cue) is kept as it is. An annotation with several spans
// (a split or multi-paragraph quote) is the union of its trimmed spans.
//
//   - exact: the two unions are the same code points;
//   - overlap >= 0.3 and >= 0.8: the code points both cover are at least
//     0.3 (0.8) of the gold annotation's code points (only the gold side
//     divides: a suggestion longer than its gold still matches).
//
// Matching is one to one, per article and per group (contents, sources,
// cues): among the pairs a level admits, a maximum matching (the most
// pairs possible; augmenting paths, started from the pairs with the
// largest overlap, so that where several maximum matchings exist the one
// kept favours the larger overlaps). Matched pairs are true positives;
// suggestions left over are false positives, gold annotations left over
// false negatives. Counts are summed over all articles (micro average):
//
//	precision P = tp / (tp + fp)   recall R = tp / (tp + fn)   F1 = 2PR / (P + R)
//
// each 0 where its denominator is 0.
//
// # Speaker and cue accuracy
//
// Of the contents matched at overlap >= 0.3 whose gold attribution has a
// source, the share whose suggested content has a source (said_by, or
// joined as above) that matches one of the gold sources at overlap >= 0.3
// of the gold source's code points (trimmed as above). A suggested content
// with no source counts as wrong. Spans are compared as written: a pronoun
// matches the gold pronoun, not its antecedent. Cue accuracy is the same
// for cues.
//
// Corpora draw a source's edges differently (PolNeAR's "Flynn, a top Trump
// surrogate," or "Hillary Clinton's campaign manager Robby Mook"; a
// suggestion of "Flynn" covers 0.18 of the first), so both are also given
// by head word: a suggested source is right when it overlaps a gold source
// and one of its words is a head word of the gold's: the last word of the
// gold's first phrase, which ends at the first comma, parenthesis, dash or
// semicolon, or at a preposition or relative word after its first word
// (of, for, from, to, at, in, on, with, by, about, who, which, that,
// whose; von, vom, aus, bei, für, zu, der, des; de, du, d, à, au, aux,
// pour, qui, di, del, della), and the same of the
// apposition after that comma, which names the same speaker (Flynn and
// surrogate; author and Kowalczyk of "Its lead author, Dr. Ines
// Kowalczyk,"). A cue's head word is its first word (said of "said
// Thursday morning"), or the cue itself when it has none (a colon). Words
// are compared in lower case.
//
// # Direct quotes
//
// Each figure is given for all attributions and for the direct-quote
// subset. A content is direct when its first letter or digit, and more
// than half of all the letters and digits of its spans, stand inside quote
// marks, reading from the start of its first span (moved back over white
// space on its line to take in a quote mark just before it, as a content
// written without its marks has one) to the end of its last span. Quote
// marks of every common kind count: straight " and ', curly “ ” ‘ ’,
// guillemets « » ‹ › (also one space from their words, as French sets
// them), German low-high „ ‚. A mark with a word after it and none before
// opens a quote; any other mark closes the innermost open quote of its
// family (double or single) and any opened inside it, or, when none is
// open and a word follows, opens one; ' and ’ between two letters are
// apostrophes. So "X," she said, "Y." is direct, and so is a quote whose
// marks are outside its span; S said the plan was "a disaster" for the
// town (a quote inside reported speech) is not. The rule reads text only,
// so it is applied alike to gold contents and suggested ones: the direct
// subset scores direct gold contents against direct suggested contents,
// with the sources and cues the direct contents of each side take.
//
// Entities (annotations of kind entity on both sides) get a line of their
// own, labels ignored, for all attributions only.
//
// # Where suggestions come from
//
// FromSuggestions takes suggest.Text's result (kinds as the suggester
// gives them). FromProject takes what a project holds for the article: its
// pending suggestions, its annotations of Provenance.Origin suggested
// (accepted ones), and the annotations those claims link to as source or
// cue, whoever made them (a suggestion whose source equals an annotation
// already there is linked to that annotation). Rejected suggestions are
// gone from the project and count as not suggested.
package eval
