"""Reference values for the regression tests (statsmodels 0.15, scipy 1.17, numpy 2.4).

Run from the package root: python3 Scripts/reference_values.py
Prints every number pasted into Tests/RegressionTests, to 17 significant digits,
and writes the Fair (1978) fixture used by the larger-sample test.
"""
import numpy as np
import pandas as pd
import scipy.optimize
import statsmodels.api as sm


def show(title, res):
    print(f"== {title}")
    for key in ["params", "bse", "tvalues", "pvalues"]:
        print(f"{key:8s}", ", ".join(repr(float(v)) for v in np.asarray(getattr(res, key))))
    ci = np.asarray(res.conf_int())
    print("lower95 ", ", ".join(repr(float(v)) for v in ci[:, 0]))
    print("upper95 ", ", ".join(repr(float(v)) for v in ci[:, 1]))
    print("llf     ", repr(float(res.llf)), " llnull", repr(float(res.llnull)),
          " aic", repr(float(res.aic)), " prsquared", repr(float(res.prsquared)),
          " iterations", res.mle_retvals["iterations"])


def logit(y, X, title):
    res = sm.Logit(y, X).fit(method="newton", tol=1e-12, maxiter=100, disp=0)
    show(title, res)
    return res


# Spector & Mazzeo (1980): GRADE ~ GPA + TUCE + PSI
spector = sm.datasets.spector.load_pandas().data
Xs = np.column_stack([np.ones(32), spector[["GPA", "TUCE", "PSI"]].to_numpy()])
ys = spector["GRADE"].to_numpy()
logit(ys, Xs, "spector [intercept, GPA, TUCE, PSI]")

# mtcars (Henderson & Velleman 1981): am ~ hp + wt
mtcars_hp = [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215,
             230, 66, 52, 65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109]
mtcars_wt = [2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07,
             3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84,
             3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78]
mtcars_am = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0,
             1, 1, 1, 1, 1, 1, 1]
Xm = np.column_stack([np.ones(32), mtcars_hp, mtcars_wt])
logit(np.array(mtcars_am, float), Xm, "mtcars [intercept, hp, wt]")

# Fair (1978) extramarital affairs, 6366 women; label = affairs > 0
fair = sm.datasets.fair.load_pandas().data
features = ["rate_marriage", "age", "yrs_married", "children", "religious", "educ",
            "occupation", "occupation_husb"]
yf = (fair["affairs"] > 0).astype(float).to_numpy()
Xf = np.column_stack([np.ones(len(fair)), fair[features].to_numpy()])
logit(yf, Xf, "fair [intercept, " + ", ".join(features) + "]")
out = fair[features].copy()
out.insert(0, "affair", yf.astype(int))
out.to_csv("Tests/RegressionTests/Fixtures/fair.csv", index=False, float_format="%.17g")


# Ridge-penalised Spector fits, intercept unpenalised: maximise
# loglik(b) - lam/2 * sum(b[1:]**2), solved independently with scipy.
def ridge(lam):
    mask = np.array([0.0, 1.0, 1.0, 1.0])

    def objective(b):
        eta = Xs @ b
        return -(ys @ eta - np.logaddexp(0, eta).sum()) + 0.5 * lam * np.sum(mask * b * b)

    def gradient(b):
        mu = 1 / (1 + np.exp(-(Xs @ b)))
        return -(Xs.T @ (ys - mu)) + lam * mask * b

    def hessian(b):
        mu = 1 / (1 + np.exp(-(Xs @ b)))
        return (Xs.T * (mu * (1 - mu))) @ Xs + lam * np.diag(mask)

    # trust-exact stops near a gradient norm of 1e-7, where changes in the objective fall
    # below its rounding error; the gradient equations are then polished with MINPACK's
    # hybrid Powell root finder, which needs no objective values.
    res = scipy.optimize.minimize(objective, np.zeros(4), jac=gradient, hess=hessian,
                                  method="trust-exact", options={"gtol": 1e-13})
    polished = scipy.optimize.root(gradient, res.x, jac=hessian, method="hybr", tol=1e-15)
    b = polished.x
    assert np.linalg.norm(gradient(b)) < 1e-12
    info = hessian(b)
    se = np.sqrt(np.diag(np.linalg.inv(info)))
    print(f"== spector ridge lambda={lam}: gradient norm {np.linalg.norm(gradient(b)):.1e}")
    print("params  ", ", ".join(repr(float(v)) for v in b))
    print("bse     ", ", ".join(repr(float(v)) for v in se))
    print("loglik  ", repr(float(-objective(b) + 0.5 * lam * np.sum(mask * b * b))))


ridge(1.0)
ridge(10.0)
