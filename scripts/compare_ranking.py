#!/usr/bin/env python3
"""Ranking quality of healthscore against a straightforward pandas + statsmodels pipeline.

Both train on the customers of --train-as-of (labels: churn within --horizon days), score
the customers of --test-as-of, and are judged by AUC against who really churned within
--horizon days after --test-as-of. The test day should be at least --horizon days before
the end of the data.

    pip install pandas statsmodels scipy
    swift build -c release
    python3 scripts/compare_ranking.py --data Data --train-as-of 2025-12-31 --test-as-of 2026-03-31
"""
import argparse, os, subprocess, tempfile
import numpy as np, pandas as pd, statsmodels.api as sm
from scipy.stats import rankdata


def auc(p, y):
    """Mann-Whitney AUC, ties counting half."""
    r = rankdata(p); n1 = y.sum(); n0 = len(y) - n1
    return (r[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def label(live, day, horizon):
    return ((live.churned_on > day) & (live.churned_on <= day + pd.Timedelta(days=horizon))).astype(int)


def pandas_pipeline(folder, train_day, test_day, horizon):
    """What a competent analyst writes in a notebook: windowed aggregates, median
    imputation, standardisation, an unpenalised Logit."""
    acc = pd.read_csv(f"{folder}/accounts.csv", parse_dates=["started_on", "churned_on"])
    def events(name, column):
        frame = pd.read_csv(f"{folder}/{name}.csv")
        frame["day"] = pd.to_datetime(frame[column].str[:10])
        return frame
    ses, nps = events("sessions", "started_at"), events("nps", "responded_at")
    mkt, itr = events("marketing", "occurred_at"), events("interactions", "occurred_at")

    def features(day):
        live = acc[(acc.started_on <= day) & (acc.churned_on.isna() | (acc.churned_on > day))].set_index("account_id")
        f = pd.DataFrame(index=live.index)
        s = ses[ses.day <= day]; age = (day - s.day).dt.days
        f["logins30"] = s[age < 30].groupby("account_id").size()
        f["logins_prev60"] = s[(age >= 30) & (age < 90)].groupby("account_id").size()
        f = f.fillna({"logins30": 0, "logins_prev60": 0})
        f["trend"] = np.log((1 + f.logins30) / (1 + f.logins_prev60 / 2))
        f["median_duration"] = s[age < 30].groupby("account_id").duration_seconds.median()
        f["days_since_seen"] = (day - s.groupby("account_id").day.max()).dt.days
        n = nps[(nps.day <= day) & ((day - nps.day).dt.days < 180)]
        f["nps"] = n.groupby("account_id").score.mean()
        m = mkt[(mkt.day <= day) & ((day - mkt.day).dt.days < 90)]
        counts = m.groupby(["account_id", "event"]).size().unstack(fill_value=0)
        f["open_rate"] = (counts.get("email_open", 0) / counts.get("email_sent", np.nan)).clip(upper=1)
        i = itr[(itr.day <= day) & ((day - itr.day).dt.days < 90)]
        f["rating"] = i.groupby("account_id").rating.mean()
        f["tenure"] = (day - live.started_on).dt.days
        f["mrr"] = np.log1p(live.mrr); f["seats"] = np.log1p(live.seats)
        f["logins30"] = np.log1p(f.logins30); f["logins_prev60"] = np.log1p(f.logins_prev60)
        f["days_since_seen"] = f.days_since_seen.fillna(f.tenure)
        return f, live

    X, live = features(train_day)
    y = label(live, train_day, horizon)
    fill = X.median(); X = X.fillna(fill); mu, sd = X.mean(), X.std()
    fit = sm.Logit(y, sm.add_constant((X - mu) / sd)).fit(disp=0)
    Xt, live_t = features(test_day)
    p = fit.predict(sm.add_constant((Xt.fillna(fill) - mu) / sd))
    return auc(p.values, label(live_t, test_day, horizon).values), len(Xt), int(label(live_t, test_day, horizon).sum())


def healthscore(binary, folder, train_day, test_day, horizon):
    with tempfile.TemporaryDirectory() as work:
        model, scores = os.path.join(work, "model.json"), os.path.join(work, "scores.csv")
        subprocess.run([binary, "train", "--data", folder, "--as-of", str(train_day.date()), "--horizon", str(horizon),
                        "--model", model], check=True, capture_output=True)
        subprocess.run([binary, "score", "--data", folder, "--as-of", str(test_day.date()), "--model", model,
                        "--out", scores], check=True, capture_output=True)
        s = pd.read_csv(scores)
    acc = pd.read_csv(f"{folder}/accounts.csv", parse_dates=["churned_on"])
    s = s.merge(acc[["account_id", "churned_on"]], on="account_id")
    return auc(s.churn_probability.values, label(s, test_day, horizon).values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--train-as-of", required=True)
    parser.add_argument("--test-as-of", required=True)
    parser.add_argument("--horizon", type=int, default=90)
    parser.add_argument("--bin", default=".build/release/healthscore")
    args = parser.parse_args()
    train_day, test_day = pd.Timestamp(args.train_as_of), pd.Timestamp(args.test_as_of)
    reference, accounts, churners = pandas_pipeline(args.data, train_day, test_day, args.horizon)
    ours = healthscore(args.bin, args.data, train_day, test_day, args.horizon)
    print(f"test: {accounts} accounts live on {test_day.date()}, {churners} churned within {args.horizon} days")
    print(f"AUC  healthscore {ours:.4f}   pandas + statsmodels {reference:.4f}   difference {ours - reference:+.4f}")


if __name__ == "__main__":
    main()
