"""``make bench``: xcreport against two floors of reading the same cells, side by side.

For each size (workbooks × rows per workbook, optionally × registered bodies) a deterministic
synthetic ledger folder is generated once (cached under ``bench_out/data``), then, each in a fresh
process:

1. the pandas floor — a bare Python process reading every sheet with ``pandas.read_excel``
   (engine calamine);
2. the physical floor — the same files parsed by python-calamine directly, each sheet's cells to
   Python values and nothing else, in as many processes as the machine has cores;
3. ``xcreport validate`` on the folder;
4. ``xcreport annual`` on the folder (every output rendered).

It prints seconds, each command's ratio to both floors, rows per second and peak memory (maximum
RSS of the process, from ``wait4``), how time grows with the rows and with the bodies, and last
the sample county's ``xcreport monthly`` against a bare process that imports pandas and reads the
sample ledgers.  A size with a third number registers that many bodies (a generated
configuration) instead of the sample county's 16.  Each figure is the median of ``--repeat`` runs.
Results also go to ``bench_out/results.json``.

    python tools/bench.py                                   # the default sizes below
    python tools/bench.py --sizes 20x500,200x500,2000x500   # with 1 M rows (make bench BENCH_SIZES=…)
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench_out"
CONFIG = ROOT / "xcreport" / "sample" / "xcreport.toml"
SAMPLE = ROOT / "xcreport" / "sample" / "ledgers"
XCREPORT = Path(sys.executable).parent / "xcreport"
GENERATOR_VERSION = 2  # bump when the synthetic shape changes, so cached folders are regenerated
#: 10 k and 100 k rows of the sample county's bodies, and 100 k rows of 30 and of 300 bodies.
DEFAULT_SIZES = "20x500,200x500,200x500x30,200x500x300"

# Header variants as clerks write them: canonical names, aliases, names marked required.
HEADERS = [
    "单位 作者 标题 类别 报送日期 所属月份 用稿媒体 用稿日期 领导批示 备注".split(),
    "报送单位 撰稿人 稿件标题 信息类别 报送时间 期次 采用媒体 刊发日期 批示 说明".split(),
    "单位* 作者（必填） 标题* 类别* 上报日期* 所属月份 刊发媒体 采用日期 领导批示 字数".split(),
]
BODIES = (
    "运管所 交管所 公路站 海事处 航道站 农路办 质监站 汽车分公司 海启高速项目组 农路农桥项目组 "
    "办公室 政工科 规划建设科 财务审计科 安全监督科 政策法规科"
).split()
CATEGORIES = ["动态信息", "动态信息", "动态信息", "政务信息", "新闻稿件", "专题报道"]
# Five in twelve rows adopted somewhere, from the internal bulletin up to national media.
OUTLETS = [""] * 7 + "交通动态 县报 县委办信息 南通日报 市交通运输局信息 江苏交通 中国交通报".split()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国华明丽军平伟芳娟强磊洋艳勇杰涛敏静"
TOPICS = "海启高速 农路农桥 征地拆迁 路政执法 安全生产 文明创建 春运 航道疏浚 客运服务".split()
ENDINGS = ["稳步推进", "取得实效", "再创佳绩", "全面启动"]


def _typed_date(rng: random.Random, d: dt.date) -> object:
    """Mostly real date cells; a few percent typed as people type them; one percent broken."""
    roll = rng.random()
    if roll < 0.90:
        return dt.datetime(d.year, d.month, d.day)
    if roll < 0.93:
        return f"{d.year}.{d.month}.{d.day}"
    if roll < 0.96:
        return f"{d.year}年{d.month}月{d.day}日"
    if roll < 0.99:
        return int(f"{d:%Y%m%d}")
    return f"{d.year}.{d.month + 12}.{d.day}"  # an impossible month: an L-DATE error


def body_names(count: int) -> list[str]:
    """The registered bodies of a size: the sample county's, or ``count`` generated ones."""
    return BODIES if count == len(BODIES) else [f"第{i + 1:03d}单位" for i in range(count)]


def bench_config(folder: Path, count: int) -> Path:
    """The sample configuration, or a copy of it registering ``count`` generated bodies
    (a third of them offices, R9 tasks at two levels)."""
    if count == len(BODIES):
        return CONFIG
    text = CONFIG.read_text(encoding="utf-8")
    head, rest = text.split("[[bodies]]", 1)
    vocabulary = rest.index("\n[vocabulary]")
    # the section's heading comment: the two dashed lines before [vocabulary] and what they frame
    tail = rest[rest.rfind("\n# ---", 0, rest.rfind("\n# ---", 0, vocabulary)) :]
    bodies = "".join(
        f'[[bodies]]\nname = "{name}"\ngroup = "{"office" if i % 3 == 2 else "unit"}"\n'
        f'contact = "body{i:03d}@example.gov.cn"\n'
        f'tasks = {{ "省部级" = {1 + i % 4}, "市级" = {2 + i % 7} }}\n\n'
        for i, name in enumerate(body_names(count))
    )
    path = folder / "xcreport.toml"
    path.write_text(head + bodies + tail.lstrip("\n"), encoding="utf-8")
    return path


