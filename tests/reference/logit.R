# Reference values for tests/stats/test_logit*.c and test_separation.c (R 4.2, brglm2).
# Run: Rscript tests/reference/logit.R  -- prints the data sets as C arrays and every value
# pasted in the tests, each labelled with the R call that produced it.
suppressPackageStartupMessages(library(brglm2))
RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(20261128)

p15 <- function(v) paste(sprintf("%.15g", v), collapse = ", ")
show <- function(label, v) cat(sprintf("%-40s %s\n", label, p15(v)))
carray <- function(name, v) cat(sprintf("static const double %s[] = {%s};\n", name,
                                        paste(format(v, trim = TRUE), collapse = ", ")))

# ---- data sets ----------------------------------------------------------------------------
# small: n = 40, ordinal 0-4 measure.
small_x <- sample(0:4, 40, replace = TRUE)
small_y <- rbinom(40, 1, plogis(-1.2 + 0.6 * small_x))
# joint: n = 80, five correlated ordinal measures and a dummy.
latent <- rnorm(80)
joint <- sapply(1:5, function(k) pmin(4, pmax(0, round(2 + 0.8 * latent + rnorm(80)))))
joint_d <- rbinom(80, 1, 0.4)
joint_y <- rbinom(80, 1, plogis(-2 + 0.3 * joint[, 1] + 0.2 * joint[, 2] - 0.1 * joint[, 3] +
                                  0.25 * joint[, 4] + 0.1 * joint[, 5] + 0.5 * joint_d))
# separated: complete separation at x >= 3.
sep_x <- c(0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2, 3, 3, 4, 4, 3, 4, 3, 4, 4)
sep_y <- as.numeric(sep_x >= 3)
# quasi: y = 0 below 2, 1 above 2, both at 2 (quasi-complete separation).
quasi_x <- c(0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 3, 4, 0, 1, 2, 3, 4)
quasi_y <- c(0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1)
# huge but finite: separated on a fine scale but for one overlapping pair.
huge_x <- (1:20) / 1000
huge_y <- as.numeric(1:20 > 10); huge_y[10] <- 1; huge_y[11] <- 0

cat("---- data ----\n")
carray("small_x", small_x); carray("small_y", small_y)
for (k in 1:5) carray(sprintf("joint_x%d", k), joint[, k])
carray("joint_d", joint_d); carray("joint_y", joint_y)
carray("quasi_x", quasi_x); carray("quasi_y", quasi_y)

# ---- ML ------------------------------------------------------------------------------------
ctrl <- glm.control(epsilon = 1e-14, maxit = 100)
# SEs at the final estimate: glm's summary uses the weights of the previous iterate, so
# recompute the information X'WX at the returned coefficients.
ml_report <- function(name, X, y) {
  fit <- glm(y ~ X[, -1], family = binomial, control = ctrl) # X[, 1] is the intercept
  b <- coef(fit); mu <- as.vector(plogis(X %*% b)); w <- mu * (1 - mu)
  se <- sqrt(diag(solve(crossprod(X * sqrt(w)))))
  z <- b / se; wp <- 2 * pnorm(-abs(z))
  n <- length(y); ll <- as.numeric(logLik(fit))
  ll0 <- as.numeric(logLik(glm(y ~ 1, family = binomial, control = ctrl)))
  k <- ncol(X)
  cat(sprintf("-- %s: glm(y ~ X[, -1], binomial, epsilon 1e-14), SE from solve(X'WX) at coef\n", name))
  show("coef(fit)", b); show("se", se); show("z", z); show("2*pnorm(-|z|)", wp)
  show("b - qnorm(.975)*se", b - qnorm(0.975) * se); show("b + qnorm(.975)*se", b + qnorm(0.975) * se)
  show("logLik(fit)", ll); show("logLik(null)", ll0)
  show("deviance(fit)", deviance(fit)); show("fit$null.deviance", fit$null.deviance)
  show("LR chi2 = null.dev - dev", fit$null.deviance - deviance(fit))
  show("pchisq(LR, k-1, lower=FALSE)", pchisq(fit$null.deviance - deviance(fit), k - 1, lower.tail = FALSE))
  show("AIC(fit)", AIC(fit)); show("BIC(fit)", BIC(fit))
  show("McFadden 1 - ll/ll0", 1 - ll / ll0)
  cs <- 1 - exp(2 * (ll0 - ll) / n)
  show("Cox-Snell 1-exp(2(ll0-ll)/n)", cs); show("Nagelkerke cs/(1-exp(2 ll0/n))", cs / (1 - exp(2 * ll0 / n)))
  pred <- mu > 0.5
  show("table tn fp fn tp", c(sum(!pred & y == 0), sum(pred & y == 0), sum(!pred & y == 1), sum(pred & y == 1)))
  # AUC by Mann-Whitney: wilcox.test's W / (n1 n0).
  W <- suppressWarnings(wilcox.test(mu[y == 1], mu[y == 0], exact = FALSE)$statistic)
  show("wilcox W/(n1*n0)", W / (sum(y == 1) * sum(y == 0)))
  hl <- hosmer_lemeshow(y, mu)
  show("HL chi2, df, p (METHODS §5.8 rule)", hl)
  invisible(list(fit = fit, mu = mu))
}
# Hosmer-Lemeshow as docs/METHODS.md §5.8: type-7 decile cuts, unique breaks, lowest included, df = groups - 2.
hosmer_lemeshow <- function(y, mu) {
  br <- unique(quantile(mu, probs = seq(0, 1, 0.1), type = 7))
  g <- cut(mu, breaks = br, include.lowest = TRUE)
  o <- tapply(y, g, sum); e <- tapply(mu, g, sum); m <- tapply(mu, g, length)
  keep <- !is.na(m) & m > 0
  o <- o[keep]; e <- e[keep]; m <- m[keep]
  chi <- sum((o - e)^2 / (e * (1 - e / m)))
  df <- length(m) - 2
  c(chi, df, pchisq(chi, df, lower.tail = FALSE))
}

