# Agreement of the two bundled codings (datasets/quasi_alliance_cases.csv, coder A, and the
# blind coding datasets/quasi_alliance_cases_coder_b.csv, coder B) on the five measures, with
# and without the codes that the rubric fixes by its own examples ("anchor-fixed",
# datasets/CODING.md section 4). Formulas as in compare_bundled.R: percent agreement, Cohen's
# kappa (Cohen 1960), quadratic-weighted kappa (Cohen 1968; categories = the union of observed
# codes, weights on their ranks, as irr::kappa2 "squared"), Gwet's AC1 (Gwet 2008).
#
# It also writes the two codings with the anchor-fixed cells emptied to DIR (default: a
# temporary directory), so that `qareport compare` can be run on them:
#   Rscript tests/reference/agreement_blind.R [DIR]
#   build/qareport compare DIR/coder_a_no_anchors.csv DIR/coder_b_no_anchors.csv --quiet
# Run from the repository root.
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else tempfile("agreement_blind")
dir.create(dir, showWarnings = FALSE, recursive = TRUE)

a <- read.csv("datasets/quasi_alliance_cases.csv", colClasses = "character",
              encoding = "UTF-8", check.names = FALSE)
b <- read.csv("datasets/quasi_alliance_cases_coder_b.csv", colClasses = "character",
              encoding = "UTF-8", check.names = FALSE)
stopifnot(setequal(a$case_id, b$case_id))
b <- b[match(a$case_id, b$case_id), ]

# The codes CODING.md fixes by an anchor (case, measure, code).
anchors <- data.frame(
  case_id = c("anti-libya-1980s", "somalia-ethiopia", "france-ussr-1971", "usa-southvietnam",
              "gulf-coalition-1990", "suez-1956", "usa-southvietnam", "somalia-ethiopia"),
  measure = c("security", "security", "security", "political", "political", "economic",
              "economic", "cognitive"),
  code = c(4, 4, 0, 4, 4, 4, 1, 4))

agreement <- function(x, y) {
  keep <- !is.na(x) & !is.na(y)
  x <- x[keep]; y <- y[keep]
  levels <- sort(unique(c(x, y))); k <- length(levels)
  tab <- table(factor(x, levels), factor(y, levels)) / length(x)
  po <- sum(diag(tab)); pe <- sum(rowSums(tab) * colSums(tab))
  kappa <- (po - pe) / (1 - pe)
  w <- outer(1:k, 1:k, function(i, j) 1 - (i - j)^2 / (k - 1)^2)
  pow <- sum(w * tab); pew <- sum(w * outer(rowSums(tab), colSums(tab)))
  wkappa <- (pow - pew) / (1 - pew)
  pi_k <- (rowSums(tab) + colSums(tab)) / 2
  pe_ac1 <- sum(pi_k * (1 - pi_k)) / (k - 1)
  ac1 <- (po - pe_ac1) / (1 - pe_ac1)
  c(n = length(x), percent = 100 * po, kappa = kappa, weighted_kappa = wkappa, gwet_ac1 = ac1)
}

measures <- c("security", "political", "economic", "cognitive", "value")
a_no <- a; b_no <- b
for (i in seq_len(nrow(anchors))) {
  row <- which(a$case_id == anchors$case_id[i])
  a_no[row, anchors$measure[i]] <- ""
  b_no[row, anchors$measure[i]] <- ""
}
for (m in measures) {
  with <- agreement(as.numeric(a[[m]]), as.numeric(b[[m]]))
  without <- agreement(suppressWarnings(as.numeric(a_no[[m]])),
                       suppressWarnings(as.numeric(b_no[[m]])))
  cat(sprintf("%-9s with anchors    n %2d percent %.15g kappa %.15g weighted_kappa %.15g gwet_ac1 %.15g\n",
              m, with["n"], with["percent"], with["kappa"], with["weighted_kappa"], with["gwet_ac1"]))
  cat(sprintf("%-9s without anchors n %2d percent %.15g kappa %.15g weighted_kappa %.15g gwet_ac1 %.15g\n",
              m, without["n"], without["percent"], without["kappa"], without["weighted_kappa"],
              without["gwet_ac1"]))
}
# Coder B's codes on the anchor-fixed cells (does B follow the rubric's own examples?)
for (i in seq_len(nrow(anchors))) {
  row <- which(b$case_id == anchors$case_id[i])
  cat(sprintf("anchor %s %s: rubric %d, A %s, B %s\n", anchors$case_id[i], anchors$measure[i],
              anchors$code[i], a[row, anchors$measure[i]], b[row, anchors$measure[i]]))
}
write.csv(a_no, file.path(dir, "coder_a_no_anchors.csv"), row.names = FALSE, na = "",
          fileEncoding = "UTF-8")
write.csv(b_no, file.path(dir, "coder_b_no_anchors.csv"), row.names = FALSE, na = "",
          fileEncoding = "UTF-8")
cat("filtered codings in", dir, "\n")
