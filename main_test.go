package main

import (
	"maps"
	"testing"
)

func TestAppMeta(t *testing.T) {
	tests := []struct {
		name, toml string
		want       metadata
	}{
		{"the embedded FyneApp.toml", fyneAppTOML, metadata{id: "io.glossa.app", name: "Glossa", version: "0.1.0", build: 1, migrations: map[string]bool{"fyneDo": true}}},
		{"keys of other tables are not details", "Name = \"top\"\n[LinuxAndBSD]\nName = \"linux\"\n[Details]\n ID = \"x.y\" \nVersion=\"2\"\nBuild = 7\n", metadata{id: "x.y", version: "2", build: 7, migrations: map[string]bool{}}},
		{"a migration turned off", "[Migrations]\nfyneDo = false\n", metadata{migrations: map[string]bool{"fyneDo": false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := appMeta(tt.toml)
			if err != nil {
				t.Fatal(err)
			}
			if got.id != tt.want.id || got.name != tt.want.name || got.version != tt.want.version || got.build != tt.want.build || !maps.Equal(got.migrations, tt.want.migrations) {
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
