// Package annotation is Glossa's domain: documents, annotations and their
// spans, the label set, the entity registry, offsets and validation.
//
// It depends on the standard library only. Offsets are Unicode code points,
// end exclusive, everywhere in Glossa (what Python, spaCy, brat's server and
// the W3C Web Annotation model count); conversions to UTF-16 units and UTF-8
// bytes live in offsets.go and nowhere else.
package annotation
