package corpus

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"glossa/annotation"
	"glossa/formats/dataset"
	"glossa/storage"
)

// MergeTarget is what a merge writes to: a project with layers.
// *storage.Store is one.
type MergeTarget interface {
	Target
	Path() string
	Entities() ([]annotation.Entity, error)
	Annotations(docID uint64) ([]annotation.Annotation, error)
	Layers() ([]annotation.LayerInfo, error)
	LayerSource(docID uint64, layer string) (annotation.LayerSource, bool, error)
	ReplaceLayer(docID uint64, layer string, anns []annotation.Annotation, src annotation.LayerSource) ([]annotation.Annotation, error)
}

// MergeOptions tune a merge.
type MergeOptions struct {
	// As names the annotator of the file's annotations that name neither
	// a layer nor an author; "" means the file's name.
	As string
	// Progress, when set, is called after each article of the file with
	// how many are done and the article's title.
	Progress func(done int, title string)
}

// LayerState says what a merge did with one layer of one article.
type LayerState string

// The states of a merged layer.
const (
	LayerNew       LayerState = "new"       // the article had no such layer
	LayerReplaced  LayerState = "replaced"  // a newer version replaced the one merged before
	LayerUnchanged LayerState = "unchanged" // merged before as it is: left alone
	// LayerOwn: a layer of the project's own name (a copy of the
	// project's layer that came back with the annotator's file) that
	// holds what the project's does: not merged as a renamed copy.
	LayerOwn LayerState = "the project's own, left out"
)

// MergedLayer is one line of a merge's report: one layer of one article,
// or (Layer and State empty) an article added without annotations.
type MergedLayer struct {
	DocID        uint64
	Title        string
	Layer        string
	Annotations  int
	State        LayerState
	ArticleAdded bool // the article was not in the project: added
}

// String is the line the command prints: id, title, layer, annotations,
// what happened.
func (l MergedLayer) String() string {
	what := string(l.State)
	if l.ArticleAdded {
		what = strings.TrimPrefix(what+", article added to the project", ", ")
	}
	if l.State == "" {
		return fmt.Sprintf("document %d\t%s\t-\t0 annotations\t%s", l.DocID, quoteTitle(l.Title), what)
	}
	return fmt.Sprintf("document %d\t%s\t%s\t%s\t%s", l.DocID, quoteTitle(l.Title), l.Layer, annotation.Plural(l.Annotations, "annotation"), what)
}

// MergeReport says what merging one file did.
type MergeReport struct {
	File  string
	Lines []MergedLayer
	// Changes: what the merge added to the project's codebook and entity
	// registry.
	Changes []string
	// Conflicts: where the file and the project disagree and the project
	// was kept (codebook definitions, entity types, layer names, articles
	// of the same title with another text, layers edited here).
	Conflicts []string
	// Warnings: what the file's reader could not keep, and links left out.
	Warnings []string
	// Failed: the layers of articles that could not be stored, with why.
	Failed []string
	// Articles counts the file's articles read; Added those added to the
	// project, Skipped those not merged (Conflicts says why).
	Articles, Added, Skipped int
	// New, Replaced, Unchanged, Own count the lines of each state;
	// Annotations the annotations the new and replaced layers hold.
	New, Replaced, Unchanged, Own, Annotations int
}

// Total is the report's last line.
func (r MergeReport) Total() string {
	own := ""
	if r.Own > 0 {
		own = fmt.Sprintf(", %d the project's own", r.Own)
	}
	return fmt.Sprintf("%s: %s read, %d added to the project, %d not merged; layers: %d new, %d replaced, %d unchanged%s; %s merged; %s; %d failed",
		r.File, annotation.Plural(r.Articles, "article"), r.Added, r.Skipped, r.New, r.Replaced, r.Unchanged, own,
		annotation.Plural(r.Annotations, "annotation"), annotation.Plural(len(r.Conflicts), "conflict"), len(r.Failed))
}

func quoteTitle(t string) string {
	if t == "" {
		return "(untitled)"
	}
	return fmt.Sprintf("%q", t)
}

