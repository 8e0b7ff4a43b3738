# analysis.R: independent reference for `qareport analyze` (end-to-end tests).
#
# Reads each dataset in tests/data/e2e/ and writes tests/reference/analysis_<name>.expected
# (tests, models, the small-sample panel) and analysis_<name>_robustness.expected
# (specification verdicts, stable_k/of_m, leave-one-case-out flips, cox.zph PH tests):
# one "key value" line per number, keys being the flattened `--json` output (see
# tests/support/json_flat.h), values sprintf("%.15g"), `null` for missing, strings bare.
# Options are the defaults: --durable-years 5, --alpha 0.05, --adjust holm, --firth auto.
#
# Run from the repository root:   Rscript tests/reference/analysis.R
# Needs R >= 4.2 with survival, brglm2 (Firth estimates) and lpSolve (Konis 2007 separation
# check; Debian: r-cran-lpsolve). Every rule below follows docs/METHODS.md §4-§6
# (statistics: §5); the comments say where R is used as is and where it is refined.
suppressPackageStartupMessages({
  library(survival)
  library(brglm2)
  library(lpSolve)
})

measures <- c("security", "political", "economic", "cognitive", "value")
hypotheses <- setNames(paste0("H", 1:5), measures)
durable_years <- 5
datasets <- c("default_n200", "firth_n40", "censored_n120")

# ---- output -------------------------------------------------------------------------------
new_sink <- function() {
  env <- new.env()
  env$keys <- character()
  env$values <- character()
  env
}
format_value <- function(value) {
  if (is.null(value) || length(value) == 0) return("null")
  if (is.character(value)) return(value)
  if (is.logical(value)) return(if (is.na(value)) "null" else if (value) "true" else "false")
  value <- as.numeric(value)
  if (!is.finite(value)) return("null")
  if (value == 0) return("0")
  sprintf("%.15g", value)
}
emit <- function(sink, key, value) {
  sink$keys <- c(sink$keys, key)
  sink$values <- c(sink$values, format_value(value))
}

# ---- the data -----------------------------------------------------------------------------
read_cases <- function(path, threshold = durable_years) {
  d <- read.csv(path, na.strings = c("", "NA", "."), stringsAsFactors = FALSE,
                colClasses = c(case_id = "character", notes = "character"))
  # METHODS §3.1: a blank ongoing cell falls back to "ongoing <=> end_year empty".
  ongoing <- ifelse(is.na(d$ongoing), as.integer(is.na(d$end_year)), d$ongoing)
  # Observation year of an ongoing case: observed_until, else its own filled end_year.
  observed <- ifelse(!is.na(d$observed_until), d$observed_until, d$end_year)
  duration <- ifelse(ongoing == 1, observed - d$start_year, d$end_year - d$start_year)
  durable <- ifelse(ongoing == 0, as.integer(duration > threshold),
                    ifelse(duration > threshold, 1L, NA_integer_))
  formed <- !is.na(d$formed) & d$formed == 1
  d$duration <- ifelse(formed, duration, NA)
  d$event <- ifelse(formed, 1L - ongoing, NA)
  d$durable <- ifelse(formed, durable, NA)
  d
}

# ---- separation: Konis (2007) linear program, as detectseparation's "primal" test --------
# Maximise sum_i s_i x_i'b subject to s_i x_i'b >= 0 and -1 <= b <= 1, with s_i = 2 y_i - 1;
# a nonzero optimum means complete or quasi-complete separation. lpSolve wants variables >= 0,
# so b = u - 1 with 0 <= u <= 2.
is_separated <- function(X, y) {
  signed <- (2 * y - 1) * X
  p <- ncol(X)
  constraints <- rbind(signed, diag(p))
  rhs <- c(rowSums(signed), rep(2, p))
  dirs <- c(rep(">=", nrow(X)), rep("<=", p))
  solution <- lp("max", colSums(signed), constraints, dirs, rhs)
  stopifnot(solution$status == 0)
  beta <- solution$solution - 1
  any(abs(beta) > 1e-7)
}