cat("---- ML ----\n")
Xs <- cbind(1, small_x)
ml_report("small", Xs, small_y)
Xj <- cbind(1, joint, joint_d)
ml_report("joint", Xj, joint_y)
cat("-- joint VIF: 1/(1 - summary(lm(xj ~ others))$r.squared)\n")
P <- Xj[, -1]
show("vif", sapply(1:ncol(P), function(j) 1 / (1 - summary(lm(P[, j] ~ P[, -j]))$r.squared)))
Xh <- cbind(1, huge_x)
ml_report("huge", Xh, huge_y)
cat("-- tiny: x = 0,1,2,3 y = 0,1,0,1\n")
ml_report("tiny", cbind(1, c(0, 1, 2, 3)), c(0, 1, 0, 1))

# ---- Firth ---------------------------------------------------------------------------------
# Penalized log-likelihood, written independently of the C code: loglik + 1/2 log det(X'WX).
pll <- function(beta, X, y) {
  eta <- as.vector(X %*% beta)
  ll <- sum(y * eta - pmax(eta, 0) - log1p(exp(-abs(eta))))
  mu <- plogis(eta)
  ll + 0.5 * as.numeric(determinant(crossprod(X * sqrt(mu * (1 - mu))))$modulus)
}
# Maximise over the free coefficients with the others fixed (BFGS, then Nelder-free polish).
pll_max <- function(X, y, fixed = integer(0), values = numeric(0), start = rep(0, ncol(X))) {
  free <- setdiff(seq_len(ncol(X)), fixed)
  full <- function(theta) { b <- numeric(ncol(X)); b[fixed] <- values; b[free] <- theta; b }
  # A non-finite value (weights underflowing far from the optimum) makes BFGS step back.
  f <- function(theta) { v <- -pll(full(theta), X, y); if (is.finite(v)) v else 1e100 }
  o <- optim(start[free], f, method = "BFGS", control = list(reltol = 1e-16, maxit = 1000))
  o <- optim(o$par, f, method = "BFGS", control = list(reltol = 1e-16, maxit = 1000))
  list(value = -o$value, b = full(o$par))
}
firth_report <- function(name, X, y) {
  colnames(X) <- paste0("c", seq_len(ncol(X))) # brglmFit needs distinct column names
  fit <- glm(y ~ X - 1, family = binomial, method = "brglmFit", type = "AS_mean",
             epsilon = 1e-12, maxit = 500)
  if (!fit$converged) stop("brglm2 did not converge")
  # Check the maximum independently: the penalized log-likelihood's optimum from optim.
  check <- pll_max(X, y, start = coef(fit))
  cat(sprintf("   max |brglm2 - optim| = %.3g\n", max(abs(check$b - coef(fit)))))
  b <- coef(fit); mu <- as.vector(plogis(X %*% b))
  se <- sqrt(diag(solve(crossprod(X * sqrt(mu * (1 - mu))))))
  cat(sprintf("-- %s: brglm2 glm(method = 'brglmFit', type = 'AS_mean'), SE solve(X'WX) at coef\n", name))
  show("coef(fit)", b); show("se", se); show("wald p 2*pnorm(-|b/se|)", 2 * pnorm(-abs(b / se)))
  lmax <- pll(b, X, y)
  show("pll(coef) penalized loglik", lmax)
  null <- pll_max(X, y, fixed = 2:ncol(X), values = rep(0, ncol(X) - 1))
  show("null pll: intercept only, full penalty", null$value)
  show("LR 2(lmax - lnull), p df k-1", c(2 * (lmax - null$value), pchisq(2 * (lmax - null$value), ncol(X) - 1, lower.tail = FALSE)))
  # Penalized LR p per term: refit with beta_j = 0.
  pj <- sapply(seq_len(ncol(X)), function(j) {
    r <- pll_max(X, y, fixed = j, values = 0, start = b)
    pchisq(2 * (lmax - r$value), 1, lower.tail = FALSE)
  })
  show("penalized LR p per term", pj)
  # Profile penalized likelihood CI: uniroot of 2(lmax - profile(beta_j)) - qchisq(.95, 1).
  q <- qchisq(0.95, 1)
  lo <- hi <- numeric(ncol(X))
  for (j in seq_len(ncol(X))) {
    warm <- b  # warm start: the profile moves step by step away from the maximum
    prof <- function(v) {
      r <- pll_max(X, y, fixed = j, values = v, start = warm)
      warm <<- r$b
      2 * (lmax - r$value) - q
    }
    for (side in c(-1, 1)) {
      warm <- b; inner <- b[j]; outer <- b[j] + side * se[j]
      while (prof(outer) < 0) { inner <- outer; outer <- b[j] + 2 * (outer - b[j]) }
      warm <- b; prof(inner)
      root <- uniroot(prof, sort(c(inner, outer)), tol = 1e-12)$root
      if (side < 0) lo[j] <- root else hi[j] <- root
    }
  }
  show("profile CI lower", lo); show("profile CI upper", hi)
  pred <- mu > 0.5
  show("table tn fp fn tp", c(sum(!pred & y == 0), sum(pred & y == 0), sum(!pred & y == 1), sum(pred & y == 1)))
  W <- suppressWarnings(wilcox.test(mu[y == 1], mu[y == 0], exact = FALSE)$statistic)
  show("wilcox W/(n1*n0)", W / (sum(y == 1) * sum(y == 0)))
  show("HL chi2, df, p (METHODS §5.8 rule)", hosmer_lemeshow(y, mu))
}
cat("---- Firth ----\n")
firth_report("separated", cbind(1, sep_x), sep_y)
firth_report("quasi", cbind(1, quasi_x), quasi_y)
firth_report("small", Xs, small_y)
firth_report("joint", Xj, joint_y)

