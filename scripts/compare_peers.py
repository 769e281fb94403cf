#!/usr/bin/env python3
"""The train job of healthscore beside the same job in DuckDB, Polars and pandas.

Each peer reads the same dataset folder and computes the features of docs/features.md as of
the same day, labelled by churn within the horizon, the way a careful analyst would write it
with that tool: DuckDB as one SQL query over the CSV files, Polars as lazy (streaming)
queries, pandas vectorised (scripts/compare_pandas.py). Every peer's feature table is checked
against `healthscore features` for the same day (to 1e-9, after the 10 decimals that command
writes), each table is fitted with the same unpenalised statsmodels logistic regression, and
the script prints each side's time (the fastest of --runs, imports not counted), the ratios,
and each fit's largest coefficient difference from healthscore's.

    pip install duckdb polars pandas statsmodels
    swift build -c release --product healthscore
    python3 scripts/compare_peers.py --data DIR --as-of 2026-03-31 --runs 5

healthscore runs `train --pool 1 --features all --l2 0`, the same job (one training day,
every feature, no penalty), and its defaults (four pooled days, a cross-validated penalty).
Runs alternate between the tools, so a disturbance of the machine hits all of them alike.
"""

import argparse
import csv
import math
import os
import subprocess
import sys
import tempfile
import time

import duckdb
import numpy as np
import pandas as pd
import polars as pl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare_pandas  # noqa: E402  (the pandas peer and the shared fit)

RECENT, BASELINE, MIN_BASELINE, MIN_MEDIAN = 30, 60, 14, 3
NPS_DAYS, MARKETING_DAYS, INTERACTION_DAYS, HALF_LIFE = 180, 90, 180, 30.0
FEATURES = ["logins_30d", "login_trend", "days_since_last_session", "session_minutes_median_30d",
            "session_length_trend", "nps_mean_180d", "nps_no_answer", "email_open_rate_90d",
            "marketing_actions_90d", "interaction_rating_180d", "tenure_months", "mrr", "seats"]


# MARK: - DuckDB: one SQL query over the CSV files