// Merge brings the annotator's file at path (a Glossa dataset, another
// Glossa project file, or another tool's file the registry reads) into st
// as layers, without overwriting anything of st:
//
//   - each annotation goes to the layer its Layer names, else its Author,
//     else opt.As, else the file's name; a name the project's own
//     annotations use becomes "NAME (FILE)", reported, and is left out
//     of an article where it holds what the project's layer of that
//     name holds (the project's own work come back with the file);
//   - articles match by the SHA-256 of their text; one st lacks is added,
//     unless st has an article of the same title (another text): that is
//     reported and not merged;
//   - the codebook merges as `glossa codebook --import` does (only adding;
//     the project's definitions win, each difference a conflict), and
//     labels the annotations use that neither codebook has are added with
//     a kind inferred from their name;
//   - entities match the registry's by name or alias and type
//     (planEntities); the others are added;
//   - a layer of an article is stored with a digest of what the file says
//     (layerDigest): merging the same file again leaves it (unchanged), a
//     newer file replaces it (replaced), one edited here since is kept and
//     reported.
//
// A layer of an article that cannot be stored is reported in Failed and
// the merge goes on; an error is returned when the file cannot be read
// (the report then holds what was merged before) or ctx is cancelled.
func Merge(ctx context.Context, st MergeTarget, path string, opt MergeOptions) (MergeReport, error) {
	if opt.As != "" {
		if err := annotation.ValidAnnotatorName(opt.As); err != nil {
			return MergeReport{File: path}, err
		}
	}
	o, err := openOther(path, st.Path(), projectLookup(st))
	if err != nil {
		return MergeReport{File: path}, err
	}
	defer o.close()
	m := &merger{ctx: ctx, st: st, opt: opt, o: o, rep: MergeReport{File: path}, renamed: map[string]bool{}}
	if err := m.start(); err != nil {
		return m.rep, err
	}
	err = o.read(m.header, m.article)
	m.rep.Warnings = append(m.rep.Warnings, o.warnings...)
	if m.unreviewed > 0 {
		m.rep.Warnings = append(m.rep.Warnings, fmt.Sprintf("%s: %s nobody accepted left out; a merge brings in what the annotator made or accepted", m.o.name, annotation.Plural(m.unreviewed, "suggestion")))
	}
	return m.rep, err
}

// merger is one merge under way.
type merger struct {
	ctx context.Context
	st  MergeTarget
	opt MergeOptions
	o   *other
	rep MergeReport

	bySHA   map[string]uint64   // the project's articles by text
	byTitle map[string][]uint64 // ... and by title (nameKey)
	titles  map[uint64]string
	local   map[string]bool // layers the project's own annotations use
	merged  []string        // layers merged from files, which a file may empty
	renamed map[string]bool // incoming layer names reported as renamed

	unreviewed int // suggestions of the file nobody accepted, left out

	headerDone bool
	entityIDs  map[uint64]uint64            // the file's entity ids -> the project's
	entities   map[uint64]annotation.Entity // the file's, by its ids
}

// start reads what the merge needs to know of the project.
func (m *merger) start() error {
	sums, err := m.st.Documents()
	if err != nil {
		return err
	}
	m.bySHA, m.byTitle, m.titles = map[string]uint64{}, map[string][]uint64{}, map[uint64]string{}
	for _, s := range sums {
		d, err := m.st.Document(s.ID)
		if err != nil {
			return err
		}
		m.know(d)
	}
	layers, err := m.st.Layers()
	if err != nil {
		return err
	}
	m.local = map[string]bool{}
	for _, l := range layers {
		if len(l.Files) == 0 {
			m.local[l.Name] = true
		} else {
			m.merged = append(m.merged, l.Name)
		}
	}
	return nil
}

// know records a project article for matching.
func (m *merger) know(d annotation.Document) {
	m.bySHA[d.SHA256] = d.ID
	m.titles[d.ID] = d.Title
	if k := nameKey(d.Title); k != "" {
		m.byTitle[k] = append(m.byTitle[k], d.ID)
	}
}

// header merges the file's codebook and entity registry into the
// project's.
func (m *merger) header(h dataset.Header) error {
	m.headerDone = true
	have, err := m.st.Labels()
	if err != nil {
		return err
	}
	edits, notes := have.MergeEdits(h.Labels)
	if err := mergeLabels(m.st, h.Labels, false); err != nil {
		return fmt.Errorf("cannot merge the codebook of %s: %w", m.o.path, err)
	}
	for _, e := range edits {
		m.rep.Changes = append(m.rep.Changes, "codebook: "+e.Sentence())
	}
	for _, n := range notes {
		m.rep.Conflicts = append(m.rep.Conflicts, "codebook: "+n)
	}

	project, err := m.st.Entities()
	if err != nil {
		return err
	}
	plan := planEntities(project, h.Entities)
	added, err := m.st.PutEntities(plan.add, false)
	if err != nil {
		return fmt.Errorf("cannot add the entities of %s: %w", m.o.path, err)
	}
	for _, e := range plan.add {
		plan.ids[e.ID] = added[e.ID]
		m.rep.Changes = append(m.rep.Changes, fmt.Sprintf("entities: added %q (%s)", e.Name, strings.TrimPrefix(typeWords(e.Type), "a ")))
	}
	m.entityIDs, m.entities = plan.ids, entityIndex(h.Entities)
	m.rep.Conflicts = append(m.rep.Conflicts, plan.conflicts...)
	return nil
}

