# SPDX-License-Identifier: GPL-2.0
#
# Bar chart of the network benchmark: how Tern's figure compares with
# Linux's per figure, one bar per domU role, always "higher is better for
# Tern": Linux/Tern for the latencies (icmp-rtt-*), Tern/Linux for the
# rates; 1 is Linux. scripts/bench runs it as
#   gnuplot -e "datafile='DAT'; outfile='PNG'; roles='R1 R2'" bench/net.gp
# DAT has one row per figure: "figure" then the value in each role of
# roles; '?' marks a missing figure.

if (!exists("datafile")) datafile = 'build/bench/net.dat'
if (!exists("outfile")) outfile = 'build/bench/net.png'
if (!exists("roles")) roles = 'xen-pvh-domu xen-pv-domu'

if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
	set terminal pngcairo size 900,500 font "sans,10" noenhanced
} else {
	set terminal png size 900,500 noenhanced
}
set output outfile

set datafile missing '?'
set title "Network as Xen domU, same netback and bridge: Tern vs Linux (1 = Linux; above 1: Tern better)"
set ylabel "Linux/Tern (latency), Tern/Linux (rates)"
set yrange [0:*]
set grid ytics
set key top right
set style data histograms
set style histogram clustered gap 2
set style fill solid 0.85 border -1
set boxwidth 0.9
set xtics nomirror scale 0
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lw 1.5 lc rgb "#444444"

plot for [i=1:words(roles)] datafile using (column(i + 1)):xtic(1) \
	title word(roles, i)
