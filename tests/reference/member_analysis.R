# member_analysis.R: independent reference for the member-robust standard errors and the
# minimum detectable effects of `qareport analyze --json` (issue 11), end to end.
#
# For the bundled coding (datasets/quasi_alliance_cases.csv: members shared across cases, the
# USA in many), the generated e2e datasets (one member set per case, so A = I: HC0) and a
# dyadic one (dyadic_n200: two members columns, 15 states, their union per case), writes
# tests/reference/member_<name>.expected with one "key value" line per number, keys the
# flattened --json output as in analysis.R. Every model is refitted here (glm / the Firth
# iteration of analysis.R, coxph) and the variance is built with the explicit n × n
# dependence matrix A (A[i, j] = 1 when cases i and j share a member or i = j):
#   logit  V = B U'AU B, U = X (y - p) (ML) or X (y - p + h (1/2 - p)) (Firth), B = (X'WX)^-1
#   Cox    V = D'AD, D = residuals(coxph(..., ties = "efron"), type = "dfbeta")
# MDEs by the definitions of tests/reference/mde.R at level 0.05 / (testable tests) (holm).
#
# Run from the repository root:   Rscript tests/reference/member_analysis.R
# Needs R with survival, brglm2 and lpSolve (as analysis.R, whose functions are reused).
definitions <- function(path) { # the assignments of a script, not its top-level runs
  for (e in parse(path)) {
    if (is.call(e) && (identical(e[[1]], as.name("<-")) || identical(e[[1]], as.name("library")) ||
                       identical(e[[1]], as.name("suppressPackageStartupMessages"))))
      eval(e, globalenv())
  }
}
definitions("tests/reference/analysis.R")
definitions("tests/reference/mde.R")

member_lists <- function(cells) {
  lapply(cells, function(cell) {
    if (is.na(cell)) return(character(0))
    names <- trimws(strsplit(cell, ";", fixed = TRUE)[[1]], whitespace = "[ \t]")
    unique(names[!(names %in% c("", "NA", "."))])
  })
}
dependence <- function(lists) {
  n <- length(lists)
  A <- diag(n)
  for (i in seq_len(n)) for (j in seq_len(n))
    if (length(intersect(lists[[i]], lists[[j]])) > 0) A[i, j] <- 1
  A
}
clusters <- function(lists) length(unique(unlist(lists))) + sum(lengths(lists) == 0)

emit_member <- function(sink, key, b, V, k) {
  se <- sqrt(diag(V))
  for (j in seq_along(b)) {
    z <- b[j] / se[j]
    emit(sink, paste0(key[j], ".member.se"), se[j])
    emit(sink, paste0(key[j], ".member.z"), z)
    emit(sink, paste0(key[j], ".member.p"), 2 * pnorm(-abs(z)))
    emit(sink, paste0(key[j], ".member.clusters"), k)
  }
}

# A logit on design X (intercept first) of the cases with member lists `lists`: the fit by the
# --firth auto rule (Firth when the Konis LP finds separation), then the sandwich.
logit_member <- function(X, y, lists) {
  if (is_separated(X, y)) {
    b <- firth_fit(X, y)$b
    firth <- TRUE
  } else {
    b <- ml_logit(X, y)$b
    firth <- FALSE
  }
  p <- c(plogis(X %*% b))
  w <- p * (1 - p)
  B <- solve(crossprod(X, X * w))
  r <- y - p
  if (firth) r <- r + rowSums((X %*% B) * X) * w * (0.5 - p)
  U <- X * r
  list(b = b, V = B %*% t(U) %*% dependence(lists) %*% U %*% B, clusters = clusters(lists))
}

cox_member <- function(cd, terms, lists) {
  fit <- fit_cox(cd, terms)
  D <- residuals(fit, type = "dfbeta")
  if (is.null(dim(D))) D <- matrix(D, ncol = 1)
  list(b = coef(fit), V = t(D) %*% dependence(lists) %*% D, clusters = clusters(lists), fit = fit)
}

# A case's members: the union over its members columns (dyads in two columns), each cell
# split and cleaned by member_lists, a state in both cells once.
union_lists <- function(d, columns) {
  per_column <- lapply(columns, function(column) member_lists(as.character(d[[column]])))
  lapply(seq_len(nrow(d)), function(i) unique(unlist(lapply(per_column, `[[`, i))))
}