# ---- separation ------------------------------------------------------------------------------
cat("---- separation: glm warnings (fitted probabilities 0 or 1) and coefficient growth ----\n")
for (d in list(list("separated", sep_x, sep_y), list("quasi", quasi_x, quasi_y),
               list("huge", huge_x, huge_y), list("small", small_x, small_y))) {
  w <- NULL
  fit <- withCallingHandlers(glm(d[[3]] ~ d[[2]], family = binomial, control = ctrl),
                             warning = function(m) { w <<- conditionMessage(m); invokeRestart("muffleWarning") })
  cat(sprintf("%-10s coef %s  warning: %s\n", d[[1]], p15(coef(fit)), if (is.null(w)) "none" else w))
}
# Which coefficients diverge: glm's estimates after 100 iterations (|b| large = infinite).
dummy_b <- rep(c(0, 1, 0), each = 5); dummy_c <- rep(c(0, 0, 1), each = 5)
dummy_y <- c(0, 0, 0, 0, 0,  0, 1, 1, 0, 1,  1, 1, 0, 1, 1)
partial_d <- c(rep(1, 6), rep(0, 14))
partial_x <- c(3, 5, 7, 9, 11, 13, 1:14)
partial_y <- c(rep(1, 6), 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1)
fit <- suppressWarnings(glm(dummy_y ~ dummy_b + dummy_c, family = binomial, control = ctrl))
cat(sprintf("dummy      coef %s (intercept -inf, both dummies +inf)\n", p15(coef(fit))))
fit <- suppressWarnings(glm(partial_y ~ partial_d + partial_x, family = binomial, control = ctrl))
cat(sprintf("partial    coef %s (only the dummy diverges)\n", p15(coef(fit))))

