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
			[]string{"indirect.said [at least 12 vessels were waiting at anchor] by speaker.group {Shipping agents} cue cue.indirect {said}"}},
		{"S told R X",
			"Port Authority chief executive Helena Marsh told reporters the dispute was costing millions a day.",
			[]string{"indirect.said [the dispute was costing millions a day] by speaker.named {Port Authority chief executive Helena Marsh} cue cue.indirect {told}"}},
		{"pronoun speaker after a named one",
			"Mayor Tom Reed said the bridge would reopen in May. He added that the repairs were on budget.",
			[]string{
				"indirect.said [the bridge would reopen in May] by speaker.named {Mayor Tom Reed} cue cue.indirect {said}",
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
		{"a verb of belief with a bare clause",
			"Analysts think the central bank will cut rates in June.",
			[]string{"indirect.said [the central bank will cut rates in June] by speaker.group {Analysts} cue cue.indirect {think}"}},
		{"a verb of intention with to",
			"The company hopes to open three new stores next year.",
			[]string{"indirect.to [to open three new stores next year] by speaker.group {The company} cue cue.indirect {hopes}"}},
		{"an object and to",
			"The ministry urged the union to return to talks.",
			[]string{"indirect.to [the union to return to talks] by speaker.group {The ministry} cue cue.indirect {urged}"}},
		{"the object reported",
			"Graham Tull, 58, denies fraud by abuse of position.",
			[]string{"indirect.object [fraud by abuse of position] by speaker.named {Graham Tull, 58} cue cue.indirect {denies}"}},
		{"a relative clause in the subject",
			"Oleh Brandt, who chairs the Southern Growers' Union, said the price had not moved.",
			[]string{"indirect.said [the price had not moved] by speaker.named {Oleh Brandt, who chairs the Southern Growers' Union} cue cue.indirect {said}"}},
		{"a hearer and adjuncts before that",
			"A former accountant at Brennan Logistics told a court on Tuesday that her manager ordered her to destroy invoices.",
			[]string{"indirect.said-that [her manager ordered her to destroy invoices] by speaker.named {A former accountant at Brennan Logistics} cue cue.indirect {told}"}},
		{"X, S said with an adjunct and a participle",
			"Talks will resume next month, the ministry said on Thursday, adding that a date would be set soon.",
			[]string{
				"indirect.after [Talks will resume next month] by speaker.group {the ministry} cue cue.after-clause {said}",
				"indirect.coordinated [a date would be set soon] by speaker.group {the ministry} cue cue.indirect {adding}",
			}},
		{"one speaker, two verbs",
			"Hagen acknowledged that the race was close but insisted his own polls showed him ahead.",
			[]string{
				"indirect.said-that [the race was close] by speaker.named {Hagen} cue cue.indirect {acknowledged}",
				"indirect.coordinated [his own polls showed him ahead] by speaker.named {Hagen} cue cue.indirect {insisted}",
			}},
		{"a second verb after a partial quote",
			`The ministry said the offer was "fair and affordable" and urged the union to return to talks.`,
			[]string{
				`quote.partial [the offer was "fair and affordable"] by speaker.group {The ministry} cue cue.in-sentence {said}`,
				"indirect.coordinated [the union to return to talks] by speaker.group {The ministry} cue cue.indirect {urged}",
			}},
		{"a participle of the sentence's subject",
			"The finance ministry welcomed the decision, saying it would support growth.",
			[]string{"indirect.coordinated [it would support growth] by speaker.group {The finance ministry} cue cue.indirect {saying}"}},
		{"the speaker after the quote, a participle after it",
			`"We are ready," said Foreign Ministry spokeswoman Maria Vell, adding that talks would start in June.`,
			[]string{
				"quote.double [We are ready,] by speaker.named {Foreign Ministry spokeswoman Maria Vell} cue cue.after-quote {said}",
				"indirect.coordinated [talks would start in June] by speaker.named {Foreign Ministry spokeswoman Maria Vell} cue cue.indirect {adding}",
			}},
		{"an agentless passive",
			"Both governments had hoped to sign an agreement before March, it was reported on Wednesday.",
			[]string{"indirect.passive [Both governments had hoped to sign an agreement before March] cue cue.passive {reported}"}},
		{"it is understood that",
			"It is understood that the board will meet again on Friday.",
			[]string{"indirect.passive [the board will meet again on Friday] cue cue.passive {understood}"}},
		{"in her view",
			"In her view, the water settlement will decide the race.",
			[]string{"indirect.view [the water settlement will decide the race] by speaker.pronoun {her} cue cue.view {In her view}"}},
		{"according to any noun phrase",
			"Premiums stand at about 1 percent of a vessel's value, according to industry data compiled by Harbour Risk Partners.",
			[]string{"indirect.according-to [Premiums stand at about 1 percent of a vessel's value] by speaker.named {industry data compiled by Harbour Risk Partners} cue cue.according-to {according to}"}},
		{"interview lines",
			"Q: Will you raise property taxes?\n\nA: Not this year. We are cutting consultants first.\n\nQ: And next year?\n\nA: We will see what the auditors say.",
			[]string{
				"qa.line [Will you raise property taxes?] by speaker.group {Q} cue cue.colon {:}",
				"qa.line [Not this year. We are cutting consultants first.] by speaker.group {A} cue cue.colon {:}",
				"qa.line [And next year?] by speaker.group {Q} cue cue.colon {:}",
				"qa.line [We will see what the auditors say.] by speaker.group {A} cue cue.colon {:}",
			}},
		{"one label and a colon is no interview",
			"Update: The council will vote again on Monday after the recount.",
			nil},
		{"called: the quote is the claim",
			`Privacy campaigners called the camera "a surveillance network" and urged regulators to act.`,
			[]string{
				"quote.named [a surveillance network] by speaker.group {Privacy campaigners} cue cue.named {called}",
				"indirect.coordinated [regulators to act] by speaker.group {Privacy campaigners} cue cue.indirect {urged}",
			}},
		{"a film called is a title",
			`The dispute flared after a film called "The River Remembers" was shown.`,
			nil},
		{"a negated verb reports nothing",
			"The company did not say whether it would appeal the ruling.",
			nil},
		{"a passive told to has no speaker",
			"Farmers told to cut water use by a third",
			nil},
		{"a subordinate clause is no reported clause",
			"Penhale said goodbye as he handed over the keys.",
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
