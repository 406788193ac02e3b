# Cost against provisions for docs/performance.md, from bench/issue14.dat:
#   gnuplot bench/plot.gp        # writes docs/performance.svg
# Run from the repository's root.
set terminal svg size 900,640 dynamic font "sans,11"
set output "docs/performance.svg"
set datafile missing "-"
set logscale xy
set xlabel "provisions in the version"
set ylabel "CPU time (µs), log scale"
set key below
set grid
set title "cost against provisions (generated: solid; heavy shape: dashed)"
gen = "< grep '^generated' bench/issue14.dat"
hvy = "< grep '^heavy' bench/issue14.dat"
plot gen using 2:3 with linespoints lt 1 dt 1 title "load (parse+check), generated", \
     hvy using 2:3 with linespoints lt 1 dt 2 title "load, heavy", \
     gen using 2:4 with linespoints lt 2 dt 1 title "compile, generated", \
     hvy using 2:4 with linespoints lt 2 dt 2 title "compile, heavy", \
     gen using 2:5 with linespoints lt 3 dt 1 title "evaluate, generated", \
     hvy using 2:5 with linespoints lt 3 dt 2 title "evaluate, heavy", \
     gen using 2:6 with linespoints lt 4 dt 1 title "decide (mean), generated", \
     hvy using 2:6 with linespoints lt 4 dt 2 title "decide (mean, cold), heavy", \
     hvy using 2:7 with linespoints lt 5 dt 2 title "remit check (with analyse), heavy", \
     "< grep '^mopac' bench/issue14.dat" using 2:8 with points lt 6 pt 7 title "audit per row, MOPAC"
