"""`make bench`: how fast and how large a render is, next to the floor of one bare XeLaTeX pass.

Every figure is the median of interleaved runs (each round runs every case once), so a busy
machine slows all cases alike. Prints a table; docs/BENCHMARKS.md keeps one run."""

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import peers
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RESUMETEX = str(BIN / "resumetex")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "7"))


def process_tree(root: int) -> list[int]:
    """`root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def memory_kb(pid: int) -> tuple[int, int]:
    """A process's (PSS, RSS) in kB. PSS shares each page among the processes mapping it,
    so a tree's PSS adds up to the memory it really holds; RSS counts shared pages twice."""
    values = {"Pss": 0, "Rss": 0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key = line.split(":")[0]
            if key in values:
                values[key] = int(line.split()[1])
    except OSError:
        pass
    return values["Pss"], values["Rss"]


def timed(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> float:
    """Wall time of `command`, with nothing else of ours running beside it."""
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True)
    if completed.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{completed.stderr.decode()}")
    return time.perf_counter() - started


def peak_memory(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> tuple[int, int]:
    """Peak (PSS, RSS) in kB of `command`'s whole process tree, sampled every 3 ms."""
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_pss = peak_rss = 0
    while process.poll() is None:
        samples = [memory_kb(pid) for pid in process_tree(process.pid)]
        peak_pss = max(peak_pss, sum(p for p, _ in samples))
        peak_rss = max(peak_rss, sum(r for _, r in samples))
        time.sleep(0.003)
    return peak_pss, peak_rss


def synthetic_cv(folder: Path, copies: int) -> Path:
    """The seed résumé with its projects repeated `copies` times: a CV of many pages."""
    data = yaml.safe_load((ROOT / "data" / "cv.zh.yaml").read_text(encoding="utf-8"))
    for section in data["sections"]:
        if section["key"] == "projects":
            section["entries"] = [
                {**entry, "title": f"{entry['title']} ({i + 1})"} for i in range(copies) for entry in section["entries"]
            ]
    path = folder / f"cv.{copies}.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML without aliases
    return path


class Watching:
    """`render --watch` on a copy of the seed, saved once a round beside the other cases: the
    seconds from each save to `wrote`, and the waiting engine's resident size."""

    def __init__(self, work: Path, env: dict[str, str]) -> None:
        self.source = work / "watched.yaml"
        self.text = (ROOT / "data" / "cv.zh.yaml").read_text(encoding="utf-8")
        self.source.write_text(self.text, encoding="utf-8")
        command = [RESUMETEX, "render", str(self.source), "-o", str(work / "watched.pdf"), "--watch"]
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert self.process.stdout is not None
        self.output = self.process.stdout
        self.output.readline()  # watching ...
        self.output.readline()  # the first render
        self.seconds: list[float] = []
        self.resident = 0.0  # MiB
        self.settle()

    def settle(self) -> None:
        """Wait, untimed, while the next engine loads: it then neither slows the next case nor
        is counted in the next save."""
        time.sleep(1.0)
        tree = process_tree(self.process.pid)[1:]
        self.resident = max(self.resident, sum(memory_kb(pid)[0] for pid in tree) / 1024)

    def save(self) -> None:
        started = time.perf_counter()
        self.source.write_text(self.text + f"\n# save {len(self.seconds)}\n", encoding="utf-8")
        line = self.output.readline()
        self.seconds.append(time.perf_counter() - started)
        if not line.startswith("wrote"):
            raise SystemExit(f"--watch failed: {line}")
        self.settle()

    def stop(self) -> None:
        self.process.terminate()  # SIGINT may be ignored here: a background job's children inherit that
        self.process.wait(timeout=30)


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="resumetex-bench-"))
    # Python's compiled modules, as an installed package has them (pip writes them): kept in the
    # bench's folder, written by the first runs below.
    env = {**os.environ, "RESUMETEX_CACHE_DIR": str(work / "cache"), "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    tex = work / "tex" / "cv.tex"
    subprocess.run(
        [RESUMETEX, "render", "--no-cache", "--tex", str(tex), "-o", str(work / "tex.pdf")],
        cwd=ROOT,
        check=True,
        env=env,
        capture_output=True,
    )
    subprocess.run(
        [RESUMETEX, "render", "-o", str(work / "warm.pdf")], cwd=ROOT, check=True, env=env, capture_output=True
    )
    big = {n: synthetic_cv(work, n) for n in (1, 6, 12, 18)}
    # zh and en without their variants: the build case compares with two plain renders.
    (work / "data").mkdir()
    for lang in ("zh", "en"):
        data = yaml.safe_load((ROOT / "data" / f"cv.{lang}.yaml").read_text(encoding="utf-8"))
        data.pop("variants", None)
        (work / "data" / f"cv.{lang}.yaml").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    floor_command = ["xelatex", "-interaction=nonstopmode", "-no-shell-escape", "cv.tex"]
    fresh_cache = f"rm -rf {work / 'fresh'} && RESUMETEX_CACHE_DIR={work / 'fresh'} {RESUMETEX} render --no-cache"
    cases: dict[str, tuple[list[str], Path]] = {
        "floor: one xelatex pass": (floor_command, tex.parent),
        "cold render (zh)": ([RESUMETEX, "render", "--no-cache", "-o", str(work / "cold.pdf")], ROOT),
        "cold render, one core": (
            ["taskset", "-c", "0", RESUMETEX, "render", "--no-cache", "-o", str(work / "core.pdf")],
            ROOT,
        ),
        "first render (format built)": (["sh", "-c", f"{fresh_cache} -o {work / 'first.pdf'}"], ROOT),
        "re-render, unchanged": ([RESUMETEX, "render", "-o", str(work / "warm.pdf")], ROOT),
        "resumetex --help": ([RESUMETEX, "--help"], ROOT),
        "resumetex validate": ([RESUMETEX, "validate"], ROOT),
        "render zh": ([RESUMETEX, "render", "--no-cache", "-o", str(work / "zh.pdf")], ROOT),
        "render en": ([RESUMETEX, "render", "--no-cache", "--lang", "en", "-o", str(work / "en.pdf")], ROOT),
        "build zh + en": (
            [RESUMETEX, "build", "--no-cache", "--data", str(work / "data"), "--out", str(work / "all")],
            ROOT,
        ),
        "max-pages search": (
            [
                RESUMETEX,
                "render",
                "--no-cache",
                "--max-pages",
                "2",
                *("--design", "font_size=12"),
                *("--design", "spacing=2"),
                "-o",
                str(work / "fit.pdf"),
            ],
            ROOT,
        ),
        "variant onepage (fit)": (
            [RESUMETEX, "render", "--no-cache", "--variant", "onepage", "-o", str(work / "one.pdf")],
            ROOT,
        ),
    }
    for copies, source in big.items():
        cases[f"synthetic x{copies}"] = (
            [RESUMETEX, "render", "--no-cache", str(source), "-o", str(work / f"big{copies}.pdf")],
            ROOT,
        )
    environments = {name: env for name in cases}
    for lang in ("zh", "en"):  # the peers installed here, on the same content
        peer = peers.rendercv_case(RESUMETEX, ROOT / "data" / f"cv.{lang}.yaml", work)
        if peer is not None:
            command, cwd, environments[f"RenderCV {lang}"] = peer
            cases[f"RenderCV {lang}"] = (command, cwd)
    times: dict[str, list[float]] = {name: [] for name in cases}
    watching = Watching(work, env)
    try:
        for _ in range(ROUNDS):
            for name, (command, cwd) in cases.items():
                (tex.parent / "cv.aux").unlink(missing_ok=True)  # the floor is a first pass, as a render is
                times[name].append(timed(command, cwd, environments[name]))
            watching.save()
    finally:
        watching.stop()
    (tex.parent / "cv.aux").unlink(missing_ok=True)
    memory = {name: peak_memory(command, cwd, environments[name]) for name, (command, cwd) in cases.items()}
    median = {name: statistics.median(values) for name, values in times.items()}
    base = median["floor: one xelatex pass"]
    median["--watch, save to PDF"] = statistics.median(watching.seconds)
    watch_mib = watching.resident

    print(f"resumetex benchmark: {ROUNDS} interleaved rounds, medians; {platform.machine()}, {os.cpu_count()} cores,")
    engine = subprocess.run(["xelatex", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print(f"Python {platform.python_version()}, {engine}\n")
    render = median["render zh"]
    rows = [
        ("floor: one xelatex pass", "", ""),
        ("cold render (zh)", f"{median['cold render (zh)'] / base:.2f}x floor", "<= 0.65x floor"),
        ("cold render, one core", f"{median['cold render, one core'] / base:.2f}x floor", "<= 0.75x floor"),
        ("first render (format built)", f"{median['first render (format built)'] / base:.2f}x floor", "<= 2.5x"),
        ("--watch, save to PDF", f"{median['--watch, save to PDF'] / base:.2f}x floor", "<= 0.25x floor"),
        ("re-render, unchanged", f"{median['re-render, unchanged'] / base:.2f}x floor", "<= 0.10x floor"),
        ("resumetex --help", "", "<= 0.25 s"),
        ("resumetex validate", "", "<= 0.25 s"),
        (
            "build zh + en",
            f"{median['build zh + en'] / (median['render zh'] + median['render en']):.2f}x sequential",
            "well under 1x",
        ),
        ("max-pages search", f"{median['max-pages search'] / render:.2f}x a render", "<= 2x a render"),
        ("variant onepage (fit)", f"{median['variant onepage (fit)'] / render:.2f}x a render", "<= 2x"),
    ]
    memory["--watch, save to PDF"] = (watch_mib * 1024, watch_mib * 1024)
    print(f"{'case':28} {'median s':>9} {'PSS MiB':>7} {'RSS MiB':>7}  {'measure':22} target")
    for name, measure, target in rows:
        pss, rss = memory[name]
        print(f"{name:28} {median[name]:9.3f} {pss / 1024:7.0f} {rss / 1024:7.0f}  {measure:22} {target}")
    print()
    points = [(pages(work / f"big{n}.pdf"), median[f"synthetic x{n}"]) for n in big]
    for (count, seconds), n in zip(points, big, strict=True):
        pss, rss = memory[f"synthetic x{n}"]
        print(f"{'synthetic x' + str(n) + f' ({count} pages)':28} {seconds:9.3f} {pss / 1024:7.0f} {rss / 1024:7.0f}")
    print()
    for lang in ("zh", "en"):
        name = f"RenderCV {lang}"
        if name in median:
            ratio = median[name] / median[f"render {lang}"]
            pss, rss = memory[name]
            print(f"{name:28} {median[name]:9.3f} {pss / 1024:7.0f} {rss / 1024:7.0f}  ", end="")
            print(f"resumetex render {lang} is {ratio:.2f}x faster")
        else:
            print(f"{name:28} not installed here (see bench/peers.py)")
    xs, ys = [p for p, _ in points], [s for _, s in points]
    slope = statistics.linear_regression(xs, ys).slope
    print(f"\nscaling: {slope:.3f} s per page (least squares over {xs[0]}-{xs[-1]} pages)")
    pss, rss = memory["cold render (zh)"]
    print(f"peak memory of a render, engine included: {pss / 1024:.0f} MiB PSS ", end="")
    print(f"({rss / 1024:.0f} MiB RSS summed) (target <= 280 MiB)")
    print(f"the waiting --watch engine: {watch_mib:.0f} MiB resident")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
