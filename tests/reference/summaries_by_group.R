# Reference values for test_summaries_by_group in tests/analysis/test_frame.c: the
# Descriptives sheet's numbers by group (all cases, formed = 1, formed = 0) of
# tests/data/analysis/frame.csv -- security's n, missing, mean, sd and median, and the era
# counts (with missing) per group.
# Run: Rscript tests/reference/summaries_by_group.R
d <- read.csv("tests/data/analysis/frame.csv", na.strings = "")
groups <- list(all = rep(TRUE, nrow(d)), formed = !is.na(d$formed) & d$formed == 1,
               not_formed = !is.na(d$formed) & d$formed == 0)
for (g in names(groups)) {
  x <- d$security[groups[[g]]]
  e <- d$era[groups[[g]]]
  y <- x[!is.na(x)]
  cat(sprintf("%s: security n %d missing %d mean %.15g sd %.15g median %.15g; era cold_war %d post_cold_war %d missing %d\n",
              g, length(y), sum(is.na(x)), mean(y), sd(y), median(y),
              sum(e == "cold_war", na.rm = TRUE), sum(e == "post_cold_war", na.rm = TRUE),
              sum(is.na(e))))
}
