#!/usr/bin/env python3
"""Draws the labelled boxes of vtest.json onto the frames, for checking labels by eye.

    python3 tests/labels/draw.py tests/labels/vtest.json OUTDIR [FRAME ...]

Each frame is taken out of the video by number with ffmpeg, a 50-pixel grid with
coordinates is laid over it (to read positions off when adding a box), and each
box is drawn with its index. Needs ffmpeg and ImageMagick; standard library only.
"""
import json
import os
import subprocess
import sys

VIDEO = "/usr/share/doc/opencv-doc/examples/data/vtest.avi"


def draw(frame, boxes, outdir):
    raw = os.path.join(outdir, f"raw-{frame:04d}.png")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", VIDEO, "-vf", f"select=eq(n\\,{frame})",
                    "-frames:v", "1", raw], check=True)
    cmd = ["convert", raw, "-font", "DejaVu-Sans", "-fill", "none", "-stroke", "rgba(255,255,255,0.25)"]
    for x in range(0, 768, 50):
        cmd += ["-draw", f"line {x},0 {x},575"]
    for y in range(0, 576, 50):
        cmd += ["-draw", f"line 0,{y} 767,{y}"]
    cmd += ["-stroke", "none", "-fill", "yellow", "-pointsize", "10"]
    for x in range(0, 768, 100):
        cmd += ["-draw", f"text {x + 2},10 '{x}'"]
    for y in range(100, 576, 100):
        cmd += ["-draw", f"text 2,{y - 2} '{y}'"]
    for i, (x, y, w, h) in enumerate(boxes):
        cmd += ["-fill", "none", "-stroke", "red", "-draw", f"rectangle {x},{y} {x + w},{y + h}",
                "-stroke", "none", "-fill", "red", "-pointsize", "14", "-draw", f"text {x},{y - 2} '{i}'"]
    out = os.path.join(outdir, f"frame-{frame:04d}.png")
    subprocess.run(cmd + [out], check=True)
    os.remove(raw)
    return out


def main():
    labels, outdir, wanted = sys.argv[1], sys.argv[2], {int(a) for a in sys.argv[3:]}
    os.makedirs(outdir, exist_ok=True)
    with open(labels) as f:
        frames = json.load(f)["frames"]
    for entry in frames:
        if not wanted or entry["frame"] in wanted:
            print(draw(entry["frame"], entry["boxes"], outdir))


if __name__ == "__main__":
    main()