// article merges one article of the file and its layers.
func (m *merger) article(b annotation.Bundle) error {
	if err := m.ctx.Err(); err != nil {
		return fmt.Errorf("merge cancelled: %w", err)
	}
	if !m.headerDone {
		if err := m.header(dataset.Header{}); err != nil {
			return err
		}
	}
	m.rep.Articles++
	if m.opt.Progress != nil {
		defer m.opt.Progress(m.rep.Articles, b.Document.Title)
	}
	d := b.Document
	fileID := d.ID
	sum := annotation.TextSHA256(d.Text)
	docID, found := m.bySHA[sum]
	added := false
	if !found {
		if ids := m.byTitle[nameKey(d.Title)]; nameKey(d.Title) != "" && len(ids) > 0 {
			m.rep.Skipped++
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("article %d %s of the file has another text than document %d %s of the project, of the same title; not merged (cut or edit one so that the texts are the same, or import the file's as an article of its own)",
				fileID, quoteTitle(d.Title), ids[0], quoteTitle(m.titles[ids[0]])))
			return nil
		}
		id, err := m.add(d)
		if err != nil {
			m.rep.Failed = append(m.rep.Failed, fmt.Sprintf("article %d %s: %v", fileID, quoteTitle(d.Title), err))
			return nil
		}
		docID, added = id, true
		m.rep.Added++
	}
	lines, err := m.layers(docID, d.Title, b.Annotations)
	if err != nil {
		return err
	}
	if added && len(lines) == 0 {
		lines = []MergedLayer{{DocID: docID, Title: d.Title}}
	}
	for i := range lines {
		lines[i].ArticleAdded = added
	}
	m.rep.Lines = append(m.rep.Lines, lines...)
	return nil
}

// add adds the file's article d to the project, as new.
func (m *merger) add(d annotation.Document) (uint64, error) {
	d.ID, d.Status, d.SHA256 = 0, annotation.StatusNew, ""
	if d.Origin == "" {
		d.Origin = m.o.name
	}
	res, err := m.st.ImportBundles([]annotation.Bundle{{Document: d}}, storage.ImportOptions{})
	if err != nil {
		return 0, err
	}
	if dup := res[0].DuplicateOf; dup != 0 {
		return dup, nil
	}
	d.ID, d.SHA256 = res[0].Doc.ID, res[0].Doc.SHA256
	m.know(d)
	return d.ID, nil
}

// layers merges the annotations anns of the file's article into the
// project's article docID, one layer at a time, and returns a line for
// each layer.
func (m *merger) layers(docID uint64, title string, anns []annotation.Annotation) ([]MergedLayer, error) {
	// Copies: a project file's stream reuses anns.
	in := make([]annotation.Annotation, 0, len(anns))
	for _, a := range anns {
		if p := a.Provenance; p.Pending() || p.Rejected() {
			m.unreviewed++
			continue
		}
		in = append(in, a.Clone())
	}
	anns = in
	if _, err := annotation.SettleLayers(anns); err != nil {
		m.rep.Warnings = append(m.rep.Warnings, fmt.Sprintf("document %d %s: %v; the links between layers are left out", docID, quoteTitle(title), err))
	}
	byLayer := map[string][]annotation.Annotation{}
	own := map[string]string{} // a renamed layer -> the project's own it was renamed from
	for _, a := range anns {
		name := incomingLayer(a, m.opt.As, m.o.name)
		layer, renamed := layerName(name, m.o.name, m.local)
		if renamed && !m.renamed[name] {
			m.renamed[name] = true
			m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("%s is the project's own; the file's is merged as %q where it differs from the project's", annotation.LayerPhrase(name), layer))
		}
		if renamed {
			own[layer] = name
		}
		if a.Author == "" {
			a.Author = name
		}
		a.Layer, a.DocID = layer, docID
		byLayer[layer] = append(byLayer[layer], a)
	}
	// A layer merged from this file before that the file now leaves empty
	// is emptied; one merged from another file is not this file's to empty.
	names := slices.Sorted(maps.Keys(byLayer))
	for _, l := range m.merged {
		if _, ok := byLayer[l]; !ok {
			names = append(names, l)
		}
	}
	var lines []MergedLayer
	for _, layer := range names {
		line, ok, err := m.layer(docID, title, layer, own[layer], byLayer[layer])
		if err != nil {
			return lines, err
		}
		if ok {
			lines = append(lines, line)
		}
	}
	return lines, nil
}

