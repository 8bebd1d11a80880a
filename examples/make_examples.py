"""Makes the example images of the README's main job: synthetic scenes with one clear object each.

Run from the repository root with /usr/bin/python3 examples/make_examples.py; the output is deterministic.
"""
import os
import random

from PIL import Image, ImageDraw, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))


def scene(name, size, background, shape, box, colour, seed):
    rng = random.Random(seed)
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    # Faint texture so the background is not a single colour, as in a photo.
    for _ in range(size[0] * size[1] // 400):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        shade = tuple(max(0, min(255, c + rng.randint(-18, 18))) for c in background)
        draw.ellipse([x, y, x + rng.randint(2, 9), y + rng.randint(2, 9)], fill=shade)
    getattr(draw, shape)(box, fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(0.8))
    image.save(os.path.join(HERE, "images", name))


def main():
    os.makedirs(os.path.join(HERE, "images"), exist_ok=True)
    scene("red-disc-on-grass.png", (320, 240), (70, 120, 60), "ellipse", [170, 60, 280, 170], (200, 40, 40), 1)
    scene("blue-box-on-sand.jpg", (300, 200), (210, 190, 140), "rectangle", [40, 50, 150, 160], (40, 70, 190), 2)
    scene("yellow-disc-on-sky.png", (257, 181), (120, 170, 230), "ellipse", [90, 40, 180, 130], (240, 210, 40), 3)


if __name__ == "__main__":
    main()
