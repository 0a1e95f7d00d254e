# SPDX-License-Identifier: GPL-2.0
#
# Tern's boot timeline per role (the boot_trace option): one horizontal bar
# per role, stacked from the phases' median durations in boot order, in
# milliseconds from Tern's first instruction. scripts/bench runs it as
#   gnuplot -e "datafile='DAT'; outfile='PNG'; nroles=N; \
#               phasenames='a b ...'; roletics='\"role\" 0, ...'" \
#           bench/phases.gp
# DAT has one line per segment: bar (0 = first role), from, to (ms), the
# phase's colour index (its place in phasenames, from 1) and a label ("" when
# the segment is too narrow for one; the legend names every colour).

if (!exists("datafile")) datafile = 'build/bench/boot-phases.dat'
if (!exists("outfile")) outfile = 'build/bench/boot-phases.png'
if (!exists("nroles")) nroles = 1
if (!exists("phasenames")) phasenames = ''
if (!exists("roletics")) roletics = ''

if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
	set terminal pngcairo size 1000,(200 + 70 * nroles) font "sans,9" noenhanced
} else {
	set terminal png size 1000,(200 + 70 * nroles) noenhanced
}
set output outfile

# Twelve distinct colours, reused in order beyond that.
array colours[12] = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", \
	"#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", \
	"#1f77b4", "#8c564b"]
do for [i=1:12] {
	set linetype i lc rgb colours[i]
}
set linetype cycle 12

set title "Tern boot phases (boot_trace; medians, ms from Tern's first instruction)"
set xlabel "milliseconds"
set xrange [0:*]
set yrange [nroles - 0.4:-0.6]	# first role on top
eval "set ytics (" . roletics . ")"
set ytics nomirror scale 0
set grid xtics
set style fill solid 0.9 border rgb "white"
set key outside right top vertical title "phase"
set lmargin 16

plot datafile using (($2 + $3) / 2):1:2:3:($1 - 0.35):($1 + 0.35):4 \
	with boxxyerror lc variable notitle, \
     '' using (($2 + $3) / 2):1:5 with labels font ",8" notitle, \
     for [i=1:words(phasenames)] NaN with boxes lc i title word(phasenames, i)