def generate(folder: Path, workbooks: int, rows: int, bodies: list[str], seed: int = 20140301) -> int:
    """Write ``workbooks`` ledgers of ``rows`` rows each, split over 1–3 sheets; return the rows."""
    rng = random.Random(seed)
    start = dt.date(2014, 1, 1)
    total = 0
    for w in range(workbooks):
        body = bodies[w % len(bodies)]
        # with more bodies than workbooks, a workbook holds the rows of several (all have rows)
        owners = bodies[w::workbooks] or [body]
        wb = Workbook(write_only=True)
        sheets = 1 + w % 3
        for s in range(sheets):
            n = rows // sheets + (1 if s < rows % sheets else 0)
            ws = wb.create_sheet(f"{body}{s + 1}" if sheets > 1 else body)
            if (w + s) % 2:
                ws.append([f"{body}2014年信息报送台账"])  # a title row above the header
            ws.append(HEADERS[(w + s) % len(HEADERS)])
            for _ in range(n):
                d = start + dt.timedelta(days=rng.randrange(365))
                outlet = rng.choice(OUTLETS)
                adopted = dt.datetime(d.year, d.month, d.day) + dt.timedelta(days=3) if outlet else None
                ws.append([
                    owners[total % len(owners)] if rng.random() > 0.005 else "宣传科",  # a few L-UNIT errors
                    rng.choice(SURNAMES) + rng.choice(GIVEN),
                    f"{rng.choice(TOPICS)}工作{rng.choice(ENDINGS)}（{rng.randrange(10**7)}）",
                    rng.choice(CATEGORIES),
                    _typed_date(rng, d),
                    "",
                    outlet,
                    adopted,
                    "是" if rng.random() < 0.01 else "",
                    "",
                ])  # fmt: skip
                total += 1
        sub = folder / f"{w // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        wb.save(sub / f"{body}_{w:05d}.xlsx")
    return total


