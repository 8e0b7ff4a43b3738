# Reference values for tests/report and tests/render (workbook): one logit model fitted by
# R's glm on a small deterministic dataset, used as the realistic core of the fixture, and
# the derived numbers the report shows (Wald = z^2, Exp(B), 95% CI for Exp(B), -2LL,
# classification percentages). Run: Rscript tests/reference/report.R
security <- c(0,1,1,2,2,2,3,3,3,4, 0,0,1,1,2,2,3,3,4,4, 1,2,3,4,0,1,2,3,4,2)
formed   <- c(0,0,1,0,1,0,1,1,0,1, 0,0,0,1,0,1,1,1,1,1, 0,0,1,1,0,0,1,1,1,0)
fit <- glm(formed ~ security, family = binomial,
           control = glm.control(epsilon = 1e-14, maxit = 100))
co <- summary(fit)$coefficients
p <- function(name, x) cat(sprintf("%s = %.15g\n", name, x))
for (j in 1:2) {
  p(sprintf("b[%d]", j), co[j, 1]); p(sprintf("se[%d]", j), co[j, 2])
  p(sprintf("z[%d]", j), co[j, 3]); p(sprintf("p[%d]", j), co[j, 4])
}
ci <- confint.default(fit)
for (j in 1:2) { p(sprintf("ci_lower[%d]", j), ci[j, 1]); p(sprintf("ci_upper[%d]", j), ci[j, 2]) }
p("loglik", as.numeric(logLik(fit)))
null <- glm(formed ~ 1, family = binomial)
p("null_loglik", as.numeric(logLik(null)))
p("lr_chi2", fit$null.deviance - fit$deviance)
p("lr_p", pchisq(fit$null.deviance - fit$deviance, 1, lower.tail = FALSE))
n <- length(formed)
cs <- 1 - exp((fit$deviance - fit$null.deviance) / n)
p("cox_snell_r2", cs)
p("nagelkerke_r2", cs / (1 - exp(-fit$null.deviance / n)))
p("mcfadden_r2", 1 - as.numeric(logLik(fit)) / as.numeric(logLik(null)))
pred <- as.integer(fitted(fit) > 0.5)
p("tn", sum(formed == 0 & pred == 0)); p("fp", sum(formed == 0 & pred == 1))
p("fn", sum(formed == 1 & pred == 0)); p("tp", sum(formed == 1 & pred == 1))
# what the report derives
p("wald[2]", co[2, 3]^2)
p("exp_b[2]", exp(co[2, 1]))
p("exp_ci_lower[2]", exp(ci[2, 1])); p("exp_ci_upper[2]", exp(ci[2, 2]))
p("minus_2ll", -2 * as.numeric(logLik(fit)))
p("percent_0", 100 * sum(formed == 0 & pred == 0) / sum(formed == 0))
p("percent_1", 100 * sum(formed == 1 & pred == 1) / sum(formed == 1))
p("percent_all", 100 * mean(formed == pred))
p("pearson_r", cor(security, formed))
ct <- cor.test(security, formed)
p("pearson_p", ct$p.value); p("pearson_ci_lower", ct$conf.int[1]); p("pearson_ci_upper", ct$conf.int[2])
