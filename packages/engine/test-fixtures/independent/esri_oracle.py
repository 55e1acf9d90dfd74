#!/usr/bin/env python3
"""Independent reference (oracle) for the ESRI model, transcribed from the project spec shared/specs/esri.md
(written from the spec alone, without reading the engine; see README.md beside this file).

Usage:  python3 esri_oracle.py CASE_DIR [--out FILE] [--dense] [--procs N]

CASE_DIR holds edges.csv, firms.csv, optional essentiality.csv and case.json (see the spec's fixtures).
Writes expected.json-format output (to CASE_DIR/oracle.json unless --out is given).

Modelling choices (where the spec leaves a point open):
  * repeated supplier-buyer pairs are summed; self-loops are skipped (not part of W, s_in, s_out).
  * any operator entry whose denominator is 0 is 0 (Lambda_d with Pi0 = 0 or s_in = 0, Lambda_u with
    s_out = 0 or revenue = 0). With W >= 0 a zero denominator implies a zero numerator, so this is the
    only consistent value (0/0 -> 0), except for revenue = 0 on the upstream channel (W > 0, revenue 0),
    which the spec forbids (revenue > 0); we also map it to 0 and the generator avoids it.
  * sigma(j) for s_out(j) = 0: min(1, 0/avail) = 0 (irrelevant: j has no customers, Lambda_d[j,.] = 0).
  * the stop rule uses the signed decrease max_i max(hd_t - hd_{t+1}, hu_t - hu_{t+1}) literally.

Two interchangeable kernels: the literal dense one (--dense: loops over all j for every i, every k)
and the default one that skips zero operator entries. Both sum in the same order (ascending j within
industry, industries in first-appearance order), and skipping exact-zero terms leaves a float sum
unchanged, so they produce bit-identical results (checked by selftest_dense()).
"""
import csv
import json
import os
import sys
from multiprocessing import Pool

CAP = 100000


