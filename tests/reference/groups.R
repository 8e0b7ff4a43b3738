# --by: the z test of the difference of each primary coefficient between two groups
# (docs/METHODS.md §4.10, §5.20), on tests/data/e2e/default_n200.csv split by era.
# Checks tests/analysis/test_groups.c. Run from the repository root:
#   Rscript tests/reference/groups.R
d <- read.csv("tests/data/e2e/default_n200.csv", stringsAsFactors = FALSE)
measures <- c("security", "political", "economic", "cognitive", "value")
fit <- function(rows, m) {
  s <- d[rows & !is.na(d$formed) & !is.na(d[[m]]), ]
  g <- glm(s$formed ~ s[[m]], family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
  c(b = unname(coef(g)[2]), se = sqrt(vcov(g)[2, 2]), n = nrow(s))
}
levels <- sort(unique(d$era[d$era != ""]))
cat("levels:", levels, "\n")
first <- d$era == levels[1]
for (other in levels[-1]) {
  rows <- d$era == other
  for (m in measures) {
    a <- fit(first, m)
    b <- fit(rows, m)
    z <- (a[["b"]] - b[["b"]]) / sqrt(a[["se"]]^2 + b[["se"]]^2)
    cat(sprintf("formation %-9s %s vs %s: n %d/%d  b %.15g %.15g  z %.15g  p %.15g\n", m,
                other, levels[1], a[["n"]], b[["n"]], a[["b"]], b[["b"]], z, 2 * pnorm(-abs(z))))
  }
}