# ---- ML logit: glm, refined so that estimates are the exact maximum and SEs are taken there
ml_logit <- function(X, y) {
  fit <- glm.fit(X, y, family = binomial(), control = glm.control(epsilon = 1e-14, maxit = 100))
  b <- fit$coefficients
  for (step in 1:3) {  # Newton steps: glm's SEs come from the next-to-last iterate
    p <- c(plogis(X %*% b))
    information <- crossprod(X, X * (p * (1 - p)))
    b <- b + c(solve(information, crossprod(X, y - p)))
  }
  p <- c(plogis(X %*% b))
  covariance <- solve(crossprod(X, X * (p * (1 - p))))
  eta <- c(X %*% b)
  loglik <- sum(y * plogis(eta, log.p = TRUE) + (1 - y) * plogis(-eta, log.p = TRUE))
  p0 <- mean(y)
  null_loglik <- sum(y) * log(p0) + sum(1 - y) * log(1 - p0)
  se <- sqrt(diag(covariance))
  z <- b / se
  list(method = "ml", b = b, se = se, z = z, p = 2 * pnorm(-abs(z)),
       ci_lower = b - qnorm(0.975) * se, ci_upper = b + qnorm(0.975) * se,
       fitted = p, loglik = loglik, null_loglik = null_loglik)
}

# ---- Firth logit (Firth 1993; Heinze & Schemper 2002), as logistf --------------------------
# Penalized loglik l(b) + 1/2 log det(X'WX). `fixed` holds coefficients kept at given values
# (NA = free); the penalty always uses the full design, as logistf does for profile and
# restricted fits.
penalized_loglik <- function(X, y, b) {
  eta <- c(X %*% b)
  p <- plogis(eta)
  sum(y * plogis(eta, log.p = TRUE) + (1 - y) * plogis(-eta, log.p = TRUE)) +
    0.5 * c(determinant(crossprod(X, X * (p * (1 - p))))$modulus)
}
firth_fit <- function(X, y, fixed = rep(NA_real_, ncol(X)), start = rep(0, ncol(X))) {
  b <- start
  b[!is.na(fixed)] <- fixed[!is.na(fixed)]
  free <- is.na(fixed)
  if (any(free)) for (iteration in 1:500) {
    p <- c(plogis(X %*% b))
    w <- p * (1 - p)
    information <- crossprod(X, X * w)
    hat <- rowSums((X %*% solve(information)) * X) * w
    score <- c(crossprod(X, y - p + hat * (0.5 - p)))  # Firth's modified score
    if (max(abs(score[free])) < 1e-11) break
    step <- c(solve(information[free, free, drop = FALSE], score[free]))
    if (max(abs(step)) > 5) step <- step * 5 / max(abs(step))  # logistf's maxstep
    current <- penalized_loglik(X, y, b)
    for (halving in 0:40) {
      candidate <- b
      candidate[free] <- b[free] + step
      if (penalized_loglik(X, y, candidate) >= current - 1e-13) break
      step <- step / 2
    }
    b <- candidate
  }
  list(b = b, loglik = penalized_loglik(X, y, b))
}
firth_logit <- function(X, y, data_frame, formula) {
  full <- firth_fit(X, y)
  # Estimates and SEs as brglm2 (AS_mean) gives them; our own iteration must agree.
  reference <- glm(formula, data = data_frame, family = binomial(), method = brglm2::brglmFit,
                   type = "AS_mean", control = list(epsilon = 1e-14, maxit = 500))
  stopifnot(max(abs(coef(reference) - full$b)) < 1e-8)
  b <- full$b
  p <- c(plogis(X %*% b))
  se <- sqrt(diag(solve(crossprod(X, X * (p * (1 - p))))))
  stopifnot(max(abs(sqrt(diag(vcov(reference))) - se) / se) < 1e-7)
  threshold <- qchisq(0.95, 1)
  k <- ncol(X)
  lr_p <- ci_lower <- ci_upper <- numeric(k)
  for (j in seq_len(k)) {
    profile <- function(value) {
      fixed <- rep(NA_real_, k)
      fixed[j] <- value
      2 * (full$loglik - firth_fit(X, y, fixed, start = b)$loglik)
    }
    lr_p[j] <- pchisq(profile(0), 1, lower.tail = FALSE)
    bound <- function(direction) {
      width <- se[j]
      while (profile(b[j] + direction * width) < threshold) width <- width * 2
      uniroot(function(v) profile(v) - threshold, sort(c(b[j], b[j] + direction * width)),
              tol = 1e-13)$root
    }
    ci_lower[j] <- bound(-1)
    ci_upper[j] <- bound(+1)
  }
  null_fixed <- c(NA_real_, rep(0, k - 1))  # intercept-only, penalty from the full design
  null_loglik <- firth_fit(X, y, null_fixed)$loglik
  z <- b / se
  list(method = "firth", b = b, se = se, z = z, p = lr_p, wald_p = 2 * pnorm(-abs(z)),
       ci_lower = ci_lower, ci_upper = ci_upper, fitted = p, loglik = full$loglik,
       null_loglik = null_loglik)
}

