// Package agreement measures how far annotators agree: span F1, Krippendorff's
// alpha-U on the character continuum, and chance-corrected coefficients of
// the labels, attributes and links they gave.
//
// It is pure Go over annotation types: no Fyne, no bbolt.
package agreement
