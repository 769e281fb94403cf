"""Reference values for the "honest numbers" tests (statsmodels 0.15.0, numpy, scipy).

Run from the package root: python3 scripts/honest_numbers_reference.py
Prints every number pasted into the tests below, with repr() (17 significant digits):

- Tests/EvaluationTests/DeLongTests.swift: AUC, DeLong variance and covariance, paired
  test, by a direct O(m n) implementation of DeLong, DeLong & Clarke-Pearson (1988),
  "Comparing the areas under two or more correlated receiver operating characteristic
  curves: a nonparametric approach", Biometrics 44: 837-845, equations (1)-(5); written
  independently of the Swift code, which uses the midrank algorithm of Sun & Xu (2014).
- Tests/EvaluationTests/CalibrationCheckTests.swift: calibration slope and intercept
  by statsmodels Logit and GLM with an offset.
- Tests/RegressionTests/OffsetFitTests.swift: offset fits on the Spector data.
- Tests/RegressionTests/ClusteredCovarianceTests.swift: cluster-robust covariance by
  statsmodels `Logit(...).fit(cov_type="cluster", cov_kwds={"groups": g})`.
- Tests/RegressionTests/FoldAssignmentTests.swift: cross-validation folds of account ids.
"""
import numpy as np
import pandas as pd
import scipy.stats
import statsmodels.api as sm

Z975 = scipy.stats.norm.ppf(0.975)


def r(values):
    return ", ".join(repr(float(v)) for v in np.atleast_1d(values))


# ---------------------------------------------------------------------------------------
# DeLong, straight from the 1988 paper: psi(X, Y) = 1, 1/2, 0 for X >, =, < Y;
# V10(X_i) = mean_j psi(X_i, Y_j), V01(Y_j) = mean_i psi(X_i, Y_j);
# S10, S01 = sample covariance matrices (divisor m - 1, n - 1) of the components;
# S = S10 / m + S01 / n.
def delong(labels, *scores):
    labels = np.asarray(labels)
    k = len(scores)
    m, n = int((labels == 1).sum()), int((labels == 0).sum())
    v10 = np.zeros((k, m))
    v01 = np.zeros((k, n))
    auc = np.zeros(k)
    for r_, s in enumerate(scores):
        s = np.asarray(s, float)
        x, y = s[labels == 1], s[labels == 0]
        psi = (x[:, None] > y[None, :]) + 0.5 * (x[:, None] == y[None, :])
        auc[r_] = psi.mean()
        v10[r_] = psi.mean(axis=1)
        v01[r_] = psi.mean(axis=0)
    s10 = np.atleast_2d(np.cov(v10, ddof=1))
    s01 = np.atleast_2d(np.cov(v01, ddof=1))
    return auc, s10 / m + s01 / n


def show_delong(title, labels, a, b=None):
    print(f"== DeLong: {title}")
    if b is None:
        auc, s = delong(labels, a)
        se = np.sqrt(s[0, 0])
        print("auc       ", r(auc[0]))
        print("variance  ", r(s[0, 0]))
        print("ci        ", r([max(0, auc[0] - Z975 * se), min(1, auc[0] + Z975 * se)]))
        return
    auc, s = delong(labels, a, b)
    d = auc[0] - auc[1]
    var = s[0, 0] + s[1, 1] - 2 * s[0, 1]
    z = d / np.sqrt(var)
    print("auc       ", r(auc))
    print("covariance", r(s.ravel()))
    print("difference", r(d), " variance", r(var), " z", r(z))
    print("diff ci   ", r([d - Z975 * np.sqrt(var), d + Z975 * np.sqrt(var)]))
    print("p_value   ", r(2 * scipy.stats.norm.sf(abs(z))))


# A hand-made set of 12 accounts with ties within and across the classes.
tie_labels = [1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0]
tie_a = [0.9, 0.3, 0.7, 0.7, 0.1, 0.4, 0.2, 0.8, 0.4, 0.5, 0.7, 0.3]
tie_b = [3, 1, 2, 2, 1, 2, 3, 3, 1, 2, 1, 1]
show_delong("ties, score a", tie_labels, tie_a)
show_delong("ties, score b", tie_labels, tie_b)
show_delong("ties, a against b", tie_labels, tie_a, tie_b)

# Hanley & McNeil (1982), "The meaning and use of the area under a receiver operating
# characteristic (ROC) curve", Radiology 143: 29-36, Table 1: 109 CT images rated 1
# (definitely normal) to 5 (definitely abnormal) by one radiologist. They report an area
# of 0.893 with standard error 0.032 (their exponential approximation).
normal_counts = [33, 6, 6, 11, 2]
abnormal_counts = [3, 2, 2, 11, 33]
hm_scores = np.repeat([1, 2, 3, 4, 5], normal_counts).tolist() + np.repeat([1, 2, 3, 4, 5], abnormal_counts).tolist()
hm_labels = [0] * sum(normal_counts) + [1] * sum(abnormal_counts)
show_delong("Hanley-McNeil Table 1", hm_labels, hm_scores)
auc, s = delong(hm_labels, hm_scores)
print("standard error", r(np.sqrt(s[0, 0])))