def duckdb_features(folder, as_of_text, horizon):
    path = lambda name: os.path.join(folder, name).replace("'", "''")
    as_of = compare_pandas.day_number(as_of_text)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")

    def events(name, time_column, columns):
        # Rows of known accounts, dated from the account's start to the day, with their age.
        return f"""
            SELECT e.account_id, {as_of} - e.day AS age, {', '.join('e.' + c for c in columns)}
            FROM (SELECT account_id, {', '.join(columns)},
                         CAST(floor(epoch(CAST({time_column} AS TIMESTAMPTZ)) / 86400) AS INTEGER) AS day
                  FROM read_csv('{path(name)}', header = true, all_varchar = true)) e
            JOIN accounts a USING (account_id)
            WHERE e.day >= a.start_day AND e.day <= {as_of}"""

    query = f"""
        WITH accounts AS (
            SELECT account_id, CAST(mrr AS DOUBLE) AS mrr, CAST(seats AS DOUBLE) AS seats,
                   CAST(started_on AS DATE) - DATE '1970-01-01' AS start_day,
                   CAST(nullif(churned_on, '') AS DATE) - DATE '1970-01-01' AS churn_day
            FROM read_csv('{path("accounts.csv")}', header = true, all_varchar = true)),
        live AS (
            SELECT *, {as_of} - start_day AS tenure_days,
                   CAST(churn_day IS NOT NULL AND churn_day <= {as_of + horizon} AS INTEGER) AS churned
            FROM accounts WHERE start_day <= {as_of} AND (churn_day IS NULL OR churn_day > {as_of})),
        sessions AS ({events("sessions.csv", "started_at", ["duration_seconds"])}),
        s AS (
            SELECT account_id,
                   count(*) FILTER (WHERE age < {RECENT}) AS recent,
                   count(*) FILTER (WHERE age >= {RECENT} AND age < {RECENT + BASELINE}) AS baseline,
                   min(age) AS last_age,
                   -- healthscore keeps session lengths as 32-bit floats; the medians are of those.
                   median(CAST(CAST(duration_seconds AS FLOAT) AS DOUBLE)) FILTER (WHERE age < {RECENT}) AS median_recent,
                   median(CAST(CAST(duration_seconds AS FLOAT) AS DOUBLE))
                       FILTER (WHERE age >= {RECENT} AND age < {RECENT + BASELINE}) AS median_baseline,
                   count(duration_seconds) FILTER (WHERE age < {RECENT}) AS recent_lengths,
                   count(duration_seconds) FILTER (WHERE age >= {RECENT} AND age < {RECENT + BASELINE}) AS baseline_lengths
            FROM sessions GROUP BY account_id),
        n AS (
            SELECT account_id, avg(CAST(score AS DOUBLE)) AS nps_mean
            FROM ({events("nps.csv", "responded_at", ["score"])}) WHERE age < {NPS_DAYS} GROUP BY account_id),
        m AS (
            SELECT account_id,
                   count(*) FILTER (WHERE lower(event) = 'email_sent') AS sent,
                   count(*) FILTER (WHERE lower(event) = 'email_open') AS opened,
                   count(*) FILTER (WHERE lower(event) IN ('email_click', 'webinar', 'case_study', 'social')) AS actions
            FROM ({events("marketing.csv", "occurred_at", ["event"])}) WHERE age < {MARKETING_DAYS} GROUP BY account_id),
        i AS (
            SELECT account_id,
                   sum(pow(0.5, age / {HALF_LIFE}) * CAST(rating AS DOUBLE)) / sum(pow(0.5, age / {HALF_LIFE})) AS rating
            FROM ({events("interactions.csv", "occurred_at", ["rating"])}) WHERE age < {INTERACTION_DAYS} GROUP BY account_id),
        w AS (
            SELECT l.*, coalesce(s.recent, 0) AS recent, coalesce(s.baseline, 0) AS baseline, s.last_age,
                   CASE WHEN s.recent_lengths >= {MIN_MEDIAN} THEN s.median_recent / 60 END AS minutes_recent,
                   CASE WHEN s.baseline_lengths >= {MIN_MEDIAN} THEN s.median_baseline / 60 END AS minutes_baseline,
                   greatest(0, ({as_of} - {RECENT}) - greatest({as_of} - {RECENT + BASELINE - 1}, l.start_day) + 1) AS baseline_days,
                   n.nps_mean, m.sent, m.opened, m.actions, i.rating
            FROM live l LEFT JOIN s USING (account_id) LEFT JOIN n USING (account_id)
                        LEFT JOIN m USING (account_id) LEFT JOIN i USING (account_id))
        SELECT account_id, churned,
               ln(1 + recent) AS logins_30d,
               ln((1 + recent) / (1 + CASE WHEN baseline_days >= {MIN_BASELINE} THEN baseline * {RECENT} / baseline_days END)) AS login_trend,
               ln(1 + coalesce(last_age, tenure_days)) AS days_since_last_session,
               ln(1 + minutes_recent) AS session_minutes_median_30d,
               ln((1 + minutes_recent) / (1 + minutes_baseline)) AS session_length_trend,
               nps_mean AS nps_mean_180d,
               CASE WHEN nps_mean IS NULL THEN 1.0 ELSE 0.0 END AS nps_no_answer,
               least(1, opened / CASE WHEN sent > 0 THEN sent END) AS email_open_rate_90d,
               ln(1 + coalesce(actions, 0)) AS marketing_actions_90d,
               rating AS interaction_rating_180d,
               ln(1 + tenure_days / 30.4375) AS tenure_months,
               ln(1 + mrr) AS mrr, ln(1 + seats) AS seats
        FROM w ORDER BY account_id"""
    frame = con.execute(query).df().set_index("account_id")
    return frame[FEATURES], frame["churned"].astype(float)


# MARK: - Polars: lazy queries, collected with the streaming engine

