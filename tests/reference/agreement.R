# Reference values for tests/stats/test_agreement.c and tests/stats/test_krippendorff.c.
# Run: Rscript tests/reference/agreement.R
# Every statistic is written out from its published formula (irr is not used), so these
# numbers come from an implementation independent of qareport's C code: Krippendorff's alpha
# from the full coincidence matrix (Krippendorff 2011), where the C code uses closed forms.
fmt <- function(label, x) cat(sprintf("%-40s %s\n", label, sprintf("%.15g", x)))

# --- Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability") ---
# data: coders x units matrix, NA = missing.
kripp_alpha <- function(data, level) {
  values <- sort(unique(as.vector(data[!is.na(data)])))
  V <- length(values)
  o <- matrix(0, V, V)  # coincidence matrix
  for (u in seq_len(ncol(data))) {
    x <- data[!is.na(data[, u]), u]
    m <- length(x)
    if (m < 2) next
    for (i in seq_len(m)) for (j in seq_len(m)) if (i != j) {
      ci <- match(x[i], values); cj <- match(x[j], values)
      o[ci, cj] <- o[ci, cj] + 1 / (m - 1)
    }
  }
  nc <- rowSums(o)
  n <- sum(nc)
  delta2 <- matrix(0, V, V)
  for (c in seq_len(V)) for (k in seq_len(V)) {
    delta2[c, k] <- switch(level,
      nominal = as.numeric(c != k),
      ordinal = { g <- min(c, k):max(c, k); (sum(nc[g]) - (nc[c] + nc[k]) / 2)^2 },
      interval = (values[c] - values[k])^2)
  }
  Do <- sum(o * delta2) / n
  De <- sum(outer(nc, nc) * delta2) / (n * (n - 1))
  1 - Do / De
}

# The 4 coders x 12 units example, with missing values (Krippendorff 2011, section C).
kripp_example <- rbind(
  c(1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA),
  c(1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3),
  c(NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA),
  c(1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA))
# Published: nominal .743, ordinal .815, interval .849.
fmt("kripp_example nominal", kripp_alpha(kripp_example, "nominal"))
fmt("kripp_example ordinal", kripp_alpha(kripp_example, "ordinal"))
fmt("kripp_example interval", kripp_alpha(kripp_example, "interval"))

# Two coders, binary, 10 units (Krippendorff 2011, section A). Published: .095.
kripp_binary <- rbind(c(0, 1, 0, 0, 0, 0, 0, 0, 1, 0),
                      c(1, 1, 1, 0, 0, 1, 0, 0, 0, 0))
fmt("kripp_binary nominal", kripp_alpha(kripp_binary, "nominal"))
fmt("kripp_binary interval", kripp_alpha(kripp_binary, "interval"))

# Non-integer interval values, 3 coders, missing values, unequal spacing for ordinal.
kripp_mixed <- rbind(c(1.5, 2.0, 7.25, NA, 3.0, 10, 4.5),
                     c(1.0, 2.5, 7.00, 4.0, NA, 9, 4.5),
                     c(NA,  2.0, 6.50, 4.5, 3.5, NA, 5.0))
fmt("kripp_mixed nominal", kripp_alpha(kripp_mixed, "nominal"))
fmt("kripp_mixed ordinal", kripp_alpha(kripp_mixed, "ordinal"))
fmt("kripp_mixed interval", kripp_alpha(kripp_mixed, "interval"))

# --- two codings: Cohen 1960, Cohen 1968 (quadratic weights on ranks), Gwet 2008 AC1 ---
complete_pairs <- function(a, b) { keep <- !is.na(a) & !is.na(b); list(a = a[keep], b = b[keep]) }
percent_agreement <- function(a, b) { p <- complete_pairs(a, b); 100 * mean(p$a == p$b) }
cohen_kappa <- function(a, b) {
  p <- complete_pairs(a, b); lev <- sort(unique(c(p$a, p$b)))
  t <- table(factor(p$a, lev), factor(p$b, lev)); n <- sum(t)
  po <- sum(diag(t)) / n; pe <- sum(rowSums(t) * colSums(t)) / n^2
  (po - pe) / (1 - pe)
}
# As irr::kappa2(weight = "squared"): categories = sorted union of observed values, weights
# 1 - (i - j)^2 / (k - 1)^2 on their ranks i, j.
weighted_kappa_quadratic <- function(a, b) {
  p <- complete_pairs(a, b); lev <- sort(unique(c(p$a, p$b))); k <- length(lev)
  t <- table(factor(p$a, lev), factor(p$b, lev)); n <- sum(t)
  w <- outer(1:k, 1:k, function(i, j) 1 - (i - j)^2 / (k - 1)^2)
  po <- sum(t * w) / n; pe <- sum(outer(rowSums(t), colSums(t)) * w) / n^2
  (po - pe) / (1 - pe)
}
# Gwet 2008, two raters: pe = sum_k pi_k (1 - pi_k) / (K - 1), pi_k = mean share of category k,
# K = categories observed by either coder.
gwet_ac1 <- function(a, b) {
  p <- complete_pairs(a, b); lev <- sort(unique(c(p$a, p$b))); K <- length(lev)
  pa <- mean(p$a == p$b)
  pik <- (table(factor(p$a, lev)) + table(factor(p$b, lev))) / (2 * length(p$a))
  pe <- sum(pik * (1 - pik)) / (K - 1)
  (pa - pe) / (1 - pe)
}
report_pair <- function(name, a, b) {
  fmt(paste(name, "n"), length(complete_pairs(a, b)$a))
  fmt(paste(name, "percent"), percent_agreement(a, b))
  fmt(paste(name, "cohen_kappa"), cohen_kappa(a, b))
  fmt(paste(name, "weighted_kappa"), weighted_kappa_quadratic(a, b))
  fmt(paste(name, "gwet_ac1"), gwet_ac1(a, b))
  fmt(paste(name, "alpha nominal"), kripp_alpha(rbind(a, b), "nominal"))
  fmt(paste(name, "alpha ordinal"), kripp_alpha(rbind(a, b), "ordinal"))
  fmt(paste(name, "alpha interval"), kripp_alpha(rbind(a, b), "interval"))
}

# Ordinal codes 1..4 (3 unused by b), one disagreement by two steps.
ordinal_a <- c(1, 2, 2, 3, 4, 4, 1, 2, 3, 3, 4, 1)
ordinal_b <- c(1, 2, 3, 3, 4, 2, 1, 1, 3, 4, 4, 2)
report_pair("ordinal", ordinal_a, ordinal_b)

# Kappa paradox: 90 of 100 agree on 1, none on 0: high percent, kappa < 0, AC1 high.
paradox_a <- c(rep(1, 90), rep(1, 5), rep(0, 5))
paradox_b <- c(rep(1, 90), rep(0, 5), rep(1, 5))
report_pair("paradox", paradox_a, paradox_b)

# Missing values on both sides; unequally spaced values (ranks differ from values).
missing_a <- c(0, 1, NA, 2, 5, 5, 1, 0, NA, 2, 5, 0)
missing_b <- c(0, 1, 1, NA, 5, 2, 1, 1, 2, 2, 5, 0)
report_pair("missing", missing_a, missing_b)

# Perfect agreement on three categories.
perfect <- c(1, 2, 3, 1, 2, 3, 3)
report_pair("perfect", perfect, perfect)

# Skewed three-category codes where Gwet's chance agreement differs from Cohen's.
skewed_a <- c(1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 1, 1, 2, 1, NA)
skewed_b <- c(1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 3, 1, 1, 2, 3, 2)
report_pair("skewed", skewed_a, skewed_b)
