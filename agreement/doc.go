// Package agreement measures how far a project's annotators agree (issue
// 21): what `glossa agree` prints and the window's agreement view shows.
// It is pure Go over annotation types: no Fyne, no bbolt. The caller hands
// it, per article, the text's length and each annotator's layer
// (Compute's Article); it returns a Report of tables: overall, per label,
// per pair of annotators, per annotator, per article (worst first) and per
// attribute, laid out for a person (Report.Rows), as CSV (WriteCSV) or as
// JSON (the Report itself).
//
// # Who is compared
//
// An annotator present in an article's layers annotated it, even with no
// annotation (they found nothing to mark); an annotator absent did not. An
// article counts when two or more annotated it (Report.Compared); a pair
// of annotators is compared over the articles both annotated; the figures
// of all the annotators at once (alpha-U, Fleiss' kappa) over the articles
// every one of them annotated (Report.Common).
//
// Positions are code points. An annotation's extent is its spans cut to
// the text, joined where they touch: two annotations whose spans split the
// same code points differently are at the same position. An annotation
// without code points is left out.
//
// # Span F1
//
// Per pair, the annotations of one label are matched one to one:
//   - strict: the same extent (a span twice in one layer and once in the
//     other is one match);
//   - lenient: overlapping by at least one code point, by a maximum
//     matching (the most pairs possible), the larger overlaps kept where
//     several are.
//
// F1 = 2·matched / (annotations of one + of the other): the harmonic mean
// of precision and recall, the same whichever annotator is the reference.
// Counts add up over the pair's articles (micro average); the overall and
// per-label figures are the mean and the sample standard deviation over
// the pairs; an annotator's, the mean over their pairs; an article's, the
// mean over its pairs. F1 with nothing on either side is undefined.
//
// # Alpha-U
//
// Krippendorff's alpha for unitizing, as DKPro Statistics computes it (see
// UnitizingAlpha), each label a category, on the character continuum:
// per article (its annotators, its text), per pair (their articles end to
// end as one continuum) and for everyone (the articles all annotated, end
// to end), per label and overall (1 - mean D_o / mean D_e over the labels
// used). Overlapping annotations of one annotator and label are joined
// into one unit first, as the measure wants a rater's units of one
// category apart. Laying articles end to end leaves the observed
// disagreement the sum of the articles' (no unit crosses a seam) and lets
// a gap run on from one article into the next, as in one long text.
//
// # Labels at identical positions
//
// A coding unit is a position some annotator labelled: a kind of label
// and an extent (a Source and a Person on the same words are two units, as
// the codebook lets both stand: a speaker is also a named entity). An
// annotator's value is the label they gave there (of two labels of one
// kind on one position, the first in the codebook), missing where they
// gave none. Then:
//   - Krippendorff's alpha, nominal, missing values allowed: every unit
//     two or more labelled (NominalAlpha);
//   - Cohen's kappa and Scott's pi per pair, and Fleiss' kappa of everyone,
//     want a value from every rater: they count only the units both (all)
//     labelled. A position only one of them marked is a disagreement on
//     where to annotate, which span F1 and alpha-U measure; these
//     coefficients measure which label, where both annotated.
//
// A coefficient is undefined where chance agreement is total: one label
// in use (the codebook's single claim label, say).
//
// # Attributes and links
//
// Attributes are compared on the lenient matches (the same label,
// overlapping): for each attribute either annotation sets, the share of
// equal values and nominal alpha, a value one left unset being "" (a
// disagreement). Per attribute the pairs of every pair of annotators are
// pooled.
//
// Links are compared after aligning each pair's annotations one to one by
// overlap within each kind of label (a Person and an Organisation on the
// same words align; a claim and an entity inside it do not): a link of one
// annotator, (source, target, type), matches one of the other when its
// source and target are aligned with the other's and the types are equal.
// Link F1 as span F1; links to an annotation missing from the layer are
// left out.
//
// # Edge cases
//
// One annotator, or none, leaves every figure undefined (shown as "–",
// null in JSON), never 0. Identical layers give 1 everywhere a figure is
// defined. A label one annotator used has F1 0 and the alpha-U of units
// against nothing.
//
// # Speed
//
// One pass over the articles; per article, sorting its annotations and a
// matching per label and kind; alpha-U's expected disagreement reads the
// gaps through a histogram. 1,000 articles of the bench corpus with three
// annotators' layers (some 300,000 annotations) take about a quarter of a
// second of CPU (internal/bench: BenchmarkAgreement, against issue 21's
// 1 s).
package agreement
