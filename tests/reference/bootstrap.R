# bootstrap.R: percentile bootstrap CIs recomputed in R on the very resamples qareport draws.
# qareport resamples with GSL's MT19937 (gsl_rng_set(seed), gsl_rng_uniform_int(n)); R cannot
# reproduce that generator, so the indices come from tests/reference/gsl_draws.c (GSL itself,
# compiled here with cc), and every statistic and quantile is computed in R:
#   - tests/stats/test_krippendorff.c: Krippendorff's interval alpha of the 4 x 12 example
#     (agreement.R), 500 resamples of the pairable units (units coded at least twice), seeds 42
#     and 7, 95% and 99% type-7 quantiles of the defined alphas; and the 2 x 10 binary example
#     (nominal, 1000 resamples, seed 3, 90%);
#   - tests/e2e/test_options_reference.c (options_bootstrap.expected): `analyze --bootstrap 200
#     --seed 5` of tests/data/e2e/default_n200.csv: one generator for the ten tests in order
#     (H1 formation, H1 durability, H2 formation, ...), 200 resamples of each test's sample
#     (cases in file order), Spearman's rho, Kendall's tau-b and the univariate ML odds ratio
#     (glm) of each, 2.5% and 97.5% type-7 quantiles;
#   - tests/e2e/test_compare.c (compare_seed1.expected, compare_seed9.expected): the alpha CIs
#     of `qareport compare` of the two bundled codings, default --seed 1 and --seed 9.
# Needs a C compiler and libgsl-dev. Run from the repository root:
#   Rscript tests/reference/bootstrap.R
analysis_R_functions_only <- TRUE
source(file.path("tests", "reference", "analysis.R"))

draws_binary <- file.path(tempdir(), "gsl_draws")
stopifnot(system2("cc", c("-O2", "-o", draws_binary, file.path("tests", "reference", "gsl_draws.c"),
                          "-lgsl", "-lgslcblas", "-lm")) == 0)
gsl_draws <- function(seed, n, count) {
  spec <- paste0(n, ":", count)
  as.integer(system2(draws_binary, c(seed, spec), stdout = TRUE)) + 1L  # 1-based
}

# ---- Krippendorff's alpha ------------------------------------------------------------------
kripp_alpha <- function(data, level) {  # as tests/reference/agreement.R
  values <- sort(unique(as.vector(data[!is.na(data)])))
  V <- length(values)
  o <- matrix(0, V, V)
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
  De <- sum(outer(nc, nc) * delta2) / (n * (n - 1))
  if (De == 0) return(NA)  # a resample with a single value: alpha undefined, skipped
  1 - (sum(o * delta2) / n) / De
}
kripp_example <- rbind(
  c(1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA),
  c(1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3),
  c(NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA),
  c(1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA))
kripp_bootstrap <- function(data, level, replicates, seed, confidence) {
  name <- deparse(substitute(data))
  pairable <- which(colSums(!is.na(data)) >= 2)
  k <- length(pairable)
  draws <- matrix(gsl_draws(seed, k, replicates * k), nrow = k)
  alphas <- apply(draws, 2, function(d) kripp_alpha(data[, pairable[d], drop = FALSE], level))
  alphas <- alphas[!is.na(alphas)]
  q <- quantile(alphas, c((1 - confidence) / 2, (1 + confidence) / 2), type = 7, names = FALSE)
  cat(sprintf("%s %s B=%d seed=%d conf=%g: lower %.15g upper %.15g used %d\n", name, level,
              replicates, seed, confidence, q[1], q[2], length(alphas)))
}
kripp_bootstrap(kripp_example, "interval", 500, 42, 0.95)
kripp_bootstrap(kripp_example, "interval", 500, 42, 0.99)
kripp_bootstrap(kripp_example, "interval", 500, 7, 0.95)
# Two coders, binary, 10 units (Krippendorff 2011, section A): an interval below 1 at both ends.
kripp_binary <- rbind(c(0, 1, 0, 0, 0, 0, 0, 0, 1, 0),
                      c(1, 1, 1, 0, 0, 1, 0, 0, 0, 0))
kripp_bootstrap(kripp_binary, "nominal", 1000, 3, 0.90)

# ---- analyze --bootstrap 200 --seed 5 -------------------------------------------------------
d <- read_cases(file.path("tests", "data", "e2e", "default_n200.csv"))
replicates <- 200
samples <- list()
for (measure in measures) for (outcome in c("formation", "durability"))
  samples[[paste0(hypotheses[[measure]], ".", outcome)]] <- test_sample(d, measure, outcome)