def polars_features(folder, as_of_text, horizon):
    as_of = compare_pandas.day_number(as_of_text)
    day_of = lambda column: (pl.col(column).str.to_datetime(time_zone="UTC").dt.epoch("s") // 86_400).cast(pl.Int64)
    accounts = (pl.scan_csv(os.path.join(folder, "accounts.csv"), schema_overrides={"account_id": pl.String})
                .with_columns(start_day=pl.col("started_on").str.to_date().cast(pl.Int64),
                              churn_day=pl.col("churned_on").str.to_date(strict=False).cast(pl.Int64)))
    live = (accounts.filter((pl.col("start_day") <= as_of)
                            & (pl.col("churn_day").is_null() | (pl.col("churn_day") > as_of)))
            .with_columns(tenure_days=as_of - pl.col("start_day"),
                          churned=(pl.col("churn_day").is_not_null()
                                   & (pl.col("churn_day") <= as_of + horizon)).cast(pl.Float64)))
    starts = accounts.select("account_id", "start_day")

    def events(name, time_column, columns):
        return (pl.scan_csv(os.path.join(folder, name), schema_overrides={"account_id": pl.String})
                .select("account_id", time_column, *columns)
                .with_columns(day=day_of(time_column))
                .join(starts, on="account_id", how="inner")
                .filter((pl.col("day") >= pl.col("start_day")) & (pl.col("day") <= as_of))
                .with_columns(age=as_of - pl.col("day")))

    recent, baseline = pl.col("age") < RECENT, (pl.col("age") >= RECENT) & (pl.col("age") < RECENT + BASELINE)
    seconds = pl.col("duration_seconds").cast(pl.Float32).cast(pl.Float64)
    sessions = (events("sessions.csv", "started_at", ["duration_seconds"])
                .group_by("account_id")
                .agg(recent=recent.sum(), baseline=baseline.sum(), last_age=pl.col("age").min(),
                     median_recent=seconds.filter(recent).median(), median_baseline=seconds.filter(baseline).median(),
                     recent_lengths=seconds.filter(recent).count(), baseline_lengths=seconds.filter(baseline).count()))
    nps = (events("nps.csv", "responded_at", ["score"]).filter(pl.col("age") < NPS_DAYS)
           .group_by("account_id").agg(nps_mean=pl.col("score").cast(pl.Float64).mean()))
    event = pl.col("event").str.to_lowercase()
    marketing = (events("marketing.csv", "occurred_at", ["event"]).filter(pl.col("age") < MARKETING_DAYS)
                 .group_by("account_id")
                 .agg(sent=(event == "email_sent").sum(), opened=(event == "email_open").sum(),
                      actions=event.is_in(["email_click", "webinar", "case_study", "social"]).sum()))
    weight = 0.5 ** (pl.col("age") / HALF_LIFE)
    interactions = (events("interactions.csv", "occurred_at", ["rating"]).filter(pl.col("age") < INTERACTION_DAYS)
                    .group_by("account_id")
                    .agg(rating=(weight * pl.col("rating")).sum() / weight.sum()))

    baseline_days = pl.max_horizontal(0, (as_of - RECENT) - pl.max_horizontal(as_of - (RECENT + BASELINE - 1),
                                                                                pl.col("start_day")) + 1)
    minutes_recent = pl.when(pl.col("recent_lengths") >= MIN_MEDIAN).then(pl.col("median_recent") / 60)
    minutes_baseline = pl.when(pl.col("baseline_lengths") >= MIN_MEDIAN).then(pl.col("median_baseline") / 60)
    logins = pl.col("recent").fill_null(0).cast(pl.Float64)
    per_30 = pl.when(baseline_days >= MIN_BASELINE).then(pl.col("baseline").fill_null(0) * RECENT / baseline_days)
    query = (live.join(sessions, on="account_id", how="left").join(nps, on="account_id", how="left")
             .join(marketing, on="account_id", how="left").join(interactions, on="account_id", how="left")
             .select("account_id", "churned",
                     logins_30d=logins.log1p(),
                     login_trend=((1 + logins) / (1 + per_30)).log(),
                     days_since_last_session=pl.col("last_age").fill_null(pl.col("tenure_days")).cast(pl.Float64).log1p(),
                     session_minutes_median_30d=minutes_recent.log1p(),
                     session_length_trend=((1 + minutes_recent) / (1 + minutes_baseline)).log(),
                     nps_mean_180d=pl.col("nps_mean"),
                     nps_no_answer=pl.col("nps_mean").is_null().cast(pl.Float64),
                     email_open_rate_90d=pl.min_horizontal(
                         1.0, pl.col("opened") / pl.when(pl.col("sent") > 0).then(pl.col("sent"))),
                     marketing_actions_90d=pl.col("actions").fill_null(0).cast(pl.Float64).log1p(),
                     interaction_rating_180d=pl.col("rating"),
                     tenure_months=(pl.col("tenure_days") / 30.4375).log1p(),
                     mrr=pl.col("mrr").cast(pl.Float64).log1p(), seats=pl.col("seats").cast(pl.Float64).log1p())
             .sort("account_id"))
    collected = query.collect(engine="streaming")
    # Column by column through NumPy: pandas needs no pyarrow this way.
    frame = pd.DataFrame({name: collected[name].to_numpy() for name in collected.columns}).set_index("account_id")
    return frame[FEATURES], frame["churned"]


# MARK: - Checking and timing

def healthscore_features(binary, folder, as_of, horizon):
    """`healthscore features` for the same day: the reference every peer is checked against."""
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "features.csv")
        subprocess.run([binary, "features", "--data", folder, "--as-of", as_of, "--horizon", str(horizon),
                        "--out", out], check=True, stdout=subprocess.DEVNULL)
        frame = pd.read_csv(out, dtype={"account_id": str}).set_index("account_id").sort_index()
    return frame


