# per_sd.R: independent reference for the effect per standard deviation (docs/METHODS.md
# §4.14; tests/e2e/test_per_sd.c). For each test of default_n200 (maximum likelihood) and
# firth_n40 (Firth fits where the data are separated) it writes, under the keys of the
# flattened `--json` output, the measure's SD on the model's sample (R's sd, n - 1), the odds
# ratio per SD exp(B sd) with exp(CI sd) from the CI the tool reports for B (Wald,
# confint.default, for a maximum-likelihood fit; the profile penalized-likelihood interval of
# analysis.R for a Firth fit) and, for durability, the Cox hazard ratio per SD with its Wald
# interval, to tests/reference/per_sd_<name>.expected.
#
# Run from the repository root:   Rscript tests/reference/per_sd.R
analysis_R_functions_only <- TRUE
source(file.path("tests", "reference", "analysis.R"))

per_sd <- function(d) {
  sink <- new_sink()
  for (outcome in c("formation", "durability")) for (measure in measures) {
    key <- paste0("tests.", hypotheses[[measure]], ".", outcome)
    s <- test_sample(d, measure, outcome)
    if (nrow(s) >= 10 && length(unique(s$y)) > 1 && length(unique(s$x)) > 1) {
      sd_x <- sd(s$x)
      names(s)[names(s) == "x"] <- measure
      fit <- fit_logit(s, "y", measure)$fit
      b <- fit$b[2]
      ci <- c(fit$ci_lower[2], fit$ci_upper[2])
      if (fit$method == "ml") {
        # the plain glm with confint.default gives the same Wald interval
        g <- glm(reformulate(measure, response = "y"), data = s, family = binomial(),
                 control = glm.control(epsilon = 1e-14, maxit = 100))
        stopifnot(abs(coef(g)[[2]] - b) < 1e-7,
                  max(abs(confint.default(g)[2, ] - ci)) < 1e-6)
      }
      emit(sink, paste0(key, ".logit.method"), fit$method)
      emit(sink, paste0(key, ".logit.sd"), sd_x)
      emit(sink, paste0(key, ".logit.or_sd"), exp(b * sd_x))
      emit(sink, paste0(key, ".logit.or_sd_ci.0"), exp(ci[1] * sd_x))
      emit(sink, paste0(key, ".logit.or_sd_ci.1"), exp(ci[2] * sd_x))
    }
    if (outcome == "durability") {
      rows <- !is.na(d$formed) & d$formed == 1 & !is.na(d[[measure]]) &
        !is.na(d$duration) & !is.na(d$event)
      cd <- d[rows, ]
      if (nrow(cd) >= 10 && sum(cd$event) > 0) {
        cox <- fit_cox(cd, measure)
        sd_x <- sd(cd[[measure]])
        b <- coef(cox)[[1]]
        ci <- confint(cox)[1, ]  # Wald, b -/+ 1.96 se
        emit(sink, paste0(key, ".cox.sd"), sd_x)
        emit(sink, paste0(key, ".cox.hr_sd"), exp(b * sd_x))
        emit(sink, paste0(key, ".cox.hr_sd_ci.0"), exp(ci[[1]] * sd_x))
        emit(sink, paste0(key, ".cox.hr_sd_ci.1"), exp(ci[[2]] * sd_x))
      }
    }
  }
  sink
}

for (name in c("default_n200", "firth_n40")) {
  sink <- per_sd(read_cases(file.path("tests", "data", "e2e", paste0(name, ".csv"))))
  stopifnot(!anyDuplicated(sink$keys), length(sink$keys) > 0)
  writeLines(paste(sink$keys, sink$values),
             file.path("tests", "reference", paste0("per_sd_", name, ".expected")))
}
