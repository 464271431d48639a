package suggest

import (
	"strings"
	"testing"

	"glossa/annotation"
)

// describe renders each claim of got as one line: its rule, its spans'
// text, its speaker (with the antecedent of a pronoun) and its cue.
func describe(got []Suggestion) []string {
	var out []string
	for _, s := range got {
		if s.Kind != annotation.KindClaim {
			continue
		}
		var parts []string
		for _, sp := range s.Spans {
			parts = append(parts, sp.Text)
		}
		line := s.Rule + " [" + strings.Join(parts, " | ") + "]"
		for _, l := range s.Links {
			t := got[l.Target]
			switch l.Type {
			case annotation.LinkSaidBy:
				line += " by " + t.Rule + " {" + t.Spans[0].Text + "}"
				if t.Antecedent >= 0 {
					line += "=" + got[t.Antecedent].Spans[0].Text
				}
			case annotation.LinkCue:
				line += " cue " + t.Rule + " {" + t.Spans[0].Text + "}"
			}
		}
		out = append(out, line)
	}
	return out
}

// checkInvariants fails t unless got is well formed for text: spans within
// the text, non-empty, text matching the offsets, links within the result,
// suggestions ordered, confidences in [0, 1].
func checkInvariants(t *testing.T, text string, got []Suggestion) {
	t.Helper()
	rs := []rune(text)
	prev := -1
	for i, s := range got {
		if len(s.Spans) == 0 {
			t.Fatalf("suggestion %d has %d spans", i, len(s.Spans))
		}
		if s.Spans[0].Start < prev {
			t.Fatalf("suggestion %d starts at %d, before %d", i, s.Spans[0].Start, prev)
		}
		prev = s.Spans[0].Start
		last := -1
		for _, sp := range s.Spans {
			if sp.Start < 0 || sp.End > len(rs) || sp.Start >= sp.End || sp.Start < last {
				t.Fatalf("suggestion %d: bad span %d-%d in %d code points", i, sp.Start, sp.End, len(rs))
			}
			last = sp.End
			if strings.ContainsRune(sp.Text, '\n') {
				t.Fatalf("suggestion %d: span %d-%d holds a line break", i, sp.Start, sp.End)
			}
			if string(rs[sp.Start:sp.End]) != sp.Text {
				t.Fatalf("suggestion %d: span %d-%d holds %q, not %q", i, sp.Start, sp.End, string(rs[sp.Start:sp.End]), sp.Text)
			}
		}
		if s.Confidence <= 0 || s.Confidence > 1 || s.Rule == "" || s.Label == "" {
			t.Fatalf("suggestion %d: confidence %v rule %q label %q", i, s.Confidence, s.Rule, s.Label)
		}
		for _, l := range s.Links {
			if l.Target < 0 || l.Target >= len(got) || l.Target == i {
				t.Fatalf("suggestion %d links to %d of %d", i, l.Target, len(got))
			}
		}
		if s.Antecedent >= len(got) {
			t.Fatalf("suggestion %d: antecedent %d of %d", i, s.Antecedent, len(got))
		}
	}
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"straight after-quote verb-subject",
			`"We will not accept these terms," said Foreign Ministry spokeswoman Maria Zakharova.`,
			[]string{"quote.double [We will not accept these terms,] by speaker.named {Foreign Ministry spokeswoman Maria Zakharova} cue cue.after-quote {said}"}},
		{"curly after-quote subject-verb",
			"“The United States raised concerns about staffing,” the U.S. State Department said in a statement.",
			[]string{"quote.double [The United States raised concerns about staffing,] by speaker.named {the U.S. State Department} cue cue.after-quote {said}"}},
		{"title before name",
			"“Talks will continue in the near future,” U.S. Secretary of State Marco Rubio told reporters.",
			[]string{"quote.double [Talks will continue in the near future,] by speaker.named {U.S. Secretary of State Marco Rubio} cue cue.after-quote {told}"}},
		{"guillemets",
			"«Nous ne céderons pas sur ce point,» a-t-il dit. «La réforme est nécessaire pour tous,» said Prime Minister Élisabeth Borne.",
			[]string{
				"quote.double [Nous ne céderons pas sur ce point,] by speaker.pronoun {il} cue cue.after-quote {dit}",
				"quote.double [La réforme est nécessaire pour tous,] by speaker.named {Prime Minister Élisabeth Borne} cue cue.after-quote {said}",
			}},
		{"French incise inside the guillemets",
			"« En vingt minutes, nous avons perdu le travail d'une année, a déclaré Jean-Marc Dufresnel, président du syndicat. Certaines parcelles sont touchées à 90 %. »",
			[]string{"quote.double [En vingt minutes, nous avons perdu le travail d'une année | Certaines parcelles sont touchées à 90 %.] by speaker.named {Jean-Marc Dufresnel, président du syndicat} cue cue.after-quote {déclaré}"}},
		{"French inversion after the quote",
			"« Personne ne sera laissé seul face à cette catastrophe », a-t-elle assuré lors d'une visite.",
			[]string{"quote.double [Personne ne sera laissé seul face à cette catastrophe] by speaker.pronoun {elle} cue cue.after-quote {assuré}"}},
		{"reversed guillemets",
			"»Wir werden das Gesetz noch in diesem Jahr ändern«, said the minister.",
			[]string{"quote.double [Wir werden das Gesetz noch in diesem Jahr ändern] by speaker.group {the minister} cue cue.after-quote {said}"}},
		{"German low-high",
			"Chancellor Olaf Scholz said: „Wir stehen fest an der Seite der Ukraine.“",
			[]string{"quote.double [Wir stehen fest an der Seite der Ukraine.] by speaker.named {Chancellor Olaf Scholz} cue cue.before-quote {said}"}},
		{"German cue after the quote",
			"„Wir brauchen die Einnahmen, sonst müssen wir das Hallenbad schließen“, sagte Bürgermeister Frank Oberholz.",
			[]string{"quote.double [Wir brauchen die Einnahmen, sonst müssen wir das Hallenbad schließen] by speaker.named {Bürgermeister Frank Oberholz} cue cue.after-quote {sagte}"}},
		{"curly single quotes",
			"‘I never expected to win this race,’ she said.",
			[]string{"quote.single [I never expected to win this race,] by speaker.pronoun {she} cue cue.after-quote {said}"}},
		{"straight single quotes",
			"'The plan has failed and everyone knows it,' an official said.",
			[]string{"quote.single [The plan has failed and everyone knows it,] by speaker.group {an official} cue cue.after-quote {said}"}},
		{"apostrophes are not quote marks",
			"Mr. O'Brien didn't attend; the students' union said it's the '90s all over again, and 'we won't stop protesting now,' said O'Brien's aide.",
			[]string{
				"indirect.said [it's the '90s all over again] by speaker.group {the students' union} cue cue.indirect {said}",
				"quote.single [we won't stop protesting now,] by speaker.named {O'Brien's aide} cue cue.after-quote {said}",
			}},
		{"curly apostrophes",
			"The workers’ union rejected it. ‘We can’t accept what the company’s offering,’ said union leader Jo Smith.",
			[]string{"quote.single [We can’t accept what the company’s offering,] by speaker.named {union leader Jo Smith} cue cue.after-quote {said}"}},
		{"scare quotes are not claims",
			`The so-called "peace plan" was called "fake news" by critics.`,
			nil},
		{"titles are not claims",
			`She has read "The Lord of the Rings" and "War and Peace Revisited In Full" twice, and one called "Vision 2040: A Waterfront for Everyone".`,
			nil},
		{"short quote with its attribution is a claim",
			`"No comment," the spokesman said.`,
			[]string{"quote.double [No comment,] by speaker.group {the spokesman} cue cue.after-quote {said}"}},
		{"nested quote stays inside",
			`"When they told me 'you are fired' I laughed," said John Smith.`,
			[]string{"quote.double [When they told me 'you are fired' I laughed,] by speaker.named {John Smith} cue cue.after-quote {said}"}},
		{"nested curly",
			"“He called it a ‘historic mistake’ and walked out,” a witness said.",
			[]string{"quote.double [He called it a ‘historic mistake’ and walked out,] by speaker.group {a witness} cue cue.after-quote {said}"}},
		{"split quote",
			`"We are ready to talk," she said, "but not under these conditions."`,
			[]string{"quote.split [We are ready to talk, | but not under these conditions.] by speaker.pronoun {she} cue cue.after-quote {said}"}},
		{"split quote subject-verb named",
			"“The ceasefire holds,” Defence Minister Ana Ruiz said, “and it will hold through the winter.”",
			[]string{"quote.split [The ceasefire holds, | and it will hold through the winter.] by speaker.named {Defence Minister Ana Ruiz} cue cue.after-quote {said}"}},
		{"pronoun resolved to last named speaker",
			"“Prices will keep rising this year,” said central bank governor Lena Park.\n\n“We have no other choice,” she added.",
			[]string{
				"quote.double [Prices will keep rising this year,] by speaker.named {central bank governor Lena Park} cue cue.after-quote {said}",
				"quote.double [We have no other choice,] by speaker.pronoun {she}=central bank governor Lena Park cue cue.after-quote {added}",
			}},
		{"multi-paragraph quote",
			"Mayor Tom Reed said: “The bridge will close for repairs in March.\n\n“Traffic will be diverted through the old town for six weeks.\n\n“We apologise for the trouble.”",
			[]string{"quote.multipara [The bridge will close for repairs in March. | Traffic will be diverted through the old town for six weeks. | We apologise for the trouble.] by speaker.named {Mayor Tom Reed} cue cue.before-quote {said}"}},
		{"continued paragraph",
			"“The vote was rigged from the start,” opposition leader Karl Berg said.\n\n“Nobody believes these numbers, not even the government.”",
			[]string{
				"quote.double [The vote was rigged from the start,] by speaker.named {opposition leader Karl Berg} cue cue.after-quote {said}",
				"quote.continued [Nobody believes these numbers, not even the government.] by speaker.named {opposition leader Karl Berg} cue cue.after-quote {said}",
			}},
		{"the next sentence goes on with the quote: one claim",
			"“We lost the match,” the coach said. “Next week will be different for all of us.”",
			[]string{"quote.split [We lost the match, | Next week will be different for all of us.] by speaker.group {the coach} cue cue.after-quote {said}"}},
		{"after another sentence the quote is a claim of its own",
			"“We lost the match,” the coach said. The players left the pitch in silence. “Next week will be different for all of us.”",
			[]string{
				"quote.double [We lost the match,] by speaker.group {the coach} cue cue.after-quote {said}",
				"quote.continued [Next week will be different for all of us.] by speaker.group {the coach} cue cue.after-quote {said}",
			}},
		{"after a sentence about another person the quote is not carried over",
			"“We lost the match,” the coach said. Captain Jo Reyes disagreed. “Next week will be different for all of us.”",
			[]string{
				"quote.double [We lost the match,] by speaker.group {the coach} cue cue.after-quote {said}",
				"quote.context [Next week will be different for all of us.] by speaker.named {Captain Jo Reyes}",
			}},
		{"a quote with its own cue is a claim of its own",
			"“We lost the match,” the coach said. “Next week will be different,” he added.",
			[]string{
				"quote.double [We lost the match,] by speaker.group {the coach} cue cue.after-quote {said}",
				"quote.double [Next week will be different,] by speaker.pronoun {he} cue cue.after-quote {added}",
			}},
		{"a quote ending the writer's clause takes the clause",
			"Clinton \"is the only candidate with the experience to keep America safe,\" retired general Lloyd Newton said.",
			[]string{`quote.partial [Clinton "is the only candidate with the experience to keep America safe,"] by speaker.named {retired general Lloyd Newton} cue cue.after-quote {said}`}},
		{"a quote whose clause goes on after it",
			"\"I have admiration for the mechanics\" of the proposals, Mr. Holtz said.",
			[]string{`quote.partial [I have admiration for the mechanics" of the proposals] by speaker.named {Mr. Holtz} cue cue.after-quote {said}`}},
		{"a party tag after the name",
			"“Mitt Romney was prepared for the job,” Sen. Claire McCaskill (D-Mo.) said.",
			[]string{"quote.double [Mitt Romney was prepared for the job,] by speaker.named {Sen. Claire McCaskill (D-Mo.)} cue cue.after-quote {said}"}},
		{"two appositions between the name and the verb",
			"“It is an invasion of the state's domain,” Scott Reed, the attorney general of Oklahoma, one of the states suing the agency, said at an event.",
			[]string{"quote.double [It is an invasion of the state's domain,] by speaker.named {Scott Reed, the attorney general of Oklahoma, one of the states suing the agency} cue cue.after-quote {said}"}},
		{"a long apposition ending the sentence",
			"“He cannot dispense with facts,” said David Gorski, an associate professor of surgery at the Wayne State University School of Medicine and the editor of a blog.",
			[]string{"quote.double [He cannot dispense with facts,] by speaker.named {David Gorski, an associate professor of surgery at the Wayne State University School of Medicine and the editor of a blog} cue cue.after-quote {said}"}},
		{"a participle after the quote's attribution shares its speaker",
			"“We certainly can’t afford to do this anymore,” Trump said, adding later, “NATO is costing us a fortune.”",
			[]string{
				"quote.double [We certainly can’t afford to do this anymore,] by speaker.named {Trump} cue cue.after-quote {said}",
				"quote.double [NATO is costing us a fortune.] by speaker.named {Trump} cue cue.before-quote {adding}",
			}},
		{"a participle's speaker is the sentence's subject",
			"Dean, a former party chairman, poked at the nominee during the debate, tweeting, “Notice him sniffing all the time.”",
			[]string{"quote.double [Notice him sniffing all the time.] by speaker.named {Dean, a former party chairman} cue cue.before-quote {tweeting}"}},
		{"a participle's speaker may be a pronoun",
			"He then defended the remark, saying, “I don’t think this is a ridiculous idea.”",
			[]string{"quote.double [I don’t think this is a ridiculous idea.] by speaker.pronoun {He} cue cue.before-quote {saying}"}},
		{"appositions running to the sentence's end",
			"''This isn't tax reform,'' said Douglas Holtz, an economist who served as director of the Budget Office and is now president of the Action Forum, a conservative, pro-growth advocacy group.",
			[]string{"quote.double [This isn't tax reform,] by speaker.named {Douglas Holtz, an economist who served as director of the Budget Office and is now president of the Action Forum, a conservative, pro-growth advocacy group} cue cue.after-quote {said}"}},
		{"verb slot: a verb outside the lexicon before the speaker",
			"“Rovers till I die,” sang the travelling fans.",
			[]string{"quote.double [Rovers till I die,] by speaker.group {the travelling fans} cue cue.verb-slot {sang}"}},
		{"verb slot: a verb outside the lexicon after the speaker, and a participle after before",
			"“Promise you’ll keep your hands in sight,” Blige sings to Clinton before asking her, “Where do we go from here?”",
			[]string{
				"quote.double [Promise you’ll keep your hands in sight,] by speaker.named {Blige} cue cue.verb-slot {sings}",
				"quote.double [Where do we go from here?] by speaker.named {Blige} cue cue.before-quote {asking}",
			}},
		{"verb slot: a speaker, a verb and a colon",
			"Sen. Claire McCaskill (D-Mo.) scolded him: “The scientific community is almost monolithic against you.”",
			[]string{"quote.double [The scientific community is almost monolithic against you.] by speaker.named {Sen. Claire McCaskill (D-Mo.)} cue cue.verb-slot {scolded}"}},
		{"an adverb between the auxiliary and the verb",
			"If we lived in normal times, a reader would now ask: ''Are they on a state-financed television outlet?''",
			[]string{"quote.double [Are they on a state-financed television outlet?] by speaker.group {a reader} cue cue.before-quote {ask}"}},
		{"split quote around a participle phrase",
			"“Every time you say that,” Tester said, referring to the 1 percent excuse, “you give ammunition to the people who want to break up the banks.”",
			[]string{"quote.split [Every time you say that, | you give ammunition to the people who want to break up the banks.] by speaker.named {Tester} cue cue.after-quote {said}"}},
		{"a participle's subject after the closing mark of the sentence before",
			"Trump boasted, “That makes me smart.” Trump was defensive about an architect who said he was stiffed, saying, “Maybe he didn’t do a good job.”",
			[]string{
				"quote.double [That makes me smart.] by speaker.named {Trump} cue cue.before-quote {boasted}",
				"indirect.said [he was stiffed] by speaker.pronoun {who}=Trump cue cue.indirect {said}",
				"quote.double [Maybe he didn’t do a good job.] by speaker.named {Trump} cue cue.before-quote {saying}",
			}},
		{"a cue earlier in the sentence is read past a scare quote",
			"The senator acknowledged that there are still \"some people\" who feel that way, \"but not among the vast majority.\"",
			[]string{`quote.partial [there are still "some people" who feel that way, "but not among the vast majority."] by speaker.group {The senator} cue cue.in-sentence {acknowledged}`}},
		{"a partial quote after an attribution set off by commas",
			"But the economic weapons his country has at its disposal, he added, are like ''nuclear bombs that you can't use.''",
			[]string{"quote.partial [the economic weapons his country has at its disposal | are like ''nuclear bombs that you can't use.''] by speaker.pronoun {he} cue cue.in-sentence {added}"}},
		{"a partial quote's clause is read past an adjunct set off by commas",
			"Stumpf said these employees, earlier in the committee hearing, were “well-paid,” making between $30,000 and $60,000 a year.",
			[]string{"quote.partial [these employees, earlier in the committee hearing, were “well-paid,”] by speaker.named {Stumpf} cue cue.in-sentence {said}"}},
		{"a quote in Title Case after a preposition is a title",
			"On this weekend’s broadcast of “Fox News Sunday,” Gov. Mike Pence said his running mate had only meant to mock the campaign.",
			[]string{"indirect.said [his running mate had only meant to mock the campaign] by speaker.named {Gov. Mike Pence} cue cue.indirect {said}"}},
		{"as S put it, \"…\"",
			"His degrees haven’t insulated him from being seen, as The New Yorker put it in a lengthy expose, “the operator.”",
			[]string{"quote.double [the operator.] by speaker.named {The New Yorker} cue cue.before-quote {put it}"}},
		{"as S put it, a clause ending in a quote",
			"As Ms. Simonyan put it in a statement in July, RT is ''providing a perspective you won't get from the mainstream press.''",
			[]string{"quote.partial [RT is ''providing a perspective you won't get from the mainstream press.''] by speaker.named {Ms. Simonyan} cue cue.before-quote {put it}"}},
		{"a participle of naming after a comma",
			"He signed the bill into law on Tuesday, calling it \"a historic step for working families.\"",
			[]string{`quote.named [it "a historic step for working families."] by speaker.pronoun {He} cue cue.named {calling}`}},
		{"verb slot before a colon, the subject a noun phrase with a preposition",
			"The statement from the ministry reads: \"All flights are cancelled until further notice.\"",
			[]string{"quote.double [All flights are cancelled until further notice.] by speaker.group {The statement from the ministry} cue cue.verb-slot {reads}"}},
		{"a lone determiner is a speaker",
			`"This is a disaster," said one voter. "A complete disaster," said another.`,
			[]string{
				"quote.double [This is a disaster,] by speaker.group {one voter} cue cue.after-quote {said}",
				"quote.double [A complete disaster,] by speaker.group {another} cue cue.after-quote {said}",
			}},
		{"a second quote of a naming goes with the first",
			`The union's leader, Jane Smith, called the offer "insulting" and "a slap in the face."`,
			[]string{`quote.named [the offer "insulting" and "a slap in the face."] by speaker.named {The union's leader, Jane Smith} cue cue.named {called}`}},
		{"a quote after a function word with no cue is part of the writer's clause",
			"The platform dropped a call for “providing lethal defensive weapons” to the region.",
			[]string{"quote.partial [The platform dropped a call for “providing lethal defensive weapons”]"}},
		{"S told R colon",
			"Smith told reporters: “The investigation is far from over.”",
			[]string{"quote.double [The investigation is far from over.] by speaker.named {Smith} cue cue.before-quote {told}"}},
		{"introducing line a paragraph of its own",
			"Culture Minister Adaeze Okon said:\n\n“Today my grandmother's stories come home.\n\n“She told me about the heads when I was six.”",
			[]string{"quote.multipara [Today my grandmother's stories come home. | She told me about the heads when I was six.] by speaker.named {Culture Minister Adaeze Okon} cue cue.before-quote {said}"}},
		{"a paragraph ending without a colon introduces nothing",
			"The minister said nothing.\n\n“Everything is going to be fine in the end,” the sign read.",
			[]string{"quote.double [Everything is going to be fine in the end,]"}},
		{"S colon",
			"Minister Jane Doe: “The budget will be balanced by next year.”",
			[]string{"quote.double [The budget will be balanced by next year.] by speaker.named {Minister Jane Doe} cue cue.colon {:}"}},
		{"according to after",
			"“Exports fell by a third in the spring,” according to the Trade Ministry.",
			[]string{"quote.double [Exports fell by a third in the spring,] by speaker.named {the Trade Ministry} cue cue.according-to {according to}"}},
		{"according to before",
			"According to officials, “the talks collapsed on the second day.”",
			[]string{"quote.double [the talks collapsed on the second day.] by speaker.group {officials} cue cue.according-to {According to}"}},
		{"speaker earlier in the sentence",
			"Zakharova said officials in Istanbul “agreed on joint steps to ensure financing.”",
			[]string{"quote.partial [officials in Istanbul “agreed on joint steps to ensure financing.”] by speaker.named {Zakharova} cue cue.in-sentence {said}"}},
		{"partial quote: the clause goes on after the quote",
			`Its lead author, Dr. Ines Kowalczyk, said the results were "the strongest evidence yet" for offering the vaccine in schools, not clinics.`,
			[]string{`quote.partial [the results were "the strongest evidence yet" for offering the vaccine in schools] by speaker.named {Its lead author, Dr. Ines Kowalczyk} cue cue.in-sentence {said}`}},
		{"partial quote: a hearer and that are left out",
			`Holm told delegates that the minister "should try teaching thirty-four teenagers on a Friday afternoon."`,
			[]string{`quote.partial [the minister "should try teaching thirty-four teenagers on a Friday afternoon."] by speaker.named {Holm} cue cue.in-sentence {told}`}},
		{"partial quote: a coordinated verb ends the clause",
			`Farah Idris said the statement was "more dovish than the market assumed" and predicted a cut.`,
			[]string{`quote.partial [the statement was "more dovish than the market assumed"] by speaker.named {Farah Idris} cue cue.in-sentence {said}`}},
		{"partial quote: an adjunct before that",
			`Her predecessor, Glen Fairweather, said in a statement that the new mayor was "living in the past."`,
			[]string{`quote.partial [the new mayor was "living in the past."] by speaker.named {Her predecessor, Glen Fairweather} cue cue.in-sentence {said}`}},
		{"said that and a quote is a direct quote",
			`The mayor said that "the budget is balanced for the first time in years."`,
			[]string{`quote.double [the budget is balanced for the first time in years.] by speaker.group {The mayor} cue cue.in-sentence {said}`}},
		{"parenthesis between speaker and verb",
			"The State Department, in its turn, said the sides will hold a meeting “in the near term and in Istanbul.”",
			[]string{"quote.partial [the sides will hold a meeting “in the near term and in Istanbul.”] by speaker.named {The State Department} cue cue.in-sentence {said}"}},
		{"no speaker",
			"The banner read “Workers of the world, unite against the new rules!” and nobody removed it.",
			[]string{"quote.double [Workers of the world, unite against the new rules!]"}},
		{"vague group after verb",
			"“The decision was made at the highest level,” officials said.",
			[]string{"quote.double [The decision was made at the highest level,] by speaker.group {officials} cue cue.after-quote {said}"}},
		{"adverb between speaker and verb",
			"“We will appeal the ruling,” he later said.",
			[]string{"quote.double [We will appeal the ruling,] by speaker.pronoun {he} cue cue.after-quote {said}"}},
		{"apposition between speaker and verb",
			`"The figures speak for themselves," John Smith, a spokesman for the ministry, said.`,
			[]string{"quote.double [The figures speak for themselves,] by speaker.named {John Smith, a spokesman for the ministry} cue cue.after-quote {said}"}},
		{"determiner phrase after the verb",
			"“Give us our jobs back!” shouted the angry crowd.",
			[]string{"quote.double [Give us our jobs back!] by speaker.group {the angry crowd} cue cue.after-quote {shouted}"}},
		{"verb in a statement before a colon",
			"The ministry said in a statement: “All flights are cancelled until further notice.”",
			[]string{"quote.double [All flights are cancelled until further notice.] by speaker.group {The ministry} cue cue.before-quote {said}"}},
		{"unclosed quote is dropped",
			"He said “this never ends and nobody closes it\n\nNext paragraph is plain text.",
			nil},
		{"multi-paragraph straight quotes, attributed at the end",
			"\"Our members are leaving the profession at a rate of one in eight.\n\"Young teachers cannot afford to rent in the cities,\" said National Teachers' Federation general secretary Agnes Holm.",
			[]string{"quote.multipara [Our members are leaving the profession at a rate of one in eight. | Young teachers cannot afford to rent in the cities,] by speaker.named {National Teachers' Federation general secretary Agnes Holm} cue cue.after-quote {said}"}},
		{"closing mark right after a closing mark",
			`"He came to my desk and said, 'Do you want to keep your job?'" Alison Grady told the jury.`,
			[]string{"quote.double [He came to my desk and said, 'Do you want to keep your job?'] by speaker.named {Alison Grady} cue cue.after-quote {told}"}},
		{"said the spokesman for X",
			`"The ministry has acted within the law," said the spokesman for the Interior Ministry.`,
			[]string{"quote.double [The ministry has acted within the law,] by speaker.named {the spokesman for the Interior Ministry} cue cue.after-quote {said}"}},
		{"a relative clause after the speaker",
			`"It is a sad day for the town," the mayor, who has held office since 2010, told reporters.`,
			[]string{"quote.double [It is a sad day for the town,] by speaker.group {the mayor, who has held office since 2010} cue cue.after-quote {told}"}},
		{"split quote around a hearer",
			`"Our country is in serious trouble," Trump told the crowd of supporters in Ohio, "and we need to fix it."`,
			[]string{"quote.split [Our country is in serious trouble, | and we need to fix it.] by speaker.named {Trump} cue cue.after-quote {told}"}},
		{"a quote paragraph after an indirect attribution",
			"Smith said the plan was unaffordable and would be dropped.\n\n\"We cannot pay for this. Nobody can.\"",
			[]string{
				"indirect.said [the plan was unaffordable and would be dropped] by speaker.named {Smith} cue cue.indirect {said}",
				"quote.continued [We cannot pay for this. Nobody can.] by speaker.named {Smith} cue cue.indirect {said}",
			}},
		{"the one person the sentence before names is the speaker of a quote with no cue",
			"Smith was blunt about the numbers on Tuesday.\n\n\"We cannot pay for this. Nobody can.\"",
			[]string{"quote.context [We cannot pay for this. Nobody can.] by speaker.named {Smith}"}},
		{"two people named in the sentence before give no speaker",
			"Smith was blunt with Jones about the numbers. \"We cannot pay for this. Nobody can.\"",
			[]string{"quote.double [We cannot pay for this. Nobody can.]"}},
		{"a group in the sentence before gives no speaker",
			"The workers were angry about the numbers. \"We cannot pay for this. Nobody can.\"",
			[]string{"quote.double [We cannot pay for this. Nobody can.]"}},
		{"two apostrophes are one double mark",
			"''This isn't reform,'' said Dana Kell, an economist. ''It's tinkering.''",
			[]string{"quote.split [This isn't reform, | It's tinkering.] by speaker.named {Dana Kell, an economist} cue cue.after-quote {said}"}},
		{"backticks open a double mark",
			"``We will not move,'' the union said.",
			[]string{"quote.double [We will not move,] by speaker.group {the union} cue cue.after-quote {said}"}},
		{"a bracket at a quote's start",
			"“[W]e are reminded of the millions who fled,” the senator said.",
			[]string{"quote.double [[W]e are reminded of the millions who fled,] by speaker.group {the senator} cue cue.after-quote {said}"}},
		{"straight quotes paired per paragraph",
			"He wrote \"the first line\n\nThe second\" paragraph is not a quote of the first.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.text, Options{})
			checkInvariants(t, tt.text, got)
			lines := describe(got)
			if strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(lines, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}
