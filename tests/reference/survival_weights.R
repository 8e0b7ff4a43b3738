# Reference values for tests/stats/test_cox_weights.c: Cox fits of frequency-weighted data
# computed the only way that has the replication meaning, by expanding the rows in R
# (d[rep(seq_len(nrow(d)), w), ]) and fitting the expanded data with survival 3.5's coxph,
# concordance and cox.zph. (coxph(weights = w) is NOT the same: its Efron correction counts
# tied deaths by rows.) Run: Rscript tests/reference/survival_weights.R
# The weights are w_i = (37 i + 11) mod 5, i = 1..n (0 to 4; rows of weight 0 drop out).
suppressPackageStartupMessages(library(survival))
stopifnot(packageVersion("survival") >= "3.5")

num <- function(v) sprintf("%.15g", v)
check <- function(expr_c, value, r_call) {
  cat(sprintf("    assert_close(%s, %s); /* %s */\n", expr_c, num(value), r_call))
}
control <- coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)

# tied: as in tests/reference/survival.R (n = 40, integer times 1..8, p = 2)
i <- 1:40
tied <- data.frame(x1 = round(sin(2.3 * i), 1), x2 = as.numeric(i %% 3 == 0))
tied$time <- pmax(1, pmin(8, round(4.5 + 2.5 * cos(1.1 * i) - 1.2 * tied$x1 + tied$x2)))
tied$status <- as.numeric(i %% 5 != 1)
vet <- veteran[, c("time", "status", "trt", "karno", "diagtime", "age", "prior")]

weights_of <- function(n) (37 * seq_len(n) + 11) %% 5
expand <- function(d) d[rep(seq_len(nrow(d)), weights_of(nrow(d))), ]
tied_expanded <- expand(tied)
# 30 w_i copies: about 200 tied deaths a time, where the C code sums Efron's terms in closed form
tied_many <- tied[rep(seq_len(nrow(tied)), 30 * weights_of(nrow(tied))), ]
vet_expanded <- expand(vet)

emit <- function(data_name, formula, w = "w") {
  cat(sprintf("\n    /* %s <- d[rep(seq_len(nrow(d)), %s), ]; fit <- coxph(%s, %s, ties = \"efron\", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */\n",
              data_name, w, deparse(formula), data_name))
  fit <- eval(bquote(coxph(.(formula), data = .(as.name(data_name)), ties = "efron",
                           control = control)), globalenv())
  s <- summary(fit)
  p <- length(coef(fit))
  ci <- confint(fit)
  for (j in 1:p) {
    check(sprintf("r.b[%d]", j - 1), coef(fit)[j], sprintf("coef(fit)[%d]", j))
    check(sprintf("r.se[%d]", j - 1), sqrt(diag(vcov(fit)))[j], sprintf("sqrt(diag(vcov(fit)))[%d]", j))
    check(sprintf("r.p_value[%d]", j - 1), s$coefficients[j, "Pr(>|z|)"], sprintf("summary(fit)$coefficients[%d, \"Pr(>|z|)\"]", j))
    check(sprintf("r.ci_lower[%d]", j - 1), ci[j, 1], sprintf("confint(fit)[%d, 1]", j))
  }
  check("r.loglik", fit$loglik[2], "fit$loglik[2]")
  check("r.null_loglik", fit$loglik[1], "fit$loglik[1]")
  check("r.lr_chi2", s$logtest["test"], "summary(fit)$logtest[\"test\"]")
  check("r.wald_chi2", fit$wald.test, "fit$wald.test")
  check("r.score_chi2", fit$score, "fit$score")
  check("r.aic", AIC(fit), "AIC(fit)")
  check("r.bic", BIC(fit), "BIC(fit)")
  check("r.cox_snell_r2", s$rsq["rsq"], "summary(fit)$rsq[\"rsq\"]")
  check("r.nagelkerke_r2", s$rsq["rsq"] / s$rsq["maxrsq"], "summary(fit)$rsq[\"rsq\"] / summary(fit)$rsq[\"maxrsq\"]")
  cc <- concordance(fit)
  check("r.concordance", cc$concordance, "concordance(fit)$concordance")
  check("r.concordance_se", sqrt(cc$var), "sqrt(concordance(fit)$var)")
  cat(sprintf("    assert_int_equal(r.n, %d); /* fit$n */\n", fit$n))
  cat(sprintf("    assert_int_equal(r.events, %d); /* fit$nevent */\n", fit$nevent))
  z <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table
  cat("    /* zph <- cox.zph(fit, transform = \"km\", terms = TRUE, global = TRUE)$table */\n")
  for (k in seq_len(nrow(z))) {
    check(sprintf("z.chi2[%d]", k - 1), z[k, "chisq"], sprintf("zph[%d, \"chisq\"]", k))
    check(sprintf("z.p[%d]", k - 1), z[k, "p"], sprintf("zph[%d, \"p\"]", k))
  }
}

emit("tied_expanded", Surv(time, status) ~ x1 + x2)
emit("vet_expanded", Surv(time, status) ~ trt + karno + diagtime + age + prior)
emit("tied_many", Surv(time, status) ~ x1 + x2, w = "30 * w")
