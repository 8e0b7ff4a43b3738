# Joint formation model with a categorical control, as `qareport analyze --controls era` fits
# it on tests/data/e2e/default_n200.csv: formed ~ five measures + era (treatment coding, the
# alphabetically first level as reference, as R does), on the complete rows. ML refined to
# epsilon 1e-14. Run from the repository root: Rscript tests/reference/controls.R
d <- read.csv("tests/data/e2e/default_n200.csv", na.strings = c("", "NA", "."))
f <- glm(formed ~ security + political + economic + cognitive + value + era, family = binomial,
         data = d, control = glm.control(epsilon = 1e-14, maxit = 100))
s <- summary(f)$coefficients
for (term in rownames(s)) cat(sprintf("%s b %.15g se %.15g\n", term, s[term, 1], s[term, 2]))
cat(sprintf("n %d\n", nrow(model.frame(f))))