def differences(name, features, labels, reference):
    """The largest difference from `healthscore features`, after its 10 decimals; exits on
    a different account list, label or missing value."""
    features = features.sort_index()
    if list(features.index) != list(reference.index):
        sys.exit(f"{name}: {len(features)} accounts, healthscore {len(reference)}: not the same customers")
    if not np.array_equal(labels.sort_index().to_numpy(dtype=float), reference["churned"].to_numpy(dtype=float)):
        sys.exit(f"{name}: the labels differ from healthscore's")
    largest = 0.0
    for column in FEATURES:
        mine, theirs = features[column].to_numpy(dtype=float), reference[column].to_numpy(dtype=float)
        if not np.array_equal(np.isnan(mine), np.isnan(theirs)):
            sys.exit(f"{name}: {column} is missing for other accounts than healthscore's")
        both = ~np.isnan(mine)
        if both.any():
            largest = max(largest, float(np.max(np.abs(np.round(mine[both], 10) - theirs[both]))))
    return largest


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="dataset folder (accounts.csv and the event files)")
    parser.add_argument("--as-of", required=True, help="training day, YYYY-MM-DD")
    parser.add_argument("--horizon", type=int, default=90)
    parser.add_argument("--healthscore", default=None, help="the healthscore binary (default: this checkout's release build)")
    parser.add_argument("--runs", type=int, default=3, help="rounds, alternating the tools; each side's fastest is reported")
    args = parser.parse_args()
    binary = args.healthscore or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "healthscore")
    if not os.path.exists(binary):
        sys.exit(f"{binary} not found: run `swift build -c release --product healthscore` first")
    size = sum(os.path.getsize(os.path.join(args.data, n)) for n in os.listdir(args.data) if n.endswith(".csv"))
    print(f"dataset: {args.data} ({size / 1e9:.2f} GB of CSV), as of {args.as_of}, horizon {args.horizon} days; "
          f"duckdb {duckdb.__version__}, polars {pl.__version__}, pandas {pd.__version__}")

    reference = healthscore_features(binary, args.data, args.as_of, args.horizon)
    peers = {"DuckDB + statsmodels": duckdb_features, "Polars + statsmodels": polars_features,
             "pandas + statsmodels": compare_pandas.build_features}
    times = {name: math.inf for name in ["healthscore (same job)", "healthscore (defaults)", *peers]}
    fits = {}
    for _ in range(args.runs):
        seconds, coefficients = compare_pandas.run_healthscore(binary, args.data, args.as_of, args.horizon)
        times["healthscore (same job)"] = min(times["healthscore (same job)"], seconds)
        times["healthscore (defaults)"] = min(times["healthscore (defaults)"],
                                              compare_pandas.run_healthscore(binary, args.data, args.as_of, args.horizon, [])[0])
        for name, build in peers.items():
            start = time.perf_counter()
            features, labels = build(args.data, args.as_of, args.horizon)
            result = compare_pandas.fit(features[FEATURES], labels.reindex(features.index))
            times[name] = min(times[name], time.perf_counter() - start)
            fits[name] = (features, labels, result)

    same = times["healthscore (same job)"]
    print(f"{'':24}{'seconds':>9}{'x same job':>16}{'features vs healthscore':>26}{'coefficients vs healthscore':>30}")
    for name, seconds in times.items():
        if name in fits:
            features, labels, result = fits[name]
            feature_gap = differences(name, features, labels, reference)
            gap = max(abs(result.params[k] - coefficients[k]) for k in coefficients)
            print(f"{name:24}{seconds:9.2f}{seconds / same:15.1f}x{feature_gap:26.1e}{gap:30.1e}")
        else:
            print(f"{name:24}{seconds:9.2f}{seconds / same:15.1f}x")
    worst = max(abs(fits[name][2].params[k] - coefficients[k]) for name in fits for k in coefficients)
    if worst > 1e-6:
        sys.exit("a peer's fit differs from healthscore's by more than 1e-6: they are not doing the same job")


if __name__ == "__main__":
    main()
