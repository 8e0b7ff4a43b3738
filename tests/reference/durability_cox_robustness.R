# durability_cox_robustness.R: independent reference for the robustness matrix under
# `--durability cox` (docs/METHODS.md §4.13, §6.2) on tests/data/e2e/default_n200.csv. Writes
#   tests/reference/options_durability_cox_robustness.expected
# as "key value" lines whose keys are the flattened `--json` output (tests/support/
# json_flat.h), values sprintf("%.15g"):
# - the joint Cox model (all five measures, Efron ties) on the formed cases complete on the
#   five measures and the survival data: its n and each term's b, se and Wald p;
# - the Joint specification: formation judged on the measure's B in the joint logit
#   (glm(formed ~ five measures), cases complete on formed and the measures); durability,
#   with the Cox model deciding, on -B of the measure in the joint Cox model and its Wald p;
# - the Logit specification (durability only): the T-year logit glm(durable ~ measure) on the
#   formed cases with `durable` defined; formation keeps its primary logit;
# each specification Holm-adjusts its ten p-values together; supported = B > 0 and adjusted
# p < 0.05, contradicted = B < 0 and adjusted p < 0.05, otherwise not supported.
# default_n200 has no separated sample (analysis.R checks it): every logit is ML.
#
# Run from the repository root:   Rscript tests/reference/durability_cox_robustness.R
suppressPackageStartupMessages(library(survival))

measures <- c("security", "political", "economic", "cognitive", "value")
d <- read.csv("tests/data/e2e/default_n200.csv", na.strings = c("", "NA", "."),
              stringsAsFactors = FALSE)
# Durations as METHODS §3 defines them (as in durability_controls.R), T = 5 years.
ongoing <- ifelse(is.na(d$ongoing), as.integer(is.na(d$end_year)), d$ongoing)
observed <- ifelse(!is.na(d$observed_until), d$observed_until, d$end_year)
duration <- ifelse(ongoing == 1, observed - d$start_year, d$end_year - d$start_year)
durable <- ifelse(ongoing == 0, as.integer(duration > 5),
                  ifelse(duration > 5, 1L, NA_integer_))
formed <- !is.na(d$formed) & d$formed == 1
d$duration <- ifelse(formed, duration, NA)
d$event <- ifelse(formed, 1L - ongoing, NA)
d$durable <- ifelse(formed, durable, NA)

fmt <- function(v) {
  if (is.character(v)) return(v)
  if (!is.finite(v)) return("null")
  sprintf("%.15g", v)
}
out <- character()
put <- function(key, value) out <<- c(out, paste(key, fmt(value)))
glm_fit <- function(formula, data)
  summary(glm(formula, binomial, data, control = glm.control(epsilon = 1e-14, maxit = 100)))$coefficients

judge <- function(b, p) {
  adjusted <- p.adjust(p, "holm")
  ifelse(adjusted < 0.05 & b > 0, "supported",
         ifelse(adjusted < 0.05 & b < 0, "contradicted", "not_supported"))
}
key <- function(k, outcome) paste0("robustness.H", k, ".", outcome, ".specifications.")
complete <- complete.cases(d[, measures])

# the joint models
fd <- d[!is.na(d$formed) & complete, ]
joint_logit <- glm_fit(reformulate(measures, "formed"), fd)
cd <- d[formed & complete & !is.na(d$duration) & !is.na(d$event), ]
joint_cox <- summary(coxph(reformulate(measures, "Surv(duration, event)"), cd, ties = "efron",
                           control = coxph.control(eps = 1e-12, toler.chol = 1e-13,
                                                   iter.max = 100)))$coefficients
put("models.cox_joint.n", nrow(cd))
for (m in measures) {
  put(paste0("models.cox_joint.terms.", m, ".b"), joint_cox[m, "coef"])
  put(paste0("models.cox_joint.terms.", m, ".se"), joint_cox[m, "se(coef)"])
  put(paste0("models.cox_joint.terms.", m, ".p"), joint_cox[m, "Pr(>|z|)"])
}
b <- c(joint_logit[measures, 1], -joint_cox[measures, "coef"])
p <- c(joint_logit[measures, 4], joint_cox[measures, "Pr(>|z|)"])
v <- judge(b, p)
for (k in seq_along(measures)) {
  put(paste0(key(k, "formation"), "joint.verdict"), v[k])
  put(paste0(key(k, "durability"), "joint.verdict"), v[5 + k])
}

# the T-year logit as a specification (formation: the primary logit)
b <- p <- numeric(10)
for (k in seq_along(measures)) {
  m <- measures[k]
  s <- glm_fit(reformulate(m, "formed"), d[!is.na(d$formed) & !is.na(d[[m]]), ])
  b[k] <- s[m, 1]
  p[k] <- s[m, 4]
  s <- glm_fit(reformulate(m, "durable"), d[formed & !is.na(d$durable) & !is.na(d[[m]]), ])
  b[5 + k] <- s[m, 1]
  p[5 + k] <- s[m, 4]
}
v <- judge(b, p)
for (k in seq_along(measures))
  put(paste0(key(k, "durability"), "logit.verdict"), v[5 + k])
writeLines(out, "tests/reference/options_durability_cox_robustness.expected")
