# Proportional-hazards tests of the Cox models of tests/data/e2e/default_n200.csv, as
# qareport reports them in `ph_tests`: survival::cox.zph(fit, transform = "km") per term and
# GLOBAL (survival 3.5). Durations as SPEC defines them (ongoing: observed_until − start; a
# blank `ongoing` cell means ongoing ⇔ end_year empty). Run from the repository root:
#   Rscript tests/reference/ph_tests.R
library(survival)
d <- read.csv("tests/data/e2e/default_n200.csv", na.strings = c("", "NA", "."))
ongoing <- ifelse(is.na(d$ongoing), as.integer(is.na(d$end_year)), d$ongoing)
obs <- ifelse(!is.na(d$observed_until), d$observed_until, d$end_year)
d$duration <- ifelse(d$formed == 1, ifelse(ongoing == 1, obs - d$start_year, d$end_year - d$start_year), NA)
d$event <- ifelse(d$formed == 1, 1 - ongoing, NA)
f <- subset(d, formed == 1)
ctl <- coxph.control(eps = 1e-12, iter.max = 100)
out <- file("tests/reference/ph_tests_default_n200.expected", "w")
show <- function(name, fit) {
  z <- cox.zph(fit, transform = "km")
  for (i in seq_len(nrow(z$table)))
    cat(sprintf("ph_tests.%s:%s.%s %.15g\n", name, rownames(z$table)[i],
                c("chi2", "df", "p"), z$table[i, ]), sep = "", file = out)
}
show("cox_security", coxph(Surv(duration, event) ~ security, data = f, ties = "efron", control = ctl))
show("cox_joint", coxph(Surv(duration, event) ~ security + political + economic + cognitive + value,
                        data = f, ties = "efron", control = ctl))
close(out)
