# Reference values for tests/stats/test_correlation.c: R's cor.test and rank.
# Run: Rscript tests/reference/correlation.R
# Spearman and Kendall use exact = FALSE (docs/METHODS.md §5.3, §5.4).
options(digits = 15)
show <- function(label, test) {
  cat(sprintf("%s: estimate %.15g statistic %.15g p %.15g", label, unname(test$estimate),
              unname(test$statistic), test$p.value))
  if (!is.null(test$conf.int))
    cat(sprintf(" ci %.15g %.15g", test$conf.int[1], test$conf.int[2]))
  cat("\n")
}
all3 <- function(label, x, y) {
  show(paste(label, "pearson"), cor.test(x, y))
  show(paste(label, "spearman"), cor.test(x, y, method = "spearman", exact = FALSE))
  show(paste(label, "kendall"), cor.test(x, y, method = "kendall", exact = FALSE))
}

# ties in both variables
ties_x <- c(1, 2, 2, 3, 4, 4, 4, 5, 6, 7)
ties_y <- c(2, 1, 3, 3, 5, 4, 6, 6, 8, 7)
all3("ties", ties_x, ties_y)

# small n
small4_x <- c(1.5, 2.0, 3.7, 4.1)
small4_y <- c(2.2, 1.9, 4.5, 3.0)
all3("small4", small4_x, small4_y)
small5_x <- c(3, 1, 4, 1, 5)
small5_y <- c(9, 2, 6, 5, 3)
all3("small5", small5_x, small5_y)
# n = 3: cor.test gives no Fisher interval
show("small3 pearson", cor.test(c(1, 2, 4), c(1, 3, 2)))

# ordinal 0-4 x, binary y (point-biserial)
ordinal_x <- c(0, 1, 1, 2, 4, 3, 2, 0, 4, 3, 1, 2, 3, 4, 0, 2, 3, 1, 4, 2)
binary_y  <- c(0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1)
all3("binary", ordinal_x, binary_y)

# ordinal x, continuous y
continuous_y <- c(1.2, 2.9, 2.1, 3.3, 6.0, 4.4, 2.7, 0.8, 5.1, 3.9,
                  2.2, 3.0, 4.8, 5.5, 1.9, 3.6, 4.1, 1.7, 5.9, 2.5)
all3("ordinal", ordinal_x, continuous_y)

# continuous, negative correlation
negative_x <- c(0.31, 1.72, 2.05, 2.88, 3.41, 4.19, 4.77, 5.36, 6.02, 6.95, 7.44, 8.13)
negative_y <- c(9.8, 8.1, 8.9, 7.2, 6.6, 7.0, 5.1, 4.9, 3.2, 3.8, 2.1, 1.5)
all3("negative", negative_x, negative_y)

# large n, tiny p: the same formulas are in the C test
i <- 1:2000
large_x <- ((i * 7919) %% 10007) / 10007
large_y <- large_x + 0.8 * ((i * 104729) %% 1009) / 1009
all3("large", large_x, large_y)
medium_y <- large_x + 7 * ((i * 104729) %% 1009) / 1009
all3("medium", large_x, medium_y)
codes_x <- i %% 5
codes_y <- (codes_x + (i * 7919) %% 11) %% 5
all3("codes", codes_x, codes_y)
# continuous x against a binary y (the scan path of Kendall)
all3("mixed", large_x, as.numeric(codes_y >= 2))

# ranks with ties averaged
cat(sprintf("rank %s\n", paste(sprintf("%.15g", rank(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5))), collapse = " ")))
cat(sprintf("rank_negative %s\n", paste(sprintf("%.15g", rank(c(-0.5, 2.25, -0.5, 0, -3, 2.25))), collapse = " ")))
# orders (the C test subtracts 1)
cat(sprintf("order %s\n", paste(order(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5)), collapse = " ")))
cat(sprintf("order_radix %s\n", paste(order(c(-0.5, 2.25, -0.5, 0, -3, 2.25, 1e300, -Inf)), collapse = " ")))
# one-sided p (alternative = "greater"), for p_greater
greater <- function(label, x, y) {
  cat(sprintf("%s greater: pearson %.15g spearman %.15g kendall %.15g\n", label,
              cor.test(x, y, alternative = "greater")$p.value,
              cor.test(x, y, method = "spearman", exact = FALSE, alternative = "greater")$p.value,
              cor.test(x, y, method = "kendall", exact = FALSE, alternative = "greater")$p.value))
}
greater("ties", ties_x, ties_y)
greater("negative", negative_x, negative_y)
greater("small5", small5_x, small5_y)

# qa_pearson_complete: pairwise-complete Pearson (incomplete pairs dropped, as cor.test does)
x <- c(1, 2, NA, 4, 5, 6, 2, 3); y <- c(2, NA, 3, 5, 4, 7, 1, 3)
t <- cor.test(x, y)
cat(sprintf("complete: r %.15g p %.15g ci %.15g %.15g n %d\n", t$estimate, t$p.value,
            t$conf.int[1], t$conf.int[2], sum(complete.cases(x, y))))