def first_appearance_codes(labels):
    """The distinct labels in order of first appearance, and each label's index among them."""
    order = list(dict.fromkeys(labels))
    index = {x: a for a, x in enumerate(order)}
    return order, [index[x] for x in labels]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Model:
    def __init__(self, firms, industry, market, revenue, edges, production, ess=None, substitution=False):
        # firms: list of ids (order defines index); industry/market/revenue: dict id -> value
        self.ids = list(firms)
        n = self.n = len(self.ids)
        idx = self.idx = {f: a for a, f in enumerate(self.ids)}
        self.p = [industry[f] for f in self.ids]
        self.mkt = [market.get(f) or industry[f] for f in self.ids]
        self.revenue = [revenue.get(f) for f in self.ids]
        self.substitution = substitution
        # industries and markets in order of first appearance (firm order), and each firm's code
        self.K, self.pk = first_appearance_codes(self.p)
        industry_index = {k: a for a, k in enumerate(self.K)}
        self.M, self.pm = first_appearance_codes(self.mkt)
        # W dense
        W = self.W = [[0.0] * n for _ in range(n)]
        for (s, b, v) in edges:
            if s == b:
                continue  # self-loop skipped
            W[idx[s]][idx[b]] += float(v)
        self.s_out = [sum(W[j]) for j in range(n)]
        self.s_in = [sum(W[j][i] for j in range(n)) for i in range(n)]
        nk = len(self.K)
        # Pi0[i][k] = sum_{j: p(j)=k} W[j,i]
        self.Pi0 = [[0.0] * nk for _ in range(n)]
        for j in range(n):
            for i in range(n):
                if W[j][i] != 0.0:
                    self.Pi0[i][self.pk[j]] += W[j][i]
        # essentiality E[k][l] as index matrix
        if production == "linear":
            E = [[1] * nk for _ in range(nk)]
        elif production == "leontief":
            E = [[2] * nk for _ in range(nk)]
        elif production == "table":
            E = [[0] * nk for _ in range(nk)]
            for (k, l), r in (ess or {}).items():
                if k in industry_index and l in industry_index:
                    E[industry_index[k]][industry_index[l]] = int(r)
        else:
            raise ValueError(production)
        self.E = E
        # Lambda_d[j][i]
        Ld = self.Ld = [[0.0] * n for _ in range(n)]
        for j in range(n):
            for i in range(n):
                e = E[self.pk[j]][self.pk[i]]
                w = W[j][i]
                if e == 2:
                    d = self.Pi0[i][self.pk[j]]
                    Ld[j][i] = w / d if d != 0.0 else 0.0
                elif e == 1:
                    d = self.s_in[i]
                    Ld[j][i] = w / d if d != 0.0 else 0.0
                else:
                    Ld[j][i] = 0.0
        # per buyer: which industries are rated 2 / 1 for its industry
        self.ess2 = [[k for k in range(nk) if E[k][self.pk[i]] == 2] for i in range(n)]
        self.ess1 = [[k for k in range(nk) if E[k][self.pk[i]] == 1] for i in range(n)]
        # firms per industry (ascending index), firms per market
        self.members = [[j for j in range(n) if self.pk[j] == k] for k in range(nk)]
        self.mmembers = [[j for j in range(n) if self.pm[j] == m] for m in range(len(self.M))]
        self.set_upstream("out_strength")

    def set_upstream(self, by):
        n = self.n
        W = self.W
        Lu = self.Lu = [[0.0] * n for _ in range(n)]
        for i in range(n):
            d = self.s_out[i] if by != "revenue" else float(self.revenue[i] or 0.0)
            for j in range(n):
                Lu[i][j] = W[i][j] / d if d != 0.0 else 0.0
        # sparse views (same order as dense loops)
        self.Ld_in = []  # per buyer i, per industry k: list of (j, Ld[j][i]) nonzero, ascending j
        for i in range(n):
            per = []
            for k in range(len(self.K)):
                per.append([(j, self.Ld[j][i]) for j in self.members[k] if self.Ld[j][i] != 0.0])
            self.Ld_in.append(per)
        # industries from which buyer i has a nonzero operator entry (others: pi = 1 exactly)
        self.kin = [[k for k in range(len(self.K)) if self.Ld_in[i][k]] for i in range(n)]
        self.Lu_out = [[(j, Lu[i][j]) for j in range(n) if Lu[i][j] != 0.0] for i in range(n)]

    # ------------------------------------------------------------------ dynamics
    def sigma(self, hd):
        n = self.n
        if not self.substitution:
            return [1.0] * n
        avail = [0.0] * len(self.M)
        for m, mem in enumerate(self.mmembers):
            a = 0.0
            for l in mem:
                a += self.s_out[l] * hd[l]
            avail[m] = a
        sig = [0.0] * n
        for j in range(n):
            a = avail[self.pm[j]]
            sig[j] = 1.0 if a <= 1e-10 else min(1.0, self.s_out[j] / a)
        return sig

    def step(self, hd, hu, psd, psu, dense=False):
        n = self.n
        nk = len(self.K)
        sig = self.sigma(hd)
        hd1 = [0.0] * n
        hu1 = [0.0] * n
        for i in range(n):
            # pi_t(i,k)
            pi = [1.0] * nk
            for k in (range(nk) if dense else self.kin[i]):
                s = 0.0
                if dense:
                    for j in self.members[k]:
                        s += sig[j] * self.Ld[j][i] * (1.0 - hd[j])
                else:
                    for (j, l) in self.Ld_in[i][k]:
                        s += sig[j] * l * (1.0 - hd[j])
                pi[k] = 1.0 - s
            a = 1.0
            for k in self.ess2[i]:
                a = min(a, pi[k])
            b = 0.0
            for k in self.ess1[i]:
                b += 1.0 - pi[k]
            hd1[i] = max(0.0, min(a, 1.0 - b, 1.0 - psd[i]))
            s = 0.0
            if dense:
                for j in range(n):
                    s += self.Lu[i][j] * (1.0 - hu[j])
            else:
                for (j, l) in self.Lu_out[i]:
                    s += l * (1.0 - hu[j])
            hu1[i] = max(0.0, min(1.0 - psu[i], 1.0 - s))
        return hd1, hu1

    def cascade(self, psd, psu, eps, cap=CAP, dense=False):
        hd = [1.0 - x for x in psd]
        hu = [1.0 - x for x in psu]
        t = 0
        capped = False
        while True:
            hd1, hu1 = self.step(hd, hu, psd, psu, dense)
            t += 1
            delta = max(max(hd[i] - hd1[i], hu[i] - hu1[i]) for i in range(self.n)) if self.n else 0.0
            hd, hu = hd1, hu1
            if delta <= eps:
                break
            if t >= cap:
                capped = True
                break
        return hd, hu, t, capped

    def outputs(self, w, hd, hu):
        tot = sum(w)
        if tot == 0.0:
            raise ValueError("all-zero weights")
        wn = [x / tot for x in w]
        e = ed = eu = 0.0
        for i in range(self.n):
            e += wn[i] * (1.0 - min(hd[i], hu[i]))
            ed += wn[i] * (1.0 - hd[i])
            eu += wn[i] * (1.0 - hu[i])
        return e, ed, eu


