# dyadic_data.R: writes tests/data/e2e/dyadic_n200.csv, the generated e2e data of
# default_n200.csv with its members column replaced by a dyad in two columns, member_a and
# member_b (both of role `members` in tests/data/e2e/dyadic_n200.codebook.csv), drawn from 15
# states with probabilities proportional to 1/rank (a few states in many rows, as in real
# dyadic data). A few cells exercise the union rules: a cell listing two states ("S01;S04"), a
# state in both cells, missing spellings (NA, .), a case with no member at all.
#
# Run from the repository root:   Rscript tests/reference/dyadic_data.R
set.seed(20261205)
d <- read.csv("tests/data/e2e/default_n200.csv", stringsAsFactors = FALSE, check.names = FALSE,
              colClasses = "character", na.strings = character(0))
states <- sprintf("S%02d", 1:15)
weights <- 1 / seq_along(states)
a <- character(nrow(d))
b <- character(nrow(d))
for (i in seq_len(nrow(d))) {
  pair <- sample(states, 2, prob = weights)
  a[i] <- pair[1]
  b[i] <- pair[2]
}
a[3] <- "S01;S04"      # a cell with two states
b[5] <- a[5]           # the same state in both cells: one member
b[8] <- "NA"           # missing spellings: dropped
a[13] <- " ."
a[21] <- ""            # no member at all: a cluster of its own
b[21] <- "NA"
b[34] <- paste0(" ", b[34], " ") # spaces around a name: trimmed
at <- match("members", names(d))
out <- cbind(d[, seq_len(at - 1)], member_a = a, member_b = b, d[, (at + 1):ncol(d)])
write.csv(out, "tests/data/e2e/dyadic_n200.csv", row.names = FALSE, quote = FALSE, na = "")