# ---- fit statistics ------------------------------------------------------------------------
hosmer_lemeshow <- function(y, fitted) {
  breaks <- unique(quantile(fitted, seq(0, 1, 0.1), type = 7))
  if (length(breaks) < 2) return(list(chi2 = NA, df = NA, p = NA))
  group <- cut(fitted, breaks, include.lowest = TRUE)
  observed <- tapply(y, group, sum)
  expected <- tapply(fitted, group, sum)
  size <- tapply(y, group, length)
  keep <- !is.na(size) & size > 0
  observed <- observed[keep]; expected <- expected[keep]; size <- size[keep]
  chi2 <- sum((observed - expected)^2 / expected +
              ((size - observed) - (size - expected))^2 / (size - expected))
  df <- length(size) - 2
  if (df < 1) return(list(chi2 = NA, df = NA, p = NA))
  list(chi2 = chi2, df = df, p = pchisq(chi2, df, lower.tail = FALSE))
}
auc_mann_whitney <- function(y, fitted) {
  ranks <- rank(fitted)  # average ranks: ties count 1/2
  n1 <- sum(y == 1); n0 <- sum(y == 0)
  (sum(ranks[y == 1]) - n1 * (n1 + 1) / 2) / (n1 * n0)
}

emit_logit_model <- function(sink, name, fit, X, y, vif = NULL) {
  prefix <- paste0("models.", name)
  n <- length(y)
  k <- ncol(X)
  emit(sink, paste0(prefix, ".method"), fit$method)
  emit(sink, paste0(prefix, ".separation"), fit$separated)
  emit(sink, paste0(prefix, ".n"), n)
  emit(sink, paste0(prefix, ".events"), sum(y))
  predicted <- fit$fitted > 0.5
  emit(sink, paste0(prefix, ".classification.tn"), sum(y == 0 & !predicted))
  emit(sink, paste0(prefix, ".classification.fp"), sum(y == 0 & predicted))
  emit(sink, paste0(prefix, ".classification.fn"), sum(y == 1 & !predicted))
  emit(sink, paste0(prefix, ".classification.tp"), sum(y == 1 & predicted))
  for (j in seq_len(k)) {
    term <- paste0(prefix, ".terms.", colnames(X)[j])
    emit(sink, paste0(term, ".b"), fit$b[j])
    emit(sink, paste0(term, ".se"), fit$se[j])
    emit(sink, paste0(term, ".z"), fit$z[j])
    emit(sink, paste0(term, ".p"), fit$p[j])
    if (fit$method == "firth") emit(sink, paste0(term, ".wald_p"), fit$wald_p[j])
    emit(sink, paste0(term, ".or"), exp(fit$b[j]))
    emit(sink, paste0(term, ".ci.0"), fit$ci_lower[j])
    emit(sink, paste0(term, ".ci.1"), fit$ci_upper[j])
    if (!is.null(vif) && j > 1) emit(sink, paste0(term, ".vif"), vif[colnames(X)[j]])
  }
  ll <- fit$loglik; ll0 <- fit$null_loglik
  lr <- 2 * (ll - ll0)
  ml <- fit$method == "ml"
  cox_snell <- 1 - exp(2 * (ll0 - ll) / n)
  fit_prefix <- paste0(prefix, ".fit.")
  emit(sink, paste0(fit_prefix, "loglik"), ll)
  emit(sink, paste0(fit_prefix, "null_loglik"), ll0)
  emit(sink, paste0(fit_prefix, "aic"), if (ml) -2 * ll + 2 * k else NA)
  emit(sink, paste0(fit_prefix, "bic"), if (ml) -2 * ll + k * log(n) else NA)
  emit(sink, paste0(fit_prefix, "lr_chi2"), lr)
  emit(sink, paste0(fit_prefix, "lr_df"), k - 1)
  emit(sink, paste0(fit_prefix, "lr_p"), pchisq(lr, k - 1, lower.tail = FALSE))
  emit(sink, paste0(fit_prefix, "mcfadden_r2"), if (ml) 1 - ll / ll0 else NA)
  emit(sink, paste0(fit_prefix, "cox_snell_r2"), if (ml) cox_snell else NA)
  emit(sink, paste0(fit_prefix, "nagelkerke_r2"),
       if (ml) cox_snell / (1 - exp(2 * ll0 / n)) else NA)
  hl <- hosmer_lemeshow(y, fit$fitted)
  emit(sink, paste0(fit_prefix, "hosmer_lemeshow.chi2"), hl$chi2)
  emit(sink, paste0(fit_prefix, "hosmer_lemeshow.df"), hl$df)
  emit(sink, paste0(fit_prefix, "hosmer_lemeshow.p"), hl$p)
  emit(sink, paste0(fit_prefix, "auc"), auc_mann_whitney(y, fit$fitted))
}

