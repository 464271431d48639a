package suggest

import (
	"strings"
	"testing"
)

func TestIndirect(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"S said that X",
			"The Kestrel Bay Port Authority said in a statement that the cranes would be introduced gradually over three years.",
			[]string{"indirect.said-that [the cranes would be introduced gradually over three years] by speaker.named {The Kestrel Bay Port Authority} cue cue.indirect {said}"}},
		{"S said X without that",
			"Shipping agents said at least 12 vessels were waiting at anchor.",
			[]string{"indirect.said-that [at least 12 vessels were waiting at anchor] by speaker.group {Shipping agents} cue cue.indirect {said}"}},
		{"S told R X",
			"Port Authority chief executive Helena Marsh told reporters the dispute was costing millions a day.",
			[]string{"indirect.said-that [the dispute was costing millions a day] by speaker.named {Port Authority chief executive Helena Marsh} cue cue.indirect {told}"}},
		{"pronoun speaker after a named one",
			"Mayor Tom Reed said the bridge would reopen in May. He added that the repairs were on budget.",
			[]string{
				"indirect.said-that [the bridge would reopen in May] by speaker.named {Mayor Tom Reed} cue cue.indirect {said}",
				"indirect.said-that [the repairs were on budget] by speaker.pronoun {He}=Mayor Tom Reed cue cue.indirect {added}",
			}},
		{"X, S said",
			"The plant had received $14 million in state subsidies since 2018, Wexley Council said.",
			[]string{"indirect.after [The plant had received $14 million in state subsidies since 2018] by speaker.named {Wexley Council} cue cue.after-clause {said}"}},
		{"X, said S",
			"Talks would resume next month, said a senior diplomat.",
			[]string{"indirect.after [Talks would resume next month] by speaker.group {a senior diplomat} cue cue.after-clause {said}"}},
		{"according to S, X",
			"According to the Ministry of Transport, fruit imports fell by a third.",
			[]string{"indirect.according-to [fruit imports fell by a third] by speaker.named {the Ministry of Transport} cue cue.according-to {According to}"}},
		{"X, according to S, and more",
			"Roughly 40 percent of fruit imports pass through the harbour, according to the Ministry of Transport, and shops warned of empty shelves.",
			[]string{"indirect.according-to [Roughly 40 percent of fruit imports pass through the harbour] by speaker.named {the Ministry of Transport} cue cue.according-to {according to}"}},
		{"X, S with a prepositional phrase said",
			"Diplomats held talks on restoring flights, officials from both sides said.",
			[]string{"indirect.after [Diplomats held talks on restoring flights] by speaker.group {officials from both sides} cue cue.after-clause {said}"}},
		{"a determiner phrase before the name",
			"In November, the business newspaper Kommersant reported that Russia had chosen its next ambassador.",
			[]string{"indirect.said-that [Russia had chosen its next ambassador] by speaker.named {the business newspaper Kommersant} cue cue.indirect {reported}"}},
		{"a verb other than say needs that",
			"The company posted losses for the third year running.",
			nil},
		{"no clause after the verb",
			"The minister announced the cuts in a filing on Wednesday.",
			nil},
		{"a sentence with quote marks is left to the quote rules",
			`She said the plan was "a disaster for everyone here."`,
			[]string{`quote.partial [the plan was "a disaster for everyone here."] by speaker.pronoun {She} cue cue.in-sentence {said}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.text, Options{})
			checkInvariants(t, tt.text, got)
			if lines := describe(got); strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(lines, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}
