#!/bin/sh
# make-icon.sh - regenerates assets/icons/samplemap.{png,bmp,ico}, samplemap-48.png (needs
# ImageMagick); samplemap.svg, the same shapes as a vector, is kept beside them by hand.
# The BMP is what the windows load (SDL reads BMP without SDL_image); the PNGs (128 and 48 px)
# and the SVG are for desktops (hicolor 128x128, 48x48, scalable);
# the ICO is linked into the Windows .exe files (Explorer, the taskbar) by cmake/samplemap.rc.in.
set -eu
cd "$(dirname "$0")/../assets/icons"
convert -size 128x128 xc:none -fill '#2563eb' -draw 'roundrectangle 4,4 123,123 22,22' \
  -fill white -draw 'roundrectangle 18,30 58,98 6,6' -draw 'roundrectangle 70,30 110,98 6,6' \
  -fill '#2563eb' -draw 'rectangle 24,42 52,46' -draw 'rectangle 24,54 48,58' \
  -draw 'rectangle 24,66 52,70' -draw 'rectangle 76,42 104,46' -draw 'rectangle 76,54 100,58' \
  -fill '#f59e0b' -draw 'polygon 50,78 74,78 74,70 90,84 74,98 74,90 50,90' \
  -depth 8 samplemap.png
convert samplemap.png -resize 48x48 -depth 8 samplemap-48.png
convert samplemap.png -resize 64x64 -background '#f6f7f9' -alpha remove -alpha off \
  -type TrueColor BMP3:samplemap.bmp
convert samplemap.png -define icon:auto-resize=128,64,48,32,16 samplemap.ico
