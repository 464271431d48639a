# Release packaging with Fyne's own packager; included by the Makefile.
# Docs: docs/RELEASE.md. Name, ID, version, build and icon: FyneApp.toml.
#
#   make release-linux     dist/Glossa.tar.xz  (fyne package -os linux: binary, icon, .desktop)
#   make release-windows   dist/glossa.exe     (cross-built with mingw-w64: GUI program, icon embedded)
#   make release-darwin    dist/Glossa.app     (on a Mac only)
#   make release           both the Linux and the Windows package
#   make release-check     builds both, then checks them (scripts/release-check.sh)
#
# The packager, fyne.io/tools $(FYNE_TOOLS_VERSION), is installed under dist/tools on
# first use; it adds nothing to go.mod. Packaging rebuilds ./glossa, then removes it.

FYNE_TOOLS_VERSION ?= v1.7.4
export FYNE_TOOLS_VERSION GO

.PHONY: release release-deps release-linux release-windows release-darwin release-check

release-deps: deps
	@scripts/release-deps.sh

release-linux: release-deps
	scripts/release-package.sh linux

release-windows: release-deps
	scripts/release-package.sh windows

release-darwin:
	scripts/release-package.sh darwin

# One after the other even under make -j: both build in the source folder.
release: release-deps
	scripts/release-package.sh linux
	scripts/release-package.sh windows

release-check: release
	scripts/release-check.sh linux windows