def load_case(cdir):
    case = json.load(open(os.path.join(cdir, "case.json")))
    firms = read_csv(os.path.join(cdir, "firms.csv"))
    ids = [r["id"] for r in firms]
    industry = {r["id"]: r["industry"] for r in firms}
    market = {r["id"]: (r.get("market") or r["industry"]) for r in firms}
    revenue = {}
    for r in firms:
        v = r.get("revenue")
        revenue[r["id"]] = float(v) if v not in (None, "") else None
    edges = [(r["supplier"], r["buyer"], float(r["value"])) for r in read_csv(os.path.join(cdir, "edges.csv"))]
    ess = None
    ep = os.path.join(cdir, "essentiality.csv")
    if case["production"] == "table":
        ess = {}
        if os.path.exists(ep):
            for r in read_csv(ep):
                ess[(r["supplier_industry"], r["buyer_industry"])] = int(r["rating"])
    m = Model(ids, industry, market, revenue, edges, case["production"], ess, bool(case.get("substitution")))
    m.set_upstream(case.get("upstream_by") or "out_strength")
    return case, m


def shock_vec(m, d):
    v = [0.0] * m.n
    for f, x in (d or {}).items():
        v[m.idx[f]] = float(x)
    return v


_G = {}


def _firm_job(a):
    m, eps, w, dense = _G["m"], _G["eps"], _G["w"], _G["dense"]
    e = [0.0] * m.n
    e[a] = 1.0
    hd, hu, t, capped = m.cascade(e, e, eps, dense=dense)
    return a, m.outputs(w, hd, hu), t, capped


def run_case(cdir, dense=False, procs=2):
    case, m = load_case(cdir)
    eps = float(case["eps"])
    if case.get("weights", "out_strength") == "revenue":
        w = [float(x) for x in m.revenue]
    else:
        w = list(m.s_out)
    out = {"scenarios": []}
    for sc in case.get("shocks", []):
        down = sc.get("down", {})
        up = sc["up"] if "up" in sc else down
        psd, psu = shock_vec(m, down), shock_vec(m, up)
        hd, hu, t, capped = m.cascade(psd, psu, eps, dense=dense)
        e, ed, eu = m.outputs(w, hd, hu)
        out["scenarios"].append({
            "name": sc["name"], "esri": e, "esri_down": ed, "esri_up": eu, "iterations": t, "capped": capped,
            "h_down": {f: hd[a] for a, f in enumerate(m.ids)},
            "h_up": {f: hu[a] for a, f in enumerate(m.ids)},
        })
    if case.get("all_firms"):
        _G.update(m=m, eps=eps, w=w, dense=dense)
        if procs > 1:
            with Pool(procs) as pool:
                res = pool.map(_firm_job, range(m.n), chunksize=4)
        else:
            res = [_firm_job(a) for a in range(m.n)]
        out["per_firm"] = {m.ids[a]: {"esri": r[0], "esri_down": r[1], "esri_up": r[2]} for a, r, t, c in res}
        out["per_firm_iterations"] = {m.ids[a]: t for a, r, t, c in res}
        out["per_firm_capped"] = [m.ids[a] for a, r, t, c in res if c]
    return out


