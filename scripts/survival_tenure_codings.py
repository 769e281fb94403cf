"""Compares ways of entering months of tenure in the discrete-time hazard model, by AIC and BIC,
on an account-month table written by `healthscore features --survival` (docs/survival.md,
"Tenure"). Every fit is statsmodels' unpenalised Logit with the same features; only the
baseline differs.

    bin=.build/release/healthscore
    $bin generate --out /tmp/s --accounts 5000 --seed 11
    $bin features --survival --data /tmp/s --as-of 2025-12-31 --out /tmp/s-account-months.csv
    python3 scripts/survival_tenure_codings.py /tmp/s-account-months.csv
"""
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm

table = pd.read_csv(sys.argv[1])
y = table["churned"].astype(float)
X = table.drop(columns=["account_id", "as_of", "tenure_months", "churned"])
X = X[[c for c in X.columns if not c.startswith("tenure_")]]
X = (X.fillna(X.mean()) - X.mean()) / X.fillna(X.mean()).std(ddof=1)
tenure = table["tenure_months"].values


def periods(starts):
    index = np.searchsorted(starts, tenure, side="right") - 1
    return pd.DataFrame({"tenure_%d" % s: (index == k).astype(float) for k, s in enumerate(starts) if k > 0})


codings = {
    "no tenure term": pd.DataFrame(index=table.index),
    "ln(1 + months)": pd.DataFrame({"log_tenure": np.log1p(tenure)}),
    "ln(1 + months) and its square": pd.DataFrame({"log_tenure": np.log1p(tenure), "log_tenure2": np.log1p(tenure) ** 2}),
    "4 periods: 0-5, 6-11, 12-23, 24+": periods([0, 6, 12, 24]),
    "6 periods: 0-2, 3-5, 6-11, 12-23, 24-35, 36+ (healthscore)": periods([0, 3, 6, 12, 24, 36]),
    "12 periods: quarters to 2 years, then 24-29, 30-35, 36-47, 48+": periods([0, 3, 6, 9, 12, 15, 18, 21, 24, 30, 36, 48]),
}
print("rows %d, churned %d" % (len(table), int(y.sum())))
for name, baseline in codings.items():
    design = sm.add_constant(pd.concat([baseline, X], axis=1))
    fit = sm.Logit(y, design).fit(disp=0, method="newton", maxiter=100)
    print("%-62s coefficients %2d  log-likelihood %9.2f  AIC %8.1f  BIC %8.1f" % (name, len(fit.params), fit.llf, fit.aic, fit.bic))