// layer merges the annotations of one layer of the file's article into
// the project's article docID. A layer renamed from the project's own
// layer ownName that holds what that layer holds in the article is left
// out. ok is false when there is nothing to say.
func (m *merger) layer(docID uint64, title, layer, ownName string, anns []annotation.Annotation) (_ MergedLayer, ok bool, _ error) {
	line := MergedLayer{DocID: docID, Title: title, Layer: layer, Annotations: len(anns)}
	anns, dropped := keepLayerLinks(anns)
	if dropped > 0 {
		m.rep.Warnings = append(m.rep.Warnings, fmt.Sprintf("document %d %s, layer %s: %s to annotations of other layers left out", docID, quoteTitle(title), layer, annotation.Plural(dropped, "link")))
	}
	digest := layerDigest(anns, m.entities)
	had, merged, err := m.st.LayerSource(docID, layer)
	if err != nil {
		return line, false, err
	}
	switch {
	case merged && had.Digest == digest:
		line.State = LayerUnchanged
		m.rep.Unchanged++
		return line, true, nil
	case len(anns) == 0 && (!merged || had.File != m.o.name):
		return line, false, nil
	}
	if err := m.admit(anns); err != nil {
		return line, false, err
	}
	m.remapEntities(docID, title, anns)
	if ownName != "" && !merged {
		same, err := m.sameAsOwn(docID, ownName, anns)
		if err != nil {
			return line, false, err
		}
		if same {
			line.State = LayerOwn
			m.rep.Own++
			return line, true, nil
		}
	}
	src := annotation.LayerSource{File: m.o.name, Digest: digest}
	stored, err := m.st.ReplaceLayer(docID, layer, anns, src)
	switch {
	case errors.Is(err, annotation.ErrLayerEdited):
		m.rep.Conflicts = append(m.rep.Conflicts, fmt.Sprintf("document %d %s: layer %s was edited in this project since it was merged from %s; kept, not replaced by the file's", docID, quoteTitle(title), layer, had.File))
		return line, false, nil
	case err != nil:
		m.rep.Failed = append(m.rep.Failed, fmt.Sprintf("document %d %s, layer %s: %v", docID, quoteTitle(title), layer, err))
		return line, false, nil
	}
	line.Annotations = len(stored)
	m.rep.Annotations += len(stored)
	if merged {
		line.State = LayerReplaced
		m.rep.Replaced++
	} else {
		line.State = LayerNew
		m.rep.New++
		if !slices.Contains(m.merged, layer) {
			m.merged = append(m.merged, layer)
		}
	}
	return line, true, nil
}

// sameAsOwn reports whether anns hold what the project's layer called
// layer holds in article docID (annotation.LayerDigest: ids aside).
func (m *merger) sameAsOwn(docID uint64, layer string, anns []annotation.Annotation) (bool, error) {
	all, err := m.st.Annotations(docID)
	if err != nil {
		return false, err
	}
	mine := slices.DeleteFunc(all, func(a annotation.Annotation) bool { return annotation.LayerOf(a) != layer })
	return len(mine) > 0 && annotation.LayerDigest(mine) == annotation.LayerDigest(anns), nil
}

// admit makes the project's codebook hold what anns use: labels neither
// codebook defines (added with a kind inferred from their name, as an
// import from another tool does), attribute values and relation types.
func (m *merger) admit(anns []annotation.Annotation) error {
	have, err := m.st.Labels()
	if err != nil {
		return err
	}
	var used dataset.Labels
	for _, a := range anns {
		if _, ok := have.Find(a.Label); !ok {
			used.Use(a.Label)
		}
	}
	if more := used.Set(); len(more.Labels) > 0 {
		if err := mergeLabels(m.st, more, false); err != nil {
			return err
		}
		for _, l := range more.Labels {
			m.rep.Changes = append(m.rep.Changes, fmt.Sprintf("codebook: added label %s (%s), which the file's annotations use", l.Name, l.Kind))
		}
	}
	return admitValues(m.st, []annotation.Bundle{{Annotations: anns}})
}

// remapEntities points anns at the project's entities; a reference to an
// entity the file's registry lacks is dropped and reported.
func (m *merger) remapEntities(docID uint64, title string, anns []annotation.Annotation) {
	for i := range anns {
		a := &anns[i]
		if a.Entity == 0 {
			continue
		}
		if id, ok := m.entityIDs[a.Entity]; ok {
			a.Entity = id
			continue
		}
		m.rep.Warnings = append(m.rep.Warnings, fmt.Sprintf("document %d %s: an annotation refers to entity %d, which the file's registry lacks; merged without it", docID, quoteTitle(title), a.Entity))
		a.Entity = 0
	}
}

// keepLayerLinks removes from anns (one layer's) the links to annotations
// outside it, and returns how many.
func keepLayerLinks(anns []annotation.Annotation) ([]annotation.Annotation, int) {
	in := make(map[uint64]bool, len(anns))
	for _, a := range anns {
		in[a.ID] = true
	}
	dropped := 0
	for i := range anns {
		n := len(anns[i].Links)
		anns[i].Links = slices.DeleteFunc(anns[i].Links, func(l annotation.Link) bool { return !in[l.Target] })
		dropped += n - len(anns[i].Links)
	}
	return anns, dropped
}