# Fits outcome ~ terms on the given rows: ML, or Firth when the sample is separated.
fit_logit <- function(d, outcome, terms, firth = "auto") {
  formula <- reformulate(terms, response = outcome)
  X <- model.matrix(formula, d)
  y <- d[[outcome]]
  separated <- is_separated(X, y)
  use_firth <- firth == "always" || (firth == "auto" && separated)
  fit <- if (use_firth) firth_logit(X, y, d, formula) else ml_logit(X, y)
  fit$separated <- separated
  list(fit = fit, X = X, y = y)
}

variance_inflation <- function(d, terms) {
  sapply(terms, function(term) {
    others <- setdiff(terms, term)
    1 / (1 - summary(lm(reformulate(others, response = term), data = d))$r.squared)
  })
}

# ---- Cox -----------------------------------------------------------------------------------
fit_cox <- function(d, terms) {
  formula <- reformulate(terms, response = "Surv(duration, event)")
  coxph(formula, data = d, ties = "efron",
        control = coxph.control(eps = 1e-12, toler.chol = 1e-15, iter.max = 100))
}
emit_cox_model <- function(sink, name, fit) {
  prefix <- paste0("models.", name)
  s <- summary(fit)
  b <- coef(fit); se <- sqrt(diag(vcov(fit))); z <- b / se
  emit(sink, paste0(prefix, ".method"), "efron")
  emit(sink, paste0(prefix, ".n"), fit$n)
  emit(sink, paste0(prefix, ".events"), fit$nevent)
  for (j in seq_along(b)) {
    term <- paste0(prefix, ".terms.", names(b)[j])
    emit(sink, paste0(term, ".b"), b[j])
    emit(sink, paste0(term, ".se"), se[j])
    emit(sink, paste0(term, ".z"), z[j])
    emit(sink, paste0(term, ".p"), 2 * pnorm(-abs(z[j])))
    emit(sink, paste0(term, ".hr"), exp(b[j]))
    emit(sink, paste0(term, ".ci.0"), b[j] - qnorm(0.975) * se[j])
    emit(sink, paste0(term, ".ci.1"), b[j] + qnorm(0.975) * se[j])
  }
  k <- length(b)
  lr <- 2 * (fit$loglik[2] - fit$loglik[1])
  fit_prefix <- paste0(prefix, ".fit.")
  emit(sink, paste0(fit_prefix, "loglik"), fit$loglik[2])
  emit(sink, paste0(fit_prefix, "null_loglik"), fit$loglik[1])
  emit(sink, paste0(fit_prefix, "aic"), AIC(fit))
  emit(sink, paste0(fit_prefix, "bic"), -2 * fit$loglik[2] + k * log(fit$nevent))
  emit(sink, paste0(fit_prefix, "lr_chi2"), lr)
  emit(sink, paste0(fit_prefix, "lr_df"), k)
  emit(sink, paste0(fit_prefix, "lr_p"), pchisq(lr, k, lower.tail = FALSE))
  # summary(coxph)$rsq: rsq = 1 - exp(-LR/n) (Cox-Snell), maxrsq = 1 - exp(2 ll0 / n).
  emit(sink, paste0(fit_prefix, "cox_snell_r2"), s$rsq[["rsq"]])
  emit(sink, paste0(fit_prefix, "nagelkerke_r2"), s$rsq[["rsq"]] / s$rsq[["maxrsq"]])
  emit(sink, paste0(fit_prefix, "concordance"), s$concordance[[1]])
}

# ---- the ten tests -------------------------------------------------------------------------
test_sample <- function(d, measure, outcome) {
  if (outcome == "formation") {
    rows <- !is.na(d$formed) & !is.na(d[[measure]])
    data.frame(x = d[[measure]][rows], y = d$formed[rows])
  } else {
    rows <- !is.na(d$formed) & d$formed == 1 & !is.na(d[[measure]]) & !is.na(d$durable)
    data.frame(x = d[[measure]][rows], y = d$durable[rows])
  }
}

# `options` (tests/reference/options_e2e.R): alpha, adjust ("holm", "BH", "none"),
# one_sided, firth ("auto", "always"), as `qareport analyze --alpha --adjust --sided --firth`.
# `joint = FALSE` leaves out the joint models (the --by groups compare only their tests).
default_options <- list(alpha = 0.05, adjust = "holm", one_sided = FALSE, firth = "auto",
                        joint = TRUE)