sizes <- vapply(samples, nrow, integer(1))
spec <- paste0(sizes, ":", replicates * sizes)
all_draws <- as.integer(system2(draws_binary, c(5, spec), stdout = TRUE)) + 1L
stopifnot(length(all_draws) == sum(replicates * sizes))
sink <- new_sink()
offset <- 0
for (key in names(samples)) {
  s <- samples[[key]]
  n <- nrow(s)
  rho <- tau <- odds <- numeric(replicates)
  for (r in seq_len(replicates)) {
    i <- all_draws[offset + (r - 1) * n + seq_len(n)]
    x <- s$x[i]; y <- s$y[i]
    rho[r] <- suppressWarnings(cor(x, y, method = "spearman"))
    tau[r] <- suppressWarnings(cor(x, y, method = "kendall"))
    fit <- glm.fit(cbind(1, x), y, family = binomial(),
                   control = glm.control(epsilon = 1e-14, maxit = 100))
    odds[r] <- if (fit$converged) exp(fit$coefficients[2]) else NA
  }
  offset <- offset + replicates * n
  ci <- function(v) quantile(v[is.finite(v)], c(0.025, 0.975), type = 7, names = FALSE)
  prefix <- paste0("tests.", key)
  emit(sink, paste0(prefix, ".spearman.ci.0"), ci(rho)[1])
  emit(sink, paste0(prefix, ".spearman.ci.1"), ci(rho)[2])
  emit(sink, paste0(prefix, ".kendall.ci.0"), ci(tau)[1])
  emit(sink, paste0(prefix, ".kendall.ci.1"), ci(tau)[2])
  emit(sink, paste0(prefix, ".logit.or_bootstrap_ci.0"), ci(odds)[1])
  emit(sink, paste0(prefix, ".logit.or_bootstrap_ci.1"), ci(odds)[2])
}
writeLines(paste(sink$keys, sink$values),
           file.path("tests", "reference", "options_bootstrap.expected"))

# ---- compare: agreement of the bundled codings, with --seed 1 (default) and --seed 9 ------------
# `qareport compare` bootstraps Krippendorff's alpha of each column with 1000 replicates,
# each column from a fresh generator seeded with --seed, resampling the units coded in both
# files (coder A's case order). Measures are ordinal. Also the percent agreement, kappas, AC1
# and alpha of every measure, from their formulas (as compare_bundled.R does for security).
a <- read.csv(file.path("datasets", "quasi_alliance_cases.csv"))
b <- read.csv(file.path("datasets", "quasi_alliance_cases_coder_b.csv"))
b <- b[match(a$case_id, b$case_id), ]
for (seed in c(1, 9)) {
  sink <- new_sink()
  for (measure in measures) {
    x <- a[[measure]]; y <- b[[measure]]
    data <- rbind(x, y)
    prefix <- paste0("agreement.", measure, ".")
    if (seed == 1) {
      levels <- sort(unique(c(x, y))); k <- length(levels)
      tab <- table(factor(x, levels), factor(y, levels)) / length(x)
      po <- sum(diag(tab)); pe <- sum(rowSums(tab) * colSums(tab))
      w <- outer(1:k, 1:k, function(i, j) 1 - (i - j)^2 / (k - 1)^2)
      pow <- sum(w * tab); pew <- sum(w * outer(rowSums(tab), colSums(tab)))
      pi_k <- (rowSums(tab) + colSums(tab)) / 2
      pe_ac1 <- sum(pi_k * (1 - pi_k)) / (k - 1)
      emit(sink, paste0(prefix, "n"), length(x))
      emit(sink, paste0(prefix, "percent"), 100 * po)
      emit(sink, paste0(prefix, "cohen_kappa"), (po - pe) / (1 - pe))
      emit(sink, paste0(prefix, "weighted_kappa"), (pow - pew) / (1 - pew))
      emit(sink, paste0(prefix, "gwet_ac1"), (po - pe_ac1) / (1 - pe_ac1))
      emit(sink, paste0(prefix, "krippendorff_alpha"), kripp_alpha(data, "ordinal"))
    }
    pairable <- which(colSums(!is.na(data)) >= 2)
    k <- length(pairable)
    draws <- matrix(gsl_draws(seed, k, 1000 * k), nrow = k)
    alphas <- apply(draws, 2, function(d) kripp_alpha(data[, pairable[d], drop = FALSE], "ordinal"))
    alphas <- alphas[!is.na(alphas)]
    q <- quantile(alphas, c(0.025, 0.975), type = 7, names = FALSE)
    emit(sink, paste0(prefix, "alpha_ci.0"), q[1])
    emit(sink, paste0(prefix, "alpha_ci.1"), q[2])
  }
  writeLines(paste(sink$keys, sink$values),
             file.path("tests", "reference", paste0("compare_seed", seed, ".expected")))
}
