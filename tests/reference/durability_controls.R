# durability_controls.R: independent reference for `--durability cox` and `--controls-in all`
# (docs/METHODS.md §4) on tests/data/e2e/default_n200.csv. Writes
#   tests/reference/options_durability_cox.expected        --durability cox
#   tests/reference/options_controls_all.expected          --controls-in all --controls era
#   tests/reference/options_cox_controls_all.expected      both
# as "key value" lines whose keys are the flattened `--json` output (tests/support/
# json_flat.h), values sprintf("%.15g").
#
# The rules, written from METHODS rather than from the program:
# - formation: glm(formed ~ measure [+ era]) on the cases with formed, the measure [and era];
# - durability, logit: glm(durable ~ measure [+ era]) on formed cases with `durable` defined
#   (durable = lasted more than 5 years; an ongoing case still within 5 years is left out);
# - durability, Cox: coxph(Surv(duration, event) ~ measure [+ era]) (Efron ties) on formed
#   cases; with --durability cox the verdict is judged on -B of the measure and its Wald p;
# - the ten p-values are adjusted together (Holm); supported = B > 0 and adjusted p < 0.05,
#   contradicted = B < 0 and adjusted p < 0.05, otherwise not supported.
# default_n200 has no separated sample (analysis.R checks it), so every logit is ML; glm is
# run to epsilon 1e-14 so that its estimates are the maximum to the digits compared.
#
# Run from the repository root:   Rscript tests/reference/durability_controls.R
suppressPackageStartupMessages(library(survival))

measures <- c("security", "political", "economic", "cognitive", "value")
d <- read.csv("tests/data/e2e/default_n200.csv", na.strings = c("", "NA", "."),
              stringsAsFactors = FALSE)
# Durations as METHODS §3 defines them (the same derivation as analysis.R's read_cases).
ongoing <- ifelse(is.na(d$ongoing), as.integer(is.na(d$end_year)), d$ongoing)
observed <- ifelse(!is.na(d$observed_until), d$observed_until, d$end_year)
duration <- ifelse(ongoing == 1, observed - d$start_year, d$end_year - d$start_year)
durable <- ifelse(ongoing == 0, as.integer(duration > 5),
                  ifelse(duration > 5, 1L, NA_integer_))
formed <- !is.na(d$formed) & d$formed == 1
d$duration <- ifelse(formed, duration, NA)
d$event <- ifelse(formed, 1L - ongoing, NA)
d$durable <- ifelse(formed, durable, NA)
d$era <- factor(d$era)  # treatment coding, alphabetically first level (cold_war) as reference

fmt <- function(v) {
  if (is.character(v)) return(v)
  if (!is.finite(v)) return("null")
  sprintf("%.15g", v)
}

run <- function(cox_decides, controls, file) {
  out <- character()
  put <- function(key, value) out <<- c(out, paste(key, fmt(value)))
  rhs <- function(m) if (controls) paste(m, "+ era") else m
  b <- p <- numeric(10)
  keys <- character(10)
  for (k in seq_along(measures)) {
    m <- measures[k]
    # formation
    fd <- d[!is.na(d$formed) & !is.na(d[[m]]) & (!controls | !is.na(d$era)), ]
    f <- glm(as.formula(paste("formed ~", rhs(m))), binomial, fd,
             control = glm.control(epsilon = 1e-14, maxit = 100))
    s <- summary(f)$coefficients
    model <- paste0("models.formation_", m, ".terms.")
    put(paste0(model, m, ".b"), s[m, 1])
    put(paste0(model, m, ".se"), s[m, 2])
    put(paste0(model, m, ".p"), s[m, 4])
    if (controls) {
      put(paste0(model, "era=post_cold_war.b"), s["erapost_cold_war", 1])
      put(paste0(model, "era=post_cold_war.se"), s["erapost_cold_war", 2])
    }
    put(paste0("tests.H", k, ".formation.n"), nrow(fd))
    i <- 2 * k - 1
    keys[i] <- paste0("tests.H", k, ".formation")
    b[i] <- s[m, 1]
    p[i] <- s[m, 4]
    # durability, logit
    dd <- d[formed & !is.na(d$durable) & !is.na(d[[m]]) & (!controls | !is.na(d$era)), ]
    g <- glm(as.formula(paste("durable ~", rhs(m))), binomial, dd,
             control = glm.control(epsilon = 1e-14, maxit = 100))
    s <- summary(g)$coefficients
    model <- paste0("models.durability_", m, ".terms.")
    put(paste0(model, m, ".b"), s[m, 1])
    put(paste0(model, m, ".se"), s[m, 2])
    put(paste0(model, m, ".p"), s[m, 4])
    # durability, Cox
    cd <- d[formed & !is.na(d$duration) & !is.na(d$event) & !is.na(d[[m]]) &
              (!controls | !is.na(d$era)), ]
    h <- coxph(as.formula(paste("Surv(duration, event) ~", rhs(m))), cd, ties = "efron",
               control = coxph.control(eps = 1e-12, toler.chol = 1e-13, iter.max = 100))
    c <- summary(h)$coefficients
    model <- paste0("models.cox_", m, ".terms.")
    put(paste0(model, m, ".b"), c[m, "coef"])
    put(paste0(model, m, ".se"), c[m, "se(coef)"])
    put(paste0(model, m, ".p"), c[m, "Pr(>|z|)"])
    if (controls) put(paste0(model, "era=post_cold_war.b"), c["erapost_cold_war", "coef"])
    i <- 2 * k
    keys[i] <- paste0("tests.H", k, ".durability")
    if (cox_decides) {
      b[i] <- -c[m, "coef"]
      p[i] <- c[m, "Pr(>|z|)"]
      put(paste0(keys[i], ".n"), nrow(cd))
      put(paste0(keys[i], ".decided_by"), "cox")
    } else {
      b[i] <- s[m, 1]
      p[i] <- s[m, 4]
      put(paste0(keys[i], ".n"), nrow(dd))
      put(paste0(keys[i], ".decided_by"), "logit")
    }
  }
  adjusted <- p.adjust(p, "holm")
  verdict <- ifelse(adjusted < 0.05 & b > 0, "supported",
                    ifelse(adjusted < 0.05 & b < 0, "contradicted", "not_supported"))
  for (i in 1:10) {
    put(paste0(keys[i], ".p_adjusted"), adjusted[i])
    put(paste0(keys[i], ".verdict"), verdict[i])
  }
  put("options.durability", if (cox_decides) "cox" else "logit")
  put("options.controls_in", if (controls) "all" else "joint")
  writeLines(out, file)
}

run(TRUE, FALSE, "tests/reference/options_durability_cox.expected")
run(FALSE, TRUE, "tests/reference/options_controls_all.expected")
run(TRUE, TRUE, "tests/reference/options_cox_controls_all.expected")