# ---------------------------------------------------------------- worked example (spec)
def worked_example():
    links = [(3, 6), (4, 6), (4, 7), (5, 7), (6, 1), (6, 2), (7, 10), (7, 11), (8, 1), (8, 2), (9, 11)]
    ind = [1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5]
    ids = [str(a) for a in range(1, 12)]
    industry = {str(a + 1): str(ind[a]) for a in range(11)}
    edges = [(str(a), str(b), 1.0) for a, b in links]
    exp_lin = [.272727, .272727, .181818, .363636, .181818, .363636, .363636, .181818, .090909, .181818, .272727]
    exp = {}
    exp[("linear", False)] = list(exp_lin)
    e = list(exp_lin)
    e[2] = e[4] = .084022
    e[8] = .068182
    exp[("linear", True)] = e
    e = list(exp_lin)
    e[2:9] = [.227273, .431818, .204545, .454545, .409091, .272727, .136364]
    exp[("leontief", False)] = e
    e2 = list(exp_lin)
    e2[2], e2[4], e2[8] = .092287, .088154, .090909
    for a in (3, 5, 6, 7):
        e2[a] = e[a]
    exp[("leontief", True)] = e2
    worst = 0.0
    for (prod, sub), ev in exp.items():
        m = Model(ids, industry, {}, {}, edges, prod, None, sub)
        w = [m.s_in[i] + m.s_out[i] for i in range(11)]
        got = []
        for a in range(11):
            u = [0.0] * 11
            u[a] = 1.0
            hd, hu, t, c = m.cascade(u, u, 1e-9)
            got.append(m.outputs(w, hd, hu)[0])
        d = max(abs(g - x) for g, x in zip(got, ev))
        worst = max(worst, d)
        print(f"worked example {prod:8s} subst={sub!s:5s} max|diff|={d:.2e}  got={[round(g, 6) for g in got]}")
    # default of firm 4: downstream losses
    for prod, ev in (("linear", (.25, .25, 0, 1, 0, .5, .5, 0, 0, .5, .25)),
                     ("leontief", (.5, .5, 0, 1, 0, .5, .5, 0, 0, .5, .5))):
        m = Model(ids, industry, {}, {}, edges, prod, None, False)
        u = [0.0] * 11
        u[3] = 1.0
        hd, hu, t, c = m.cascade(u, u, 1e-9)
        d = max(abs((1 - h) - x) for h, x in zip(hd, ev))
        up_ok = all((hu[i] == 1.0) == (i != 3) for i in range(11))
        worst = max(worst, d)
        print(f"firm-4 default {prod:8s} max|diff| downstream losses={d:.2e}; upstream only firm 4: {up_ok}")
    return worst


def main():
    args = sys.argv[1:]
    if args and args[0] == "--worked":
        w = worked_example()
        print("worst", w)
        return
    cdir = args[0]
    out = os.path.join(cdir, "oracle.json")
    dense = "--dense" in args
    procs = 2
    if "--out" in args:
        out = args[args.index("--out") + 1]
    if "--procs" in args:
        procs = int(args[args.index("--procs") + 1])
    res = run_case(cdir, dense=dense, procs=procs)
    with open(out, "w") as f:
        json.dump(res, f)


if __name__ == "__main__":
    main()
