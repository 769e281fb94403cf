"""Recomputes a survival model's curves outside healthscore, from its model file, and
checks them on a test day: AUC and calibration deciles at 30/90/180/365 days, with the
curves of healthscore (the score drifting back towards the average, docs/survival.md)
and with the features held at today's values, the assumption healthscore does not make.

The numbers with drift must equal those of `healthscore evaluate --survival` for the same
training and test days (the same model, fitted the same way); the held-features numbers
are the measurement behind docs/survival.md, "Why the score drifts".

    swift build -c release
    bin=.build/release/healthscore
    $bin generate --out /tmp/s --accounts 5000 --seed 11
    $bin train --survival --data /tmp/s --as-of 2025-12-31 --model /tmp/s-survival.json
    $bin features --data /tmp/s --as-of 2026-03-31 --out /tmp/s-2026-03-31.csv
    python3 scripts/survival_curves.py /tmp/s-survival.json /tmp/s-2026-03-31.csv /tmp/s/accounts.csv 2026-03-31

Needs numpy and pandas only.
"""
import json
import math
import sys

import numpy as np
import pandas as pd

DAYS_PER_MONTH = 30.4375
EXPLICIT_MONTHS = 120
Z95 = 1.959963984540054

model_path, features_path, accounts_path, test_day = sys.argv[1:5]
model = json.load(open(model_path))
features = pd.read_csv(features_path)
accounts = pd.read_csv(accounts_path, parse_dates=["started_on", "churned_on"]).set_index("account_id")
test = pd.Timestamp(test_day)
data_end = max(accounts["started_on"].max(), accounts["churned_on"].max())

# The score: sum of b (x - center) / scale, a missing value filled with the training mean.
score = np.zeros(len(features))
for f in model["features"]:
    x = features[f["name"]].fillna(f["fill"])
    score += f["coefficient"]["estimate"] * (x - f["center"]) / f["scale"]
started = accounts.loc[features["account_id"], "started_on"].values
tenure0 = np.floor((test - pd.to_datetime(started)).days.values / DAYS_PER_MONTH).astype(int)
starts = [p["first_month"] for p in model["tenure_periods"]]
baseline = [p["coefficient"]["estimate"] if p.get("coefficient") else 0.0 for p in model["tenure_periods"]]
intercept = model["intercept"]["estimate"]


def hazards(rho, sigma2, mean):
    H = np.zeros((len(features), EXPLICIT_MONTHS))
    distance = score - mean
    variance = 0.0
    for j in range(EXPLICIT_MONTHS):
        tenure = tenure0 + j
        period = np.searchsorted(starts, tenure, side="right") - 1
        base = np.array(baseline)[period]
        eta = (intercept + base + mean + distance) / math.sqrt(1 + math.pi * variance / 8)
        H[:, j] = np.maximum(1 / (1 + np.exp(-eta)), 1e-9)
        distance = distance * rho
        variance = rho * rho * variance + sigma2
    return H


def churn_within(H, days):
    m = days / DAYS_PER_MONTH
    whole, fraction = int(math.floor(m)), m - math.floor(m)
    S = np.prod(1 - H[:, :whole], axis=1)
    return 1 - S * (1 - H[:, whole]) ** fraction


def auc(p, y):
    order = np.argsort(p, kind="stable")
    ranks = pd.Series(p).rank(method="average").values
    n1 = y.sum(); n0 = len(y) - n1
    return (ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def honest_deciles(p, y):
    order = np.lexsort((np.arange(len(p)), p))
    n, honest = len(p), 0
    for b in range(10):
        idx = order[b * n // 10:(b + 1) * n // 10]
        k, m, predicted = y[idx].sum(), len(idx), p[idx].mean()
        phat = k / m
        denominator = 1 + Z95 ** 2 / m
        centre = (phat + Z95 ** 2 / (2 * m)) / denominator
        half = Z95 * math.sqrt(phat * (1 - phat) / m + Z95 ** 2 / (4 * m * m)) / denominator
        honest += centre - half <= predicted <= centre + half
    return honest


churned = pd.to_datetime(accounts.loc[features["account_id"], "churned_on"].values)
drift = model["drift"]
for name, (rho, sigma2, mean) in [("score drifts (healthscore)", (drift["persistence"], drift["innovation_variance"], drift["mean"])),
                                  ("features held at today's values", (1.0, 0.0, 0.0))]:
    H = hazards(rho, sigma2, mean)
    print(name)
    for days in [30, 90, 180, 365]:
        if test + pd.Timedelta(days=days) > data_end:
            continue
        y = ((churned > test) & (churned <= test + pd.Timedelta(days=days))).astype(float)
        p = churn_within(H, days)
        print("  %3d days: AUC %.4f  honest deciles %2d of 10  expected %.1f  observed %d"
              % (days, auc(p, y), honest_deciles(p, y), p.sum(), y.sum()))