# ---- ranking: Hosmer-Lemeshow and AUC with many distinct fitted values and ties ----------
# Rows 1..80000: f = frac(i * 0.6180339887498949); odd rows put on a grid of 1000 levels
# (ties); y = f > frac(i * 0.7548776662466927). Same arithmetic in C.
i <- 1:80000
f <- (i * 0.6180339887498949) %% 1
odd <- i %% 2 == 1
f[odd] <- (floor(f[odd] * 1000) + 0.5) / 1000
yr <- as.numeric(f > (i * 0.7548776662466927) %% 1)
cat("---- ranking ----\n")
cat(sprintf("distinct fitted values: %d\n", length(unique(f))))
show("HL chi2, df, p (METHODS §5.8 rule)", hosmer_lemeshow(yr, f))
W <- wilcox.test(f[yr == 1], f[yr == 0], exact = FALSE)$statistic
show("wilcox W/(n1*n0) on f", W / (sum(yr == 1) * sum(yr == 0)))
s <- log(f / (1 - f))
W <- wilcox.test(s[yr == 1], s[yr == 0], exact = FALSE)$statistic
show("wilcox W/(n1*n0) on logit(f)", W / (sum(yr == 1) * sum(yr == 0)))
# A short one by hand: scores with ties and negatives.
sc <- c(-2, -1, -1, 0, 0.5, 0.5, 0.5, 3); ys <- c(0, 1, 0, 0, 1, 0, 1, 1)
W <- wilcox.test(sc[ys == 1], sc[ys == 0], exact = FALSE)$statistic
show("wilcox W/(n1*n0) short", W / (sum(ys == 1) * sum(ys == 0)))
show("HL short (fitted = plogis(sc))", hosmer_lemeshow(ys, plogis(sc)))

# ---- wider model (p = 9), no intercept, 90% CIs ----------------------------------------------
cat("---- extra ----\n")
X9 <- cbind(Xj, joint[, 1]^2, joint[, 2] * joint[, 3]); colnames(X9) <- paste0("c", 1:9)
fit9 <- glm(joint_y ~ X9[, -1], family = binomial, control = ctrl)
b9 <- coef(fit9); mu9 <- as.vector(plogis(X9 %*% b9))
show("p9 coef(fit)", b9)
show("p9 se at coef", sqrt(diag(solve(crossprod(X9 * sqrt(mu9 * (1 - mu9)))))))
show("p9 logLik", as.numeric(logLik(fit9)))
P9 <- X9[, -1]
show("p9 vif", sapply(1:ncol(P9), function(j) 1 / (1 - summary(lm(P9[, j] ~ P9[, -j]))$r.squared)))
f9 <- glm(joint_y ~ X9 - 1, family = binomial, method = "brglmFit", type = "AS_mean",
          epsilon = 1e-12, maxit = 500)
show("p9 brglm2 AS_mean coef", coef(f9))
# No intercept: glm's null model is eta = 0, LR df = p.
fit0 <- glm(small_y ~ small_x - 1, family = binomial, control = ctrl)
b0 <- coef(fit0); mu0 <- plogis(small_x * b0)
se0 <- sqrt(1 / sum(small_x^2 * mu0 * (1 - mu0)))
show("no intercept coef, se", c(b0, se0))
show("no intercept logLik, null.deviance", c(as.numeric(logLik(fit0)), fit0$null.deviance))
show("no intercept LR p (df 1)", pchisq(fit0$null.deviance - deviance(fit0), 1, lower.tail = FALSE))
# 90% Wald CI for the small model.
fs <- glm(small_y ~ small_x, family = binomial, control = ctrl)
bs <- coef(fs); mus <- as.vector(plogis(Xs %*% bs)); ses <- sqrt(diag(solve(crossprod(Xs * sqrt(mus * (1 - mus))))))
show("small 90% lower", bs - qnorm(0.95) * ses); show("small 90% upper", bs + qnorm(0.95) * ses)
# Step-halving: from the intercept-only start the first Newton step overshoots here
# (x = 0..10 and an outlying 60; y = 1 but at x = 0 and x = 60).
hx <- c(0:10, 60); hy <- c(0, rep(1, 10), 0)
fh <- glm(hy ~ hx, family = binomial, control = ctrl)
bh <- coef(fh); muh <- plogis(bh[1] + bh[2] * hx)
show("halving coef", bh)
show("halving se at coef", sqrt(diag(solve(crossprod(cbind(1, hx) * sqrt(muh * (1 - muh)))))))
show("halving logLik", as.numeric(logLik(fh)))
