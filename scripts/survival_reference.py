"""Reference values for Tests/SurvivalTests/SurvivalReferenceTests.swift.

The survival model is a logistic regression on the account-month table, so statsmodels'
Logit on the exported table must give the same coefficients (unpenalised), and its
cluster-robust covariance by account the same standard errors. The score drift is an
ordinary least-squares fit of each month's score on the same account's score a month
before. Run from the repository root (statsmodels 0.14 or later):

    swift build
    .build/debug/healthscore features --survival --data Data --as-of 2025-12-31 --out /tmp/account-months.csv
    python3 scripts/survival_reference.py /tmp/account-months.csv
"""
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/account-months.csv"
table = pd.read_csv(path)
y = table["churned"].astype(float)
X = table.drop(columns=["account_id", "as_of", "tenure_months", "churned"])
features = [c for c in X.columns if not c.startswith("tenure_")]
# healthscore fills a missing value with the mean of the observed ones.
X = X.fillna(X.mean())
X = sm.add_constant(X, prepend=True).rename(columns={"const": "intercept"})
groups = pd.factorize(table["account_id"])[0]

plain = sm.Logit(y, X).fit(disp=0, method="newton", tol=1e-12, maxiter=100)
clustered = sm.Logit(y, X).fit(disp=0, method="newton", tol=1e-12, maxiter=100,
                              cov_type="cluster", cov_kwds={"groups": groups})
print("rows", len(table), "events", int(y.sum()), "accounts", len(set(groups)))
print("log-likelihood %.10f" % plain.llf)
print("%-28s %20s %20s" % ("name", "estimate (per unit)", "clustered std err"))
for name in X.columns:
    print("%-28s %20.12f %20.12f" % (name, plain.params[name], clustered.bse[name]))

# The model's score: coefficients per standard deviation (sample deviation of the filled
# column) times the standardised values, features only.
scale = X[features].std(ddof=1)
center = X[features].mean()
z = (X[features] - center) / scale
score = z.values @ (plain.params[features].values * scale.values)
frame = pd.DataFrame({"account": table["account_id"], "as_of": pd.to_datetime(table["as_of"]), "score": score})
following = frame.copy()
following["as_of"] = following["as_of"] - pd.offsets.MonthEnd(1)
pairs = frame.merge(following, on=["account", "as_of"], suffixes=("", "_next"))
ols = sm.OLS(pairs["score_next"], sm.add_constant(pairs["score"])).fit()
print("drift pairs %d persistence %.12f innovation variance %.12f mean %.3e"
      % (len(pairs), ols.params["score"], ols.scale, score.mean()))
