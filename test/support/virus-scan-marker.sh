#!/bin/sh
# A stand-in virus scanner for tests, with clamdscan's exit codes: 1 (infected) when the file holds
# the marker HUB-TEST-VIRUS-MARKER, 0 (clean) otherwise, 2 (error) when the file cannot be read.
[ -r "$1" ] || exit 2
if grep -q 'HUB-TEST-VIRUS-MARKER' "$1"; then exit 1; fi
exit 0
