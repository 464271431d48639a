package corpus

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"glossa/annotation"
)

// entityPlan is what becomes of the entities of an annotator's file in the
// project's registry (planEntities).
type entityPlan struct {
	ids       map[uint64]uint64   // the file's entity id -> the project's, for those matched
	add       []annotation.Entity // the file's entities the project lacks, with their file ids
	conflicts []string
}

// planEntities matches the file's entities to the project's by name: an
// entity whose name or one of its aliases is the name or an alias of a
// project entity (letter case and runs of white space aside) of the same
// type, or where either has no type, is that entity; a canonical name
// matched wins over an alias, then the lower id. The project's entity
// stays as it is. Any other entity is added. A name both have with
// different types is listed as a conflict: the file's entity is added as
// one of its own ("Washington" the person and the place), for the project's
// owner to merge in the registry if they are one.
func planEntities(project, file []annotation.Entity) entityPlan {
	type hit struct {
		e     annotation.Entity
		alias bool
	}
	byName := map[string][]hit{}
	for _, e := range project {
		for i, n := range entityNames(e) {
			k := nameKey(n)
			if k != "" && !slices.ContainsFunc(byName[k], func(h hit) bool { return h.e.ID == e.ID }) {
				byName[k] = append(byName[k], hit{e, i > 0})
			}
		}
	}
	p := entityPlan{ids: map[uint64]uint64{}}
	for _, e := range file {
		var same, other []hit
		for i, n := range entityNames(e) {
			for _, h := range byName[nameKey(n)] {
				h.alias = h.alias || i > 0
				switch {
				case sameEntityType(h.e.Type, e.Type):
					same = append(same, h)
				case !slices.ContainsFunc(other, func(o hit) bool { return o.e.ID == h.e.ID }):
					other = append(other, h)
				}
			}
		}
		if len(same) > 0 {
			best := slices.MinFunc(same, func(a, b hit) int {
				if a.alias != b.alias {
					if a.alias {
						return 1
					}
					return -1
				}
				return cmp.Compare(a.e.ID, b.e.ID)
			})
			p.ids[e.ID] = best.e.ID
			continue
		}
		p.add = append(p.add, e)
		for _, h := range other {
			p.conflicts = append(p.conflicts, fmt.Sprintf("entity %q is %s in the file and entity %d %q is %s in the project; added as an entity of its own (merge them in Edit > Entities if they are one)",
				e.Name, typeWords(e.Type), h.e.ID, h.e.Name, typeWords(h.e.Type)))
		}
	}
	return p
}

// entityNames is e's name, then its aliases.
func entityNames(e annotation.Entity) []string { return append([]string{e.Name}, e.Aliases...) }

// nameKey is what two names that are one share: lower case, runs of white
// space as one space, none at the ends.
func nameKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// sameEntityType reports whether entity types a and b can be one entity's:
// equal, or one of them not given.
func sameEntityType(a, b string) bool { return a == "" || b == "" || a == b }

func typeWords(t string) string {
	if t == "" {
		return "without a type"
	}
	return "a " + t
}

// incomingLayer names the layer an annotation of an annotator's file goes
// to: the layer it names, else its author, else as (the command's --as),
// else the file's name.
func incomingLayer(a annotation.Annotation, as, file string) string {
	for _, n := range []string{annotation.LayerOf(a), as, file} {
		if n = strings.TrimSpace(n); n != "" {
			return n
		}
	}
	return file
}

// layerName is the name an incoming layer called name takes in the
// project: its own, unless the project's own (locally made) annotations
// use it or it is reserved (a name starting with '#', the curated layer's),
// and then "NAME (FILE)", so that nothing of the project is replaced.
// renamed says which.
func layerName(name, file string, local map[string]bool) (_ string, renamed bool) {
	if !local[name] && !strings.HasPrefix(name, "#") {
		return name, false
	}
	return fmt.Sprintf("%s (%s)", strings.TrimPrefix(name, "#"), file), true
}

// layerDigest is the hex SHA-256 of what one layer of one article says,
// whatever ids and times the file gives: each annotation's label, spans,
// attributes, note, entity (by name and type, as entities are renumbered),
// author, provenance and links (to the others by their place in the
// content order). Merging a file again gives the same digest for a layer
// nobody changed, and another for a layer changed in any way that shows.
func layerDigest(anns []annotation.Annotation, entities map[uint64]annotation.Entity) string {
	type link struct {
		Type   annotation.LinkType `json:"t"`
		Target int                 `json:"i"`
	}
	type canon struct {
		Label      string            `json:"l"`
		Spans      [][2]int          `json:"s"`
		Attributes map[string]string `json:"a,omitempty"`
		Note       string            `json:"n,omitempty"`
		Entity     [2]string         `json:"e,omitzero"`
		Author     string            `json:"w,omitempty"`
		Origin     string            `json:"o,omitempty"`
		Rule       string            `json:"r,omitempty"`
		Review     string            `json:"v,omitempty"`
		Links      []link            `json:"k,omitempty"`
	}
	type item struct {
		c   canon
		key []byte // c without links, for the order
		a   annotation.Annotation
	}
	items := make([]item, len(anns))
	for i, a := range anns {
		origin := annotation.ParseOrigin(string(a.Provenance.Origin))
		if origin == "" {
			origin = annotation.OriginPerson // what the zero value means, and Glossa JSON writes
		}
		c := canon{Label: a.Label, Attributes: a.Attributes, Note: a.Note, Author: a.Author,
			Origin: string(origin), Rule: a.Provenance.Rule, Review: string(a.Provenance.Review)}
		for _, s := range a.Spans {
			c.Spans = append(c.Spans, [2]int{s.Start, s.End})
		}
		if a.Entity != 0 {
			e, ok := entities[a.Entity]
			if !ok {
				e = annotation.Entity{Name: fmt.Sprintf("#%d", a.Entity)}
			}
			c.Entity = [2]string{e.Name, e.Type}
		}
		key, _ := json.Marshal(c)
		items[i] = item{c, key, a}
	}
	slices.SortStableFunc(items, func(x, y item) int {
		return cmp.Or(cmp.Compare(x.a.Start(), y.a.Start()), cmp.Compare(x.a.End(), y.a.End()), slices.Compare(x.key, y.key))
	})
	place := make(map[uint64]int, len(items))
	for i, it := range items {
		if _, dup := place[it.a.ID]; !dup {
			place[it.a.ID] = i
		}
	}
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, it := range items {
		for _, l := range it.a.Links {
			if t, ok := place[l.Target]; ok {
				it.c.Links = append(it.c.Links, link{l.Type, t})
			}
		}
		slices.SortFunc(it.c.Links, func(x, y link) int { return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(x.Target, y.Target)) })
		enc.Encode(it.c)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// entityIndex maps entities by id.
func entityIndex(es []annotation.Entity) map[uint64]annotation.Entity {
	m := make(map[uint64]annotation.Entity, len(es))
	for _, e := range es {
		m[e.ID] = e
	}
	return m
}
