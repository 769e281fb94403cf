"""Works one account's survival figures out step by step from the model file, for the
worked example of docs/survival.md, and checks them against the score file.

    swift build
    bin=.build/debug/healthscore
    $bin train --survival --data Data --as-of 2026-08-31 --model /tmp/data-survival.json
    $bin features --data Data --as-of 2026-09-30 --out /tmp/data-2026-09-30.csv
    $bin score --data Data --as-of 2026-09-30 --model /tmp/data-survival.json --out /tmp/data-scores.csv
    python3 scripts/survival_worked_example.py /tmp/data-survival.json /tmp/data-2026-09-30.csv \
        Data/accounts.csv /tmp/data-scores.csv A000657 2026-09-30

Needs the Python standard library only.
"""
import csv
import json
import math
import sys

model_path, features_path, accounts_path, scores_path, account, day = sys.argv[1:7]
model = json.load(open(model_path))
features = next(r for r in csv.DictReader(open(features_path)) if r["account_id"] == account)
accounts = next(r for r in csv.DictReader(open(accounts_path)) if r["account_id"] == account)
scored = next(r for r in csv.DictReader(open(scores_path)) if r["account_id"] == account)


def days_between(a, b):
    from datetime import date
    return (date.fromisoformat(a) - date.fromisoformat(b)).days


print("Account %s (%s), MRR %s, started %s" % (account, accounts["name"], accounts["mrr"], accounts["started_on"]))
score = 0.0
print("%-28s %10s %10s %10s %10s %10s" % ("feature", "value", "center", "scale", "z", "b x z"))
for f in model["features"]:
    text = features[f["name"]]
    x = float(text) if text else f["fill"]
    z = (x - f["center"]) / f["scale"]
    b = f["coefficient"]["estimate"]
    score += b * z
    print("%-28s %10.4f %10.4f %10.4f %10.4f %10.4f%s" % (f["name"], x, f["center"], f["scale"], z, b * z, "" if text else "  (missing: filled)"))
tenure_days = days_between(day, accounts["started_on"])
tenure = math.floor(tenure_days / 30.4375)
print("score s0 = %.4f; tenure %d days = %d whole months" % (score, tenure_days, tenure))
intercept = model["intercept"]["estimate"]
periods = model["tenure_periods"]
drift = model["drift"]
rho, sigma2, mean = drift["persistence"], drift["innovation_variance"], drift["mean"]
print("intercept %.4f; drift rho %.4f sigma^2 %.4f m %.2e" % (intercept, rho, sigma2, mean))


def baseline(t):
    level = 0.0
    for p in periods:
        if p["first_month"] <= t:
            level = p["coefficient"]["estimate"] if p.get("coefficient") else 0.0
    return level


hazards, distance, variance = [], score - mean, 0.0
for j in range(1, 121):
    t = tenure + j - 1
    eta = (intercept + baseline(t) + mean + distance) / math.sqrt(1 + math.pi * variance / 8)
    hazards.append(max(1 / (1 + math.exp(-eta)), 1e-9))
    if j <= 6 or j in (12, 24, 120):
        print("month %3d: tenure %3d, baseline %+.4f, mean score %+.4f, variance %.4f, eta %+.4f, h %.5f"
              % (j, t, baseline(t), mean + distance, variance, eta, hazards[-1]))
    distance *= rho
    variance = rho * rho * variance + sigma2

S = [1.0]
for h in hazards:
    S.append(S[-1] * (1 - h))
for months in (1, 2, 3, 6, 12, 24):
    print("S(%d) = %.4f" % (months, S[months]))


def churn(days):
    m = days / 30.4375
    whole = math.floor(m)
    return 1 - S[whole] * (1 - hazards[whole]) ** (m - whole)


def lifetime(v):
    total, s, factor = 0.0, 1.0, 1.0
    for h in hazards:
        total += s * factor
        s *= 1 - h
        factor *= v
    q = (1 - hazards[-1]) * v
    return total + s * factor / (1 - q), s, factor, q


for days in (30, 90, 180, 365):
    print("churn within %3d days: %.6f (score file %s)" % (days, churn(days), scored["churn_probability_%dd" % days]))
E, S120, _, _ = lifetime(1.0)
tail = S120 / hazards[-1]
print("expected lifetime %.4f months (S_0 + ... + S_119 = %.4f, tail S_120 / h_120 = %.4f / %.5f = %.4f; score file %s)"
      % (E, E - tail, S120, hazards[-1], tail, scored["expected_lifetime_months"]))
v = 1.10 ** (-1 / 12)
D, _, _, _ = lifetime(v)
mrr = float(accounts["mrr"])
print("discounted at 10%% a year (v = %.6f): %.4f months; lifetime value %.2f x %.4f = %.2f (score file %s)"
      % (v, D, mrr, D, mrr * D, scored["lifetime_value"]))
print("undiscounted, margin 1: %.2f x %.4f = %.2f" % (mrr, E, mrr * E))
