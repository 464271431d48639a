package agreement_test

import (
	"fmt"
	"os"

	"glossa/agreement"
	"glossa/annotation"
)

func span(id uint64, label string, start, end int) annotation.Annotation {
	return annotation.Annotation{ID: id, Label: label, Spans: []annotation.Span{{Start: start, End: end}}}
}

// Two annotators of one article: the same claim, a source whose edge
// differs by a word, and an entity one of them labelled otherwise. Kappa
// counts the two positions both labelled (the claim, the entity): observed
// 1/2, chance 1/2·1/2 (Claim) = 1/4, kappa (1/2 - 1/4)/(3/4) = 1/3.
func ExampleCompute() {
	r := agreement.Compute([]agreement.Article{{
		ID: 1, Title: "Talks resume", Length: 120,
		Layers: map[string][]annotation.Annotation{
			"ana": {span(1, "Claim", 0, 40), span(2, "Source", 45, 60), span(3, "Person", 80, 92)},
			"ben": {span(1, "Claim", 0, 40), span(2, "Source", 50, 60), span(3, "Organisation", 80, 92)},
		},
	}}, annotation.DefaultLabelSet())
	p, _ := r.Pair("ana", "ben")
	fmt.Println("strict F1", p.StrictF1, "lenient F1", p.LenientF1)
	fmt.Println("labels at identical positions:", p.Kappa.Units, "compared, kappa", p.Kappa.Value)
	r.WriteCSV(os.Stdout, agreement.TableAnnotators)
	// Output:
	// strict F1 0.3333 lenient F1 0.6667
	// labels at identical positions: 2 compared, kappa 0.3333
	// annotator,articles,annotations,strict F1,lenient F1
	// ana,1,3,0.3333,0.6667
	// ben,1,3,0.3333,0.6667
}

// Krippendorff's (2004) example of unitizing, as DKPro Statistics has it.
func ExampleUnitizingAlpha() {
	u := agreement.UnitizingAlpha(agreement.Continuum{Begin: 150, Length: 300, Raters: 2, Units: []agreement.Unit{
		{Rater: 0, Category: "c", Begin: 225, Length: 70}, {Rater: 0, Category: "c", Begin: 370, Length: 30},
		{Rater: 1, Category: "c", Begin: 220, Length: 80}, {Rater: 1, Category: "c", Begin: 355, Length: 20},
		{Rater: 1, Category: "c", Begin: 400, Length: 20},
		{Rater: 0, Category: "k", Begin: 180, Length: 60}, {Rater: 0, Category: "k", Begin: 300, Length: 50},
		{Rater: 1, Category: "k", Begin: 180, Length: 60}, {Rater: 1, Category: "k", Begin: 300, Length: 50},
	}})
	for _, c := range u.Categories {
		fmt.Printf("%s: D_o %.4f D_e %.4f alpha %v\n", c.Category, c.Observed, c.Expected, c.Alpha)
	}
	fmt.Println("overall", u.Alpha)
	// Output:
	// c: D_o 0.0144 D_e 0.0532 alpha 0.7286
	// k: D_o 0.0000 D_e 0.0490 alpha 1.0000
	// overall 0.8587
}