analyse <- function(d, options = default_options) {
  sink <- new_sink()
  tests <- list()
  for (outcome in c("formation", "durability")) for (measure in measures) {
    key <- paste0("tests.", hypotheses[[measure]], ".", outcome)
    s <- test_sample(d, measure, outcome)
    n <- nrow(s)
    testable <- n >= 10 && length(unique(s$y)) > 1 && length(unique(s$x)) > 1
    emit(sink, paste0(key, ".n"), n)
    events <- sum(s$y == 1)
    robust <- paste0("robustness.", hypotheses[[measure]], ".", outcome)
    emit(sink, paste0(robust, ".n"), n)
    emit(sink, paste0(robust, ".events"), events)
    emit(sink, paste0(robust, ".non_events"), n - events)
    emit(sink, paste0(robust, ".epv"), min(events, n - events) / 1)
    emit(sink, paste0(robust, ".fragile"), min(events, n - events) < 10)
    test <- list(key = key, testable = testable, b = NA, p = NA)
    if (testable) {
      pearson <- cor.test(s$x, s$y)
      spearman <- cor.test(s$x, s$y, method = "spearman", exact = FALSE)
      kendall <- cor.test(s$x, s$y, method = "kendall", exact = FALSE)
      emit(sink, paste0(key, ".pearson.r"), pearson$estimate)
      emit(sink, paste0(key, ".pearson.p"), pearson$p.value)
      emit(sink, paste0(key, ".pearson.ci.0"), pearson$conf.int[1])
      emit(sink, paste0(key, ".pearson.ci.1"), pearson$conf.int[2])
      emit(sink, paste0(key, ".spearman.rho"), spearman$estimate)
      emit(sink, paste0(key, ".spearman.p"), spearman$p.value)
      emit(sink, paste0(key, ".kendall.tau_b"), kendall$estimate)
      emit(sink, paste0(key, ".kendall.p"), kendall$p.value)
      names(s)[names(s) == "x"] <- measure
      logit <- fit_logit(s, "y", measure, options$firth)
      fit <- logit$fit
      emit_logit_model(sink, paste0(outcome, "_", measure), fit, logit$X, logit$y)
      emit(sink, paste0(key, ".logit.method"), fit$method)
      emit(sink, paste0(key, ".logit.b"), fit$b[2])
      emit(sink, paste0(key, ".logit.se"), fit$se[2])
      emit(sink, paste0(key, ".logit.z"), fit$z[2])
      emit(sink, paste0(key, ".logit.p"), fit$p[2])
      if (fit$method == "firth") emit(sink, paste0(key, ".logit.wald_p"), fit$wald_p[2])
      emit(sink, paste0(key, ".logit.or"), exp(fit$b[2]))
      emit(sink, paste0(key, ".logit.or_ci.0"), exp(fit$ci_lower[2]))
      emit(sink, paste0(key, ".logit.or_ci.1"), exp(fit$ci_upper[2]))
      test$b <- fit$b[2]
      test$p <- fit$p[2]
    }
    if (outcome == "durability") emit_survival_test(sink, d, measure, key)
    tests[[length(tests) + 1]] <- test
  }
  emit_verdicts(sink, tests, options)
  if (options$joint) emit_joint_models(sink, d, options$firth)
  sink
}

emit_survival_test <- function(sink, d, measure, key) {
  rows <- !is.na(d$formed) & d$formed == 1 & !is.na(d[[measure]]) &
    !is.na(d$duration) & !is.na(d$event)
  cd <- d[rows, ]
  fit <- fit_cox(cd, measure)
  emit_cox_model(sink, paste0("cox_", measure), fit)
  b <- coef(fit)[[1]]; se <- sqrt(vcov(fit)[1, 1])
  emit(sink, paste0(key, ".cox.b"), b)
  emit(sink, paste0(key, ".cox.se"), se)
  emit(sink, paste0(key, ".cox.p"), 2 * pnorm(-abs(b / se)))
  emit(sink, paste0(key, ".cox.hr"), exp(b))
  emit(sink, paste0(key, ".cox.hr_ci.0"), exp(b - qnorm(0.975) * se))
  emit(sink, paste0(key, ".cox.hr_ci.1"), exp(b + qnorm(0.975) * se))
  split <- median(cd[[measure]])
  cd$above <- cd[[measure]] > split
  emit(sink, paste0(key, ".km.split"), split)
  emit(sink, paste0(key, ".km.n_above"), sum(cd$above))
  emit(sink, paste0(key, ".km.n_at_or_below"), sum(!cd$above))
  stopifnot(any(cd$above), any(!cd$above))
  curves <- survfit(Surv(duration, event) ~ above, data = cd)
  medians <- summary(curves)$table[, "median"]
  emit(sink, paste0(key, ".km.median_above"), medians[["above=TRUE"]])
  emit(sink, paste0(key, ".km.median_at_or_below"), medians[["above=FALSE"]])
  logrank <- survdiff(Surv(duration, event) ~ above, data = cd)
  emit(sink, paste0(key, ".km.logrank_chi2"), logrank$chisq)
  emit(sink, paste0(key, ".km.logrank_p"), pchisq(logrank$chisq, 1, lower.tail = FALSE))
}

