"""The lobby clips: demo/videos/<name>.mp4, made with ffmpeg, plus corrupt.mp4.

Each clip is 11 s, 1280x720, 25 fps, H.264 with a silent AAC track: a
trilingual title card, then a card with three facts; a drifting watermark and
a progress bar keep every frame different. Text is drawn by ffmpeg drawtext
with DejaVu Sans. Flags are bit-exact and metadata is dropped, so the same
ffmpeg build gives the same bytes.
"""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import data, layout
from .data import DATA_DIR, LANGS

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
VIDEO_SECONDS = 11.0
W, H = 1280, 720
GOLD = "0xF2C14E"
LIGHT_GOLD = "0xF7DFA0"
PALE = "0xEAF2F8"
CORRUPT = f"{layout.DEMO}/videos/corrupt.mp4"


def fit_size(text: str, font: str, size: int, max_width: int) -> int:
    """Largest font size <= size at which text fits into max_width pixels."""
    from PIL import ImageFont
    while size > 10:
        if ImageFont.truetype(font, size).getlength(text) <= max_width:
            return size
        size -= 1
    return size


def alpha_expr(a: float, b: float, f: float = 0.4) -> str:
    """Opacity: 0 before a, fade in over f, 1, fade out over f ending at b."""
    return (f"if(lt(t,{a:.2f}),0,if(lt(t,{a + f:.2f}),(t-{a:.2f})/{f:.2f},"
            f"if(lt(t,{b - f:.2f}),1,if(lt(t,{b:.2f}),({b:.2f}-t)/{f:.2f},0))))")


