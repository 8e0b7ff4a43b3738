# Reference values for tests/stats/test_descriptives.c and the percentile CI of
# tests/stats/test_bootstrap.c: R's mean, sd and quantile(type = 7).
# Run: Rscript tests/reference/descriptives.R
show <- function(label, x) {
  x <- x[!is.na(x)]
  q <- quantile(x, c(0, 0.25, 0.5, 0.75, 1), type = 7, names = FALSE)
  cat(sprintf("%s: n %d mean %.15g sd %.15g min %.15g q1 %.15g median %.15g q3 %.15g max %.15g\n",
              label, length(x), mean(x), sd(x), q[1], q[2], q[3], q[4], q[5]))
}
# ordinal codes 0-4 with missing values (counting path)
show("codes", c(0, 1, NA, 4, 2, 2, 3, NA, 1, 0, 4, 4, 2, 3))
# continuous (selection path), with missing
show("continuous", c(3.7, -1.25, 10.5, NA, 0.001, 2.2, 8.9, 5.5, 5.5, -7.0, 1e3, 6.25))
# n = 2, n = 5, n = 1 (sd NA)
show("two", c(4.5, 1.5))
show("five", c(1, 5, 2, 8, 3))
cat(sprintf("one: mean %.15g sd %s\n", 4, sd(4)))
# years: large mean, small spread
show("years", c(1991, 2003, 1999, 2015, 1991, 2008, 1949, 1979, 2001))
show("wide", c(100000, 3, 70000, 12, 5, 99999, 40, 12))
# 1001 generated values, same formula in the C test
i <- 1:1001
show("generated", ((i * 7919) %% 10007) / 10007 - 0.3)
# bootstrap: percentile CI (type-7 quantiles 0.025 and 0.975) of a fixed replicate vector
replicates <- c(0.42, 0.37, 0.51, 0.29, 0.44, 0.47, 0.33, 0.58, 0.40, 0.36,
                0.49, 0.31, 0.45, 0.52, 0.38, 0.41, 0.55, 0.34, 0.46, 0.43)
ci <- quantile(replicates, c(0.025, 0.975), type = 7, names = FALSE)
cat(sprintf("percentile95: %.15g %.15g\n", ci[1], ci[2]))
ci <- quantile(replicates, c(0.05, 0.95), type = 7, names = FALSE)
cat(sprintf("percentile90: %.15g %.15g\n", ci[1], ci[2]))
# coefficient difference: z = (b1 - b2) / sqrt(se1^2 + se2^2), p = 2 pnorm(-|z|)
z <- (1.25 - 0.40) / sqrt(0.31^2 + 0.22^2)
cat(sprintf("difference: z %.15g p %.15g\n", z, 2 * pnorm(-abs(z))))
z <- (-2.0 - 3.1) / sqrt(0.4^2 + 0.5^2)
cat(sprintf("difference_large: z %.15g p %.15g\n", z, 2 * pnorm(-abs(z))))