member_reference <- function(path, member_columns = "members") {
  d <- read_cases(path)
  lists <- union_lists(d, member_columns)
  sink <- new_sink()
  testable <- list()
  designs <- list()
  for (outcome in c("formation", "durability")) for (measure in measures) {
    key <- paste0("tests.", hypotheses[[measure]], ".", outcome)
    rows <- if (outcome == "formation") which(!is.na(d$formed) & !is.na(d[[measure]]))
      else which(!is.na(d$formed) & d$formed == 1 & !is.na(d[[measure]]) & !is.na(d$durable))
    x <- d[[measure]][rows]
    y <- if (outcome == "formation") d$formed[rows] else d$durable[rows]
    ok <- length(rows) >= 10 && length(unique(y)) > 1 && length(unique(x)) > 1
    testable[[key]] <- ok
    if (!ok) next
    m <- logit_member(cbind(1, x), y, lists[rows])
    model <- paste0("models.", outcome, "_", measure, ".terms.")
    emit_member(sink, c(paste0(model, "(Intercept)"), paste0(model, measure)), m$b, m$V,
                m$clusters)
    emit_member(sink, paste0(key, ".logit"), m$b[2], m$V[2, 2, drop = FALSE], m$clusters)
    designs[[key]] <- list(x = x, ybar = mean(y))
    if (outcome == "durability") {
      crows <- which(!is.na(d$formed) & d$formed == 1 & !is.na(d[[measure]]) &
                       !is.na(d$duration) & !is.na(d$event))
      cm <- cox_member(d[crows, ], measure, lists[crows])
      emit_member(sink, paste0("models.cox_", measure, ".terms.", measure), cm$b, cm$V,
                  cm$clusters)
      emit_member(sink, paste0(key, ".cox"), cm$b, cm$V, cm$clusters)
      designs[[key]]$cox <- list(x = d[[measure]][crows], events = cm$fit$nevent)
    }
  }
  # detectable effects at the verdict rule's level (holm: alpha / testable tests)
  level <- 0.05 / sum(unlist(testable))
  for (key in names(designs)) {
    g <- designs[[key]]
    mde <- mde_logit(g$x, rep(1, length(g$x)), g$ybar, level, TRUE)
    emit(sink, paste0(key, ".mde.level"), level)
    emit(sink, paste0(key, ".mde.power"), 0.8)
    emit(sink, paste0(key, ".mde.b"), mde[["b"]])
    emit(sink, paste0(key, ".mde.or"), mde[["or"]])
    emit(sink, paste0(key, ".mde.or_sd"), mde[["or_sd"]])
    if (!is.null(g$cox)) {
      cox <- mde_cox(g$cox$x, rep(1, length(g$cox$x)), g$cox$events, level, TRUE)
      emit(sink, paste0(key, ".cox.mde.b"), cox[["b"]])
      emit(sink, paste0(key, ".cox.mde.hr"), cox[["hr"]])
    }
  }
  # joint models: all five measures, complete cases
  complete <- !is.na(d$formed) & complete.cases(d[, measures])
  for (outcome in c("formation", "durability")) {
    rows <- which(if (outcome == "formation") complete
                  else complete & d$formed == 1 & !is.na(d$durable))
    y <- if (outcome == "formation") d$formed[rows] else d$durable[rows]
    X <- cbind(1, as.matrix(d[rows, measures]))
    m <- logit_member(X, y, lists[rows])
    model <- paste0("models.", outcome, "_joint.terms.")
    emit_member(sink, paste0(model, c("(Intercept)", measures)), m$b, m$V, m$clusters)
  }
  crows <- which(complete & d$formed == 1 & !is.na(d$duration) & !is.na(d$event))
  cm <- cox_member(d[crows, ], measures, lists[crows])
  emit_member(sink, paste0("models.cox_joint.terms.", measures), cm$b, cm$V, cm$clusters)
  sink
}

targets <- c(quasi_alliance_cases = "datasets/quasi_alliance_cases.csv",
             default_n200 = "tests/data/e2e/default_n200.csv",
             firth_n40 = "tests/data/e2e/firth_n40.csv")
for (name in names(targets))
  write_sink(member_reference(targets[[name]]), paste0("member_", name, ".expected"))
# dyads in two columns (tests/reference/dyadic_data.R; run with -c
# tests/data/e2e/dyadic_n200.codebook.csv, which gives both the role members)
write_sink(member_reference("tests/data/e2e/dyadic_n200.csv", c("member_a", "member_b")),
           "member_dyadic_n200.expected")
