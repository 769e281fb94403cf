#!/usr/bin/env python3
"""The train job of healthscore, side by side with the same job in pandas + statsmodels.

Both read the same dataset folder, build the features of the README's features table as
of the same day, label each account by churn within the horizon and fit the same
logistic regression. The script times `healthscore train` (the whole process) and the
pandas pipeline (from reading the CSV files to the fitted model; imports not counted),
prints both times and the ratio, and checks that the two fits agree, so that the timing
compares the same work.

    pip install pandas statsmodels
    swift build -c release --product healthscore
    python3 scripts/compare_pandas.py --data DIR --as-of 2026-03-31

The pandas code is written as a careful analyst would write it: vectorised, reading only
the needed columns with pandas' default (C) parser, no loop over rows.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import statsmodels.api as sm

RECENT_DAYS, BASELINE_DAYS, MIN_BASELINE_DAYS, MIN_MEDIAN_SESSIONS = 30, 60, 14, 3
NPS_DAYS, MARKETING_DAYS, INTERACTION_DAYS, HALF_LIFE_DAYS = 180, 90, 180, 30.0


def days_since_epoch(stamps):
    """Timestamps (tz-aware UTC or naive) to whole days since 1970-01-01."""
    per_day = 86_400 * {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[stamps.dt.unit]
    return stamps.astype("int64") // per_day


def utc_day(column):
    """ISO 8601 timestamps (any offset, or bare dates) to their UTC day."""
    return days_since_epoch(pd.to_datetime(column, utc=True, format="ISO8601"))


def day_number(text):
    return (pd.Timestamp(text) - pd.Timestamp("1970-01-01")).days


def events(folder, name, time_column, value_columns, accounts, as_of):
    """One event file: rows of known accounts, dated on or after the account's start and
    on or before T, with the age in days of each row."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    frame = pd.read_csv(path, usecols=["account_id", time_column] + value_columns,
                        dtype={"account_id": str})
    frame["day"] = utc_day(frame[time_column])
    frame = frame.merge(accounts[["account_id", "start"]], on="account_id", how="inner")
    frame = frame[(frame["day"] >= frame["start"]) & (frame["day"] <= as_of)]
    frame["age"] = as_of - frame["day"]
    return frame


def build_features(folder, as_of_text, horizon):
    as_of = day_number(as_of_text)
    accounts = pd.read_csv(os.path.join(folder, "accounts.csv"), dtype={"account_id": str})
    accounts["start"] = days_since_epoch(pd.to_datetime(accounts["started_on"], format="%Y-%m-%d"))
    churn = pd.to_datetime(accounts["churned_on"], format="%Y-%m-%d")
    accounts["churn"] = days_since_epoch(churn).where(churn.notna())
    live = accounts[(accounts["start"] <= as_of) & (accounts["churn"].isna() | (accounts["churn"] > as_of))].copy()
    live["label"] = ((live["churn"] > as_of) & (live["churn"] <= as_of + horizon)).astype(float)
    live = live.set_index("account_id")
    features = pd.DataFrame(index=live.index)
    tenure_days = as_of - live["start"]

    sessions = events(folder, "sessions.csv", "started_at", ["duration_seconds"], accounts, as_of)
    if sessions is not None:
        # healthscore keeps session lengths as 32-bit floats; the medians are taken of those.
        sessions["seconds"] = sessions["duration_seconds"].astype("float32").astype("float64")
        recent = sessions[sessions["age"] < RECENT_DAYS].groupby("account_id")["seconds"]
        baseline = sessions[(sessions["age"] >= RECENT_DAYS)
                            & (sessions["age"] < RECENT_DAYS + BASELINE_DAYS)].groupby("account_id")["seconds"]
        recent_count = recent.size().reindex(live.index, fill_value=0)
        baseline_count = baseline.size().reindex(live.index, fill_value=0)
        last_age = sessions.groupby("account_id")["age"].min().reindex(live.index)
        covered_from = np.maximum(as_of - (RECENT_DAYS + BASELINE_DAYS - 1), live["start"])
        baseline_days = np.maximum(0, (as_of - RECENT_DAYS) - covered_from + 1)
        per_30 = baseline_count * RECENT_DAYS / baseline_days.where(baseline_days >= MIN_BASELINE_DAYS)
        median_recent = recent.median().where(recent.size() >= MIN_MEDIAN_SESSIONS).reindex(live.index) / 60
        median_baseline = baseline.median().where(baseline.size() >= MIN_MEDIAN_SESSIONS).reindex(live.index) / 60
        features["logins_30d"] = np.log1p(recent_count)
        features["login_trend"] = np.log((1 + recent_count) / (1 + per_30))
        features["days_since_last_session"] = np.log1p(last_age.fillna(tenure_days))
        features["session_minutes_median_30d"] = np.log1p(median_recent)
        features["session_length_trend"] = np.log((1 + median_recent) / (1 + median_baseline))

    nps = events(folder, "nps.csv", "responded_at", ["score"], accounts, as_of)
    if nps is not None:
        answers = nps[nps["age"] < NPS_DAYS].groupby("account_id")["score"]
        features["nps_mean_180d"] = answers.mean().reindex(live.index)
        features["nps_no_answer"] = (answers.size().reindex(live.index, fill_value=0) == 0).astype(float)

    marketing = events(folder, "marketing.csv", "occurred_at", ["event"], accounts, as_of)
    if marketing is not None:
        window = marketing[marketing["age"] < MARKETING_DAYS]
        counts = pd.crosstab(window["account_id"], window["event"].str.lower()).reindex(live.index, fill_value=0)
        column = lambda kind: counts[kind] if kind in counts else 0
        sent = column("email_sent")
        features["email_open_rate_90d"] = np.minimum(1, column("email_open") / sent.where(sent > 0))
        features["marketing_actions_90d"] = np.log1p(
            column("email_click") + column("webinar") + column("case_study") + column("social"))

    interactions = events(folder, "interactions.csv", "occurred_at", ["rating"], accounts, as_of)
    if interactions is not None:
        window = interactions[interactions["age"] < INTERACTION_DAYS].copy()
        window["weight"] = 0.5 ** (window["age"] / HALF_LIFE_DAYS)
        window["weighted"] = window["weight"] * window["rating"]
        sums = window.groupby("account_id")[["weighted", "weight"]].sum().reindex(live.index)
        features["interaction_rating_180d"] = sums["weighted"] / sums["weight"]

    features["tenure_months"] = np.log1p(tenure_days / 30.4375)
    features["mrr"] = np.log1p(live["mrr"]) if "mrr" in live else np.nan
    features["seats"] = np.log1p(live["seats"]) if "seats" in live else np.nan
    return features, live["label"]


