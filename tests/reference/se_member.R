# se_member.R: independent reference for `--se member` (docs/METHODS.md §4.3: the
# member-robust Wald p of the measure decides) on the bundled coding
# (datasets/quasi_alliance_cases.csv, whose cases share members). Writes
#   tests/reference/options_se_member.expected
# with, for each of the ten tests, the Holm-adjusted p and the verdict computed from the
# member-robust z and p of the measure in its univariate logit. Those come from
# tests/reference/member_quasi_alliance_cases.expected, which member_analysis.R wrote from
# explicit n × n dependence matrices (run it first when the data change). supported =
# z > 0 and adjusted p < 0.05, contradicted = z < 0 and adjusted p < 0.05, else not supported.
# Also writes tests/reference/options_member_specification.expected: under the default
# --se model the Member specification of the Robustness sheet judges the same member-robust p,
# here with --adjust none --alpha 0.06 (where the member p of H1 formation, 0.056, and its
# model-based p, 0.086, fall on either side of alpha).
#
# Run from the repository root:   Rscript tests/reference/se_member.R
lines <- strsplit(readLines("tests/reference/member_quasi_alliance_cases.expected"), " ")
value <- setNames(vapply(lines, `[`, "", 2), vapply(lines, `[`, "", 1))
measures <- c("security", "political", "economic", "cognitive", "value")
keys <- z <- p <- character(0)
for (k in seq_along(measures)) for (outcome in c("formation", "durability")) {
  m <- measures[k]
  term <- paste0("models.", outcome, "_", m, ".terms.", m, ".member.")
  keys <- c(keys, paste0("tests.H", k, ".", outcome))
  z <- c(z, value[[paste0(term, "z")]])
  p <- c(p, value[[paste0(term, "p")]])
}
z <- as.numeric(z)
adjusted <- p.adjust(as.numeric(p), "holm")
verdict <- ifelse(adjusted < 0.05 & z > 0, "supported",
                  ifelse(adjusted < 0.05 & z < 0, "contradicted", "not_supported"))
out <- c(paste(paste0(keys, ".p_adjusted"), sprintf("%.15g", adjusted)),
         paste(paste0(keys, ".verdict"), verdict))
writeLines(out, "tests/reference/options_se_member.expected")

member <- ifelse(as.numeric(p) < 0.06 & z > 0, "supported",
                 ifelse(as.numeric(p) < 0.06 & z < 0, "contradicted", "not_supported"))
writeLines(paste(sub("^tests", "robustness", paste0(keys, ".specifications.member.verdict")),
                 member), "tests/reference/options_member_specification.expected")
