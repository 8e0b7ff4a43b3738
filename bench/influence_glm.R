# bench/influence_glm.R: what the same case influence costs in R, for `make bench`.
# Leave-one-out the way R users do it: for each removal (one case, or every case of one
# member), refit the ten univariate logits (formation ~ measure on all cases, durable ~
# measure on formed cases; glm, binomial) on the rest and judge them with Holm. Timed on a
# subsample of ROWS rows (the first ROWS of the file: whole dyads of a panel) for a few
# removals, then extrapolated per removal to the full file: a glm's cost grows with the rows,
# so a removal at N rows costs (N / ROWS) times one at ROWS rows.
#
#   Rscript bench/influence_glm.R FILE [ROWS] [REMOVALS] [FULL_ROWS] [MEMBERS]
#
# Prints `key value` lines: wall and CPU seconds of the timed removals, seconds_per_removal
# (CPU, at ROWS), seconds_per_removal_full (at FULL_ROWS), members (shared members in the subsample), hours_all_cases and
# minutes_all_members (FULL_ROWS case removals and MEMBERS member removals at FULL_ROWS).
args <- commandArgs(trailingOnly = TRUE)
file <- args[1]
rows <- if (length(args) >= 2) as.integer(args[2]) else 20000L
removals <- if (length(args) >= 3) as.integer(args[3]) else 6L
full_rows <- if (length(args) >= 4) as.numeric(args[4]) else 1e6
full_members <- if (length(args) >= 5) as.numeric(args[5]) else 200

d <- read.csv(file, nrows = rows, na.strings = c("", "NA", "."), stringsAsFactors = FALSE)
measures <- c("security", "political", "economic", "cognitive", "value")
# Durability as docs/METHODS.md §3: duration = end - start (ended), observation year - start (ongoing);
# durable = duration > 5, ongoing cases still within 5 years left out.
ongoing <- ifelse(is.na(d$ongoing), is.na(d$end_year), d$ongoing == 1)
observed <- ifelse(!is.na(d$observed_until), d$observed_until, d$end_year)
duration <- ifelse(ongoing, observed - d$start_year, d$end_year - d$start_year)
d$durable <- ifelse(d$formed != 1 | is.na(duration), NA,
                    ifelse(duration > 5, 1, ifelse(ongoing, NA, 0)))

verdicts <- function(keep) {
  p <- b <- numeric(10)
  i <- 0
  for (m in measures) for (outcome in c("formed", "durable")) {
    i <- i + 1
    sub <- d[keep, ]
    if (outcome == "durable") sub <- sub[!is.na(sub$formed) & sub$formed == 1, ]
    f <- glm(sub[[outcome]] ~ sub[[m]], family = binomial,
             control = glm.control(epsilon = 1e-12, maxit = 100))
    b[i] <- coef(f)[2]
    p[i] <- summary(f)$coefficients[2, 4]
  }
  adjusted <- p.adjust(p, "holm")
  ifelse(adjusted < 0.05, ifelse(b > 0, "supported", "contradicted"), "not_supported")
}

members <- strsplit(d$members, ";", fixed = TRUE)
counts <- table(unlist(members))
shared <- names(counts)[counts >= 2]
set.seed(1)
cases <- sample(nrow(d), removals / 2)
picked <- head(shared[order(-counts[shared])], removals - length(cases))
cpu <- function() { t <- proc.time(); t[["user.self"]] + t[["sys.self"]] }
start <- proc.time()[["elapsed"]]
start_cpu <- cpu()
base <- verdicts(rep(TRUE, nrow(d)))
for (i in cases) verdicts(seq_len(nrow(d)) != i)
for (m in picked) verdicts(!vapply(members, function(x) m %in% x, logical(1)))
elapsed <- proc.time()[["elapsed"]] - start
elapsed_cpu <- cpu() - start_cpu
# CPU seconds: on a shared machine wall time also counts the other jobs (both are printed).
per_removal <- elapsed_cpu / (length(cases) + length(picked) + 1)
per_removal_full <- per_removal * full_rows / nrow(d)
cat(sprintf("rows %d\n", nrow(d)))
cat(sprintf("removals_timed %d\n", length(cases) + length(picked) + 1))
cat(sprintf("members %d\n", length(shared)))
cat(sprintf("wall_seconds %.3f\n", elapsed))
cat(sprintf("cpu_seconds %.3f\n", elapsed_cpu))
cat(sprintf("seconds_per_removal %.4f\n", per_removal))
cat(sprintf("seconds_per_removal_full %.3f\n", per_removal_full))
cat(sprintf("hours_all_cases %.1f\n", per_removal_full * full_rows / 3600))
cat(sprintf("minutes_all_members %.1f\n", per_removal_full * full_members / 60))
