package brat

import (
	"errors"
	"io/fs"
	"maps"
	"path"

	"glossa/annotation"
	"glossa/formats/dataset"
)

// conf is what an annotation.conf says about names: the labels it declares
// (with the kinds and colours Glossa recorded, when it wrote the file), the
// attributes and their values, and the original names behind brat names.
type conf struct {
	labels    map[string]annotation.Label // by brat name
	attrNames map[string]string           // brat name -> original
	values    map[string]string           // brat value -> original
	relNames  map[string]string           // brat relation type -> original
	attrs     map[string][]annotation.AttributeDef
}

func newConf() *conf {
	return &conf{labels: map[string]annotation.Label{}, attrNames: map[string]string{},
		values: map[string]string{}, relNames: map[string]string{}, attrs: map[string][]annotation.AttributeDef{}}
}

// label returns the label a brat type stands for.
func (c *conf) label(typ string) annotation.Label {
	if l, ok := c.labels[typ]; ok {
		return l
	}
	return annotation.Label{Name: typ, Kind: dataset.InferKind(typ)}
}

func (c *conf) attrName(n string) string {
	if o, ok := c.attrNames[n]; ok {
		return o
	}
	return n
}

// relName is the relation type a brat relation type or event role stands
// for.
func (c *conf) relName(n string) string {
	if o, ok := c.relNames[n]; ok {
		return o
	}
	return n
}

func (c *conf) value(v string) string {
	if o, ok := c.values[v]; ok {
		return o
	}
	return v
}

// conf returns the annotation.conf that applies to files in dir: the
// nearest one in dir or a folder above it, as brat searches.
func (rd *reader) conf(dir string) (*conf, error) {
	if c, ok := rd.confs[dir]; ok {
		return c, nil
	}
	p := path.Join(dir, confFile)
	data, err := rd.readFile(p)
	var c *conf
	switch {
	case err == nil:
		var warn []string
		c, warn = parseConf(rd.display(p), data)
		rd.rep.Warnings = append(rd.rep.Warnings, warn...)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	case dir == "." || dir == "/" || dir == "":
		c = newConf()
	default:
		c, err = rd.conf(path.Dir(dir))
		if err != nil {
			return nil, err
		}
	}
	rd.confs[dir] = c
	return c, nil
}

// parseConf reads an annotation.conf for the data reader with the one
// parser of annotation.conf, the codebook's (parseCodebook): the labels
// by brat name with their original names, kinds, colours (from Glossa's
// comments; visual.conf is the codebook's business) and descriptions, the
// attributes each offers, and the original names behind brat names. It
// returns what the codebook parser warned of.
func parseConf(file string, data []byte) (*conf, []string) {
	cb := parseCodebook(file, data)
	c := newConf()
	for _, l := range cb.labels {
		lab := annotation.Label{Name: cb.orig(l.Name), Kind: cb.kind(l.Name), Description: cb.descs[l.Name]}
		if col, ok := dataset.CSSColor(cb.colors[l.Name]); ok {
			lab.Color = col
		}
		c.labels[l.Name] = lab
		c.attrs[l.Name] = l.Attributes
	}
	maps.Copy(c.attrNames, cb.attrs)
	maps.Copy(c.values, cb.values)
	maps.Copy(c.relNames, cb.relNames)
	return c, cb.rep.Warnings
}
