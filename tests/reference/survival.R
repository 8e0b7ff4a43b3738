# Reference values for the survival tests (tests/stats/test_cox*.c, test_kaplan_meier.c,
# test_logrank.c), from R's survival package (3.5). Run: Rscript tests/reference/survival.R
# It prints the data sets as C arrays and each reference value as a C assertion with the R call
# that produced it; the tests hold those lines verbatim.
suppressPackageStartupMessages(library(survival))
stopifnot(packageVersion("survival") >= "3.5")

num <- function(v) sprintf("%.15g", v)
carray <- function(name, v) {
  cat(sprintf("static const double %s[%d] = {%s};\n", name, length(v),
              paste(num(v), collapse = ", ")))
}
check <- function(expr_c, value, r_call) {
  cat(sprintf("    assert_close(%s, %s); /* %s */\n", expr_c, num(value), r_call))
}
control <- coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)

# --- data sets -----------------------------------------------------------------------------
# tiny: n = 6, an event and a censoring tied at time 3
tiny <- data.frame(time = c(2, 3, 3, 5, 7, 8), status = c(1, 1, 0, 1, 0, 1),
                   x = c(0.5, 1.2, -0.3, 0.8, -1.0, 0.1))
# no ties: n = 30, distinct continuous times
i <- 1:30
noties <- data.frame(x = round(2 * sin(1.7 * i), 2))
noties$time <- round(6 + 3 * cos(0.9 * i) + 0.37 * i - 0.8 * noties$x + 0.001 * i, 3)
noties$status <- as.numeric(i %% 4 != 0)
stopifnot(!anyDuplicated(noties$time), all(noties$time > 0))
# tied: n = 40, integer times 1..8 (tied events, events tied with censorings), p = 2
i <- 1:40
tied <- data.frame(x1 = round(sin(2.3 * i), 1), x2 = as.numeric(i %% 3 == 0))
tied$time <- pmax(1, pmin(8, round(4.5 + 2.5 * cos(1.1 * i) - 1.2 * tied$x1 + tied$x2)))
tied$status <- as.numeric(i %% 5 != 1)
# heavy censoring: n = 50, 10 events, binary covariate
i <- 1:50
heavy <- data.frame(group = as.numeric(i %% 2 == 0),
                    time = round(3 + 10 * abs(sin(0.77 * i)), 1),
                    status = as.numeric(i %% 5 == 0))
# veteran: Veterans' Administration lung cancer trial (Kalbfleisch & Prentice 1980), bundled
# with survival; p = 5
vet <- veteran[, c("time", "status", "trt", "karno", "diagtime", "age", "prior")]

if (identical(commandArgs(trailingOnly = TRUE), "data")) {
  carray("tiny_time", tiny$time); carray("tiny_status", tiny$status); carray("tiny_x", tiny$x)
  carray("noties_time", noties$time); carray("noties_status", noties$status)
  carray("noties_x", noties$x)
  carray("tied_time", tied$time); carray("tied_status", tied$status)
  carray("tied_x", as.vector(t(as.matrix(tied[, c("x1", "x2")]))))
  carray("heavy_time", heavy$time); carray("heavy_status", heavy$status)
  carray("heavy_group", heavy$group)
  carray("veteran_time", vet$time); carray("veteran_status", vet$status)
  carray("veteran_x", as.vector(t(as.matrix(vet[, 3:7]))))
  carray("veteran_celltype", as.integer(veteran$celltype))
  quit(save = "no")
}