emit_verdicts <- function(sink, tests, options = default_options) {
  testable <- vapply(tests, function(t) t$testable, logical(1))
  p <- vapply(tests, function(t) t$p, numeric(1))
  b <- vapply(tests, function(t) t$b, numeric(1))
  # one-sided in the hypothesised (positive) direction: p/2 when B > 0, else 1 - p/2
  if (options$one_sided) p <- ifelse(b > 0, p / 2, 1 - p / 2)
  adjusted <- rep(NA_real_, length(tests))
  adjusted[testable] <- p.adjust(p[testable], options$adjust)
  for (i in seq_along(tests)) {
    t <- tests[[i]]
    verdict <- if (!t$testable) "not_testable"
      else if (t$b > 0 && adjusted[i] < options$alpha) "supported"
      else if (t$b < 0 && adjusted[i] < options$alpha) "contradicted"
      else "not_supported"
    emit(sink, paste0(t$key, ".p_adjusted"), adjusted[i])
    emit(sink, paste0(t$key, ".verdict"), verdict)
  }
}

emit_joint_models <- function(sink, d, firth = "auto") {
  complete <- !is.na(d$formed) & complete.cases(d[, measures])
  formation <- d[complete, ]
  logit <- fit_logit(formation, "formed", measures, firth)
  emit_logit_model(sink, "formation_joint", logit$fit, logit$X, logit$y,
                   variance_inflation(formation, measures))
  durability <- d[complete & d$formed == 1 & !is.na(d$durable), ]
  logit <- fit_logit(durability, "durable", measures, firth)
  emit_logit_model(sink, "durability_joint", logit$fit, logit$X, logit$y,
                   variance_inflation(durability, measures))
  survival_rows <- complete & d$formed == 1 & !is.na(d$duration) & !is.na(d$event)
  emit_cox_model(sink, "cox_joint", fit_cox(d[survival_rows, ], measures))
}

# ---- robustness: specification matrix, case influence, proportional hazards ---------------
# docs/METHODS.md §6.2-§6.4. Written to analysis_<name>_robustness.expected. Each specification is a
# rerun of the ten tests with one choice changed, Holm-adjusted together, judged by the
# verdict rule on the sign of r, rho, tau, B or -B (Cox).

# b and p of every non-intercept term: ML (Wald p) or Firth (penalized LR p), `auto` choosing
# Firth when separated; an ML fit on separated data counts as p = 1 (METHODS §4.4).
term_tests <- function(X, y, method = "auto") {
  separated <- is_separated(X, y)
  firth <- method == "firth" || (method == "auto" && separated)
  terms <- seq_len(ncol(X))[-1]
  if (firth) {
    full <- firth_fit(X, y)
    p <- vapply(terms, function(j) {
      fixed <- rep(NA_real_, ncol(X))
      fixed[j] <- 0
      restricted <- firth_fit(X, y, fixed, start = full$b)
      pchisq(2 * (full$loglik - restricted$loglik), 1, lower.tail = FALSE)
    }, numeric(1))
    return(list(b = full$b[terms], p = p, firth = TRUE))
  }
  if (separated) {
    fit <- suppressWarnings(glm.fit(X, y, family = binomial()))
    return(list(b = fit$coefficients[terms], p = rep(1, length(terms)), firth = FALSE))
  }
  fit <- ml_logit(X, y)
  list(b = fit$b[terms], p = fit$p[terms], firth = FALSE)
}

