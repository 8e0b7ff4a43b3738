# Reference values for tests/stats/test_mde.c (R 4.2): minimum detectable effects by the
# definition of issue 11 §2, written out here independently with uniroot, and a seeded
# simulation showing that the logit MDE has about 80% power.
# Logit: for b > 0, a(b) solves mean(plogis(a + b x)) = ybar; I(b) = sum w [1 x; x x^2],
# w = p(1 - p) at (a(b), b); se(b) = sqrt(I^-1[2, 2]); power(b) = pnorm(b/se - z) +
# pnorm(-b/se - z) (one-sided: the first term, z = qnorm(1 - level)). MDE = the smallest b in
# (0, 30/sd(x)] with power 0.80: the first crossing on the grid 30/sd(x) * 10^(-6 + 6k/120),
# k = 0..120, then uniroot in that bracket.
# Cox: se = 1/sqrt(d v), v = mean((x - mean(x))^2); power(b) = 0.80 by uniroot; reported -b.
# Run from the repository root: Rscript tests/reference/mde.R
critical <- function(level, two_sided) if (two_sided) qnorm(1 - level / 2) else qnorm(1 - level)
power_of <- function(b, se, z, two_sided)
  if (!is.finite(se)) 0 else pnorm(b / se - z) + if (two_sided) pnorm(-b / se - z) else 0
wmean <- function(v, w) sum(w * v) / sum(w)
wsd <- function(x, w) sqrt(sum(w * (x - wmean(x, w))^2) / (sum(w) - 1))

logit_power <- function(b, x, w, ybar, z, two_sided) {
  a <- uniroot(function(a) wmean(plogis(a + b * x), w) - ybar,
               qlogis(ybar) - b * c(max(x), min(x)), tol = 1e-14)$root
  p <- plogis(a + b * x)
  ww <- w * p * (1 - p)
  # I = [i00 i01; i01 i11]; [I^-1]_22 = i00 / det, det written out (solve() refuses a nearly
  # singular I that still has a finite inverse)
  i00 <- sum(ww); i01 <- sum(ww * x); i11 <- sum(ww * x^2)
  determinant <- i00 * i11 - i01^2
  if (determinant <= 1e-300) return(0)
  power_of(b, sqrt(i00 / determinant), z, two_sided)
}

mde_logit <- function(x, w, ybar, level, two_sided, target = 0.8) {
  z <- critical(level, two_sided)
  top <- 30 / wsd(x, w)
  grid <- top * 10^(-6 + 6 * (0:120) / 120)
  f <- function(b) logit_power(b, x, w, ybar, z, two_sided) - target
  k <- which(sapply(grid, f) >= 0)[1]
  if (is.na(k)) return(c(b = NA, or = NA, or_sd = NA))
  lower <- if (k == 1) 0 else grid[k - 1]
  b <- uniroot(f, c(lower, grid[k]), tol = 1e-14)$root
  c(b = b, or = exp(b), or_sd = exp(b * wsd(x, w)))
}

mde_cox <- function(x, w, d, level, two_sided, target = 0.8) {
  z <- critical(level, two_sided)
  v <- sum(w * (x - wmean(x, w))^2) / sum(w)
  se <- 1 / sqrt(d * v)
  b <- uniroot(function(b) power_of(b, se, z, two_sided) - target, c(0, se * (z + 10)),
               tol = 1e-14)$root
  c(b = -b, hr = exp(-b), hr_sd = exp(-b * wsd(x, w)))
}

show <- function(label, v) cat(sprintf("%-44s %s\n", label,
                                       paste(sprintf("%.15g", v), collapse = ", ")))

# 1. a coded measure (1..5) on 46 cases, 20 events; Holm over 5 tests at 0.05: level 0.01
x1 <- 1:5; w1 <- c(4, 9, 14, 12, 7)
show("coded 46: b, or, or_sd", mde_logit(x1, w1, 20 / 46, 0.01, TRUE))
show("coded 46: power at b", logit_power(mde_logit(x1, w1, 20 / 46, 0.01, TRUE)[1], x1, w1,
                                         20 / 46, critical(0.01, TRUE), TRUE))
# 2. a continuous measure, 30 cases, event rate 0.3, alpha 0.05, one-sided
set.seed(3)
x2 <- round(rnorm(30, 2, 0.8), 2)
cat("x2 =", paste(sprintf("%.2f", x2), collapse = ", "), "\n")
show("continuous 30 one-sided: b, or, or_sd", mde_logit(x2, rep(1, 30), 0.3, 0.05, FALSE))
# 3. no detectable effect: one case of 10 at x = 1, level 0.01
x3 <- c(0, 1); w3 <- c(9, 1)
show("single exposed case: b", mde_logit(x3, w3, 0.5, 0.01, TRUE))
show("  max power on the grid", max(sapply(30 / wsd(x3, w3) * 10^(-6 + 6 * (0:120) / 120),
                                          logit_power, x3, w3, 0.5, critical(0.01, TRUE), TRUE)))
# 4. Cox: the coded measure on 30 formed cases with 9 ends, level 0.01 two-sided; 0.05 one-sided
w4 <- c(2, 6, 10, 8, 4)
show("cox 30 d=9: b, hr, hr_sd", mde_cox(x1, w4, 9, 0.01, TRUE))
show("cox 30 d=9 one-sided 0.05: b, hr, hr_sd", mde_cox(x1, w4, 9, 0.05, FALSE))

# Simulation (seeded): the power of the Wald test of glm at the MDE, x fixed, y drawn from
# plogis(a(b) + b x); 4000 replications. Asymptotic power is 0.80 by construction; small
# samples fall a little short of it.
simulate <- function(x, w, ybar, level, reps = 4000) {
  m <- mde_logit(x, w, ybar, level, TRUE)
  b <- unname(m[1])
  a <- uniroot(function(a) wmean(plogis(a + b * x), w) - ybar,
               qlogis(ybar) - b * c(max(x), min(x)), tol = 1e-14)$root
  xx <- rep(x, w)
  set.seed(20261205)
  hits <- replicate(reps, {
    yy <- rbinom(length(xx), 1, plogis(a + b * xx))
    fit <- suppressWarnings(glm(yy ~ xx, family = binomial))
    s <- summary(fit)$coefficients
    nrow(s) == 2 && s[2, 4] < level
  })
  mean(hits)
}
show("simulated power, coded 46, level 0.01", simulate(x1, w1, 20 / 46, 0.01))
show("simulated power, coded 460, level 0.01", simulate(x1, 10 * w1, 20 / 46, 0.01))
