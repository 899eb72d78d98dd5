#!/usr/bin/env bash
# Fetches the Hebrew and Arabic translation catalogs that the test7 and test8 splits of the
# figures labeled set read: Debian 12 packages that the shared corpus does not contain
# (../shared/bench/data/debian-packages.tsv lists the ones it does). Only the .deb files are
# downloaded (`apt-get download`, nothing is installed); their he/ar gettext catalogs are
# unpacked into L10N_DIR/x. Re-running is a no-op once L10N_DIR/x/.done exists.
# Usage: bench/figures/fetch-l10n.sh   (L10N_DIR default /work/bench-data/l10n-debs)
set -euo pipefail
DIR=${L10N_DIR:-/work/bench-data/l10n-debs}
[ -f "$DIR/x/.done" ] && exit 0
PACKAGES="abiword-common ark baobab blueman brasero-common calibre-bin celluloid cheese-common
claws-mail coreutils deja-dup dolphin eog evolution-data-server-common gnome-boxes gnome-calendar
gnome-characters gnome-clocks gnome-contacts gnome-disk-utility gnome-maps gnome-music
gnome-online-accounts gnome-power-manager gnome-settings-daemon-common gnome-sound-recorder
gnome-system-monitor gnome-terminal-data gnome-weather gnumeric-common gparted-common gramps
grub-common gwenview hexchat kate kcalc kdepim-runtime kinfocenter kio-extras kmail konsole
korganizer ksystemlog kwin-data libc-l10n libgweather-4-common libkf5kiocore5
lightdm-gtk-greeter lollypop mousepad network-manager-gnome network-manager okular pavucontrol
plasma-desktop-data plasma-workspace-data quodlibet rygel simple-scan synaptic tar thunar-data
transmission-common transmission-gtk wget xfce4-power-manager-data"
mkdir -p "$DIR/x"
cd "$DIR"
for p in $PACKAGES; do
  ls "${p}"_*.deb >/dev/null 2>&1 || apt-get download "$p" >/dev/null 2>&1 ||
    { echo "fetch-l10n: cannot download $p (run apt-get update?)" >&2; exit 1; }
done
for d in *.deb; do
  dpkg-deb --fsys-tarfile "$d" | tar x -C x --wildcards '*/he/LC_MESSAGES/*.mo' '*/ar/LC_MESSAGES/*.mo' \
    2>/dev/null || true
done
touch x/.done
