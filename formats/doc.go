// Package formats reads the article files Glossa imports as documents:
// plain text, Markdown and HTML (see ReadDocument, and docs/FORMAT.md,
// "Importing articles"). It is the "article" entry of the format table in
// package registry; the dataset codecs live beside it: Glossa's own in
// glossajson, the other tools' in w3c, brat, doccano, labelstudio, conll and
// claimcsv, all over the shared types of package dataset.
//
// Everything here works on io.Reader over the types of package annotation;
// nothing touches the network, the disk or the user interface.
package formats
