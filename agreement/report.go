package agreement

import "glossa/annotation"

// Article is one article as the annotators saw it: its length in code
// points and each annotator's annotations of it. An annotator present with
// no annotations annotated the article and found nothing to mark; an
// annotator absent did not annotate it.
type Article struct {
	ID     uint64
	Title  string
	Length int
	Layers map[string][]annotation.Annotation
}

// Report is the agreement of a project's annotators: overall and per
// label, annotator pair, annotator, article and attribute. Compute makes
// it; Table and WriteCSV lay it out; it marshals to JSON as it is.
type Report struct {
	Annotators []string `json:"annotators"`
	// Articles counts the articles given; Compared those at least two
	// annotators annotated (the only ones compared); Common those every
	// annotator annotated (where alpha-U and Fleiss' kappa of all of them
	// are computed).
	Articles int `json:"articles"`
	Compared int `json:"compared"`
	Common   int `json:"common"`

	Overall      Overall        `json:"overall"`
	Labels       []LabelRow     `json:"labels"`
	Pairs        []PairRow      `json:"pairs"`
	PerAnnotator []AnnotatorRow `json:"per_annotator"`
	PerArticle   []ArticleRow   `json:"per_article"` // worst first
	Attributes   []AttributeRow `json:"attributes"`
}

// Overall is the corpus in figures.
type Overall struct {
	// Span F1 of each pair over the articles both annotated, strict (same
	// code points, same label) and lenient (overlapping, same label), one
	// to one; mean and spread over the pairs.
	StrictF1  Spread `json:"strict_f1"`
	LenientF1 Spread `json:"lenient_f1"`
	// Krippendorff's alpha-U over the articles every annotator annotated,
	// end to end as one continuum.
	AlphaU Score `json:"alpha_u"`
	// Labels at identical positions: nominal alpha over every compared
	// article (missing values allowed), Fleiss' kappa over the positions
	// every annotator labelled, and the pairs' Cohen's kappa and Scott's pi.
	Alpha  Coding `json:"alpha"`
	Fleiss Coding `json:"fleiss_kappa"`
	Kappa  Spread `json:"cohen_kappa"`
	Pi     Spread `json:"scott_pi"`
	// Links as (source, target, type) after aligning the annotations; the
	// share of attribute values equal on aligned annotations.
	LinkF1             Spread `json:"link_f1"`
	AttributesEqual    Score  `json:"attributes_equal"`
	AttributesCompared int    `json:"attributes_compared"`
}

// LabelRow is one label's figures.
type LabelRow struct {
	Label       string          `json:"label"`
	Kind        annotation.Kind `json:"kind"`
	Annotations int             `json:"annotations"` // every annotator's, every article
	StrictF1    Spread          `json:"strict_f1"`
	LenientF1   Spread          `json:"lenient_f1"`
	// Alpha-U of the label over the articles every annotator annotated,
	// with its observed and expected disagreement.
	AlphaU   Score `json:"alpha_u"`
	Observed Score `json:"observed"`
	Expected Score `json:"expected"`
}

// PairRow is one pair of annotators over the articles both annotated.
type PairRow struct {
	A        string `json:"a"`
	B        string `json:"b"`
	Articles int    `json:"articles"`
	// Strict matches, and the annotations of one left unmatched.
	Both      int   `json:"both"`
	OnlyA     int   `json:"only_a"`
	OnlyB     int   `json:"only_b"`
	StrictF1  Score `json:"strict_f1"`
	LenientF1 Score `json:"lenient_f1"`
	AlphaU    Score `json:"alpha_u"`
	// Labels at the positions both labelled.
	Kappa Coding `json:"cohen_kappa"`
	Pi    Coding `json:"scott_pi"`
	Alpha Coding `json:"alpha"`
	// Links and attributes of aligned annotations.
	Links           int   `json:"links"` // both annotators' links compared
	LinkF1          Score `json:"link_f1"`
	AttributesEqual Score `json:"attributes_equal"`
}

// AnnotatorRow is one annotator: how much they annotated and how they
// agree with the others (mean over their pairs).
type AnnotatorRow struct {
	Name        string `json:"name"`
	Articles    int    `json:"articles"`
	Annotations int    `json:"annotations"`
	StrictF1    Score  `json:"strict_f1"`
	LenientF1   Score  `json:"lenient_f1"`
}

// ArticleRow is one compared article.
type ArticleRow struct {
	ID          uint64   `json:"id"`
	Title       string   `json:"title"`
	Annotators  []string `json:"annotators"`
	Annotations int      `json:"annotations"`
	// Alpha-U of the article's annotators on its text; the rest means
	// over the article's pairs, and alpha of its labels.
	AlphaU    Score `json:"alpha_u"`
	StrictF1  Score `json:"strict_f1"`
	LenientF1 Score `json:"lenient_f1"`
	Alpha     Score `json:"alpha"`
	LinkF1    Score `json:"link_f1"`
	// Worst is the pair of annotators who agree least on the article
	// (lowest lenient F1, then strict): the two layers to open side by
	// side.
	Worst [2]string `json:"worst"`
}

// AttributeRow is one attribute of one label over the aligned pairs of
// annotations (every pair of annotators) where either set it.
type AttributeRow struct {
	Label     string `json:"label"`
	Attribute string `json:"attribute"`
	Compared  int    `json:"compared"`
	Equal     Score  `json:"equal"`
	Alpha     Score  `json:"alpha"`
}

// Pair returns the row of annotators a and b, in either order.
func (r Report) Pair(a, b string) (PairRow, bool) {
	for _, p := range r.Pairs {
		if p.A == a && p.B == b || p.A == b && p.B == a {
			return p, true
		}
	}
	return PairRow{}, false
}
