# Reference values for tests/import/test_measure.c: composite measures (mean of the
# indicators' z-scores, n - 1 SD over all rows, mean over the indicators present) and
# Cronbach's alpha (Cronbach 1951), raw and standardized, on the complete rows.
# Run from the repository root: Rscript tests/reference/cronbach.R
d <- read.csv("tests/data/good/composite.csv", na.strings = c("", "NA", "."))
X <- d[, c("threat_a", "threat_b", "threat_c")]
p <- function(label, x) cat(sprintf("%s = %s\n", label, sprintf("%.15g", x)))

z <- scale(X)  # centre and divide by sd(), i.e. the n - 1 SD, NA ignored
composite <- rowMeans(z, na.rm = TRUE)
for (i in seq_along(composite)) p(sprintf("composite[%d] (%s)", i - 1, d$case_id[i]), composite[i])

cronbach <- function(X) {
  X <- X[complete.cases(X), ]
  k <- ncol(X)
  raw <- k / (k - 1) * (1 - sum(apply(X, 2, var)) / var(rowSums(X)))
  r <- cor(X)
  rbar <- mean(r[upper.tri(r)])
  c(raw = raw, standardized = k * rbar / (1 + (k - 1) * rbar))
}
a <- cronbach(X)
p("alpha_raw", a["raw"])
p("alpha_standardized", a["standardized"])

# Restricted to the formed cases (the `include` mask): z-scores over those rows only.
f <- d$formed == 1
zf <- scale(X[f, ])
cf <- rowMeans(zf, na.rm = TRUE)
for (i in seq_along(cf)) p(sprintf("composite_formed[%d] (%s)", which(f)[i] - 1, d$case_id[f][i]), cf[i])
af <- cronbach(X[f, ])
p("alpha_raw_formed", af["raw"])
p("alpha_standardized_formed", af["standardized"])

# A second item set (no missing values) for qa_cronbach_alpha directly.
Y <- data.frame(a = c(1, 2, 3, 4, 5, 2, 3), b = c(2, 2, 4, 5, 4, 1, 3), c = c(1, 3, 3, 5, 5, 2, 2),
                d = c(2, 1, 4, 4, 5, 3, 3))
ay <- cronbach(Y)
p("items4_alpha_raw", ay["raw"])
p("items4_alpha_standardized", ay["standardized"])
