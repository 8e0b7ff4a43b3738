# controls_missing.R: independent reference for a control with missing values under the two
# --controls-in rules (docs/METHODS.md §4). Writes
#   tests/data/e2e/era_gaps_n200.csv                    default_n200 with era blank in every
#                                                       case whose case_id is a multiple of 6
#   tests/reference/options_era_gaps_joint.expected    --controls era (--controls-in joint)
#   tests/reference/options_era_gaps_all.expected      --controls era --controls-in all
# as "key value" lines whose keys are the flattened `--json` output (tests/support/
# json_flat.h), values sprintf("%.15g"). The rules, from METHODS:
# - joint (the default): the primary tests are univariate on every case with the outcome and
#   the measure, whatever the control; only the joint models need the control;
# - all: every model has the control, so a case without it is in no sample.
# Durations and `durable` as in durability_controls.R (T = 5); every logit is ML (glm to
# epsilon 1e-14); the ten p are Holm-adjusted; supported = B > 0 and adjusted p < 0.05,
# contradicted = B < 0 and adjusted p < 0.05, otherwise not supported.
#
# Run from the repository root:   Rscript tests/reference/controls_missing.R
measures <- c("security", "political", "economic", "cognitive", "value")
raw <- read.csv("tests/data/e2e/default_n200.csv", na.strings = c("", "NA", "."),
                stringsAsFactors = FALSE, colClasses = "character")
raw$era[as.integer(raw$case_id) %% 6 == 0] <- NA
write.table(raw, "tests/data/e2e/era_gaps_n200.csv", sep = ",", quote = FALSE, na = "",
            row.names = FALSE)

d <- read.csv("tests/data/e2e/era_gaps_n200.csv", na.strings = c("", "NA", "."),
              stringsAsFactors = FALSE)
ongoing <- ifelse(is.na(d$ongoing), as.integer(is.na(d$end_year)), d$ongoing)
observed <- ifelse(!is.na(d$observed_until), d$observed_until, d$end_year)
duration <- ifelse(ongoing == 1, observed - d$start_year, d$end_year - d$start_year)
durable <- ifelse(ongoing == 0, as.integer(duration > 5),
                  ifelse(duration > 5, 1L, NA_integer_))
formed <- !is.na(d$formed) & d$formed == 1
d$durable <- ifelse(formed, durable, NA)
d$era <- factor(d$era)

fmt <- function(v) if (is.character(v)) v else sprintf("%.15g", v)
glm_fit <- function(formula, data)
  summary(glm(formula, binomial, data, control = glm.control(epsilon = 1e-14, maxit = 100)))$coefficients

run <- function(all, file) {
  out <- character()
  put <- function(key, value) out <<- c(out, paste(key, fmt(value)))
  rhs <- function(m) if (all) c(m, "era") else m
  has_era <- if (all) !is.na(d$era) else TRUE
  b <- p <- numeric(10)
  keys <- character(10)
  for (k in seq_along(measures)) {
    m <- measures[k]
    for (o in 1:2) {
      outcome <- c("formation", "durability")[o]
      rows <- if (o == 1) !is.na(d$formed) else formed & !is.na(d$durable)
      s <- d[rows & !is.na(d[[m]]) & has_era, ]
      fit <- glm_fit(reformulate(rhs(m), if (o == 1) "formed" else "durable"), s)
      i <- 2 * (k - 1) + o
      keys[i] <- paste0("tests.H", k, ".", outcome)
      b[i] <- fit[m, 1]
      p[i] <- fit[m, 4]
      put(paste0(keys[i], ".n"), nrow(s))
      model <- paste0("models.", outcome, "_", m, ".terms.", m)
      put(paste0(model, ".b"), fit[m, 1])
      put(paste0(model, ".p"), fit[m, 4])
    }
  }
  # the joint formation model: the five measures and the control, complete cases
  jd <- d[!is.na(d$formed) & complete.cases(d[, measures]) & !is.na(d$era), ]
  put("models.formation_joint.n", nrow(jd))
  joint <- glm_fit(reformulate(c(measures, "era"), "formed"), jd)
  for (m in measures) put(paste0("models.formation_joint.terms.", m, ".b"), joint[m, 1])
  adjusted <- p.adjust(p, "holm")
  verdict <- ifelse(adjusted < 0.05 & b > 0, "supported",
                    ifelse(adjusted < 0.05 & b < 0, "contradicted", "not_supported"))
  for (i in 1:10) {
    put(paste0(keys[i], ".p_adjusted"), adjusted[i])
    put(paste0(keys[i], ".verdict"), verdict[i])
  }
  put("options.controls_in", if (all) "all" else "joint")
  writeLines(out, file)
}
run(FALSE, "tests/reference/options_era_gaps_joint.expected")
run(TRUE, "tests/reference/options_era_gaps_all.expected")
