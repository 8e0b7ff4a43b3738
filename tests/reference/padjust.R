# Reference values for tests/stats/test_padjust.c: R's p.adjust. The C test puts NaN holes
# into the vectors; p.adjust here runs on the vectors without them.
# Run: Rscript tests/reference/padjust.R
show <- function(label, p, method) {
  cat(sprintf("%s %s: %s\n", label, method,
              paste(sprintf("%.15g", p.adjust(p, method = method)), collapse = " ")))
}
ten <- c(0.0012, 0.041, 0.2, 0.0005, 0.03, 0.049, 0.73, 0.0125, 0.009, 0.5)
for (m in c("holm", "BH")) show("ten", ten, m)
# ties and a p of 1
tied <- c(0.02, 0.02, 0.001, 0.3, 1, 0.02)
for (m in c("holm", "BH")) show("tied", tied, m)
# the holes case: C vector c(0.04, NaN, 0.01, 0.03, NaN, 0.2, NaN)
holes <- c(0.04, 0.01, 0.03, 0.2)
for (m in c("holm", "BH")) show("holes", holes, m)
# cross-check that R treats NA the same way
for (m in c("holm", "BH")) show("holes_na", c(0.04, NA, 0.01, 0.03, NA, 0.2, NA), m)
