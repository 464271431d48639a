package suggest

import (
	"fmt"
	"slices"
	"testing"

	"glossa/annotation"
)

// entityLines renders the entity suggestions of got as "rule label {text}"
// with the registry id when there is one.
func entityLines(got []Suggestion) []string {
	var out []string
	for _, s := range got {
		if s.Kind != annotation.KindEntity {
			continue
		}
		l := fmt.Sprintf("%s %s {%s}", s.Rule, s.Label, s.Spans[0].Text)
		if s.Entity != 0 {
			l += fmt.Sprintf(" #%d", s.Entity)
		}
		out = append(out, l)
	}
	return out
}

func TestEntityPatterns(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Dockworkers walked out on Tuesday, March 4, over a plan costing £4 million a day.",
			[]string{"entity.date Date {Tuesday}", "entity.date Date {March 4}", "entity.money Money {£4 million}"}},
		{"Roughly 40 percent of imports, 12 per cent of exports and 5% of jobs.",
			[]string{"entity.percent Percent {40 percent}", "entity.percent Percent {12 per cent}", "entity.percent Percent {5%}"}},
		{"The strike is the first since 2011; talks resume Sept. 30 after a two-year freeze.",
			[]string{"entity.date Date {2011}", "entity.date Date {Sept. 30}", "entity.date Date {two-year}"}},
		{"It cost €35 million, then $1.8bn, and rund 450.000 Euro am Mittwoch.",
			[]string{"entity.money Money {€35 million}", "entity.money Money {$1.8bn}", "entity.money Money {450.000 Euro}", "entity.date Date {Mittwoch}"}},
		{"You may go. On May 6, 2024 and on 4 March 2025 they met.",
			[]string{"entity.date Date {May 6, 2024}", "entity.date Date {4 March 2025}"}},
		{"Room 12345 and 2019x are no years; nor is the word march.", nil},
		{"Rents rose to £5,200. The vote is on Nov 21, the fair am 2. Mai und im Dezember.",
			[]string{"entity.money Money {£5,200}", "entity.date Date {Nov 21}", "entity.date Date {2. Mai}", "entity.date Date {Dezember}"}},
		{"Prices fell in March\n4 shops closed.", []string{"entity.date Date {March}"}},
	}
	for _, tt := range tests {
		got := Text(tt.text, Options{})
		checkInvariants(t, tt.text, got)
		if lines := entityLines(got); !slices.Equal(lines, tt.want) {
			t.Errorf("%q:\ngot  %q\nwant %q", tt.text, lines, tt.want)
		}
	}
}

func TestEntityRegistry(t *testing.T) {
	reg := []annotation.Entity{
		{ID: 7, Name: "Maria Zakharova", Type: "Person", Aliases: []string{"Zakharova"}},
		{ID: 9, Name: "U.S. State Department", Type: "Organisation", Aliases: []string{"State Department"}},
		{ID: 11, Name: "Ostren"}, // no type: the Entity label
	}
	text := "“We agreed on joint steps,” said Foreign Ministry spokeswoman Maria Zakharova.\n\n" +
		"The U.S. State Department said the State Department would reply. Zakharova's aide and Ostrenians met in Ostren."
	got := Text(text, Options{Entities: reg})
	checkInvariants(t, text, got)
	want := []string{
		"entity.name Other {Foreign Ministry}",
		"entity.registry Person {Maria Zakharova} #7",
		"entity.registry Organisation {U.S. State Department} #9",
		"entity.registry Organisation {State Department} #9",
		"entity.registry Person {Zakharova} #7",
		"entity.registry Other {Ostren} #11",
	}
	if lines := entityLines(got); !slices.Equal(lines, want) {
		t.Errorf("got  %q\nwant %q", lines, want)
	}
	for _, s := range got {
		if s.Kind == annotation.KindSource && s.Spans[0].Text == "Foreign Ministry spokeswoman Maria Zakharova" && s.Entity != 7 {
			t.Errorf("the source %q is not linked to entity 7 (got %d)", s.Spans[0].Text, s.Entity)
		}
	}
}
