package annotation

import "testing"

func TestProvenancePendingRejected(t *testing.T) {
	for _, tc := range []struct {
		p                 Provenance
		pending, rejected bool
	}{
		{Provenance{}, false, false},
		{Provenance{Origin: OriginPerson}, false, false},
		{Provenance{Origin: OriginImport, Review: ReviewPending}, false, false},
		{Provenance{Origin: OriginSuggested, Rule: "quote.double", Review: ReviewPending}, true, false},
		{Provenance{Origin: OriginSuggested, Rule: "quote.double"}, true, false},
		{Provenance{Origin: ParseOrigin("rule")}, true, false},
		{Provenance{Origin: OriginSuggested, Review: ReviewAccepted, Reviewer: "Ana"}, false, false},
		{Provenance{Origin: OriginSuggested, Review: ReviewRejected}, false, true},
		{Provenance{Origin: OriginPerson, Review: ReviewRejected}, false, false},
	} {
		if got := tc.p.Pending(); got != tc.pending {
			t.Errorf("%+v.Pending() = %v, want %v", tc.p, got, tc.pending)
		}
		if got := tc.p.Rejected(); got != tc.rejected {
			t.Errorf("%+v.Rejected() = %v, want %v", tc.p, got, tc.rejected)
		}
	}
}