# Member-robust Wald p of the measure (issue 11; tests/reference/member_analysis.R has the
# whole treatment): V = B U'AU B with A[i, j] = 1 when cases i and j share a member.
member_p <- function(X, y, cells) {
  lists <- lapply(cells, function(cell) {
    if (is.na(cell)) return(character(0))
    names <- trimws(strsplit(cell, ";", fixed = TRUE)[[1]], whitespace = "[ \t]")
    unique(names[!(names %in% c("", "NA", "."))])
  })
  n <- length(lists)
  A <- diag(n)
  for (i in seq_len(n)) for (j in seq_len(n))
    if (length(intersect(lists[[i]], lists[[j]])) > 0) A[i, j] <- 1
  firth <- is_separated(X, y)
  b <- if (firth) firth_fit(X, y)$b else ml_logit(X, y)$b
  p <- c(plogis(X %*% b))
  w <- p * (1 - p)
  B <- solve(crossprod(X, X * w))
  r <- y - p
  if (firth) r <- r + rowSums((X %*% B) * X) * w * (0.5 - p)
  U <- X * r
  V <- B %*% t(U) %*% A %*% U %*% B
  2 * pnorm(-abs(b[2] / sqrt(V[2, 2])))
}

testable_sample <- function(s) {
  nrow(s) >= 10 && length(unique(s$y)) > 1 && length(unique(s$x)) > 1
}

# One statistic per test (sign and p) under a specification; NA statistic = not testable.
# `alternative`: for each test, TRUE to use the other fitting method than its primary fit.
specification_statistics <- function(d, specification) {
  out <- list()
  for (outcome in c("formation", "durability")) for (measure in measures) {
    s <- test_sample(d, measure, outcome)
    entry <- list(testable = testable_sample(s), sign = NA_real_, p = NA_real_)
    use <- specification
    if (outcome == "formation" && use %in% c("cox", "threshold")) use <- "primary"
    if (entry$testable) {
      if (use %in% c("pearson", "spearman", "kendall")) {
        test <- suppressWarnings(cor.test(s$x, s$y, method = use, exact = FALSE))
        entry$sign <- test$estimate; entry$p <- test$p.value
      } else if (use == "member") {
        rows <- if (outcome == "formation") !is.na(d$formed) & !is.na(d[[measure]])
          else !is.na(d$formed) & d$formed == 1 & !is.na(d[[measure]]) & !is.na(d$durable)
        entry$sign <- term_tests(cbind(1, s$x), s$y)$b[1]
        entry$p <- member_p(cbind(1, s$x), s$y, d$members[rows])
      } else if (use %in% c("primary", "threshold", "method")) {
        X <- cbind(1, s$x)
        primary <- term_tests(X, s$y)
        fit <- if (use == "method") term_tests(X, s$y, if (primary$firth) "ml" else "firth")
               else primary
        entry$sign <- fit$b[1]; entry$p <- fit$p[1]
      }
    }
    if (use == "cox") {
      rows <- !is.na(d$formed) & d$formed == 1 & !is.na(d[[measure]]) & !is.na(d$duration)
      cd <- d[rows, ]
      entry$testable <- nrow(cd) >= 10 && sum(cd$event) > 0 && length(unique(cd[[measure]])) > 1
      if (entry$testable) {
        fit <- fit_cox(cd, measure)
        b <- coef(fit)[[1]]; se <- sqrt(vcov(fit)[1, 1])
        entry$sign <- -b; entry$p <- 2 * pnorm(-abs(b / se))
      }
    }
    out[[paste0(hypotheses[[measure]], ".", outcome)]] <- entry
  }
  if (specification == "joint") out <- joint_statistics(d, out)
  out
}

joint_statistics <- function(d, out) {
  for (outcome in c("formation", "durability")) {
    rows <- !is.na(d$formed) & complete.cases(d[, measures])
    if (outcome == "durability") rows <- rows & d$formed == 1 & !is.na(d$durable)
    jd <- d[rows, ]
    y <- if (outcome == "formation") jd$formed else jd$durable
    X <- model.matrix(reformulate(measures), jd)
    usable <- nrow(jd) >= 10 && length(unique(y)) > 1
    fit <- if (usable) term_tests(X, y) else NULL
    for (k in seq_along(measures)) {
      key <- paste0(hypotheses[[measures[k]]], ".", outcome)
      testable <- usable && length(unique(jd[[measures[k]]])) > 1
      out[[key]] <- list(testable = testable, sign = if (testable) fit$b[k] else NA,
                         p = if (testable) fit$p[k] else NA)
    }
  }
  out
}

judge <- function(statistics) {
  testable <- vapply(statistics, function(e) e$testable, logical(1))
  p <- vapply(statistics, function(e) as.numeric(e$p), numeric(1))
  adjusted <- rep(NA_real_, length(p))
  adjusted[testable] <- p.adjust(p[testable], "holm")
  verdicts <- vapply(seq_along(statistics), function(i) {
    sign <- as.numeric(statistics[[i]]$sign)
    if (!testable[i]) "not_testable"
    else if (sign > 0 && adjusted[i] < 0.05) "supported"
    else if (sign < 0 && adjusted[i] < 0.05) "contradicted"
    else "not_supported"
  }, character(1))
  setNames(verdicts, names(statistics))
}

