package main

import (
	"maps"
	"testing"

	"glossa/internal/desktop"
)

func TestAppMeta(t *testing.T) {
	tests := []struct {
		name, toml string
		want       desktop.Meta
	}{
		{"the embedded FyneApp.toml", fyneAppTOML, desktop.Meta{ID: "io.glossa.app", Name: "Glossa", Version: "0.1.0", Build: 1, Migrations: map[string]bool{"fyneDo": true}}},
		{"keys of other tables are not details", "Name = \"top\"\n[LinuxAndBSD]\nName = \"linux\"\n[Details]\n ID = \"x.y\" \nVersion=\"2\"\nBuild = 7\n", desktop.Meta{ID: "x.y", Version: "2", Build: 7, Migrations: map[string]bool{}}},
		{"a migration turned off", "[Migrations]\nfyneDo = false\n", desktop.Meta{Migrations: map[string]bool{"fyneDo": false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := appMeta(tt.toml)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != tt.want.ID || got.Name != tt.want.Name || got.Version != tt.want.Version || got.Build != tt.want.Build || !maps.Equal(got.Migrations, tt.want.Migrations) {
				t.Errorf("appMeta = %+v; want %+v", got, tt.want)
			}
		})
	}
}

func TestAppMetaMalformed(t *testing.T) {
	if _, err := appMeta("[Details\nID = \"x\"\n"); err == nil {
		t.Error("appMeta of a broken table header: no error")
	}
}
