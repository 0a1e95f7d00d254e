# SPDX-License-Identifier: GPL-2.0
#
# Bar chart of time-to-ready per role: Tern, Linux and the floor kernel,
# medians with min-max error bars. scripts/bench runs it as
#   gnuplot -e "datafile='DAT'; outfile='PNG'" bench/plot.gp
# DAT has one row per bar group: "label" then median, min, max for Tern,
# Linux and the floor; '?' marks a missing figure (no bar). A "\n" in a
# label breaks the line.

if (!exists("datafile")) datafile = 'build/bench/time-to-ready.dat'
if (!exists("outfile")) outfile = 'build/bench/time-to-ready.png'

if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
	set terminal pngcairo size 1000,560 font "sans,10" noenhanced
} else {
	set terminal png size 1000,560 noenhanced
}
set output outfile

set datafile missing '?'
set title "Time to ready (QEMU TCG; median, bars min-max)"
set ylabel "seconds"
set yrange [0:*]
set grid ytics
set key top right
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set xtics nomirror scale 0
set bmargin 4

plot datafile using 2:3:4:xtic(1) title "Tern" lc rgb "#2a7ab0", \
     '' using 5:6:7 title "Linux 6.1 (Debian 12)" lc rgb "#d9822b", \
     '' using 8:9:10 title "floor (print a line, power off)" lc rgb "#7f7f7f"
