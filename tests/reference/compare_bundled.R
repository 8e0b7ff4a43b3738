# Agreement of the two bundled codings (datasets/quasi_alliance_cases.csv, coder A, and
# datasets/quasi_alliance_cases_coder_b.csv, coder B) on the `security` column, from the
# formulas: percent agreement, Cohen's kappa (Cohen 1960), quadratic-weighted kappa (Cohen
# 1968; categories = the union of observed codes, weights on their ranks, as irr::kappa2
# "squared"), Gwet's AC1 (Gwet 2008). Run from the repository root:
#   Rscript tests/reference/compare_bundled.R
a <- read.csv("datasets/quasi_alliance_cases.csv")
b <- read.csv("datasets/quasi_alliance_cases_coder_b.csv")
b <- b[match(a$case_id, b$case_id), ]
x <- a$security; y <- b$security
levels <- sort(unique(c(x, y))); k <- length(levels)
tab <- table(factor(x, levels), factor(y, levels)) / length(x)
po <- sum(diag(tab)); pe <- sum(rowSums(tab) * colSums(tab))
kappa <- (po - pe) / (1 - pe)
w <- outer(1:k, 1:k, function(i, j) 1 - (i - j)^2 / (k - 1)^2)
pow <- sum(w * tab); pew <- sum(w * outer(rowSums(tab), colSums(tab)))
wkappa <- (pow - pew) / (1 - pew)
pi_k <- (rowSums(tab) + colSums(tab)) / 2
pe_ac1 <- sum(pi_k * (1 - pi_k)) / (k - 1)
ac1 <- (po - pe_ac1) / (1 - pe_ac1)
cat(sprintf("percent %.15g\nkappa %.15g\nweighted_kappa %.15g\ngwet_ac1 %.15g\n", 100 * po, kappa, wkappa, ac1))