# --- Cox fits ------------------------------------------------------------------------------
# data_name names a global data frame: cox.zph re-evaluates the call in the global environment.
emit_cox <- function(data_name, formula) {
  data <- get(data_name, envir = globalenv())
  cat(sprintf("\n    /* %s: fit <- coxph(%s, %s, ties = \"efron\", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */\n",
              data_name, deparse(formula), data_name))
  fit <- eval(bquote(coxph(.(formula), data = .(as.name(data_name)), ties = "efron",
                           control = control)), globalenv())
  s <- summary(fit)
  p <- length(coef(fit))
  ci <- confint(fit)
  for (j in 1:p) {
    check(sprintf("r.b[%d]", j - 1), coef(fit)[j], sprintf("coef(fit)[%d]", j))
    check(sprintf("r.se[%d]", j - 1), sqrt(diag(vcov(fit)))[j], sprintf("sqrt(diag(vcov(fit)))[%d]", j))
    check(sprintf("r.z[%d]", j - 1), s$coefficients[j, "z"], sprintf("summary(fit)$coefficients[%d, \"z\"]", j))
    check(sprintf("r.p_value[%d]", j - 1), s$coefficients[j, "Pr(>|z|)"], sprintf("summary(fit)$coefficients[%d, \"Pr(>|z|)\"]", j))
    check(sprintf("r.ci_lower[%d]", j - 1), ci[j, 1], sprintf("confint(fit)[%d, 1]", j))
    check(sprintf("r.ci_upper[%d]", j - 1), ci[j, 2], sprintf("confint(fit)[%d, 2]", j))
  }
  if (p > 1) check(sprintf("r.variance[1]"), vcov(fit)[1, 2], "vcov(fit)[1, 2]")
  check("r.loglik", fit$loglik[2], "fit$loglik[2]")
  check("r.null_loglik", fit$loglik[1], "fit$loglik[1]")
  check("r.lr_chi2", s$logtest["test"], "summary(fit)$logtest[\"test\"]")
  check("r.lr_p", s$logtest["pvalue"], "summary(fit)$logtest[\"pvalue\"]")
  # (summary(fit)$waldtest is rounded for printing; the fit holds the full value)
  check("r.wald_chi2", fit$wald.test, "fit$wald.test")
  check("r.wald_p", pchisq(fit$wald.test, p, lower.tail = FALSE), "pchisq(fit$wald.test, p, lower.tail = FALSE)")
  check("r.score_chi2", fit$score, "fit$score")
  check("r.score_p", pchisq(fit$score, p, lower.tail = FALSE), "pchisq(fit$score, p, lower.tail = FALSE)")
  check("r.aic", AIC(fit), "AIC(fit)")
  check("r.bic", BIC(fit), "BIC(fit)")
  check("r.cox_snell_r2", s$rsq["rsq"], "summary(fit)$rsq[\"rsq\"]")
  check("r.nagelkerke_r2", s$rsq["rsq"] / s$rsq["maxrsq"], "summary(fit)$rsq[\"rsq\"] / summary(fit)$rsq[\"maxrsq\"]")
  cc <- concordance(fit)
  check("r.concordance", cc$concordance, "concordance(fit)$concordance")
  check("r.concordance_se", sqrt(cc$var), "sqrt(concordance(fit)$var)")
  for (k in c(1, 2, nrow(data)))
    check(sprintf("r.linear_predictor[%d]", k - 1), fit$linear.predictors[k],
          sprintf("fit$linear.predictors[%d]", k))
  cat(sprintf("    assert_int_equal(r.events, %d); /* fit$nevent */\n", fit$nevent))
  z <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table
  cat("    /* zph <- cox.zph(fit, transform = \"km\", terms = TRUE, global = TRUE)$table */\n")
  for (k in 1:nrow(z)) {
    check(sprintf("z.chi2[%d]", k - 1), z[k, "chisq"], sprintf("zph[%d, \"chisq\"]", k))
    check(sprintf("z.p[%d]", k - 1), z[k, "p"], sprintf("zph[%d, \"p\"]", k))
  }
}

emit_cox("tiny", Surv(time, status) ~ x)
emit_cox("noties", Surv(time, status) ~ x)
emit_cox("tied", Surv(time, status) ~ x1 + x2)
emit_cox("heavy", Surv(time, status) ~ group)
emit_cox("vet", Surv(time, status) ~ trt + karno + diagtime + age + prior)

# --- Kaplan–Meier ----------------------------------------------------------------------------
emit_km <- function(label, data, rows) {
  cat(sprintf("\n    /* %s: km <- survfit(Surv(time, status) ~ 1, data); q <- quantile(km, 0.5) */\n", label))
  km <- survfit(Surv(time, status) ~ 1, data = data)
  cat(sprintf("    assert_int_equal(r.count, %d); /* length(km$time) */\n", length(km$time)))
  for (k in rows) {
    check(sprintf("r.time[%d]", k - 1), km$time[k], sprintf("km$time[%d]", k))
    check(sprintf("r.n_risk[%d]", k - 1), km$n.risk[k], sprintf("km$n.risk[%d]", k))
    check(sprintf("r.n_event[%d]", k - 1), km$n.event[k], sprintf("km$n.event[%d]", k))
    check(sprintf("r.n_censor[%d]", k - 1), km$n.censor[k], sprintf("km$n.censor[%d]", k))
    check(sprintf("r.survival[%d]", k - 1), km$surv[k], sprintf("km$surv[%d]", k))
    if (km$surv[k] == 0)  # survfit's std.err is Inf there; the SE of S is 0 by our definition
      check(sprintf("r.std_error[%d]", k - 1), 0, sprintf("km$surv[%d] == 0", k))
    else
      check(sprintf("r.std_error[%d]", k - 1), km$surv[k] * km$std.err[k], sprintf("km$surv[%d] * km$std.err[%d]", k, k))
  }
  q <- quantile(km, 0.5)
  for (nm in c("quantile", "lower", "upper")) {
    field <- c(quantile = "median", lower = "median_lower", upper = "median_upper")[nm]
    v <- unname(q[[nm]])
    if (is.na(v)) cat(sprintf("    assert_true(isnan(r.%s)); /* q$%s is NA */\n", field, nm))
    else check(sprintf("r.%s", field), v, sprintf("q$%s", nm))
  }
}
emit_km("tiny", tiny, 1:5)
emit_km("tied", tied, 1:8)
emit_km("heavy", heavy, c(1, 10, 20))
emit_km("veteran", vet, c(1, 50, 97))
# S equal to 0.5 over an interval: the median is the midpoint (quantile.survfit)
flat <- data.frame(time = c(1, 2, 3, 4), status = c(1, 1, 1, 1))
emit_km("flat", flat, 1:4)
flat_end <- data.frame(time = c(1, 2, 3, 4), status = c(1, 1, 0, 0))
emit_km("flat_end", flat_end, 1:4)

