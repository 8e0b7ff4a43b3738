# Durability when an upgrade to a formal alliance is not counted as an end
# (datasets/README.md, "Durability"): writes datasets/quasi_alliance_cases.csv with every
# `end_reason` = upgraded case turned into a case censored at its upgrade year (ongoing = 1,
# observed_until = end_year, end_year empty), for `qareport analyze`:
#   Rscript tests/reference/upgrades_censored.R OUT.csv
#   build/qareport analyze OUT.csv -c datasets/codebook.csv
# Run from the repository root.
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else file.path(tempdir(), "upgrades_censored.csv")
a <- read.csv("datasets/quasi_alliance_cases.csv", colClasses = "character",
              encoding = "UTF-8", check.names = FALSE)
up <- a$end_reason == "upgraded"
a$observed_until[up] <- a$end_year[up]
a$end_year[up] <- ""
a$ongoing[up] <- "1"
cat(sprintf("censored at the upgrade: %s\n", paste(a$case_id[up], collapse = ", ")))
write.csv(a, out, row.names = FALSE, na = "", fileEncoding = "UTF-8")
cat("written", out, "\n")