class _Graph:
    """drawtext filters; each text goes to its own file (no escaping of quotes)."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.filters: list[str] = []
        self.n = 0

    def text(self, text, *, font=FONT, size, color="white", x, y, a=None, b=None,
             max_width=W - 120):
        self.n += 1
        path = self.tmp / f"t{self.n:02d}.txt"
        path.write_text(text, encoding="utf-8")
        size = fit_size(text, font, size, max_width)
        opts = [f"fontfile={font}", f"textfile={path}", "expansion=none",
                f"fontsize={size}", f"fontcolor={color}", f"x='{x}'", f"y='{y}'"]
        if a is not None:
            opts.append(f"alpha='{alpha_expr(a, b)}'")
            opts.append(f"enable='between(t,{a:.2f},{b:.2f})'")
        self.filters.append("drawtext=" + ":".join(opts))


def video_command(spec: dict, out: Path, tmp: Path, court_name: dict) -> list[str]:
    """The ffmpeg command for one clip; its filter graph is written to tmp."""
    d = VIDEO_SECONDS
    g = _Graph(tmp)
    centre = "(w-text_w)/2"
    court_line = " · ".join(court_name[lang] for lang in LANGS)

    # always on screen: court name, gold rule, drifting scales watermark, footer
    g.text(court_line, size=24, color="white@0.85", x=60, y=36, max_width=W - 120)
    g.filters.append(f"drawbox=x=60:y=76:w={W - 120}:h=3:color={GOLD}@0.9:t=fill")
    g.text("\u2696", size=400, color="white@0.07",
           x="w-text_w-40+40*sin(2*PI*t/11)", y="170+15*cos(2*PI*t/7)", max_width=W)
    g.text(spec["footer"], font=FONT_BOLD, size=30, color=GOLD, x="w-text_w-60",
           y=H - 72)

    # title card
    a, b = 0.3, 4.7
    g.text("\u2696", size=110, color=GOLD, x=centre, y="118+6*sin(2*PI*t/2.5)",
           a=a, b=b, max_width=W)
    g.text(spec["card_title"]["kk"], font=FONT_BOLD, size=76, color="white", x=centre,
           y=280, a=a, b=b)
    g.text(spec["card_title"]["ru"], size=52, color="white", x=centre, y=380,
           a=a + 0.3, b=b)
    g.text(spec["card_title"]["en"], size=52, color=LIGHT_GOLD, x=centre, y=455,
           a=a + 0.6, b=b)
    subs = spec["card_sub"]
    sub = subs["kk"] if subs["kk"] == subs["ru"] == subs["en"] else None
    if sub:
        g.text(sub, font=FONT_BOLD, size=34, color=GOLD, x=centre, y=545, a=a + 0.9,
               b=b)
    else:
        for i, lang in enumerate(LANGS):
            g.text(subs[lang], size=24, color="white@0.85", x=centre, y=540 + 34 * i,
                   a=a + 0.9, b=b)

    # facts card
    a2, end = 4.9, d + 1
    head = " · ".join(spec["facts_head"][lang] for lang in LANGS)
    g.text(head, font=FONT_BOLD, size=40, color=GOLD, x=80, y=112, a=a2, b=end,
           max_width=W - 80 - 60)
    fw = W - 150 - 60
    kk_size = min(fit_size(f["kk"], FONT_BOLD, 34, fw) for f in spec["facts"])
    ru_size = min(fit_size(f["ru"], FONT, 27, fw) for f in spec["facts"])
    en_size = min(fit_size(f["en"], FONT, 27, fw) for f in spec["facts"])
    for i, fact in enumerate(spec["facts"]):
        y0 = 196 + 140 * i
        t0 = a2 + 0.5 + 0.7 * i
        g.text(str(i + 1), font=FONT_BOLD, size=56, color=GOLD, x=80, y=y0 - 4,
               a=t0, b=end)
        g.text(fact["kk"], font=FONT_BOLD, size=kk_size, color="white", x=150, y=y0,
               a=t0, b=end, max_width=fw)
        g.text(fact["ru"], size=ru_size, color=PALE, x=150, y=y0 + 47, a=t0, b=end,
               max_width=fw)
        g.text(fact["en"], size=en_size, color=LIGHT_GOLD, x=150, y=y0 + 85, a=t0,
               b=end, max_width=fw)

    graph = ("[0:v]" + ",".join(g.filters) + "[txt];"
             f"[txt][1:v]overlay=x='-w+w*t/{d}':y=H-h:eval=frame,"
             f"fade=t=in:st=0:d=0.3,fade=t=out:st={d - 0.5}:d=0.5,"
             "format=yuv420p[v]")
    script = tmp / "graph.txt"
    script.write_text(graph, encoding="utf-8")

    c0, c1 = spec["bg"]
    return [
        "ffmpeg", "-y", "-hide_banner", "-loglevel", "error",
        "-f", "lavfi", "-i",
        f"gradients=s={W}x{H}:r=25:d={d}:c0={c0}:c1={c1}:x0=0:y0=0:x1={W}:y1={H}"
        ":nb_colors=2:seed=1:speed=0.02",
        "-f", "lavfi", "-i", f"color=c={GOLD}:s={W}x8:r=25:d={d}",
        "-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono",
        "-filter_complex_script", str(script),
        "-map", "[v]", "-map", "2:a", "-t", f"{d}",
        "-c:v", "libx264", "-preset", "slow", "-crf", "26", "-profile:v", "high",
        "-level:v", "3.1", "-pix_fmt", "yuv420p", "-r", "25", "-g", "50",
        "-c:a", "aac", "-b:a", "48k", "-ac", "1", "-ar", "48000",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
        "-flags:a", "+bitexact", "-movflags", "+faststart",
        str(out),
    ]


def make_corrupt(good: Path, out: Path, tmp: Path) -> None:
    """First 30 KiB of a real clip (moov moved to the end, so it is cut off),
    then 34 KiB of seeded pseudo-random garbage: no player can decode it."""
    plain = tmp / "plain.mp4"
    subprocess.run(["ffmpeg", "-y", "-hide_banner", "-loglevel", "error", "-i", str(good),
                    "-map", "0", "-c", "copy", "-map_metadata", "-1",
                    "-fflags", "+bitexact", str(plain)], check=True)
    head = plain.read_bytes()[:30 * 1024]
    rng = random.Random(20260101)
    garbage = bytes(rng.getrandbits(8) for _ in range(34 * 1024))
    out.write_bytes(head + garbage)


def make_videos(out_dir: Path, data_dir: Path = DATA_DIR) -> list[Path]:
    if not shutil.which("ffmpeg"):
        sys.exit("ffmpeg is not on PATH (Debian: apt-get install ffmpeg)")
    for font in (FONT, FONT_BOLD):
        if not Path(font).exists():
            sys.exit(f"font {font} is missing (Debian: apt-get install fonts-dejavu-core)")
    court_name = data.settings(data_dir)["court_name"]
    specs = data.clips(data_dir)
    written = []
    with tempfile.TemporaryDirectory(prefix="ck-media-") as tmpname:
        tmp = Path(tmpname)
        for spec in specs:
            sub = tmp / spec["name"]
            sub.mkdir()
            path = Path(out_dir) / layout.clip_file(spec["name"])
            path.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(video_command(spec, path, sub, court_name), check=True)
            written.append(path)
        corrupt = Path(out_dir) / CORRUPT
        make_corrupt(written[0], corrupt, tmp)
        written.append(corrupt)
    return written
