# Adjusted p-values of the ten primary tests of tests/data/e2e/default_n200.csv under
# `--adjust bh` and under `--sided one` (Holm), from the primary B and p that
# tests/reference/analysis.R computed with glm (analysis_default_n200.expected): p.adjust over
# the testable tests; one-sided in the hypothesised direction is p/2 when B > 0, else 1 − p/2.
# Run from the repository root: Rscript tests/reference/options.R
e <- read.table("tests/reference/analysis_default_n200.expected", stringsAsFactors = FALSE)
get <- function(key) as.numeric(e$V2[e$V1 == key])
tests <- paste0("tests.H", rep(1:5, each = 2), ".", c("formation", "durability"))
b <- sapply(tests, function(t) get(paste0(t, ".logit.b")))
p <- sapply(tests, function(t) get(paste0(t, ".logit.p")))
bh <- p.adjust(p, "BH")
one <- ifelse(b > 0, p / 2, 1 - p / 2)
holm_one <- p.adjust(one, "holm")
for (i in seq_along(tests))
  cat(sprintf("%s bh %.15g one_sided_holm %.15g\n", tests[i], bh[i], holm_one[i]))
