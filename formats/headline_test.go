package formats

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHeadline(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"banner then headline", "Support The Moscow Times!\n\nRussian and U.S. Officials Discussed Restoring Embassy Staff at Talks\n\nThe delegation leaves.",
			"Russian and U.S. Officials Discussed Restoring Embassy Staff at Talks"},
		{"headline first", "Storm closes ports along the coast\n\nBy Jane Doe\n\nBody text.", "Storm closes ports along the coast"},
		{"subscribe and dateline", "Subscribe now\nFeb. 27, 2025\nCity council approves new budget after long debate\nText.",
			"City council approves new budget after long debate"},
		{"weekday dateline", "Thursday, 27 February 2025 14:05\n\nMinisters agree on a grain deal in Geneva\n\nBody.",
			"Ministers agree on a grain deal in Geneva"},
		{"iso date", "2025-02-27\nThe central bank holds rates for a third month\n", "The central bank holds rates for a third month"},
		{"ago", "Updated 3 hours ago\nFloods displace thousands in the north\n", "Floods displace thousands in the north"},
		{"byline first", "By Jane Doe and John Roe\n\nElection officials count ballots by hand in two counties\n",
			"Election officials count ballots by hand in two counties"},
		{"short word and menu", "Menu\nNews\nSkip to content\nParliament passes the climate bill\n", "Parliament passes the climate bill"},
		{"advertisement", "Advertisement\n\nA new vaccine trial begins in Lagos\n", "A new vaccine trial begins in Lagos"},
		{"exclamation", "Breaking news!\nTrain strike ends after three weeks of talks\n", "Train strike ends after three weeks of talks"},
		{"headline ending in question mark", "Is the euro zone heading for recession?\nBody.", "Is the euro zone heading for recession?"},
		{"headline with a month word", "May elections: what the polls say about Warsaw\n", "May elections: what the polls say about Warsaw"},
		{"headline with a number and month", "Inflation hit 5% in March, statistics office says\n", "Inflation hit 5% in March, statistics office says"},
		{"body only: first line kept", "The discussions, which lasted over six hours, were held at the residence and came days after the secretary of state and the foreign minister met in Saudi Arabia for a long meeting.\nMore.",
			"The discussions, which lasted over six hours, were held at the residence and came days after the secretary of state and the foreign minister met in Saudi Arabia for a long meeting."},
		{"nothing qualifies", "Donate!\n\nOK", "Donate!"},
		{"leading blank lines", "\n\n  Harbour reopens after repairs  \n", "Harbour reopens after repairs"},
		{"non-latin", "Поддержите нас!\nРоссия и США обсудили работу посольств в Стамбуле\n", "Россия и США обсудили работу посольств в Стамбуле"},
		{"two-word headline", "Minister quits\n\nThe minister said \"I quit.\"", "Minister quits"},
		{"section banner", "Breaking news\nMarkets tumble\n", "Markets tumble"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := headline(tc.text); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestHeadlineSeed reads the real article the project was described with,
// when the shared seeds are beside the repository: its first line is a
// banner.
func TestHeadlineSeed(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "seeds", "*.txt"))
	if len(paths) == 0 {
		t.Skip("no seed articles beside the repository")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		got := headline(string(data))
		if strings.HasSuffix(got, "!") || got == firstLine(string(data)) && strings.HasPrefix(firstLine(string(data)), "Support") {
			t.Errorf("%s: title %q is the banner", filepath.Base(p), got)
		}
	}
}
