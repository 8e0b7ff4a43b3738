# per_sd_models.R: independent reference for the effect per standard deviation of the terms
# of type interval in every model (docs/METHODS.md §4.14; tests/e2e/test_per_sd_models.c).
#
# Writes tests/data/e2e/interval_n200.csv: default_n200 with two measures on interval scales,
# as real data have them (declared `interval` in tests/data/e2e/interval_n200.codebook.csv):
# `security` a continuous score (the code plus normal noise) and `economic` a trade share of
# order 1e-3 (the code times 0.001 plus noise; its odds ratio per unit is astronomically large
# or small, as trade_dependence_min's in the issue), and a control `distance` (km, interval,
# eight cases missing, so that the joint models' cases differ from the primary tests').
#
# Then, for `analyze interval_n200.csv -c interval_n200.codebook.csv --controls distance`
# (controls in the joint models) and the same with `--controls-in all`, it writes under the
# keys of the flattened `--json` output, for every term of type interval (security, economic,
# distance) of every model, the term's SD over that model's own cases (R's sd, n - 1), and
# OR per SD = exp(B sd) with exp(CI sd) from the CI the tool reports for B (Wald for a
# maximum-likelihood fit, confint.default; the profile penalized-likelihood interval of
# analysis.R for a Firth fit), HR per SD for the Cox models (Wald, confint):
#   tests/reference/per_sd_models_joint.expected, per_sd_models_all.expected.
#
# Run from the repository root:   Rscript tests/reference/per_sd_models.R
analysis_R_functions_only <- TRUE
source(file.path("tests", "reference", "analysis.R"))

# ---- the data --------------------------------------------------------------------------------
set.seed(20261205)
raw <- read.csv(file.path("tests", "data", "e2e", "default_n200.csv"), na.strings = c("", "NA", "."),
                stringsAsFactors = FALSE, colClasses = c(case_id = "character", notes = "character"))
n <- nrow(raw)
raw$security <- signif(raw$security + rnorm(n, 0, 0.4), 6)
raw$economic <- signif((raw$economic + runif(n, 0, 1)) / 1000, 6)
raw$distance <- round(runif(n, 200, 12000))
raw$distance[sample.int(n, 8)] <- NA
write.csv(raw, file.path("tests", "data", "e2e", "interval_n200.csv"), row.names = FALSE,
          quote = FALSE, na = "")

d <- read_cases(file.path("tests", "data", "e2e", "interval_n200.csv"))
interval_terms <- c("security", "economic", "distance")

emit_logit_terms <- function(sink, name, rows, outcome, terms) {
  s <- d[rows, ]
  fit <- fit_logit(s, outcome, terms)$fit
  prefix <- paste0("models.", name)
  emit(sink, paste0(prefix, ".method"), fit$method)
  emit(sink, paste0(prefix, ".n"), nrow(s))
  for (j in seq_along(terms)) if (terms[j] %in% interval_terms) {
    sd_x <- sd(s[[terms[j]]])
    b <- fit$b[j + 1]
    ci <- c(fit$ci_lower[j + 1], fit$ci_upper[j + 1])
    if (fit$method == "ml") {
      # the plain glm with confint.default gives the same Wald interval
      g <- glm(reformulate(terms, response = outcome), data = s, family = binomial(),
               control = glm.control(epsilon = 1e-14, maxit = 100))
      stopifnot(abs(coef(g)[[j + 1]] - b) < 1e-6 * max(1, abs(b)),
                max(abs(confint.default(g)[j + 1, ] - ci)) < 1e-6 * max(1, abs(ci)))
    }
    key <- paste0(prefix, ".terms.", terms[j])
    emit(sink, paste0(key, ".sd"), sd_x)
    emit(sink, paste0(key, ".or_sd"), exp(b * sd_x))
    emit(sink, paste0(key, ".or_sd_ci.0"), exp(ci[1] * sd_x))
    emit(sink, paste0(key, ".or_sd_ci.1"), exp(ci[2] * sd_x))
  }
}

emit_cox_terms <- function(sink, name, rows, terms) {
  s <- d[rows, ]
  fit <- fit_cox(s, terms)
  prefix <- paste0("models.", name)
  emit(sink, paste0(prefix, ".n"), fit$n)
  ci <- confint(fit)  # Wald, b -/+ 1.96 se
  for (j in seq_along(terms)) if (terms[j] %in% interval_terms) {
    sd_x <- sd(s[[terms[j]]])
    b <- coef(fit)[[j]]
    key <- paste0(prefix, ".terms.", terms[j])
    emit(sink, paste0(key, ".sd"), sd_x)
    emit(sink, paste0(key, ".hr_sd"), exp(b * sd_x))
    emit(sink, paste0(key, ".hr_sd_ci.0"), exp(ci[j, 1] * sd_x))
    emit(sink, paste0(key, ".hr_sd_ci.1"), exp(ci[j, 2] * sd_x))
  }
}

complete <- function(columns) {
  ok <- rep(TRUE, nrow(d))
  for (column in columns) ok <- ok & !is.na(d[[column]])
  ok
}
formation_rows <- function(columns) !is.na(d$formed) & complete(columns)
durability_rows <- function(columns) !is.na(d$formed) & d$formed == 1 & !is.na(d$durable) &
  complete(columns)
cox_rows <- function(columns) !is.na(d$formed) & d$formed == 1 & !is.na(d$duration) &
  !is.na(d$event) & complete(columns)

# controls_all: every primary model adjusts for the control, on the cases complete on it
per_sd_models <- function(controls_all) {
  sink <- new_sink()
  controls <- "distance"
  for (measure in intersect(measures, interval_terms)) {
    terms <- if (controls_all) c(measure, controls) else measure
    emit_logit_terms(sink, paste0("formation_", measure), formation_rows(terms), "formed", terms)
    emit_logit_terms(sink, paste0("durability_", measure), durability_rows(terms), "durable",
                     terms)
    emit_cox_terms(sink, paste0("cox_", measure), cox_rows(terms), terms)
  }
  if (controls_all) {
    # the ordinal measures' models carry the interval control
    for (measure in setdiff(measures, interval_terms)) {
      terms <- c(measure, controls)
      emit_logit_terms(sink, paste0("formation_", measure), formation_rows(terms), "formed",
                       terms)
      emit_cox_terms(sink, paste0("cox_", measure), cox_rows(terms), terms)
    }
  }
  terms <- c(measures, controls)
  emit_logit_terms(sink, "formation_joint", formation_rows(terms), "formed", terms)
  emit_logit_terms(sink, "durability_joint", durability_rows(terms), "durable", terms)
  emit_cox_terms(sink, "cox_joint", cox_rows(terms), terms)
  sink
}

for (variant in c("joint", "all")) {
  sink <- per_sd_models(variant == "all")
  stopifnot(!anyDuplicated(sink$keys), length(sink$keys) > 0)
  writeLines(paste(sink$keys, sink$values),
             file.path("tests", "reference", paste0("per_sd_models_", variant, ".expected")))
}