# ---------------------------------------------------------------------------------------
# Calibration on 60 made-up predictions: the true log-odds are 0.25 + 0.6 x the stated ones
# (over-confident and too low on average), outcomes drawn from the truth.
rng = np.random.default_rng(20260331)
stated = rng.normal(-1.6, 1.2, 60)
cal_p = np.round(1 / (1 + np.exp(-stated)), 4)
truth = 0.25 + 0.6 * np.log(cal_p / (1 - cal_p))
cal_y = (rng.uniform(size=60) < 1 / (1 + np.exp(-truth))).astype(int)
print("== calibration data")
print("p", r(cal_p))
print("y", ", ".join(str(v) for v in cal_y))
lp = np.log(cal_p / (1 - cal_p))
slope = sm.Logit(cal_y, np.column_stack([np.ones(60), lp])).fit(method="newton", tol=1e-12, maxiter=100, disp=0)
print("== calibration slope: sm.Logit(y, [1, logit(p)]).fit(method='newton', tol=1e-12)")
print("params", r(slope.params), " bse", r(slope.bse))
print("ci lower", r(slope.conf_int()[:, 0]), " upper", r(slope.conf_int()[:, 1]))
large = sm.GLM(cal_y, np.ones((60, 1)), family=sm.families.Binomial(), offset=lp).fit(tol=1e-13)
print("== calibration intercept: sm.GLM(y, ones, family=Binomial(), offset=logit(p)).fit(tol=1e-13)")
print("params", r(large.params), " bse", r(large.bse))
print("ci lower", r(large.conf_int()[:, 0]), " upper", r(large.conf_int()[:, 1]))
print("observed", int(cal_y.sum()), " expected", r(cal_p.sum()),
      " oe_z", r((cal_y.sum() - cal_p.sum()) / np.sqrt((cal_p * (1 - cal_p)).sum())))
print("AUC", r(delong(cal_y, cal_p)[0][0]))

# ---------------------------------------------------------------------------------------
# Offset fits on Spector & Mazzeo (1980).
spector = sm.datasets.spector.load_pandas().data
ys = spector["GRADE"].to_numpy()
gpa, tuce, psi = (spector[c].to_numpy() for c in ["GPA", "TUCE", "PSI"])
offset = 0.8 * gpa - 3.0
for title, X in [("spector [intercept] + offset(0.8 GPA - 3)", np.ones((32, 1))),
                 ("spector [intercept, TUCE, PSI] + offset(0.8 GPA - 3)", np.column_stack([np.ones(32), tuce, psi]))]:
    res = sm.GLM(ys, X, family=sm.families.Binomial(), offset=offset).fit(tol=1e-13)
    print(f"== {title}: sm.GLM(y, X, family=Binomial(), offset=0.8*GPA-3).fit(tol=1e-13)")
    print("params", r(res.params), " bse", r(res.bse), " llf", r(res.llf))

# ---------------------------------------------------------------------------------------
# Cluster-robust covariance.
def clustered(title, y, X, groups):
    res = sm.Logit(y, X).fit(method="newton", tol=1e-12, maxiter=100, disp=0,
                             cov_type="cluster", cov_kwds={"groups": groups})
    G, (N, K) = len(np.unique(groups)), X.shape
    print(f"== clustered {title}: G={G}, N={N}, K={K}")
    print("  sm.Logit(y, X).fit(method='newton', tol=1e-12, cov_type='cluster', cov_kwds={'groups': g})")
    print("params ", r(res.params))
    print("bse    ", r(res.bse))
    print("pvalues", r(res.pvalues))
    print("lower  ", r(res.conf_int()[:, 0]))
    print("upper  ", r(res.conf_int()[:, 1]))
    # The same without the small-sample factor G/(G-1) (N-1)/(N-K), for the record.
    plain = sm.Logit(y, X).fit(method="newton", tol=1e-12, maxiter=100, disp=0, cov_type="cluster",
                               cov_kwds={"groups": groups, "use_correction": False})
    print("bse without correction", r(plain.bse))


Xs = np.column_stack([np.ones(32), gpa, tuce, psi])
clustered("spector, groups = row // 3", ys, Xs, np.arange(32) // 3)

fair = pd.read_csv("Tests/RegressionTests/Fixtures/fair.csv")
yf = fair["affair"].to_numpy(float)
Xf = np.column_stack([np.ones(len(fair)), fair.drop(columns="affair").to_numpy(float)])
clustered("fair, groups = 10 occupation + occupation_husb", yf, Xf,
          (10 * fair["occupation"] + fair["occupation_husb"]).to_numpy(int))
clustered("fair, groups = row // 4", yf, Xf, np.arange(len(fair)) // 4)


# ---------------------------------------------------------------------------------------
# Cross-validation folds: 64-bit FNV-1a of the UTF-8 bytes, SplitMix64's finaliser, mod folds.
def fold_of(key, folds):
    mask = 2**64 - 1
    h = 0xcbf29ce484222325
    for byte in key.encode():
        h = ((h ^ byte) * 0x100000001b3) & mask
    h = ((h ^ (h >> 30)) * 0xbf58476d1ce4e5b9) & mask
    h = ((h ^ (h >> 27)) * 0x94d049bb133111eb) & mask
    return (h ^ (h >> 31)) % folds


print("== folds of ACC-0 ... ACC-11:", [fold_of(f"ACC-{i}", 5) for i in range(12)])