def dataset(workbooks: int, rows: int, bodies: int) -> tuple[Path, Path]:
    """The cached ledger folder and the configuration of a size, generated when missing or made by
    an older generator."""
    base = BENCH / "data" / f"{workbooks}x{rows}x{bodies}"
    folder, marker = base / "ledgers", base / ".complete"
    if not (marker.is_file() and marker.read_text() == str(GENERATOR_VERSION)):
        shutil.rmtree(base, ignore_errors=True)
        t0 = time.perf_counter()
        print(
            f"  generating {workbooks} workbooks × {rows} rows, {bodies} bodies …",
            file=sys.stderr,
            flush=True,
        )
        generate(folder, workbooks, rows, body_names(bodies))
        print(f"  generated in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        marker.write_text(str(GENERATOR_VERSION))
    return folder, bench_config(base, bodies)


FLOOR = """
import sys, pathlib, pandas as pd
rows = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.xls*')):
    if p.name.startswith(('~$', '.')):
        continue
    for frame in pd.read_excel(p, sheet_name=None, header=None, engine='calamine').values():
        rows += len(frame)
print(rows)
"""
#: The physical floor: every sheet's cells as Python values, with python-calamine alone, in as many
#: processes as there are cores — what any reader of these files must at least spend.
PHYSICAL = """
import os, sys, pathlib
from concurrent.futures import ProcessPoolExecutor
from python_calamine import CalamineWorkbook

def cells(path):
    with CalamineWorkbook.from_path(path) as wb:
        return sum(len(wb.get_sheet_by_name(n).to_python()) for n in wb.sheet_names)

if __name__ == '__main__':
    paths = [str(p) for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.xls*'))
             if not p.name.startswith(('~$', '.'))]
    workers = os.cpu_count() or 1
    with ProcessPoolExecutor(workers) as pool:
        print(sum(pool.map(cells, paths, chunksize=max(1, len(paths) // (workers * 4)))))
"""


@dataclass
class Measure:
    seconds: float
    peak_mb: float
    ok: bool


def measure(cmd: list[str]) -> Measure:
    """Run ``cmd`` in a fresh process; wall time and its own peak RSS (``wait4``'s ru_maxrss, KiB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        print(f"  command failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}", file=sys.stderr)
    return Measure(seconds, usage.ru_maxrss / 1024, proc.returncode == 0)


def median_of(cmd: list[str], repeat: int) -> Measure:
    """The median run of ``repeat`` (its time and its peak memory); ok only when every run was."""
    runs = sorted((measure(cmd) for _ in range(repeat)), key=lambda m: m.seconds)
    middle = runs[(len(runs) - 1) // 2]
    return Measure(statistics.median(m.seconds for m in runs), middle.peak_mb, all(m.ok for m in runs))


def run(sizes: list[tuple[int, int, int]], repeat: int) -> dict[str, object]:
    results: list[dict[str, object]] = []
    out = BENCH / "run"
    for workbooks, rows, bodies in sizes:
        folder, config = dataset(workbooks, rows, bodies)
        floor = median_of([sys.executable, "-c", FLOOR, str(folder)], repeat)
        physical = median_of([sys.executable, "-c", PHYSICAL, str(folder)], repeat)
        common = ["--ledgers", str(folder), "--config", str(config), "--today", "2015-01-15"]
        validate = median_of([str(XCREPORT), "validate", *common, "--out", str(out / "validate")], repeat)
        annual_cmd = [str(XCREPORT), "annual", *common, "--year", "2014", "--out", str(out / "annual")]
        annual = median_of(annual_cmd, repeat)
        results.append({"workbooks": workbooks, "rows": workbooks * rows, "bodies": bodies,
                        "floor": asdict(floor), "physical": asdict(physical),
                        "validate": asdict(validate), "annual": asdict(annual)})  # fmt: skip
    bare = median_of([sys.executable, "-c", FLOOR, str(SAMPLE)], repeat)
    monthly = median_of([str(XCREPORT), "monthly", "--ledgers", str(SAMPLE), "--config", str(CONFIG),
                         "--today", "2015-01-15", "--out", str(out / "sample")], repeat)  # fmt: skip
    return {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "sizes": results,
        "sample": {"bare": asdict(bare), "monthly": asdict(monthly)},
    }


def table(res: dict[str, object]) -> str:
    lines = [
        "| workbooks | rows | bodies | pandas floor s | physical floor s | validate s | × pandas "
        "| × physical | rows/s | RSS MiB | annual s | × pandas | × physical | RSS MiB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    sizes = res["sizes"]
    assert isinstance(sizes, list)
    for r in sizes:
        f, p, v, a = r["floor"]["seconds"], r["physical"]["seconds"], r["validate"], r["annual"]
        lines.append(
            f"| {r['workbooks']:,} | {r['rows']:,} | {r['bodies']} | {f:.2f} | {p:.2f} | "
            f"{v['seconds']:.2f} | "
            f"{v['seconds'] / f:.2f} | {v['seconds'] / p:.2f} | {r['rows'] / v['seconds']:,.0f} | "
            f"{v['peak_mb']:.0f} | {a['seconds']:.2f} | {a['seconds'] / f:.2f} | {a['seconds'] / p:.2f} | "
            f"{a['peak_mb']:.0f} |"
        )
    same_bodies = [r for r in sizes if r["bodies"] == len(BODIES)]
    for small, big in itertools.pairwise(same_bodies):
        growth = big["rows"] / small["rows"]
        for stage in ("validate", "annual"):
            ratio = big[stage]["seconds"] / small[stage]["seconds"]
            lines.append(f"\n{stage}: {growth:.0f}× the rows took {ratio:.2f}× the time")
    by_rows: dict[int, list[dict[str, Any]]] = {}
    for r in sizes:
        by_rows.setdefault(r["rows"], []).append(r)
    for rows, group in by_rows.items():
        ordered = sorted(group, key=lambda r: r["bodies"])
        for few, many in itertools.pairwise(ordered):
            ratio = many["annual"]["seconds"] / few["annual"]["seconds"]
            lines.append(
                f"\nannual at {rows:,} rows: {many['bodies']} bodies took {ratio:.2f}× "
                f"the time of {few['bodies']}"
            )
    sample = res["sample"]
    assert isinstance(sample, dict)
    b, m = sample["bare"], sample["monthly"]
    lines.append(
        f"\nsample county: bare pandas read {b['seconds']:.2f} s, xcreport monthly (all outputs) "
        f"{m['seconds']:.2f} s = {m['seconds'] / b['seconds']:.2f}× ({m['peak_mb']:.0f} MiB)"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help="comma-separated WORKBOOKSxROWS[xBODIES] (default %(default)s)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the median counts")
    args = parser.parse_args()
    sizes: list[tuple[int, int, int]] = []
    for spec in filter(None, args.sizes.split(",")):
        numbers = [int(x) for x in spec.split("x")]
        sizes.append((numbers[0], numbers[1], numbers[2] if len(numbers) > 2 else len(BODIES)))
    res = run(sizes, args.repeat)
    BENCH.mkdir(exist_ok=True)
    text = json.dumps(res, ensure_ascii=False, indent=2) + "\n"
    (BENCH / "results.json").write_text(text, encoding="utf-8")
    print(table(res))
    stages = ("floor", "physical", "validate", "annual")
    sizes_run = res["sizes"]
    assert isinstance(sizes_run, list)
    return 0 if all(r[k]["ok"] for r in sizes_run for k in stages) else 1


if __name__ == "__main__":
    sys.exit(main())