# --- log-rank ----------------------------------------------------------------------------
emit_logrank <- function(label, formula, data) {
  d <- survdiff(formula, data = data)
  cat(sprintf("    /* %s: d <- survdiff(%s, data) */\n", label, deparse(formula)))
  check("chi2", d$chisq, "d$chisq")
  check("p", pchisq(d$chisq, 1, lower.tail = FALSE), "pchisq(d$chisq, 1, lower.tail = FALSE)")
}
emit_logrank("tied", Surv(time, status) ~ x2, tied)
emit_logrank("heavy", Surv(time, status) ~ group, heavy)
vet$trt2 <- vet$trt - 1
emit_logrank("veteran", Surv(time, status) ~ trt2, vet)

# --- a larger data set built from integer formulas (the C test builds the same): n = 5000,
# integer times 1..120 (heavily tied), 70% events, both covariates shorten the time -------
i <- 1:5000
large <- data.frame(x1 = ((i * 37) %% 101) / 10, x2 = as.numeric((i * 11) %% 7 < 3))
large$time <- pmax(1, 1 + ((i * 53 + (i %/% 7)) %% 97) - 3 * (((i * 37) %% 101) %/% 10) +
                      20 * (1 - large$x2))
large$status <- as.numeric((i * 7) %% 10 < 7)
emit_cox("large", Surv(time, status) ~ x1 + x2)
emit_km("large", large, c(1, 50, 100))
emit_logrank("large", Surv(time, status) ~ x2, large)

# --- concordance of a given score, with ties in the score ----------------------------------
cat("\n    /* cc <- concordance(Surv(time, status) ~ x2, data = tied, reverse = TRUE) */\n")
cc <- concordance(Surv(time, status) ~ x2, data = tied, reverse = TRUE)
check("c", cc$concordance, "cc$concordance")
check("se", sqrt(cc$var), "sqrt(cc$var)")

# --- confidence level 0.90 ----------------------------------------------------------------
fit <- coxph(Surv(time, status) ~ x, data = noties, ties = "efron", control = control)
cat("\n    /* fit <- coxph(Surv(time, status) ~ x, noties, ...); confint(fit, level = 0.9) */\n")
check("r.ci_lower[0]", confint(fit, level = 0.9)[1, 1], "confint(fit, level = 0.9)[1, 1]")
check("r.ci_upper[0]", confint(fit, level = 0.9)[1, 2], "confint(fit, level = 0.9)[1, 2]")

# --- nearly separated but finite (b about 2.2): R's default control converges (with eps = 1e-12
# R runs out of iterations on rounding noise, at the same estimate) --------------------------
near <- data.frame(time = 1:8, status = rep(1, 8), x = c(1, 1, 1, 0, 1, 0, 0, 0))
fit <- coxph(Surv(time, status) ~ x, data = near)
cat("\n    /* fit <- coxph(Surv(time, status) ~ x, near) (default control) */\n")
check("r.b[0]", coef(fit)[1], "coef(fit)[1]")
check("r.se[0]", sqrt(vcov(fit)[1, 1]), "sqrt(vcov(fit)[1, 1])")
check("r.loglik", fit$loglik[2], "fit$loglik[2]")

# --- cox.zph with a factor: its three dummies form one term (df 3) ---------------------------
# celltype levels squamous (reference), smallcell, adeno, large; codes 1..4 in the C test
fit <- coxph(Surv(time, status) ~ karno + celltype, data = veteran, ties = "efron",
             control = control)
z <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table
cat("\n    /* fit <- coxph(Surv(time, status) ~ karno + celltype, veteran, ...);\n")
cat("       zph <- cox.zph(fit, transform = \"km\", terms = TRUE, global = TRUE)$table */\n")
for (k in 1:nrow(z)) {
  check(sprintf("z.chi2[%d]", k - 1), z[k, "chisq"], sprintf("zph[%d, \"chisq\"]", k))
  check(sprintf("z.p[%d]", k - 1), z[k, "p"], sprintf("zph[%d, \"p\"]", k))
  cat(sprintf("    assert_int_equal(z.df[%d], %d); /* zph[%d, \"df\"] */\n", k - 1, z[k, "df"], k))
}
