# Reference values for tests/stats/test_logit_weights.c (R 4.2, brglm2): logistic fits with
# frequency weights. A weighted fit must equal the fit on the data with each row repeated
# weight times, so every statistic is also computed on the expanded data.
# Notes checked here:
# - glm(..., weights = w) with 0/1 y gives the expanded fit's coefficients, SEs, logLik and
#   AIC (the binomial AIC's choose(m, m y) term is log 1 = 0 for 0/1 y; for proportions y it
#   would differ). Non-integer weights make glm warn; these are integers.
# - BIC(glm) uses nobs = number of rows with w != 0, not the number of cases: our BIC is the
#   expanded one, -2 logLik + log(sum(w)) k, as BIC of the expanded glm.
suppressPackageStartupMessages(library(brglm2))
p15 <- function(v) paste(sprintf("%.15g", v), collapse = ", ")
show <- function(label, v) cat(sprintf("%-40s %s\n", label, p15(v)))
ctrl <- glm.control(epsilon = 1e-14, maxit = 100)

# Distinct rows of a coded design with their counts (the last row has weight 0).
wx <- c(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 2)
wz <- c(1, 0, 2, 1, 1, 3, 2, 4, 3, 4, 0)
wy <- c(0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1)
ww <- c(14, 3, 11, 6, 9, 9, 5, 12, 2, 10, 0)
cat("---- data ----\n")
show("x", wx); show("z", wz); show("y", wy); show("w", ww)
expand <- rep(seq_along(ww), ww)

hosmer_lemeshow <- function(y, mu) { # as tests/reference/logit.R (docs/METHODS.md §5.8 rule)
  br <- unique(quantile(mu, probs = seq(0, 1, 0.1), type = 7))
  g <- cut(mu, breaks = br, include.lowest = TRUE)
  o <- tapply(y, g, sum); e <- tapply(mu, g, sum); m <- tapply(mu, g, length)
  keep <- !is.na(m) & m > 0
  o <- o[keep]; e <- e[keep]; m <- m[keep]
  chi <- sum((o - e)^2 / (e * (1 - e / m)))
  c(chi, length(m) - 2, pchisq(chi, length(m) - 2, lower.tail = FALSE))
}

weighted_report <- function(name, X) {
  fit <- glm(wy ~ X[, -1], family = binomial, weights = ww, control = ctrl)
  Xe <- X[expand, , drop = FALSE]; ye <- wy[expand]
  fe <- glm(ye ~ Xe[, -1], family = binomial, control = ctrl)
  cat(sprintf("-- %s: glm(y ~ X[, -1], binomial, weights = w, epsilon 1e-14)\n", name))
  cat(sprintf("   max |weighted - expanded coef| = %.3g, AIC %.3g, logLik %.3g\n",
              max(abs(coef(fit) - coef(fe))), AIC(fit) - AIC(fe),
              as.numeric(logLik(fit)) - as.numeric(logLik(fe))))
  cat(sprintf("   BIC(weighted glm) - BIC(expanded glm) = %.6g (nobs %d vs %d)\n",
              BIC(fit) - BIC(fe), nobs(fit), nobs(fe)))
  b <- coef(fit); mu <- as.vector(plogis(X %*% b))
  se <- sqrt(diag(solve(crossprod(X * sqrt(ww * mu * (1 - mu))))))
  n <- sum(ww); ll <- as.numeric(logLik(fit)); k <- ncol(X)
  ll0 <- as.numeric(logLik(glm(wy ~ 1, family = binomial, weights = ww, control = ctrl)))
  show("coef(fit)", b); show("se at coef (weights w mu (1-mu))", se)
  show("2*pnorm(-|b/se|)", 2 * pnorm(-abs(b / se)))
  show("logLik(fit)", ll); show("logLik(null)", ll0)
  show("AIC(fit)", AIC(fit)); show("BIC(expanded glm)", BIC(fe))
  show("McFadden 1 - ll/ll0", 1 - ll / ll0)
  cs <- 1 - exp(2 * (ll0 - ll) / n)
  show("Cox-Snell (n = sum(w))", cs); show("Nagelkerke", cs / (1 - exp(2 * ll0 / n)))
  mue <- mu[expand]; pred <- mue > 0.5
  show("table tn fp fn tp (expanded)", c(sum(!pred & ye == 0), sum(pred & ye == 0),
                                         sum(!pred & ye == 1), sum(pred & ye == 1)))
  W <- suppressWarnings(wilcox.test(mue[ye == 1], mue[ye == 0], exact = FALSE)$statistic)
  show("AUC wilcox W/(n1*n0) (expanded)", W / (sum(ye == 1) * sum(ye == 0)))
  show("HL chi2, df, p (expanded)", hosmer_lemeshow(ye, mue))
  show("events, n = sum(w)", c(sum(ww * wy), n))
  if (k > 2) {
    P <- Xe[, -1]
    show("vif (expanded lm)", sapply(1:ncol(P), function(j) 1 / (1 - summary(lm(P[, j] ~ P[, -j]))$r.squared)))
  }
}

cat("---- ML ----\n")
weighted_report("univariate", cbind(1, wx))
weighted_report("joint", cbind(1, wx, wz))

cat("---- Firth ----\n")
# brglm2's bias reduction with prior weights: for 0/1 y the weighted information and hat
# values are those of the expanded data, so this is Firth's estimate on the expanded data.
X <- cbind(c1 = 1, c2 = wx)
ff <- glm(wy ~ X - 1, family = binomial, weights = ww, method = "brglmFit", type = "AS_mean",
          epsilon = 1e-14, maxit = 200)
Xe <- X[expand, ]; ye <- wy[expand]
fe <- glm(ye ~ Xe - 1, family = binomial, method = "brglmFit", type = "AS_mean",
          epsilon = 1e-14, maxit = 200)
cat(sprintf("   max |weighted - expanded brglm2 coef| = %.3g\n", max(abs(coef(ff) - coef(fe)))))
b <- coef(ff); mu <- as.vector(plogis(X %*% b)); I <- crossprod(X * sqrt(ww * mu * (1 - mu)))
show("brglm2 AS_mean coef (weights = w)", b)
show("se solve(X'WX) at coef", sqrt(diag(solve(I))))
eta <- as.vector(X %*% b)
show("penalized loglik l + 1/2 log det I", sum(ww * (wy * eta - pmax(eta, 0) - log1p(exp(-abs(eta))))) +
       0.5 * as.numeric(determinant(I)$modulus))