robustness_reference <- function(path) {
  sink <- new_sink()
  d <- read_cases(path)
  primary_statistics <- specification_statistics(d, "primary")
  primary <- judge(primary_statistics)
  uses_firth <- vapply(names(primary), function(key) {
    parts <- strsplit(key, ".", fixed = TRUE)[[1]]
    s <- test_sample(d, measures[match(parts[1], hypotheses)], parts[2])
    testable_sample(s) && is_separated(cbind(1, s$x), s$y)
  }, logical(1))
  specifications <- list(
    pearson = judge(specification_statistics(d, "pearson")),
    spearman = judge(specification_statistics(d, "spearman")),
    kendall = judge(specification_statistics(d, "kendall")),
    method = judge(specification_statistics(d, "method")),
    joint = judge(specification_statistics(d, "joint")),
    member = judge(specification_statistics(d, "member")),
    cox = judge(specification_statistics(d, "cox")))
  for (threshold in c(3, 7, 10))
    specifications[[paste0("threshold_", threshold)]] <-
      judge(specification_statistics(read_cases(path, threshold), "threshold"))
  influence <- case_influence(d, primary)
  for (key in names(primary)) {
    prefix <- paste0("robustness.", key)
    durability <- grepl("durability", key)
    names_here <- c("pearson", "spearman", "kendall", "method", "joint", "member",
                    if (durability) c("threshold_3", "threshold_7", "threshold_10", "cox"))
    emit(sink, paste0(prefix, ".specifications.primary.verdict"), primary[[key]])
    agree <- 1
    for (name in names_here) {
      label <- if (name == "method") (if (uses_firth[[key]]) "ml" else "firth") else name
      verdict <- specifications[[name]][[key]]
      emit(sink, paste0(prefix, ".specifications.", label, ".verdict"), verdict)
      agree <- agree + (verdict == primary[[key]])
    }
    emit(sink, paste0(prefix, ".stable_k"), agree)
    emit(sink, paste0(prefix, ".of_m"), length(names_here) + 1)
    flips <- influence[[key]]
    for (i in seq_along(flips))
      emit(sink, paste0(prefix, ".flipping_cases.", i - 1), flips[i])
  }
  emit_ph_tests(sink, d)
  sink
}

# Leave-one-case-out: the primary analysis (Holm included) without each case, in file order.
# (Members shared by at least two cases would be tried too; the synthetic members are unique.)
case_influence <- function(d, primary) {
  flips <- setNames(rep(list(character()), length(primary)), names(primary))
  for (i in seq_len(nrow(d))) {
    verdicts <- judge(specification_statistics(d[-i, ], "primary"))
    for (key in names(primary)[verdicts != primary])
      flips[[key]] <- c(flips[[key]], d$case_id[i])
  }
  flips
}

# Scaled Schoenfeld residual tests, survival::cox.zph(transform = "km"), one row per term and
# GLOBAL, for every Cox model. Keys ph_tests.<model>.<term>: the JSON element would need a
# "name" of "<model>.<term>" for tests/support/json_flat.h to give these keys.
emit_ph_tests <- function(sink, d) {
  models <- c(setNames(as.list(measures), paste0("cox_", measures)), list(cox_joint = measures))
  for (name in names(models)) {
    terms <- models[[name]]
    rows <- !is.na(d$formed) & d$formed == 1 & complete.cases(d[, terms, drop = FALSE]) &
      !is.na(d$duration)
    table <- cox.zph(fit_cox(d[rows, ], terms), transform = "km")$table
    for (term in rownames(table)) {
      key <- paste0("ph_tests.", name, ".", term)
      emit(sink, paste0(key, ".chi2"), table[term, "chisq"])
      emit(sink, paste0(key, ".df"), table[term, "df"])
      emit(sink, paste0(key, ".p"), table[term, "p"])
    }
  }
}

write_sink <- function(sink, file_name) {
  stopifnot(!anyDuplicated(sink$keys))
  writeLines(paste(sink$keys, sink$values), file.path("tests", "reference", file_name))
}
# Other scripts source this one for its functions only (analysis_R_functions_only <- TRUE).
if (!exists("analysis_R_functions_only")) for (name in datasets) {
  path <- file.path("tests", "data", "e2e", paste0(name, ".csv"))
  write_sink(analyse(read_cases(path)), paste0("analysis_", name, ".expected"))
  write_sink(robustness_reference(path), paste0("analysis_", name, "_robustness.expected"))
}
