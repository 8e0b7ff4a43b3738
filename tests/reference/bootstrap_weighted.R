# Rank correlations of frequency-weighted distinct rows (tests/stats/test_bootstrap.c,
# qa_rank_correlations_weighted): the rows expanded by their counts, then cor(method = ...).
# Run from the repository root: Rscript tests/reference/bootstrap_weighted.R
show <- function(label, x, y, w) {
  ex <- rep(x, w); ey <- rep(y, w)
  cat(sprintf("%s: rho %.15g tau %.15g\n", label,
              cor(ex, ey, method = "spearman"), cor(ex, ey, method = "kendall")))
}
# A coded measure 0..4 against a 0/1 outcome, one empty cell (a replicate that drew none).
x <- c(0, 0, 1, 1, 2, 2, 3, 3, 4, 4)
y <- c(0, 1, 0, 1, 0, 1, 0, 1, 0, 1)
w <- c(14, 5, 41, 11, 0, 20, 8, 30, 3, 23)
show("coded", x, y, w)
# Continuous x values (a composite) in level order, y with three levels.
x2 <- c(-1.3, -1.3, -0.2, 0.7, 0.7, 2.1, 2.1)
y2 <- c(0, 2, 1, 0, 1, 1, 2)
w2 <- c(3, 1, 4, 2, 5, 1, 6)
show("three_levels", x2, y2, w2)