def fit(features, labels):
    """Standardise as healthscore does (missing filled with the mean, constant columns
    left out) and fit the logistic regression by Newton's method."""
    columns = {}
    for name in features.columns:
        column = features[name].astype(float)
        if column.notna().sum() == 0:
            continue
        filled = column.fillna(column.mean())
        scale = filled.std(ddof=1)
        if not scale > 1e-12 * max(1, abs(filled.mean())):
            continue
        columns[name] = (filled - filled.mean()) / scale
    design = sm.add_constant(pd.DataFrame(columns), has_constant="add")
    return sm.Logit(labels.values, design).fit(disp=0, method="newton", maxiter=50, tol=1e-8)


# The notebook's job: one training day, every feature, no penalty. `train`'s defaults do
# more (four pooled days, the penalty chosen by cross-validation); they are timed apart.
SAME_JOB = ["--pool", "1", "--features", "all", "--l2", "0"]


def run_healthscore(binary, folder, as_of, horizon, options=SAME_JOB):
    with tempfile.TemporaryDirectory() as scratch:
        model_path = os.path.join(scratch, "model.json")
        start = time.perf_counter()
        subprocess.run([binary, "train", "--data", folder, "--as-of", as_of, "--horizon", str(horizon),
                        "--model", model_path] + options, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        with open(model_path) as file:
            model = json.load(file)
    coefficients = {"const": model["intercept"]["estimate"]}
    coefficients.update({feature["name"]: feature["coefficient"]["estimate"] for feature in model["features"]})
    return seconds, coefficients


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="dataset folder (accounts.csv and the event files)")
    parser.add_argument("--as-of", required=True, help="training day, YYYY-MM-DD")
    parser.add_argument("--horizon", type=int, default=90)
    parser.add_argument("--healthscore", default=None,
                        help="the healthscore binary (default: this checkout's release build)")
    parser.add_argument("--runs", type=int, default=1, help="time each side this many times, report the fastest")
    args = parser.parse_args()
    binary = args.healthscore or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                              ".build", "release", "healthscore")
    if not os.path.exists(binary):
        sys.exit(f"{binary} not found: run `swift build -c release --product healthscore` first")
    size = sum(os.path.getsize(os.path.join(args.data, name)) for name in os.listdir(args.data) if name.endswith(".csv"))
    print(f"dataset: {args.data} ({size / 1e9:.2f} GB of CSV), as of {args.as_of}, horizon {args.horizon} days")

    swift_seconds, swift_coefficients = min(
        (run_healthscore(binary, args.data, args.as_of, args.horizon) for _ in range(args.runs)), key=lambda r: r[0])
    print(f"healthscore train:    {swift_seconds:8.2f} s  (the same job: {' '.join(SAME_JOB)})")
    default_seconds = min(run_healthscore(binary, args.data, args.as_of, args.horizon, [])[0] for _ in range(args.runs))
    print(f"healthscore train:    {default_seconds:8.2f} s  (its defaults: four pooled days, cross-validated penalty, ten features)")

    best = None
    for _ in range(args.runs):
        start = time.perf_counter()
        features, labels = build_features(args.data, args.as_of, args.horizon)
        built = time.perf_counter()
        result = fit(features, labels)
        done = time.perf_counter()
        if best is None or done - start < best[0]:
            best = (done - start, built - start, done - built, result)
    pandas_seconds, feature_seconds, fit_seconds, result = best
    print(f"pandas + statsmodels: {pandas_seconds:8.2f} s  (read and features {feature_seconds:.2f} s, fit {fit_seconds:.2f} s)")
    print(f"ratio: healthscore is {pandas_seconds / swift_seconds:.1f}x faster")

    names = sorted(set(result.params.index) | set(swift_coefficients))
    missing = [name for name in names if name not in result.params.index or name not in swift_coefficients]
    if missing:
        print(f"the fits differ in their features: {', '.join(missing)}")
        sys.exit(1)
    difference = max(abs(result.params[name] - swift_coefficients[name]) for name in names)
    print(f"same job: {len(names)} coefficients, largest difference {difference:.1e}")
    if difference > 1e-6:
        sys.exit("the two fits disagree by more than 1e-6: the pipelines are not doing the same job")


if __name__ == "__main__":
    main()
